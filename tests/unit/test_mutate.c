/* Structure records and the mutator's repair (issue 13): per format, take a
 * committed seed, record its structure, make a length-changing edit to one
 * element (a copy of it, or bytes added inside it), repair, and check that
 * the repaired input re-dissects with no malformed/truncated on the layers
 * whose lengths and counts changed.  Without repair each of these inputs is
 * rejected (tried: nf_mut_repair made a no-op fails every test here). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "netfuzz/cert.h"
#include "netfuzz/der.h"
#include "netfuzz/frame.h"
#include "netfuzz/route.h"

#include <openssl/x509.h>
#include <pcap/pcap.h>
#include <openssl/x509v3.h>

#include "../../src/mutate/edit.h"
#include "../../src/mutate/mutate.h"
#include "../../src/mutate/text.h"

#define CAP 8192

static struct nf_packet pkt;
static struct nf_rec rec;
static struct nf_edit ed;
static uint8_t buf[CAP];

static size_t load(const char *path)
{
	FILE *f = fopen(path, "rb");
	size_t n;

	assert_non_null(f);
	n = fread(buf, 1, CAP / 2, f);
	fclose(f);
	assert_true(n > 0);
	return n;
}

static int run_ether(const uint8_t *d, size_t n) { return nf_dissect(&pkt, NF_LINKTYPE_ETHERNET, d, n, n), 0; }
static int run_radiotap(const uint8_t *d, size_t n)
{
	return nf_dissect(&pkt, NF_LINKTYPE_IEEE802_11_RADIOTAP, d, n, n), 0;
}
static int run_dns(const uint8_t *d, size_t n)
{
	struct nf_cur c;

	nf_packet_reset(&pkt, -1, n, n);
	nf_cur_init(&c, d, n);
	nf_dissect_dns(&pkt, &c, false);
	return 0;
}
static struct nf_sct_list scts;
static enum nf_sct_err sct_err;
static int run_sct(const uint8_t *d, size_t n)
{
	struct nf_cur c;
	size_t off;

	nf_cur_init(&c, d, n);
	sct_err = nf_sct_list_parse(&c, &scts, &off);
	return 0;
}
static struct nf_route routes[256];
static struct nf_neigh neighs[256];
static struct nf_iface ifaces[64];
static struct nf_rtable rt;
static struct nf_rt_error rt_err;
static enum nf_rt_format rt_fmt;
static int run_route(const uint8_t *d, size_t n)
{
	struct nf_cur c;

	nf_rtable_init_fixed(&rt, routes, 256, neighs, 256, ifaces, 64);
	nf_cur_init(&c, d, n);
	(void)nf_route_decode(rt_fmt, &c, &rt, &rt_err);
	return 0;
}

static size_t record(int (*run)(const uint8_t *, size_t), size_t n)
{
	struct nf_mutator m = {.run = run};

	nf_mut_record(&m, &rec, buf, n);
	assert_false(rec.overflow);
	assert_true(rec.nrels > 0);
	ed.data = buf;
	ed.size = n;
	ed.max = CAP;
	ed.rec = &rec;
	return n;
}

/* Insert a copy of element x right after it; a copy in a list counts. */
static void dup_element(int x)
{
	struct nf_span s = rec.span[x];

	assert_true(nf_edit_splice(&ed, s.off + s.len, s.off + s.len, buf + s.off, s.len, x));
	if (s.list != NF_REC_NONE)
		rec.span[rec.nspans++] = (struct nf_span){.off = s.off + s.len, .len = s.len, .list = s.list};
}

/* Grow span x by k zero bytes at its end (replace its last byte by itself
 * and k zeros: every span holding it grows). */
static void grow_span(int x, size_t k)
{
	struct nf_span s = rec.span[x];
	uint8_t add[64] = {0};

	assert_true(s.len > 0 && k < sizeof add);
	add[0] = buf[s.off + s.len - 1];
	assert_true(nf_edit_splice(&ed, s.off + s.len - 1, s.off + s.len, add, k + 1, -1));
}

static const struct nf_rel *rel_at(size_t off)
{
	for (uint32_t i = 0; i < rec.nrels; i++)
		if (rec.rel[i].off == off)
			return &rec.rel[i];
	fail_msg("no relation recorded at offset %zu", off);
	return NULL;
}

static int element_of(int list)
{
	for (uint32_t i = 0; i < rec.nspans; i++)
		if (rec.span[i].list == list && rec.span[i].len)
			return (int)i;
	fail_msg("list %d has no element", list);
	return -1;
}

static void assert_layer_ok(const char *proto)
{
	const struct nf_layer *l = nf_find_layer(&pkt, proto);

	assert_non_null(l);
	if (l->status != NF_LAYER_OK)
		fail_msg("layer %s: %s at %u", proto, l->err ? l->err : "?", l->err_off);
}

static uint64_t field_uint(const char *name)
{
	const struct nf_field *f = nf_find(&pkt, name);

	assert_non_null(f);
	return f->v.u;
}

