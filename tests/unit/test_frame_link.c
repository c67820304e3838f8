/* Link layers: NULL/LOOP (linktypes.html), Linux SLL and SLL2, 802.3
 * LLC/SNAP (RFC 1042), 802.1Q and 802.1ad QinQ, ARP (RFC 826). */
#include "frame_test.h"

/* IPv4/UDP 192.0.2.1:1 > 192.0.2.2:2, 2 payload bytes (RFC 791, RFC 768). */
static const uint8_t IP4[] = {0x45, 0, 0, 30, 0, 1, 0, 0, 64, 17, 0, 0, 192, 0, 2, 1, 192, 0, 2, 2,
			      0, 1, 0, 2, 0, 10, 0, 0, 'h', 'i'};

static void test_null_loop(void **s)
{
	uint8_t b[4 + sizeof IP4];

	(void)s;
	memcpy(b + 4, IP4, sizeof IP4);
	memcpy(b, "\x02\x00\x00\x00", 4); /* NULL, little-endian host: AF_INET */
	nf_dissect(&P, NF_LINKTYPE_NULL, b, sizeof b, sizeof b);
	assert_layers("null:ip:udp");
	assert_int_equal(u("null.family", 0), 2);
	memcpy(b, "\x00\x00\x00\x02", 4); /* NULL written big-endian */
	nf_dissect(&P, NF_LINKTYPE_NULL, b, sizeof b, sizeof b);
	assert_int_equal(u("null.family", 0), 2);
	nf_dissect(&P, NF_LINKTYPE_LOOP, b, sizeof b, sizeof b); /* LOOP: network order */
	assert_layers("null:ip:udp");
	memcpy(b, "\x00\x00\x00\x1e", 4); /* AF_INET6 on Darwin, but an IPv4 body */
	nf_dissect(&P, NF_LINKTYPE_LOOP, b, sizeof b, sizeof b);
	assert_int_equal(layer("ipv6")->status, NF_LAYER_MALFORMED);
	nf_dissect(&P, NF_LINKTYPE_LOOP, b, 3, 3);
	assert_int_equal(layer("null")->status, NF_LAYER_TRUNCATED);
	assert_non_null(strstr(line(), "[|null]"));
}

static void test_sll_sll2(void **s)
{
	uint8_t a[16 + sizeof IP4] = {0, 0, 0, 1, 0, 6, 2, 0, 0, 0, 0, 1, 0, 0, 0x08, 0x00};
	uint8_t b[20 + sizeof IP4] = {0x08, 0x00, 0, 0, 0, 0, 0, 7, 0, 1, 4, 6, 2, 0, 0, 0, 0, 1, 0, 0};

	(void)s;
	memcpy(a + 16, IP4, sizeof IP4);
	nf_dissect(&P, NF_LINKTYPE_LINUX_SLL, a, sizeof a, sizeof a);
	assert_layers("sll:ip:udp");
	assert_int_equal(u("sll.pkttype", 0), 0);
	assert_int_equal(u("sll.hatype", 0), 1);
	assert_int_equal(u("sll.etype", 0), 0x0800);
	assert_memory_equal(nth("sll.src.eth", 0)->v.addr, "\x02\x00\x00\x00\x00\x01", 6);
	memcpy(b + 20, IP4, sizeof IP4);
	nf_dissect(&P, NF_LINKTYPE_LINUX_SLL2, b, sizeof b, sizeof b);
	assert_layers("sll:ip:udp");
	assert_int_equal(u("sll.ifindex", 0), 7);
	assert_int_equal(u("sll.pkttype", 0), 4);
	nf_dissect(&P, NF_LINKTYPE_LINUX_SLL2, b, 19, 19);
	assert_int_equal(layer("sll")->status, NF_LAYER_TRUNCATED);
	all_prefixes(NF_LINKTYPE_LINUX_SLL, a, sizeof a);
}

