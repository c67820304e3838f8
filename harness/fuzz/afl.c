/* AFL++ driver: one main instance (-M, with the CMPLOG build from
 * `make ENGINE=afl` as -c) and jobs-1 secondaries (-S), all bounded by -V.
 * Progress comes from each instance's fuzzer_stats file.  Afterwards the
 * crashes and hangs are copied under libFuzzer's artifact names
 * (crash-<sha1>, timeout-<sha1>) and the queues are minimised with afl-cmin
 * into out/corpus/<t>. */
#include "fuzz.h"
#include "cli.h"
#include "../target_options.h"
#include "netfuzz/proc.h"

#include <dirent.h>
#include <errno.h>
#include <openssl/evp.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define AFL_MAX_JOBS 16

static pid_t secondaries[AFL_MAX_JOBS];

static long stat_field(const char *text, const char *key)
{
	const char *p = strstr(text, key);

	if (!p)
		return -1;
	p = strchr(p, ':');
	return p ? strtol(p + 1, NULL, 10) : -1;
}

/* Sum the instances' fuzzer_stats (AFL++ docs/afl-fuzz_approach.md). */
static void on_tick(struct fuzz_run *r)
{
	char dir[PATH_MAX];
	DIR *d;
	struct dirent *e;
	struct fuzz_stats s = {0};

	snprintf(dir, sizeof dir, "%s/afl/%s", r->out, r->target);
	d = opendir(dir);
	if (!d)
		return;
	while ((e = readdir(d)) != NULL) {
		char path[PATH_MAX * 2], text[8192];
		FILE *f;
		size_t n;

		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "%s/%s/fuzzer_stats", dir, e->d_name);
		f = fopen(path, "r");
		if (!f)
			continue;
		n = fread(text, 1, sizeof text - 1, f);
		text[n] = 0;
		fclose(f);
		s.execs += stat_field(text, "execs_done") > 0 ? stat_field(text, "execs_done") : 0;
		s.exec_s += stat_field(text, "execs_per_sec") > 0 ? stat_field(text, "execs_per_sec") : 0;
		if (stat_field(text, "edges_found") > s.cov)
			s.cov = stat_field(text, "edges_found");
		if (stat_field(text, "corpus_count") > s.corpus)
			s.corpus = stat_field(text, "corpus_count");
		s.crashes += stat_field(text, "saved_crashes") > 0 ? (int)stat_field(text, "saved_crashes") : 0;
		s.timeouts += stat_field(text, "saved_hangs") > 0 ? (int)stat_field(text, "saved_hangs") : 0;
	}
	closedir(d);
	s.ft = s.cov;
	r->st = s;
}

/* Inputs in every instance's queue/ (what afl-cmin is about to read). */
static long count_queues(const char *outdir)
{
	DIR *d = opendir(outdir);
	struct dirent *e;
	long n = 0;

	if (!d)
		return 0;
	while ((e = readdir(d)) != NULL) {
		char q[PATH_MAX * 2];

		if (e->d_name[0] == '.')
			continue;
		snprintf(q, sizeof q, "%s/%s/queue", outdir, e->d_name);
		n += nf_fuzz_count_files(q);
	}
	closedir(d);
	return n;
}

static pid_t start_secondary(struct fuzz_run *r, char *const argv[], int idx)
{
	char log[PATH_MAX + 32];
	pid_t pid;

	snprintf(log, sizeof log, "%s.s%d", r->log, idx);
	fflush(NULL);
	pid = fork();
	if (pid == 0) {
		setpgid(0, 0);
		FILE *f = freopen(log, "w", stdout);
		(void)f;
		dup2(1, 2);
		putenv("AFL_NO_UI=1");
		putenv("AFL_SKIP_CPUFREQ=1");
		putenv("AFL_NO_AFFINITY=1");
		putenv("AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1");
		execvp(argv[0], argv);
		_exit(127);
	}
	if (pid > 0)
		setpgid(pid, pid);
	return pid;
}

/* afl-fuzz refuses to start when the user's sanitizer options lack what
 * it needs to see a crash (AFL++ check_asan_opts: abort_on_error=1,
 * symbolize=0; UBSan also halt_on_error=1).  Append those to options the
 * user set (a later option wins); unset ones AFL++ sets itself. */
