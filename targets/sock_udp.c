/* Fuzz target: a UDP socket program (include/netfuzz/sock.h) run on the
 * real kernel in a private network namespace, every call checked against
 * the behaviour model (src/sock/model*.c); a divergence traps with the
 * program, the prediction, the kernel's result and the rule
 * (docs/sockets.md). */
#include "netfuzz/oracle.h"
#include "netfuzz/repro.h"
#include "netfuzz/sock.h"
#include "netfuzz/target.h"

#include <stdio.h>
#include <stdlib.h>

NF_META(sock_udp, mutator, "structure")
NF_META(sock_udp, oracles, "sock-model")

static struct nf_sock_prog prog;

/* NF_SOCK_FAULT=NAME (netfuzz fuzz --inject NAME, a kernel fault of
 * src/regress/faults.c): hand its ruleset or sysctl to the namespace
 * set-up, which loads it in the target's own namespace. */
static void kernel_fault(void)
{
	const char *name = getenv("NF_SOCK_FAULT");
	const struct nf_fault *f = name && *name ? nf_fault_find(name) : NULL;

	if (name && *name && (!f || (f->kind != NF_FAULT_NFT && f->kind != NF_FAULT_SYSCTL))) {
		fprintf(stderr, "sock_udp: NF_SOCK_FAULT=%s is not a kernel fault (netfuzz regress --list-faults)\n", name);
		abort();
	}
	if (f)
		setenv(f->kind == NF_FAULT_NFT ? "NF_SOCK_FAULT_NFT" : "NF_SOCK_FAULT_SYSCTL", f->config, 1);
}

/* The parse alone: what the structure mutator records (no kernel calls). */
NF_RECORD(sock_udp)
{
	nf_sock_parse(data, size, &prog);
	return 0;
}

NF_TARGET(sock_udp, "sock", "nf_sock_run(): socket calls on the kernel vs the behaviour model")
{
	struct nf_sock_outcome o;

	static bool started;

	if (!started) {
		started = true;
		kernel_fault();
	}
	nf_target_record(data, size);
	if (!nf_sock_run(&prog, &o) && nf_oracle_enabled())
		nf_sock_trap(&prog, &o);
	return 0;
}
