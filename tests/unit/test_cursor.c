/* Unit tests for the bounded cursor: every getter exactly at the end of the
 * buffer (succeeds) and one byte short (fails, cursor unchanged). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "netfuzz/cursor.h"

static const uint8_t B[] = {0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09};

/* Run getter `get` over a buffer of exactly n bytes (must succeed, consume
 * n, give `want`), then over n-1 bytes (must fail and not move). */
#define CHECK_GETTER(get, type, n, want)                                   \
	do {                                                               \
		struct nf_cur c;                                           \
		type v = 0;                                                \
		nf_cur_init(&c, B, n);                                     \
		assert_true(get(&c, &v));                                  \
		assert_int_equal((uint64_t)v, (uint64_t)(want));           \
		assert_int_equal(nf_cur_len(&c), 0);                       \
		assert_int_equal(nf_cur_offset(&c), n);                    \
		assert_false(get(&c, &v));                                 \
		nf_cur_init(&c, B, (n) - 1);                               \
		v = 0;                                                     \
		assert_false(get(&c, &v));                                 \
		assert_int_equal(v, 0);                                    \
		assert_int_equal(nf_cur_len(&c), (n) - 1);                 \
		assert_int_equal(nf_cur_offset(&c), 0);                    \
	} while (0)

static void test_integer_getters(void **state)
{
	(void)state;
	CHECK_GETTER(nf_cur_get_u8, uint8_t, 1, 0x01);
	CHECK_GETTER(nf_cur_get_u16be, uint16_t, 2, 0x0102);
	CHECK_GETTER(nf_cur_get_u16le, uint16_t, 2, 0x0201);
	CHECK_GETTER(nf_cur_get_u24be, uint32_t, 3, 0x010203);
	CHECK_GETTER(nf_cur_get_u32be, uint32_t, 4, 0x01020304);
	CHECK_GETTER(nf_cur_get_u32le, uint32_t, 4, 0x04030201);
	CHECK_GETTER(nf_cur_get_u64be, uint64_t, 8, 0x0102030405060708ULL);
	CHECK_GETTER(nf_cur_get_u64le, uint64_t, 8, 0x0807060504030201ULL);
}

static void test_peek_does_not_advance(void **state)
{
	struct nf_cur c;
	uint8_t u8;
	uint16_t u16;
	uint32_t u32;

	(void)state;
	nf_cur_init(&c, B, 4);
	assert_true(nf_cur_peek_u8(&c, &u8));
	assert_int_equal(u8, 1);
	assert_true(nf_cur_peek_u16be(&c, &u16));
	assert_int_equal(u16, 0x0102);
	assert_true(nf_cur_peek_u16le(&c, &u16));
	assert_int_equal(u16, 0x0201);
	assert_true(nf_cur_peek_u32be(&c, &u32));
	assert_int_equal(u32, 0x01020304);
	assert_true(nf_cur_peek_u32le(&c, &u32));
	assert_int_equal(u32, 0x04030201);
	assert_int_equal(nf_cur_len(&c), 4);
	nf_cur_init(&c, B, 3);
	assert_false(nf_cur_peek_u32be(&c, &u32));
	assert_false(nf_cur_peek_u32le(&c, &u32));
	nf_cur_init(&c, B, 1);
	assert_false(nf_cur_peek_u16be(&c, &u16));
	assert_false(nf_cur_peek_u16le(&c, &u16));
	nf_cur_init(&c, NULL, 0);
	assert_false(nf_cur_peek_u8(&c, &u8));
}

static void test_skip_copy_bytes(void **state)
{
	struct nf_cur c, sub;
	uint8_t out[9];

	(void)state;
	nf_cur_init(&c, B, 9);
	assert_false(nf_cur_skip(&c, 10));
	assert_int_equal(nf_cur_len(&c), 9);
	assert_true(nf_cur_skip(&c, 2));
	assert_int_equal(nf_cur_offset(&c), 2);
	assert_false(nf_cur_copy(&c, out, 8));
	assert_true(nf_cur_copy(&c, out, 3));
	assert_memory_equal(out, B + 2, 3);
	assert_false(nf_cur_get_bytes(&c, &sub, 5));
	assert_true(nf_cur_get_bytes(&c, &sub, 4));
	assert_int_equal(nf_cur_offset(&sub), 5);
	assert_int_equal(nf_cur_len(&sub), 4);
	assert_int_equal(nf_cur_len(&c), 0);
	/* The sub-cursor cannot see past its own record. */
	assert_false(nf_cur_skip(&sub, 5));
	assert_true(nf_cur_skip(&sub, 4));
	assert_true(nf_cur_empty(&sub));
	nf_cur_init(&c, B, 9);
	nf_cur_get_rest(&c, &sub);
	assert_int_equal(nf_cur_len(&sub), 9);
	assert_true(nf_cur_empty(&c));
}

