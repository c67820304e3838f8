/* The line rules: one row per report-line shape, each a matcher and an
 * action, tried in ClusterFuzz's order of checks (StackParser.parse in
 * google/clusterfuzz src/clusterfuzz/stacktraces/__init__.py; the regexes
 * are in stacktraces/constants.py).  A row's action either lets later rows
 * look at the same line (NEXT_ROW: ClusterFuzz's update_state_on_match
 * without `continue`) or ends the line (LINE_DONE: its `continue`).  A row
 * that only names the crash type carries the type as a column, no action.
 *
 * Rows cite the sanitizer source that prints the line (compiler-rt
 * lib/asan/asan_errors.cpp, lib/ubsan/ubsan_handlers.cpp, lib/lsan/
 * lsan_common.cpp, lib/sanitizer_common/sanitizer_common.cpp, libFuzzer
 * FuzzerLoop.cpp, honggfuzz linux/trace.c) and the ClusterFuzz constant
 * whose meaning the row reproduces. */
#include "parser.h"
#include "netfuzz/util.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NF_SOCK_DIVERGENCE "Socket-behaviour-divergence" /* src/sock/exec.c, docs/sockets.md */

static bool has(const char *s, const char *needle) { return strstr(s, needle) != NULL; }
static bool no_type(const struct parser *p) { return !p->c->type[0]; }
static bool type_is(const struct parser *p, const char *t) { return !strcmp(p->c->type, t); }

void nf_triage_reset(struct parser *p)
{
	p->c->address[0] = 0;
	p->c->frames = 0;
	p->c->file[0] = 0;
	p->c->line = 0;
	p->c->stop_frames = false;
	p->nraw = 0;
}

/* ClusterFuzz ranks Timeout above other types: a later line cannot demote it. */
void nf_triage_set_type(struct parser *p, const char *type)
{
	if (!strcmp(p->c->type, "Timeout") && strcmp(type, "Timeout"))
		return;
	snprintf(p->c->type, sizeof p->c->type, "%s", type);
}

void nf_triage_new_type(struct parser *p, const char *type)
{
	nf_triage_set_type(p, type);
	nf_triage_reset(p);
}

/* One state line that is the whole state (asserts, CHECKs, libraries). */
static void whole_state(struct parser *p, const char *s, size_t n)
{
	snprintf(p->frames[0], sizeof p->frames[0], "%.*s", (int)n, s);
	p->c->frames = 1;
}

/* "heap-buffer-overflow" -> "Heap-buffer-overflow": lower case, '_' to '-',
 * first letter capital (fix_sanitizer_crash_type). */
static void fix_type(char *t)
{
	for (char *q = t; *q; q++)
		*q = *q == '_' ? '-' : (char)tolower((unsigned char)*q);
	t[0] = (char)toupper((unsigned char)t[0]);
	if (strstr(t, "Int-divide-by-zero") == t)
		memmove(t, t + 4, strlen(t + 4) + 1);
}

/* "ERROR: libFuzzer: what" with any spacing after "ERROR:". */
bool nf_triage_libfuzzer_error(const char *line, const char *what)
{
	const char *e = strstr(line, "ERROR:");

	if (!e)
		return false;
	e += 6;
	while (*e == ' ')
		e++;
	if (strncmp(e, "libFuzzer:", 10))
		return false;
	e += 10;
	while (*e == ' ')
		e++;
	return !strncmp(e, what, strlen(what));
}

/* ": runtime error: " as UBSan prints it (ubsan_diag.cpp Diag::~Diag via
 * RenderLocation): after a source location "file:line[:col]", "<unknown>"
 * or a module location "(module+0xoff)".  Other runtimes print the same
 * words after something else (Go's "panic: runtime error: index out of
 * range"), and such a line in a log is not a UBSan report.  Returns where
 * ": runtime error: " begins, or NULL. */
const char *nf_triage_ubsan_error(const char *line)
{
	const char *m = strstr(line, ": runtime error: "), *tok, *q;

	if (!m)
		return NULL;
	tok = m;
	while (tok > line && tok[-1] != ' ' && tok[-1] != '\t')
		tok--;
	if (m - tok == 9 && !strncmp(tok, "<unknown>", 9))
		return m;
	if (m - tok >= 3 && *tok == '(' && m[-1] == ')')
		return m;
	q = m;
	while (q > tok && isdigit((unsigned char)q[-1]))
		q--;
	return q < m && q > tok && q[-1] == ':' ? m : NULL;
}

