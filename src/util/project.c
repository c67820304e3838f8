/* Locating the project tree and its built target binaries. */
#include "netfuzz/project.h"
#include "netfuzz/proc.h"
#include "netfuzz/util.h"

#include <fcntl.h>
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
		if (!nf_strfmt(root, sizeof root, "%s", env)) {
			fprintf(stderr, "netfuzz: NETFUZZ_ROOT is longer than %d characters\n", PATH_MAX - 1);
			exit(NF_EXIT_USAGE);
		}
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

int nf_make(char *const goals[], bool quiet)
{
	char *argv[24];
	size_t a = 0;
	int out = 2, rc;

	argv[a++] = "make";
	argv[a++] = "-s";
	argv[a++] = "--no-print-directory";
	argv[a++] = "-C";
	argv[a++] = (char *)nf_project_root();
	for (size_t i = 0; goals[i] && a + 1 < sizeof argv / sizeof argv[0]; i++)
		argv[a++] = goals[i];
	argv[a] = NULL;
	if (quiet && (out = open("/dev/null", O_WRONLY | O_CLOEXEC)) < 0)
		out = 2;
	rc = nf_proc_exec(argv, NULL, out);
	if (out != 2)
		close(out);
	return rc;
}

bool nf_target_binary(const char *engine, const char *sanitizer, const char *name,
		      bool build, char *path, size_t pathlen)
{
	char eng[64], san[64], goal[PATH_MAX], dir[128];
	struct stat st;
	int rc;

	if (!nf_strfmt(dir, sizeof dir, "build/%s-%s", engine, sanitizer) ||
	    !nf_path_join(path, pathlen, nf_project_root(), dir, name) || !nf_path_join(goal, sizeof goal, dir, name)) {
		fprintf(stderr, "netfuzz: the path of %s under %s is too long\n", name, nf_project_root());
		return false;
	}
	if (stat(path, &st) == 0 && (st.st_mode & S_IXUSR))
		return true;
	if (!build) {
		fprintf(stderr, "netfuzz: %s is not built (run: make ENGINE=%s SANITIZER=%s)\n",
			path, engine, sanitizer);
		return false;
	}
	fprintf(stderr, "netfuzz: building %s (%s-%s)...\n", name, engine, sanitizer);
	snprintf(eng, sizeof eng, "ENGINE=%s", engine);
	snprintf(san, sizeof san, "SANITIZER=%s", sanitizer);
	rc = nf_make((char *const[]){eng, san, goal, NULL}, false);
	if (rc != 0 || stat(path, &st) != 0) {
		fprintf(stderr, "netfuzz: could not build %s (make exited %d)\n", path, rc);
		return false;
	}
	return true;
}