static void test_length_prefixed(void **state)
{
	static const uint8_t p8[] = {3, 'a', 'b', 'c', 'x'};
	static const uint8_t p16be[] = {0, 2, 'a', 'b'};
	static const uint8_t p16le[] = {2, 0, 'a', 'b'};
	static const uint8_t p24[] = {0, 0, 1, 'z'};
	static const uint8_t bad[] = {5, 'a', 'b'};
	struct nf_cur c, sub;

	(void)state;
	nf_cur_init(&c, p8, sizeof p8);
	assert_true(nf_cur_get_u8_prefixed(&c, &sub));
	assert_int_equal(nf_cur_len(&sub), 3);
	assert_int_equal(nf_cur_offset(&sub), 1);
	assert_int_equal(nf_cur_len(&c), 1);
	nf_cur_init(&c, p16be, sizeof p16be);
	assert_true(nf_cur_get_u16be_prefixed(&c, &sub));
	assert_int_equal(nf_cur_len(&sub), 2);
	nf_cur_init(&c, p16le, sizeof p16le);
	assert_true(nf_cur_get_u16le_prefixed(&c, &sub));
	assert_int_equal(nf_cur_len(&sub), 2);
	nf_cur_init(&c, p24, sizeof p24);
	assert_true(nf_cur_get_u24be_prefixed(&c, &sub));
	assert_int_equal(nf_cur_len(&sub), 1);
	/* Length past the end: fails and consumes nothing, not even the length. */
	nf_cur_init(&c, bad, sizeof bad);
	assert_false(nf_cur_get_u8_prefixed(&c, &sub));
	assert_int_equal(nf_cur_len(&c), 3);
	nf_cur_init(&c, p16be, 1);
	assert_false(nf_cur_get_u16be_prefixed(&c, &sub));
	assert_int_equal(nf_cur_len(&c), 1);
	nf_cur_init(&c, p16le, 3);
	assert_false(nf_cur_get_u16le_prefixed(&c, &sub));
	nf_cur_init(&c, p24, 3);
	assert_false(nf_cur_get_u24be_prefixed(&c, &sub));
}

static void test_view_truncate_align(void **state)
{
	struct nf_cur c, v;

	(void)state;
	nf_cur_init(&c, B, 9);
	assert_true(nf_cur_view(&c, 9, 0, &v));
	assert_false(nf_cur_view(&c, 10, 0, &v));
	assert_false(nf_cur_view(&c, 8, 2, &v));
	assert_false(nf_cur_view(&c, 1, SIZE_MAX, &v)); /* no overflow */
	assert_true(nf_cur_view(&c, 8, 1, &v));
	assert_int_equal(nf_cur_offset(&v), 8);
	assert_int_equal(nf_cur_len(&c), 9); /* not consumed */
	assert_false(nf_cur_truncate(&c, 10));
	assert_true(nf_cur_truncate(&c, 5));
	assert_int_equal(nf_cur_len(&c), 5);
	/* Alignment relative to a structure base (radiotap style). */
	nf_cur_init(&c, B, 9);
	assert_true(nf_cur_skip(&c, 1));
	assert_true(nf_cur_align(&c, 0, 4));
	assert_int_equal(nf_cur_offset(&c), 4);
	assert_true(nf_cur_align(&c, 0, 4)); /* already aligned: no move */
	assert_int_equal(nf_cur_offset(&c), 4);
	assert_true(nf_cur_skip(&c, 1));
	assert_false(nf_cur_align(&c, 0, 16)); /* 11 bytes of padding, 4 left */
	assert_int_equal(nf_cur_offset(&c), 5);
	assert_false(nf_cur_align(&c, 0, 3)); /* not a power of two */
	assert_true(nf_cur_align(&c, 1, 4));  /* 5 - 1 = 4: aligned */
	assert_int_equal(nf_cur_offset(&c), 5);
}

