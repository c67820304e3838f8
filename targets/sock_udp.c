/* Fuzz target: a UDP socket program (include/netfuzz/sock.h) run on the
 * real kernel in a private network namespace, every call checked against
 * the behaviour model (src/sock/model*.c); a divergence traps with the
 * program, the prediction, the kernel's result and the rule
 * (docs/sockets.md). */
#include "netfuzz/oracle.h"
#include "netfuzz/sock.h"
#include "netfuzz/structure.h"
#include "netfuzz/target.h"

NF_TARGET(sock_udp, "sock", "nf_sock_run(): socket calls on the kernel vs the behaviour model")
{
	static struct nf_sock_prog p;
	struct nf_sock_outcome o;

	nf_sock_parse(data, size, &p);
	if (NF_REC_ON()) /* the mutator only wants the program's structure */
		return 0;
	if (!nf_sock_run(&p, &o) && nf_oracle_enabled())
		nf_sock_trap(&p, &o);
	return 0;
}
