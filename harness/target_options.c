/* targets/<t>.options reader (INI: "[section]" then "key = value"). */
#include "cli.h"
#include "target_options.h"
#include "netfuzz/util.h"

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

const char *nf_target_dir(const char *target)
{
	static const char *const dirs[] = {"targets", "tests/targets"};
	char path[PATH_MAX];
	struct stat st;

	for (const char *c = target; *c; c++)
		if (!isalnum((unsigned char)*c) && *c != '_' && *c != '-')
			return NULL; /* OSS-Fuzz target names: [A-Za-z0-9_-] */
	for (size_t i = 0; i < 2; i++) {
		snprintf(path, sizeof path, "%s/%s/%s.c", nf_project_root(), dirs[i], target);
		if (stat(path, &st) == 0)
			return dirs[i];
	}
	return NULL;
}

size_t nf_options_read(const char *target, const char *section, struct nf_option *out, size_t max)
{
	const char *dir = nf_target_dir(target);
	char path[PATH_MAX], line[512], want[80];
	bool in = false;
	size_t n = 0;
	FILE *f;

	if (!dir)
		return 0;
	snprintf(path, sizeof path, "%s/%s/%s.options", nf_project_root(), dir, target);
	f = fopen(path, "r");
	if (!f)
		return 0;
	snprintf(want, sizeof want, "[%s]", section);
	while (fgets(line, sizeof line, f) && n < max) {
		char *eq;

		nf_trim(line);
		if (!line[0] || line[0] == '#' || line[0] == ';')
			continue;
		if (line[0] == '[') {
			in = strcasecmp(line, want) == 0;
			continue;
		}
		if (!in || !(eq = strchr(line, '=')))
			continue;
		*eq = 0;
		snprintf(out[n].key, sizeof out[n].key, "%s", line);
		snprintf(out[n].value, sizeof out[n].value, "%s", eq + 1);
		nf_trim(out[n].key);
		nf_trim(out[n].value);
		n++;
	}
	fclose(f);
	return n;
}

bool nf_target_binary_fresh(const char *engine, const char *sanitizer, const char *name, char *path,
			    size_t pathlen)
{
	static char made[64][160]; /* one make per binary per process */
	static size_t nmade;
	char cmd[PATH_MAX * 2], key[160];
	int rc;

	snprintf(key, sizeof key, "%s-%s/%s", engine, sanitizer, name);
	for (size_t i = 0; i < nmade; i++)
		if (!strcmp(made[i], key))
			return nf_target_binary(engine, sanitizer, name, false, path, pathlen);
	if (nmade < 64)
		snprintf(made[nmade++], sizeof made[0], "%s", key);
	snprintf(cmd, sizeof cmd, "make -s --no-print-directory -C '%s' ENGINE=%s SANITIZER=%s 'build/%s-%s/%s' >&2",
		 nf_project_root(), engine, sanitizer, engine, sanitizer, name);
	rc = system(cmd);
	if (rc != 0)
		fprintf(stderr, "netfuzz: make for %s (%s-%s) failed; using what is built, if anything\n", name,
			engine, sanitizer);
	return nf_target_binary(engine, sanitizer, name, false, path, pathlen);
}