static size_t field_count(const char *name)
{
	size_t n = 0;

	for (size_t i = 0; i < pkt.nfields; i++)
		n += !strcmp(pkt.fields[i].name, name);
	return n;
}

/* Ethernet/IPv4/UDP/DNS: a copied answer changes ANCOUNT, the UDP length
 * and the IPv4 total length; all three are repaired. */
static void test_ether_dns_answer_copy(void **state)
{
	size_t n = load("corpora/frame_ether/f3-dns-response");
	const struct nf_rel *an;
	uint64_t before;

	(void)state;
	record(run_ether, n);
	before = field_uint("dns.count.answers");
	an = rel_at(14 + 20 + 8 + 6); /* ANCOUNT: after Ethernet, IPv4 (no options), UDP, id/flags/qd */
	assert_int_equal(an->kind, NF_REL_COUNT);
	dup_element(element_of(an->span));
	assert_true(nf_mut_repair(&rec, buf, ed.size, -1) >= 3);
	assert_int_equal(nf_mut_check(&rec, buf, ed.size), -1);
	run_ether(buf, ed.size);
	assert_layer_ok("ip");
	assert_layer_ok("udp");
	assert_layer_ok("dns");
	assert_int_equal(field_uint("dns.count.answers"), before + 1);
	assert_int_equal(field_uint("ip.len"), ed.size - 14);
}

/* DNS alone: RDATA grown by 4 bytes inside a TXT-less record is not valid
 * for A, so copy a whole record instead and grow nothing else. */
static void test_dns_record_copy(void **state)
{
	size_t n = load("corpora/dns/response");
	const struct nf_rel *an;
	uint64_t before;

	(void)state;
	record(run_dns, n);
	before = field_uint("dns.count.answers");
	an = rel_at(6);
	dup_element(element_of(an->span));
	assert_true(nf_mut_repair(&rec, buf, ed.size, -1) >= 1);
	run_dns(buf, ed.size);
	assert_layer_ok("dns");
	assert_int_equal(field_uint("dns.count.answers"), before + 1);
}

/* Radiotap + 802.11 beacon with an Apple WAC vendor element: a copied WAC
 * sub-element grows the vendor element, whose Length is repaired. */
static void test_radiotap_wac_subelement_copy(void **state)
{
	size_t n = load("corpora/frame_radiotap/beacon-apple-wac");
	const struct nf_field *f;
	size_t subs;
	int x = -1;

	(void)state;
	record(run_radiotap, n);
	subs = field_count("wlan.apple_wac.subelement.id");
	f = nf_find(&pkt, "wlan.apple_wac.subelement.id");
	assert_non_null(f);
	for (uint32_t i = 0; i < rec.nspans && x < 0; i++)
		if (rec.span[i].off == f->off && rec.span[i].list == NF_REC_NONE && rec.span[i].len >= 2)
			x = (int)i;
	assert_true(x >= 0);
	dup_element(x);
	assert_true(nf_mut_repair(&rec, buf, ed.size, -1) >= 1);
	run_radiotap(buf, ed.size);
	assert_layer_ok("radiotap");
	assert_layer_ok("wlan");
	assert_int_equal(field_count("wlan.apple_wac.subelement.id"), subs + 1); /* inside the element */
}

/* Radiotap: bytes added at the end of the header are covered by it_len. */
static void test_radiotap_header_grown(void **state)
{
	size_t n = load("corpora/frame_radiotap/beacon-apple-wac");
	const struct nf_rel *len;

	(void)state;
	record(run_radiotap, n);
	len = rel_at(2);
	grow_span(len->span, 4);
	assert_true(nf_mut_repair(&rec, buf, ed.size, -1) >= 1);
	run_radiotap(buf, ed.size);
	assert_layer_ok("radiotap");
	assert_int_equal(field_uint("radiotap.length"), rec.span[len->span].len);
}

/* SCT list: a copied SerializedSCT grows the list length. */
static void test_sct_copy(void **state)
{
	size_t n = load("corpora/sct_list/three-rsa");

	(void)state;
	record(run_sct, n);
	assert_int_equal(sct_err, NF_SCT_OK);
	assert_int_equal(scts.n, 3);
	dup_element(element_of(rel_at(0)->span));
	assert_true(nf_mut_repair(&rec, buf, ed.size, -1) >= 1);
	run_sct(buf, ed.size);
	assert_int_equal(sct_err, NF_SCT_OK);
	assert_int_equal(scts.n, 4);
}

/* Darwin rt_msghdr: a sockaddr grown by 4 bytes changes sa_len and
 * rtm_msglen; both are repaired and the dump decodes as before. */
