/* Fuzz target: libpcap's filter compiler and BPF interpreter, in the
 * manner of libpcap's testprogs/fuzz/fuzz_filter.c and fuzz_both.c.
 * Input: filter text, a NUL byte, then one Ethernet frame.  The filter is
 * compiled with pcap_compile on a dead Ethernet handle, run with
 * pcap_offline_filter over the frame, and a matching frame is dissected. */
#include "netfuzz/frame.h"
#include "netfuzz/limits.h"
#include "netfuzz/target.h"

#include <pcap/pcap.h>
#include <string.h>

#include "no_resolver.h"
#include "sink.h"

NF_META(bpf_filter, libraries, "libpcap")

NF_TARGET(bpf_filter, "frame", "pcap_compile() + pcap_offline_filter()")
{
	static struct nf_packet pkt;
	char filter[NF_MAX_FUZZ_FILTER_LEN + 1];
	struct bpf_program prog;
	struct pcap_pkthdr h;
	struct nf_cur c, frame;
	size_t n = 0;
	uint8_t ch;
	pcap_t *p;

	nf_cur_init(&c, data, size);
	while (n < NF_MAX_FUZZ_FILTER_LEN && nf_cur_get_u8(&c, &ch) && ch != 0)
		filter[n++] = (char)ch;
	filter[n] = 0;
	nf_cur_get_rest(&c, &frame);
	p = pcap_open_dead(DLT_EN10MB, 65535);
	if (!p)
		return 0;
	if (pcap_compile(p, &prog, filter, 1, PCAP_NETMASK_UNKNOWN) == 0) {
		memset(&h, 0, sizeof h);
		static const u_char empty[1];

		h.caplen = h.len = (bpf_u_int32)nf_cur_len(&frame);
		if (pcap_offline_filter(&prog, &h, h.caplen ? nf_cur_data(&frame) : empty) != 0) {
			nf_dissect(&pkt, NF_LINKTYPE_ETHERNET, nf_cur_data(&frame), nf_cur_len(&frame),
				   nf_cur_len(&frame));
			nf_target_sink(&pkt, data, size);
		}
		pcap_freecode(&prog);
	}
	pcap_close(p);
	return 0;
}
