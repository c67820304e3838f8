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
#include "netfuzz/jsonw.h"
#include "netfuzz/out.h"
#include "netfuzz/print.h"

#include <errno.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* One line per certificate in the packet's TLS Certificate messages. */
static void print_certs(struct nf_out *o, const struct nf_packet *pkt)
{
	static struct nf_cert_info info;
	unsigned n = 0;

	for (unsigned i = 0; i < pkt->nfields; i++) {
		const struct nf_field *f = &pkt->fields[i];
		char from[32], to[32];

		if (f->fid != NFF_tls_handshake_certificate)
			continue;
		nf_out_str(o, "    certificate ");
		nf_out_u64(o, n++);
		nf_out_str(o, ": ");
		if (!nf_cert_info_from_der((const uint8_t *)f->v.ptr, f->len, &info)) {
			nf_out_str(o, "not one DER certificate (");
			nf_out_u64(o, f->len);
			nf_out_str(o, " bytes at offset ");
			nf_out_u64(o, f->off);
			nf_out_str(o, ")\n");
			continue;
		}
		nf_out_str(o, "subject ");
		nf_out_safe_text(o, info.subject, strlen(info.subject));
		nf_out_str(o, "; issuer ");
		nf_out_safe_text(o, info.issuer, strlen(info.issuer));
		if (info.times_ok) {
			nf_cert_fmt_time(from, info.not_before);
			nf_cert_fmt_time(to, info.not_after);
			nf_out_str(o, "; valid ");
			nf_out_str(o, from);
			nf_out_str(o, " to ");
			nf_out_str(o, to);
			nf_out_str(o, " (");
			nf_out_i64(o, info.days);
			nf_out_str(o, " days)");
		}
		nf_out_str(o, "; key ");
		nf_out_str(o, info.key_desc);
		nf_out_str(o, "; signature ");
		nf_out_str(o, info.sig_name);
		nf_out_char(o, '\n');
	}
}

/* Per-protocol counts indexed by protocol id (fields.h): one increment
 * per layer, no name compare; `order` keeps first-seen order for output. */
struct stats {
	uint64_t packets, truncated, malformed, overflow;
	unsigned n;
	uint8_t order[NFP__COUNT];
	uint64_t count[NFP__COUNT];
};

static void count_packet(struct stats *st, const struct nf_packet *pkt)
{
	bool trunc = false, bad = false;

	st->packets++;
	for (unsigned i = 0; i < pkt->nlayers; i++) {
		unsigned pid = pkt->layers[i].pid;

		trunc |= pkt->layers[i].status == NF_LAYER_TRUNCATED;
		bad |= pkt->layers[i].status == NF_LAYER_MALFORMED;
		if (st->count[pid]++ == 0)
			st->order[st->n++] = (uint8_t)pid;
	}
	st->truncated += trunc;
	st->malformed += bad;
	st->overflow += pkt->overflow;
}

static void print_stats(struct nf_out *o, const struct stats *st, bool json)
{
	if (json) {
		/* The streaming writer (src/core/jsonw.c) places the commas and
		 * escapes the protocol names, as for per-packet NDJSON. */
		struct nf_jw w;

		nf_jw_init(&w, o);
		nf_jw_object_begin(&w);
		nf_jw_key(&w, "packets", 7);
		nf_jw_uint(&w, st->packets);
		nf_jw_key(&w, "truncated", 9);
		nf_jw_uint(&w, st->truncated);
		nf_jw_key(&w, "malformed", 9);
		nf_jw_uint(&w, st->malformed);
		nf_jw_key(&w, "protocols", 9);
		nf_jw_object_begin(&w);
		for (unsigned k = 0; k < st->n; k++) {
			const struct nf_fdesc *d = &nf_protos[st->order[k]];

			nf_jw_key(&w, d->name, d->name_len);
			nf_jw_uint(&w, st->count[st->order[k]]);
		}
		nf_jw_object_end(&w);
		nf_jw_object_end(&w);
		nf_jw_newline(&w);
		return;
	}
	char line[128];
	snprintf(line, sizeof line, "%-12s %12llu\n", "packets", (unsigned long long)st->packets);
	nf_out_str(o, line);
	for (unsigned k = 0; k < st->n; k++) {
		snprintf(line, sizeof line, "%-12s %12llu\n", nf_protos[st->order[k]].name,
			 (unsigned long long)st->count[st->order[k]]);
		nf_out_str(o, line);
	}
	snprintf(line, sizeof line, "%-12s %12llu\n%-12s %12llu\n", "truncated",
		 (unsigned long long)st->truncated, "malformed", (unsigned long long)st->malformed);
	nf_out_str(o, line);
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
	static struct stats st;
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
			count_packet(&st, &pkt);
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
		print_stats(&o, &st, json);
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
