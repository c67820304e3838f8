/* Groups above buckets: which buckets are one bug.  Follows ClusterFuzz's
 * grouper (src/clusterfuzz/_internal/cron/grouper.py,
 * _group_testcases_with_similar_states / _compare_testcases_crash_states)
 * and CrashComparer (crash_analysis/crash_comparer.py), written from their
 * documented behaviour (no code copied):
 *
 *   - security bugs are never grouped with functional bugs;
 *   - the crash types must be equal once access sizes are dropped
 *     ("READ 1" ~ "READ {*}"); ClusterFuzz compares functional types with
 *     CrashComparer, we ask for equality for both, so that two different
 *     bugs in one function (a heap over-read and a stack write) stay apart;
 *   - types with a unique state (ASSERT, CHECK failures, Bad-cast, and the
 *     target-named Timeout/Out-of-memory) group only on an equal state;
 *   - otherwise the states must be similar: at least 2 frames in common in
 *     order (longest common subsequence, SAME_FRAMES_THRESHOLD = 2), or an
 *     average per-frame similarity (Levenshtein ratio) above 0.8
 *     (COMPARE_THRESHOLD); or, netfuzz's addition, the same top frame (the
 *     states already hold only in-project frames: runtime, libc and harness
 *     frames were dropped when they were parsed).
 * Each bucket records the rule that placed it. */
#include "kinds.h"
#include "netfuzz/triage.h"

#include <stdio.h>
#include <string.h>

#define SIMILARITY_THRESHOLD 0.8 /* CrashComparer.COMPARE_THRESHOLD */
#define SAME_FRAMES_THRESHOLD 2  /* CrashComparer.SAME_FRAMES_THRESHOLD */


/* "Heap-buffer-overflow\nREAD 4" -> "Heap-buffer-overflow\nREAD": every
 * " <digits>" or " {*}" word dropped. */
void nf_triage_type_without_size(const char *type, char *out, size_t outlen)
{
	size_t o = 0;

	for (size_t i = 0; type[i] && o + 1 < outlen;) {
		if (type[i] == ' ') {
			size_t j = i + 1;
			if (!strncmp(type + j, "{*}", 3))
				j += 3;
			else
				while (type[j] >= '0' && type[j] <= '9')
					j++;
			if (j > i + 1 && (type[j] == 0 || type[j] == '\n' || type[j] == ' ')) {
				i = j;
				continue;
			}
		}
		out[o++] = type[i++];
	}
	out[o] = 0;
}

/* data_types.CRASH_TYPES_WITH_UNIQUE_STATE, plus the types whose state is
 * the target's name (a state of one word cannot be "similar"): the
 * crash-type table's unique_state column (kinds.c). */
static bool has_unique_state(const char *type)
{
	const struct nf_crash_kind *k = nf_crash_kind_first_line(type);

	return k && k->unique_state;
}

/* Split a state into at most NF_TRIAGE_STATE_FRAMES lines. */
static int frames_of(const char *state, char f[][NF_TRIAGE_LINE_CAP + 1])
{
	int n = 0;

	while (*state && n < NF_TRIAGE_STATE_FRAMES) {
		size_t l = strcspn(state, "\n");
		snprintf(f[n++], NF_TRIAGE_LINE_CAP + 1, "%.*s", (int)l, state);
		state += l + (state[l] == '\n');
	}
	return n;
}

static size_t levenshtein(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), row[NF_TRIAGE_LINE_CAP + 2];

	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j], best = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			diag = up;
			row[j] = best;
		}
	}
	return row[lb];
}

/* (len(a)+len(b) - distance) / (len(a)+len(b)), 1.0 for two empty lines */
static double similarity(const char *a, const char *b)
{
	size_t sum = strlen(a) + strlen(b);

	return sum ? (double)(sum - levenshtein(a, b)) / (double)sum : 1.0;
}

static int common_frames(char a[][NF_TRIAGE_LINE_CAP + 1], int na, char b[][NF_TRIAGE_LINE_CAP + 1], int nb)
{
	int t[NF_TRIAGE_STATE_FRAMES + 1][NF_TRIAGE_STATE_FRAMES + 1] = {{0}};

	for (int i = 1; i <= na; i++)
		for (int j = 1; j <= nb; j++)
			t[i][j] = !strcmp(a[i - 1], b[j - 1]) ? t[i - 1][j - 1] + 1
			          : t[i - 1][j] > t[i][j - 1] ? t[i - 1][j] : t[i][j - 1];
	return t[na][nb];
}

