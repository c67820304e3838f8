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
#include "netfuzz/triage.h"
#include "netfuzz/util.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RAW_FRAMES 64 /* frames kept for stack-overflow cycle detection */

struct parser {
	struct nf_crash *c;
	char frames[NF_TRIAGE_STATE_FRAMES][NF_TRIAGE_LINE_CAP * 4];
	char raw[RAW_FRAMES][NF_TRIAGE_LINE_CAP + 1];
	int nraw;
	bool process_died, bad_cast_open;
};

static bool contains(const char *s, const char *needle) { return strstr(s, needle) != NULL; }

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

static void reset(struct parser *p)
{
	p->c->address[0] = 0;
	p->c->frames = 0;
	p->c->file[0] = 0;
	p->c->line = 0;
	p->c->stop_frames = false;
	p->nraw = 0;
}

/* ClusterFuzz ranks Timeout above other types: a later line cannot demote it. */
static void set_type(struct parser *p, const char *type)
{
	if (!strcmp(p->c->type, "Timeout") && strcmp(type, "Timeout"))
		return;
	snprintf(p->c->type, sizeof p->c->type, "%s", type);
}

/* "heap-buffer-overflow" -> "Heap-buffer-overflow": lower case, '_' to '-',
 * first letter capital (fix_sanitizer_crash_type). */
static void fix_type(char *t)
{
	char *dz;

	for (char *q = t; *q; q++)
		*q = *q == '_' ? '-' : (char)tolower((unsigned char)*q);
	t[0] = (char)toupper((unsigned char)t[0]);
	dz = strstr(t, "Int-divide-by-zero");
	if (dz == t)
		memmove(t, t + 4, strlen(t + 4) + 1);
}

static bool is_hex_addr(const char *s, char *out, size_t outlen)
{
	size_t n = 0;

	while (isxdigit((unsigned char)s[n]) || s[n] == 'x' || s[n] == 'X')
		n++;
	if (n == 0)
		return false;
	snprintf(out, outlen, "%.*s", (int)n, s);
	return true;
}

/* ".*(ERROR: XSanitizer)[: ]*(.*) on (unknown address |address |)(hex)"
 * with a greedy (.*): the last " on " followed by an address. */
static bool san_addr(const char *line, char *type, size_t tlen, char *addr, size_t alen)
{
	const char *e = strstr(line, "ERROR: "), *s, *on = NULL;

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
		if (is_hex_addr(a, tmp, sizeof tmp)) {
			on = q;
			snprintf(addr, alen, "%s", tmp);
		}
	}
	if (!on)
		return false;
	snprintf(type, tlen, "%.*s", (int)(on - s), s);
	return true;
}

/* UBSan runtime error reasons -> ClusterFuzz types (UBSAN_CRASH_TYPES_MAP
 * in src/clusterfuzz/stacktraces/constants.py, in its order: specific
 * first, the supersets Invalid-enum-value and Integer-overflow, then
 * Assumption-violation, last). */
