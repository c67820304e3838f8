/* File a crash as a regression case: regressions/crashes/<t>/<sig> (the
 * input) and <sig>.json (ClusterFuzz-style metadata, status "open"), the
 * layout src/regress/cases.c replays (the schema: netfuzz/case.h).  The input filed is the minimized
 * one when there is one, under the signature it reproduces with. */
#include "netfuzz/case.h"
#include "netfuzz/sock.h"
#include "netfuzz/triage.h"
#include "netfuzz/util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* A socket-behaviour divergence is filed as a socket-program case,
 * regressions/os/sock-<signature>.sockprog (src/regress/sockcase.c), which
 * `netfuzz regress` replays beside the hand-written repros: with the fault
 * it was found under as the fault that proves it can fail, or, found with
 * no fault, as a known failure of this platform. */
static int file_sock_case(struct nf_bucket *b, const struct nf_crash *c, const char *src, const char *regdir,
			  const char *fault)
{
	char path[4300], platform[64], state[256];
	FILE *in = fopen(src, "rb"), *out;
	uint8_t rec[NF_SOCK_OP_LEN];
	size_t n = 0;

	snprintf(path, sizeof path, "%s/../os/sock-%s.sockprog", regdir, c->signature);
	if (access(path, F_OK) == 0) {
		snprintf(b->filed, sizeof b->filed, "%s (already filed)", path);
		if (in)
			fclose(in);
		return 0;
	}
	out = in ? fopen(path, "w") : NULL;
	if (!out) {
		fprintf(stderr, "netfuzz: triage: cannot write %s: %s\n", path, strerror(errno));
		if (in)
			fclose(in);
		return -1;
	}
	snprintf(state, sizeof state, "%s", c->state);
	for (char *q = state; *q; q++)
		if (*q == '\n')
			*q = ' ';
	nf_platform(platform, sizeof platform);
	fprintf(out, "# Filed by netfuzz triage --file from a %s input (docs/sockets.md).\n", b->target);
	fprintf(out, "id: sock-%s\n", c->signature);
	fprintf(out, "title: socket program: %s diverges from the behaviour model\n", state);
	fprintf(out, "checks: every call of the program agrees with the behaviour model (it diverged at: %s)\n", state);
	fprintf(out, "source: netfuzz triage --file, %s, crash type %s\n", b->target, c->type);
	fprintf(out, "platforms: linux macos freebsd\n");
	if (fault) {
		fprintf(out, "expect: linux: pass\nfault: %s\n", fault);
	} else {
		fprintf(out, "expect: %s: known-fail (%s)\n", platform, state);
	}
	fprintf(out, "program:");
	while (n < NF_SOCK_MAX_OPS && fread(rec, 1, sizeof rec, in) == sizeof rec) {
		fputc(' ', out);
		for (size_t i = 0; i < sizeof rec; i++)
			fprintf(out, "%02x", rec[i]);
		n++;
	}
	fputc('\n', out);
	fclose(in);
	if (fclose(out) != 0 || n == 0) {
		unlink(path);
		fprintf(stderr, "netfuzz: triage: %s: no whole program record to file\n", src);
		return -1;
	}
	snprintf(b->filed, sizeof b->filed, "%s", path);
	return 0;
}

int nf_triage_file_case(struct nf_bucket *b, const char *regdir, const char *fault)
{
	const struct nf_crash *c = b->minimized[0] ? &b->minimized_crash : &b->crash;
	const char *src = b->minimized[0] ? b->minimized : b->smallest;
	char dir[4096], path[4200], meta[4300], note[512], day[16], err[4400];
	time_t now = time(NULL);
	struct tm tm;
	struct nf_case cs;

	if (!strcmp(c->type, "Socket-behaviour-divergence"))
		return file_sock_case(b, c, src, regdir, fault);
	snprintf(dir, sizeof dir, "%s/%s", regdir, b->target);
	snprintf(path, sizeof path, "%s/%s", dir, c->signature);
	snprintf(meta, sizeof meta, "%s.json", path);
	if (access(meta, F_OK) == 0) {
		snprintf(b->filed, sizeof b->filed, "%s (already filed)", path);
		return 0;
	}
	if (nf_mkdir_p(dir) != 0) {
		fprintf(stderr, "netfuzz: triage: cannot write %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (!nf_copy_file(src, path, err, sizeof err)) {
		fprintf(stderr, "netfuzz: triage: %s\n", err);
		return -1;
	}
	gmtime_r(&now, &tm);
	strftime(day, sizeof day, "%Y-%m-%d", &tm);
	snprintf(note, sizeof note, "filed by netfuzz triage; %s%s; reproduced %d/%d%s; %d input(s) in bucket",
		 c->security ? "security, severity " : "not a security bug",
		 c->security ? (c->severity ? c->severity : "unknown") : "", b->crashed, b->runs,
		 b->note ? " (flaky)" : "", b->count);
	cs = (struct nf_case){.target = b->target, .crash_type = c->type, .crash_state = c->state,
			      .security_flag = c->security, .signature = c->signature, .found = day, .status = "open",
			      .note = note};
	if (nf_case_write(meta, &cs) != 0) {
		fprintf(stderr, "netfuzz: triage: cannot write %s: %s\n", meta, strerror(errno));
		unlink(meta);
		unlink(path); /* no input without its metadata */
		return -1;
	}
	snprintf(b->filed, sizeof b->filed, "%s", path);
	return 0;
}