/* UBSan runtime error reasons -> ClusterFuzz types (UBSAN_CRASH_TYPES_MAP
 * in constants.py, in its order: specific first, the supersets
 * Invalid-enum-value and Integer-overflow, then Assumption-violation,
 * last).  `also` narrows a needle that is too wide on its own. */
static const char *ubsan_type(const char *reason)
{
	static const struct { const char *needle, *type, *also[2]; } map[] = {
		{"division by zero", "Divide-by-zero", {0}},
		{"outside the range of representable values", "Float-cast-overflow", {0}},
		{"implicit conversion from type", "Implicit-conversion", {0}},
		{"through pointer to incorrect function type", "Incorrect-function-pointer-type", {0}},
		{"out of bounds for type", "Index-out-of-bounds", {0}},
		{"not a valid value for type 'bool'", "Invalid-bool-value", {0}},
		{"not a valid value for type 'BOOL'", "Invalid-bool-value", {0}},
		{", which is not a valid argument", "Invalid-builtin-use", {0}},
		{"misaligned address", "Misaligned-address", {0}},
		{"reached the end of a value-returning function", "No-return-value", {0}},
		{"which is declared to never be null", "Invalid-null-argument", {0}},
		{"load of null pointer", "Null-dereference READ", {0}},
		{"binding to null pointer", "Null-dereference", {0}},
		{"access within null pointer", "Null-dereference", {0}},
		{"call on null pointer", "Null-dereference", {0}},
		{"store to null pointer", "Null-dereference WRITE", {0}},
		{"with insufficient space for an object of type", "Object-size", {0}},
		{"addition of unsigned offset ", "Pointer-overflow", {0}},
		{"subtraction of unsigned offset ", "Pointer-overflow", {0}},
		{"pointer index expression with base ", "Pointer-overflow", {0}},
		{"to null pointer", "Pointer-overflow", {"applying non-zero offset", "applying zero offset"}},
		{"null pointer returned from function declared to never return null", "Invalid-null-return", {0}},
		{"shift", "Undefined-shift", {0}},
		{"execution reached an unreachable program point", "Unreachable code", {0}},
		{"unsigned integer overflow", "Unsigned-integer-overflow", {0}},
		{"upcast of null pointer of type", "Upcast-of-null-pointer", {0}},
		{"variable length array bound evaluates to non-positive value", "Non-positive-vla-bound-value", {0}},
		{"not a valid value for type", "Invalid-enum-value", {0}},
		{"integer overflow", "Integer-overflow", {0}},
		{"cannot be represented in type", "Integer-overflow", {"negation of", "division of"}},
		{"assumption is violated during execution", "Assumption-violation", {0}},
	};
	for (size_t i = 0; i < sizeof map / sizeof *map; i++) {
		if (!strstr(reason, map[i].needle))
			continue;
		if (map[i].also[0] && !strstr(reason, map[i].also[0]) && !strstr(reason, map[i].also[1]))
			continue;
		return map[i].type;
	}
	return "UNKNOWN";
}

static const char *const oom_markers[] = { /* OUT_OF_MEMORY_REGEX's alternatives */
	"ERROR: AddressSanitizer failed to allocate", "ERROR: MemorySanitizer failed to allocate",
	"Out of memory. Dying.", "Out of memory. size=", "Sanitizer: allocation-size-too-big",
	"Sanitizer: calloc-overflow", "Sanitizer: calloc parameters overflow",
	"Sanitizer: out of memory", "allocator is out of memory trying to allocate",
	"libFuzzer: out-of-memory (", "rss limit exhausted",
};

static const char *const stop_markers[] = { /* STACK_FRAME_IGNORE... end markers */
	"Direct leak of", "Uninitialized value was stored to memory at", "allocated by thread",
	"created by main thread at", "located in stack of thread", "previously allocated by",
};

/* ------------------------------------------------------------ matchers */

static bool m_summary(const struct parser *p, const char *l, struct hit *h) { return has(l, "SUMMARY:"); }

static bool m_ignored(const struct parser *p, const char *l, struct hit *h)
{
	return has(l, "WARNING: AddressSanitizer") || has(l, "Sanitizer:DEADLYSIGNAL") || p->process_died;
}