static const char *ubsan_type(const char *reason)
{
	static const struct { const char *needle, *type; } map[] = {
		{"division by zero", "Divide-by-zero"},
		{"outside the range of representable values", "Float-cast-overflow"},
		{"implicit conversion from type", "Implicit-conversion"},
		{"through pointer to incorrect function type", "Incorrect-function-pointer-type"},
		{"out of bounds for type", "Index-out-of-bounds"},
		{"not a valid value for type 'bool'", "Invalid-bool-value"},
		{"not a valid value for type 'BOOL'", "Invalid-bool-value"},
		{", which is not a valid argument", "Invalid-builtin-use"},
		{"misaligned address", "Misaligned-address"},
		{"reached the end of a value-returning function", "No-return-value"},
		{"which is declared to never be null", "Invalid-null-argument"},
		{"load of null pointer", "Null-dereference READ"},
		{"binding to null pointer", "Null-dereference"},
		{"access within null pointer", "Null-dereference"},
		{"call on null pointer", "Null-dereference"},
		{"store to null pointer", "Null-dereference WRITE"},
		{"with insufficient space for an object of type", "Object-size"},
		{"addition of unsigned offset ", "Pointer-overflow"},
		{"subtraction of unsigned offset ", "Pointer-overflow"},
		{"pointer index expression with base ", "Pointer-overflow"},
		{"to null pointer", "Pointer-overflow"}, /* applying (non-)zero offset ... */
		{"null pointer returned from function declared to never return null", "Invalid-null-return"},
		{"shift", "Undefined-shift"},
		{"execution reached an unreachable program point", "Unreachable code"},
		{"unsigned integer overflow", "Unsigned-integer-overflow"},
		{"upcast of null pointer of type", "Upcast-of-null-pointer"},
		{"variable length array bound evaluates to non-positive value", "Non-positive-vla-bound-value"},
		{"not a valid value for type", "Invalid-enum-value"},
		{"integer overflow", "Integer-overflow"},
		{"cannot be represented in type", "Integer-overflow"}, /* negation/division of */
		{"assumption is violated during execution", "Assumption-violation"},
	};
	for (size_t i = 0; i < sizeof map / sizeof *map; i++)
		if (strstr(reason, map[i].needle)) {
			if (!strcmp(map[i].needle, "cannot be represented in type") &&
			    !strstr(reason, "negation of") && !strstr(reason, "division of"))
				continue;
			if (!strcmp(map[i].needle, "to null pointer") &&
			    !strstr(reason, "applying non-zero offset") && !strstr(reason, "applying zero offset"))
				continue;
			return map[i].type;
		}
	return "UNKNOWN";
}

static const char *const oom_markers[] = {
	"ERROR: AddressSanitizer failed to allocate", "ERROR: MemorySanitizer failed to allocate",
	"Out of memory. Dying.", "Out of memory. size=", "Sanitizer: allocation-size-too-big",
	"Sanitizer: calloc-overflow", "Sanitizer: calloc parameters overflow",
	"Sanitizer: out of memory", "allocator is out of memory trying to allocate",
	"libFuzzer: out-of-memory (", "rss limit exhausted",
};

static bool is_oom(const char *line)
{
	const char *r;

	for (size_t i = 0; i < sizeof oom_markers / sizeof *oom_markers; i++)
		if (contains(line, oom_markers[i]))
			return true;
	r = strstr(line, "Sanitizer: requested allocation size");
	return r && strstr(r, "exceeds maximum supported size");
}

/* "ERROR: libFuzzer: what" with any spacing after "ERROR:". */
static bool libfuzzer_error(const char *line, const char *what)
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

/* Normalise a state line (filter_addresses_and_numbers): drop a trailing
 * "+0x..." offset, hex of 4+ digits -> ADDRESS, runs of 4+ digits/dots not
 * preceded by [:0-9.] nor followed by [A-Za-z0-9.] -> NUMBER; keep
 * printable characters; cap the length. */
