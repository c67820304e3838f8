/* Test helper: read a pcap/pcapng file with libpcap and print every packet
 * through nf_dissect and the NDJSON printer (default) or the one-line
 * printer (--line).  Used by tests/check.d/wifi_tshark.sh until the
 * `netfuzz dissect` subcommand is merged.  Exit 0 ok, 2 unreadable input. */
#include <pcap/pcap.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "netfuzz/frame.h"
#include "netfuzz/out.h"
#include "netfuzz/print.h"

static struct nf_packet pkt;
static struct nf_out out;

int main(int argc, char **argv)
{
	char err[PCAP_ERRBUF_SIZE];
	const char *file = NULL;
	bool line = false;
	struct pcap_pkthdr *h;
	const u_char *data;
	uint64_t n = 0;
	pcap_t *p;
	int rc;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--line"))
			line = true;
		else
			file = argv[i];
	}
	if (!file) {
		fprintf(stderr, "usage: wifi_dump [--line] FILE.pcap\n");
		return 2;
	}
	p = pcap_open_offline(file, err);
	if (!p) {
		fprintf(stderr, "wifi_dump: %s: %s\n", file, err);
		return 2;
	}
	nf_out_init(&out, STDOUT_FILENO);
	while ((rc = pcap_next_ex(p, &h, &data)) == 1) {
		nf_dissect(&pkt, pcap_datalink(p), data, h->caplen, h->len);
		if (line)
			nf_print_line(&out, &pkt);
		else
			nf_print_ndjson(&out, &pkt, ++n);
	}
	if (rc == PCAP_ERROR)
		fprintf(stderr, "wifi_dump: %s: %s\n", file, pcap_geterr(p));
	pcap_close(p);
	nf_out_flush(&out);
	return rc == PCAP_ERROR || out.failed ? 2 : 0;
}
