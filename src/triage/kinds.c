/* Crash types and their properties, one row each, as ClusterFuzz keeps
 * them (src/clusterfuzz/stacktraces/constants.py, _internal/crash_analysis/
 * crash_analysis.py, severity_analyzer.py, _internal/datastore/
 * data_types.py CRASH_TYPES_WITH_UNIQUE_STATE).  Read by classification
 * (classify.c: security flag, severity), grouping (group.c: unique state),
 * the report parser (parse.c: state from the target, libFuzzer-reported)
 * and reproduction and minimization (bucket.c, minimize.c).  A type with no
 * row gets the defaults: security decided by the report's text, no
 * severity, a stack state, grouped by similar states, minimized. */
#include "kinds.h"

#include <string.h>

#define U .unique_state = true
#define T .state_is_target = true
#define L .from_libfuzzer = true

static const struct nf_crash_kind kinds[] = {
	/* memory-safety bugs UBSan reports (prefix match) */
	{"Bad-cast", NF_SEC_MEMORY, NF_SEV_HIGH, U},
	{"Index-out-of-bounds", NF_SEC_MEMORY, NF_SEV_MEDIUM},
	{"Incorrect-function-pointer-type", NF_SEC_MEMORY, NF_SEV_MEDIUM},
	{"Non-positive-vla-bound-value", NF_SEC_MEMORY, NF_SEV_MEDIUM},
	{"Object-size", NF_SEC_MEMORY, NF_SEV_MEDIUM},
	/* ClusterFuzz's default: asserts have security implication */
	{"ASSERT", NF_SEC_YES, 0, U},
	{"ASSERT_EQ", 0, 0, U}, {"ASSERT_GE", 0, 0, U}, {"ASSERT_GT", 0, 0, U}, {"ASSERT_LE", 0, 0, U},
	{"ASSERT_LT", 0, 0, U}, {"ASSERT_NE", 0, 0, U},
	/* UBSan types without memory-safety impact */
	{"Divide-by-zero", NF_SEC_NO}, {"Float-cast-overflow", NF_SEC_NO}, {"Integer-overflow", NF_SEC_NO},
	{"Invalid-bool-value", NF_SEC_NO}, {"Invalid-builtin-use", NF_SEC_NO}, {"Invalid-enum-value", NF_SEC_NO},
	{"Invalid-null-argument", NF_SEC_NO}, {"Invalid-null-return", NF_SEC_NO},
	{"Misaligned-address", NF_SEC_NO}, {"No-return-value", NF_SEC_NO}, {"Pointer-overflow", NF_SEC_NO},
	{"Potential-null-reference", NF_SEC_NO}, {"Undefined-shift", NF_SEC_NO},
	{"Unsigned-integer-overflow", NF_SEC_NO}, {"Unreachable code", NF_SEC_NO},
	{"Assumption-violation", NF_SEC_NO}, {"Upcast-of-null-pointer", NF_SEC_NO},
	/* hard failures, resource exhaustion and fuzzer-level findings; a
	 * timeout is run once (a second wait repeats the same hang) and, like
	 * an out-of-memory, not minimized (each step would take the full limit) */
	{"Fatal error", NF_SEC_NO, 0, U},
	{"Stack-overflow", NF_SEC_NO},
	{"Fatal-signal", NF_SEC_NO, 0, L},
	{"Missing-library", NF_SEC_NO, 0, U},
	{"Overwrites-const-input", NF_SEC_NO, 0, U, T, L},
	{"Floating-point-exception", NF_SEC_NO},
	{"Timeout", NF_SEC_NO, 0, U, T, L, .no_minimize = true, .run_once = true},
	{"Out-of-memory", NF_SEC_NO, 0, U, T, L, .no_minimize = true},
	{"Unexpected-exit", NF_SEC_NO, 0, U, L},
	{"Sanitizer CHECK failure", NF_SEC_NO, 0, U},
	{"Security CHECK failure", NF_SEC_NO, 0, U},
	{"CHECK failure", NF_SEC_NO, 0, U},
	{"ASSERT_NOT_REACHED", NF_SEC_NO},
	/* the socket behaviour model's oracle (issue 23, docs/sockets.md): the
	 * state is the op and the rule, never stack frames */
	{"Socket-behaviour-divergence", NF_SEC_NO, 0, U, .state_not_stack = true},
	{"Security DCHECK failure", 0, NF_SEV_HIGH, U},
	/* a crash with no better name: security only far from address zero */
	{"Null-dereference", NF_SEC_BY_ADDRESS}, {"Null-dereference READ", NF_SEC_BY_ADDRESS},
	{"Null-dereference WRITE", NF_SEC_BY_ADDRESS}, {"READ", NF_SEC_BY_ADDRESS},
	{"UNKNOWN", NF_SEC_BY_ADDRESS, NF_SEV_MEDIUM}, {"UNKNOWN READ", NF_SEC_BY_ADDRESS},
	{"UNKNOWN WRITE", NF_SEC_BY_ADDRESS}, {"WRITE", NF_SEC_BY_ADDRESS},
	/* severities of the sanitizers' memory errors (SeverityAnalyzerSanitizer) */
	{"Heap-double-free", 0, NF_SEV_HIGH}, {"Heap-use-after-free", 0, NF_SEV_HIGH},
	{"Use-after-poison", 0, NF_SEV_HIGH},
	{"Container-overflow", 0, NF_SEV_MEDIUM}, {"Heap-buffer-overflow", 0, NF_SEV_MEDIUM},
	{"Memcpy-param-overlap", 0, NF_SEV_MEDIUM}, {"Stack-buffer-overflow", 0, NF_SEV_MEDIUM},
	{"Use-of-uninitialized-value", 0, NF_SEV_MEDIUM},
};

#define NKINDS (sizeof kinds / sizeof kinds[0])

/* type is name, or name then a space or newline (and more) */
static bool starts(const char *type, const char *name)
{
	size_t l = strlen(name);

	return !strncmp(type, name, l) && (type[l] == 0 || type[l] == ' ' || type[l] == '\n');
}

const struct nf_crash_kind *nf_crash_kind(const char *type)
{
	for (size_t i = 0; i < NKINDS; i++)
		if (!strcmp(kinds[i].type, type))
			return &kinds[i];
	return NULL;
}

const struct nf_crash_kind *nf_crash_kind_first_line(const char *type)
{
	size_t n = strcspn(type, "\n");

	for (size_t i = 0; i < NKINDS; i++)
		if (strlen(kinds[i].type) == n && !strncmp(type, kinds[i].type, n))
			return &kinds[i];
	return NULL;
}

bool nf_crash_kind_memory(const char *type)
{
	for (size_t i = 0; i < NKINDS; i++)
		if (kinds[i].security == NF_SEC_MEMORY && starts(type, kinds[i].type))
			return true;
	return false;
}

int nf_crash_kind_severity(const char *word)
{
	for (size_t i = 0; i < NKINDS; i++)
		if (kinds[i].severity && starts(word, kinds[i].type))
			return kinds[i].severity;
	return 0;
}
