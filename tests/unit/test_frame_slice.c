/* The first vertical slice on spec-derived bytes: Ethernet II -> 802.1Q ->
 * IPv4/IPv6 -> UDP -> DNS, with RFC 1035 compression, plus truncated and
 * hostile variants, and both printers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "netfuzz/frame.h"
#include "netfuzz/print.h"

static struct nf_packet pkt;

/* eth(02:..:02 <- 02:..:01, IPv4) / IPv4 198.51.100.7 -> 192.0.2.1 ttl 64 /
 * UDP 53 -> 53000 / DNS response id 0x1a2b: www.example.com A?;
 * answers: CNAME -> example.com (pointer 0xc010), A 93.184.216.34. */
static const uint8_t dns_resp[] = {
	0x02, 0, 0, 0, 0, 0x02, 0x02, 0, 0, 0, 0, 0x01, 0x08, 0x00,
	0x45, 0x00, 0x00, 0x5f, 0x12, 0x34, 0x40, 0x00, 0x40, 0x11, 0x00, 0x00,
	198, 51, 100, 7, 192, 0, 2, 1,
	0x00, 0x35, 0xcf, 0x08, 0x00, 0x4b, 0x00, 0x00,
	0x1a, 0x2b, 0x81, 0x80, 0x00, 0x01, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00,
	3, 'w', 'w', 'w', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 3, 'c', 'o', 'm', 0,
	0x00, 0x01, 0x00, 0x01,
	0xc0, 0x0c, 0x00, 0x05, 0x00, 0x01, 0x00, 0x00, 0x01, 0x2c, 0x00, 0x02, 0xc0, 0x10,
	0xc0, 0x10, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x01, 0x2c, 0x00, 0x04, 93, 184, 216, 34,
};

static const struct nf_field *field(const char *name)
{
	const struct nf_field *f = nf_find(&pkt, name);

	assert_non_null(f);
	return f;
}

static void assert_str_field(const char *name, const char *want)
{
	const struct nf_field *f = field(name);

	assert_int_equal(f->type, NF_FT_STR);
	assert_int_equal(f->len, strlen(want));
	assert_memory_equal(f->v.ptr, want, strlen(want));
}

static void test_dns_response_chain(void **state)
{
	static const uint8_t a[4] = {93, 184, 216, 34};

	(void)state;
	assert_int_equal(nf_dissect(&pkt, NF_LINKTYPE_ETHERNET, dns_resp, sizeof dns_resp, sizeof dns_resp), 4);
	assert_string_equal(pkt.layers[0].proto, "eth");
	assert_string_equal(pkt.layers[1].proto, "ip");
	assert_string_equal(pkt.layers[2].proto, "udp");
	assert_string_equal(pkt.layers[3].proto, "dns");
	for (int i = 0; i < 4; i++)
		assert_int_equal(pkt.layers[i].status, NF_LAYER_OK);
	assert_int_equal(field("eth.type")->v.u, 0x0800);
	assert_int_equal(field("ip.ttl")->v.u, 64);
	assert_int_equal(field("ip.proto")->v.u, 17);
	assert_int_equal(field("udp.srcport")->v.u, 53);
	assert_int_equal(field("udp.dstport")->v.u, 53000);
	assert_int_equal(field("dns.id")->v.u, 0x1a2b);
	assert_int_equal(field("dns.count.answers")->v.u, 2);
	assert_str_field("dns.qry.name", "www.example.com");
	assert_str_field("dns.cname", "example.com");
	assert_memory_equal(field("dns.a")->v.addr, a, 4);
	assert_false(pkt.overflow);
}

static void test_truncation_marks_layer(void **state)
{
	struct nf_out o;

	(void)state;
	/* Cut inside the DNS question: earlier layers intact, dns truncated. */
	nf_dissect(&pkt, NF_LINKTYPE_ETHERNET, dns_resp, 60, sizeof dns_resp);
	assert_int_equal(pkt.nlayers, 4);
	assert_int_equal(pkt.layers[2].status, NF_LAYER_OK);
	assert_int_equal(pkt.layers[3].status, NF_LAYER_TRUNCATED);
	nf_out_init(&o, -1);
	nf_print_line(&o, &pkt);
	assert_non_null(memmem(o.buf, o.n, "[|dns]", 6));
	/* Cut inside the IPv4 header. */
	nf_dissect(&pkt, NF_LINKTYPE_ETHERNET, dns_resp, 20, sizeof dns_resp);
	assert_int_equal(pkt.nlayers, 2);
	assert_int_equal(pkt.layers[1].status, NF_LAYER_TRUNCATED);
}

