/* Frame ignore rules, security flag, severity and signature, following the
 * rules of ClusterFuzz (src/clusterfuzz/stacktraces/constants.py
 * STACK_FRAME_IGNORE_REGEXES, crash_analysis/crash_analyzer.py
 * is_security_issue, severity_analyzer.py SeverityAnalyzerSanitizer),
 * restricted to what a Linux C/C++ build can print, plus netfuzz's own
 * harness frames.  Written from their documented behaviour; no code copied. */
#include "kinds.h"
#include "netfuzz/triage.h"

#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Function names dropped when they are the whole name. */
static const char *const ignore_exact[] = {
	"abort", "exit", "pthread_create", "pthread_kill", "raise", "tgkill",
	"__chk_fail", "__fortify_fail", "<unknown>", "[vdso]",
};

/* Frames dropped when the function name starts with one of these:
 * runtimes (sanitizers, libFuzzer), libc entry points and allocators,
 * and netfuzz's harness (the NF_TARGET adapter, the replay driver). */
static const char *const ignore_prefix[] = {
	"aeabi_", "__aeabi_", "memcmp", "__memcmp", "memcpy", "__memcpy",
	"memmove", "__memmove", "memset", "__memset", "strcmp", "__strcmp",
	"strcpy", "__strcpy", "strdup", "__strdup", "strlen", "__strlen",
	"strncpy", "__strncpy", "<null>", "Abort(", "LLVMFuzzerTestOneInput",
	"MSanAtExitWrapper", "New", "SignalAction", "SignalHandler",
	"TestOneProtoInput", "__GI_", "__asan::", "__asan_", "__assert_",
	"__cxa_", "__dump_stack", "_objc_terminate", "std::terminate",
	/* debug and logging plumbing (ClusterFuzz: BreakDebugger, LogMessage) */
	"BreakDebugger", "base::debug::BreakDebugger", "logging::LogMessage", "LogMessage",
	"__hwasan::", "__hwasan_", "__interceptor_", "__libc_", "__lsan::",
	"__lsan_", "__msan::", "__msan_", "__pthread_kill", "__run_exit_handlers",
	"__sanitizer::", "__sanitizer_", "__tsan::", "__tsan_", "__ubsan::",
	"__ubsan_", "_asan_", "_hwasan_", "_lsan_", "_msan_", "_sanitizer_",
	"_start", "_tsan_", "_ubsan_", "abort", "asan_", "calloc",
	"check_memory_region", "common_exit", "delete", "demangling_terminate_handler",
	"dump_backtrace", "exit_or_terminate_process", "free", "fuzzer::", "gsignal",
	"main", "malloc", "new", "operator", "realloc", "scanf", "std::__terminate",
	"libgcc_s.so", "linux-gate.so",
	/* netfuzz harness: the NF_TARGET body and the standalone driver */
	"nf_target_run_",
	/* honggfuzz's persistent-mode harness (libhfuzz/persistent.c:
	 * HonggfuzzRunOneInput, HonggfuzzPersistentLoop, HonggfuzzRunFromFile),
	 * the counterpart of libFuzzer's fuzzer:: frames */
	"Honggfuzz",
};

/* Frames dropped when the frame text (function and location) contains one
 * of these: runtime internals, assertion plumbing, toolchain and libc
 * source paths, unknown modules. */
static const char *const ignore_contains[] = {
	"ASAN_OnSIGSEGV", "allocator_shim", "asan_Heap", "asan_check_access",
	"assert", "libpthread", "logger", "Inline Function @", "+Unknown",
	"<unknown module>", "/gcc/", "/glibc-", "/libc++", "libc++/", "/libc/",
	"/llvm-build/", "/sanitizer_common/", "/jemalloc/", "/tcmalloc/",
	"/crosstool/", "/memorycmp.c", "compiler-rt/lib/", "targets/driver/standalone.c",
	"/libhfuzz/", "/libhfcommon/",
	/* shared objects of libc and the C++ runtime (ClusterFuzz drops these
	 * only for symbolized stacks; an unsymbolized one never names a
	 * project function anyway) */
	"libc.so", "libc++.so", "libc++_shared.so", "libstdc++.so",
};

