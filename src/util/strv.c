/* A growable list of strings, and a directory's names read into one:
 * what case discovery (src/regress/cases.c), the socket-program cases
 * (src/regress/sockcase.c) and `netfuzz regress` share. */
#include "netfuzz/util.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void nf_strv_push(struct nf_strv *s, const char *str)
{
	char *copy = strdup(str);

	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 64;
		char **v = realloc(s->v, cap * sizeof *v);

		if (!v)
			copy = NULL;
		else
			s->v = v, s->cap = cap;
	}
	if (!copy) { /* as xmalloc does: a list cut short would be a wrong answer */
		fprintf(stderr, "netfuzz: out of memory\n");
		exit(2);
	}
	s->v[s->n++] = copy;
}

void nf_strv_free(struct nf_strv *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	memset(s, 0, sizeof *s);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

bool nf_list_dir(const char *dir, const char *suffix, struct nf_strv *out)
{
	DIR *d = opendir(dir);
	size_t from = out->n, sl = suffix ? strlen(suffix) : 0;
	struct dirent *e;

	if (!d)
		return false;
	while ((e = readdir(d)) != NULL) {
		size_t l = strlen(e->d_name);

		if (e->d_name[0] != '.' && l > sl && !strcmp(e->d_name + l - sl, suffix ? suffix : ""))
			nf_strv_push(out, e->d_name);
	}
	closedir(d);
	qsort(out->v + from, out->n - from, sizeof *out->v, by_name);
	return true;
}