static bool m_assert(const struct parser *p, const char *l, struct hit *h)
{
	const char *m = strstr(l, ": Assertion `"), *e;

	if (!m || !(e = strstr(m, "' failed")))
		return false;
	h->at = m + 13;
	h->len = (size_t)(e - h->at);
	return true;
}

static bool m_signal_after_assert(const struct parser *p, const char *l, struct hit *h)
{
	return (has(l, "Sanitizer: ABRT ") || has(l, "Sanitizer: ILL ") || has(l, "Sanitizer: TRAP ") ||
		has(l, "Sanitizer: breakpoint ")) && (type_is(p, "ASSERT") || type_is(p, NF_SOCK_DIVERGENCE));
}

/* src/sock/exec.c nf_sock_trap: "  state: sock-model OP RULE". */
static bool m_sock_state(const struct parser *p, const char *l, struct hit *h)
{
	if (strncmp(l, "  state: sock-model ", 20) != 0 || !l[20])
		return false;
	h->at = l + 20;
	h->len = strcspn(h->at, "\r\n");
	return true;
}

static bool m_msan_tsan(const struct parser *p, const char *l, struct hit *h)
{
	const char *san, *r;

	if (has(l, " suppressions") || has(l, " warnings"))
		return false;
	if (!(san = strstr(l, "MemorySanitizer:")) && !(san = strstr(l, "ThreadSanitizer:")))
		return false;
	r = strchr(san, ':') + 1;
	if (*r != ' ' && *r != '\t')
		return false;
	while (*r == ' ' || *r == '\t')
		r++;
	if (!strncmp(r, "ABRT", 4) || !strncmp(r, "ILL", 3))
		return false;
	snprintf(h->text, sizeof h->text, "%.*s", (int)strcspn(r, "(:"), r);
	return true;
}

static bool m_direct_leak(const struct parser *p, const char *l, struct hit *h)
{
	return (no_type(p) || type_is(p, "Indirect-leak")) && has(l, "Direct leak of ");
}

static bool m_indirect_leak(const struct parser *p, const char *l, struct hit *h)
{
	return no_type(p) && has(l, "Indirect leak of ");
}

static bool m_bad_cast(const struct parser *p, const char *l, struct hit *h)
{
	const char *m = nf_triage_ubsan_error(l);

	if (!no_type(p) || !m || !strstr(m, " of type ") ||
	    !(strstr(m, "member access within address") || strstr(m, "member call on address") ||
	      strstr(m, "downcast of address")))
		return false;
	h->at = strstr(m, " of type ") + 9;
	return true;
}

static bool m_bad_cast_note(const struct parser *p, const char *l, struct hit *h)
{
	if (!p->bad_cast_open)
		return false;
	if ((h->at = strstr(l, "note: object is of type ")) != NULL) {
		h->at += 24;
		return true;
	}
	return has(l, "note: object has invalid vptr");
}

static bool m_ubsan(const struct parser *p, const char *l, struct hit *h)
{
	return no_type(p) && (h->at = nf_triage_ubsan_error(l)) != NULL;
}

static bool m_memcpy_overlap(const struct parser *p, const char *l, struct hit *h)
{
	return has(l, "AddressSanitizer") && has(l, "memcpy-param-overlap");
}

/* "SEGV on unknown address HEX"; without an address, as ASan prints it
 * under honggfuzz ("SEGV on unknown address (pc ...)"), the line falls to
 * the generic ASan row: "Segv on unknown address". */
static bool m_segv(const struct parser *p, const char *l, struct hit *h)
{
	const char *m = strstr(l, "SEGV on unknown address ");

	return m && has(l, "Sanitizer") && isxdigit((unsigned char)m[24]) &&
	       nf_triage_hex_addr(m + 24, h->addr, sizeof h->addr);
}

static bool m_invalid_free(const struct parser *p, const char *l, struct hit *h)
{
	static const char shape[] = "AddressSanitizer: attempting free on address which was not malloc()-ed: ";
	const char *m = strstr(l, shape);

	if (m)
		nf_triage_hex_addr(m + sizeof shape - 1, h->addr, sizeof h->addr);
	return m != NULL;
}

