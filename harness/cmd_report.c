/* netfuzz report [--out DIR]: a static HTML page (DIR/report/index.html)
 * from a campaign's statistics.  Top to bottom: the figures per target; a
 * crash timeline of every target on one wall-clock axis; every target's
 * coverage on one plot (which one has plateaued); then per target exec/s,
 * coverage and corpus size over time and the crash buckets netfuzz triage
 * kept in DIR/triage/<t>.json.  Each section is one function below, so a
 * new one (e.g. crash groups) is one function and one line in the list. */
#include "args.h"
#include "cli.h"
#include "netfuzz/triage.h"
#include "netfuzz/util.h"
#include "report/report.h"

#include <errno.h>
#include <jansson.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define REPORT_MAX_TARGETS 256

struct page {
	FILE *f;
	const char *out; /* campaign directory */
	struct report_series *s;
	size_t n;
};

static const struct report_row *last(const struct report_series *s)
{
	return s->n ? &s->rows[s->n - 1] : NULL;
}

static void section_table(const struct page *p)
{
	fprintf(p->f, "<table><tr><th>target</th><th>time</th><th>execs</th><th>exec/s</th><th>coverage</th>"
		      "<th>features</th><th>corpus</th><th>crashes</th><th>timeouts</th><th>OOMs</th></tr>\n");
	for (size_t i = 0; i < p->n; i++) {
		const struct report_row *z = last(&p->s[i]);

		if (!z)
			continue;
		fprintf(p->f, "<tr><td><a href=\"#%s\">%s</a></td><td>%.0f s</td><td>%.0f</td><td>%.0f</td><td>%.0f</td>"
			      "<td>%.0f</td><td>%.0f</td><td>%.0f</td><td>%.0f</td><td>%.0f</td></tr>\n",
			p->s[i].name, p->s[i].name, z->t, z->execs, z->exec_s, z->cov, z->ft, z->corpus, z->crashes,
			z->timeouts, z->ooms);
	}
	fprintf(p->f, "</table>\n");
}

static void section_timeline(const struct page *p)
{
	fprintf(p->f, "<h2 id=\"timeline\">Crash timeline</h2>\n<p>Crashes, timeouts and OOMs as they were found, "
		      "every target on one clock. Bars: when the target was being fuzzed; dots: new findings; "
		      "right: total.</p>\n");
	report_crash_timeline(p->f, p->s, p->n);
}

static void section_coverage(const struct page *p)
{
	fprintf(p->f, "<h2 id=\"coverage\">Coverage over time, every target</h2>\n<p>Each line is one target's "
		      "coverage as a share of its final edge count: a line that goes flat early has plateaued.</p>\n");
	report_chart_coverage(p->f, p->s, p->n);
}

/* Crash buckets: <campaign>/triage/<t>.json, written by netfuzz triage. */
static void buckets(const struct page *p, const struct report_series *s)
{
	const struct report_row *z = last(s);
	char path[PATH_MAX * 2];
	json_error_t err;
	json_t *arr, *b;
	size_t i;

	if (!z || report_findings(z) == 0) {
		fprintf(p->f, "<p>No crashes.</p>\n");
		return;
	}
	char name[NAME_MAX + 1];

	if (!nf_strfmt(name, sizeof name, "%s.json", s->name) || !nf_path_join(path, sizeof path, p->out, "triage", name)) {
		fprintf(p->f, "<p>(crash buckets: path too long)</p>\n");
		return;
	}
	arr = json_load_file(path, 0, &err);
	if (!arr || !json_is_array(arr)) {
		fprintf(p->f, "<p>%.0f finding(s), not triaged yet: run <code>bin/netfuzz triage ", report_findings(z));
		report_html_escape(p->f, p->out);
		fprintf(p->f, "/crashes ");
		report_html_escape(p->f, p->out);
		fprintf(p->f, "/timeouts ");
		report_html_escape(p->f, p->out);
		fprintf(p->f, "/ooms</code> and then <code>bin/netfuzz report</code> again.</p>\n");
		json_decref(arr);
		return;
	}
	nf_triage_groups_html(p->f, path); /* groups above buckets (src/triage grouping) */
	fprintf(p->f, "<table><tr><th>signature</th><th>crash type</th><th>crash state</th><th>security</th>"
		      "<th>severity</th><th>inputs</th><th>smallest input</th></tr>\n");
	json_array_foreach(arr, i, b) {
		const char *sev = json_string_value(json_object_get(b, "severity"));

		fprintf(p->f, "<tr><td><code>");
		report_html_escape(p->f, json_string_value(json_object_get(b, "signature")) ?: "");
		fprintf(p->f, "</code></td><td>");
		report_html_escape(p->f, json_string_value(json_object_get(b, "crash_type")) ?: "");
		fprintf(p->f, "</td><td><code>");
		report_html_escape(p->f, json_string_value(json_object_get(b, "crash_state")) ?: "");
		fprintf(p->f, "</code></td><td>%s</td><td>%s</td><td>%lld</td><td><code>",
			json_is_true(json_object_get(b, "security_flag")) ? "yes" : "no", sev ? sev : "-",
			(long long)json_integer_value(json_object_get(b, "count")));
		report_html_escape(p->f, json_string_value(json_object_get(b, "smallest_input")) ?: "");
		fprintf(p->f, "</code></td></tr>\n");
	}
	fprintf(p->f, "</table>\n");
	if (!json_array_size(arr))
		fprintf(p->f, "<p>No crash reproduced when triaged.</p>\n");
	json_decref(arr);
}

