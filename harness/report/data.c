/* netfuzz report: reading the campaign's statistics (report.h). */
#include "report.h"
#include "netfuzz/util.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#define REPORT_MAX_ROWS 100000

static size_t read_csv(const char *path, struct report_row **rows)
{
	FILE *f = fopen(path, "r");
	char line[512];
	size_t n = 0, cap = 0;

	*rows = NULL;
	if (!f)
		return 0;
	while (fgets(line, sizeof line, f) && n < REPORT_MAX_ROWS) {
		struct report_row r = {0};
		int got = sscanf(line, "%lf,%lf,%lf,%lf,%lf,%lf,%lf,%lf,%lf,%lf", &r.t, &r.execs, &r.exec_s, &r.cov,
				 &r.ft, &r.corpus, &r.crashes, &r.timeouts, &r.ooms, &r.unix_time);

		if (got != 9 && got != 10)
			continue; /* header */
		if (n == cap) {
			struct report_row *nr;

			cap = cap ? cap * 2 : 256;
			if (!(nr = realloc(*rows, cap * sizeof **rows)))
				break;
			*rows = nr;
		}
		(*rows)[n++] = r;
	}
	fclose(f);
	return n;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct report_series *)a)->name, ((const struct report_series *)b)->name);
}

struct load {
	struct report_series *s;
	size_t n, max;
};

/* One out/stats/<t>.csv file: a series named <t>. */
static void on_csv(const char *path, void *arg)
{
	struct load *ld = arg;
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	size_t l = strlen(base);

	if (ld->n >= ld->max || l <= 4 || strcmp(base + l - 4, ".csv"))
		return;
	ld->s[ld->n].name = strndup(base, l - 4);
	ld->s[ld->n].n = read_csv(path, &ld->s[ld->n].rows);
	ld->n++;
}

size_t report_load(const char *stats, struct report_series *s, size_t max)
{
	struct load ld = {s, 0, max};

	/* the files directly in stats (depth 0), sorted; a missing directory or
	 * a subdirectory is no series */
	nf_walk_files(stats, 0, on_csv, NULL, &ld);
	qsort(s, ld.n, sizeof *s, by_name);
	return ld.n;
}

void report_free(struct report_series *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(s[i].name);
		free(s[i].rows);
	}
}

double report_findings(const struct report_row *r)
{
	return r->crashes + r->timeouts + r->ooms;
}

void report_html_escape(FILE *f, const char *s)
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
