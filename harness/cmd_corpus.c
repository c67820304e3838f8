/* netfuzz corpus import --target T [--out DIR] FILE.pcap
 *
 * Turns a capture into per-packet seed files for a frame target, each named
 * by the first 16 hex digits of the SHA-1 of its content (so importing twice
 * adds nothing).  What a seed holds depends on the target's entry point:
 *   frame_ether      the whole frame (Ethernet captures only)
 *   frame_radiotap   the whole frame (radiotap captures only)
 *   frame_sll        a selector byte (0 SLL, 1 SLL2) and the whole packet
 *   frame_raw_ip     from the IPv4/IPv6 header on
 *   dns              the DNS/mDNS message (UDP payload)
 *   tls_handshake    the TLS records of the TCP payload
 *   quic_initial     the QUIC datagram (UDP payload)
 *   pcap_file        a one-packet pcap file
 * Packets without the needed layer are skipped and counted. */
#include "args.h"
#include "cli.h"
#include "netfuzz/frame.h"
#include "netfuzz/target.h"
#include "netfuzz/util.h"

#include <errno.h>
#include <limits.h>
#include <openssl/evp.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#define SEED_MAX 262144

enum kind { K_LINK, K_SLL, K_LAYER, K_PCAP };

/* How one packet becomes a seed: the target's NF_META seed line
 * (include/netfuzz/target.h), e.g. "link 1", "udp-layer dns mdns". */
struct shape {
	enum kind kind;
	int linktype;        /* K_LINK: required link type */
	char proto[2][16];   /* K_LAYER: first layer named so */
	bool udp;            /* K_LAYER: stop at the UDP length */
};

static bool parse_shape(const char *spec, struct shape *sh)
{
	char word[16];
	int n = 0;

	memset(sh, 0, sizeof *sh);
	if (!spec || sscanf(spec, "%15s%n", word, &n) != 1)
		return false;
	if (!strcmp(word, "link"))
		return sh->kind = K_LINK, sscanf(spec + n, "%d", &sh->linktype) == 1;
	if (!strcmp(word, "sll"))
		return sh->kind = K_SLL, true;
	if (!strcmp(word, "pcap"))
		return sh->kind = K_PCAP, true;
	sh->kind = K_LAYER;
	sh->udp = !strcmp(word, "udp-layer");
	return (sh->udp || !strcmp(word, "layer")) &&
	       sscanf(spec + n, "%15s %15s", sh->proto[0], sh->proto[1]) >= 1;
}

static bool write_seed(const char *dir, const uint8_t *b, size_t n, bool *dup)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;
	char path[PATH_MAX];
	struct stat st;
	FILE *f;

	if (!EVP_Digest(b, n, md, &mdlen, EVP_sha1(), NULL))
		return false;
	char hex[17];

	for (int i = 0; i < 8; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
	/* dir was checked to leave room for the name (issue 26) */
	if (!nf_path_join(path, sizeof path, dir, hex)) {
		errno = ENAMETOOLONG;
		return false;
	}
	*dup = stat(path, &st) == 0;
	if (*dup)
		return true;
	f = fopen(path, "wb");
	if (!f)
		return false;
	if (fwrite(b, 1, n, f) != n) {
		fclose(f);
		return false;
	}
	return fclose(f) == 0;
}

/* Build the seed for one packet into out; returns its length, 0 to skip. */
static size_t seed_for(const struct shape *sh, const struct nf_packet *pkt, int lt, const struct pcap_pkthdr *h,
		       const uint8_t *data, uint8_t *out)
{
	size_t n = h->caplen;

	switch (sh->kind) {
	case K_LINK:
		if (lt != sh->linktype || n > SEED_MAX)
			return 0;
		memcpy(out, data, n);
		return n;
	case K_SLL:
		if ((lt != NF_LINKTYPE_LINUX_SLL && lt != NF_LINKTYPE_LINUX_SLL2) || n + 1 > SEED_MAX)
			return 0;
		out[0] = lt == NF_LINKTYPE_LINUX_SLL2;
		memcpy(out + 1, data, n);
		return n + 1;
	case K_PCAP: {
		/* pcap file header (LINKTYPE, snaplen) then one record header. */
		uint32_t hdr[6] = {0xa1b2c3d4, 2 | (4u << 16), 0, 0, 262144, (uint32_t)lt};
		uint32_t rec[4] = {(uint32_t)h->ts.tv_sec, (uint32_t)h->ts.tv_usec, h->caplen, h->len};

		if (n + sizeof hdr + sizeof rec > SEED_MAX)
			return 0;
		memcpy(out, hdr, sizeof hdr);
		memcpy(out + sizeof hdr, rec, sizeof rec);
		memcpy(out + sizeof hdr + sizeof rec, data, n);
		return n + sizeof hdr + sizeof rec;
	}
	case K_LAYER:
		for (int i = 0; i < pkt->nlayers; i++) {
			const char *p = pkt->layers[i].proto;
			size_t start = pkt->layers[i].off, end = n;

			if (strcmp(p, sh->proto[0]) != 0 && !(sh->proto[1][0] && !strcmp(p, sh->proto[1])))
				continue;
			if (sh->udp && i > 0 && !strcmp(pkt->layers[i - 1].proto, "udp")) {
				const struct nf_field *len = nf_layer_field(pkt, i - 1, "udp.length");

				if (len && len->v.u >= 8 && pkt->layers[i - 1].off + len->v.u < end)
					end = pkt->layers[i - 1].off + (size_t)len->v.u;
			}
			if (start >= end || end - start > SEED_MAX)
				return 0;
			memcpy(out, data + start, end - start);
			return end - start;
		}
		return 0;
	}
	return 0;
}

