/* Library status lines for `netfuzz fuzz` and `netfuzz list`. */
#include "libraries.h"

#include "netfuzz/project.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

static FILE *open_status(const char *engine)
{
	char path[PATH_MAX];

	snprintf(path, sizeof path, "%s/build/%s-address/deps/STATUS", nf_project_root(), engine);
	return fopen(path, "r");
}

void nf_cli_libraries_line(const char *engine, char *out, size_t n)
{
	FILE *f = open_status(engine);
	char line[512];
	size_t k = 0;

	out[0] = 0;
	if (!f) {
		snprintf(out, n, "system (no instrumented build in build/%s-address/deps: DEPS=system, or not built yet)",
			 engine);
		return;
	}
	while (fgets(line, sizeof line, f) && k < n) {
		line[strcspn(line, "\n")] = 0;
		k += (size_t)snprintf(out + k, n - k, "%s%s", k ? ", " : "", line);
	}
	fclose(f);
}

void nf_cli_library_status(const char *engine, const char *lib, char *out, size_t n)
{
	FILE *f = open_status(engine);
	char line[512];
	size_t l = strlen(lib);

	out[0] = 0;
	if (!f)
		return;
	while (fgets(line, sizeof line, f))
		if (!strncmp(line, lib, l) && line[l] == ' ') {
			line[strcspn(line, "\n")] = 0;
			snprintf(out, n, "%s", line + l + 1);
			break;
		}
	fclose(f);
}

void nf_cli_libraries_of(const char *engine, const char *libs, char *out, size_t n)
{
	size_t k = 0;

	out[0] = 0;
	while (*libs && k < n) {
		size_t l = strcspn(libs, ",");
		char lib[32], st[256];

		snprintf(lib, sizeof lib, "%.*s", (int)(l < sizeof lib ? l : sizeof lib - 1), libs);
		nf_cli_library_status(engine, lib, st, sizeof st);
		k += (size_t)snprintf(out + k, n - k, "%s%s %s", k ? ", " : "", lib, st[0] ? st : "system");
		libs += l + (libs[l] == ',');
	}
}
