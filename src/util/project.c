/* Locating the project tree and its built target binaries. */
#include "netfuzz/project.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

const char *nf_project_root(void)
{
	static char root[PATH_MAX];
	const char *env = getenv("NETFUZZ_ROOT");
	ssize_t n;
	char *slash;

	if (root[0])
		return root;
	if (env && *env) {
		snprintf(root, sizeof root, "%s", env);
		return root;
	}
	n = readlink("/proc/self/exe", root, sizeof root - 1);
	if (n <= 0) {
		snprintf(root, sizeof root, ".");
		return root;
	}
	root[n] = 0;
	for (int i = 0; i < 2; i++) { /* strip /netfuzz, then /bin */
		slash = strrchr(root, '/');
		if (slash && slash != root)
			*slash = 0;
	}
	return root;
}

bool nf_target_binary(const char *engine, const char *sanitizer, const char *name,
		      bool build, char *path, size_t pathlen)
{
	const char *root = nf_project_root();
	struct stat st;
	char cmd[PATH_MAX * 2];
	int rc;

	snprintf(path, pathlen, "%s/build/%s-%s/%s", root, engine, sanitizer, name);
	if (stat(path, &st) == 0 && (st.st_mode & S_IXUSR))
		return true;
	if (!build) {
		fprintf(stderr, "netfuzz: %s is not built (run: make ENGINE=%s SANITIZER=%s)\n",
			path, engine, sanitizer);
		return false;
	}
	fprintf(stderr, "netfuzz: building %s (%s-%s)...\n", name, engine, sanitizer);
	snprintf(cmd, sizeof cmd, "make -s -C '%s' ENGINE=%s SANITIZER=%s 'build/%s-%s/%s' >&2",
		 root, engine, sanitizer, engine, sanitizer, name);
	rc = system(cmd);
	if (rc != 0 || stat(path, &st) != 0) {
		fprintf(stderr, "netfuzz: could not build %s (make exited %d)\n", path,
			WIFEXITED(rc) ? WEXITSTATUS(rc) : -1);
		return false;
	}
	return true;
}