static bool m_double_free(const struct parser *p, const char *l, struct hit *h)
{
	const char *m = strstr(l, "double-free on "), *a;

	if (!m || !has(l, "AddressSanitizer"))
		return false;
	a = m + 15;
	if (!strncmp(a, "unknown address ", 16))
		a += 16;
	else if (!strncmp(a, "address ", 8))
		a += 8;
	nf_triage_hex_addr(a, h->addr, sizeof h->addr);
	return true;
}

static bool m_fpe(const struct parser *p, const char *l, struct hit *h) { return has(l, "Sanitizer: FPE "); }

/* SAN_ADDR_REGEX ".*(ERROR: XSanitizer)[: ]*(.*) on (unknown address |
 * address |)(hex)" with a greedy (.*): the last " on " before an address. */
static bool m_san_addr(const struct parser *p, const char *l, struct hit *h)
{
	const char *e = strstr(l, "ERROR: "), *s, *on = NULL;

	if (!e)
		return false;
	s = e + 7;
	while (isalpha((unsigned char)*s))
		s++;
	if (s - e < 7 + 9 || strncmp(s - 9, "Sanitizer", 9))
		return false;
	while (*s == ':' || *s == ' ')
		s++;
	for (const char *q = s; (q = strstr(q, " on ")) != NULL; q++) {
		const char *a = q + 4;
		char tmp[40];

		if (!strncmp(a, "unknown address ", 16))
			a += 16;
		else if (!strncmp(a, "address ", 8))
			a += 8;
		if (nf_triage_hex_addr(a, tmp, sizeof tmp)) {
			on = q;
			snprintf(h->addr, sizeof h->addr, "%s", tmp);
		}
	}
	if (!on)
		return false;
	snprintf(h->text, sizeof h->text, "%.*s", (int)(on - s), s);
	return true;
}

static bool m_unknown_crash(const struct parser *p, const char *l, struct hit *h)
{
	return type_is(p, "Unknown-crash");
}

static bool m_segv_kind(const struct parser *p, const char *l, struct hit *h)
{
	const char *m = strstr(l, "The signal is caused by a ");

	if (!m || !type_is(p, "UNKNOWN"))
		return false;
	if (!strncmp(m + 26, "READ memory access", 18))
		snprintf(h->text, sizeof h->text, "UNKNOWN READ");
	else if (!strncmp(m + 26, "WRITE memory access", 19))
		snprintf(h->text, sizeof h->text, "UNKNOWN WRITE");
	else
		return false;
	return true;
}

/* SAN_CRASH_TYPE_ADDRESS_REGEX "[ ]*([^ ]*|Atomic [^ ]*) of size ([^ ]*) at
 * ([^ ]*)", applied only to a sized, not yet sized, non-UNKNOWN type. */
static bool m_access(const struct parser *p, const char *l, struct hit *h)
{
	const char *s = l, *of, *at;
	size_t word;
	char kind[32], size[32];

	while (*s == ' ')
		s++;
	of = strstr(s, " of size ");
	word = strncmp(s, "Atomic ", 7) ? strcspn(s, " ") : 7 + strcspn(s + 7, " ");
	if (!of || (size_t)(of - s) != word || word == 0 || !(at = strstr(of + 9, " at ")) || no_type(p) ||
	    !strncmp(p->c->type, "UNKNOWN", 7) || strchr(p->c->type, '\n'))
		return false;
	snprintf(kind, sizeof kind, "%.*s", (int)(of - s), s);
	for (char *q = kind; *q; q++) /* READ, WRITE, ATOMIC WRITE */
		*q = (char)toupper((unsigned char)*q);
	snprintf(size, sizeof size, "%.*s", (int)strcspn(of + 9, " "), of + 9);
	snprintf(h->text, sizeof h->text, "%s %s", kind, size);
	nf_triage_hex_addr(at + 4, h->addr, sizeof h->addr);
	return true;
}

static bool m_missing_library(const struct parser *p, const char *l, struct hit *h)
{
	const char *m = strstr(l, "error while loading shared libraries: ");

	if (!m || !strstr(m, ": cannot open shared object file"))
		return false;
	h->at = m + 38;
	return true;
}

static bool m_check_failed(const struct parser *p, const char *l, struct hit *h)
{
	const char *m = strstr(l, "Sanitizer CHECK failed:");

	if (!m)
		return false;
	m += 23;
	while (*m == ' ')
		m++;
	h->at = m + strcspn(m, " ");
	return true;
}

