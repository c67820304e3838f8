/* netfuzz replay [--inject FAULT] TARGET FILE|DIR...: run inputs in one
 * process through the standalone ASan+UBSan build of TARGET (built on
 * demand).  The sanitizer report is passed through; the input that caused
 * it is named.  --inject runs it under a fault as `netfuzz fuzz --inject`
 * does (harness/inject.c). */
#include "cli.h"
#include "inject.h"
#include "netfuzz/target.h"

#include "netfuzz/proc.h"

#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

NF_COMMAND(replay, "[--inject FAULT] TARGET FILE|DIR...",
	   "replay inputs through a target's ASan+UBSan build; exit 1 on a crash")
{
	char bin[PATH_MAX], line[8192], last[8192] = "";
	char *const *fault_env = NULL;
	const struct nf_target *t;
	int fd = -1, status;
	FILE *err;
	pid_t pid;

	if (argc >= 2 && !strncmp(argv[1], "--inject", 8) && (argv[1][8] == 0 || argv[1][8] == '=')) {
		const char *name = argv[1][8] == '=' ? argv[1] + 9 : argc >= 3 ? argv[2] : NULL;

		if (!name || !*name)
			return nf_usage_error("replay", "option '--inject' needs a value: a fault (netfuzz regress --list-faults)");
		if (nf_inject_env("replay", name, &fault_env) != 0)
			return NF_EXIT_USAGE;
		argc -= argv[1][8] == '=' ? 1 : 2;
		argv += argv[1][8] == '=' ? 1 : 2;
	}
	if (argc < 3)
		return nf_usage_error("replay", "usage: netfuzz replay [--inject FAULT] TARGET FILE|DIR...");
	t = nf_target_find(argv[1]);
	if (!t)
		return nf_usage_error("replay", "unknown target '%s' (netfuzz list shows the targets)", argv[1]);
	if (!nf_target_binary("standalone", "address", t->name, true, bin, sizeof bin))
		return NF_EXIT_USAGE;

	nf_default_env("ASAN_OPTIONS", "exitcode=77:detect_leaks=1:allocator_may_return_null=1");
	nf_default_env("UBSAN_OPTIONS", "print_stacktrace=1:halt_on_error=1");
	unsetenv("NETFUZZ_QUIET"); /* we need the driver's "Running:" lines */
	{
		char **args = calloc((size_t)argc + 1, sizeof *args);

		if (!args)
			return nf_usage_error("replay", "out of memory");
		args[0] = bin;
		for (int i = 2; i < argc; i++)
			args[i - 1] = argv[i];
		pid = nf_proc_spawn(args, fault_env, false, &fd);
		free(args);
	}
	if (pid < 0)
		return NF_EXIT_USAGE;
	err = fdopen(fd, "r");
	while (err && fgets(line, sizeof line, err)) {
		if (!strncmp(line, "Running: ", 9)) {
			snprintf(last, sizeof last, "%s", line + 9);
			last[strcspn(last, "\n")] = 0;
			continue; /* progress noise; kept to name a crashing input */
		}
		fputs(line, stderr);
	}
	if (err)
		fclose(err);
	if (waitpid(pid, &status, 0) < 0)
		return nf_usage_error("replay", "waitpid: %m");
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return NF_EXIT_OK;
	if (WIFEXITED(status) && (WEXITSTATUS(status) == 2 || WEXITSTATUS(status) == 127))
		return NF_EXIT_USAGE; /* input error or exec failure, already explained */
	fprintf(stderr, "netfuzz: replay: %s crashed on input %s (%s %d)\n", t->name,
		last[0] ? last : "(before the first input)",
		WIFSIGNALED(status) ? "signal" : "exit code",
		WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
	return NF_EXIT_FINDINGS;
}
