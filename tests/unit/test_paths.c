/* Paths without silent truncation and trees removed without a shell
 * (issue 26): nf_path_join, nf_strfmt, nf_shell_safe, nf_rm_tree,
 * nf_copy_tree, and nf_read_file's cap. */
#include <errno.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "netfuzz/project.h"
#include "netfuzz/util.h"

static char tmp[64];

static int setup(void **state)
{
	(void)state;
	snprintf(tmp, sizeof tmp, "/tmp/nf_paths_XXXXXX");
	return mkdtemp(tmp) ? 0 : -1;
}

static int teardown(void **state)
{
	char err[512];

	(void)state;
	if (!nf_rm_tree(tmp, "/tmp", err, sizeof err)) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	return 0;
}

static void put(const char *rel, const char *text)
{
	char p[256];
	FILE *f;

	assert_true(nf_path_join(p, sizeof p, tmp, rel));
	assert_non_null(f = fopen(p, "w"));
	fputs(text, f);
	fclose(f);
}

static bool exists(const char *rel)
{
	char p[256];
	struct stat st;

	return nf_path_join(p, sizeof p, tmp, rel) && lstat(p, &st) == 0;
}

static void test_path_join(void **state)
{
	char b[16];

	(void)state;
	assert_true(nf_path_join(b, sizeof b, "out", "work", "t"));
	assert_string_equal(b, "out/work/t");
	assert_true(nf_path_join(b, sizeof b, "/", "x"));
	assert_string_equal(b, "/x");
	assert_true(nf_path_join(b, sizeof b, "out/", "w"));
	assert_string_equal(b, "out/w");
	assert_true(nf_path_join(b, sizeof b, "123456789012345")); /* 15 + NUL fits */
	/* issue 26 row 2: "%s/work/%s" cut to "<out>/" was removed; here a
	 * path that does not fit is no path at all */
	errno = 0;
	assert_false(nf_path_join(b, sizeof b, "1234567890", "work", "t"));
	assert_string_equal(b, "");
	assert_int_equal(errno, ENAMETOOLONG);
	assert_false(nf_path_join(b, sizeof b, "1234567890123456"));
	assert_false(nf_path_join(b, sizeof b, "123456789012345", "a"));
	assert_false(nf_strfmt(b, sizeof b, "-dict=%s", "0123456789"));
	assert_string_equal(b, "");
	assert_true(nf_strfmt(b, sizeof b, "-dict=%s", "012345678"));
}

static void test_shell_safe(void **state)
{
	static const char *const bad[] = {"a b", "a'b", "a\"b", "a\nb", "-x", "$(id)", "a\\b", "a;b", "\xc3\xa9", "",
					  "a`b`", "a*", "a>b"};

	(void)state;
	assert_true(nf_shell_safe("/tmp/netfuzz-123-45/corpus"));
	assert_true(nf_shell_safe("artifact_prefix=/x/"));
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_false(nf_shell_safe(bad[i]));
}

/* the refusals, each leaving everything in place */
static void test_rm_tree_refuses(void **state)
{
	char out[256], p[256], outside[256], err[512];
	const char *home = getenv("HOME");

	(void)state;
	assert_true(nf_path_join(out, sizeof out, tmp, "out"));
	assert_true(nf_path_join(p, sizeof p, out, "work/t"));
	assert_int_equal(nf_mkdir_p(p), 0);
	assert_true(nf_path_join(outside, sizeof outside, tmp, "keep"));
	assert_int_equal(nf_mkdir_p(outside), 0);
	put("keep/file", "precious");
	/* outside --out, through "..", and --out itself */
	assert_false(nf_rm_tree(outside, out, err, sizeof err));
	assert_non_null(strstr(err, "not inside"));
	assert_true(nf_path_join(p, sizeof p, out, "../keep"));
	assert_false(nf_rm_tree(p, out, err, sizeof err));
	assert_false(nf_rm_tree(out, out, err, sizeof err));
	assert_false(nf_rm_tree("/", "/", err, sizeof err));
	/* a link in --out pointing out: refused, and what it points to kept */
	assert_true(nf_path_join(p, sizeof p, out, "work/link"));
	assert_int_equal(symlink(outside, p), 0);
	assert_false(nf_rm_tree(p, out, err, sizeof err));
	assert_non_null(strstr(err, "symbolic link"));
	/* a directory above $HOME or the project root, even inside `within` */
	if (home && *home && strcmp(home, "/")) {
		char up[PATH_MAX];

		assert_true(nf_strfmt(up, sizeof up, "%s", home));
		*strrchr(up, '/') = 0;
		assert_false(nf_rm_tree(home, up[0] ? up : "/", err, sizeof err));
		assert_non_null(strstr(err, "HOME"));
	}
	assert_false(nf_rm_tree(nf_project_root(), "/", err, sizeof err));
	assert_true(exists("keep/file"));
	assert_true(exists("out/work/t"));
}

