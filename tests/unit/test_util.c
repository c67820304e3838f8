/* Shared helpers (src/util/): strict integers, trim, mkdir -p, whole-file
 * reads with a size bound, the sorted directory walk. */
#include <errno.h>
#include <fcntl.h>
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

#include "netfuzz/json_out.h"
#include "netfuzz/util.h"

static char tmp[64];

static int setup(void **state)
{
	(void)state;
	snprintf(tmp, sizeof tmp, "/tmp/nf_util_XXXXXX");
	return mkdtemp(tmp) ? 0 : -1;
}

static int teardown(void **state)
{
	char err[256];

	(void)state;
	if (!nf_rm_tree(tmp, "/tmp", err, sizeof err)) {
		fprintf(stderr, "teardown: %s\n", err);
		return -1;
	}
	return 0;
}

static void put(const char *rel, const char *text)
{
	char p[256];
	FILE *f;

	snprintf(p, sizeof p, "%s/%s", tmp, rel);
	assert_non_null(f = fopen(p, "w"));
	fputs(text, f);
	fclose(f);
}

static void test_parse_int(void **state)
{
	long long v = 7;
	char err[128];

	(void)state;
	assert_true(nf_parse_int("42", 1, 100, &v, err, sizeof err));
	assert_int_equal(v, 42);
	assert_true(nf_parse_int("-5", -5, 5, &v, err, sizeof err));
	assert_int_equal(v, -5);
	assert_true(nf_parse_int("100", 1, 100, &v, err, sizeof err));
	v = 7;
	/* each of these is refused and leaves *out alone */
	static const char *const bad[] = {"", " 5", "5 ", "5x", "0x10", "101", "0", "99999999999999999999", "+"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_false(nf_parse_int(bad[i], 1, 100, &v, err, sizeof err));
		assert_int_equal(v, 7);
		assert_non_null(strstr(err, "1 to 100"));
	}
	assert_false(nf_parse_int(NULL, 1, 100, &v, err, sizeof err));
	assert_false(nf_parse_int("101", 1, 100, &v, err, sizeof err));
	assert_non_null(strstr(err, "out of range"));
}

static void test_trim(void **state)
{
	char a[] = " \t x y \r\n", b[] = "   ", c[] = "z";

	(void)state;
	assert_string_equal(nf_trim(a), "x y");
	assert_string_equal(nf_trim(b), "");
	assert_string_equal(nf_trim(c), "z");
}