static bool m_timeout(const struct parser *p, const char *l, struct hit *h)
{
	return nf_triage_libfuzzer_error(l, "timeout");
}

static bool m_oom(const struct parser *p, const char *l, struct hit *h)
{
	const char *r;

	for (size_t i = 0; i < sizeof oom_markers / sizeof *oom_markers; i++)
		if (has(l, oom_markers[i]))
			return true;
	r = strstr(l, "Sanitizer: requested allocation size");
	return r && strstr(r, "exceeds maximum supported size");
}

/* ASAN_REGEX: a generic ASan/HWASan error without an address. */
static bool m_asan_generic(const struct parser *p, const char *l, struct hit *h)
{
	const char *e = strstr(l, "ERROR: HWAddressSanitizer");
	size_t skip = 25;

	if (!no_type(p))
		return false;
	if (!e) {
		e = strstr(l, "ERROR: AddressSanitizer");
		skip = 23;
	}
	if (!e)
		return false;
	e += skip;
	while (*e == ':' || *e == ' ')
		e++;
	snprintf(h->text, sizeof h->text, "%.*s", (int)strcspn(e, "(:;"), e);
	nf_trim(h->text);
	return h->text[0] != 0;
}

static bool m_deadly_signal(const struct parser *p, const char *l, struct hit *h)
{
	return no_type(p) && nf_triage_libfuzzer_error(l, "deadly signal");
}

static bool m_target_exited(const struct parser *p, const char *l, struct hit *h)
{
	return no_type(p) && nf_triage_libfuzzer_error(l, "fuzz target exited");
}

static bool m_const_input(const struct parser *p, const char *l, struct hit *h)
{
	return no_type(p) && nf_triage_libfuzzer_error(l, "fuzz target overwrites its const input");
}

static bool m_stop_marker(const struct parser *p, const char *l, struct hit *h)
{
	if (p->c->frames <= 0)
		return false;
	for (size_t i = 0; i < sizeof stop_markers / sizeof *stop_markers; i++)
		if (has(l, stop_markers[i]))
			return true;
	return false;
}

static bool m_frame(const struct parser *p, const char *l, struct hit *h) { return !no_type(p); }

/* ------------------------------------------------------------ actions */

static enum next a_end(struct parser *p, const char *l, const struct hit *h)
{
	p->c->ended = true;
	return LINE_DONE;
}

static enum next a_skip(struct parser *p, const char *l, const struct hit *h) { return LINE_DONE; }

static enum next a_assert(struct parser *p, const char *l, const struct hit *h)
{
	nf_triage_new_type(p, "ASSERT");
	whole_state(p, h->at, h->len);
	p->c->stop_frames = true;
	return LINE_DONE;
}

/* One group per quirk: the op and the model's rule that diverged. */
static enum next a_sock_state(struct parser *p, const char *l, const struct hit *h)
{
	nf_triage_new_type(p, NF_SOCK_DIVERGENCE);
	whole_state(p, h->at, h->len);
	p->c->stop_frames = true;
	return LINE_DONE;
}

static enum next a_msan_tsan(struct parser *p, const char *l, const struct hit *h)
{
	char t[256];

	snprintf(t, sizeof t, "%s", h->text);
	nf_trim(t);
	for (char *q = t; *q; q++) /* str.capitalize() */
		*q = (char)tolower((unsigned char)*q);
	t[0] = (char)toupper((unsigned char)t[0]);
	nf_triage_new_type(p, t);
	return NEXT_ROW;
}

static void drop_quotes(char *s)
{
	char *q;

	while ((q = strchr(s, '\'')) != NULL)
		memmove(q, q + 1, strlen(q));
}

static enum next a_bad_cast(struct parser *p, const char *l, const struct hit *h)
{
	nf_triage_new_type(p, "Bad-cast");
	snprintf(p->frames[0], sizeof p->frames[0], "Bad-cast to %s", h->at);
	drop_quotes(p->frames[0]);
	p->c->frames = 1;
	p->bad_cast_open = true;
	return LINE_DONE;
}

static enum next a_bad_cast_note(struct parser *p, const char *l, const struct hit *h)
{
	size_t n = strlen(p->frames[0]);

	snprintf(p->frames[0] + n, sizeof p->frames[0] - n, " from %s", h->at ? h->at : "invalid vptr");
	if (h->at) {
		drop_quotes(p->frames[0]);
		nf_trim(p->frames[0]);
	}
	p->bad_cast_open = false;
	return NEXT_ROW;
}

