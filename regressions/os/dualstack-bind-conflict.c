/* dualstack-bind-conflict
 *
 * Source: RFC 3493 3.7 (an AF_INET6 socket with IPV6_V6ONLY off also owns
 * the IPv4 side of its port) and Linux net/ipv4/inet_connection_sock.c
 * inet_bind_conflict(): [::]:P with v6only=0 conflicts with 0.0.0.0:P, so
 * the second bind gets EADDRINUSE.  No SO_REUSEADDR/SO_REUSEPORT is set. */
#include "netfuzz/repro.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

NF_REPRO(dualstack_bind_conflict,
	 .id = "dualstack-bind-conflict",
	 .title = "dual-stack [::]:P conflicts with 0.0.0.0:P",
	 .checks = "with IPV6_V6ONLY=0, binding [::]:P after 0.0.0.0:P fails with EADDRINUSE",
	 .source = "RFC 3493 3.7; Linux inet_bind_conflict()",
	 .platforms = "linux macos freebsd",
	 .expect = {"linux: pass", "macos: pass", "freebsd: pass"},
	 .faults = {"v6only-forced-on"})
{
	struct sockaddr_in s4;
	struct sockaddr_in6 s6;
	int a = nf_rs_socket(r, AF_INET, SOCK_DGRAM), b = -1, rc, err, verdict = NF_FAIL;
	uint16_t port;

	if (a < 0)
		return NF_FAIL;
	nf_rs_sin(&s4, "0.0.0.0", 0);
	if (bind(a, (struct sockaddr *)&s4, sizeof s4) != 0) {
		nf_note(r, "bind 0.0.0.0:0: %s", strerror(errno));
		goto out;
	}
	port = nf_rs_port(a);
	b = nf_rs_socket(r, AF_INET6, SOCK_DGRAM);
	if (b < 0 || !nf_rs_setint(r, b, IPPROTO_IPV6, IPV6_V6ONLY, 0, "IPV6_V6ONLY"))
		goto out;
	nf_rs_sin6(&s6, "::", port);
	rc = bind(b, (struct sockaddr *)&s6, sizeof s6);
	err = errno;
	if (rc == 0)
		nf_note(r, "bind [::]:%u (v6only=0) after 0.0.0.0:%u succeeded (expected EADDRINUSE)", port, port);
	else if (err != EADDRINUSE)
		nf_note(r, "bind [::]:%u failed with %s (expected EADDRINUSE)", port, strerror(err));
	else {
		nf_note(r, "bind [::]:%u (v6only=0) after 0.0.0.0:%u: EADDRINUSE as expected", port, port);
		verdict = NF_PASS;
	}
out:
	close(a);
	if (b >= 0)
		close(b);
	return verdict;
}