static void test_darwin_sockaddr_grown(void **state)
{
	size_t n = load("corpora/rtmsg_darwin/home-dump");
	size_t routes_before;
	int sa = -1;

	(void)state;
	rt_fmt = NF_RTFMT_DARWIN;
	record(run_route, n);
	assert_int_equal(rt_err.code, NF_RTE_OK);
	routes_before = rt.nroutes;
	for (uint32_t i = 0; i < rec.nrels && sa < 0; i++)
		if (rec.rel[i].width == 1)
			sa = rec.rel[i].span; /* the first sockaddr */
	assert_true(sa >= 0);
	grow_span(sa, 4);
	assert_true(nf_mut_repair(&rec, buf, ed.size, -1) >= 2);
	run_route(buf, ed.size);
	assert_int_equal(rt_err.code, NF_RTE_OK);
	assert_int_equal(rt.nroutes, routes_before);
}

/* rtnetlink: a copied route attribute grows nlmsg_len, which is repaired. */
static void test_rtnetlink_attr_copy(void **state)
{
	size_t n = load("corpora/rtnetlink/router");
	int attr = -1;

	(void)state;
	rt_fmt = NF_RTFMT_NETLINK;
	record(run_route, n);
	assert_int_equal(rt_err.code, NF_RTE_OK);
	/* the first attribute element: a span starting at a 2-byte length
	 * field, whose relation span starts at the same offset */
	for (uint32_t i = 0; i < rec.nrels && attr < 0; i++) {
		const struct nf_rel *l = &rec.rel[i];

		if (l->width == 2 && rec.span[l->span].off == l->off)
			for (uint32_t j = 0; j < rec.nspans && attr < 0; j++)
				if (rec.span[j].off == l->off && rec.span[j].len % 4 == 0 &&
				    rec.span[j].len >= rec.span[l->span].len && (int)j != l->span)
					attr = (int)j;
	}
	if (attr < 0) /* attribute already aligned: its relation span is the element */
		for (uint32_t i = 0; i < rec.nrels && attr < 0; i++)
			if (rec.rel[i].width == 2 && rec.span[rec.rel[i].span].len % 4 == 0)
				attr = rec.rel[i].span;
	assert_true(attr >= 0);
	dup_element(attr);
	assert_true(nf_mut_repair(&rec, buf, ed.size, -1) >= 1);
	run_route(buf, ed.size);
	assert_int_equal(rt_err.code, NF_RTE_OK);
}

/* RFC 1071 sum written again here, apart from src/mutate/relations.c, so
 * the test checks the repair against an independent computation. */
static uint32_t sum16(const uint8_t *p, size_t n, uint32_t s)
{
	for (size_t i = 0; i < n; i++)
		s += i % 2 ? p[i] : (uint32_t)p[i] << 8;
	return s;
}

static uint16_t fold(uint32_t s)
{
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (uint16_t)s;
}

/* A checksum that verifies sums to 0xffff over the covered bytes with the
 * checksum field in place (RFC 1071 section 1). */
static void assert_ipv4_header_sum(const uint8_t *ip)
{
	size_t hlen = (size_t)(ip[0] & 15) * 4;

	assert_int_equal(fold(sum16(ip, hlen, 0)), 0xffff);
}

/* Transport checksum with the pseudo-header: addresses of alen bytes each
 * at addr, protocol, upper-layer length (RFC 768, RFC 9293 3.1, RFC 8200 8.1). */
static void assert_transport_sum(const uint8_t *addr, size_t alen, uint8_t proto, const uint8_t *seg, size_t n)
{
	uint32_t s = sum16(addr, 2 * alen, 0) + proto + (uint32_t)n;

	assert_int_equal(fold(sum16(seg, n, s)), 0xffff);
}

/* UDP over IPv4: a copied DNS answer changes the UDP and IPv4 lengths; the
 * IPv4 header checksum and the UDP checksum (pseudo-header) are repaired
 * after them.  The seed's UDP checksum is made non-zero first (0 means
 * "none" over IPv4) and wrong, the IPv4 one is wrong too. */
static void test_udp_ipv4_checksums(void **state)
{
	size_t n = load("corpora/frame_ether/f3-dns-response");
	const uint8_t *ip = buf + 14, *udp = buf + 14 + 20;
	size_t before;

	(void)state;
	buf[14 + 20 + 6] = 0x12; /* UDP checksum */
	buf[14 + 20 + 7] = 0x34;
	buf[14 + 10] ^= 0x55; /* IPv4 header checksum */
	record(run_ether, n);
	assert_int_equal(rel_at(14 + 10)->kind, NF_REL_CSUM);
	assert_int_equal(rel_at(14 + 20 + 6)->kind, NF_REL_CSUM);
	before = (size_t)udp[4] << 8 | udp[5];
	dup_element(element_of(rel_at(14 + 20 + 8 + 6)->span)); /* an answer: ANCOUNT's list */
	assert_true(nf_mut_repair(&rec, buf, ed.size, -1) >= 5);
	assert_int_equal(nf_mut_check(&rec, buf, ed.size), -1);
	assert_true(((size_t)udp[4] << 8 | udp[5]) > before);
	assert_ipv4_header_sum(ip);
	assert_transport_sum(ip + 12, 4, 17, udp, ed.size - 14 - 20);
	run_ether(buf, ed.size);
	assert_layer_ok("ip");
	assert_layer_ok("udp");
	assert_layer_ok("dns");
}

