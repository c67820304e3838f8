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
#include "netfuzz/util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
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
	const char *dir = r->afl;
	DIR *d;
	struct dirent *e;
	struct fuzz_stats s = {0};

	d = opendir(dir);
	if (!d)
		return;
	while ((e = readdir(d)) != NULL) {
		char path[PATH_MAX], text[8192];
		FILE *f;
		size_t n;

		if (e->d_name[0] == '.' || !nf_path_join(path, sizeof path, dir, e->d_name, "fuzzer_stats"))
			continue;
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
		char q[PATH_MAX];

		if (e->d_name[0] == '.' || !nf_path_join(q, sizeof q, outdir, e->d_name, "queue"))
			continue;
		n += nf_fuzz_count_files(q);
	}
	closedir(d);
	return n;
}

static pid_t start_secondary(struct fuzz_run *r, char *const argv[], char *const env[], int idx)
{
	char log[PATH_MAX], name[16];
	struct nf_proc_spec spec = {argv, env, true, -1};
	pid_t pid;
	int fd;

	snprintf(name, sizeof name, ".s%d", idx);
	if (!nf_strfmt(log, sizeof log, "%s%s", r->log, name))
		return -1;
	nf_fuzz_rotate(r->logs, strrchr(log, '/') + 1);
	fd = open(log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
	if (fd < 0) {
		fprintf(stderr, "netfuzz: fuzz: cannot write %s: %s\n", log, strerror(errno));
		return -1;
	}
	spec.out_fd = fd;
	pid = nf_proc_start(&spec, NULL);
	close(fd);
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
	char path[PATH_MAX], line[1024];
	FILE *f;

	if (nf_path_join(path, sizeof path, outdir, "main", "fuzzer_stats") && access(path, F_OK) == 0)
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

/* Copy what afl-cmin kept into dest, each named by its SHA-1, leaving out
 * contents dest already has under any name. */
struct hashed {
	const char *dest;
	char (*known)[41];
	size_t nknown;
	long copied;
};

static void know(const char *file, void *arg)
{
	struct hashed *h = arg;
	char (*k)[41] = realloc(h->known, (h->nknown + 1) * sizeof *h->known);

	if (k && nf_fuzz_sha1_file(file, k[h->nknown]))
		h->nknown++;
	if (k)
		h->known = k;
}

static void copy_hashed(const char *file, void *arg)
{
	struct hashed *h = arg;
	char hex[41], to[PATH_MAX], err[PATH_MAX + 64];

	if (!nf_fuzz_sha1_file(file, hex) || !nf_path_join(to, sizeof to, h->dest, hex))
		return;
	for (size_t i = 0; i < h->nknown; i++)
		if (!strcmp(h->known[i], hex))
			return;
	if (nf_copy_file(file, to, err, sizeof err))
		h->copied++;
	else
		fprintf(stderr, "netfuzz: fuzz: %s\n", err);
}

static long copy_new(const char *from, const char *dest)
{
	struct hashed h = {dest, NULL, 0, 0};

	nf_walk_files(dest, 0, know, NULL, &h);
	nf_walk_files(from, 0, copy_hashed, NULL, &h);
	free(h.known);
	return h.copied;
}

/* afl-cmin FROM -> INTO through the shell-safe view (safe.c): afl-cmin is
 * a shell script that runs its paths unquoted ("rm -rf "trace_dir), so a
 * space in --out would have it remove another directory.  Its output goes
 * to the log.  True if it finished. */
static bool cmin(struct fuzz_run *r, struct fuzz_safe *s, const char *bin, const char *from, const char *into)
{
	char *argv[] = {"afl-cmin", "-i", (char *)from, "-o", (char *)into, "--", (char *)bin, NULL};
	char *env[] = {"AFL_ALLOW_TMP=1", "AFL_SKIP_BIN_CHECK=1", s->tmpdir_env, NULL};
	struct nf_proc_result res;
	bool ok;
	FILE *log;

	if (!nf_proc_run(argv, env, nf_fuzz_merge_bound() * 2, 1 << 20, &res))
		return false;
	ok = !res.stopped && !res.timed_out && WIFEXITED(res.status) && WEXITSTATUS(res.status) == 0;
	if (res.stopped || (res.timed_out && nf_fuzz_interrupted))
		fprintf(stderr, "netfuzz: fuzz: afl-cmin stopped after %.1fs (signal); AFL++'s queues stay in %s and "
				"the next run takes them into the corpus\n", res.seconds, r->afl);
	if ((log = fopen(r->log, "a")) != NULL) {
		fputs(res.output, log);
		fclose(log);
	}
	free(res.output);
	return ok;
}

/* Minimise AFL++'s queues plus the corpus into the corpus (and, with
 * --update-seeds, the corpus into the seeds), all inside
 * out/work/<t>.lf/, seen through its shell-safe link. */
static bool afl_merge(struct fuzz_run *r, const char *bin_real)
{
	struct fuzz_safe s;
	char bin[PATH_MAX], in[PATH_MAX], out[PATH_MAX], real_in[PATH_MAX] = "", real_out[PATH_MAX], corpus[PATH_MAX];
	char err[PATH_MAX + 64];
	DIR *d;
	struct dirent *e;
	bool ok = false;

	if (!nf_fuzz_safe_open(r, &s))
		return false;
	if (!nf_fuzz_safe_alias(r, &s, "bin", bin_real, bin, sizeof bin) ||
	    !nf_fuzz_safe_alias(r, &s, "corpus", r->corpus, corpus, sizeof corpus) ||
	    !nf_path_join(in, sizeof in, s.link, "cmin-in") || !nf_path_join(out, sizeof out, s.link, "cmin-out") ||
	    !nf_path_join(real_in, sizeof real_in, r->safe, "cmin-in") ||
	    !nf_path_join(real_out, sizeof real_out, r->safe, "cmin-out") || nf_fuzz_mkdirs(real_in) != 0)
		goto done;
	if ((d = opendir(r->afl)) != NULL) {
		while ((e = readdir(d)) != NULL) {
			char q[PATH_MAX];

			if (e->d_name[0] != '.' && nf_path_join(q, sizeof q, r->afl, e->d_name, "queue"))
				nf_copy_tree(q, real_in, "id:", err, sizeof err);
		}
		closedir(d);
	}
	nf_copy_tree(r->corpus, real_in, NULL, err, sizeof err);
	nf_fuzz_merging = 1;
	ok = cmin(r, &s, bin, in, out);
	nf_fuzz_merging = 0;
	if (ok)
		copy_new(real_out, r->corpus);
	else
		fprintf(stderr, "netfuzz: fuzz: afl-cmin failed for %s (see %s)\n", r->target, r->log);
	if (ok && r->update_seeds && r->seeds[0]) {
		char sout[PATH_MAX], real_sout[PATH_MAX];

		if (nf_path_join(sout, sizeof sout, s.link, "seeds-out") &&
		    nf_path_join(real_sout, sizeof real_sout, r->safe, "seeds-out") && cmin(r, &s, bin, corpus, sout))
			copy_new(real_sout, r->seeds);
		else
			fprintf(stderr, "netfuzz: fuzz: afl-cmin into %s failed (see %s)\n", r->seeds, r->log);
	}
done:
	nf_fuzz_safe_close(r, &s);
	/* the copies are not needed any more; the next run clears the rest */
	if (real_in[0] && !nf_rm_tree(real_in, r->out, err, sizeof err))
		fprintf(stderr, "netfuzz: fuzz: %s\n", err);
	return ok;
}

int nf_fuzz_afl(struct fuzz_run *r)
{
	char bin[PATH_MAX], cmplog[PATH_MAX], secs[32], name[16][16], err[PATH_MAX + 64];
	char *argv[32];
	static char mutlib[PATH_MAX + 40];
	char *env[] = {"AFL_NO_UI=1", "AFL_SKIP_CPUFREQ=1", "AFL_NO_AFFINITY=1",
		       "AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1", "AFL_FAST_CAL=1", NULL, NULL};
	bool have_cmplog;
	int a = 0, jobs = r->jobs > AFL_MAX_JOBS ? AFL_MAX_JOBS : r->jobs;
	char cmp_name[PATH_MAX + 16];
	const char *in = r->afl_in, *outdir = r->afl;

	if (!nf_target_binary_fresh("afl", "address", r->target, bin, sizeof bin))
		return -1;
	afl_sanitizer_env();
	/* issue 13: the structure-aware mutator as an AFL++ custom mutator
	 * (src/mutate/glue/afl.c); secondaries get it through env. */
	if (r->mutator && !strcmp(r->mutator, "structure")) {
		char so_name[PATH_MAX], so[PATH_MAX];

		if (!nf_strfmt(so_name, sizeof so_name, "mutators/%s.so", r->target) ||
		    !nf_target_binary_fresh("afl", "address", so_name, so, sizeof so))
			return -1;
		if (!nf_strfmt(mutlib, sizeof mutlib, "AFL_CUSTOM_MUTATOR_LIBRARY=%s", so))
			return -1;
		env[5] = mutlib;
	}
	have_cmplog = nf_strfmt(cmp_name, sizeof cmp_name, "%s.cmplog", r->target) &&
		      nf_target_binary_fresh("afl", "address", cmp_name, cmplog, sizeof cmplog);
	/* afl-fuzz wants one input directory: the working corpus plus the seeds */
	if (!nf_fuzz_scratch_clear(r, in) || !nf_fuzz_scratch_make(in))
		return -1;
	nf_copy_tree(r->corpus, in, NULL, err, sizeof err);
	if (r->seeds[0])
		nf_copy_tree(r->seeds, in, NULL, err, sizeof err);
	if (nf_fuzz_count_files(in) == 0) {
		FILE *f;
		char seed[PATH_MAX];

		if (nf_path_join(seed, sizeof seed, in, "empty") && (f = fopen(seed, "w")) != NULL) {
			fputc('0', f);
			fclose(f);
		}
	}
	if (!nf_fuzz_scratch_clear(r, outdir) || !nf_fuzz_scratch_make(outdir))
		return -1;
	snprintf(secs, sizeof secs, "%d", r->seconds);
	argv[a++] = "afl-fuzz";
	argv[a++] = "-i";
	argv[a++] = (char *)in;
	argv[a++] = "-o";
	argv[a++] = (char *)outdir;
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
		secondaries[j] = start_secondary(r, sargv, env, j);
	}
	nf_fuzz_spawn(r, argv, env, NULL, on_tick, r->seconds);
	for (int j = 1; j < jobs; j++)
		if (secondaries[j] > 0) {
			kill(-secondaries[j], SIGINT);
			nf_proc_wait(secondaries[j]);
		}
	if (!afl_started(r, outdir))
		return -1;
	on_tick(r);
	nf_fuzz_collect(outdir, "crashes", r->crashes, "crash-");
	nf_fuzz_collect(outdir, "hangs", r->timeouts, "timeout-");
	nf_fuzz_count_artifacts(r);
	double t = nf_now();
	nf_fuzz_merge_begin(r, count_queues(outdir) + nf_fuzz_count_files(r->corpus));
	bool merged = afl_merge(r, bin);
	nf_fuzz_merge_end(r, t);
	if (merged)
		nf_fuzz_mark_merged(outdir);
	return 0;
}