/* a tree with a link pointing out goes; the link's target stays */
static void test_rm_tree_removes(void **state)
{
	char out[256], p[256], q[256], err[512];

	(void)state;
	assert_true(nf_path_join(out, sizeof out, tmp, "out"));
	assert_true(nf_path_join(p, sizeof p, out, "work/t/sub/deeper"));
	assert_int_equal(nf_mkdir_p(p), 0);
	assert_int_equal(nf_mkdir_p(tmp), 0);
	assert_true(nf_path_join(q, sizeof q, tmp, "keep"));
	assert_int_equal(nf_mkdir_p(q), 0);
	put("keep/file", "precious");
	put("out/work/t/a", "1");
	put("out/work/t/sub/deeper/b", "2");
	assert_true(nf_path_join(p, sizeof p, out, "work/t/sub/escape"));
	assert_int_equal(symlink(q, p), 0);
	assert_true(nf_path_join(p, sizeof p, out, "work/t"));
	assert_true(nf_rm_tree(p, out, err, sizeof err));
	assert_false(exists("out/work/t"));
	assert_true(exists("out/work"));
	assert_true(exists("keep/file"));
	assert_true(nf_rm_tree(p, out, err, sizeof err)); /* already gone */
}

static void test_copy_tree(void **state)
{
	char from[256], to[256], err[512];

	(void)state;
	assert_true(nf_path_join(from, sizeof from, tmp, "q"));
	assert_true(nf_path_join(to, sizeof to, tmp, "in"));
	assert_int_equal(nf_mkdir_p(from), 0);
	assert_int_equal(nf_mkdir_p(to), 0);
	put("q/id:000001,src:000000", "a");
	put("q/id:000002", "b");
	put("q/other", "c");
	put("q/.state", "d");
	assert_int_equal(nf_copy_tree(from, to, "id:", err, sizeof err), 2);
	assert_string_equal(err, "");
	assert_true(exists("in/id:000001,src:000000"));
	assert_false(exists("in/other"));
	assert_int_equal(nf_copy_tree(from, to, NULL, err, sizeof err), 3);
	assert_false(exists("in/.state"));
}

/* issue 26 row 10: the buffer is checked before it grows past the cap */
static void test_read_cap(void **state)
{
	char err[512];
	size_t n = 0;
	uint8_t *b;

	(void)state;
	errno = 0;
	assert_null(nf_read_file("/dev/zero", 100000, &n, err, sizeof err));
	assert_non_null(strstr(err, "more than 100000 bytes"));
	assert_int_equal(errno, EFBIG);
	put("big", "0123456789");
	{
		char p[256];

		assert_true(nf_path_join(p, sizeof p, tmp, "big"));
		assert_null(nf_read_file(p, 9, &n, err, sizeof err)); /* refused from its size */
		assert_non_null(b = nf_read_file(p, 10, &n, err, sizeof err));
		assert_int_equal(n, 10);
		free(b);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_path_join),
		cmocka_unit_test(test_shell_safe),
		cmocka_unit_test_setup_teardown(test_rm_tree_refuses, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rm_tree_removes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_copy_tree, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_cap, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
