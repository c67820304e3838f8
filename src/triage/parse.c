/* Sanitizer and libFuzzer log parser: the crash type and state rules of
 * ClusterFuzz's StackParser (google/clusterfuzz src/clusterfuzz/stacktraces/
 * __init__.py), reimplemented line by line for the reports a Linux C/C++
 * build prints: ASan (every error kind, READ/WRITE and size), UBSan
 * (runtime error categories), MSan, LSan (Direct-leak/Indirect-leak), and
 * libFuzzer's deadly signal, timeout, out-of-memory, fuzz target exited and
 * overwrites-const-input.
 *
 * Unlike ClusterFuzz, which classifies a whole log as one crash, a log is
 * split into reports: a report starts at a sanitizer/libFuzzer error line
 * and ends at its "SUMMARY:" line, so a CI log holding several crashes gives
 * several results, in order. */
#include "kinds.h"
#include "parser.h"
#include "netfuzz/util.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void append_text(struct nf_crash *c, const char *line)
{
	size_t n = strlen(line);

	if (c->text_len + n + 2 > c->text_cap) {
		size_t cap = (c->text_cap + n + 2) * 2;
		char *t = realloc(c->text, cap);
		if (!t)
			return;
		c->text = t;
		c->text_cap = cap;
	}
	memcpy(c->text + c->text_len, line, n);
	c->text_len += n;
	c->text[c->text_len++] = '\n';
	c->text[c->text_len] = 0;
}

/* A stack overflow repeats: the state is the first cycle found in the
 * frames (update_crash_state_for_stack_overflow_if_needed). */
static void stack_overflow_cycle(struct parser *p)
{
	for (int start = 0; start < p->nraw; start++)
		for (int len = 1; len <= 10; len++) {
			if (start + 3 * len >= p->nraw)
				continue;
			bool same = true;
			for (int r = 1; r < 3 && same; r++)
				for (int k = 0; k < len && same; k++)
					same = !strcmp(p->raw[start + k], p->raw[start + r * len + k]);
			if (same) {
				p->c->frames = 0;
				for (int k = 0; k < len && k < NF_TRIAGE_STATE_FRAMES; k++)
					snprintf(p->frames[p->c->frames++], sizeof p->frames[0], "%s",
						 p->raw[start + k]);
				return;
			}
		}
}

static void finish(struct parser *p, const char *target)
{
	struct nf_crash *c = p->c;
	size_t o = 0;
	char line[NF_TRIAGE_LINE_CAP * 8];
	const char *ptype;
	const struct nf_crash_kind *kind;

	if (!strcmp(c->type, "Stack-overflow"))
		stack_overflow_cycle(p);
	c->state[0] = 0;
	for (int i = 0; i < c->frames; i++) {
		if (!strncmp(p->frames[i], "Bad-cast", 8)) /* kept whole, as ClusterFuzz does */
			snprintf(line, sizeof line, "%s", p->frames[i]);
		else
			nf_triage_normalise(p->frames[i], line, sizeof line);
		o += (size_t)snprintf(c->state + o, sizeof c->state - o, "%s%s", i ? "\n" : "", line);
		if (o >= sizeof c->state)
			break;
	}
	if (!c->type[0])
		snprintf(c->type, sizeof c->type, "UNKNOWN");
	if (!c->state[0])
		snprintf(c->state, sizeof c->state, "%s", target ? target : "NULL");
	if (target && (kind = nf_crash_kind(c->type)) && kind->state_is_target)
		snprintf(c->state, sizeof c->state, "%s", target);
	/* access sizes above 16 bytes are one bucket: "READ {*}" */
	ptype = c->type;
	while (*ptype && !isdigit((unsigned char)*ptype))
		ptype++;
	if (*ptype && ptype != c->type) {
		char *end;
		unsigned long v = strtoul(ptype, &end, 10);
		if (v > 16) {
			char rest[160];
			snprintf(rest, sizeof rest, "%s", end);
			snprintf(c->type + (ptype - c->type), sizeof c->type - (size_t)(ptype - c->type),
				 "{*}%s", rest);
		}
	}
	/* an unknown crash near address zero is a null dereference */
	if (!strncmp(c->type, "UNKNOWN", 7) && c->address[0] &&
	    strtoull(c->address, NULL, 16) < 0x1000) {
		char rest[160];
		snprintf(rest, sizeof rest, "%s", c->type + 7);
		snprintf(c->type, sizeof c->type, "Null-dereference%s", rest);
	}
	c->security = nf_triage_is_security(c);
	c->severity = nf_triage_severity(c);
	nf_triage_signature(c->type, c->state, c->signature);
	if ((kind = nf_crash_kind(c->type)) && kind->from_libfuzzer)
		snprintf(c->sanitizer, sizeof c->sanitizer, "libFuzzer");
}

