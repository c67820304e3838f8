/* --inject FAULT for the socket targets: the fault catalogue and its
 * environment are `netfuzz regress`'s (src/regress/faults.c,
 * nf_fault_env); this file only checks that the fault can apply here.  A
 * syscall fault preloads build/libnetfault.so into the target's processes
 * (kept across libFuzzer's fork jobs); a kernel fault is handed to the
 * target, which loads it in its own network namespace (src/sock/netns.c). */
#include "inject.h"
#include "cli.h"
#include "netfuzz/project.h"
#include "netfuzz/repro.h"

#include <limits.h>
#include <stdio.h>
#include <unistd.h>

int nf_inject_env(const char *cmd, const char *name, char *const **env)
{
	static struct nf_fault_env e;
	const struct nf_fault *f = nf_fault_find(name);
	char shim[PATH_MAX];

	if (!f)
		return nf_usage_error(cmd, "unknown fault '%s' (netfuzz regress --list-faults shows them)", name);
	if (f->kind == NF_FAULT_IPRULE)
		return nf_usage_error(cmd, "--inject %s: a %s fault does not apply to the socket targets", name,
				      nf_fault_kind_name(f->kind));
	snprintf(shim, sizeof shim, "%s/build/libnetfault.so", nf_project_root());
	if (f->kind == NF_FAULT_PRELOAD && access(shim, R_OK) != 0)
		return nf_usage_error(cmd, "--inject %s needs %s (make cli builds it)", name, shim);
	if (f->kind != NF_FAULT_PRELOAD && geteuid() != 0)
		return nf_usage_error(cmd, "--inject %s is a kernel fault: it needs root (%s in the target's namespace)",
				      name, nf_fault_kind_name(f->kind));
	nf_fault_env(f, shim, true, &e);
	*env = e.v;
	return 0;
}
