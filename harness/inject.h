/* --inject FAULT for the socket targets (issue 23, docs/sockets.md): how
 * `netfuzz fuzz`, `netfuzz triage` and `netfuzz replay` run a target under
 * a fault of `netfuzz regress --list-faults`. */
#ifndef NETFUZZ_INJECT_H
#define NETFUZZ_INJECT_H

/* Check fault NAME for command CMD and set *ENV to the "VAR=value" entries
 * (NULL-terminated, static) that apply it to the target's processes
 * (nf_fault_env).  0, or NF_EXIT_USAGE after one message on stderr: an
 * unknown fault, a kernel fault without root, the shim not built, a fault
 * that does not apply to the socket targets. */
int nf_inject_env(const char *cmd, const char *name, char *const **env);

#endif
