/* Zero-length operations on an empty cursor (data NULL) must succeed
 * without pointer arithmetic on NULL (UBSan: "applying zero offset to null
 * pointer"); the route decoders skip zero bytes of padding at the end of a
 * dump. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "netfuzz/cursor.h"

static void test_zero_ops_on_empty(void **state)
{
	struct nf_cur c, sub;
	uint8_t dst[1];

	(void)state;
	nf_cur_init(&c, NULL, 0);
	assert_true(nf_cur_skip(&c, 0));
	assert_true(nf_cur_copy(&c, dst, 0));
	assert_true(nf_cur_get_bytes(&c, &sub, 0));
	assert_true(nf_cur_align(&c, 0, 4));
	assert_false(nf_cur_skip(&c, 1));
	assert_int_equal(nf_cur_offset(&c), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(test_zero_ops_on_empty)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