static void normalise(const char *in, char *out, size_t outlen)
{
	char tmp[NF_TRIAGE_LINE_CAP * 8];
	size_t n = 0, o = 0;
	const char *plus;

	snprintf(tmp, sizeof tmp, "%s", in);
	plus = strrchr(tmp, '+');
	if (plus && plus[1] == '0' && (plus[2] == 'x' || plus[2] == 'X')) {
		const char *q = plus + 3;
		while (isxdigit((unsigned char)*q))
			q++;
		if (!*q)
			tmp[plus - tmp] = 0;
	}
	n = strlen(tmp);
	for (size_t i = 0; i < n && o + 8 < outlen;) {
		char ch = tmp[i];
		char prev = i ? tmp[i - 1] : ' ';

		if (ch == '0' && (tmp[i + 1] == 'x' || tmp[i + 1] == 'X')) {
			size_t j = i + 2;
			while (isxdigit((unsigned char)tmp[j]))
				j++;
			while (tmp[j] == 'U')
				j++;
			if (j - i - 2 >= 4) {
				o += (size_t)snprintf(out + o, outlen - o, "ADDRESS");
				i = j;
				continue;
			}
		}
		if ((isdigit((unsigned char)ch) || ch == '.') && !strchr(":0123456789.", prev)) {
			size_t j = i;
			while (isdigit((unsigned char)tmp[j]) || tmp[j] == '.')
				j++;
			if ((j - i >= 4 || ((prev == '@' || prev == '#') && isdigit((unsigned char)ch))) &&
			    !isalnum((unsigned char)tmp[j]) && tmp[j] != '.') {
				bool digits = false;
				for (size_t k = i; k < j; k++)
					digits |= isdigit((unsigned char)tmp[k]) != 0;
				if (digits) {
					o += (size_t)snprintf(out + o, outlen - o, "NUMBER");
					i = j;
					continue;
				}
			}
		}
		if (isprint((unsigned char)ch))
			out[o++] = ch;
		i++;
	}
	out[o] = 0;
	if (strlen(out) > NF_TRIAGE_LINE_CAP)
		out[NF_TRIAGE_LINE_CAP] = 0;
}

/* _filter_stack_frame: drop anonymous namespaces and thunk prefixes, then
 * cut at the first '(' or '[' (argument lists), else at the first space. */
static void filter_name(const char *func, char *out, size_t outlen)
{
	char buf[1024], *q;
	static const char *const drop[] = {"non-virtual thunk to ", "(anonymous namespace)::",
					   "`anonymous namespace'::"};
	size_t cut;

	snprintf(buf, sizeof buf, "%s", func);
	for (size_t i = 0; i < 3; i++)
		while ((q = strstr(buf, drop[i])) != NULL)
			memmove(q, q + strlen(drop[i]), strlen(q + strlen(drop[i])) + 1);
	if ((q = strrchr(buf, '!')) != NULL)
		memmove(buf, q + 1, strlen(q + 1) + 1);
	cut = strcspn(buf, "([");
	if (cut > 0 && buf[cut])
		buf[cut] = 0;
	else
		buf[strcspn(buf, " ")] = 0;
	nf_trim(buf);
	snprintf(out, outlen, "%s", buf);
}

/* A sanitizer stack frame "#N 0xADDR in FUNC LOCATION" (LOCATION:
 * file:line[:col] or (module+0xoff)), "#N 0xADDR in FUNC", or
 * "#N 0xADDR (module+0xoff)" when unsymbolized. */