/* TCP over IPv6: the TCP header grown by 4 bytes (zeros: end-of-options
 * padding) changes the data offset and the IPv6 payload length; the TCP
 * checksum (IPv6 pseudo-header, next header 6) is repaired after them.
 * The seed carries checksum 0, which is wrong. */
static void test_tcp_ipv6_checksum(void **state)
{
	size_t n = load("corpora/frame_ether/f3-tcp-fin-ipv6");
	const uint8_t *ip = buf + 14, *tcp = buf + 14 + 40;
	const struct nf_rel *doff;

	(void)state;
	record(run_ether, n);
	doff = rel_at(14 + 40 + 12);
	assert_int_equal(doff->kind, NF_REL_LENGTH);
	assert_int_equal(rel_at(14 + 40 + 16)->kind, NF_REL_CSUM);
	grow_span(doff->span, 4);
	assert_true(nf_mut_repair(&rec, buf, ed.size, -1) >= 3);
	assert_int_equal(nf_mut_check(&rec, buf, ed.size), -1);
	assert_int_equal(tcp[12] >> 4, 6);
	assert_int_equal((size_t)ip[4] << 8 | ip[5], ed.size - 14 - 40);
	assert_transport_sum(ip + 8, 16, 6, tcp, ed.size - 14 - 40);
	run_ether(buf, ed.size);
	assert_layer_ok("ipv6");
	assert_layer_ok("tcp");
	assert_int_equal(field_uint("tcp.hdr_len"), 24);
}

static enum nf_der_err der_err;
static int run_der(const uint8_t *d, size_t n)
{
	struct nf_cur c;
	size_t at;

	nf_cur_init(&c, d, n);
	der_err = nf_der_walk(&c, &at);
	return 0;
}

/* DER (x509_der): a copied extension grows the extensions SEQUENCE, its
 * [3] wrapper, tbsCertificate and the Certificate SEQUENCE; every one of
 * those lengths is repaired, so OpenSSL's d2i_X509 parses the whole input
 * again and sees one more extension, and the walker re-walks it. */
static void test_der_extension_copy(void **state)
{
	size_t n = load("corpora/x509_der/root");
	const unsigned char *p;
	X509 *x;
	int ext = -1, before;

	(void)state;
	p = buf;
	x = d2i_X509(NULL, &p, (long)n);
	assert_non_null(x);
	before = X509_get_ext_count(x);
	X509_free(x);
	record(run_der, n);
	assert_int_equal(der_err, NF_DER_OK);
	/* an Extension: SEQUENCE { OID 2.5.29.x ... }, short enough to copy */
	for (uint32_t i = 0; i < rec.nspans && ext < 0; i++) {
		const struct nf_span *e = &rec.span[i];

		if (e->list >= 0 && e->len > 6 && e->len < 64 && buf[e->off] == 0x30 &&
		    !memcmp(buf + e->off + 2, "\x06\x03\x55\x1d", 4))
			ext = (int)i;
	}
	assert_true(ext >= 0);
	dup_element(ext);
	assert_true(nf_mut_repair(&rec, buf, ed.size, -1) >= 4);
	assert_int_equal(nf_mut_check(&rec, buf, ed.size), -1);
	p = buf;
	x = d2i_X509(NULL, &p, (long)ed.size);
	assert_non_null(x);
	assert_int_equal(p - buf, ed.size);
	assert_int_equal(X509_get_ext_count(x), before + 1);
	X509_free(x);
	run_der(buf, ed.size);
	assert_int_equal(der_err, NF_DER_OK);
}

/* The walker's errors: indefinite length, a length past the parent, too
 * deep, a long-form length of 5 octets. */
static void test_der_walker_errors(void **state)
{
	static const uint8_t indef[] = {0x30, 0x80, 0x00, 0x00};
	static const uint8_t past[] = {0x30, 0x03, 0x02, 0x05, 0x00};
	static const uint8_t longlen[] = {0x04, 0x85, 0, 0, 0, 0, 1, 0};
	uint8_t deep[2 * (NF_DER_MAX_DEPTH + 2)];
	struct nf_cur c;
	size_t at;

	(void)state;
	nf_cur_init(&c, indef, sizeof indef);
	assert_int_equal(nf_der_walk(&c, &at), NF_DER_INDEFINITE);
	assert_int_equal(at, 1);
	nf_cur_init(&c, past, sizeof past);
	assert_int_equal(nf_der_walk(&c, &at), NF_DER_TRUNCATED);
	assert_int_equal(at, 3);
	nf_cur_init(&c, longlen, sizeof longlen);
	assert_int_equal(nf_der_walk(&c, &at), NF_DER_LONG_LEN);
	for (size_t i = 0; i < sizeof deep / 2; i++) {
		deep[2 * i] = 0x30;
		deep[2 * i + 1] = (uint8_t)(sizeof deep - 2 * i - 2);
	}
	nf_cur_init(&c, deep, sizeof deep);
	assert_int_equal(nf_der_walk(&c, &at), NF_DER_DEEP);
}