static void test_mkdir_p(void **state)
{
	char p[256];
	struct stat st;

	(void)state;
	snprintf(p, sizeof p, "%s/a/b/c", tmp);
	assert_int_equal(nf_mkdir_p(p), 0);
	assert_int_equal(stat(p, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	assert_int_equal(nf_mkdir_p(p), 0); /* already there */
	put("file", "x");
	snprintf(p, sizeof p, "%s/file", tmp);
	assert_int_equal(nf_mkdir_p(p), -1); /* a file in the way */
	snprintf(p, sizeof p, "%s/file/sub", tmp);
	assert_int_equal(nf_mkdir_p(p), -1);
}

static void test_read_file(void **state)
{
	char p[256], err[512];
	size_t n = 99;
	uint8_t *b;

	(void)state;
	put("r", "hello");
	snprintf(p, sizeof p, "%s/r", tmp);
	assert_non_null(b = nf_read_file(p, 5, &n, err, sizeof err));
	assert_int_equal(n, 5);
	assert_memory_equal(b, "hello", 6); /* NUL-terminated */
	free(b);
	assert_null(nf_read_file(p, 4, &n, err, sizeof err));
	assert_non_null(strstr(err, "more than 4 bytes"));
	assert_null(nf_read_file(tmp, 100, &n, err, sizeof err));
	assert_non_null(strstr(err, "cannot read"));
	snprintf(p, sizeof p, "%s/missing", tmp);
	assert_null(nf_read_file(p, 100, &n, err, sizeof err));
	assert_non_null(strstr(err, "cannot open: No such file"));
	put("empty", "");
	snprintf(p, sizeof p, "%s/empty", tmp);
	assert_non_null(b = nf_read_file(p, 100, &n, err, sizeof err));
	assert_int_equal(n, 0);
	free(b);
}

struct seen {
	char files[512];
	char errors[512];
};

static void on_file(const char *path, void *arg)
{
	struct seen *s = arg;

	strcat(s->files, path + strlen(tmp));
	strcat(s->files, " ");
}

static void on_error(const char *path, const char *why, void *arg)
{
	struct seen *s = arg;

	strcat(s->errors, path + strlen(tmp));
	strcat(s->errors, " ");
}

static void test_walk(void **state)
{
	char p[256];
	struct seen s = {{0}, {0}};

	(void)state;
	snprintf(p, sizeof p, "%s/w/d1/d2", tmp);
	assert_int_equal(nf_mkdir_p(p), 0);
	put("w/b", "");
	put("w/a", "");
	put("w/.hidden", "");
	put("w/d1/c", "");
	put("w/d1/d2/deep", "");
	snprintf(p, sizeof p, "%s/w/dangling", tmp);
	assert_int_equal(symlink("/nonexistent/x", p), 0);
	snprintf(p, sizeof p, "%s/w", tmp);
	/* sorted, dot files skipped, d2 deeper than 1 level below w/ is an error */
	assert_int_equal(nf_walk_files(p, 1, on_file, on_error, &s), 2);
	assert_string_equal(s.files, "/w/a /w/b /w/d1/c ");
	assert_string_equal(s.errors, "/w/d1/d2 /w/dangling ");
	memset(&s, 0, sizeof s);
	assert_int_equal(nf_walk_files(p, 8, on_file, NULL, &s), 1);
	assert_string_equal(s.files, "/w/a /w/b /w/d1/c /w/d1/d2/deep ");
	memset(&s, 0, sizeof s);
	snprintf(p, sizeof p, "%s/w/a", tmp); /* a file alone */
	assert_int_equal(nf_walk_files(p, 0, on_file, on_error, &s), 0);
	assert_string_equal(s.files, "/w/a ");
}

/* Untrusted bytes become valid JSON: each non-ASCII byte is \u00XX (so the
 * document parses back with jansson), the text stops at a NUL. */
static void test_json_writer(void **state)
{
	static struct nf_out o;
	char p[256], buf[256] = {0};
	json_t *v, *back;
	json_error_t je;
	FILE *f;
	int fd;

	(void)state;
	v = json_object();
	json_object_set_new(v, "n", nf_json_bytes("e\xff\x80\"\n\0tail", 10));
	json_object_set_new(v, "a", json_integer(1));
	snprintf(p, sizeof p, "%s/j", tmp);
	fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	nf_out_init(&o, fd);
	nf_out_json(&o, v); /* releases v */
	assert_true(nf_out_flush(&o));
	assert_false(o.failed);
	close(fd);
	assert_non_null(f = fopen(p, "r"));
	assert_non_null(fgets(buf, sizeof buf, f));
	fclose(f);
	assert_string_equal(buf, "{\"n\":\"e\\u00FF\\u0080\\\"\\n\",\"a\":1}\n");
	back = json_loads(buf, 0, &je);
	assert_non_null(back);
	assert_int_equal(json_string_length(json_object_get(back, "n")), 7); /* e, 2x2 UTF-8, ", \n */
	json_decref(back);
	nf_out_init(&o, -1);
	nf_out_json(&o, NULL); /* a value jansson could not build */
	assert_true(o.failed);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_int), cmocka_unit_test(test_trim),
		cmocka_unit_test_setup_teardown(test_mkdir_p, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_walk, setup, teardown),
		cmocka_unit_test_setup_teardown(test_json_writer, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
