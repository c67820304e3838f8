/* Dictionary files for the mutator's interesting-value op
 * (src/mutate/dict.c): the libFuzzer/AFL syntax, escapes, malformed
 * lines skipped, and that set_field writes dictionary values. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "../../src/mutate/dict.h"
#include "../../src/mutate/mutate.h"

static struct nf_dict d;

static void test_parse(void **state)
{
	static const char text[] = "# comment\n"
				   "kw1=\"\\x05\\x04\"\n"
				   "  \"abc\"\n"
				   "q=\"a\\\"b\\\\c\"\n"
				   "bad=\"\\q\"\n"       /* unknown escape: skipped */
				   "open=\"never closed\n" /* unterminated: skipped */
				   "empty=\"\"\n"         /* empty: skipped */
				   "last=\"\\xff\"";      /* no final newline */
	(void)state;
	memset(&d, 0, sizeof d);
	assert_int_equal(nf_dict_parse(&d, text, sizeof text - 1), 4);
	assert_int_equal(d.len[0], 2);
	assert_memory_equal(d.val[0], "\x05\x04", 2);
	assert_int_equal(d.len[1], 3);
	assert_memory_equal(d.val[1], "abc", 3);
	assert_int_equal(d.len[2], 5);
	assert_memory_equal(d.val[2], "a\"b\\c", 5);
	assert_int_equal(d.len[3], 1);
	assert_int_equal(d.val[3][0], 0xff);
}

static void test_too_long_skipped(void **state)
{
	char text[2 + NF_DICT_VALMAX + 2];

	(void)state;
	memset(&d, 0, sizeof d);
	text[0] = '"';
	memset(text + 1, 'x', NF_DICT_VALMAX + 1);
	text[NF_DICT_VALMAX + 2] = '"';
	assert_int_equal(nf_dict_parse(&d, text, NF_DICT_VALMAX + 3), 0);
}

/* A parser that records one 4-byte field at offset 4 and nothing else: the
 * only edit set_field can make is to those 4 bytes. */
static int run_one_field(const uint8_t *data, size_t size)
{
	(void)data;
	if (size >= 8)
		nf_rec_field(4, 4, false);
	return 0;
}

static void test_set_field_uses_dict(void **state)
{
	static const char text[] = "\"\\xde\\xad\\xbe\\xef\"\n";
	struct nf_mutator m = {.run = run_one_field, .dict = &d};
	unsigned hits = 0, sets = 0;

	(void)state;
	memset(&d, 0, sizeof d);
	assert_int_equal(nf_dict_parse(&d, text, sizeof text - 1), 1);
	for (unsigned seed = 0; seed < 2000; seed++) {
		uint8_t b[64] = {0};
		enum nf_mut_op op;
		size_t n = nf_mutate(&m, b, 8, sizeof b, seed, &op);

		if (op != NF_MUT_SET_FIELD)
			continue;
		sets++;
		assert_int_equal(n, 8);
		hits += !memcmp(b + 4, "\xde\xad\xbe\xef", 4);
	}
	/* one set_field in four tries the dictionary first */
	assert_true(sets > 50);
	assert_true(hits > sets / 8);
	m.dict = NULL;
	for (unsigned seed = 0; seed < 2000; seed++) {
		uint8_t b[64] = {0};

		(void)nf_mutate(&m, b, 8, sizeof b, seed, NULL);
		assert_false(!memcmp(b + 4, "\xde\xad\xbe\xef", 4));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_too_long_skipped),
		cmocka_unit_test(test_set_field_uses_dict),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