static bool add_frame(struct parser *p, const char *line)
{
	const char *s = line, *rest;
	char body[1024], func[1024], loc[512] = "", name[1024], *sp, *bid;
	bool module_only = false;

	while (*s == ' ' || *s == '\t')
		s++;
	if (*s != '#' || !isdigit((unsigned char)s[1]))
		return false;
	s++;
	while (isdigit((unsigned char)*s))
		s++;
	if (*s != ' ' && *s != '\t')
		return false;
	while (*s == ' ' || *s == '\t')
		s++;
	if (!isxdigit((unsigned char)*s))
		return false;
	while (isxdigit((unsigned char)*s) || *s == 'x' || *s == 'X')
		s++;
	while (*s == ' ' || *s == '\t')
		s++;
	rest = s;
	if (!strncmp(rest, "in ", 3)) {
		rest += 3;
		while (*rest == ' ')
			rest++;
		snprintf(body, sizeof body, "%s", rest);
		if ((bid = strstr(body, " (BuildId: ")) != NULL)
			*bid = 0; /* newer symbolizers append the build id */
		nf_trim(body);
		snprintf(func, sizeof func, "%s", body);
		sp = strrchr(func, ' ');
		if (sp) {
			const char *tail = sp + 1;
			size_t tl = strlen(tail);
			bool is_loc = false;

			if (tail[0] == '(' && tl > 1 && tail[tl - 1] == ')')
				is_loc = true;
			else {
				const char *colon = strchr(tail, ':');
				is_loc = colon && isdigit((unsigned char)colon[1]);
			}
			if (is_loc) {
				snprintf(loc, sizeof loc, "%s", tail);
				*sp = 0;
				nf_trim(func);
			}
		}
	} else if (rest[0] == '(') {
		snprintf(body, sizeof body, "%s", rest + 1);
		if ((bid = strstr(body, " (BuildId: ")) != NULL)
			*bid = 0;
		nf_trim(body);
		if (body[0] && body[strlen(body) - 1] == ')')
			body[strlen(body) - 1] = 0;
		snprintf(func, sizeof func, "%s", body);
		module_only = true;
	} else {
		return false;
	}
	if (p->c->stop_frames || p->process_died)
		return true;
	if (nf_triage_ignore_frame(body))
		return true;
	if (module_only)
		snprintf(name, sizeof name, "%s", func);
	else
		filter_name(func, name, sizeof name);
	if (!module_only) { /* "func+0x1f" when symbolized without line info */
		char *plus = strrchr(name, '+');
		if (plus && plus[1] == '0' && plus[2] == 'x')
			*plus = 0;
	}
	if (!name[0] || nf_triage_ignore_frame(name))
		return true;
	if (p->nraw < RAW_FRAMES)
		snprintf(p->raw[p->nraw++], sizeof p->raw[0], "%s", name);
	if (p->c->frames < NF_TRIAGE_STATE_FRAMES) {
		snprintf(p->frames[p->c->frames], sizeof p->frames[0], "%s", name);
		if (p->c->frames == 0 && loc[0] && loc[0] != '(') {
			/* file:line[:col] of the top frame, for SARIF */
			char *c1 = strchr(loc, ':');
			if (c1) {
				snprintf(p->c->file, sizeof p->c->file, "%.*s", (int)(c1 - loc), loc);
				p->c->line = atoi(c1 + 1);
			}
		}
		p->c->frames++;
	}
	return true;
}

static const char *const stop_markers[] = {
	"Direct leak of", "Uninitialized value was stored to memory at", "allocated by thread",
	"created by main thread at", "located in stack of thread", "previously allocated by",
};

