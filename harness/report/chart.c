/* netfuzz report: inline SVG charts (report.h).  Plain SVG, no script, so
 * the page reads the same offline, in any browser, and in a CI artifact. */
#include "report.h"

#include <string.h>

/* Ten colours (Tableau 10), solid for the first ten series and dashed for
 * the next ten, so 20 targets stay apart on one plot. */
static const char *const palette[] = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
				      "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};
#define PALETTE_N (sizeof palette / sizeof palette[0])

static const char *dash(size_t i)
{
	return (i / PALETTE_N) % 2 ? " stroke-dasharray=\"6 3\"" : "";
}

static double col(const struct report_row *r, size_t off)
{
	return *(const double *)((const char *)r + off);
}

static void axes(FILE *f, double W, double H, double L, double R, double T, double B)
{
	fprintf(f, "<line x1=\"%.0f\" y1=\"%.0f\" x2=\"%.0f\" y2=\"%.0f\" stroke=\"#888\"/>", L, H - B, W - R, H - B);
	fprintf(f, "<line x1=\"%.0f\" y1=\"%.0f\" x2=\"%.0f\" y2=\"%.0f\" stroke=\"#888\"/>", L, T, L, H - B);
}

void report_chart(FILE *f, const struct report_series *s, size_t off, const char *title, const char *colour)
{
	const double W = 460, H = 170, L = 56, R = 12, T = 22, B = 28;
	double tmax = 1, ymax = 1;

	for (size_t i = 0; i < s->n; i++) {
		if (s->rows[i].t > tmax)
			tmax = s->rows[i].t;
		if (col(&s->rows[i], off) > ymax)
			ymax = col(&s->rows[i], off);
	}
	fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" role=\"img\">"
		   "<title>%s over time</title>", W, H, title);
	fprintf(f, "<text x=\"%.0f\" y=\"14\" font-size=\"12\" font-weight=\"bold\">%s</text>", L, title);
	axes(f, W, H, L, R, T, B);
	fprintf(f, "<text x=\"%.0f\" y=\"%.0f\" font-size=\"10\" text-anchor=\"end\">%.0f</text>", L - 4, T + 8, ymax);
	fprintf(f, "<text x=\"%.0f\" y=\"%.0f\" font-size=\"10\" text-anchor=\"end\">0</text>", L - 4, H - B);
	fprintf(f, "<text x=\"%.0f\" y=\"%.0f\" font-size=\"10\">0 s</text>", L, H - 10);
	fprintf(f, "<text x=\"%.0f\" y=\"%.0f\" font-size=\"10\" text-anchor=\"end\">%.0f s</text>", W - R, H - 10, tmax);
	fprintf(f, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"", colour);
	for (size_t i = 0; i < s->n; i++)
		fprintf(f, "%.1f,%.1f ", L + (W - L - R) * s->rows[i].t / tmax,
			(H - B) - (H - B - T) * col(&s->rows[i], off) / ymax);
	fprintf(f, "\"/></svg>\n");
}

void report_chart_coverage(FILE *f, const struct report_series *s, size_t n)
{
	const double L = 50, R = 250, T = 16, B = 34, PW = 640, PH = 260;
	const double W = L + PW + R, H = T + PH + B + (n > 16 ? (double)(n - 16) * 15 : 0);
	double tmax = 1;

	for (size_t k = 0; k < n; k++)
		for (size_t i = 0; i < s[k].n; i++)
			if (s[k].rows[i].t > tmax)
				tmax = s[k].rows[i].t;
	fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" role=\"img\">"
		   "<title>coverage over fuzzing time, every target</title>\n", W, H);
	axes(f, L + PW + 12, T + PH + B, L, 12, T, B);
	for (int p = 0; p <= 100; p += 25) {
		double y = T + PH - PH * p / 100.0;
		fprintf(f, "<line x1=\"%.0f\" y1=\"%.1f\" x2=\"%.0f\" y2=\"%.1f\" stroke=\"#eee\"/>", L + 1, y, L + PW, y);
		fprintf(f, "<text x=\"%.0f\" y=\"%.1f\" font-size=\"10\" text-anchor=\"end\">%d%%</text>", L - 4, y + 3, p);
	}
	fprintf(f, "<text x=\"%.0f\" y=\"%.0f\" font-size=\"10\">0 s</text>", L, T + PH + 14);
	fprintf(f, "<text x=\"%.0f\" y=\"%.0f\" font-size=\"10\" text-anchor=\"end\">%.0f s of fuzzing</text>", L + PW,
		T + PH + 14, tmax);
	for (size_t k = 0; k < n; k++) {
		const struct report_series *x = &s[k];
		double last = x->n ? x->rows[x->n - 1].cov : 0, ly = T + 10 + 15.0 * (double)k;

		if (last > 0) {
			fprintf(f, "<polyline fill=\"none\" stroke=\"%s\"%s stroke-width=\"1.6\" points=\"",
				palette[k % PALETTE_N], dash(k));
			for (size_t i = 0; i < x->n; i++)
				fprintf(f, "%.1f,%.1f ", L + PW * x->rows[i].t / tmax, T + PH - PH * x->rows[i].cov / last);
			fprintf(f, "\"><title>%s</title></polyline>\n", x->name);
		}
		/* legend: name and final edge count */
		fprintf(f, "<line x1=\"%.0f\" y1=\"%.0f\" x2=\"%.0f\" y2=\"%.0f\" stroke=\"%s\"%s stroke-width=\"2\"/>",
			L + PW + 24, ly, L + PW + 46, ly, palette[k % PALETTE_N], dash(k));
		fprintf(f, "<text x=\"%.0f\" y=\"%.0f\" font-size=\"11\">", L + PW + 52, ly + 4);
		report_html_escape(f, x->name);
		fprintf(f, " (%.0f edges)</text>\n", last);
	}
	fprintf(f, "</svg>\n");
}

