/* Unit tests for src/triage/inputs.c (where a crash file's target comes
 * from) and for honggfuzz-report rows that the logs in tests/triage-logs/
 * do not reach: the 1.x frame form and a report with no closing rule. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "netfuzz/triage.h"

static bool known(const char *t) { return !strcmp(t, "dns") || !strcmp(t, "x509_der"); }

static void test_target_of(void **state)
{
	char t[64];

	(void)state;
	/* libFuzzer / netfuzz fuzz layout: the directory after crashes/ */
	assert_true(nf_triage_target_of("out/crashes/dns/crash-1", NULL, known, t, sizeof t));
	assert_string_equal(t, "dns");
	assert_true(nf_triage_target_of("/a/b/timeouts/x509_der/timeout-2", NULL, known, t, sizeof t));
	assert_string_equal(t, "x509_der");
	/* "mycrashes/" is not "crashes/": falls to the parent directory */
	assert_true(nf_triage_target_of("mycrashes/x509_der/dns/crash-3", NULL, known, t, sizeof t));
	assert_string_equal(t, "dns");
	/* the last crashes/ wins */
	assert_true(nf_triage_target_of("crashes/zzz/crashes/dns/c", NULL, known, t, sizeof t));
	assert_string_equal(t, "dns");
	/* unknown names are refused, --target must be known too */
	assert_false(nf_triage_target_of("out/crashes/nosuch/crash-1", NULL, known, t, sizeof t));
	assert_false(nf_triage_target_of("crash-1", NULL, known, t, sizeof t));
	assert_true(nf_triage_target_of("anything", "x509_der", known, t, sizeof t));
	assert_false(nf_triage_target_of("out/crashes/dns/c", "nosuch", known, t, sizeof t));
}

static void test_honggfuzz_v1_frames_and_no_rule(void **state)
{
	static const char log[] = "ORIG_FNAME: a\n"
				  "SIGNAL: SIGBUS (7)\n"
				  "FAULT ADDRESS: 0x7f0000001000\n"
				  "STACK:\n"
				  " <0x00007f3a2b1c4d5e> [memcpy():0 at /lib/x86_64-linux-gnu/libc.so.6]\n"
				  " <0x000055d1c0a01122> [route_copy():44 at /out/rtnetlink]\n"
				  " <0x000055d1c0a03344> [nf_rtnl_walk():90 at /out/rtnetlink]\n";
	struct nf_crash c[2];

	(void)state;
	assert_int_equal(nf_triage_parse(log, NULL, c, 2), 1);
	assert_string_equal(c[0].type, "Bus");
	assert_string_equal(c[0].state, "route_copy\nnf_rtnl_walk");
	assert_string_equal(c[0].sanitizer, "honggfuzz");
	assert_string_equal(c[0].address, "0x7f0000001000");
	assert_false(c[0].security); /* SIGBUS: not memory corruption */
	nf_crash_free(&c[0]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_target_of),
		cmocka_unit_test(test_honggfuzz_v1_frames_and_no_rule),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
