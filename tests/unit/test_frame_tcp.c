/* TCP (RFC 9293 3.1) with options: MSS, window scale and timestamps
 * (RFC 7323), SACK-permitted and SACK blocks (RFC 2018), unknown kinds. */
#include "frame_test.h"

static uint8_t B[128];

/* IPv4 + TCP header with `ol` option bytes; returns the packet length. */
static size_t tcp(const uint8_t *opts, size_t ol, uint16_t flags, size_t payload)
{
	size_t hl = 20 + ol, tot = 20 + hl + payload;

	memset(B, 0, sizeof B);
	memcpy(B, "\x45\x00\x00\x00\x00\x01\x00\x00\x40\x06\x00\x00\xc0\x00\x02\x01\xc6\x33\x64\x07", 20);
	B[3] = (uint8_t)tot;
	memcpy(B + 20, "\x9c\x41\x00\x50\x00\x00\x03\xe8\x00\x00\x00\x05", 12); /* 40001 > 80 */
	B[32] = (uint8_t)((hl / 4) << 4) | (uint8_t)(flags >> 8);
	B[33] = (uint8_t)flags;
	B[34] = 0xff;
	B[35] = 0xff;
	if (ol)
		memcpy(B + 40, opts, ol);
	return tot;
}

static void test_syn_options(void **s)
{
	const uint8_t o[] = {2, 4, 0x05, 0xb4, 4, 2, 8, 10, 0, 0, 0x30, 0x39, 0, 0, 0, 0, 1, 3, 3, 7};
	size_t n = tcp(o, sizeof o, 0x002, 0);

	(void)s;
	nf_dissect(&P, NF_LINKTYPE_RAW, B, n, n);
	assert_layers("ip:tcp");
	assert_int_equal(layer("tcp")->status, NF_LAYER_OK);
	assert_int_equal(u("tcp.srcport", 0), 40001);
	assert_int_equal(u("tcp.dstport", 0), 80);
	assert_int_equal(u("tcp.seq_raw", 0), 1000);
	assert_int_equal(u("tcp.flags", 0), 0x002);
	assert_int_equal(u("tcp.hdr_len", 0), 40);
	assert_int_equal(u("tcp.options.mss_val", 0), 1460);
	assert_non_null(nth("tcp.options.sack_perm", 0));
	assert_int_equal(u("tcp.options.timestamp.tsval", 0), 12345);
	assert_int_equal(u("tcp.options.timestamp.tsecr", 0), 0);
	assert_int_equal(u("tcp.options.wscale.shift", 0), 7);
	assert_int_equal(count("tcp.option_kind"), 5);
	assert_string_equal(line(), "IP 192.0.2.1.40001 > 198.51.100.7.80: Flags [S], seq 1000, win 65535, "
				    "options [mss 1460,sackOK,TS val 12345 ecr 0,nop,wscale 7], length 0");
	all_prefixes(NF_LINKTYPE_RAW, B, n);
}

static void test_sack_unknown(void **s)
{
	const uint8_t o[] = {1, 1, 5, 18, 0, 0, 0x13, 0x88, 0, 0, 0x17, 0x70, 0, 0, 0x1b, 0x58, 0, 0, 0x1f, 0x40,
			     99, 4, 0xab, 0xcd, 0, 0, 0, 0};
	size_t n = tcp(o, sizeof o, 0x018, 4);

	(void)s;
	nf_dissect(&P, NF_LINKTYPE_RAW, B, n, n);
	assert_int_equal(count("tcp.options.sack_le"), 2);
	assert_int_equal(u("tcp.options.sack_le", 0), 5000);
	assert_int_equal(u("tcp.options.sack_re", 0), 6000);
	assert_int_equal(u("tcp.options.sack_le", 1), 7000);
	assert_int_equal(u("tcp.options.sack_re", 1), 8000);
	assert_int_equal(u("tcp.option_kind", 3), 99); /* unknown kind shown by number */
	assert_int_equal(u("tcp.option_len", 1), 4);
	assert_int_equal(u("tcp.option_kind", 4), 0);  /* EOL ends the list */
	assert_int_equal(count("tcp.option_kind"), 5);
	assert_non_null(strstr(line(), "Flags [P.], seq 1000, ack 5"));
	assert_non_null(strstr(line(), "unknown-99"));
	assert_non_null(strstr(line(), "length 4"));
}

static void test_hostile(void **s)
{
	const uint8_t badlen[] = {2, 9, 0, 0};      /* MSS length past the header */
	const uint8_t zero[] = {30, 0, 0, 0};       /* length 0 would loop */
	const uint8_t mss3[] = {2, 3, 0, 1};        /* MSS with length 3 */
	const uint8_t sack[] = {5, 6, 0, 0, 0, 0, 1, 1}; /* SACK not a multiple of 8 */
	size_t n;

	(void)s;
	n = tcp(badlen, sizeof badlen, 2, 0);
	nf_dissect(&P, NF_LINKTYPE_RAW, B, n, n);
	assert_int_equal(layer("tcp")->status, NF_LAYER_MALFORMED);
	assert_int_equal(layer("tcp")->err_off, 40);
	n = tcp(zero, sizeof zero, 2, 0);
	nf_dissect(&P, NF_LINKTYPE_RAW, B, n, n);
	assert_int_equal(layer("tcp")->status, NF_LAYER_MALFORMED);
	n = tcp(mss3, sizeof mss3, 2, 0);
	nf_dissect(&P, NF_LINKTYPE_RAW, B, n, n);
	assert_int_equal(layer("tcp")->status, NF_LAYER_MALFORMED);
	assert_non_null(strstr(line(), "[malformed tcp at offset 40: bad TCP option: wrong length"));
	n = tcp(sack, sizeof sack, 2, 0);
	nf_dissect(&P, NF_LINKTYPE_RAW, B, n, n);
	assert_int_equal(layer("tcp")->status, NF_LAYER_MALFORMED);
	/* Data offset 3 (< 5). */
	n = tcp(NULL, 0, 2, 0);
	B[32] = 0x30;
	nf_dissect(&P, NF_LINKTYPE_RAW, B, n, n);
	assert_int_equal(layer("tcp")->status, NF_LAYER_MALFORMED);
	/* Data offset 15 but only 20 header bytes captured. */
	B[32] = 0xf0;
	nf_dissect(&P, NF_LINKTYPE_RAW, B, n, n);
	assert_int_equal(layer("tcp")->status, NF_LAYER_TRUNCATED);
	assert_non_null(strstr(line(), "[|tcp]"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_syn_options), cmocka_unit_test(test_sack_unknown), cmocka_unit_test(test_hostile),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
