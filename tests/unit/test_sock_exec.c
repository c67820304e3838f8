/* Socket programs on the real kernel (src/sock/): the committed seeds run
 * without a divergence, replays are deterministic, no file descriptor
 * leaks across executions, and no execution blocks past its bound.  Runs
 * in the program's own network namespace (root or a user namespace), or
 * on loopback only, as the target does.  NF_SOCK_FD_RUNS overrides the
 * 100,000 executions of the fd count. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "netfuzz/sock.h"

#define MAX_SEEDS 64

static uint8_t seed[MAX_SEEDS][NF_SOCK_OP_LEN * NF_SOCK_MAX_OPS];
static size_t seed_len[MAX_SEEDS], nseeds;
static char seed_name[MAX_SEEDS][64];
static struct nf_sock_prog prog;

static int load_seeds(void **state)
{
	DIR *d = opendir("corpora/sock_udp");
	struct dirent *e;

	(void)state;
	if (!d)
		return -1;
	while ((e = readdir(d)) && nseeds < MAX_SEEDS) {
		char path[256];
		FILE *f;

		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "corpora/sock_udp/%s", e->d_name);
		f = fopen(path, "rb");
		if (!f)
			continue;
		seed_len[nseeds] = fread(seed[nseeds], 1, sizeof seed[0], f);
		snprintf(seed_name[nseeds], sizeof seed_name[0], "%s", e->d_name);
		fclose(f);
		nseeds++;
	}
	closedir(d);
	return nseeds ? 0 : -1;
}

static int count_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	int n = 0;

	if (!d)
		return -1;
	while ((e = readdir(d)))
		n += e->d_name[0] != '.';
	closedir(d);
	return n - 1; /* the directory's own descriptor */
}

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + t.tv_nsec / 1e9;
}

static void test_seeds_match_model(void **state)
{
	struct nf_sock_outcome o;

	(void)state;
	for (size_t i = 0; i < nseeds; i++) {
		nf_sock_parse(seed[i], seed_len[i], &prog);
		if (!nf_sock_run(&prog, &o))
			fail_msg("seed %s diverged at op %zu (rule %s): model %s, kernel %s", seed_name[i], o.op,
				 o.rule ? o.rule : "?", o.expected, o.got);
		assert_true(o.executed > 0);
	}
}

static void test_replay_deterministic(void **state)
{
	(void)state;
	for (size_t i = 0; i < nseeds; i++) {
		struct nf_sock_outcome a, b;
		bool ra, rb;

		nf_sock_parse(seed[i], seed_len[i], &prog);
		ra = nf_sock_run(&prog, &a);
		rb = nf_sock_run(&prog, &b);
		assert_int_equal(ra, rb);
		assert_int_equal(a.executed, b.executed);
		assert_int_equal(a.skipped, b.skipped);
		assert_int_equal(a.op, b.op);
	}
}

/* 100,000 executions: the seeds and byte-scrambled variants of them (most
 * are odd programs; divergences do not matter here, only descriptors and
 * time). */
static void test_no_fd_leak(void **state)
{
	const char *v = getenv("NF_SOCK_FD_RUNS");
	long runs = v ? atol(v) : 100000;
	unsigned x = 777;
	double worst = 0;
	int before, after;

	(void)state;
	nf_sock_parse(seed[0], seed_len[0], &prog);
	(void)nf_sock_run(&prog, &(struct nf_sock_outcome){0}); /* namespace set-up opens what it keeps */
	before = count_fds();
	for (long r = 0; r < runs; r++) {
		uint8_t buf[sizeof seed[0]];
		size_t k = (size_t)r % nseeds, n = seed_len[k];
		struct nf_sock_outcome o;
		double t0;

		memcpy(buf, seed[k], n);
		for (int j = 0; j < (r & 3) && n; j++) {
			x = x * 1103515245u + 12345u;
			buf[(x >> 8) % n] = (uint8_t)(x >> 20);
		}
		nf_sock_parse(buf, n, &prog);
		t0 = now();
		(void)nf_sock_run(&prog, &o);
		if (now() - t0 > worst)
			worst = now() - t0;
	}
	after = count_fds();
	print_message("sock: %ld executions, open fds %d before, %d after, slowest %.1f ms\n", runs, before, after,
		      worst * 1e3);
	assert_int_equal(before, after);
	/* every wait is a poll of at most 20 ms, a handful per program */
	assert_true(worst < 2.0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_seeds_match_model),
		cmocka_unit_test(test_replay_deterministic),
		cmocka_unit_test(test_no_fd_leak),
	};
	return cmocka_run_group_tests(tests, load_seeds, NULL);
}
