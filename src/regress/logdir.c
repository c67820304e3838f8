/* Where netfuzz regress writes its logs: <root>/build/regress when the
 * running user may write there, else a private per-user directory under
 * $TMPDIR (or /tmp).  The fallback matters when the suite runs as another
 * user than the one who owns the checkout (the non-root repro run, a CI
 * user reading a shared tree): the run must still keep its sanitizer
 * reports and repro logs, and say where they are. */
#include "netfuzz/regress.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A directory we own and may write: created 0700 if missing; an existing
 * one must be a real directory (not a symlink another user planted in a
 * shared /tmp) owned by us. */
static bool own_dir(const char *path)
{
	struct stat st;

	if (mkdir(path, 0700) != 0 && errno != EEXIST)
		return false;
	return lstat(path, &st) == 0 && S_ISDIR(st.st_mode) && st.st_uid == geteuid() &&
	       access(path, W_OK | X_OK) == 0;
}

bool nf_regress_log_dir(const char *root, char *buf, size_t len)
{
	const char *tmp = getenv("TMPDIR");

	snprintf(buf, len, "%s/build", root);
	if ((mkdir(buf, 0755) == 0 || errno == EEXIST) && access(buf, W_OK | X_OK) == 0) {
		snprintf(buf, len, "%s/build/regress", root);
		if ((mkdir(buf, 0755) == 0 || errno == EEXIST) && access(buf, W_OK | X_OK) == 0)
			return true;
	}
	snprintf(buf, len, "%s/netfuzz-regress-%lu", tmp && *tmp ? tmp : "/tmp", (unsigned long)geteuid());
	return own_dir(buf);
}