static int run_capfile(const uint8_t *d, size_t n)
{
	nf_rec_capture_file(d, n);
	return 0;
}

/* Read a capture file from memory with libpcap (as the pcap_file target
 * does); the caplen/len of every packet into caps/lens, the count back. */
static int pcap_read(const uint8_t *d, size_t n, uint32_t *caps, uint32_t *lens, int max)
{
	char err[PCAP_ERRBUF_SIZE];
	FILE *f = fmemopen((void *)d, n, "r");
	struct pcap_pkthdr *h;
	const u_char *pd;
	pcap_t *p;
	int k = 0, rc;

	assert_non_null(f);
	p = pcap_fopen_offline(f, err);
	if (!p)
		fail_msg("libpcap: %s", err);
	while (k < max && (rc = pcap_next_ex(p, &h, &pd)) == 1) {
		caps[k] = h->caplen;
		lens[k++] = h->len;
	}
	if (rc != -2 && k < max)
		fail_msg("libpcap stopped after %d packets: %s", k, pcap_geterr(p));
	pcap_close(p);
	return k;
}

/* The data span of the first packet record or block: the span whose
 * length is at field offset caplen_off. */
static int packet_data(size_t caplen_off)
{
	const struct nf_rel *l = rel_at(caplen_off);

	assert_int_equal(l->kind, NF_REL_LENGTH);
	return l->span;
}

/* Record the capture file in buf, grow the first packet (its length field
 * at caplen_off) by 4 bytes, repair at least `fixes` fields, and read the
 * file back with libpcap: the same k0 packets, the first 4 bytes longer. */
static void grow_first_packet(size_t n, size_t caplen_off, size_t fixes, int k0, const uint32_t *cap0,
			      const uint32_t *len0)
{
	uint32_t cap1[16], len1[16];

	record(run_capfile, n);
	grow_span(packet_data(caplen_off), 4);
	assert_true(nf_mut_repair(&rec, buf, ed.size, -1) >= fixes);
	assert_int_equal(nf_mut_check(&rec, buf, ed.size), -1);
	assert_int_equal(pcap_read(buf, ed.size, cap1, len1, 16), k0);
	assert_int_equal(cap1[0], cap0[0] + 4);
	assert_int_equal(len1[0], len0[0] + 4);
	assert_int_equal(cap1[1], cap0[1]);
}

/* Classic pcap: the first packet grown by 4 bytes; caplen and len are
 * repaired and libpcap reads the file again, that packet 4 bytes longer. */
static void test_pcap_packet_grown(void **state)
{
	size_t n = load("corpora/pcap_file/ether");
	uint32_t cap0[16], len0[16];
	int k0;

	(void)state;
	k0 = pcap_read(buf, n, cap0, len0, 16);
	assert_true(k0 >= 2);
	grow_first_packet(n, 24 + 8, 2, k0, cap0, len0);
}

static size_t put32(uint8_t *p, size_t at, uint32_t v)
{
	memcpy(p + at, &v, 4); /* host order = the little-endian sections we write */
	return at + 4;
}

/* pcapng: the same packets as SHB + IDB + EPBs (draft-ietf-opsawg-pcapng
 * 4.1-4.3, little-endian), the first EPB's packet grown by 4 bytes: its
 * captured and original lengths and the block total length at both ends
 * are repaired, and libpcap reads it 4 bytes longer. */
static void test_pcapng_packet_grown(void **state)
{
	static uint8_t ng[CAP];
	size_t n = load("corpora/pcap_file/ether"), at = 0, in = 24;
	uint32_t cap0[16], len0[16], cap1[16], len1[16];
	int k0;

	(void)state;
	k0 = pcap_read(buf, n, cap0, len0, 16);
	at = put32(ng, at, 0x0A0D0D0A);
	at = put32(ng, at, 28);
	at = put32(ng, at, 0x1A2B3C4D);
	at = put32(ng, at, 1); /* version 1.0 */
	at = put32(ng, at, 0xffffffff);
	at = put32(ng, at, 0xffffffff); /* section length unknown */
	at = put32(ng, at, 28);
	at = put32(ng, at, 1);
	at = put32(ng, at, 20);
	at = put32(ng, at, 1); /* LINKTYPE_ETHERNET, reserved 0 */
	at = put32(ng, at, 65535);
	at = put32(ng, at, 20);
	for (int i = 0; i < k0; i++) {
		uint32_t pad = (4 - cap0[i] % 4) % 4, total = 32 + cap0[i] + pad;

		in += 16;
		at = put32(ng, at, 6);
		at = put32(ng, at, total);
		at = put32(ng, at, 0);
		at = put32(ng, at, 0);
		at = put32(ng, at, 0);
		at = put32(ng, at, cap0[i]);
		at = put32(ng, at, len0[i]);
		memcpy(ng + at, buf + in, cap0[i]);
		memset(ng + at + cap0[i], 0, pad);
		at += cap0[i] + pad;
		in += cap0[i];
		at = put32(ng, at, total);
	}
	memcpy(buf, ng, at);
	assert_int_equal(pcap_read(buf, at, cap1, len1, 16), k0);
	grow_first_packet(at, 28 + 20 + 20, 4, k0, cap0, len0);
}

