/* Fuzz target: a UDP socket program (include/netfuzz/sock.h) run on the
 * real kernel in a private network namespace, every call checked against
 * the behaviour model (src/sock/model*.c); a divergence traps with the
 * program, the prediction, the kernel's result and the rule
 * (docs/sockets.md). */
#include "netfuzz/oracle.h"
#include "netfuzz/sock.h"
#include "netfuzz/target.h"

NF_META(sock_udp, mutator, "structure")
NF_META(sock_udp, oracles, "sock-model")

static struct nf_sock_prog prog;

/* The parse alone: what the structure mutator records (no kernel calls). */
NF_RECORD(sock_udp)
{
	nf_sock_parse(data, size, &prog);
	return 0;
}

NF_TARGET(sock_udp, "sock", "nf_sock_run(): socket calls on the kernel vs the behaviour model")
{
	struct nf_sock_outcome o;

	nf_target_record(data, size);
	if (!nf_sock_run(&prog, &o) && nf_oracle_enabled())
		nf_sock_trap(&prog, &o);
	return 0;
}
