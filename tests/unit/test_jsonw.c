/* The streaming JSON writer (src/core/jsonw.c) and the NDJSON printer on
 * top of it: every value kind it writes, every frame field type, nesting,
 * commas and hostile strings must come out as JSON that jansson parses to
 * the same values. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <jansson.h>

#include "netfuzz/frame.h"
#include "netfuzz/jsonw.h"
#include "netfuzz/print.h"

static struct nf_out o;

/* Parse what the writer produced (one NDJSON line: exactly one newline, at
 * the end) with jansson, failing the test with the text on error. */
static json_t *parse_line(void)
{
	json_error_t err;
	json_t *j;

	assert_true(o.n > 0);
	assert_int_equal(o.buf[o.n - 1], '\n');
	assert_null(memchr(o.buf, '\n', o.n - 1));
	j = json_loadb(o.buf, o.n, 0, &err);
	if (!j)
		fail_msg("jansson rejected `%.*s`: %s at %d", (int)o.n, o.buf, err.text, err.position);
	return j;
}

static void test_values_and_nesting(void **state)
{
	static const char hostile[] = "q\"b\\s\x01\x1f\x7f\xff\xc3\xa9 end";
	static const uint8_t v4[4] = {192, 0, 2, 255}, mac[6] = {0, 0x1b, 0x21, 0xaa, 0xbb, 0xcc};
	static const uint8_t v6[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
	static const uint8_t raw[3] = {0xde, 0xad, 0x01};
	struct nf_jw w;
	json_t *j, *a;
	char *dump;

	(void)state;
	nf_out_init(&o, -1);
	nf_jw_init(&w, &o);
	nf_jw_object_begin(&w);
	nf_jw_key(&w, "u", 1);
	nf_jw_uint(&w, INT64_MAX);
	nf_jw_key(&w, "i", 1);
	nf_jw_int(&w, INT64_MIN);
	nf_jw_key(&w, "t", 1);
	nf_jw_bool(&w, true);
	nf_jw_key(&w, "f", 1);
	nf_jw_bool(&w, false);
	nf_jw_key(&w, "k\"ey\n", 5); /* a key needing escapes */
	nf_jw_str(&w, hostile, sizeof hostile - 1);
	nf_jw_key_raw(&w, "\"hex\":", 6);
	nf_jw_hex_str(&w, 0x800, 4);
	nf_jw_key(&w, "v4", 2);
	nf_jw_ipv4(&w, v4);
	nf_jw_key(&w, "v6", 2);
	nf_jw_ipv6(&w, v6);
	nf_jw_key(&w, "mac", 3);
	nf_jw_mac(&w, mac);
	nf_jw_key(&w, "raw", 3);
	nf_jw_bytes_hex(&w, raw, 3, false);
	nf_jw_key(&w, "colon", 5);
	nf_jw_bytes_hex(&w, raw, 3, true);
	nf_jw_key(&w, "empty", 5);
	nf_jw_array_begin(&w);
	nf_jw_array_end(&w);
	nf_jw_key(&w, "nest", 4);
	nf_jw_array_begin(&w);
	nf_jw_uint(&w, 1);
	nf_jw_object_begin(&w);
	nf_jw_object_end(&w);
	nf_jw_array_begin(&w);
	nf_jw_uint(&w, 2);
	nf_jw_uint(&w, 3);
	nf_jw_array_end(&w);
	nf_jw_str(&w, "", 0);
	nf_jw_array_end(&w);
	nf_jw_object_end(&w);
	nf_jw_newline(&w);
	assert_false(w.failed);

	j = parse_line();
	assert_true(json_integer_value(json_object_get(j, "i")) == INT64_MIN);
	assert_true(json_integer_value(json_object_get(j, "u")) == INT64_MAX);
	assert_true(json_is_true(json_object_get(j, "t")));
	assert_true(json_is_false(json_object_get(j, "f")));
	/* Bytes >= 0x7f are written as \u00XX: jansson gives them back as
	 * the code points U+007F, U+00FF, U+00C3, U+00A9 in UTF-8. */
	assert_string_equal(json_string_value(json_object_get(j, "k\"ey\n")),
			    "q\"b\\s\x01\x1f\x7f\xc3\xbf\xc3\x83\xc2\xa9 end");
	assert_string_equal(json_string_value(json_object_get(j, "hex")), "0x0800");
	assert_string_equal(json_string_value(json_object_get(j, "v4")), "192.0.2.255");
	assert_string_equal(json_string_value(json_object_get(j, "v6")), "2001:db8::1");
	assert_string_equal(json_string_value(json_object_get(j, "mac")), "00:1b:21:aa:bb:cc");
	assert_string_equal(json_string_value(json_object_get(j, "raw")), "dead01");
	assert_string_equal(json_string_value(json_object_get(j, "colon")), "de:ad:01");
	assert_int_equal(json_array_size(json_object_get(j, "empty")), 0);
	a = json_object_get(j, "nest");
	assert_int_equal(json_array_size(a), 4);
	dump = json_dumps(a, JSON_COMPACT);
	assert_string_equal(dump, "[1,{},[2,3],\"\"]");
	free(dump);
	json_decref(j);
}

/* Above INT64_MAX jansson refuses integers (json_int_t is signed), so the
 * full uint64 range is checked as text: all digits, no sign, no wrap. */
static void test_uint_range(void **state)
{
	struct nf_jw w;

	(void)state;
	nf_out_init(&o, -1);
	nf_jw_init(&w, &o);
	nf_jw_array_begin(&w);
	nf_jw_uint(&w, UINT64_MAX);
	nf_jw_uint(&w, 0);
	nf_jw_int(&w, -1);
	nf_jw_array_end(&w);
	nf_jw_newline(&w);
	assert_int_equal(o.n, sizeof "[18446744073709551615,0,-1]\n" - 1);
	assert_memory_equal(o.buf, "[18446744073709551615,0,-1]\n", o.n);
}

static void test_misuse_is_refused(void **state)
{
	struct nf_jw w;

	(void)state;
	nf_out_init(&o, -1);
	nf_jw_init(&w, &o);
	for (int i = 0; i < NF_JW_MAX_DEPTH + 5; i++)
		nf_jw_array_begin(&w);
	assert_true(w.failed); /* too deep: refused, never overflowed */

	nf_jw_init(&w, &o);
	nf_jw_array_end(&w); /* close without open */
	assert_true(w.failed);

	nf_jw_init(&w, &o);
	nf_jw_object_begin(&w);
	nf_jw_key(&w, "a", 1);
	nf_jw_object_end(&w); /* a key without its value */
	assert_true(w.failed);
}

/* One field of every nf_ftype, twice where arrays group them, through the
 * NDJSON printer: jansson must parse the line and see each value. */
static void test_every_field_type(void **state)
{
	static struct nf_packet pkt;
	static const uint8_t data[64] = {0xab, 0xcd, 0xef, 0x00, 0x22};
	static const uint8_t v4[4] = {10, 0, 0, 1}, mac[6] = {2, 0, 0, 0, 0, 9};
	static const uint8_t v6[16] = {0xfe, 0x80, [15] = 2};
	static const char text[] = "a\"\\\x02\xfe";
	struct nf_cur c;
	json_t *j;

	(void)state;
	nf_packet_reset(&pkt, NF_LINKTYPE_ETHERNET, sizeof data, 100);
	nf_cur_init(&c, data, sizeof data);
	nf_layer_begin(&pkt, NF_P(eth), &c);
	nf_add_uint(&pkt, NF_F(udp_srcport), 53, 0);
	nf_add(&pkt, NF_F(radiotap_dbm_antsignal), NF_FT_INT, 1)->v.i = -71;
	nf_add_bool(&pkt, NF_F(ip_flags_mf), true, 2);
	nf_add_addr(&pkt, NF_F(ip_src), NF_FT_IPV4, v4, 3);
	nf_add_addr(&pkt, NF_F(ipv6_src), NF_FT_IPV6, v6, 4);
	nf_add_addr(&pkt, NF_F(eth_src), NF_FT_MAC, mac, 5);
	assert_true(nf_add_str(&pkt, NF_F(dns_qry_name), text, sizeof text - 1, 6));
	nf_add_slice(&pkt, NF_F(quic_dcid), NF_FT_BYTES, &c, 3);
	nf_add_slice(&pkt, NF_F(llc_oui), NF_FT_BYTES_COLON, &c, 3);
	nf_add_hex(&pkt, NF_F(eth_type), 0x86dd, 4, 7);
	nf_add_hex(&pkt, NF_F(eth_type), 0x0800, 4, 8); /* repeated: an array */
	nf_layer_truncated(&pkt, &c);

	nf_out_init(&o, -1);
	nf_print_ndjson(&o, &pkt, 42);
	j = parse_line();
	assert_int_equal(json_integer_value(json_object_get(j, "frame.number")), 42);
	assert_string_equal(json_string_value(json_object_get(j, "frame.protocols")), "eth");
	assert_int_equal(json_integer_value(json_object_get(j, "udp.srcport")), 53);
	assert_int_equal(json_integer_value(json_object_get(j, "radiotap.dbm_antsignal")), -71);
	assert_int_equal(json_integer_value(json_object_get(j, "ip.flags.mf")), 1);
	assert_string_equal(json_string_value(json_object_get(j, "ip.src")), "10.0.0.1");
	assert_string_equal(json_string_value(json_object_get(j, "ipv6.src")), "fe80::2");
	assert_string_equal(json_string_value(json_object_get(j, "eth.src")), "02:00:00:00:00:09");
	assert_string_equal(json_string_value(json_object_get(j, "dns.qry.name")), "a\"\\\x02\xc3\xbe");
	assert_string_equal(json_string_value(json_object_get(j, "quic.dcid")), "abcdef");
	assert_string_equal(json_string_value(json_object_get(j, "llc.oui")), "ab:cd:ef");
	assert_int_equal(json_array_size(json_object_get(j, "eth.type")), 2);
	assert_string_equal(json_string_value(json_array_get(json_object_get(j, "eth.type"), 1)), "0x0800");
	assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(j, "_errors"), 0),
							      "kind")), "truncated");
	json_decref(j);
}

/* The descriptors' ready-made keys are exactly the quoted names. */
static void test_descriptors(void **state)
{
	char want[300];

	(void)state;
	for (unsigned i = 1; i < NFF__COUNT; i++) {
		const struct nf_fdesc *d = &nf_fields[i];

		assert_int_equal(d->id, i);
		assert_int_equal(strlen(d->name), d->name_len);
		snprintf(want, sizeof want, "\"%s\":", d->name);
		assert_string_equal(d->key, want);
		assert_int_equal(strlen(d->key), d->key_len);
		assert_ptr_equal(nf_field_by_name(d->name), d);
	}
	for (unsigned i = 1; i < NFP__COUNT; i++)
		assert_ptr_equal(nf_proto_by_name(nf_protos[i].name), &nf_protos[i]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_values_and_nesting),
		cmocka_unit_test(test_uint_range),
		cmocka_unit_test(test_misuse_is_refused),
		cmocka_unit_test(test_every_field_type),
		cmocka_unit_test(test_descriptors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