NF_COMMAND(corpus, "import --target T [--out DIR] FILE.pcap",
	   "turn a capture into per-packet seed files for a frame target (named by content hash)")
{
	static struct nf_packet pkt;
	static uint8_t seed[SEED_MAX];
	char errbuf[PCAP_ERRBUF_SIZE], dir[PATH_MAX];
	const char *target = NULL, *out = NULL, *file = NULL;
	uint64_t packets = 0, written = 0, dups = 0, skipped = 0;
	struct pcap_pkthdr *h;
	const u_char *data;
	const struct nf_target *t;
	struct shape sh;
	int rc, lt;
	pcap_t *p;

	if (argc < 2 || strcmp(argv[1], "import") != 0)
		return nf_usage_error("corpus", "usage: netfuzz corpus import --target T [--out DIR] FILE.pcap");
	for (int i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "--target")) {
			if (!(target = nf_arg_value("corpus", argc, argv, &i)))
				return NF_EXIT_USAGE;
		} else if (!strcmp(argv[i], "--out")) {
			if (!(out = nf_arg_value("corpus", argc, argv, &i)))
				return NF_EXIT_USAGE;
		} else if (argv[i][0] == '-')
			return nf_usage_error("corpus", "unknown option '%s'", argv[i]);
		else if (file)
			return nf_usage_error("corpus", "one capture file expected, got '%s' and '%s'", file, argv[i]);
		else
			file = argv[i];
	}
	if (!target || !file)
		return nf_usage_error("corpus", "usage: netfuzz corpus import --target T [--out DIR] FILE.pcap");
	t = nf_target_find(target);
	if (!t || !parse_shape(t->seed, &sh)) {
		fprintf(stderr, "netfuzz: corpus: target '%s' takes no per-packet seeds; one of:", target);
		for (t = nf_target_first(); t < nf_target_end(); t++)
			if (parse_shape(t->seed, &sh))
				fprintf(stderr, " %s", t->name);
		fputc('\n', stderr);
		return NF_EXIT_USAGE;
	}
	if (out ? !nf_strfmt(dir, sizeof dir, "%s", out) : !nf_path_join(dir, sizeof dir, nf_project_root(), "corpora", target))
		return nf_usage_error("corpus", "the seed directory %s is too long", out ? out : nf_project_root());
	if (strlen(dir) + 18 >= sizeof dir) /* "/" and a 16-digit name below it */
		return nf_usage_error("corpus", "--out is too long: %zu characters, and a seed's name needs 17 more (a path "
						"is at most %d); nothing was written", strlen(dir), PATH_MAX - 1);
	if (nf_mkdir_p(dir) != 0)
		return nf_usage_error("corpus", "cannot create %s: %s", dir, strerror(errno));
	p = pcap_open_offline_with_tstamp_precision(file, PCAP_TSTAMP_PRECISION_MICRO, errbuf);
	if (!p)
		return nf_usage_error("corpus", "%s: not a readable pcap/pcapng capture: %s", file, errbuf);
	lt = nf_linktype_from_dlt(pcap_datalink(p));
	while ((rc = pcap_next_ex(p, &h, &data)) == 1) {
		size_t n;
		bool dup = false;

		packets++;
		nf_dissect(&pkt, lt, data, h->caplen, h->len);
		n = seed_for(&sh, &pkt, lt, h, data, seed);
		if (n == 0) {
			skipped++;
			continue;
		}
		if (!write_seed(dir, seed, n, &dup)) {
			fprintf(stderr, "netfuzz: corpus: cannot write a seed in %s: %s\n", dir, strerror(errno));
			pcap_close(p);
			return NF_EXIT_USAGE;
		}
		dups += dup;
		written += !dup;
	}
	printf("%s: %llu packets, %llu new seeds in %s, %llu duplicates, %llu skipped (no %s input)\n", file,
	       (unsigned long long)packets, (unsigned long long)written, dir, (unsigned long long)dups,
	       (unsigned long long)skipped, target);
	if (rc == PCAP_ERROR) {
		fprintf(stderr, "netfuzz: corpus: %s: record %llu: %s\n", file, (unsigned long long)packets + 1,
			pcap_geterr(p));
		pcap_close(p);
		return NF_EXIT_FINDINGS;
	}
	pcap_close(p);
	return NF_EXIT_OK;
}