/* Recording is off by default and stays off after a record. */
/* Element removal for triage (drop.c): some candidate of an Ethernet DNS
 * response is one answer cut out, with ANCOUNT, the UDP length and the
 * IPv4 total length repaired, so the result still dissects clean.  The
 * record is taken in a child, so a parse that dies (a crash reproducer)
 * gives the same candidates. */
static uint8_t drop_out[CAP];
static int run_ether_then_abort(const uint8_t *d, size_t n)
{
	run_ether(d, n);
	abort();
}

static void test_drop_element(void **state)
{
	size_t n = load("corpora/frame_ether/f3-dns-response"), m = 0, m2 = 0;
	uint64_t before;
	unsigned k, answer_cut = 0;
	static uint8_t first[CAP];
	int rc;

	(void)state;
	run_ether(buf, n);
	before = field_uint("dns.count.answers");
	assert_true(before >= 2);
	for (k = 0; (rc = nf_mut_drop_element(run_ether, buf, n, k, drop_out, &m)) == 1; k++) {
		assert_true(m < n);
		if (k == 0)
			memcpy(first, drop_out, m2 = m);
		run_ether(drop_out, m);
		if (nf_find_layer(&pkt, "dns") && nf_find(&pkt, "dns.count.answers") &&
		    field_uint("dns.count.answers") == before - 1 && nf_find_layer(&pkt, "dns")->status == NF_LAYER_OK &&
		    nf_find_layer(&pkt, "udp")->status == NF_LAYER_OK && field_uint("ip.len") == m - 14)
			answer_cut++;
	}
	assert_int_equal(rc, 0);
	assert_true(k > 3);
	assert_true(answer_cut >= 1);
	/* the same first candidate when the parse aborts after recording */
	assert_int_equal(nf_mut_drop_element(run_ether_then_abort, buf, n, 0, drop_out, &m), 1);
	assert_int_equal(m, m2);
	assert_memory_equal(drop_out, first, m);
}

/* Calls fn with each dNSName of x's subjectAltName (bytes and length). */
static void each_dns_san(X509 *x, void (*fn)(const unsigned char *v, int len, void *arg), void *arg)
{
	GENERAL_NAMES *gens = X509_get_ext_d2i(x, NID_subject_alt_name, NULL, NULL);

	for (int i = 0; gens && i < sk_GENERAL_NAME_num(gens); i++) {
		const GENERAL_NAME *g = sk_GENERAL_NAME_value(gens, i);

		if (g->type == GEN_DNS)
			fn(ASN1_STRING_get0_data(g->d.dNSName), ASN1_STRING_length(g->d.dNSName), arg);
	}
	GENERAL_NAMES_free(gens);
}

struct name_corners {
	int nul, high, trailing, alabel, lone;
};

static void count_corners(const unsigned char *v, int len, void *arg)
{
	struct name_corners *c = arg;

	c->nul += memchr(v, 0, (size_t)len) != NULL;
	for (int k = 0; k < len; k++)
		if (v[k] >= 0x80) {
			c->high++;
			break;
		}
	c->trailing += len > 1 && v[len - 1] == '.' && !(len == 18 && !memcmp(v, "host.example.test.", 18));
	c->alabel += len > 6 && !memcmp(v, "xn--", 4) && memcmp(v, "xn--*.", 6);
	c->lone += len == 1 && v[0] == '*';
}

static void count_one_label(const unsigned char *v, int len, void *arg)
{
	*(unsigned *)arg += len > 2 && v[0] == '*' && v[1] == '.' && !memchr(v + 2, '.', (size_t)len - 2) &&
			    !memchr(v, 0, (size_t)len);
}

/* The text op (text.c) on a certificate with twelve dNSNames: over 1000
 * seeds it edits strings, every output's seven enclosing DER lengths are
 * repaired (d2i_X509 takes the whole input and the walker re-walks it),
 * and the corners it exists for show up in the SAN list: a NUL or an
 * 8-bit byte inside a name, a trailing dot, an A-label, a lone "*". */