static void test_dns_pointer_loop_and_forward(void **state)
{
	uint8_t b[sizeof dns_resp];

	(void)state;
	/* Question name replaced by a pointer to itself (offset 12): loop. */
	memcpy(b, dns_resp, sizeof b);
	b[54] = 0xc0;
	b[55] = 0x0c;
	nf_dissect(&pkt, NF_LINKTYPE_ETHERNET, b, sizeof b, sizeof b);
	assert_int_equal(pkt.layers[3].status, NF_LAYER_MALFORMED);
	assert_int_equal(pkt.layers[3].err_off, 54);
	assert_string_equal(pkt.layers[3].err, "compression pointer does not point backwards");
	/* A pointer forward (to offset 0x20). */
	b[55] = 0x20;
	nf_dissect(&pkt, NF_LINKTYPE_ETHERNET, b, sizeof b, sizeof b);
	assert_int_equal(pkt.layers[3].status, NF_LAYER_MALFORMED);
}

static void test_vlan_qinq_ipv6(void **state)
{
	/* 802.1ad S-tag vid 10 -> 802.1Q C-tag pcp 5 vid 100 -> IPv6 UDP. */
	static const uint8_t f[] = {
		0x02, 0, 0, 0, 0, 0x02, 0x02, 0, 0, 0, 0, 0x01, 0x88, 0xa8,
		0x00, 0x0a, 0x81, 0x00, 0xa0, 0x64, 0x86, 0xdd,
		0x60, 0, 0, 0, 0x00, 0x09, 17, 255,
		0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,
		0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2,
		0x04, 0xd2, 0x16, 0x2e, 0x00, 0x09, 0x00, 0x00, 'x',
	};
	struct nf_out o;

	(void)state;
	nf_dissect(&pkt, NF_LINKTYPE_ETHERNET, f, sizeof f, sizeof f);
	assert_int_equal(pkt.nlayers, 5);
	assert_string_equal(pkt.layers[1].proto, "ieee8021ad"); /* S-tag, as Wireshark names it */
	assert_string_equal(pkt.layers[2].proto, "vlan");
	assert_int_equal(nf_layer_field(&pkt, 1, "ieee8021ad.id")->v.u, 10);
	assert_int_equal(nf_layer_field(&pkt, 2, "vlan.id")->v.u, 100);
	assert_int_equal(nf_layer_field(&pkt, 2, "vlan.priority")->v.u, 5);
	assert_int_equal(field("ipv6.hlim")->v.u, 255);
	assert_int_equal(field("udp.dstport")->v.u, 5678);
	nf_out_init(&o, -1);
	nf_print_line(&o, &pkt);
	o.buf[o.n] = 0;
	assert_string_equal(o.buf, "IP6 2001:db8::1.1234 > 2001:db8::2.5678: UDP, length 1\n");
}

static void test_ndjson_arrays(void **state)
{
	struct nf_out o;
	static const char want[] =
		"\"dns.resp.type\":[5,1]";

	(void)state;
	nf_dissect(&pkt, NF_LINKTYPE_ETHERNET, dns_resp, sizeof dns_resp, sizeof dns_resp);
	nf_out_init(&o, -1);
	nf_print_ndjson(&o, &pkt, 7);
	assert_true(o.n > 0 && o.n < sizeof o.buf);
	o.buf[o.n] = 0;
	assert_non_null(strstr(o.buf, "{\"frame.number\":7,"));
	assert_non_null(strstr(o.buf, "\"frame.protocols\":\"eth:ip:udp:dns\""));
	assert_non_null(strstr(o.buf, "\"ip.src\":\"198.51.100.7\""));
	assert_non_null(strstr(o.buf, "\"eth.type\":\"0x0800\""));
	assert_non_null(strstr(o.buf, want));
	assert_non_null(strstr(o.buf, "\"dns.a\":\"93.184.216.34\""));
	assert_null(strstr(o.buf, "_errors"));
}

static void test_bad_lengths(void **state)
{
	uint8_t b[sizeof dns_resp];

	(void)state;
	memcpy(b, dns_resp, sizeof b);
	b[38] = 0; /* UDP length 3: below the header */
	b[39] = 3;
	nf_dissect(&pkt, NF_LINKTYPE_ETHERNET, b, sizeof b, sizeof b);
	assert_int_equal(pkt.layers[2].status, NF_LAYER_MALFORMED);
	assert_int_equal(pkt.layers[2].err_off, 38);
	memcpy(b, dns_resp, sizeof b);
	b[14] = 0x44; /* IHL 4 */
	nf_dissect(&pkt, NF_LINKTYPE_ETHERNET, b, sizeof b, sizeof b);
	assert_int_equal(pkt.layers[1].status, NF_LAYER_MALFORMED);
	assert_int_equal(pkt.nlayers, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dns_response_chain),
		cmocka_unit_test(test_truncation_marks_layer),
		cmocka_unit_test(test_dns_pointer_loop_and_forward),
		cmocka_unit_test(test_vlan_qinq_ipv6),
		cmocka_unit_test(test_ndjson_arrays),
		cmocka_unit_test(test_bad_lengths),
	};
	return cmocka_run_group_tests_name("frame_slice", tests, NULL, NULL);
}