static enum next a_ubsan(struct parser *p, const char *l, const struct hit *h)
{
	nf_triage_new_type(p, ubsan_type(h->at + 17));
	return LINE_DONE;
}

/* new_type with the address the matcher captured */
static void typed_at(struct parser *p, const char *type, const struct hit *h)
{
	nf_triage_new_type(p, type);
	snprintf(p->c->address, sizeof p->c->address, "%s", h->addr);
}

static enum next a_segv(struct parser *p, const char *l, const struct hit *h)
{
	typed_at(p, "UNKNOWN", h);
	return LINE_DONE;
}

static enum next a_invalid_free(struct parser *p, const char *l, const struct hit *h)
{
	typed_at(p, "Invalid-free", h);
	return LINE_DONE;
}

static enum next a_double_free(struct parser *p, const char *l, const struct hit *h)
{
	typed_at(p, "Heap-double-free", h);
	return LINE_DONE;
}

static enum next a_san_addr(struct parser *p, const char *l, const struct hit *h)
{
	char t[256];

	snprintf(t, sizeof t, "%s", h->text);
	fix_type(t);
	typed_at(p, t, h);
	return NEXT_ROW;
}

static enum next a_unknown(struct parser *p, const char *l, const struct hit *h)
{
	nf_triage_set_type(p, "UNKNOWN");
	return NEXT_ROW;
}

static enum next a_set_text_type(struct parser *p, const char *l, const struct hit *h)
{
	nf_triage_set_type(p, h->text);
	return NEXT_ROW;
}

static enum next a_access(struct parser *p, const char *l, const struct hit *h)
{
	size_t n = strlen(p->c->type);

	snprintf(p->c->type + n, sizeof p->c->type - n, "\n%s", h->text);
	snprintf(p->c->address, sizeof p->c->address, "%s", h->addr);
	return NEXT_ROW;
}

static enum next a_missing_library(struct parser *p, const char *l, const struct hit *h)
{
	nf_triage_new_type(p, "Missing-library");
	whole_state(p, h->at, strcspn(h->at, ":"));
	p->c->stop_frames = true;
	p->c->ended = true; /* a one-line report: the process never started */
	return LINE_DONE;
}

static enum next a_check_failed(struct parser *p, const char *l, const struct hit *h)
{
	nf_triage_new_type(p, "Sanitizer CHECK failure");
	whole_state(p, h->at, strlen(h->at));
	nf_trim(p->frames[0]);
	p->process_died = true;
	return LINE_DONE;
}

static enum next a_asan_generic(struct parser *p, const char *l, const struct hit *h)
{
	char t[256];

	snprintf(t, sizeof t, "%s", h->text);
	fix_type(t);
	nf_triage_new_type(p, t);
	return NEXT_ROW;
}

static enum next a_stop_frames(struct parser *p, const char *l, const struct hit *h)
{
	p->c->stop_frames = true;
	return LINE_DONE;
}

static enum next a_frame(struct parser *p, const char *l, const struct hit *h)
{
	nf_triage_add_frame(p, l);
	return LINE_DONE;
}

/* ------------------------------------------------------------ the table */