static void afl_sanitizer_env(void)
{
	static const char *const need[][2] = {
		{"ASAN_OPTIONS", "abort_on_error=1:symbolize=0"},
		{"UBSAN_OPTIONS", "halt_on_error=1:abort_on_error=1:symbolize=0"},
		{"LSAN_OPTIONS", "symbolize=0"},
	};

	for (size_t i = 0; i < sizeof need / sizeof need[0]; i++) {
		const char *v = getenv(need[i][0]);
		char buf[4096];

		if (!v || !*v || strstr(v, need[i][1]))
			continue; /* unset, or already appended (a soak's later turns) */
		snprintf(buf, sizeof buf, "%s:%s", v, need[i][1]);
		setenv(need[i][0], buf, 1);
	}
}

/* afl-fuzz wrote no fuzzer_stats: it never started.  Say why (its
 * "PROGRAM ABORT" line) instead of reporting an empty campaign. */
static bool afl_started(const struct fuzz_run *r, const char *outdir)
{
	char path[PATH_MAX + 32], line[1024];
	FILE *f;

	snprintf(path, sizeof path, "%s/main/fuzzer_stats", outdir);
	if (access(path, F_OK) == 0)
		return true;
	fprintf(stderr, "netfuzz: fuzz: afl-fuzz did not start for %s (log: %s)", r->target, r->log);
	if ((f = fopen(r->log, "r")) != NULL) {
		while (fgets(line, sizeof line, f))
			if (strstr(line, "PROGRAM ABORT")) {
				const char *p = strstr(line, "ABORT : ");

				fputs(": ", stderr);
				/* without afl-fuzz's colour escapes (ESC [ ... m) */
				for (p = p ? p + 8 : line; *p && *p != '\n'; p++) {
					if (*p == 0x1b) {
						while (*p && *p != 'm')
							p++;
						if (!*p)
							break;
						continue;
					}
					fputc(*p, stderr);
				}
				break;
			}
		fclose(f);
	}
	fputc('\n', stderr);
	return false;
}

