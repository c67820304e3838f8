/* netfuzz replay TARGET FILE|DIR...: run inputs in one process through the
 * standalone ASan+UBSan build of TARGET (built on demand).  The sanitizer
 * report is passed through; the input that caused it is named. */
#include "netfuzz/cli.h"
#include "netfuzz/target.h"

#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* Sanitizer settings for replay, unless the user set their own. */
static void default_env(const char *name, const char *value)
{
	if (!getenv(name))
		setenv(name, value, 1);
}

NF_COMMAND(replay, "TARGET FILE|DIR...", "replay inputs through a target's ASan+UBSan build; exit 1 on a crash")
{
	char bin[PATH_MAX], line[8192], last[8192] = "";
	const struct nf_target *t;
	int fds[2], status;
	FILE *err;
	pid_t pid;

	if (argc < 3)
		return nf_usage_error("replay", "usage: netfuzz replay TARGET FILE|DIR...");
	t = nf_target_find(argv[1]);
	if (!t)
		return nf_usage_error("replay", "unknown target '%s' (netfuzz list shows the targets)", argv[1]);
	if (!nf_target_binary("standalone", "address", t->name, true, bin, sizeof bin))
		return NF_EXIT_USAGE;

	default_env("ASAN_OPTIONS", "exitcode=77:detect_leaks=1:allocator_may_return_null=1");
	default_env("UBSAN_OPTIONS", "print_stacktrace=1:halt_on_error=1");
	unsetenv("NETFUZZ_QUIET"); /* we need the driver's "Running:" lines */
	if (pipe(fds) != 0)
		return nf_usage_error("replay", "pipe: %m");
	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return nf_usage_error("replay", "fork: %m");
	if (pid == 0) {
		char **args = calloc((size_t)argc + 1, sizeof *args);

		dup2(fds[1], 2);
		close(fds[0]);
		close(fds[1]);
		args[0] = bin;
		for (int i = 2; i < argc; i++)
			args[i - 1] = argv[i];
		execv(bin, args);
		fprintf(stderr, "netfuzz-replay: exec %s: %m\n", bin);
		_exit(2);
	}
	close(fds[1]);
	err = fdopen(fds[0], "r");
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
	if (WIFEXITED(status) && WEXITSTATUS(status) == 2)
		return NF_EXIT_USAGE; /* input error, already explained */
	fprintf(stderr, "netfuzz: replay: %s crashed on input %s (%s %d)\n", t->name,
		last[0] ? last : "(before the first input)",
		WIFSIGNALED(status) ? "signal" : "exit code",
		WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
	return NF_EXIT_FINDINGS;
}
