/* Finding what `netfuzz regress` replays for a target:
 *   corpora/<t>/...                     every seed (recursively, sorted)
 *   regressions/crashes/<t>/<sig>.json  case metadata, input <sig>
 * The metadata schema is netfuzz/case.h (shared with triage, which writes
 * it; docs/regress.md).  A broken case is reported, not skipped: file,
 * line/column (from jansson) and what was expected. */
#include "netfuzz/case.h"
#include "netfuzz/project.h"
#include "netfuzz/target.h"
#include "netfuzz/regress.h"
#include "netfuzz/util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define NF_CORPUS_MAX_DEPTH 8

const char *nf_relpath(const char *path)
{
	const char *root = nf_project_root();
	size_t n = strlen(root);

	return !strncmp(path, root, n) && path[n] == '/' ? path + n + 1 : path;
}

struct seed_walk {
	struct nf_strv *files, *errors;
};

static void on_seed(const char *path, void *arg)
{
	nf_strv_push(((struct seed_walk *)arg)->files, path);
}

static void on_seed_error(const char *path, const char *why, void *arg)
{
	char msg[PATH_MAX + 128];

	snprintf(msg, sizeof msg, "%s: cannot read: %s", nf_relpath(path), why);
	nf_strv_push(((struct seed_walk *)arg)->errors, msg);
}

/* Every seed file under dir; a target without a corpus directory has none. */
static void walk(const char *dir, struct nf_strv *files, struct nf_strv *errors)
{
	struct seed_walk w = {files, errors};

	if (access(dir, F_OK) == 0 || errno != ENOENT)
		nf_walk_files(dir, NF_CORPUS_MAX_DEPTH, on_seed, on_seed_error, &w);
}

/* Check one <sig>.json (netfuzz/case.h) and its input; file it as fixed
 * or open, or report what is wrong. */
static void load_case(const char *target, const char *meta, struct nf_tcases *tc)
{
	char err[PATH_MAX + 512] = "", input[PATH_MAX];
	const char *rmeta = nf_relpath(meta);
	struct nf_case c;
	struct stat st;

	snprintf(input, sizeof input, "%.*s", (int)(strlen(meta) - 5), meta);
	if (!nf_case_read(meta, rmeta, target, &c, err, sizeof err)) {
		nf_strv_push(&tc->errors, err);
		return;
	}
	if (stat(input, &st) != 0 || !S_ISREG(st.st_mode)) {
		snprintf(err, sizeof err, "%s: its input %s is missing or not a regular file", rmeta, nf_relpath(input));
		nf_strv_push(&tc->errors, err);
	} else if (!strcmp(c.status, "fixed")) {
		nf_strv_push(&tc->fixed, input);
	} else {
		struct nf_open_case *oc = realloc(tc->open, (tc->nopen + 1) * sizeof *oc);

		if (!oc)
			exit(2);
		tc->open = oc;
		oc = &tc->open[tc->nopen++];
		snprintf(oc->input, sizeof oc->input, "%s", input);
		snprintf(oc->name, sizeof oc->name, "%s/%s", target, c.signature);
		snprintf(oc->crash_type, sizeof oc->crash_type, "%s", c.crash_type);
		for (char *p = oc->crash_type; *p; p++)
			if (*p == '\n')
				*p = ' ';
	}
	nf_case_free(&c);
}

struct case_walk {
	const char *target;
	struct nf_tcases *tc;
};

/* One file of regressions/crashes/<t>/: a case's metadata, or an input
 * that must have metadata beside it. */
static void on_case_file(const char *path, void *arg)
{
	struct case_walk *w = arg;
	const char *base = strrchr(path, '/') + 1;
	size_t l = strlen(base);
	char meta[PATH_MAX], msg[PATH_MAX + 96];
	struct stat st;

	if (l > 5 && !strcmp(base + l - 5, ".json")) {
		load_case(w->target, path, w->tc);
		return;
	}
	snprintf(meta, sizeof meta, "%s.json", path);
	if (stat(meta, &st) != 0) { /* an input nobody described */
		snprintf(msg, sizeof msg, "%s: no metadata file %s.json beside it", nf_relpath(path), base);
		nf_strv_push(&w->tc->errors, msg);
	}
}

/* Anything else there (a directory, an unreadable file) is no case either. */
static void on_case_error(const char *path, const char *why, void *arg)
{
	struct case_walk *w = arg;
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	char msg[PATH_MAX + 128];
	struct stat st;

	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) /* as for an input: no metadata beside it */
		snprintf(msg, sizeof msg, "%s: no metadata file %s.json beside it", nf_relpath(path), base);
	else
		snprintf(msg, sizeof msg, "%s: cannot read: %s", nf_relpath(path), why);
	nf_strv_push(&w->tc->errors, msg);
}

void nf_cases_discover(const char *root, const char *target, struct nf_tcases *tc)
{
	char dir[PATH_MAX];
	struct case_walk w = {target, tc};
	struct stat st;

	memset(tc, 0, sizeof *tc);
	snprintf(dir, sizeof dir, "%s/corpora/%s", root, target);
	walk(dir, &tc->seeds, &tc->errors);
	snprintf(dir, sizeof dir, "%s/regressions/crashes/%s", root, target);
	if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode)) /* no directory: no cases */
		nf_walk_files(dir, 0, on_case_file, on_case_error, &w);
}

void nf_cases_free(struct nf_tcases *tc)
{
	nf_strv_free(&tc->seeds);
	nf_strv_free(&tc->fixed);
	nf_strv_free(&tc->errors);
	free(tc->open);
}

void nf_cases_orphans(const char *root, struct nf_strv *out)
{
	char dir[PATH_MAX];
	struct nf_strv names = {0};

	snprintf(dir, sizeof dir, "%s/regressions/crashes", root);
	if (!nf_list_dir(dir, NULL, &names))
		return;
	for (size_t i = 0; i < names.n; i++)
		if (!nf_target_find(names.v[i]))
			nf_strv_push(out, names.v[i]);
	nf_strv_free(&names);
}
