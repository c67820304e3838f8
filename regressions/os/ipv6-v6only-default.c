/* ipv6-v6only-default
 *
 * Source: RFC 3493 5.3 leaves the default of IPV6_V6ONLY to the system.
 * Linux: off unless net.ipv6.bindv6only=1 (Documentation/networking/
 * ip-sysctl.rst); FreeBSD: on (net.inet6.ip6.v6only=1, ip6(4)); macOS: off.
 * Socket code that wants dual-stack must set it explicitly; this repro
 * reports the platform default and compares it with that expectation. */
#include "netfuzz/repro.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#if defined(__FreeBSD__)
#define NF_V6ONLY_EXPECTED 1
#else
#define NF_V6ONLY_EXPECTED 0 /* Linux, macOS */
#endif

NF_REPRO(ipv6_v6only_default,
	 .id = "ipv6-v6only-default",
	 .title = "default IPV6_V6ONLY of a new AF_INET6 socket",
	 .checks = "getsockopt(IPV6_V6ONLY) on fresh UDP and TCP AF_INET6 sockets equals the platform default (Linux 0, FreeBSD 1)",
	 .source = "RFC 3493 5.3; Linux ip-sysctl.rst bindv6only; FreeBSD ip6(4)",
	 .platforms = "linux macos freebsd",
	 .expect = {"linux: pass", "macos: pass", "freebsd: pass"},
	 .faults = {"bindv6only", "v6only-forced-on"})
{
	static const int types[2] = {SOCK_DGRAM, SOCK_STREAM};
	int verdict = NF_PASS;

	for (int i = 0; i < 2; i++) {
		int fd = nf_rs_socket(r, AF_INET6, types[i]), v = -1;
		socklen_t vl = sizeof v;

		if (fd < 0)
			return NF_FAIL;
		if (getsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &v, &vl) != 0) {
			close(fd);
			return nf_fail(r, "getsockopt(IPV6_V6ONLY): %s", strerror(errno));
		}
		close(fd);
		nf_note(r, "%s default IPV6_V6ONLY=%d (expected %d);",
			types[i] == SOCK_DGRAM ? "UDP" : "TCP", v, NF_V6ONLY_EXPECTED);
		if (v != NF_V6ONLY_EXPECTED)
			verdict = NF_FAIL;
	}
	return verdict;
}
