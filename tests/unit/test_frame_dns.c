/* DNS and mDNS (RFC 1035 4.1, RFC 6762): every section; A, AAAA, CNAME,
 * PTR, SRV (RFC 2782), TXT, OPT (RFC 6891), NSEC (RFC 4034); compression
 * pointers that must point backwards, with a bounded hop count. */
#include "frame_test.h"
#include "netfuzz/limits.h"

static void dns(const uint8_t *m, size_t n, bool mdns)
{
	struct nf_cur c;

	nf_packet_reset(&P, -1, n, n);
	nf_cur_init(&c, m, n);
	nf_dissect_dns(&P, &c, mdns);
}

/* Response to _http._tcp.example.com SRV: answers SRV (-> web.example.com
 * port 8080), TXT "hello" "k=v", PTR, A, AAAA, CNAME; authority NSEC;
 * additional OPT (payload 1232, DO bit). */
static const uint8_t RESP[] = {
	0x42, 0x42, 0x84, 0x00, 0, 1, 0, 6, 0, 1, 0, 1,
	/* 12 */ 5, '_', 'h', 't', 't', 'p', 4, '_', 't', 'c', 'p', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 3, 'c', 'o', 'm', 0,
	0, 33, 0, 1,
	/* SRV */ 0xc0, 12, 0, 33, 0, 1, 0, 0, 0, 120, 0, 12, 0, 10, 0, 5, 0x1f, 0x90, 3, 'w', 'e', 'b', 0xc0, 23,
	/* TXT */ 0xc0, 12, 0, 16, 0, 1, 0, 0, 0, 120, 0, 10, 5, 'h', 'e', 'l', 'l', 'o', 3, 'k', '=', 'v',
	/* PTR */ 0xc0, 23, 0, 12, 0, 1, 0, 0, 0, 120, 0, 2, 0xc0, 23,
	/* A */ 0xc0, 23, 0, 1, 0, 1, 0, 0, 0, 120, 0, 4, 93, 184, 216, 34,
	/* AAAA */ 0xc0, 23, 0, 28, 0, 1, 0, 0, 0, 120, 0, 16, 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,
	/* CNAME */ 0xc0, 23, 0, 5, 0, 1, 0, 0, 0, 120, 0, 2, 0xc0, 12,
	/* NSEC */ 0xc0, 23, 0, 47, 0, 1, 0, 0, 0, 120, 0, 10, 1, 'a', 0xc0, 23, 0, 4, 0x40, 0, 0, 8,
	/* OPT */ 0, 0, 41, 0x04, 0xd0, 0, 0, 0x80, 0, 0, 0,
};

static void test_all_sections(void **s)
{
	(void)s;
	dns(RESP, sizeof RESP, false);
	assert_int_equal(layer("dns")->status, NF_LAYER_OK);
	assert_str("dns.qry.name", 0, "_http._tcp.example.com");
	assert_int_equal(u("dns.qry.type", 0), 33);
	assert_int_equal(count("dns.resp.name"), 8);
	assert_int_equal(u("dns.srv.port", 0), 8080);
	assert_int_equal(u("dns.srv.priority", 0), 10);
	assert_str("dns.srv.target", 0, "web.example.com");
	assert_str("dns.txt", 0, "hello");
	assert_str("dns.txt", 1, "k=v");
	assert_str("dns.ptr.domain_name", 0, "example.com");
	assert_memory_equal(nth("dns.a", 0)->v.addr, "\x5d\xb8\xd8\x22", 4);
	assert_int_equal(nth("dns.aaaa", 0)->v.addr[15], 1);
	assert_str("dns.cname", 0, "_http._tcp.example.com");
	assert_str("dns.nsec.next_domain_name", 0, "a.example.com");
	assert_int_equal(nth("dns.nsec.type_bitmap", 0)->len, 6);
	assert_int_equal(u("dns.rr.udp_payload_size", 0), 1232);
	assert_int_equal(u("dns.resp.z", 0), 0x8000);
	assert_str("dns.resp.name", 7, "<Root>");
	/* A repeated field is one JSON array, in packet order. */
	assert_non_null(strstr(ndjson(), "\"dns.txt\":[\"hello\",\"k=v\"]"));
	assert_non_null(strstr(ndjson(), "\"dns.resp.type\":[33,16,12,1,28,5,47,41]"));
	for (size_t k = 0; k < sizeof RESP; k++) { /* every truncation point */
		dns(RESP, k, false);
		assert_int_not_equal(layer("dns")->status, NF_LAYER_OK);
	}
}

