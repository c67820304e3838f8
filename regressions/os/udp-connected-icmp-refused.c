/* udp-connected-icmp-refused
 *
 * Source: RFC 1122 4.1.3.3 (UDP must pass ICMP errors to the application)
 * and Linux udp(7): "all fatal errors will be passed to the user as an
 * error return even when the socket is not connected" only with IP_RECVERR;
 * a *connected* socket gets ECONNREFUSED on the next call after an ICMP
 * port unreachable (RFC 792 type 3 code 3). */
#include "netfuzz/repro.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#define NF_REFUSED_TRIES 3

NF_REPRO(udp_connected_icmp_refused,
	 .id = "udp-connected-icmp-refused",
	 .title = "connected UDP socket sees ECONNREFUSED after ICMP port unreachable",
	 .checks = "send to a closed 127.0.0.1 port on a connected socket, then recv fails with ECONNREFUSED",
	 .source = "RFC 1122 4.1.3.3; RFC 792; Linux udp(7)",
	 .platforms = "linux macos freebsd",
	 .expect = {"linux: pass", "macos: pass", "freebsd: pass"},
	 .faults = {"drop-icmp-unreach", "hide-econnrefused"})
{
	struct sockaddr_in sa;
	int probe = nf_rs_socket(r, AF_INET, SOCK_DGRAM), fd, verdict = NF_FAIL;
	uint16_t port;
	char buf[16];

	if (probe < 0)
		return NF_FAIL;
	nf_rs_sin(&sa, "127.0.0.1", 0);
	if (bind(probe, (struct sockaddr *)&sa, sizeof sa) != 0) {
		close(probe);
		return nf_fail(r, "bind 127.0.0.1:0: %s", strerror(errno));
	}
	port = nf_rs_port(probe);
	close(probe); /* the port is now closed: datagrams to it draw ICMP */
	fd = nf_rs_socket(r, AF_INET, SOCK_DGRAM);
	if (fd < 0)
		return NF_FAIL;
	nf_rs_sin(&sa, "127.0.0.1", port);
	if (connect(fd, (struct sockaddr *)&sa, sizeof sa) != 0) {
		nf_note(r, "connect 127.0.0.1:%u: %s", port, strerror(errno));
		goto out;
	}
	for (int i = 0; i < NF_REFUSED_TRIES; i++) {
		ssize_t s = send(fd, "ping", 4, NF_SEND_FLAGS), got;

		if (s < 0 && errno == ECONNREFUSED) {
			nf_note(r, "send #%d to closed 127.0.0.1:%u: ECONNREFUSED (error from the previous ICMP)", i + 1, port);
			verdict = NF_PASS;
			goto out;
		}
		if (s != 4) {
			nf_note(r, "send #%d: %s", i + 1, s < 0 ? strerror(errno) : "short");
			goto out;
		}
		got = recv(fd, buf, sizeof buf, 0);
		if (got < 0 && errno == ECONNREFUSED) {
			nf_note(r, "recv after send #%d to closed 127.0.0.1:%u: ECONNREFUSED as expected", i + 1, port);
			verdict = NF_PASS;
			goto out;
		}
		if (got >= 0) {
			nf_note(r, "recv returned %zd bytes from a closed port", got);
			goto out;
		}
		if (errno != EAGAIN && errno != EWOULDBLOCK) {
			nf_note(r, "recv: %s (expected ECONNREFUSED)", strerror(errno));
			goto out;
		}
	}
	nf_note(r, "%d sends to closed 127.0.0.1:%u, no ECONNREFUSED (recv timed out each time)",
		NF_REFUSED_TRIES, port);
out:
	close(fd);
	return verdict;
}
