/* IPv4 with options and fragments (RFC 791), IPv6 with its extension
 * header chain (RFC 8200 4), ICMP (RFC 792), ICMPv6 with Neighbor
 * Discovery (RFC 4443, RFC 4861). */
#include "frame_test.h"
#include "netfuzz/limits.h"

static uint8_t B[2048];

/* IPv6 header (RFC 8200 3) into B, returning its length. */
static size_t ip6(uint8_t nxt, uint8_t hlim, size_t plen)
{
	static const uint8_t src[16] = {0x20, 0x01, 0x0d, 0xb8, [15] = 1}, dst[16] = {0xfe, 0x80, [15] = 2};

	memset(B, 0, 40);
	B[0] = 0x60;
	B[4] = (uint8_t)(plen >> 8);
	B[5] = (uint8_t)plen;
	B[6] = nxt;
	B[7] = hlim;
	memcpy(B + 8, src, 16);
	memcpy(B + 24, dst, 16);
	return 40;
}

static void test_ipv4_options_fragments(void **s)
{
	/* IHL 7: record route (type 7, length 7, pointer 4, one slot), NOP. */
	const uint8_t h[] = {0x47, 0, 0, 36, 0, 1, 0x20, 0, 9, 17, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2,
			     7, 7, 4, 0, 0, 0, 0, 1, 0, 5, 0, 6, 0, 8, 0, 0};
	uint8_t frag[sizeof h];

	(void)s;
	nf_dissect(&P, NF_LINKTYPE_RAW, h, sizeof h, sizeof h);
	assert_layers("ip:udp");
	assert_int_equal(u("ip.hdr_len", 0), 28);
	assert_int_equal(u("ip.opt.type", 0), 7);
	assert_int_equal(u("ip.opt.type", 1), 1);
	assert_int_equal(u("ip.flags.mf", 0), 1);
	assert_int_equal(u("ip.ttl", 0), 9);
	/* A later fragment (offset 3 units = 24 bytes): no transport layer. */
	memcpy(frag, h, sizeof h);
	frag[6] = 0;
	frag[7] = 3;
	nf_dissect(&P, NF_LINKTYPE_RAW, frag, sizeof frag, sizeof frag);
	assert_layers("ip");
	assert_int_equal(u("ip.frag_offset", 0), 3);
	assert_non_null(strstr(line(), "frag offset 24"));
	/* Option length 1 is below the minimum of 2: malformed at its offset. */
	frag[21] = 1;
	nf_dissect(&P, NF_LINKTYPE_RAW, frag, sizeof frag, sizeof frag);
	assert_int_equal(layer("ip")->status, NF_LAYER_MALFORMED);
	assert_int_equal(layer("ip")->err_off, 20);
	/* Option length running past the header. */
	memcpy(frag, h, sizeof h);
	frag[21] = 40;
	nf_dissect(&P, NF_LINKTYPE_RAW, frag, sizeof frag, sizeof frag);
	assert_int_equal(layer("ip")->status, NF_LAYER_MALFORMED);
	/* Total length below the header length. */
	memcpy(frag, h, sizeof h);
	frag[3] = 10;
	nf_dissect(&P, NF_LINKTYPE_RAW, frag, sizeof frag, sizeof frag);
	assert_int_equal(layer("ip")->status, NF_LAYER_MALFORMED);
	assert_int_equal(layer("ip")->err_off, 2);
	all_prefixes(NF_LINKTYPE_RAW, h, sizeof h);
}

static void test_ipv6_ext_chain(void **s)
{
	/* hop-by-hop -> routing -> fragment -> destination options -> UDP. */
	const uint8_t ext[] = {43, 0, 1, 4, 0, 0, 0, 0,  44, 0, 0, 0, 0, 0, 0, 0,
			       60, 0, 0, 0, 0, 0, 0, 9,  17, 0, 1, 4, 0, 0, 0, 0,
			       0, 7, 0, 8, 0, 8, 0, 0};
	size_t n = ip6(0, 255, sizeof ext);

	(void)s;
	memcpy(B + n, ext, sizeof ext);
	nf_dissect(&P, NF_LINKTYPE_IPV6, B, n + sizeof ext, n + sizeof ext);
	assert_layers("ipv6:udp");
	assert_int_equal(u("ipv6.hlim", 0), 255);
	assert_int_equal(u("ipv6.hopopts.nxt", 0), 43);
	assert_int_equal(u("ipv6.routing.nxt", 0), 44);
	assert_int_equal(u("ipv6.fraghdr.offset", 0), 0);
	assert_int_equal(u("ipv6.fraghdr.ident", 0), 9);
	assert_int_equal(u("ipv6.routing.type", 0), 0);
	assert_int_equal(u("ipv6.dstopts.nxt", 0), 17);
	assert_int_equal(u("udp.dstport", 0), 8);
	/* Hdr Ext Len past the packet: truncated, never a read past the end. */
	B[n + 1] = 200;
	nf_dissect(&P, NF_LINKTYPE_IPV6, B, n + sizeof ext, n + sizeof ext);
	assert_int_equal(layer("ipv6")->status, NF_LAYER_TRUNCATED);
	B[n + 1] = 0;
	all_prefixes(NF_LINKTYPE_IPV6, B, n + sizeof ext);
}

