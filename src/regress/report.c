/* Results of netfuzz regress: the human table (one row as each test ends),
 * TAP, JSON (jansson, at the end) and JUnit XML.  The JUnit file is
 * rewritten after every test into FILE.tmp and renamed over FILE, so a run
 * killed at any moment leaves a complete, valid document of the tests that
 * had finished. */
#include "netfuzz/project.h"
#include "netfuzz/regress.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

const char *nf_rstatus_name(enum nf_rstatus s)
{
	static const char *const names[] = {"PASS", "FAIL", "XFAIL", "XPASS", "SKIP"};

	return names[s];
}

/* XML 1.0 text: escape markup; bytes XML forbids (C0 controls other than
 * tab/newline, and anything non-ASCII we cannot vouch for) become '?'. */
static void xml_text(FILE *f, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		switch (c) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\'': fputs("&apos;", f); break;
		default:
			fputc((c < 0x20 && c != '\t' && c != '\n') || c >= 0x7f ? '?' : c, f);
		}
	}
}

/* Non-ASCII bytes to '?', in place. */
static void ascii(char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			*s = '?';
}

static bool is_replay_suite(const struct nf_result *r) { return strcmp(r->kind, "repro") != 0; }

/* An XPASS (an open case that stopped crashing, a known platform failure
 * that no longer happens) fails the run unless --allow-xpass: the bug is
 * fixed, so its case or expectation must be updated, and a suite that keeps
 * passing over a stale "open" would hide a later regression of that bug. */
static bool is_failure(const struct nf_report *rep, enum nf_rstatus s)
{
	return s == NF_R_FAIL || (s == NF_R_XPASS && !rep->o->allow_xpass);
}

/* Shown after an XPASS in every output format. */
static const char *xpass_note(const struct nf_report *rep)
{
	return rep->o->allow_xpass ? "(needs attention) " : "(fails the run unless --allow-xpass) ";
}

static void junit_suite(FILE *f, const struct nf_report *rep, bool replay)
{
	size_t tests = 0, fail = 0, skip = 0;
	double secs = 0;

	for (size_t i = 0; i < rep->n; i++)
		if (is_replay_suite(&rep->r[i]) == replay) {
			tests++;
			fail += is_failure(rep, rep->r[i].status);
			skip += rep->r[i].status == NF_R_SKIP || rep->r[i].status == NF_R_XFAIL;
			secs += rep->r[i].secs;
		}
	fprintf(f, " <testsuite name=\"%s\" tests=\"%zu\" failures=\"%zu\" errors=\"0\" skipped=\"%zu\" time=\"%.3f\">\n",
		replay ? "netfuzz.replay" : "netfuzz.os", tests, fail, skip, secs);
	fprintf(f, "  <properties><property name=\"platform\" value=\"");
	xml_text(f, rep->platform);
	fprintf(f, "\"/>");
	if (rep->o->inject) {
		fprintf(f, "<property name=\"inject\" value=\"");
		xml_text(f, rep->o->inject);
		fprintf(f, "\"/>");
	}
	fprintf(f, "</properties>\n");
	for (size_t i = 0; i < rep->n; i++) {
		const struct nf_result *r = &rep->r[i];

		if (is_replay_suite(r) != replay)
			continue;
		fprintf(f, "  <testcase classname=\"netfuzz.%s\" name=\"", r->kind);
		xml_text(f, r->kind);
		fputc(' ', f);
		xml_text(f, r->name);
		fprintf(f, "\" time=\"%.3f\">", r->secs);
		if (is_failure(rep, r->status)) {
			fprintf(f, "<failure type=\"%s\" message=\"", nf_rstatus_name(r->status));
			xml_text(f, r->reason);
			fprintf(f, "\">");
			xml_text(f, r->reason);
			fprintf(f, "</failure>");
		} else if (r->status == NF_R_SKIP || r->status == NF_R_XFAIL) {
			fprintf(f, "<skipped message=\"%s: ", nf_rstatus_name(r->status));
			xml_text(f, r->reason);
			fprintf(f, "\"/>");
		} else {
			fprintf(f, "<system-out>%s: ", nf_rstatus_name(r->status));
			xml_text(f, r->reason);
			fprintf(f, "</system-out>");
		}
		fprintf(f, "</testcase>\n");
	}
	fprintf(f, " </testsuite>\n");
}

static void junit_write(const struct nf_report *rep)
{
	char tmp[PATH_MAX];
	size_t fail = 0, skip = 0;
	FILE *f;

	if (!rep->o->junit)
		return;
	for (size_t i = 0; i < rep->n; i++) {
		fail += is_failure(rep, rep->r[i].status);
		skip += rep->r[i].status == NF_R_SKIP || rep->r[i].status == NF_R_XFAIL;
	}
	snprintf(tmp, sizeof tmp, "%s.tmp", rep->o->junit);
	f = fopen(tmp, "w");
	if (!f) {
		fprintf(stderr, "netfuzz: regress: cannot write %s: %m\n", tmp);
		return;
	}
	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	fprintf(f, "<testsuites name=\"netfuzz regress\" tests=\"%zu\" failures=\"%zu\" errors=\"0\" skipped=\"%zu\" time=\"%.3f\">\n",
		rep->n, fail, skip, nf_now() - rep->t0);
	junit_suite(f, rep, true);
	junit_suite(f, rep, false);
	fprintf(f, "</testsuites>\n");
	if (fflush(f) != 0 || fsync(fileno(f)) != 0 || fclose(f) != 0) {
		fprintf(stderr, "netfuzz: regress: writing %s failed: %m\n", tmp);
		return;
	}
	if (rename(tmp, rep->o->junit) != 0)
		fprintf(stderr, "netfuzz: regress: rename %s: %m\n", tmp);
}