/* The fuzz target named by a line outside the reports, as ClusterFuzz
 * knows it from FUZZ_TARGET: libFuzzer's "PATH: Running N inputs ..."
 * (replay), or a command line "PATH ARGS" whose PATH lies in a
 * libfuzzer-<sanitizer>/ build directory or whose ARGS hold a libFuzzer
 * flag (-runs=, -timeout=, -rss_limit_mb=, -max_total_time=,
 * -artifact_prefix=).  The name is PATH's base name, kept only if it is
 * a valid target name ([A-Za-z0-9_-]+, as OSS-Fuzz requires).  OUT gets
 * it; false if the line names none. */
static bool binary_target(const char *line, char *out, size_t outlen)
{
	static const char *const flags[] = {
		" -runs=", " -timeout=", " -rss_limit_mb=", " -max_total_time=", " -artifact_prefix=",
	};
	const char *s = line, *end, *base, *run;
	bool ok = false;

	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '+' && s[1] == ' ') /* a shell trace: "+ /out/dns -runs=100 x" */
		s += 2;
	end = s + strcspn(s, " \t");
	if (end == s || !memchr(s, '/', (size_t)(end - s)))
		return false;
	run = end[-1] == ':' ? end : NULL;
	if (run && !strncmp(run, " Running ", 9) && isdigit((unsigned char)run[9]) &&
	    strstr(run, " inputs")) {
		end--; /* "PATH:" */
		ok = true;
	}
	for (size_t i = 0; !ok && *end && i < sizeof flags / sizeof *flags; i++)
		ok = strstr(end, flags[i]) != NULL;
	base = end;
	while (base > s && base[-1] != '/')
		base--;
	if (!ok && base - s >= 11) { /* ".../libfuzzer-<sanitizer>/NAME" */
		const char *dir = base - 1;
		while (dir > s && dir[-1] != '/')
			dir--;
		ok = !strncmp(dir, "libfuzzer-", 10);
	}
	if (!ok || base == end || (size_t)(end - base) >= outlen)
		return false;
	for (const char *q = base; q < end; q++)
		if (!isalnum((unsigned char)*q) && *q != '_' && *q != '-')
			return false;
	snprintf(out, outlen, "%.*s", (int)(end - base), base);
	return true;
}

static void sanitizer_name(struct nf_crash *c, const char *line)
{
	static const char *const names[] = {
		"HWAddressSanitizer", "AddressSanitizer", "LeakSanitizer", "MemorySanitizer",
		"ThreadSanitizer", "UndefinedBehaviorSanitizer", "libFuzzer",
	};
	if (c->sanitizer[0])
		return;
	if (nf_triage_ubsan_error(line)) {
		snprintf(c->sanitizer, sizeof c->sanitizer, "UndefinedBehaviorSanitizer");
		return;
	}
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (strstr(line, names[i])) {
			snprintf(c->sanitizer, sizeof c->sanitizer, "%s", names[i]);
			return;
		}
}

/* Strip ANSI escape sequences, carriage returns and a CI timestamp prefix
 * ("2024-05-01T12:00:00.1234567Z ", GitHub Actions). */
static void clean_line(const char *in, size_t n, char *out, size_t outlen)
{
	size_t o = 0, i = 0;

	for (; i < n && o + 1 < outlen; i++) {
		if (in[i] == 0x1b) {
			if (i + 1 < n && in[i + 1] == '[') {
				i += 2;
				while (i < n && !(in[i] >= 0x40 && in[i] <= 0x7e))
					i++;
			} else {
				i++;
			}
			continue;
		}
		if (in[i] == '\r')
			continue;
		out[o++] = in[i] ? in[i] : ' '; /* a NUL inside a log is not its end */
	}
	out[o] = 0;
	if (o > 20 && isdigit((unsigned char)out[0]) && out[4] == '-' && out[7] == '-' &&
	    out[10] == 'T' && out[13] == ':') {
		char *z = strchr(out, 'Z');
		if (z && z - out < 40 && z[1] == ' ')
			memmove(out, z + 2, strlen(z + 2) + 1);
	}
}

/* The process id in a "==1234==ERROR: ..." line, 0 if there is none. */
static long line_pid(const char *line)
{
	const char *eq = strstr(line, "==");
	char *end;
	long pid;

	if (!eq || !isdigit((unsigned char)eq[2]))
		return 0;
	pid = strtol(eq + 2, &end, 10);
	return !strncmp(end, "==", 2) ? pid : 0;
}

static bool is_leak(const struct nf_crash *c, const char *type)
{
	return !strcmp(c->sanitizer, "LeakSanitizer") && !strcmp(c->type, type);
}

/* Move B's text onto the end of A's and release B. */
static void join_text(struct nf_crash *a, struct nf_crash *b)
{
	if (b->text)
		append_text(a, b->text);
	nf_crash_free(b);
}