/* A gap in a target's rows longer than this is time spent on other targets. */
#define TIMELINE_GAP_S 30

static void span(FILE *f, double x, double w, double y)
{
	fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"6\" fill=\"#cfd8e3\"/>", x, y + 5, w + 1);
}

void report_crash_timeline(FILE *f, const struct report_series *s, size_t n)
{
	const double L = 190, R = 90, T = 10, LANE = 16, PW = 610;
	const double H = T + LANE * (double)n + 34, W = L + PW + R;
	double t0 = 0, t1 = 0;
	int wall = 1;

	/* wall clock when every row has it (statistics from before it was
	 * recorded: each target's own fuzzing time instead) */
	for (size_t k = 0; k < n; k++)
		for (size_t i = 0; i < s[k].n; i++) {
			double u = s[k].rows[i].unix_time;
			if (u <= 0)
				wall = 0;
			else {
				if (t0 == 0 || u < t0)
					t0 = u;
				if (u > t1)
					t1 = u;
			}
		}
	if (!wall) {
		t0 = 0;
		t1 = 0;
		for (size_t k = 0; k < n; k++)
			for (size_t i = 0; i < s[k].n; i++)
				if (s[k].rows[i].t > t1)
					t1 = s[k].rows[i].t;
	}
	if (t1 <= t0)
		t1 = t0 + 1;
	fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" role=\"img\">"
		   "<title>crash timeline, every target</title>\n", W, H);
	for (size_t k = 0; k < n; k++) {
		const struct report_series *x = &s[k];
		double y = T + LANE * (double)k, total = x->n ? report_findings(&x->rows[x->n - 1]) : 0, prev = 0;
		double span_start = -1, span_last = -1;

		fprintf(f, "<text x=\"%.0f\" y=\"%.0f\" font-size=\"11\" text-anchor=\"end\">", L - 8, y + 11);
		report_html_escape(f, x->name);
		fprintf(f, "</text><line x1=\"%.0f\" y1=\"%.1f\" x2=\"%.0f\" y2=\"%.1f\" stroke=\"#f0f0f0\"/>", L, y + 8,
			L + PW, y + 8);
		/* the spans this target was being fuzzed, as bars */
		for (size_t i = 0; i < x->n; i++) {
			double at = wall ? x->rows[i].unix_time : x->rows[i].t;

			if (span_start < 0) {
				span_start = at;
			} else if (at - span_last > TIMELINE_GAP_S) {
				span(f, L + PW * (span_start - t0) / (t1 - t0), PW * (span_last - span_start) / (t1 - t0), y);
				span_start = at;
			}
			span_last = at;
		}
		if (span_start >= 0)
			span(f, L + PW * (span_start - t0) / (t1 - t0), PW * (span_last - span_start) / (t1 - t0), y);
		for (size_t i = 0; i < x->n; i++) {
			double v = report_findings(&x->rows[i]), at = wall ? x->rows[i].unix_time : x->rows[i].t;

			if (v > prev)
				fprintf(f, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4.5\" fill=\"#d62728\"><title>%s: %.0f new "
					   "finding(s) at %.0f s</title></circle>",
					L + PW * (at - t0) / (t1 - t0), y + 8, x->name, v - prev, at - t0);
			prev = v;
		}
		fprintf(f, "<text x=\"%.0f\" y=\"%.0f\" font-size=\"11\"%s>%.0f</text>\n", L + PW + 10, y + 11,
			total > 0 ? " fill=\"#d62728\" font-weight=\"bold\"" : " fill=\"#888\"", total);
	}
	fprintf(f, "<line x1=\"%.0f\" y1=\"%.0f\" x2=\"%.0f\" y2=\"%.0f\" stroke=\"#888\"/>", L, H - 24, L + PW, H - 24);
	fprintf(f, "<text x=\"%.0f\" y=\"%.0f\" font-size=\"10\">0</text>", L, H - 10);
	fprintf(f, "<text x=\"%.0f\" y=\"%.0f\" font-size=\"10\" text-anchor=\"end\">%.0f %s %s</text>", L + PW, H - 10,
		t1 - t0 < 120 ? t1 - t0 : (t1 - t0) / 60.0, t1 - t0 < 120 ? "s" : "min",
		wall ? "of the campaign (wall clock)" : "of each target's fuzzing");
	fprintf(f, "<text x=\"%.0f\" y=\"%.0f\" font-size=\"10\" text-anchor=\"end\">findings</text>", W - 4, H - 10);
	fprintf(f, "</svg>\n");
}