static void test_mdns(void **s)
{
	const uint8_t m[] = {0, 0, 0x84, 0, 0, 0, 0, 1, 0, 0, 0, 0,
			     7, 'p', 'r', 'i', 'n', 't', 'e', 'r', 5, 'l', 'o', 'c', 'a', 'l', 0,
			     0, 1, 0x80, 1, 0, 0, 0, 120, 0, 4, 192, 168, 1, 20};

	(void)s;
	dns(m, sizeof m, true);
	assert_string_equal(layer("mdns")->proto, "mdns");
	assert_int_equal(u("dns.resp.class", 0), 1);
	assert_int_equal(u("dns.resp.cache_flush", 0), 1);
	dns(m, sizeof m, false); /* unicast DNS: the class is kept whole */
	assert_int_equal(u("dns.resp.class", 0), 0x8001);
}

static void test_hostile_names(void **s)
{
	/* Pointer to itself (offset 12 -> 12): not backwards. */
	const uint8_t self[] = {0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0xc0, 12, 0, 1, 0, 1};
	/* Forward pointer (12 -> 16). */
	const uint8_t fwd[] = {0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0xc0, 16, 0, 1, 1, 'a', 0, 0};
	/* Label "a" at 12, then a pointer back to 12: a loop that only the
	 * hop bound or name length stops. */
	const uint8_t loop[] = {0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 'a', 0xc0, 12, 0, 1, 0, 1};
	/* Reserved label type 0x40. */
	const uint8_t rsv[] = {0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0x41, 'a', 0, 0, 1, 0, 1};
	/* A name of 5 labels of 63 bytes: longer than 255 octets. */
	uint8_t big[12 + 5 * 64 + 5] = {0, 1, 1, 0, 0, 1};

	(void)s;
	dns(self, sizeof self, false);
	assert_int_equal(layer("dns")->status, NF_LAYER_MALFORMED);
	assert_int_equal(layer("dns")->err_off, 12);
	assert_non_null(strstr(layer("dns")->err, "backwards"));
	dns(fwd, sizeof fwd, false);
	assert_non_null(strstr(layer("dns")->err, "backwards"));
	dns(loop, sizeof loop, false);
	assert_int_equal(layer("dns")->status, NF_LAYER_MALFORMED);
	assert_null(nth("dns.qry.name", 0));
	dns(rsv, sizeof rsv, false);
	assert_non_null(strstr(layer("dns")->err, "reserved label"));
	for (int i = 0; i < 5; i++) {
		big[12 + 64 * i] = 63;
		memset(big + 13 + 64 * i, 'x', 63);
	}
	dns(big, sizeof big, false);
	assert_non_null(strstr(layer("dns")->err, "255"));
}

static void test_hostile_records(void **s)
{
	uint8_t m[sizeof RESP];

	(void)s;
	/* A record with RDLENGTH 5. */
	memcpy(m, RESP, sizeof m);
	m[12 + 28 + 24 + 22 + 14 + 11] = 5;
	dns(m, sizeof m, false);
	assert_int_equal(layer("dns")->status, NF_LAYER_MALFORMED);
	/* TXT string length past its RDATA. */
	memcpy(m, RESP, sizeof m);
	m[12 + 28 + 24 + 12] = 40;
	dns(m, sizeof m, false);
	assert_non_null(strstr(layer("dns")->err, "TXT"));
	/* RDLENGTH past the message: truncated. */
	memcpy(m, RESP, sizeof m);
	m[12 + 28 + 11] = 250;
	dns(m, sizeof m, false);
	assert_int_equal(layer("dns")->status, NF_LAYER_TRUNCATED);
	/* 65535 questions claimed, each the root name: stopped by the bound. */
	uint8_t many[12 + 5 * (NF_MAX_DNS_RECORDS + 10)] = {0, 1, 1, 0, 0xff, 0xff};
	for (int i = 0; i < NF_MAX_DNS_RECORDS + 10; i++)
		memcpy(many + 12 + 5 * i, "\x00\x00\x01\x00\x01", 5);
	dns(many, sizeof many, false);
	assert_int_equal(layer("dns")->status, NF_LAYER_MALFORMED);
	assert_non_null(strstr(layer("dns")->err, "NF_MAX_DNS_RECORDS"));
	assert_true(P.overflow); /* the field array filled first: flagged, not overrun */
	assert_non_null(strstr(ndjson(), "\"_overflow\":true"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_all_sections), cmocka_unit_test(test_mdns), cmocka_unit_test(test_hostile_names),
		cmocka_unit_test(test_hostile_records),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
