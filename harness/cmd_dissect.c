/* netfuzz dissect [--json] [--stats] [--certs] [--filter BPF] FILE
 *
 * --certs hands every certificate of a TLS Certificate message to the
 * certificate module (src/cert/) and prints a summary line for each under
 * the packet's line: the frame dissector only records the DER bytes.
 *
 * Reads a pcap or pcapng capture through libpcap and runs every packet
 * through the frame dissectors (src/frame/), printing one line per packet
 * like `tcpdump -n` (with tcpdump's local-time timestamp), NDJSON with
 * Wireshark field names (--json), or packet counts per protocol (--stats).
 * Output is buffered (include/netfuzz/out.h) and flushed before any error
 * message, so nothing decoded is lost.  Exit: 0 ok; 1 the capture ends
 * inside a record (every good packet before it was printed); 2 usage,
 * unreadable file, not a capture, or a bad filter. */
#include "netfuzz/cert.h"
#include "args.h"
#include "cli.h"
#include "netfuzz/frame.h"
#include "netfuzz/out.h"
#include "netfuzz/print.h"

#include <errno.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* One line per certificate in the packet's TLS Certificate messages (the
 * frame dissector only records the DER bytes; src/cert/ reads them). */
static void print_certs(struct nf_out *o, const struct nf_packet *pkt)
{
	unsigned n = 0;

	for (unsigned i = 0; i < pkt->nfields; i++) {
		const struct nf_field *f = &pkt->fields[i];

		if (f->fid == NFF_tls_handshake_certificate)
			nf_cert_print_summary(o, n++, (const uint8_t *)f->v.ptr, f->len, f->off);
	}
}

/* tcpdump's default timestamp: local time HH:MM:SS.uuuuuu, then a space.
 * localtime_r runs once per distinct second. */
static void print_ts(struct nf_out *o, const struct timeval *tv)
{
	static time_t last = (time_t)-1;
	static char hms[16];
	char us[8];

	if (tv->tv_sec != last) {
		struct tm tm;
		time_t t = tv->tv_sec;

		localtime_r(&t, &tm);
		snprintf(hms, sizeof hms, "%02d:%02d:%02d.", tm.tm_hour, tm.tm_min, tm.tm_sec);
		last = tv->tv_sec;
	}
	nf_out_str(o, hms);
	for (long v = (long)tv->tv_usec % 1000000, i = 5; i >= 0; i--, v /= 10)
		us[i] = (char)('0' + (v < 0 ? 0 : v % 10));
	us[6] = ' ';
	nf_out_mem(o, us, 7);
}

NF_COMMAND(dissect, "[--json] [--stats] [--certs] [--filter BPF] FILE|-",
	   "decode a pcap/pcapng capture: one line per packet (tcpdump -n style), NDJSON, or stats")
{
	static struct nf_packet pkt;
	static struct nf_out o;
	static struct nf_stats st;
	char errbuf[PCAP_ERRBUF_SIZE] = "";
	const char *file = NULL, *filter = NULL;
	bool json = false, stats = false, certs = false;
	struct pcap_pkthdr *h;
	const u_char *data;
	uint64_t record = 0;
	pcap_t *p;
	FILE *fp;
	int rc, lt;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--json"))
			json = true;
		else if (!strcmp(argv[i], "--stats"))
			stats = true;
		else if (!strcmp(argv[i], "--certs"))
			certs = true;
		else if (!strcmp(argv[i], "--filter")) {
			if (!(filter = nf_arg_value("dissect", argc, argv, &i)))
				return NF_EXIT_USAGE;
		} else if (argv[i][0] == '-' && argv[i][1])
			return nf_usage_error("dissect", "unknown option '%s' (usage: netfuzz dissect [--json] [--stats] [--certs] [--filter BPF] FILE|-)", argv[i]);
		else if (file)
			return nf_usage_error("dissect", "one capture file expected, got '%s' and '%s'", file, argv[i]);
		else
			file = argv[i];
	}
	if (!file)
		return nf_usage_error("dissect", "usage: netfuzz dissect [--json] [--stats] [--certs] [--filter BPF] FILE|-");
	/* Our own FILE with a large buffer: libpcap reads each record with
	 * fread, and a 1 MiB buffer cuts the read(2) calls 256-fold. */
	/* "-" is standard input, as tcpdump -r - (tcpdump -w - | netfuzz dissect -);
	 * libpcap reads a stream: it never seeks in a savefile */
	fp = strcmp(file, "-") ? fopen(file, "rb") : stdin;
	if (fp == stdin)
		file = "standard input";
	if (!fp)
		return nf_usage_error("dissect", "%s: cannot open: %s", file, strerror(errno));
	setvbuf(fp, NULL, _IOFBF, 1 << 20);
	p = pcap_fopen_offline_with_tstamp_precision(fp, PCAP_TSTAMP_PRECISION_MICRO, errbuf);
	if (!p) {
		fclose(fp);
		return nf_usage_error("dissect", "%s: not a readable pcap/pcapng capture: %s", file, errbuf);
	}
	lt = nf_linktype_from_dlt(pcap_datalink(p));
	if (filter) {
		struct bpf_program prog;

		if (pcap_compile(p, &prog, filter, 1, PCAP_NETMASK_UNKNOWN) != 0 || pcap_setfilter(p, &prog) != 0) {
			rc = nf_usage_error("dissect", "bad filter '%s': %s", filter, pcap_geterr(p));
			pcap_close(p);
			return rc;
		}
		pcap_freecode(&prog);
	}
	pkt.layers_only = stats; /* counts need layers, not field values */
	nf_out_init(&o, STDOUT_FILENO);
	memset(&st, 0, sizeof st);
	while ((rc = pcap_next_ex(p, &h, &data)) == 1) {
		record++;
		nf_dissect(&pkt, lt, data, h->caplen, h->len);
		if (stats)
			nf_stats_add(&st, &pkt);
		else if (json)
			nf_print_ndjson(&o, &pkt, record);
		else {
			print_ts(&o, &h->ts);
			nf_print_line(&o, &pkt);
			if (certs)
				print_certs(&o, &pkt);
		}
		if (o.failed)
			break;
	}
	if (stats)
		nf_stats_print(&o, &st, json);
	nf_out_flush(&o);
	if (o.failed) {
		fprintf(stderr, "netfuzz: dissect: write to standard output failed\n");
		pcap_close(p);
		return NF_EXIT_FINDINGS;
	}
	if (rc == PCAP_ERROR) {
		/* libpcap stops at a record it cannot read: say which, and where. */
		FILE *f = pcap_file(p);
		long at = f ? ftell(f) : -1;

		fprintf(stderr, "netfuzz: dissect: %s: record %llu", file, (unsigned long long)record + 1);
		if (at >= 0)
			fprintf(stderr, " (reading stopped at file offset %ld)", at);
		fprintf(stderr, ": %s; %llu good packet(s) before it were printed\n", pcap_geterr(p),
			(unsigned long long)record);
		pcap_close(p);
		return NF_EXIT_FINDINGS;
	}
	pcap_close(p);
	return NF_EXIT_OK;
}