bool nf_triage_ignore_frame(const char *frame)
{
	size_t n = strlen(frame), fn = strcspn(frame, " ");
	const char *dash;

	if (n < 3)
		return true;
	for (size_t i = 0; i < sizeof ignore_exact / sizeof *ignore_exact; i++)
		if (fn == strlen(ignore_exact[i]) && !strncmp(frame, ignore_exact[i], fn))
			return true;
	for (size_t i = 0; i < sizeof ignore_prefix / sizeof *ignore_prefix; i++)
		if (!strncmp(frame, ignore_prefix[i], strlen(ignore_prefix[i])))
			return true;
	for (size_t i = 0; i < sizeof ignore_contains / sizeof *ignore_contains; i++)
		if (strstr(frame, ignore_contains[i]))
			return true;
	/* glibc's versioned object, libc-2.31.so */
	dash = strstr(frame, "libc-");
	if (dash && strstr(dash, ".so"))
		return true;
	return false;
}

bool nf_triage_is_security(const struct nf_crash *c)
{
	const char *t = c->type, *text = c->text ? c->text : "";
	const struct nf_crash_kind *k = nf_crash_kind(t);

	if (strstr(text, "FuzzerSecurityIssue"))
		return true;
	if (strstr(text, "pc (nil) ") || strstr(text, "pc 0x00000000 ") ||
	    strstr(text, "pc 0x000000000000 "))
		return true; /* jump to address zero */
	if (strstr(t, "-leak") || strstr(t, "Data race") || strstr(t, "Lock-order-inversion"))
		return false;
	if (nf_crash_kind_memory(t))
		return true;
	if (k && k->security == NF_SEC_YES)
		return true;
	if (k && k->security == NF_SEC_NO)
		return false;
	if (!t[0])
		return false;
	/* abort, bus error, illegal instruction, breakpoint: not memory corruption */
	if (strstr(text, "Sanitizer: ABRT") || strstr(text, "Sanitizer: BUS") ||
	    strstr(text, "Sanitizer: FPE") || strstr(text, "Sanitizer: ILL") ||
	    strstr(text, "Sanitizer: breakpoint") || strstr(text, " in gsignal "))
		return false;
	/* the same signals in honggfuzz's own report (honggfuzz.c) */
	if (!strcmp(c->sanitizer, "honggfuzz") &&
	    (strstr(text, "SIGNAL: SIGABRT") || strstr(text, "SIGNAL: SIGBUS") || strstr(text, "SIGNAL: SIGILL") ||
	     strstr(text, "SIGNAL: SIGTRAP") || strstr(text, "SIGNAL: SIGSYS")))
		return false;
	if (k && k->security == NF_SEC_BY_ADDRESS) /* an unknown crash far from address zero is likely exploitable */
		return strtoull(c->address, NULL, 16) >= 0x1000;
	return true; /* anything else a sanitizer reports is memory corruption */
}

/* SeverityAnalyzerSanitizer: by the first word of the type, one step up
 * for a WRITE (capped at HIGH); no severity for other types. */
const char *nf_triage_severity(const struct nf_crash *c)
{
	char first[64];
	size_t n = strcspn(c->type, " \n");
	int level;

	if (!c->security)
		return NULL;
	snprintf(first, sizeof first, "%.*s", (int)(n < sizeof first ? n : sizeof first - 1), c->type);
	level = nf_crash_kind_severity(first);
	if (!level)
		return NULL;
	if (strstr(c->type, "WRITE") && level < 2)
		level++;
	return level == 2 ? "HIGH" : "MEDIUM";
}

void nf_triage_signature(const char *type, const char *state, char out[17])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	size_t tl = strlen(type), sl = strlen(state);
	char *buf = malloc(tl + sl + 2);

	out[0] = 0;
	if (!buf)
		return;
	memcpy(buf, type, tl);
	buf[tl] = '\n';
	memcpy(buf + tl + 1, state, sl + 1);
	if (EVP_Digest(buf, tl + 1 + sl, md, NULL, EVP_sha1(), NULL))
		for (int i = 0; i < 8; i++)
			snprintf(out + 2 * i, 3, "%02x", md[i]);
	free(buf);
}