/* One line of a report, in ClusterFuzz's order of checks. */
static void parse_line(struct parser *p, const char *line)
{
	struct nf_crash *c = p->c;
	const char *m;
	char tmp[256], addr[40];

	if (contains(line, "SUMMARY:")) {
		c->ended = true;
		return;
	}
	if (contains(line, "WARNING: AddressSanitizer") || contains(line, "Sanitizer:DEADLYSIGNAL") ||
	    p->process_died)
		return;
	/* glibc assert(): the assertion text is the state */
	if ((m = strstr(line, ": Assertion `")) != NULL && strstr(m, "' failed")) {
		const char *a = m + 13, *e = strstr(a, "' failed");
		set_type(p, "ASSERT");
		reset(p);
		snprintf(p->frames[0], sizeof p->frames[0], "%.*s", (int)(e - a), a);
		c->frames = 1;
		c->stop_frames = true;
		return;
	}
	if ((contains(line, "Sanitizer: ABRT ") || contains(line, "Sanitizer: ILL ") ||
	     contains(line, "Sanitizer: TRAP ") || contains(line, "Sanitizer: breakpoint ")) &&
	    !strcmp(c->type, "ASSERT"))
		return;
	/* MemorySanitizer / ThreadSanitizer: "MemorySanitizer: use-of-uninitialized-value" */
	if (!contains(line, " suppressions") && !contains(line, " warnings")) {
		const char *san = strstr(line, "MemorySanitizer:");
		if (!san)
			san = strstr(line, "ThreadSanitizer:");
		if (san) {
			const char *r = strchr(san, ':') + 1;
			if (*r == ' ' || *r == '\t') {
				while (*r == ' ' || *r == '\t')
					r++;
				if (strncmp(r, "ABRT", 4) && strncmp(r, "ILL", 3)) {
					snprintf(tmp, sizeof tmp, "%.*s", (int)strcspn(r, "(:"), r);
					nf_trim(tmp);
					for (char *q = tmp; *q; q++)
						*q = (char)tolower((unsigned char)*q);
					tmp[0] = (char)toupper((unsigned char)tmp[0]);
					set_type(p, tmp);
					reset(p);
				}
			}
		}
	}
	/* LeakSanitizer: direct leaks outrank indirect ones; the first wins */
	if ((!c->type[0] || !strcmp(c->type, "Indirect-leak")) && contains(line, "Direct leak of ")) {
		set_type(p, "Direct-leak");
		reset(p);
		return;
	}
	if (!c->type[0] && contains(line, "Indirect leak of ")) {
		set_type(p, "Indirect-leak");
		reset(p);
		return;
	}
	/* UBSan vptr: the state is "Bad-cast to T[ from U]" */
	if (!c->type[0] && (m = strstr(line, ": runtime error: ")) != NULL &&
	    (strstr(m, "member access within address") || strstr(m, "member call on address") ||
	     strstr(m, "downcast of address")) && strstr(m, " of type ")) {
		const char *t = strstr(m, " of type ") + 9;
		char *q;
		set_type(p, "Bad-cast");
		reset(p);
		snprintf(p->frames[0], sizeof p->frames[0], "Bad-cast to %s", t);
		while ((q = strchr(p->frames[0], '\'')) != NULL)
			memmove(q, q + 1, strlen(q));
		c->frames = 1;
		p->bad_cast_open = true;
		return;
	}
	if (p->bad_cast_open) {
		if ((m = strstr(line, "note: object is of type ")) != NULL) {
			size_t l = strlen(p->frames[0]);
			char *q;
			snprintf(p->frames[0] + l, sizeof p->frames[0] - l, " from %s", m + 24);
			while ((q = strchr(p->frames[0], '\'')) != NULL)
				memmove(q, q + 1, strlen(q));
			nf_trim(p->frames[0]);
			p->bad_cast_open = false;
		} else if (contains(line, "note: object has invalid vptr")) {
			size_t l = strlen(p->frames[0]);
			snprintf(p->frames[0] + l, sizeof p->frames[0] - l, " from invalid vptr");
			p->bad_cast_open = false;
		}
	}
	/* other UBSan errors: "file:line:col: runtime error: REASON" */
	if (!c->type[0] && (m = strstr(line, ": runtime error: ")) != NULL) {
		set_type(p, ubsan_type(m + 17));
		reset(p);
		return;
	}
	if (contains(line, "AddressSanitizer") && contains(line, "memcpy-param-overlap")) {
		set_type(p, "Memcpy-param-overlap");
		reset(p);
		return;
	}
	/* SEGV on unknown address HEX: UNKNOWN, refined by the access kind
	 * below (SAN_SEGV_REGEX).  Without an address, as ASan prints it under
	 * honggfuzz ("SEGV on unknown address (pc ...)"), the line falls to
	 * the generic ASan rule: "Segv on unknown address" (ClusterFuzz
	 * stack_analyzer_data/ignore_honggfuzz.txt). */
	if ((m = strstr(line, "SEGV on unknown address ")) != NULL &&
	    strstr(line, "Sanitizer") && isxdigit((unsigned char)m[24])) {
		set_type(p, "UNKNOWN");
		reset(p);
		is_hex_addr(m + 24, c->address, sizeof c->address);
		return;
	}
	if ((m = strstr(line, "AddressSanitizer: attempting free on address which was not malloc()-ed: ")) != NULL) {
		set_type(p, "Invalid-free");
		reset(p);
		is_hex_addr(m + 72, c->address, sizeof c->address);
		return;
	}
	if (contains(line, "AddressSanitizer") && (m = strstr(line, "double-free on ")) != NULL) {
		const char *a = m + 15;
		set_type(p, "Heap-double-free");
		reset(p);
		if (!strncmp(a, "unknown address ", 16))
			a += 16;
		else if (!strncmp(a, "address ", 8))
			a += 8;
		is_hex_addr(a, c->address, sizeof c->address);
		return;
	}
	if (contains(line, "Sanitizer: FPE ")) {
		set_type(p, "Floating-point-exception");
		reset(p);
		return;
	}
	if (san_addr(line, tmp, sizeof tmp, addr, sizeof addr)) {
		fix_type(tmp);
		set_type(p, tmp);
		reset(p);
		snprintf(c->address, sizeof c->address, "%s", addr);
	}
	if (!strcmp(c->type, "Unknown-crash"))
		set_type(p, "UNKNOWN");
	if ((m = strstr(line, "The signal is caused by a ")) != NULL && !strcmp(c->type, "UNKNOWN")) {
		if (!strncmp(m + 26, "READ memory access", 18))
			set_type(p, "UNKNOWN READ");
		else if (!strncmp(m + 26, "WRITE memory access", 19))
			set_type(p, "UNKNOWN WRITE");
	}
	/* "READ of size 4 at 0x... thread T0" */
	{
		const char *s = line, *of;
		while (*s == ' ')
			s++;
		of = strstr(s, " of size ");
		size_t word = strncmp(s, "Atomic ", 7) ? strcspn(s, " ") : 7 + strcspn(s + 7, " ");
		if (of && (size_t)(of - s) == word && word > 0 &&
		    strstr(of + 9, " at ") && c->type[0] && strncmp(c->type, "UNKNOWN", 7) &&
		    !strchr(c->type, '\n')) {
			char kind[32], size[32];
			size_t l = strlen(c->type);
			snprintf(kind, sizeof kind, "%.*s", (int)(of - s), s);
			for (char *q = kind; *q; q++)
				*q = (char)toupper((unsigned char)*q);
			snprintf(size, sizeof size, "%.*s", (int)strcspn(of + 9, " "), of + 9);
			snprintf(c->type + l, sizeof c->type - l, "\n%s %s", kind, size);
			is_hex_addr(strstr(of + 9, " at ") + 4, c->address, sizeof c->address);
		}
	}
	/* ld.so: "PROG: error while loading shared libraries: LIB: cannot open
	 * shared object file" (LIBRARY_NOT_FOUND_LINUX_REGEX): the library is
	 * the state. */
	if ((m = strstr(line, "error while loading shared libraries: ")) != NULL &&
	    strstr(m, ": cannot open shared object file")) {
		m += 38;
		set_type(p, "Missing-library");
		reset(p);
		snprintf(p->frames[0], sizeof p->frames[0], "%.*s", (int)strcspn(m, ":"), m);
		c->frames = 1;
		c->stop_frames = true;
		c->ended = true; /* a one-line report: the process never started */
		return;
	}
	if ((m = strstr(line, "Sanitizer CHECK failed:")) != NULL) {
		set_type(p, "Sanitizer CHECK failure");
		reset(p);
		m += 23;
		while (*m == ' ')
			m++;
		m += strcspn(m, " ");
		snprintf(p->frames[0], sizeof p->frames[0], "%s", m);
		nf_trim(p->frames[0]);
		c->frames = 1;
		p->process_died = true;
		return;
	}
	if (libfuzzer_error(line, "timeout")) {
		set_type(p, "Timeout");
		reset(p);
	}
	if (is_oom(line)) {
		set_type(p, "Out-of-memory");
		reset(p);
	}
	if (!c->type[0]) {
		const char *e = strstr(line, "ERROR: HWAddressSanitizer");
		size_t skip = 25;

		if (!e) {
			e = strstr(line, "ERROR: AddressSanitizer");
			skip = 23;
		}
		if (e) { /* generic ASan error without an address */
			e += skip;
			while (*e == ':' || *e == ' ')
				e++;
			snprintf(tmp, sizeof tmp, "%.*s", (int)strcspn(e, "(:;"), e);
			nf_trim(tmp);
			if (tmp[0]) {
				fix_type(tmp);
				set_type(p, tmp);
				reset(p);
			}
		}
		if (libfuzzer_error(line, "deadly signal")) {
			set_type(p, "Fatal-signal");
			reset(p);
		}
		if (libfuzzer_error(line, "fuzz target exited")) {
			set_type(p, "Unexpected-exit");
			reset(p);
		}
		if (libfuzzer_error(line, "fuzz target overwrites its const input")) {
			set_type(p, "Overwrites-const-input");
			reset(p);
		}
	}
	if (c->frames > 0) {
		for (size_t i = 0; i < sizeof stop_markers / sizeof *stop_markers; i++)
			if (contains(line, stop_markers[i])) {
				c->stop_frames = true;
				return;
			}
	}
	if (!c->type[0])
		return;
	add_frame(p, line);
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

	if (!strcmp(c->type, "Stack-overflow"))
		stack_overflow_cycle(p);
	c->state[0] = 0;
	for (int i = 0; i < c->frames; i++) {
		if (!strncmp(p->frames[i], "Bad-cast", 8)) /* kept whole, as ClusterFuzz does */
			snprintf(line, sizeof line, "%s", p->frames[i]);
		else
			normalise(p->frames[i], line, sizeof line);
		o += (size_t)snprintf(c->state + o, sizeof c->state - o, "%s%s", i ? "\n" : "", line);
		if (o >= sizeof c->state)
			break;
	}
	if (!c->type[0])
		snprintf(c->type, sizeof c->type, "UNKNOWN");
	if (!c->state[0])
		snprintf(c->state, sizeof c->state, "%s", target ? target : "NULL");
	if (target && (!strcmp(c->type, "Out-of-memory") || !strcmp(c->type, "Timeout") ||
		       !strcmp(c->type, "Overwrites-const-input")))
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
	if (!strcmp(c->type, "Timeout") || !strcmp(c->type, "Out-of-memory") ||
	    !strcmp(c->type, "Fatal-signal") || !strcmp(c->type, "Overwrites-const-input") ||
	    !strcmp(c->type, "Unexpected-exit"))
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

/* Is this line the first line of a report? */
static bool starts_report(const char *line)
{
	static const char *const starts[] = {
		"ERROR: AddressSanitizer", "ERROR: HWAddressSanitizer", "ERROR: LeakSanitizer",
		"WARNING: MemorySanitizer:", "ERROR: MemorySanitizer:", "WARNING: ThreadSanitizer:",
		"ERROR: UndefinedBehaviorSanitizer", ": runtime error: ",
	};
	for (size_t i = 0; i < sizeof starts / sizeof *starts; i++)
		if (strstr(line, starts[i]))
			return true;
	if (strstr(line, ": Assertion `") && strstr(line, "' failed"))
		return true; /* glibc assert(), before the signal report */
	if (strstr(line, "error while loading shared libraries: ") &&
	    strstr(line, ": cannot open shared object file"))
		return true; /* ld.so: Missing-library */
	return libfuzzer_error(line, "") && !strstr(line, "SUMMARY:");
}

static void sanitizer_name(struct nf_crash *c, const char *line)
{
	static const char *const names[] = {
		"HWAddressSanitizer", "AddressSanitizer", "LeakSanitizer", "MemorySanitizer",
		"ThreadSanitizer", "UndefinedBehaviorSanitizer", "libFuzzer",
	};
	if (c->sanitizer[0])
		return;
	if (strstr(line, ": runtime error: ")) {
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
		if (!target && (!p.c || p.c->ended) && binary_target(line, named, sizeof named))
			tgt = named;
		if (starts_report(line)) {
			long pid = line_pid(line);
			/* a new report: the last one ended, or this one comes from
			 * another process (a truncated report has no SUMMARY:) */
			bool fresh = !p.c || p.c->ended || (pid && p.c->pid && pid != p.c->pid);

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
		parse_line(&p, line);
	}
	if (p.c)
		finish(&p, rtgt);
	return n;
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