int nf_fuzz_afl(struct fuzz_run *r)
{
	char bin[PATH_MAX], cmplog[PATH_MAX], in[PATH_MAX], outdir[PATH_MAX], secs[32], name[16][16];
	char *argv[32], cmd[PATH_MAX * 4];
	static char mutlib[PATH_MAX + 40];
	char *env[] = {"AFL_NO_UI=1", "AFL_SKIP_CPUFREQ=1", "AFL_NO_AFFINITY=1",
		       "AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1", "AFL_FAST_CAL=1", NULL, NULL};
	bool have_cmplog;
	int a = 0, jobs = r->jobs > AFL_MAX_JOBS ? AFL_MAX_JOBS : r->jobs;
	char cmp_name[PATH_MAX + 16];

	if (!nf_target_binary_fresh("afl", "address", r->target, bin, sizeof bin))
		return -1;
	afl_sanitizer_env();
	/* issue 13: the structure-aware mutator as an AFL++ custom mutator
	 * (src/mutate/glue/afl.c); secondaries inherit it through putenv. */
	if (r->mutator && !strcmp(r->mutator, "structure")) {
		char so_name[PATH_MAX], so[PATH_MAX];

		snprintf(so_name, sizeof so_name, "mutators/%s.so", r->target);
		if (!nf_target_binary_fresh("afl", "address", so_name, so, sizeof so))
			return -1;
		snprintf(mutlib, sizeof mutlib, "AFL_CUSTOM_MUTATOR_LIBRARY=%s", so);
		env[5] = mutlib;
		putenv(mutlib);
	}
	snprintf(cmp_name, sizeof cmp_name, "%s.cmplog", r->target);
	have_cmplog = nf_target_binary_fresh("afl", "address", cmp_name, cmplog, sizeof cmplog);
	/* afl-fuzz wants one input directory: the working corpus plus the seeds */
	snprintf(in, sizeof in, "%s/work/%s-afl-in", r->out, r->target);
	snprintf(cmd, sizeof cmd, "rm -rf '%s' && mkdir -p '%s' && { cp -r '%s'/. '%s'/; cp -r '%s'/. '%s'/; } 2>/dev/null; true",
		 in, in, r->corpus, in, r->seeds[0] ? r->seeds : r->corpus, in);
	if (system(cmd) != 0 || nf_fuzz_count_files(in) == 0) {
		FILE *f;
		char seed[PATH_MAX + 8];
		snprintf(seed, sizeof seed, "%s/empty", in);
		f = fopen(seed, "w");
		if (f) {
			fputc('0', f);
			fclose(f);
		}
	}
	snprintf(outdir, sizeof outdir, "%s/afl/%s", r->out, r->target);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", outdir);
	if (system(cmd) != 0)
		return -1;
	nf_fuzz_mkdirs(outdir);
	snprintf(secs, sizeof secs, "%d", r->seconds);
	argv[a++] = "afl-fuzz";
	argv[a++] = "-i";
	argv[a++] = in;
	argv[a++] = "-o";
	argv[a++] = outdir;
	argv[a++] = "-V";
	argv[a++] = secs;
	if (r->dict[0]) {
		argv[a++] = "-x";
		argv[a++] = r->dict;
	}
	int role = a;
	argv[a++] = "-M";
	argv[a++] = "main";
	int cmp_at = a;
	if (have_cmplog) {
		argv[a++] = "-c";
		argv[a++] = cmplog;
	}
	argv[a++] = "--";
	argv[a++] = bin;
	argv[a] = NULL;
	/* secondaries: same command, -S sN, no CMPLOG */
	for (int j = 1; j < jobs; j++) {
		char *sargv[32];
		int k = 0;
		for (int i = 0; i < a; i++) {
			if (have_cmplog && (i == cmp_at || i == cmp_at + 1))
				continue;
			sargv[k++] = argv[i];
		}
		sargv[k] = NULL;
		snprintf(name[j], sizeof name[j], "s%d", j);
		sargv[role] = "-S";
		sargv[role + 1] = name[j];
		secondaries[j] = start_secondary(r, sargv, j);
	}
	nf_fuzz_spawn(r, argv, env, NULL, on_tick, r->seconds);
	for (int j = 1; j < jobs; j++)
		if (secondaries[j] > 0) {
			kill(-secondaries[j], SIGINT);
			waitpid(secondaries[j], NULL, 0);
		}
	if (!afl_started(r, outdir))
		return -1;
	on_tick(r);
	nf_fuzz_collect(outdir, "crashes", r->crashes, "crash-");
	nf_fuzz_collect(outdir, "hangs", r->timeouts, "timeout-");
	nf_fuzz_count_artifacts(r);
	double t = nf_now();
	nf_fuzz_merge_begin(r, count_queues(outdir) + nf_fuzz_count_files(r->corpus));
	/* minimise the queues into the working corpus */
	snprintf(cmd, sizeof cmd,
		 "cd '%s' && mkdir -p cmin-in && for q in '%s'/*/queue; do cp \"$q\"/id:* cmin-in/ 2>/dev/null; done; "
		 "cp '%s'/* cmin-in/ 2>/dev/null; rm -rf cmin-out; "
		 "AFL_ALLOW_TMP=1 AFL_SKIP_BIN_CHECK=1 afl-cmin -i cmin-in -o cmin-out -- '%s' >>'%s' 2>&1 && "
		 "for f in cmin-out/*; do h=$(sha1sum \"$f\" | cut -c1-40); cp \"$f\" '%s'/$h; done; "
		 "rm -rf cmin-in cmin-out",
		 outdir, outdir, r->corpus, bin, r->log, r->corpus);
	if (system(cmd) != 0)
		fprintf(stderr, "netfuzz: fuzz: afl-cmin failed for %s (see %s)\n", r->target, r->log);
	if (r->update_seeds && r->seeds[0]) {
		snprintf(cmd, sizeof cmd,
			 "cd '%s' && rm -rf seeds-out && AFL_ALLOW_TMP=1 AFL_SKIP_BIN_CHECK=1 afl-cmin -i '%s' -o seeds-out -- '%s' >>'%s' 2>&1 && "
			 "known=$(sha1sum '%s'/* 2>/dev/null | cut -c1-40); "
			 "for f in seeds-out/*; do h=$(sha1sum \"$f\" | cut -c1-40); "
			 "echo \"$known\" | grep -q $h || cp \"$f\" '%s'/$h; done; rm -rf seeds-out",
			 outdir, r->corpus, bin, r->log, r->seeds, r->seeds);
		if (system(cmd) != 0)
			fprintf(stderr, "netfuzz: fuzz: afl-cmin into %s failed (see %s)\n", r->seeds, r->log);
	}
	nf_fuzz_merge_end(r, t);
	nf_fuzz_mark_merged(outdir);
	return 0;
}
