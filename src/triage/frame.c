/* Stack frames of a report: a sanitizer frame line "#N 0xADDR in FUNC
 * LOCATION" parsed into a function name, filtered and normalised as
 * ClusterFuzz's StackParser does (src/clusterfuzz/stacktraces/__init__.py:
 * add_frame_on_match, _filter_stack_frame; constants.py:
 * SAN_STACK_FRAME_REGEX; utils filter_addresses_and_numbers). */
#include "parser.h"
#include "netfuzz/util.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool nf_triage_hex_addr(const char *s, char *out, size_t outlen)
{
	size_t n = 0;

	while (isxdigit((unsigned char)s[n]) || s[n] == 'x' || s[n] == 'X')
		n++;
	if (n == 0)
		return false;
	snprintf(out, outlen, "%.*s", (int)n, s);
	return true;
}

/* Normalise a state line (filter_addresses_and_numbers): drop a trailing
 * "+0x..." offset, hex of 4+ digits -> ADDRESS, runs of 4+ digits/dots not
 * preceded by [:0-9.] nor followed by [A-Za-z0-9.] -> NUMBER; keep
 * printable characters; cap the length. */
void nf_triage_normalise(const char *in, char *out, size_t outlen)
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

/* Keep NAME as a state frame unless it is a runtime frame; LOC is
 * "file:line[:col]" or NULL. */
static void push(struct parser *p, const char *name, const char *loc)
{
	/* The caller has judged the frame as printed ("f(unsigned long)
	 * /usr/include/blah.h:88"), where ClusterFuzz's ignore_stack_frame
	 * looks; the cleaned name gets the list again but not its "shorter
	 * than 3 characters" rule, which is about the printed frame: a
	 * function called f is a frame (lsan_single_frame_stacks). */
	if (!name[0] || (strlen(name) >= 3 && nf_triage_ignore_frame(name)))
		return;
	if (p->nraw < RAW_FRAMES)
		snprintf(p->raw[p->nraw++], sizeof p->raw[0], "%s", name);
	if (p->c->frames < NF_TRIAGE_STATE_FRAMES) {
		snprintf(p->frames[p->c->frames], sizeof p->frames[0], "%s", name);
		if (p->c->frames == 0 && loc) {
			/* file:line[:col] of the top frame, for SARIF */
			const char *c1 = strchr(loc, ':');
			if (c1) {
				snprintf(p->c->file, sizeof p->c->file, "%.*s", (int)(c1 - loc), loc);
				p->c->line = atoi(c1 + 1);
			}
		}
		p->c->frames++;
	}
}

void nf_triage_push_frame(struct parser *p, const char *func, const char *file, int line)
{
	char name[1024], loc[300] = "";

	if (p->c->stop_frames || p->process_died || nf_triage_ignore_frame(func))
		return;
	filter_name(func, name, sizeof name);
	if (file && file[0] && line > 0)
		snprintf(loc, sizeof loc, "%s:%d", file, line);
	push(p, name, loc[0] ? loc : NULL);
}

/* A sanitizer stack frame "#N 0xADDR in FUNC LOCATION" (LOCATION:
 * file:line[:col] or (module+0xoff)), "#N 0xADDR in FUNC", or
 * "#N 0xADDR (module+0xoff)" when unsymbolized. */
bool nf_triage_add_frame(struct parser *p, const char *line)
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
	push(p, name, loc[0] && loc[0] != '(' ? loc : NULL);
	return true;
}