static void test_ipv6_chain_past_bound(void **s)
{
	/* NF_MAX_IPV6_EXT_HEADERS + 4 destination-options headers in a row. */
	int k = NF_MAX_IPV6_EXT_HEADERS + 4;
	size_t n = ip6(60, 64, (size_t)k * 8 + 8);

	(void)s;
	for (int i = 0; i < k; i++) {
		memset(B + n + 8 * i, 0, 8);
		B[n + 8 * i] = i == k - 1 ? 17 : 60;
	}
	memset(B + n + 8 * k, 0, 8);
	nf_dissect(&P, NF_LINKTYPE_IPV6, B, n + 8 * k + 8, n + 8 * k + 8);
	assert_layers("ipv6");
	assert_int_equal(layer("ipv6")->status, NF_LAYER_MALFORMED);
	assert_int_equal(count("ipv6.dstopts.nxt"), NF_MAX_IPV6_EXT_HEADERS);
	assert_non_null(strstr(layer("ipv6")->err, "NF_MAX_IPV6_EXT_HEADERS"));
}

static void test_icmp(void **s)
{
	const uint8_t echo[] = {0x45, 0, 0, 28, 0, 1, 0, 0, 64, 1, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2,
				8, 0, 0xf7, 0xfd, 0x12, 0x34, 0, 1};
	/* Destination unreachable (port) quoting IPv4/UDP 10.0.0.2:7 > 10.0.0.9:9. */
	const uint8_t unr[] = {0x45, 0, 0, 56, 0, 1, 0, 0, 64, 1, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2,
			       3, 3, 0, 0, 0, 0, 0, 0,
			       0x45, 0, 0, 28, 0, 2, 0, 0, 1, 17, 0, 0, 10, 0, 0, 2, 10, 0, 0, 9,
			       0, 7, 0, 9, 0, 8, 0, 0};
	uint8_t nest[sizeof unr + 8];

	(void)s;
	nf_dissect(&P, NF_LINKTYPE_RAW, echo, sizeof echo, sizeof echo);
	assert_layers("ip:icmp");
	assert_int_equal(u("icmp.type", 0), 8);
	assert_int_equal(u("icmp.ident", 0), 0x1234);
	assert_int_equal(u("icmp.seq", 0), 1);
	assert_string_equal(line(), "IP 10.0.0.1 > 10.0.0.2: ICMP echo request, id 4660, seq 1, length 8");
	nf_dissect(&P, NF_LINKTYPE_RAW, unr, sizeof unr, sizeof unr);
	assert_layers("ip:icmp:ip:udp");
	assert_int_equal(count("ip.src"), 2);
	assert_int_equal(u("udp.dstport", 0), 9);
	/* An error quoting an error: the inner ICMP is not followed further. */
	memcpy(nest, unr, 28);
	nest[3] = sizeof nest;
	memcpy(nest + 28, unr, 20);
	nest[28 + 9] = 1;
	memcpy(nest + 48, "\x0b\x00\x00\x00\x00\x00\x00\x00", 8);
	memcpy(nest + 56, unr + 28, 8);
	nf_dissect(&P, NF_LINKTYPE_RAW, nest, sizeof nest, sizeof nest);
	assert_layers("ip:icmp:ip:icmp");
	nf_dissect(&P, NF_LINKTYPE_RAW, echo, 25, 25);
	assert_int_equal(layer("icmp")->status, NF_LAYER_TRUNCATED);
	assert_non_null(strstr(line(), "[|icmp]"));
}

