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
		char file[NAME_MAX + 1];

		if (!nf_strfmt(file, sizeof file, "%s.c", target) ||
		    !nf_path_join(path, sizeof path, nf_project_root(), dirs[i], file))
			return NULL;
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
	if (!nf_strfmt(line, sizeof line, "%s.options", target) ||
	    !nf_path_join(path, sizeof path, nf_project_root(), dir, line))
		return 0;
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
	char key[160], eng[64], san[64];
	int rc;

	if (!nf_strfmt(key, sizeof key, "build/%s-%s/%s", engine, sanitizer, name)) {
		fprintf(stderr, "netfuzz: %s: name too long\n", name);
		return false;
	}
	for (size_t i = 0; i < nmade; i++)
		if (!strcmp(made[i], key))
			return nf_target_binary(engine, sanitizer, name, false, path, pathlen);
	if (nmade < 64)
		snprintf(made[nmade++], sizeof made[0], "%s", key);
	snprintf(eng, sizeof eng, "ENGINE=%s", engine);
	snprintf(san, sizeof san, "SANITIZER=%s", sanitizer);
	rc = nf_make((char *const[]){eng, san, key, NULL}, false);
	if (rc != 0)
		fprintf(stderr, "netfuzz: make for %s (%s-%s) failed; using what is built, if anything\n", name,
			engine, sanitizer);
	return nf_target_binary(engine, sanitizer, name, false, path, pathlen);
}
