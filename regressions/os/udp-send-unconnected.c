/* udp-send-unconnected
 *
 * Source: POSIX send(): "[EDESTADDRREQ] The socket is not connection-mode
 * and no peer address is set."  Linux udp_sendmsg() returns -EDESTADDRREQ
 * when there is no msg_name and the socket is not connected. */
#include "netfuzz/repro.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

NF_REPRO(udp_send_unconnected,
	 .id = "udp-send-unconnected",
	 .title = "send() on an unconnected UDP socket fails EDESTADDRREQ",
	 .checks = "send() without a destination on an unconnected AF_INET UDP socket fails with EDESTADDRREQ",
	 .source = "POSIX send() errors; Linux net/ipv4/udp.c udp_sendmsg()",
	 .platforms = "linux macos freebsd",
	 .expect = {"linux: pass", "macos: pass", "freebsd: pass"},
	 .faults = {"send-unconnected-ok"})
{
	int fd = nf_rs_socket(r, AF_INET, SOCK_DGRAM), err;
	ssize_t s;

	if (fd < 0)
		return NF_FAIL;
	s = send(fd, "x", 1, NF_SEND_FLAGS);
	err = errno;
	close(fd);
	if (s >= 0)
		return nf_fail(r, "send() with no destination returned %zd (expected EDESTADDRREQ)", s);
	if (err != EDESTADDRREQ)
		return nf_fail(r, "send() with no destination failed with %s (expected EDESTADDRREQ)", strerror(err));
	nf_note(r, "send() with no destination: EDESTADDRREQ as expected");
	return NF_PASS;
}
