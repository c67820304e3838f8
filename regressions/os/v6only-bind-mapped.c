/* v6only-bind-mapped
 *
 * Source: Linux net/ipv6/af_inet6.c __inet6_bind(): a v4-mapped address
 * on a socket with IPV6_V6ONLY set is rejected with EINVAL ("Binding to
 * v4-mapped address on a v6-only socket makes no sense").  RFC 3493 5.3:
 * a v6-only socket sends and receives IPv6 packets only. */
#include "netfuzz/repro.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

NF_REPRO(v6only_bind_mapped,
	 .id = "v6only-bind-mapped",
	 .title = "bind to a v4-mapped address on a v6-only socket fails",
	 .checks = "with IPV6_V6ONLY=1, bind(::ffff:127.0.0.1) fails with EINVAL",
	 .source = "Linux net/ipv6/af_inet6.c __inet6_bind(); RFC 3493 5.3",
	 .platforms = "linux",
	 .expect = {"linux: pass"},
	 .faults = {"v6only-forced-off"})
{
	struct sockaddr_in6 sa;
	int fd = nf_rs_socket(r, AF_INET6, SOCK_DGRAM), rc, err;

	if (fd < 0 || !nf_rs_setint(r, fd, IPPROTO_IPV6, IPV6_V6ONLY, 1, "IPV6_V6ONLY")) {
		if (fd >= 0)
			close(fd);
		return NF_FAIL;
	}
	nf_rs_sin6(&sa, "::ffff:127.0.0.1", 0);
	rc = bind(fd, (struct sockaddr *)&sa, sizeof sa);
	err = errno;
	close(fd);
	if (rc == 0)
		return nf_fail(r, "bind([::ffff:127.0.0.1]:0) on a v6-only socket succeeded (expected EINVAL)");
	if (err != EINVAL)
		return nf_fail(r, "bind([::ffff:127.0.0.1]:0) failed with %s (expected EINVAL)", strerror(err));
	nf_note(r, "bind([::ffff:127.0.0.1]:0) with IPV6_V6ONLY=1: EINVAL as expected");
	return NF_PASS;
}