static void test_quic_varint(void **state)
{
	/* RFC 9000 appendix A.1 examples. */
	static const uint8_t v8[] = {0xc2, 0x19, 0x7c, 0x5e, 0xff, 0x14, 0xe8, 0x8c};
	static const uint8_t v4[] = {0x9d, 0x7f, 0x3e, 0x7d};
	static const uint8_t v2[] = {0x7b, 0xbd};
	static const uint8_t v1[] = {0x25};
	struct nf_cur c;
	uint64_t v;

	(void)state;
	nf_cur_init(&c, v8, 8);
	assert_true(nf_cur_get_quic_varint(&c, &v));
	assert_int_equal(v, 151288809941952652ULL);
	nf_cur_init(&c, v4, 4);
	assert_true(nf_cur_get_quic_varint(&c, &v));
	assert_int_equal(v, 494878333);
	nf_cur_init(&c, v2, 2);
	assert_true(nf_cur_get_quic_varint(&c, &v));
	assert_int_equal(v, 15293);
	nf_cur_init(&c, v1, 1);
	assert_true(nf_cur_get_quic_varint(&c, &v));
	assert_int_equal(v, 37);
	nf_cur_init(&c, v8, 7); /* one byte short */
	assert_false(nf_cur_get_quic_varint(&c, &v));
	assert_int_equal(nf_cur_len(&c), 7);
	nf_cur_init(&c, v2, 1);
	assert_false(nf_cur_get_quic_varint(&c, &v));
}

/* An empty cursor (data NULL) must survive zero-length reads without
 * pointer arithmetic on NULL (UBSan; found by the bpf_filter target). */
static void test_empty_zero_length(void **state)
{
	struct nf_cur c, sub;
	uint8_t b;

	(void)state;
	nf_cur_init(&c, NULL, 0);
	nf_cur_get_rest(&c, &sub);
	assert_int_equal(nf_cur_len(&sub), 0);
	assert_true(nf_cur_skip(&c, 0));
	assert_true(nf_cur_copy(&c, &b, 0));
	assert_true(nf_cur_get_bytes(&c, &sub, 0));
	assert_false(nf_cur_get_u8(&c, &b));
	assert_int_equal(nf_cur_offset(&c), 0);
}

/* mem_equal compares exactly the unread bytes: a prefix or a longer buffer
 * is not equal.  find never looks past the cursor's end, even when the
 * needle continues in the underlying buffer. */
static void test_mem_equal_find(void **state)
{
	static const uint8_t d[] = "xx-----BEGIN CERT";
	struct nf_cur c, v;
	size_t at = 99;

	(void)state;
	nf_cur_init(&c, d, 5);
	assert_true(nf_cur_mem_equal(&c, "xx---", 5));
	assert_false(nf_cur_mem_equal(&c, "xx--", 4));
	assert_false(nf_cur_mem_equal(&c, "xx----", 6));
	assert_false(nf_cur_mem_equal(&c, "xx-+-", 5));
	assert_true(nf_cur_skip(&c, 5));
	assert_true(nf_cur_mem_equal(&c, "", 0));

	nf_cur_init(&c, d, sizeof d - 1);
	assert_true(nf_cur_find(&c, "-----BEGIN ", 11, &at));
	assert_int_equal(at, 2);
	assert_int_equal(nf_cur_len(&c), sizeof d - 1); /* not consumed */
	assert_false(nf_cur_find(&c, "END", 3, &at));
	assert_false(nf_cur_find(&c, "", 0, &at));
	/* the needle straddles the end of a truncated cursor: not found */
	nf_cur_init(&c, d, 12);
	assert_false(nf_cur_find(&c, "-----BEGIN ", 11, &at));
	assert_true(nf_cur_find(&c, "-----BEGI", 9, &at));
	assert_int_equal(at, 2);
	/* a view: offsets are relative to the view, not the buffer */
	nf_cur_init(&c, d, sizeof d - 1);
	assert_true(nf_cur_view(&c, 1, 10, &v));
	assert_true(nf_cur_find(&v, "-", 1, &at));
	assert_int_equal(at, 1);
	nf_cur_init(&c, NULL, 0);
	assert_false(nf_cur_find(&c, "x", 1, &at));
	assert_true(nf_cur_mem_equal(&c, "", 0));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_integer_getters),
		cmocka_unit_test(test_peek_does_not_advance),
		cmocka_unit_test(test_skip_copy_bytes),
		cmocka_unit_test(test_length_prefixed),
		cmocka_unit_test(test_view_truncate_align),
		cmocka_unit_test(test_quic_varint),
		cmocka_unit_test(test_empty_zero_length),
		cmocka_unit_test(test_mem_equal_find),
	};
	return cmocka_run_group_tests_name("cursor", tests, NULL, NULL);
}
