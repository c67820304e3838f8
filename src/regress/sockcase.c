/* Socket-program cases: OS repros written as data, not C (issue 23,
 * docs/sockets.md).  regressions/os/<id>.sockprog is a text file:
 *
 *     id: udp-zero-length-prog
 *     title: ...
 *     checks: ...
 *     source: ...
 *     platforms: linux macos freebsd
 *     expect: linux: pass                 (repeatable)
 *     fault: drop-empty-udp               (repeatable: each must make it FAIL)
 *     program: 000000000000 020000000000  (6-byte records in hex, include/netfuzz/sock.h)
 *
 * Each becomes a struct nf_repro beside the NF_REPRO ones, so `netfuzz
 * regress` lists, runs, reports (JUnit/TAP/JSON, XFAIL/XPASS) and injects
 * faults into both alike.  Its body runs the program on the kernel with
 * the behaviour model checking each call: PASS when they agree, FAIL with
 * the divergence (op, rule, prediction, kernel result) otherwise. */
#include "netfuzz/project.h"
#include "netfuzz/repro.h"
#include "netfuzz/sock.h"
#include "netfuzz/util.h"

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NF_SOCKCASE_MAX 64
#define NF_SOCKCASE_BYTES (NF_SOCK_OP_LEN * NF_SOCK_MAX_OPS)

struct sockcase {
	char text[4096]; /* the file; the repro's strings point into it */
	uint8_t prog[NF_SOCKCASE_BYTES];
	size_t len;
};

static struct sockcase cases[NF_SOCKCASE_MAX];

static int run_case(struct nf_rctx *r)
{
	const struct sockcase *c = r->self ? r->self->data : NULL;
	static struct nf_sock_prog prog;
	struct nf_sock_outcome o;

	if (!c)
		return nf_fail(r, "no program");
	if (r->in_netns)
		setenv("NF_SOCK_IN_NETNS", "1", 1); /* the runner's namespace holds the fault: stay in it */
	nf_sock_parse(c->prog, c->len, &prog);
	if (nf_sock_run(&prog, &o)) {
		nf_note(r, "%zu calls ran, the kernel agreed with the model on each (%zu not run)", o.executed, o.skipped);
		return NF_PASS;
	}
	return nf_fail(r, "divergence at %s %zu: model %s, kernel %s (rule %s)",
		       o.op < prog.nops ? "call" : "the final drain, call", o.op, o.expected, o.got,
		       o.rule ? o.rule : "?");
}

static char *trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = 0;
	return s;
}

static bool hex_program(const char *s, struct sockcase *c)
{
	c->len = 0;
	while (*s) {
		unsigned v;

		if (isspace((unsigned char)*s)) {
			s++;
			continue;
		}
		if (c->len == sizeof c->prog || sscanf(s, "%2x", &v) != 1 || !isxdigit((unsigned char)s[1]))
			return false;
		c->prog[c->len++] = (uint8_t)v;
		s += 2;
	}
	return c->len > 0;
}

/* Parse one file into p; false (with a line on stderr) when malformed. */
static bool load_one(const char *path, struct sockcase *c, struct nf_repro *p)
{
	FILE *f = fopen(path, "r");
	size_t n;
	int ne = 0, nf = 0;
	bool prog = false;

	if (!f)
		return false;
	n = fread(c->text, 1, sizeof c->text - 1, f);
	fclose(f);
	c->text[n] = 0;
	memset(p, 0, sizeof *p);
	for (char *line = strtok(c->text, "\n"); line; line = strtok(NULL, "\n")) {
		char *colon = strchr(line, ':'), *v;

		if (line[0] == '#' || !colon)
			continue;
		*colon = 0;
		v = trim(colon + 1);
		if (!strcmp(line, "id"))
			p->id = v;
		else if (!strcmp(line, "title"))
			p->title = v;
		else if (!strcmp(line, "checks"))
			p->checks = v;
		else if (!strcmp(line, "source"))
			p->source = v;
		else if (!strcmp(line, "platforms"))
			p->platforms = v;
		else if (!strcmp(line, "expect") && ne < NF_REPRO_MAX_EXPECT)
			p->expect[ne++] = v;
		else if (!strcmp(line, "fault") && nf < NF_REPRO_MAX_FAULTS)
			p->faults[nf++] = v;
		else if (!strcmp(line, "program"))
			prog = hex_program(v, c);
	}
	if (!p->id || !p->title || !p->platforms || !prog) {
		fprintf(stderr, "netfuzz: %s: a socket-program case needs id, title, platforms and program\n", path);
		return false;
	}
	if (!p->checks)
		p->checks = p->title;
	if (!p->source)
		p->source = "socket program";
	p->run = run_case;
	p->data = c;
	return true;
}

size_t nf_sockcase_load(struct nf_repro *out, size_t max)
{
	char dir[PATH_MAX], path[PATH_MAX + 256];
	struct nf_strv names = {0};
	size_t n = 0;

	snprintf(dir, sizeof dir, "%s/regressions/os", nf_project_root());
	nf_list_dir(dir, ".sockprog", &names);
	for (size_t i = 0; i < names.n && n < max && n < NF_SOCKCASE_MAX; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, names.v[i]);
		if (load_one(path, &cases[n], &out[n]))
			n++;
	}
	nf_strv_free(&names);
	return n;
}
