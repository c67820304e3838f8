/* netfuzz report [--out DIR]: a static HTML page (DIR/report/index.html)
 * from a campaign's statistics: for each target, exec/s, coverage and
 * corpus size over time as inline SVG line charts, the final figures, and
 * the crash buckets (type, state, security flag, count) that netfuzz triage
 * kept in out/triage/<t>.json. */
#include "netfuzz/cli.h"
#include "netfuzz/triage.h"

#include <dirent.h>
#include <jansson.h>
#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define REPORT_MAX_ROWS 100000
#define REPORT_MAX_TARGETS 256

struct row {
	double t;
	double execs, exec_s, cov, ft, corpus, crashes, timeouts, ooms;
};

static void html_escape(FILE *f, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '&': fputs("&amp;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\n': fputs("<br>", f); break;
		default: fputc(*s, f);
		}
	}
}

static size_t read_csv(const char *path, struct row **rows)
{
	FILE *f = fopen(path, "r");
	char line[512];
	size_t n = 0, cap = 0;

	*rows = NULL;
	if (!f)
		return 0;
	while (fgets(line, sizeof line, f) && n < REPORT_MAX_ROWS) {
		struct row r;
		if (sscanf(line, "%lf,%lf,%lf,%lf,%lf,%lf,%lf,%lf,%lf", &r.t, &r.execs, &r.exec_s, &r.cov, &r.ft,
			   &r.corpus, &r.crashes, &r.timeouts, &r.ooms) != 9)
			continue; /* header */
		if (n == cap) {
			cap = cap ? cap * 2 : 256;
			*rows = realloc(*rows, cap * sizeof **rows);
		}
		(*rows)[n++] = r;
	}
	fclose(f);
	return n;
}

/* An SVG line chart of one column against elapsed time. */
static void chart(FILE *f, const struct row *rows, size_t n, size_t off, const char *title, const char *colour)
{
	const double W = 460, H = 170, L = 56, R = 12, T = 22, B = 28;
	double tmax = 1, ymax = 1;

	for (size_t i = 0; i < n; i++) {
		double y = *(const double *)((const char *)&rows[i] + off);
		if (rows[i].t > tmax)
			tmax = rows[i].t;
		if (y > ymax)
			ymax = y;
	}
	fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" role=\"img\">"
		   "<title>%s over time</title>", W, H, title);
	fprintf(f, "<text x=\"%.0f\" y=\"14\" font-size=\"12\" font-weight=\"bold\">%s</text>", L, title);
	fprintf(f, "<line x1=\"%.0f\" y1=\"%.0f\" x2=\"%.0f\" y2=\"%.0f\" stroke=\"#888\"/>", L, H - B, W - R, H - B);
	fprintf(f, "<line x1=\"%.0f\" y1=\"%.0f\" x2=\"%.0f\" y2=\"%.0f\" stroke=\"#888\"/>", L, T, L, H - B);
	fprintf(f, "<text x=\"%.0f\" y=\"%.0f\" font-size=\"10\" text-anchor=\"end\">%.0f</text>", L - 4, T + 8, ymax);
	fprintf(f, "<text x=\"%.0f\" y=\"%.0f\" font-size=\"10\" text-anchor=\"end\">0</text>", L - 4, H - B);
	fprintf(f, "<text x=\"%.0f\" y=\"%.0f\" font-size=\"10\">0 s</text>", L, H - 10);
	fprintf(f, "<text x=\"%.0f\" y=\"%.0f\" font-size=\"10\" text-anchor=\"end\">%.0f s</text>", W - R, H - 10, tmax);
	fprintf(f, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"", colour);
	for (size_t i = 0; i < n; i++) {
		double y = *(const double *)((const char *)&rows[i] + off);
		fprintf(f, "%.1f,%.1f ", L + (W - L - R) * rows[i].t / tmax, (H - B) - (H - B - T) * y / ymax);
	}
	fprintf(f, "\"/></svg>\n");
}

/* Crash buckets: <campaign>/triage/<t>.json, written by netfuzz triage. */
static void buckets(FILE *f, const char *out, const char *target)
{
	char path[PATH_MAX * 2];
	json_error_t err;
	json_t *arr, *b;
	size_t i;

	snprintf(path, sizeof path, "%s/triage/%s.json", out, target);
	arr = json_load_file(path, 0, &err);
	if (!arr || !json_is_array(arr)) {
		fprintf(f, "<p>Not triaged yet: run <code>bin/netfuzz triage ");
		html_escape(f, out);
		fprintf(f, "/crashes ");
		html_escape(f, out);
		fprintf(f, "/timeouts ");
		html_escape(f, out);
		fprintf(f, "/ooms</code> and then <code>bin/netfuzz report</code> again.</p>\n");
		json_decref(arr);
		return;
	}
	nf_triage_groups_html(f, path); /* groups above buckets (src/triage grouping) */
	fprintf(f, "<table><tr><th>signature</th><th>crash type</th><th>crash state</th><th>security</th>"
		   "<th>severity</th><th>inputs</th><th>smallest input</th></tr>\n");
	json_array_foreach(arr, i, b) {
		const char *sev = json_string_value(json_object_get(b, "severity"));

		fprintf(f, "<tr><td><code>");
		html_escape(f, json_string_value(json_object_get(b, "signature")) ?: "");
		fprintf(f, "</code></td><td>");
		html_escape(f, json_string_value(json_object_get(b, "crash_type")) ?: "");
		fprintf(f, "</td><td><code>");
		html_escape(f, json_string_value(json_object_get(b, "crash_state")) ?: "");
		fprintf(f, "</code></td><td>%s</td><td>%s</td><td>%lld</td><td><code>",
			json_is_true(json_object_get(b, "security_flag")) ? "yes" : "no", sev ? sev : "-",
			(long long)json_integer_value(json_object_get(b, "count")));
		html_escape(f, json_string_value(json_object_get(b, "smallest_input")) ?: "");
		fprintf(f, "</code></td></tr>\n");
	}
	fprintf(f, "</table>\n");
	if (!json_array_size(arr))
		fprintf(f, "<p>No crashes.</p>\n");
	json_decref(arr);
}

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