static const struct line_rule san_rules[] = {
	{"SUMMARY: <tool>: <type> ...",
	 "sanitizer_common.cpp ReportErrorSummary; the end of a report", m_summary, a_end},
	{"WARNING: AddressSanitizer ... | <X>Sanitizer:DEADLYSIGNAL | any line after a CHECK failure",
	 "ClusterFuzz should_ignore_line_for_crash_processing, SAN_DEADLYSIGNAL_REGEX; process_died",
	 m_ignored, a_skip},
	{"prog: file.c:12: func: Assertion `x' failed.",
	 "glibc assert.c __assert_fail; ASSERT_REGEX_GLIBC (the assertion is the state)", m_assert, a_assert},
	{"  state: sock-model OP RULE (after 'netfuzz oracle sock-model: divergence')",
	 "src/sock/exec.c nf_sock_trap (issue 23): type Socket-behaviour-divergence, the op and rule are the state",
	 m_sock_state, a_sock_state},
	{"==N==ERROR: XSanitizer: ABRT|ILL|TRAP|breakpoint ... after an assert or a socket divergence",
	 "IGNORE_CRASH_TYPES_FOR_ABRT_BREAKPOINT_AND_ILLS", m_signal_after_assert, a_skip},
	{"==N==WARNING: MemorySanitizer: use-of-uninitialized-value",
	 "msan_report.cpp ReportUMR; MSAN_TSAN_REGEX, type capitalised", m_msan_tsan, a_msan_tsan},
	{"Direct leak of N byte(s) in M object(s) allocated from:",
	 "lsan_common.cpp LeakReport::PrintReportForLeak; LSAN_DIRECT_LEAK_REGEX (outranks indirect)",
	 m_direct_leak, NULL, "Direct-leak", LINE_DONE},
	{"Indirect leak of N byte(s) ...", "LSAN_INDIRECT_LEAK_REGEX (only with no direct leak)",
	 m_indirect_leak, NULL, "Indirect-leak", LINE_DONE},
	{"f.cc:1:2: runtime error: member access within address A which does not point to an object of type 'T'",
	 "ubsan_handlers_cxx.cpp HandleDynamicTypeCacheMiss; UBSAN_VPTR_REGEX -> Bad-cast to T",
	 m_bad_cast, a_bad_cast},
	{"note: object is of type 'U' | note: object has invalid vptr",
	 "UBSAN_VPTR_INVALID_DOWNCAST_REGEX, UBSAN_VPTR_INVALID_VPTR_REGEX", m_bad_cast_note, a_bad_cast_note},
	{"f.c:1:2: runtime error: <reason>",
	 "ubsan_diag.cpp Diag; UBSAN_RUNTIME_ERROR_REGEX + UBSAN_CRASH_TYPES_MAP", m_ubsan, a_ubsan},
	{"ERROR: AddressSanitizer: memcpy-param-overlap: ...",
	 "asan_errors.cpp ErrorParamOverlap; ASAN_MEMCPY_OVERLAP_REGEX", m_memcpy_overlap, NULL,
	 "Memcpy-param-overlap", LINE_DONE},
	{"ERROR: XSanitizer: SEGV on unknown address 0x... (pc ...)",
	 "asan_errors.cpp ErrorDeadlySignal; SAN_SEGV_REGEX -> UNKNOWN", m_segv, a_segv},
	{"ERROR: AddressSanitizer: attempting free on address which was not malloc()-ed: 0x...",
	 "asan_errors.cpp ErrorFreeNotMalloced; ASAN_INVALID_FREE_REGEX", m_invalid_free, a_invalid_free},
	{"ERROR: AddressSanitizer: attempting double-free on 0x...",
	 "asan_errors.cpp ErrorDoubleFree; ASAN_DOUBLE_FREE_REGEX", m_double_free, a_double_free},
	{"ERROR: XSanitizer: FPE on unknown address ...", "SAN_FPE_REGEX", m_fpe, NULL, "Floating-point-exception",
	 LINE_DONE},
	{"ERROR: XSanitizer: <type> on address 0x... at pc ...",
	 "asan_errors.cpp ErrorGeneric; SAN_ADDR_REGEX + fix_sanitizer_crash_type", m_san_addr, a_san_addr},
	{"(type Unknown-crash from the row above)", "'Unknown-crash' is reported as UNKNOWN",
	 m_unknown_crash, a_unknown},
	{"The signal is caused by a READ|WRITE memory access.",
	 "sanitizer_common ReportDeadlySignal; SAN_SEGV_CRASH_TYPE_REGEX", m_segv_kind, a_set_text_type},
	{"READ of size 4 at 0x... thread T0",
	 "asan_errors.cpp ErrorGeneric::Print; SAN_CRASH_TYPE_ADDRESS_REGEX", m_access, a_access},
	{"prog: error while loading shared libraries: libx.so: cannot open shared object file",
	 "glibc ld.so; LIBRARY_NOT_FOUND_LINUX_REGEX (the library is the state)",
	 m_missing_library, a_missing_library},
	{"XSanitizer CHECK failed: file.cpp:12 \"((cond))\" (0x0, 0x0)",
	 "sanitizer_termination.cpp CheckFailed; SAN_CHECK_FAILURE_REGEX", m_check_failed, a_check_failed},
	{"==N== ERROR: libFuzzer: timeout after N seconds",
	 "FuzzerLoop.cpp Fuzzer::AlarmCallback; LIBFUZZER_TIMEOUT_REGEX", m_timeout, NULL, "Timeout", NEXT_ROW},
	{"... out-of-memory / failed to allocate / allocation-size-too-big ...",
	 "FuzzerLoop.cpp RssLimitCallback, asan_errors.cpp ErrorAllocationSizeTooBig...; OUT_OF_MEMORY_REGEX",
	 m_oom, NULL, "Out-of-memory", NEXT_ROW},
	{"ERROR: AddressSanitizer: <type> (no address)", "ASAN_REGEX (only while untyped)",
	 m_asan_generic, a_asan_generic},
	{"==N== ERROR: libFuzzer: deadly signal", "FuzzerLoop.cpp CrashCallback; Fatal-signal",
	 m_deadly_signal, NULL, "Fatal-signal", NEXT_ROW},
	{"==N== ERROR: libFuzzer: fuzz target exited", "FuzzerLoop.cpp ExitCallback; Unexpected-exit",
	 m_target_exited, NULL, "Unexpected-exit", NEXT_ROW},
	{"==N== ERROR: libFuzzer: fuzz target overwrites its const input",
	 "FuzzerLoop.cpp CrashOnOverwrittenData; Overwrites-const-input", m_const_input, NULL,
	 "Overwrites-const-input", NEXT_ROW},
};