static void section_targets(const struct page *p)
{
	for (size_t i = 0; i < p->n; i++) {
		const struct report_series *s = &p->s[i];

		fprintf(p->f, "<h2 id=\"%s\">%s</h2>\n<div>", s->name, s->name);
		report_chart(p->f, s, offsetof(struct report_row, exec_s), "exec/s", "#1f77b4");
		report_chart(p->f, s, offsetof(struct report_row, cov), "coverage (edges)", "#2ca02c");
		report_chart(p->f, s, offsetof(struct report_row, corpus), "corpus size", "#ff7f0e");
		fprintf(p->f, "</div>\n<h3>Crash buckets</h3>\n");
		buckets(p, s);
	}
}

/* The page, top to bottom. */
static void (*const sections[])(const struct page *) = {
	section_table,
	section_timeline,
	section_coverage,
	section_targets,
};

NF_COMMAND(report, "[--out DIR]", "write DIR/report/index.html: crash timeline, coverage of every target, per-target charts, crash buckets")
{
	char out[PATH_MAX], stats[PATH_MAX], html[PATH_MAX], dir[PATH_MAX];
	struct report_series *s;
	struct page p;

	if (!nf_path_join(out, sizeof out, nf_project_root(), "out"))
		return nf_usage_error("report", "the project root %s is too long", nf_project_root());
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--out")) {
			const char *v = nf_arg_value("report", argc, argv, &i);
			if (!v)
				return NF_EXIT_USAGE;
			if (!nf_strfmt(out, sizeof out, "%s", v))
				return nf_usage_error("report", "--out is longer than %d characters", PATH_MAX - 1);
		} else
			return nf_usage_error("report", "unknown option '%s' (usage: netfuzz report [--out DIR])", argv[i]);
	}
	/* every path first, so a long --out is refused before anything is written (issue 26) */
	if (!nf_path_join(stats, sizeof stats, out, "stats") || !nf_path_join(dir, sizeof dir, out, "report") ||
	    !nf_path_join(html, sizeof html, out, "report", "index.html"))
		return nf_usage_error("report", "--out is too long: %zu characters, and report/index.html below it "
						"would pass the %d-character limit of a path; nothing was written",
				      strlen(out), PATH_MAX - 1);
	struct stat st;
	if (stat(stats, &st) != 0)
		return nf_usage_error("report", "no campaign statistics in %s (run netfuzz fuzz first): %s", stats,
				      strerror(errno));
	s = calloc(REPORT_MAX_TARGETS, sizeof *s);
	if (!s)
		return nf_usage_error("report", "out of memory");
	p = (struct page){.out = out, .s = s, .n = report_load(stats, s, REPORT_MAX_TARGETS)};
	if (!p.n) {
		free(s);
		return nf_usage_error("report", "no <target>.csv files in %s (run netfuzz fuzz first)", stats);
	}
	mkdir(dir, 0755);
	p.f = fopen(html, "w");
	if (!p.f) {
		report_free(s, p.n);
		free(s);
		return nf_usage_error("report", "cannot write %s: %s", html, strerror(errno));
	}
	fprintf(p.f, "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>netfuzz campaign report</title>\n"
		     "<style>body{font-family:sans-serif;margin:2em;max-width:1500px}table{border-collapse:collapse;margin:.5em 0}"
		     "td,th{border:1px solid #ccc;padding:3px 8px;text-align:left;vertical-align:top}"
		     "svg{margin-right:12px;border:1px solid #eee}</style></head><body>\n"
		     "<h1>netfuzz campaign report</h1>\n<p>Campaign directory: <code>");
	report_html_escape(p.f, out);
	fprintf(p.f, "</code></p>\n");
	for (size_t i = 0; i < sizeof sections / sizeof sections[0]; i++)
		sections[i](&p);
	fprintf(p.f, "</body></html>\n");
	report_free(s, p.n);
	free(s);
	if (fclose(p.f) != 0)
		return nf_usage_error("report", "cannot write %s: %s", html, strerror(errno));
	printf("%s\n", html);
	return NF_EXIT_OK;
}
