/* Finding what `netfuzz regress` replays for a target:
 *   corpora/<t>/...                     every seed (recursively, sorted)
 *   regressions/crashes/<t>/<sig>.json  case metadata (jansson), input <sig>
 * Metadata format (docs/regress.md): target, crash_type, crash_state,
 * security_flag, signature, found (YYYY-MM-DD), status fixed|open, note.
 * signature = first 16 hex digits of SHA-1(crash_type "\n" crash_state),
 * and the case is named by it.  A broken case is reported, not skipped:
 * file, line/column (from jansson) and what was expected. */
#include "netfuzz/project.h"
#include "netfuzz/target.h"
#include "netfuzz/regress.h"
#include "netfuzz/triage.h"
#include "netfuzz/util.h"

#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define NF_CORPUS_MAX_DEPTH 8

void nf_strv_push(struct nf_strv *s, const char *str)
{
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 64;
		char **v = realloc(s->v, cap * sizeof *v);

		if (!v) {
			fprintf(stderr, "netfuzz: regress: out of memory\n");
			exit(2);
		}
		s->v = v;
		s->cap = cap;
	}
	s->v[s->n++] = strdup(str);
}

void nf_strv_free(struct nf_strv *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	memset(s, 0, sizeof *s);
}

const char *nf_relpath(const char *path)
{
	const char *root = nf_project_root();
	size_t n = strlen(root);

	return !strncmp(path, root, n) && path[n] == '/' ? path + n + 1 : path;
}

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Names in dir (no dot files), sorted. */
static bool list_dir(const char *dir, struct nf_strv *out)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (!d)
		return false;
	while ((e = readdir(d)) != NULL)
		if (e->d_name[0] != '.')
			nf_strv_push(out, e->d_name);
	closedir(d);
	qsort(out->v, out->n, sizeof *out->v, cmp);
	return true;
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

static const char *str_field(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	return json_is_string(v) ? json_string_value(v) : NULL;
}

/* Validate one <sig>.json; on success fill *open_case / push to fixed. */
static void load_case(const char *target, const char *meta, struct nf_tcases *tc)
{
	char err[PATH_MAX + 512] = "", input[PATH_MAX], sig[17], base[256];
	const char *type, *state, *signature, *status, *found, *tgt;
	json_error_t je;
	struct stat st;
	json_t *o = json_load_file(meta, JSON_REJECT_DUPLICATES, &je);
	size_t ml = strlen(meta);
	const char *slash = strrchr(meta, '/');
	const char *rmeta = nf_relpath(meta);
	int y, m, d;

	snprintf(base, sizeof base, "%.*s", (int)(ml - (size_t)(slash + 1 - meta) - 5), slash + 1);
	snprintf(input, sizeof input, "%.*s", (int)(ml - 5), meta);
	if (!o) {
		snprintf(err, sizeof err, "%s: line %d column %d: %s (expected a JSON object)", rmeta, je.line,
			 je.column, je.text);
		goto bad;
	}
	if (!json_is_object(o)) {
		snprintf(err, sizeof err, "%s: expected a JSON object at the top level", rmeta);
		goto bad;
	}
	tgt = str_field(o, "target");
	type = str_field(o, "crash_type");
	state = str_field(o, "crash_state");
	signature = str_field(o, "signature");
	status = str_field(o, "status");
	found = str_field(o, "found");
	if (!tgt || !type || !state || !signature || !status || !found ||
	    !json_is_boolean(json_object_get(o, "security_flag"))) {
		snprintf(err, sizeof err,
			 "%s: missing or mistyped field: expected strings target, crash_type, crash_state, signature, found, status and boolean security_flag",
			 meta);
		goto bad;
	}
	if (strcmp(tgt, target) != 0) {
		snprintf(err, sizeof err, "%s: field target is \"%s\" but the case is filed under %s/", rmeta, tgt, target);
		goto bad;
	}
	if (strcmp(status, "fixed") != 0 && strcmp(status, "open") != 0) {
		snprintf(err, sizeof err, "%s: field status is \"%s\" (expected \"fixed\" or \"open\")", rmeta, status);
		goto bad;
	}
	if (strlen(found) != 10 || sscanf(found, "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12 || d < 1 || d > 31) {
		snprintf(err, sizeof err, "%s: field found is \"%s\" (expected YYYY-MM-DD)", rmeta, found);
		goto bad;
	}
	nf_triage_signature(type, state, sig); /* the one implementation triage files cases with */
	if (strcmp(signature, sig) != 0 || strcmp(base, sig) != 0) {
		snprintf(err, sizeof err,
			 "%s: signature \"%s\" and file name \"%s\" must both be %s (first 16 hex digits of SHA-1 over crash_type \"\\n\" crash_state)",
			 rmeta, signature, base, sig);
		goto bad;
	}
	if (stat(input, &st) != 0 || !S_ISREG(st.st_mode)) {
		snprintf(err, sizeof err, "%s: its input %s is missing or not a regular file", rmeta, nf_relpath(input));
		goto bad;
	}
	if (!strcmp(status, "fixed")) {
		nf_strv_push(&tc->fixed, input);
	} else {
		struct nf_open_case *oc = realloc(tc->open, (tc->nopen + 1) * sizeof *oc);

		if (!oc)
			exit(2);
		tc->open = oc;
		oc = &tc->open[tc->nopen++];
		snprintf(oc->input, sizeof oc->input, "%s", input);
		snprintf(oc->name, sizeof oc->name, "%s/%s", target, sig);
		snprintf(oc->crash_type, sizeof oc->crash_type, "%s", type);
		for (char *p = oc->crash_type; *p; p++)
			if (*p == '\n')
				*p = ' ';
	}
	json_decref(o);
	return;
bad:
	nf_strv_push(&tc->errors, err);
	json_decref(o);
}

void nf_cases_discover(const char *root, const char *target, struct nf_tcases *tc)
{
	char dir[PATH_MAX];
	struct nf_strv names = {0};

	memset(tc, 0, sizeof *tc);
	snprintf(dir, sizeof dir, "%s/corpora/%s", root, target);
	walk(dir, &tc->seeds, &tc->errors);
	snprintf(dir, sizeof dir, "%s/regressions/crashes/%s", root, target);
	if (!list_dir(dir, &names))
		return;
	for (size_t i = 0; i < names.n; i++) {
		size_t l = strlen(names.v[i]);
		char path[PATH_MAX], meta[PATH_MAX];
		struct stat st;

		snprintf(path, sizeof path, "%s/%s", dir, names.v[i]);
		if (l > 5 && !strcmp(names.v[i] + l - 5, ".json")) {
			load_case(target, path, tc);
			continue;
		}
		snprintf(meta, sizeof meta, "%s.json", path);
		if (stat(meta, &st) != 0) { /* an input nobody described */
			char msg[PATH_MAX + 96];

			snprintf(msg, sizeof msg, "%s: no metadata file %s.json beside it", nf_relpath(path), names.v[i]);
			nf_strv_push(&tc->errors, msg);
		}
	}
	nf_strv_free(&names);
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
	if (!list_dir(dir, &names))
		return;
	for (size_t i = 0; i < names.n; i++)
		if (!nf_target_find(names.v[i]))
			nf_strv_push(out, names.v[i]);
	nf_strv_free(&names);
}