void nf_report_start(struct nf_report *rep, const struct nf_regress_opts *o, size_t planned,
		     const char *platform)
{
	memset(rep, 0, sizeof *rep);
	rep->o = o;
	rep->planned = planned;
	rep->t0 = nf_now();
	snprintf(rep->platform, sizeof rep->platform, "%s", platform);
	junit_write(rep); /* an empty, valid document from the start */
	if (o->tap)
		printf("TAP version 13\n1..%zu\n", planned);
	else if (!o->json)
		printf("%-6s %-6s %-44s %7s  %s\n", "STATUS", "KIND", "NAME", "TIME", "REASON");
	fflush(stdout);
}

void nf_report_add(struct nf_report *rep, const struct nf_result *res)
{
	if (rep->n == rep->cap) {
		size_t cap = rep->cap ? rep->cap * 2 : 32;
		struct nf_result *r = realloc(rep->r, cap * sizeof *r);

		if (!r) {
			fprintf(stderr, "netfuzz: regress: out of memory\n");
			exit(NF_EXIT_USAGE);
		}
		rep->r = r;
		rep->cap = cap;
	}
	rep->r[rep->n++] = *res;
	if (rep->o->tap) {
		const char *directive = "";

		switch (res->status) {
		case NF_R_SKIP: directive = " # SKIP "; break;
		case NF_R_XFAIL: directive = " # TODO XFAIL "; break;
		case NF_R_XPASS:
			directive = rep->o->allow_xpass ? " # TODO XPASS (needs attention) " : "";
			break;
		default: break;
		}
		printf("%s %zu - %s %s%s",
		       is_failure(rep, res->status) || res->status == NF_R_XFAIL ? "not ok" : "ok", rep->n, res->kind,
		       res->name, directive);
		if (directive[0])
			printf("%s", res->reason);
		printf("\n");
		if (!directive[0])
			printf("  # %s%s%s\n", res->status == NF_R_XPASS ? "XPASS " : "",
			       res->status == NF_R_XPASS ? xpass_note(rep) : "", res->reason);
	} else if (!rep->o->json) {
		printf("%-6s %-6s %-44s %6.2fs  %s%s\n", nf_rstatus_name(res->status), res->kind, res->name,
		       res->secs, res->status == NF_R_XPASS ? xpass_note(rep) : "", res->reason);
	}
	fflush(stdout);
	junit_write(rep);
}

int nf_report_finish(struct nf_report *rep)
{
	size_t k[5] = {0};
	double secs = nf_now() - rep->t0;

	for (size_t i = 0; i < rep->n; i++)
		k[rep->r[i].status]++;
	if (rep->o->json) {
		json_t *doc = json_object(), *arr = json_array(), *sum = json_object();

		for (size_t i = 0; i < rep->n; i++) {
			struct nf_result x = rep->r[i];

			ascii(x.name); /* jansson takes UTF-8 only; paths may be anything */
			ascii(x.reason);
			json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:s, s:f}", "kind", x.kind, "name",
							     x.name, "status", nf_rstatus_name(x.status), "reason",
							     x.reason, "time", x.secs));
		}
		for (int s = 0; s < 5; s++)
			json_object_set_new(sum, nf_rstatus_name((enum nf_rstatus)s), json_integer((json_int_t)k[s]));
		json_object_set_new(doc, "platform", json_string(rep->platform));
		json_object_set_new(doc, "inject", rep->o->inject ? json_string(rep->o->inject) : json_null());
		json_object_set_new(doc, "allow_xpass", json_boolean(rep->o->allow_xpass));
		json_object_set_new(doc, "results", arr);
		json_object_set_new(doc, "summary", sum);
		json_object_set_new(doc, "time", json_real(secs));
		json_dumpf(doc, stdout, JSON_INDENT(1) | JSON_ENSURE_ASCII);
		printf("\n");
		json_decref(doc);
	} else if (rep->o->tap) {
		printf("# %zu passed, %zu failed, %zu xfail, %zu xpass, %zu skipped in %.2f s\n", k[NF_R_PASS],
		       k[NF_R_FAIL], k[NF_R_XFAIL], k[NF_R_XPASS], k[NF_R_SKIP], secs);
	} else {
		printf("\n%zu tests: %zu passed, %zu failed, %zu xfail, %zu xpass%s, %zu skipped in %.2f s%s%s\n",
		       rep->n, k[NF_R_PASS], k[NF_R_FAIL], k[NF_R_XFAIL], k[NF_R_XPASS],
		       rep->o->allow_xpass ? " (allowed)" : "", k[NF_R_SKIP], secs,
		       rep->o->junit ? "; JUnit: " : "", rep->o->junit ? rep->o->junit : "");
		/* The project's summary line (make check and .ci/run count it):
		 * an XFAIL is the expected result, so it passes; an XPASS passes
		 * only with --allow-xpass; a SKIP is neither. */
		printf("regress: %zu passed, %zu failed, %zu skipped\n",
		       k[NF_R_PASS] + k[NF_R_XFAIL] + (rep->o->allow_xpass ? k[NF_R_XPASS] : 0),
		       k[NF_R_FAIL] + (rep->o->allow_xpass ? 0 : k[NF_R_XPASS]), k[NF_R_SKIP]);
	}
	fflush(stdout);
	junit_write(rep);
	free(rep->r);
	return k[NF_R_FAIL] || (k[NF_R_XPASS] && !rep->o->allow_xpass) ? NF_EXIT_FINDINGS : NF_EXIT_OK;
}