NF_COMMAND(report, "[--out DIR]", "write DIR/report/index.html: exec/s, coverage, corpus over time and crash buckets")
{
	char out[PATH_MAX], stats[PATH_MAX + 8], html[PATH_MAX + 32], *names[REPORT_MAX_TARGETS];
	size_t nt = 0;
	DIR *d;
	struct dirent *e;
	FILE *f;

	snprintf(out, sizeof out, "%s/out", nf_project_root());
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--out") && i + 1 < argc)
			snprintf(out, sizeof out, "%s", argv[++i]);
		else
			return nf_usage_error("report", "unknown option or missing value: '%s' (usage: netfuzz report [--out DIR])", argv[i]);
	}
	snprintf(stats, sizeof stats, "%s/stats", out);
	d = opendir(stats);
	if (!d)
		return nf_usage_error("report", "no campaign statistics in %s (run netfuzz fuzz first): %s", stats,
				      strerror(errno));
	while ((e = readdir(d)) != NULL && nt < REPORT_MAX_TARGETS) {
		size_t l = strlen(e->d_name);
		if (l > 4 && !strcmp(e->d_name + l - 4, ".csv"))
			names[nt++] = strndup(e->d_name, l - 4);
	}
	closedir(d);
	if (!nt)
		return nf_usage_error("report", "no <target>.csv files in %s (run netfuzz fuzz first)", stats);
	qsort(names, nt, sizeof *names, cmp);
	snprintf(html, sizeof html, "%s/report", out);
	mkdir(html, 0755);
	snprintf(html, sizeof html, "%s/report/index.html", out);
	f = fopen(html, "w");
	if (!f)
		return nf_usage_error("report", "cannot write %s: %s", html, strerror(errno));
	fprintf(f, "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>netfuzz campaign report</title>\n"
		   "<style>body{font-family:sans-serif;margin:2em;max-width:1500px}table{border-collapse:collapse;margin:.5em 0}"
		   "td,th{border:1px solid #ccc;padding:3px 8px;text-align:left;vertical-align:top}"
		   "svg{margin-right:12px;border:1px solid #eee}</style></head><body>\n"
		   "<h1>netfuzz campaign report</h1>\n<p>Campaign directory: <code>");
	html_escape(f, out);
	fprintf(f, "</code></p>\n<table><tr><th>target</th><th>time</th><th>execs</th><th>exec/s</th><th>coverage</th>"
		   "<th>features</th><th>corpus</th><th>crashes</th><th>timeouts</th><th>OOMs</th></tr>\n");
	for (size_t i = 0; i < nt; i++) {
		struct row *rows;
		char path[PATH_MAX * 2];
		size_t n;

		snprintf(path, sizeof path, "%s/%s.csv", stats, names[i]);
		n = read_csv(path, &rows);
		if (!n)
			continue;
		struct row *z = &rows[n - 1];
		fprintf(f, "<tr><td><a href=\"#%s\">%s</a></td><td>%.0f s</td><td>%.0f</td><td>%.0f</td><td>%.0f</td>"
			   "<td>%.0f</td><td>%.0f</td><td>%.0f</td><td>%.0f</td><td>%.0f</td></tr>\n",
			names[i], names[i], z->t, z->execs, z->exec_s, z->cov, z->ft, z->corpus, z->crashes, z->timeouts,
			z->ooms);
		free(rows);
	}
	fprintf(f, "</table>\n");
	for (size_t i = 0; i < nt; i++) {
		struct row *rows;
		char path[PATH_MAX * 2];
		size_t n;

		snprintf(path, sizeof path, "%s/%s.csv", stats, names[i]);
		n = read_csv(path, &rows);
		fprintf(f, "<h2 id=\"%s\">%s</h2>\n<div>", names[i], names[i]);
		chart(f, rows, n, offsetof(struct row, exec_s), "exec/s", "#1f77b4");
		chart(f, rows, n, offsetof(struct row, cov), "coverage (edges)", "#2ca02c");
		chart(f, rows, n, offsetof(struct row, corpus), "corpus size", "#ff7f0e");
		fprintf(f, "</div>\n<h3>Crash buckets</h3>\n");
		buckets(f, out, names[i]);
		free(rows);
		free(names[i]);
	}
	fprintf(f, "</body></html>\n");
	if (fclose(f) != 0)
		return nf_usage_error("report", "cannot write %s: %s", html, strerror(errno));
	printf("%s\n", html);
	return NF_EXIT_OK;
}