static void test_text_dnsname_corners(void **state)
{
	static uint8_t orig[CAP];
	size_t n = load("corpora/x509_der/wildcard-shapes");
	int edited = 0, parsed = 0;
	struct name_corners c = {0};

	(void)state;
	memcpy(orig, buf, n);
	for (unsigned seed = 1; seed <= 1000; seed++) {
		const unsigned char *p = buf;
		X509 *x;

		memcpy(buf, orig, n);
		record(run_der, n);
		if (!nf_mut_text(&ed, NULL, seed))
			continue;
		edited++;
		nf_mut_repair(&rec, buf, ed.size, -1);
		assert_int_equal(nf_mut_check(&rec, buf, ed.size), -1);
		run_der(buf, ed.size);
		assert_int_equal(der_err, NF_DER_OK);
		x = d2i_X509(NULL, &p, (long)ed.size);
		if (!x)
			continue;
		parsed += p - buf == (long)ed.size;
		each_dns_san(x, count_corners, &c);
		X509_free(x);
	}
	assert_true(edited >= 900);
	assert_true(parsed >= edited * 9 / 10);
	assert_true(c.nul > 0 && c.high > 0 && c.trailing > 0 && c.alabel > 0 && c.lone > 0);
}

/* A wildcard over one label ("*.test", "*.www": RFC 6125 6.4.3 wants two
 * labels after the '*') from a leaf whose SAN has none: the text op's
 * preference for dotted strings and its "*.$" corner.  Over 5000 seeds on
 * rsa-good, 36 outputs parse with d2i_X509 and carry such a dNSName
 * (before both: 11, tried). */
static void test_text_one_label_wildcard(void **state)
{
	static uint8_t orig[CAP];
	size_t n = load("corpora/x509_der/rsa-good");
	unsigned one = 0;

	(void)state;
	memcpy(orig, buf, n);
	for (unsigned seed = 1; seed <= 5000; seed++) {
		const unsigned char *p = buf;
		X509 *x;

		memcpy(buf, orig, n);
		record(run_der, n);
		if (!nf_mut_text(&ed, NULL, seed))
			continue;
		nf_mut_repair(&rec, buf, ed.size, -1);
		if (!(x = d2i_X509(NULL, &p, (long)ed.size)))
			continue;
		each_dns_san(x, count_one_label, &one);
		X509_free(x);
	}
	assert_true(one >= 30);
}

/* Element removal's trim candidates (drop.c): with no trailing bytes,
 * candidate 0 cuts every length-described leaf body to one byte and
 * candidate 1 to its first half, lengths repaired: an SCT list of three v1
 * SCTs (extensions 4 bytes, signatures 20) still parses, with three SCTs
 * whose extensions and signatures are 1 and 2 / 10 bytes, but for the
 * last signature, the leaf recorded last, left whole. */
static void test_drop_trim_bodies(void **state)
{
	size_t n = 2, m = 0;
	static const size_t keep[2][2] = {{1, 1}, {2, 10}};

	(void)state;
	for (int i = 0; i < 3; i++) {
		size_t at = n;

		n += 2;
		buf[n++] = 0; /* v1 */
		memset(buf + n, 0x11 * (i + 1), 32 + 8);
		n += 40;
		buf[n++] = 0, buf[n++] = 4;
		memset(buf + n, 0xee, 4), n += 4;
		buf[n++] = 4, buf[n++] = 3, buf[n++] = 0, buf[n++] = 20;
		memset(buf + n, 0x5a, 20), n += 20;
		buf[at] = (uint8_t)((n - at - 2) >> 8), buf[at + 1] = (uint8_t)(n - at - 2);
	}
	buf[0] = (uint8_t)((n - 2) >> 8), buf[1] = (uint8_t)(n - 2);
	run_sct(buf, n);
	assert_int_equal(sct_err, NF_SCT_OK);
	assert_int_equal(scts.n, 3);
	for (unsigned k = 0; k < 2; k++) {
		assert_int_equal(nf_mut_drop_element(run_sct, buf, n, k, drop_out, &m), 1);
		assert_true(m < n);
		run_sct(drop_out, m);
		assert_int_equal(sct_err, NF_SCT_OK);
		assert_int_equal(scts.n, 3);
		for (size_t i = 0; i < 3; i++) {
			assert_int_equal(scts.sct[i].ext_len, keep[k][0]);
			/* the leaf recorded last stays whole (a crash is in it) */
			assert_int_equal(scts.sct[i].sig_len, i < 2 ? keep[k][1] : 20);
		}
	}
}

/* Edges (nf_rec_edge): where a parser branches on a field's value, the
 * `edge` op writes that value or one either side.  Recorded: Ethernet's
 * Length/Type at 1500 (IEEE 802.3 3.2.6), the IPv4 and IPv6 fragment
 * offset fields at their first/later boundary (RFC 791 3.1, RFC 8200 4.5),
 * and rtnetlink's RTA_PRIORITY at 0 ("none").  Over 3000 seeds of the
 * whole mutator on a seed, the exact edge values appear in the output
 * bytes (whatever op made them); set_field's generic values alone give
 * Length/Type 1500 about once in 400,000 field edits (tried: with the
 * edge row's weight 0 the counts are 0, 0, 1 and 0; with it 34, 45, 42
 * and 89). */
static size_t edge_at(size_t off, uint32_t v)
{
	size_t k = 0;

	for (uint32_t i = 0; i < rec.nedges; i++)
		k += rec.edge[i].off == off && rec.edge[i].v == v && rec.edge[i].width;
	return k;
}