static void test_llc_snap(void **s)
{
	uint8_t f[14 + 8 + sizeof IP4 + 6] = {2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 0, 8 + sizeof IP4,
					      0xaa, 0xaa, 0x03, 0, 0, 0, 0x08, 0x00};
	uint8_t stp[14 + 3 + 4] = {1, 0x80, 0xc2, 0, 0, 0, 2, 0, 0, 0, 0, 1, 0, 7, 0x42, 0x42, 0x03};

	(void)s;
	memcpy(f + 22, IP4, sizeof IP4); /* 6 bytes of Ethernet padding after */
	nf_dissect(&P, NF_LINKTYPE_ETHERNET, f, sizeof f, sizeof f);
	assert_layers("eth:llc:ip:udp");
	assert_int_equal(u("eth.len", 0), 8 + sizeof IP4);
	assert_int_equal(u("llc.dsap", 0), 0xaa);
	assert_int_equal(u("llc.control", 0), 3);
	assert_int_equal(u("llc.type", 0), 0x0800);
	nf_dissect(&P, NF_LINKTYPE_ETHERNET, stp, sizeof stp, sizeof stp); /* STP: U-format, no SNAP */
	assert_layers("eth:llc");
	assert_int_equal(u("llc.dsap", 0), 0x42);
	assert_null(nth("llc.oui", 0));
	nf_dissect(&P, NF_LINKTYPE_ETHERNET, f, 19, 19);
	assert_int_equal(layer("llc")->status, NF_LAYER_TRUNCATED);
}

static void test_qinq(void **s)
{
	uint8_t f[22 + sizeof IP4] = {2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 0x88, 0xa8, 0x00, 0x0a, 0x81, 0x00,
				      0xa0, 0x14, 0x08, 0x00};
	uint8_t deep[14 + 4 * 6] = {2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 0x81, 0x00};

	(void)s;
	memcpy(f + 22, IP4, sizeof IP4);
	nf_dissect(&P, NF_LINKTYPE_ETHERNET, f, sizeof f, sizeof f);
	assert_layers("eth:ieee8021ad:vlan:ip:udp");
	assert_int_equal(u("ieee8021ad.id", 0), 10);
	assert_int_equal(u("vlan.id", 0), 20);
	assert_int_equal(u("vlan.priority", 0), 5);
	/* Six stacked 802.1Q tags: stopped at NF_MAX_VLAN_TAGS. */
	for (int i = 0; i < 6; i++)
		memcpy(deep + 14 + 4 * i, "\x00\x01\x81\x00", 4);
	nf_dissect(&P, NF_LINKTYPE_ETHERNET, deep, sizeof deep, sizeof deep);
	assert_int_equal(nf_layer_count(&P, NF_P(vlan)), 4);
	assert_int_equal(P.layers[P.nlayers - 1].status, NF_LAYER_MALFORMED);
	assert_non_null(strstr(line(), "too many VLAN tags"));
}

static void test_arp(void **s)
{
	const uint8_t f[] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 2, 0, 0, 0, 0, 1, 0x08, 0x06,
			     0, 1, 0x08, 0x00, 6, 4, 0, 1, 2, 0, 0, 0, 0, 1, 192, 0, 2, 1,
			     0, 0, 0, 0, 0, 0, 192, 0, 2, 2};
	const uint8_t odd[] = {0, 6, 0x08, 0x00, 2, 4, 0, 2, 0xaa, 0xbb, 10, 0, 0, 1, 0xcc, 0xdd, 10, 0, 0, 2};

	(void)s;
	nf_dissect(&P, NF_LINKTYPE_ETHERNET, f, sizeof f, sizeof f);
	assert_layers("eth:arp");
	assert_int_equal(u("arp.opcode", 0), 1);
	assert_memory_equal(nth("arp.src.proto_ipv4", 0)->v.addr, "\xc0\x00\x02\x01", 4);
	assert_memory_equal(nth("arp.dst.proto_ipv4", 0)->v.addr, "\xc0\x00\x02\x02", 4);
	assert_string_equal(line(), "ARP, Request who-has 192.0.2.2 tell 192.0.2.1, length 28");
	nf_dissect(&P, NF_LINKTYPE_ETHERNET, f, sizeof f - 1, sizeof f);
	assert_int_equal(layer("arp")->status, NF_LAYER_TRUNCATED);
	assert_null(nth("arp.src.proto_ipv4", 0));
	assert_non_null(strstr(line(), "[|arp]"));
	/* IEEE 802 hardware type with 2-byte addresses: kept as bytes. */
	nf_packet_reset(&P, -1, sizeof odd, sizeof odd);
	struct nf_cur c;
	nf_cur_init(&c, odd, sizeof odd);
	nf_dissect_arp(&P, &c);
	assert_int_equal(nth("arp.src.hw", 0)->len, 2);
	assert_int_equal(nth("arp.dst.proto", 0)->len, 4);
	all_prefixes(NF_LINKTYPE_ETHERNET, f, sizeof f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_null_loop), cmocka_unit_test(test_sll_sll2), cmocka_unit_test(test_llc_snap),
		cmocka_unit_test(test_qinq), cmocka_unit_test(test_arp),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
