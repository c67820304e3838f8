/* honggfuzz's own crash report, as rows of the line-rule table (see
 * rules.c).  honggfuzz writes it to HONGGFUZZ.REPORT.TXT (report.c
 * report_Report: a "=====" rule, TIME, FUZZER ARGS, then the report, then
 * a rule), built by linux/trace.c arch_traceGenerateReport:
 *
 *   CRASH:
 *   DESCRIPTION: ...
 *   ORIG_FNAME: ...            (the first line in honggfuzz 1.x)
 *   FUZZ_FNAME: SIGSEGV.PC.<pc>.STACK.<hash>.CODE.<c>.ADDR.<a>.INSTR.<i>.fuzz
 *   PID: 1234
 *   SIGNAL: SIGSEGV (11)
 *   PC: 0x...
 *   FAULT ADDRESS: 0x0
 *   INSTRUCTION: mov____(%rax),%eax
 *   STACK HASH: 0000000000a1b2c3
 *   STACK:
 *    <0x000055d1c0a0b1c2> [func:parse file:/src/p.c line:12 module:/out/t]
 *    <0x...> [parse():12 at /out/t]          (honggfuzz 1.x)
 *
 * ClusterFuzz runs honggfuzz targets with ASan and parses the sanitizer's
 * report; for this report we give the signal the type ClusterFuzz gives
 * the sanitizer's report of the same signal, the state from the top three
 * frames after its ignore list, and the crash address (so a SIGSEGV near
 * zero is a Null-dereference).  STACK HASH is honggfuzz's own dedup key;
 * the signature is ours, from type and state, so it is not kept. */
#include "parser.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* honggfuzz's own report (linux/trace.c arch_traceGenerateReport, written
 * to HONGGFUZZ.REPORT.TXT by report.c between "=====" rules):
 * "CRASH:", "DESCRIPTION:", "ORIG_FNAME:", "FUZZ_FNAME:", "PID:",
 * "SIGNAL: SIGSEGV (11)", "PC: 0x..", "FAULT ADDRESS: 0x..",
 * "INSTRUCTION: ..", "STACK HASH: ..", "STACK:", then one line per frame:
 * " <0x..> [func:F file:S line:N module:M]" (honggfuzz 2.x) or
 * " <0x..> [F():N at MAP]" (1.x). */
static bool honggfuzz(const struct parser *p) { return !strcmp(p->c->sanitizer, "honggfuzz"); }
static bool no_type(const struct parser *p) { return !p->c->type[0]; }

static bool hf_field(const char *l, const char *key, const char **val)
{
	size_t n = strlen(key);

	while (*l == ' ')
		l++;
	if (strncmp(l, key, n))
		return false;
	*val = l + n;
	return true;
}

static bool m_hf_start(const struct parser *p, const char *l, struct hit *h)
{
	const char *v;

	return (hf_field(l, "CRASH:", &v) && !*v) || (hf_field(l, "ORIG_FNAME: ", &v) && !honggfuzz(p));
}

/* SIGNAL: the type ClusterFuzz gives a sanitizer's report of the same
 * signal ("SEGV on unknown address" -> UNKNOWN, "ABRT on unknown address"
 * -> Abrt, FPE -> Floating-point-exception: SAN_SEGV_REGEX, SAN_ADDR_REGEX
 * with fix_sanitizer_crash_type, SAN_FPE_REGEX). */
static bool m_hf_signal(const struct parser *p, const char *l, struct hit *h)
{
	static const struct { const char *sig, *type; } map[] = {
		{"SIGSEGV", "UNKNOWN"}, {"SIGBUS", "Bus"}, {"SIGABRT", "Abrt"}, {"SIGILL", "Ill"},
		{"SIGFPE", "Floating-point-exception"}, {"SIGTRAP", "Trap"}, {"SIGSYS", "Sys"},
	};
	const char *v;

	if (!honggfuzz(p) || !hf_field(l, "SIGNAL: ", &v))
		return false;
	for (size_t i = 0; i < sizeof map / sizeof *map; i++)
		if (!strncmp(v, map[i].sig, strlen(map[i].sig)) && v[strlen(map[i].sig)] == ' ') {
			snprintf(h->text, sizeof h->text, "%s", map[i].type);
			return true;
		}
	snprintf(h->text, sizeof h->text, "Fatal-signal");
	return true;
}

