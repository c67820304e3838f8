/* Internal to src/triage/: the crash-type table (kinds.c). */
#ifndef NETFUZZ_TRIAGE_KINDS_H
#define NETFUZZ_TRIAGE_KINDS_H

#include <stdbool.h>

enum nf_sec {
	NF_SEC_TEXT = 0,    /* decided by the report's text (the default) */
	NF_SEC_MEMORY,      /* a memory-safety bug UBSan reports: security (prefix match) */
	NF_SEC_YES,         /* security */
	NF_SEC_NO,          /* never security */
	NF_SEC_BY_ADDRESS,  /* security when the address is not near zero */
};
enum nf_sev { NF_SEV_NONE = 0, NF_SEV_MEDIUM = 1, NF_SEV_HIGH = 2 };

struct nf_crash_kind {
	const char *type;     /* the crash type (without an access line) */
	enum nf_sec security;
	enum nf_sev severity; /* matched on the type's first word */
	bool unique_state;    /* groups only on an equal state (grouper.py) */
	bool state_is_target; /* no stack: the state is the target's name */
	bool from_libfuzzer;  /* reported by libFuzzer, not a sanitizer */
	bool no_minimize;     /* minimization not tried */
	bool run_once;        /* reproduced once, not --runs times */
	bool state_not_stack; /* the state comes from the report's text, and every such crash
				 traps at one place: the raw stack alone does not tell two apart */
};

/* The row whose type equals type, or NULL. */
const struct nf_crash_kind *nf_crash_kind(const char *type);
/* The row whose type equals type's first line, or NULL. */
const struct nf_crash_kind *nf_crash_kind_first_line(const char *type);
/* Does type start with an NF_SEC_MEMORY row's type (then end, space or newline)? */
bool nf_crash_kind_memory(const char *type);
/* Severity of the row that word starts with, NF_SEV_NONE if none. */
int nf_crash_kind_severity(const char *word);

#endif