bool nf_triage_same_bug(const struct nf_crash *a, const struct nf_crash *b, char *why, size_t whylen)
{
	char ta[160], tb[160];
	char fa[NF_TRIAGE_STATE_FRAMES][NF_TRIAGE_LINE_CAP + 1], fb[NF_TRIAGE_STATE_FRAMES][NF_TRIAGE_LINE_CAP + 1];
	int na, nb, common, lines;
	double sum = 0;

	if (a->security != b->security)
		return false;
	nf_triage_type_without_size(a->type, ta, sizeof ta);
	nf_triage_type_without_size(b->type, tb, sizeof tb);
	if (strcmp(ta, tb))
		return false;
	if (!strcmp(a->state, b->state)) {
		snprintf(why, whylen, "%s", strcmp(a->type, b->type) ? "same type but the access size, same state"
							      : "same signature");
		return true;
	}
	if (has_unique_state(a->type) || !a->state[0] || !b->state[0])
		return false;
	na = frames_of(a->state, fa);
	nb = frames_of(b->state, fb);
	common = common_frames(fa, na, fb, nb);
	if (common >= SAME_FRAMES_THRESHOLD) {
		snprintf(why, whylen, "similar state: %d frames in common (CrashComparer, >= %d)", common,
			 SAME_FRAMES_THRESHOLD);
		return true;
	}
	lines = na < nb ? na : nb;
	for (int i = 0; i < lines; i++)
		sum += similarity(fa[i], fb[i]);
	if (lines && sum / lines > SIMILARITY_THRESHOLD) {
		snprintf(why, whylen, "similar state: frame similarity %.2f (CrashComparer, > %.1f)", sum / lines,
			 SIMILARITY_THRESHOLD);
		return true;
	}
	if (!strcmp(fa[0], fb[0])) {
		snprintf(why, whylen, "same top frame %s", fa[0]);
		return true;
	}
	return false;
}

/* Single-link clustering in input order: a bucket joins every earlier group
 * it matches (groups it bridges are merged), else it starts a group. */
size_t nf_triage_group(struct nf_bucket *b, size_t n)
{
	size_t groups = 0;

	for (size_t i = 0; i < n; i++) {
		int joined = -1;

		b[i].group = -1;
		for (size_t j = 0; j < i; j++) {
			char why[sizeof b[i].group_reason];

			if (b[j].group == joined || !nf_triage_same_bug(&b[j].crash, &b[i].crash, why, sizeof why))
				continue;
			if (joined < 0) {
				joined = b[j].group;
				snprintf(b[i].group_reason, sizeof b[i].group_reason, "%s (as %s)", why,
					 b[j].crash.signature);
				continue;
			}
			/* i bridges two groups: fold the later one into the earlier */
			int from = b[j].group > joined ? b[j].group : joined, to = b[j].group > joined ? joined : b[j].group;
			for (size_t k = 0; k < i; k++)
				if (b[k].group == from)
					b[k].group = to;
				else if (b[k].group > from)
					b[k].group--;
			groups--;
			joined = to;
		}
		if (joined < 0) {
			b[i].group = (int)groups++;
			snprintf(b[i].group_reason, sizeof b[i].group_reason, "first bucket of the group");
		} else {
			b[i].group = joined;
		}
	}
	return groups;
}

/* HIGH > MEDIUM > none, then WRITE over READ. */
static int rank(const struct nf_crash *c)
{
	int r = c->severity ? (!strcmp(c->severity, "HIGH") ? 20 : 10) : 0;

	return r + (c->security ? 4 : 0) + (strstr(c->type, "WRITE") ? 2 : 0);
}

void nf_triage_group_summary(const struct nf_bucket *b, size_t n, int group, struct nf_group *g)
{
	memset(g, 0, sizeof *g);
	g->id = group;
	for (size_t i = 0; i < n; i++) {
		if (b[i].group != group)
			continue;
		if (!g->buckets++ || rank(&b[i].crash) > rank(&b[g->lead].crash))
			g->lead = i;
		if (g->buckets == 1 || (b[i].smallest_size >= 0 && b[i].smallest_size < b[g->smallest].smallest_size))
			g->smallest = i;
		g->inputs += b[i].count;
	}
}
