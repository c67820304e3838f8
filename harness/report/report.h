/* netfuzz report: the campaign's time series (out/stats/<t>.csv) and the
 * SVG charts drawn from them.  The page itself (cmd_report.c) is a list of
 * sections, each a function that writes its part of the HTML. */
#ifndef NETFUZZ_CLI_REPORT_H
#define NETFUZZ_CLI_REPORT_H

#include <stddef.h>
#include <stdio.h>

struct report_row {
	double t; /* seconds of fuzzing of this target */
	double execs, exec_s, cov, ft, corpus, crashes, timeouts, ooms;
	double unix_time; /* wall clock; 0 in statistics written before it was recorded */
};

struct report_series {
	char *name;
	struct report_row *rows;
	size_t n;
};

/* Read <stats>/<t>.csv for every <t>, sorted by name.  Returns how many
 * (at most max); 0 with nothing allocated if none. */
size_t report_load(const char *stats, struct report_series *s, size_t max);
void report_free(struct report_series *s, size_t n);

/* Crashes, timeouts and OOMs of a row: the findings. */
double report_findings(const struct report_row *r);

void report_html_escape(FILE *f, const char *s);

/* One column of one series against fuzzing time. */
void report_chart(FILE *f, const struct report_series *s, size_t off, const char *title, const char *colour);
/* Coverage of every series on one plot, each as a percentage of its own
 * final value, so a flat line is a plateau whatever the target's size. */
void report_chart_coverage(FILE *f, const struct report_series *s, size_t n);
/* Findings over wall-clock time: one lane per target, the spans it was
 * fuzzed as bars, a dot where its findings grew. */
void report_crash_timeline(FILE *f, const struct report_series *s, size_t n);

#endif
