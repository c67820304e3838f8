/* Reproduce one input on a target's standalone sanitizer build and parse
 * what it prints (nf_triage_parse).  The CLI finds the binaries and builds
 * the sanitizer environment; this file only runs and classifies. */
#include "netfuzz/proc.h"
#include "netfuzz/triage.h"

#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <sys/wait.h>

#define OUTPUT_CAP (1u << 20)
#define REPRO_SLACK_S 2 /* seconds allowed beyond the target timeout */

bool nf_triage_reproduce(const struct nf_triage_runner *r, const char *input, struct nf_crash *c)
{
	char *argv[] = {(char *)r->standalone, (char *)input, NULL};
	struct nf_proc_result res;
	struct nf_crash reports[4];
	size_t n;

	/* the bound covers the input's own run plus process start-up and
	 * symbolization, which libFuzzer's -timeout does not count */
	if (!nf_proc_run(argv, r->env, r->timeout + REPRO_SLACK_S, OUTPUT_CAP, &res))
		return false;
	if (res.timed_out) {
		/* the standalone driver has no timer of its own: the kill is a
		 * libFuzzer-style timeout */
		char log[256];
		snprintf(log, sizeof log, "==0== ERROR: libFuzzer: timeout after %d seconds\n", r->timeout);
		nf_triage_parse(log, r->target, c, 1);
		free(res.output);
		return true;
	}
	if (WIFEXITED(res.status) && WEXITSTATUS(res.status) == 0) {
		free(res.output);
		return false;
	}
	if (WIFEXITED(res.status) && WEXITSTATUS(res.status) == 2 && strstr(res.output, "netfuzz-replay:")) {
		fprintf(stderr, "%s", res.output); /* driver could not read the input */
		free(res.output);
		return false;
	}
	n = nf_triage_parse_buf(res.output, res.len, r->target, reports, 4);
	if (n == 0) { /* died without a sanitizer report */
		nf_triage_parse("==0== ERROR: libFuzzer: deadly signal\n", r->target, c, 1);
	} else {
		*c = reports[0];
		for (size_t i = 1; i < n; i++)
			nf_crash_free(&reports[i]);
	}
	free(res.output);
	return true;
}