static bool m_hf_fault(const struct parser *p, const char *l, struct hit *h)
{
	const char *v;

	return honggfuzz(p) && hf_field(l, "FAULT ADDRESS: ", &v) && nf_triage_hex_addr(v, h->addr, sizeof h->addr);
}

static bool m_hf_frame(const struct parser *p, const char *l, struct hit *h)
{
	const char *s = l, *b;

	if (!honggfuzz(p) || no_type(p))
		return false;
	while (*s == ' ')
		s++;
	if (*s != '<' || !(b = strstr(s, "> [")))
		return false;
	h->at = b + 3;
	return true;
}

static bool m_hf_end(const struct parser *p, const char *l, struct hit *h)
{
	return honggfuzz(p) && !no_type(p) && !strncmp(l, "=====", 5);
}

static enum next a_hf_end(struct parser *p, const char *l, const struct hit *h)
{
	p->c->ended = true;
	return LINE_DONE;
}

static enum next a_hf_start(struct parser *p, const char *l, const struct hit *h)
{
	snprintf(p->c->sanitizer, sizeof p->c->sanitizer, "honggfuzz");
	return LINE_DONE;
}

static enum next a_hf_signal(struct parser *p, const char *l, const struct hit *h)
{
	nf_triage_new_type(p, h->text);
	return LINE_DONE;
}

static enum next a_hf_fault(struct parser *p, const char *l, const struct hit *h)
{
	snprintf(p->c->address, sizeof p->c->address, "%s", h->addr);
	return LINE_DONE;
}

/* "func:F file:S line:N module:M]" or "F():N at MAP]" */
static enum next a_hf_frame(struct parser *p, const char *l, const struct hit *h)
{
	char func[512] = "", file[256] = "";
	int line = 0;
	const char *s = h->at, *f, *ln;

	if (!strncmp(s, "func:", 5)) {
		snprintf(func, sizeof func, "%.*s", (int)strcspn(s + 5, " ]"), s + 5);
		if ((f = strstr(s, " file:")) != NULL)
			snprintf(file, sizeof file, "%.*s", (int)strcspn(f + 6, " ]"), f + 6);
		if ((ln = strstr(s, " line:")) != NULL)
			line = atoi(ln + 6);
	} else if ((f = strstr(s, "():")) != NULL) {
		snprintf(func, sizeof func, "%.*s", (int)(f - s), s);
		line = atoi(f + 3);
	}
	if (func[0] && strcmp(func, "[UNKNOWN]"))
		nf_triage_push_frame(p, func, file, line);
	return LINE_DONE;
}

const struct line_rule nf_triage_hf_rules[NF_TRIAGE_HF_RULES] = {
	{"CRASH: | ORIG_FNAME: ... (honggfuzz report)", "honggfuzz linux/trace.c arch_traceGenerateReport",
	 m_hf_start, a_hf_start},
	{"SIGNAL: SIGSEGV (11)", "honggfuzz trace.c; type as ClusterFuzz types the sanitizer's report of "
	 "that signal (SAN_SEGV_REGEX, SAN_ADDR_REGEX)", m_hf_signal, a_hf_signal},
	{"FAULT ADDRESS: 0x0", "honggfuzz trace.c (the crash address: Null-dereference below 4096)",
	 m_hf_fault, a_hf_fault},
	{" <0x000055d1c0a0b1c2> [func:f file:f.c line:12 module:/out/t]",
	 "honggfuzz trace.c STACK lines; SAN_STACK_FRAME_REGEX's role", m_hf_frame, a_hf_frame},
	{"===================================================================== (after a honggfuzz report)",
	 "honggfuzz report.c report_Report: the rule closing a report", m_hf_end, a_hf_end},
};

bool nf_triage_hf_starts(const char *line)
{
	struct nf_crash none = {0};
	struct parser nop = {.c = &none};
	struct hit h = {0};

	return m_hf_start(&nop, line, &h);
}