static void test_icmp6_nd(void **s)
{
	static const uint8_t tgt[16] = {0x20, 0x01, 0x0d, 0xb8, [15] = 2};
	/* Router Advertisement (RFC 4861 4.2): hop limit 64, M|O, lifetime
	 * 1800; options SLLA (4.6.1), MTU 1500 (4.6.4), prefix 2001:db8:1::/64
	 * with L|A (4.6.2). */
	const uint8_t ra[] = {134, 0, 0, 0, 64, 0xc0, 0x07, 0x08, 0, 0, 0, 0, 0, 0, 0, 0,
			      1, 1, 2, 0, 0, 0, 0, 2,
			      5, 1, 0, 0, 0, 0, 0x05, 0xdc,
			      3, 4, 64, 0xc0, 0, 0x27, 0x8d, 0, 0, 0x09, 0x3a, 0x80, 0, 0, 0, 0,
			      0x20, 0x01, 0x0d, 0xb8, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
	uint8_t ns[24 + 8] = {135, 0, 0, 0, 0, 0, 0, 0};
	size_t n;

	(void)s;
	n = ip6(58, 255, sizeof ra);
	memcpy(B + n, ra, sizeof ra);
	nf_dissect(&P, NF_LINKTYPE_IPV6, B, n + sizeof ra, n + sizeof ra);
	assert_layers("ipv6:icmpv6");
	assert_int_equal(layer("icmpv6")->status, NF_LAYER_OK);
	assert_int_equal(u("icmpv6.nd.ra.cur_hop_limit", 0), 64);
	assert_int_equal(u("icmpv6.nd.ra.flag", 0), 0xc0);
	assert_int_equal(u("icmpv6.nd.ra.router_lifetime", 0), 1800);
	assert_int_equal(count("icmpv6.opt.type"), 3);
	assert_memory_equal(nth("icmpv6.opt.src_linkaddr", 0)->v.addr, "\x02\x00\x00\x00\x00\x02", 6);
	assert_int_equal(u("icmpv6.opt.mtu", 0), 1500);
	assert_int_equal(u("icmpv6.opt.prefix.length", 0), 64);
	assert_int_equal(u("icmpv6.opt.prefix.valid_lifetime", 0), 2592000);
	assert_int_equal(u("icmpv6.opt.prefix.preferred_lifetime", 0), 604800);
	assert_memory_equal(nth("icmpv6.opt.prefix", 0)->v.addr, "\x20\x01\x0d\xb8\x00\x01", 6);
	/* Neighbor Solicitation with SLLA, then NA with TLLA and R|S|O. */
	memcpy(ns + 8, tgt, 16);
	memcpy(ns + 24, "\x01\x01\x02\x00\x00\x00\x00\x01", 8);
	n = ip6(58, 255, sizeof ns);
	memcpy(B + n, ns, sizeof ns);
	nf_dissect(&P, NF_LINKTYPE_IPV6, B, n + sizeof ns, n + sizeof ns);
	assert_memory_equal(nth("icmpv6.nd.ns.target_address", 0)->v.addr, tgt, 16);
	assert_non_null(strstr(line(), "neighbor solicitation, who has 2001:db8::2"));
	B[n] = 136;
	B[n + 4] = 0xe0;
	B[n + 24] = 2;
	nf_dissect(&P, NF_LINKTYPE_IPV6, B, n + sizeof ns, n + sizeof ns);
	assert_int_equal(u("icmpv6.nd.na.flag", 0), 0xe0000000);
	assert_non_null(nth("icmpv6.opt.target_linkaddr", 0));
	/* Option length 0 must be rejected (RFC 4861 4.6), not looped on. */
	B[n + 25] = 0;
	nf_dissect(&P, NF_LINKTYPE_IPV6, B, n + sizeof ns, n + sizeof ns);
	assert_int_equal(layer("icmpv6")->status, NF_LAYER_MALFORMED);
	assert_int_equal(layer("icmpv6")->err_off, n + 25);
	/* Option length past the message: truncated. */
	B[n + 25] = 9;
	nf_dissect(&P, NF_LINKTYPE_IPV6, B, n + sizeof ns, n + sizeof ns);
	assert_int_equal(layer("icmpv6")->status, NF_LAYER_TRUNCATED);
	/* Router Solicitation: reserved word then options. */
	memcpy(B + n, "\x85\x00\x00\x00\x00\x00\x00\x00\x01\x01\x02\x00\x00\x00\x00\x01", 16);
	nf_dissect(&P, NF_LINKTYPE_IPV6, B, n + 16, n + 16);
	assert_int_equal(u("icmpv6.type", 0), 133);
	assert_int_equal(u("icmpv6.opt.type", 0), 1);
	n = ip6(58, 255, sizeof ra);
	memcpy(B + n, ra, sizeof ra);
	all_prefixes(NF_LINKTYPE_IPV6, B, n + sizeof ra);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ipv4_options_fragments), cmocka_unit_test(test_ipv6_ext_chain),
		cmocka_unit_test(test_ipv6_chain_past_bound), cmocka_unit_test(test_icmp),
		cmocka_unit_test(test_icmp6_nd),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