/* LSan prints one report per process at exit, so a multi-process run (a
 * browser and its renderers, a forking server) leaves several in one log.
 * ClusterFuzz reads the whole log as one crash in which a direct leak
 * outranks indirect ones (StackParser.parse: LSAN_DIRECT_LEAK_REGEX resets
 * the state while the type is empty or Indirect-leak; LSAN_INDIRECT_LEAK_
 * REGEX only while it is empty).  An indirect leak is memory reachable only
 * from leaked blocks, a consequence rather than a bug of its own, so a
 * report holding only indirect leaks is folded into the leak report next
 * to it: into the following Direct-leak report (ClusterFuzz reads forward),
 * else the preceding one, else the Indirect-leak report before it.  Two
 * Direct-leak reports stay two results, like any two reports.  Returns the
 * new count. */
static size_t fold_indirect_leaks(struct nf_crash *out, size_t n)
{
	size_t w = 0;

	for (size_t i = 0; i < n; i++) {
		struct nf_crash *prev = w ? &out[w - 1] : NULL;

		if (is_leak(&out[i], "Indirect-leak") && i + 1 < n && is_leak(&out[i + 1], "Direct-leak")) {
			/* the direct one is kept; the log's order of text is too */
			join_text(&out[i], &out[i + 1]);
			char *text = out[i].text;
			size_t len = out[i].text_len, cap = out[i].text_cap;
			out[i] = out[i + 1];
			out[i].text = text;
			out[i].text_len = len;
			out[i].text_cap = cap;
			out[w++] = out[i];
			i++;
			continue;
		}
		if (is_leak(&out[i], "Indirect-leak") && prev &&
		    (is_leak(prev, "Direct-leak") || is_leak(prev, "Indirect-leak"))) {
			join_text(prev, &out[i]);
			continue;
		}
		out[w++] = out[i];
	}
	return w;
}

size_t nf_triage_parse_buf(const char *log, size_t size, const char *target, struct nf_crash *out,
			   size_t max)
{
	struct parser p = {0};
	size_t n = 0;
	char line[8192], named[128] = "", cur[128] = "";
	const char *tgt = target; /* --target, else the binary named in the log */
	const char *rtgt = NULL;  /* tgt when the current report began */

	for (size_t at = 0; at < size;) {
		const char *s = log + at, *nl = memchr(s, '\n', size - at);
		size_t len = nl ? (size_t)(nl - s) : size - at;
		char *dead;

		clean_line(s, len, line, sizeof line);
		at += len + (nl != NULL);
		/* "...textAddressSanitizer:DEADLYSIGNAL" glued to a line: split */
		dead = strstr(line, "Sanitizer:DEADLYSIGNAL");
		if (dead) {
			while (dead > line && isalpha((unsigned char)dead[-1]))
				dead--;
			*dead = 0;
		}
		if (binary_target(line, named, sizeof named)) {
			/* a process starts: whatever report was open is over
			 * (an assert's has no SUMMARY: line) */
			if (p.c)
				p.c->ended = true;
			if (!target)
				tgt = named;
		}
		if (nf_triage_starts_report(line)) {
			long pid = line_pid(line);
			/* a new report: the last one ended, or this one comes from
			 * another process (a truncated report has no SUMMARY:) */
			bool fresh = !p.c || p.c->ended || (pid && p.c->pid && pid != p.c->pid);

			/* Reports without a "==PID==" (a glibc assert, UBSan's
			 * runtime errors) can be told apart only by what follows:
			 * an assert's own report is the SIGABRT it raised, and a
			 * second runtime error is a second report. */
			if (p.c && !fresh && !p.c->pid && !strcmp(p.c->type, "ASSERT"))
				fresh = !nf_triage_abort_report(line);
			else if (p.c && !fresh && !p.c->pid && p.c->type[0] &&
				 !strcmp(p.c->sanitizer, "UndefinedBehaviorSanitizer"))
				fresh = true;

			if (fresh) {
				if (p.c)
					finish(&p, rtgt);
				rtgt = tgt ? (snprintf(cur, sizeof cur, "%s", tgt), cur) : NULL;
				p.c = NULL;
				if (n == max)
					break;
				memset(&out[n], 0, sizeof out[n]);
				memset(&p, 0, sizeof p);
				p.c = &out[n++];
			}
			if (!p.c->pid)
				p.c->pid = pid;
		}
		if (!p.c || p.c->ended)
			continue;
		append_text(p.c, line);
		sanitizer_name(p.c, line);
		nf_triage_parse_line(&p, line);
	}
	if (p.c)
		finish(&p, rtgt);
	return fold_indirect_leaks(out, n);
}

size_t nf_triage_parse(const char *log, const char *target, struct nf_crash *out, size_t max)
{
	return nf_triage_parse_buf(log, strlen(log), target, out, max);
}

void nf_crash_free(struct nf_crash *c)
{
	free(c->text);
	c->text = NULL;
	c->text_len = c->text_cap = 0;
}