/* after honggfuzz.c's rows: the end of the useful stack, then frames */
static const struct line_rule stack_rules[] = {
	{"allocated by thread T0 here: | previously allocated by ... | Direct leak of ...",
	 "the stack that caused the crash has ended (StackParser stop markers)", m_stop_marker, a_stop_frames},
	{"    #0 0x4f5a2b in func file.c:12:3",
	 "sanitizer_stacktrace_printer.cpp RenderFrame; SAN_STACK_FRAME_REGEX", m_frame, a_frame},
};

/* The rows in order: sanitizer and libFuzzer lines, honggfuzz's report
 * lines (honggfuzz.c), then the stack. */
void nf_triage_parse_line(struct parser *p, const char *line)
{
	static const struct { const struct line_rule *rows; size_t n; } sections[] = {
		{san_rules, sizeof san_rules / sizeof *san_rules},
		{nf_triage_hf_rules, NF_TRIAGE_HF_RULES},
		{stack_rules, sizeof stack_rules / sizeof *stack_rules},
	};
	for (size_t s = 0; s < sizeof sections / sizeof *sections; s++)
		for (size_t i = 0; i < sections[s].n; i++) {
			const struct line_rule *r = &sections[s].rows[i];
			struct hit h = {0};

			if (!r->match(p, line, &h))
				continue;
			if (r->type)
				nf_triage_new_type(p, r->type);
			if ((r->type ? r->then : r->act(p, line, &h)) == LINE_DONE)
				return;
		}
}

bool nf_triage_abort_report(const char *line)
{
	return has(line, "Sanitizer: ABRT ") || has(line, "Sanitizer: ILL ") || has(line, "Sanitizer: TRAP ") ||
	       has(line, "Sanitizer: breakpoint ") || nf_triage_libfuzzer_error(line, "deadly signal");
}

/* Is this line the first line of a report? */
bool nf_triage_starts_report(const char *line)
{
	static const char *const starts[] = {
		"ERROR: AddressSanitizer", "ERROR: HWAddressSanitizer", "ERROR: LeakSanitizer",
		"WARNING: MemorySanitizer:", "ERROR: MemorySanitizer:", "WARNING: ThreadSanitizer:",
		"ERROR: UndefinedBehaviorSanitizer",
	};
	struct hit h = {0};
	struct nf_crash none = {0};
	struct parser nop = {.c = &none};

	for (size_t i = 0; i < sizeof starts / sizeof *starts; i++)
		if (strstr(line, starts[i]))
			return true;
	if (nf_triage_ubsan_error(line))
		return true;
	if (m_assert(&nop, line, &h) || m_missing_library(&nop, line, &h) || nf_triage_hf_starts(line))
		return true; /* glibc assert(), before the signal report; ld.so; honggfuzz */
	if (strstr(line, "netfuzz oracle sock-model: divergence"))
		return true; /* src/sock/exec.c, before the trap's signal report */
	return nf_triage_libfuzzer_error(line, "") && !strstr(line, "SUMMARY:");
}
