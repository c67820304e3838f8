/* File a crash as a regression case: regressions/crashes/<t>/<sig> (the
 * input) and <sig>.json (ClusterFuzz-style metadata, status "open"), the
 * layout src/regress/cases.c replays (the schema: netfuzz/case.h).  The input filed is the minimized
 * one when there is one, under the signature it reproduces with. */
#include "netfuzz/case.h"
#include "netfuzz/triage.h"
#include "netfuzz/util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static bool copy_file(const char *from, const char *to)
{
	FILE *in = fopen(from, "rb"), *out = in ? fopen(to, "wb") : NULL;
	char buf[65536];
	size_t n;
	bool ok = in && out;

	while (ok && (n = fread(buf, 1, sizeof buf, in)) > 0)
		ok = fwrite(buf, 1, n, out) == n;
	if (in)
		fclose(in);
	if (out)
		ok = (fclose(out) == 0) && ok;
	return ok;
}

int nf_triage_file_case(struct nf_bucket *b, const char *regdir)
{
	const struct nf_crash *c = b->minimized[0] ? &b->minimized_crash : &b->crash;
	const char *src = b->minimized[0] ? b->minimized : b->smallest;
	char dir[4096], path[4200], meta[4300], note[512], day[16];
	time_t now = time(NULL);
	struct tm tm;
	struct nf_case cs;

	snprintf(dir, sizeof dir, "%s/%s", regdir, b->target);
	snprintf(path, sizeof path, "%s/%s", dir, c->signature);
	snprintf(meta, sizeof meta, "%s.json", path);
	if (access(meta, F_OK) == 0) {
		snprintf(b->filed, sizeof b->filed, "%s (already filed)", path);
		return 0;
	}
	if (nf_mkdir_p(dir) != 0 || !copy_file(src, path)) {
		fprintf(stderr, "netfuzz: triage: cannot write %s: %s\n", path, strerror(errno));
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
