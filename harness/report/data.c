/* netfuzz report: reading the campaign's statistics (report.h). */
#include "report.h"

#include <dirent.h>
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

size_t report_load(const char *stats, struct report_series *s, size_t max)
{
	DIR *d = opendir(stats);
	struct dirent *e;
	size_t n = 0;

	if (!d)
		return 0;
	while ((e = readdir(d)) != NULL && n < max) {
		size_t l = strlen(e->d_name);
		char path[PATH_MAX * 2];

		if (l <= 4 || strcmp(e->d_name + l - 4, ".csv"))
			continue;
		snprintf(path, sizeof path, "%s/%s", stats, e->d_name);
		s[n].name = strndup(e->d_name, l - 4);
		s[n].n = read_csv(path, &s[n].rows);
		n++;
	}
	closedir(d);
	qsort(s, n, sizeof *s, by_name);
	return n;
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