static unsigned count_u16(const uint8_t *orig, size_t n, int (*run)(const uint8_t *, size_t), size_t off,
			  uint16_t want, unsigned *edge_ops)
{
	struct nf_mutator m = {.run = run};
	unsigned hits = 0;

	*edge_ops = 0;
	for (unsigned seed = 1; seed <= 3000; seed++) {
		enum nf_mut_op op;
		size_t k;

		memcpy(buf, orig, n);
		k = nf_mutate(&m, buf, n, CAP, seed, &op);
		*edge_ops += op == NF_MUT_EDGE;
		hits += k > off + 1 && buf[off] == want >> 8 && buf[off + 1] == (want & 0xff); /* any op */
	}
	return hits;
}

static void test_edge_values(void **state)
{
	static uint8_t orig[CAP];
	size_t n = load("corpora/frame_ether/ipv4-udp");
	unsigned ops, hits;

	(void)state;
	memcpy(orig, buf, n);
	record(run_ether, n);
	assert_int_equal(edge_at(12, 1500), 1); /* Length/Type */
	assert_int_equal(edge_at(14 + 6, 0), 1); /* IPv4 flags + fragment offset */
	hits = count_u16(orig, n, run_ether, 12, 0x05dc, &ops);
	assert_true(ops >= 150);
	assert_true(hits >= 20);
	/* the output is an IEEE 802.3 frame: eth.len 1500 and an LLC layer */
	for (unsigned seed = 1;; seed++) {
		struct nf_mutator m = {.run = run_ether};
		enum nf_mut_op op;

		assert_true(seed < 3000);
		memcpy(buf, orig, n);
		(void)nf_mutate(&m, buf, n, CAP, seed, &op);
		if (op != NF_MUT_EDGE || buf[12] != 0x05 || buf[13] != 0xdc)
			continue;
		run_ether(buf, n);
		assert_int_equal(field_uint("eth.len"), 1500);
		assert_non_null(nf_find_layer(&pkt, "llc"));
		break;
	}

	/* IPv6 later fragment, offset 3: the edge writes 8 (offset 1, a later
	 * fragment), 7 or 6 (first fragments) into the 16-bit field */
	n = load("corpora/frame_ether/f3-ipv6-frag-later");
	memcpy(orig, buf, n);
	record(run_ether, n);
	assert_int_equal(edge_at(14 + 40 + 2, 7), 1);
	assert_true(count_u16(orig, n, run_ether, 56, 0x0008, &ops) >= 10);
	assert_true(count_u16(orig, n, run_ether, 56, 0x0007, &ops) >= 10);

	/* rtnetlink: the three RTA_PRIORITY values (50, 20, 1024) of the
	 * router seed, little-endian at 324, 584, 680; a metric of 1 appears */
	n = load("corpora/rtnetlink/router");
	memcpy(orig, buf, n);
	rt_fmt = NF_RTFMT_NETLINK;
	record(run_route, n);
	assert_int_equal(rec.nedges, 3);
	assert_int_equal(edge_at(324, 0) + edge_at(584, 0) + edge_at(680, 0), 3);
	hits = 0;
	for (unsigned seed = 1; seed <= 3000; seed++) {
		struct nf_mutator m = {.run = run_route};
		enum nf_mut_op op;
		size_t k;

		memcpy(buf, orig, n);
		k = nf_mutate(&m, buf, n, CAP, seed, &op);
		run_route(buf, k);
		if (rt_err.code != NF_RTE_OK)
			continue; /* other ops break the dump on purpose */
		for (size_t i = 0; i < rt.nroutes; i++)
			hits += rt.routes[i].metric == 1;
	}
	assert_true(hits >= 10);
}

static void test_recording_off(void **state)
{
	size_t n = load("corpora/sct_list/three-rsa");

	(void)state;
	assert_null(nf_rec_active);
	record(run_sct, n);
	assert_null(nf_rec_active);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ether_dns_answer_copy),
		cmocka_unit_test(test_dns_record_copy),
		cmocka_unit_test(test_radiotap_wac_subelement_copy),
		cmocka_unit_test(test_radiotap_header_grown),
		cmocka_unit_test(test_sct_copy),
		cmocka_unit_test(test_darwin_sockaddr_grown),
		cmocka_unit_test(test_rtnetlink_attr_copy),
		cmocka_unit_test(test_udp_ipv4_checksums),
		cmocka_unit_test(test_tcp_ipv6_checksum),
		cmocka_unit_test(test_der_extension_copy),
		cmocka_unit_test(test_der_walker_errors),
		cmocka_unit_test(test_pcap_packet_grown),
		cmocka_unit_test(test_pcapng_packet_grown),
		cmocka_unit_test(test_drop_element),
		cmocka_unit_test(test_drop_trim_bodies),
		cmocka_unit_test(test_text_dnsname_corners),
		cmocka_unit_test(test_text_one_label_wildcard),
		cmocka_unit_test(test_edge_values),
		cmocka_unit_test(test_recording_off),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
