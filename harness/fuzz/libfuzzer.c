/* libFuzzer driver: fork mode (-fork=J, one job per core asked for) with
 * crashes, timeouts and OOMs ignored so one campaign finds several bugs;
 * artifacts land in out/crashes/<t>/ under libFuzzer's names.  New inputs
 * go to out/work/<t>, then -merge=1 adds the ones with new coverage to
 * out/corpus/<t> (and, with --update-seeds, to the seed corpus). */
#include "fuzz.h"
#include "cli.h"
#include "../target_options.h"
#include "netfuzz/proc.h"

#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* Value after "key: " in a libFuzzer status line, -1 if absent. */
static long field(const char *line, const char *key)
{
	const char *p = strstr(line, key);

	return p ? strtol(p + strlen(key), NULL, 10) : -1;
}

/* Status lines:
 *   fork mode: "#1234: cov: 396 ft: 1020 corp: 245 exec/s: 35120 oom/timeout/crash: 0/0/1 time: 5s job: 3 dft_time: 0"
 *   in-process: "#65536\tpulse  cov: 396 ft: 1020 corp: 245/12Kb lim: 4096 exec/s: 32768 rss: 55Mb" */
static void on_line(struct fuzz_run *r, const char *line)
{
	long v;

	if (line[0] != '#' || (line[1] < '0' || line[1] > '9'))
		return;
	r->st.execs = strtoll(line + 1, NULL, 10);
	if ((v = field(line, "cov: ")) >= 0)
		r->st.cov = v;
	if ((v = field(line, "ft: ")) >= 0)
		r->st.ft = v;
	if ((v = field(line, "corp: ")) >= 0)
		r->st.corpus = v;
	if ((v = field(line, "exec/s: ")) >= 0)
		r->st.exec_s = v;
	else if (r->elapsed > 0.5)
		r->st.exec_s = (long)((double)r->st.execs / r->elapsed);
}

/* -merge=1 INTO FROM...: adds to INTO the inputs of FROM with new coverage. */
static void merge(struct fuzz_run *r, const char *bin, const char *into, const char *from1, const char *from2)
{
	char art[PATH_MAX + 32], dir[PATH_MAX];
	char *argv[] = {(char *)bin, "-merge=1", art, (char *)into, (char *)from1, (char *)from2, NULL};
	struct nf_proc_result res;

	snprintf(dir, sizeof dir, "%s/work/merge-artifacts/", r->out);
	nf_fuzz_mkdirs(dir);
	snprintf(art, sizeof art, "-artifact_prefix=%s", dir);
	if (!nf_proc_run(argv, NULL, 300, 1 << 20, &res))
		return;
	if (!WIFEXITED(res.status) || WEXITSTATUS(res.status) != 0)
		fprintf(stderr, "netfuzz: fuzz: merge into %s exited with status %d (see %s)\n", into,
			WIFEXITED(res.status) ? WEXITSTATUS(res.status) : -1, r->log);
	FILE *log = fopen(r->log, "a");
	if (log) {
		fputs(res.output, log);
		fclose(log);
	}
	free(res.output);
}

int nf_fuzz_libfuzzer(struct fuzz_run *r)
{
	char bin[PATH_MAX], fork[32], total[32], prefix[PATH_MAX + 32], dict[PATH_MAX + 8];
	char *argv[64];
	struct nf_option o[NF_OPTIONS_MAX];
	char optargs[NF_OPTIONS_MAX][400];
	size_t n = nf_options_read(r->target, "libfuzzer", o, NF_OPTIONS_MAX), a = 0;
	char mut[64];
	char *env[] = {"ASAN_OPTIONS=detect_leaks=1:symbolize=1:allocator_may_return_null=1", mut, NULL};

	/* src/mutate/glue/libfuzzer.c reads it: bytes turns the structure mutator off. */
	snprintf(mut, sizeof mut, "NETFUZZ_MUTATOR=%s", r->mutator ? r->mutator : "bytes");

	if (!nf_target_binary_fresh("libfuzzer", "address", r->target, bin, sizeof bin))
		return -1;
	snprintf(fork, sizeof fork, "-fork=%d", r->jobs);
	snprintf(total, sizeof total, "-max_total_time=%d", r->seconds);
	snprintf(prefix, sizeof prefix, "-artifact_prefix=%s/", r->crashes);
	argv[a++] = bin;
	argv[a++] = fork;
	argv[a++] = "-ignore_crashes=1";
	argv[a++] = "-ignore_timeouts=1";
	argv[a++] = "-ignore_ooms=1";
	argv[a++] = total;
	argv[a++] = "-print_final_stats=1";
	argv[a++] = prefix;
	for (size_t i = 0; i < n; i++) {
		if (!strcmp(o[i].key, "dict")) {
			snprintf(dict, sizeof dict, "-dict=%s", r->dict);
			if (r->dict[0])
				argv[a++] = dict;
			continue;
		}
		snprintf(optargs[i], sizeof optargs[i], "-%s=%s", o[i].key, o[i].value);
		argv[a++] = optargs[i];
	}
	argv[a++] = r->work;
	argv[a++] = r->corpus;
	if (r->seeds[0])
		argv[a++] = r->seeds;
	argv[a] = NULL;
	if (nf_fuzz_spawn(r, argv, env, on_line, NULL, r->seconds) != 0)
		return -1;
	if (r->st.exec_s <= 0 && r->elapsed > 0)
		r->st.exec_s = (long)((double)r->st.execs / r->elapsed);
	nf_fuzz_separate_artifacts(r);
	double t = nf_now();
	nf_fuzz_merge_begin(r, nf_fuzz_count_files(r->work) + (r->seeds[0] ? nf_fuzz_count_files(r->seeds) : 0));
	merge(r, bin, r->corpus, r->work, r->seeds[0] ? r->seeds : NULL);
	if (r->update_seeds && r->seeds[0])
		merge(r, bin, r->seeds, r->corpus, NULL);
	nf_fuzz_merge_end(r, t);
	nf_fuzz_mark_merged(r->work);
	return 0;
}
