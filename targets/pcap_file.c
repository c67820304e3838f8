/* Fuzz target: libpcap's capture-file readers as users ship them.  The
 * input is a whole pcap or pcapng file, opened on an in-memory stream
 * (fmemopen + pcap_fopen_offline, as libpcap's testprogs/fuzz/fuzz_pcap.c
 * does); every packet, up to NF_MAX_FUZZ_PCAP_PACKETS, then goes through
 * our dissectors for the file's link type and both printers. */
#include "netfuzz/frame.h"
#include "netfuzz/limits.h"
#include "netfuzz/oracle.h"
#include "netfuzz/target.h"

#include <pcap/pcap.h>
#include <stdio.h>

#include "sink.h"

NF_META(pcap_file, mutator, "structure")
NF_META(pcap_file, oracles, "frame-bpf")
NF_META(pcap_file, libraries, "libpcap")
NF_META(pcap_file, seed, "pcap") /* netfuzz corpus import: what one packet becomes */
/* libpcap records no structure; our walk of the file does (src/frame/pcap_walk.c). */
NF_RECORD(pcap_file)
{
	if (size)
		nf_rec_capture_file(data, size);
	return 0;
}

NF_TARGET(pcap_file, "frame", "pcap_fopen_offline() + nf_dissect()")
{
	static struct nf_packet pkt;
	char errbuf[PCAP_ERRBUF_SIZE];
	struct pcap_pkthdr *h;
	const u_char *pd;
	FILE *f;
	pcap_t *p;
	int lt, print = nf_target_sink_selected(data, size);

	if (size == 0)
		return 0;
	/* fmemopen reads the buffer in place; "r" never writes to it. */
	f = fmemopen((void *)data, size, "r");
	if (!f)
		return 0;
	p = pcap_fopen_offline(f, errbuf); /* takes ownership of f */
	if (!p) {
		fclose(f);
		return 0;
	}
	lt = nf_linktype_from_dlt(pcap_datalink(p));
	for (int i = 0; i < NF_MAX_FUZZ_PCAP_PACKETS && pcap_next_ex(p, &h, &pd) == 1; i++) {
		nf_dissect(&pkt, lt, pd, h->caplen, h->len);
		if (print)
			nf_target_sink_packet(&pkt);
		nf_oracle_frame(&pkt, pd);
	}
	pcap_close(p);
	return 0;
}
