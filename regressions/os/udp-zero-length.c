/* udp-zero-length
 *
 * Source: RFC 768 (a UDP datagram may carry no data: length 8) and POSIX
 * recv(): for a datagram socket a return of 0 is a zero-length datagram,
 * not end-of-file.  The repro checks the empty datagram is delivered and
 * that the socket keeps working after recv returned 0. */
#include "netfuzz/repro.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

NF_REPRO(udp_zero_length,
	 .id = "udp-zero-length",
	 .title = "zero-length UDP datagram is delivered; recv 0 is not EOF",
	 .checks = "sendto of 0 bytes succeeds, recvfrom returns 0 with the sender's address, and the next datagram still arrives",
	 .source = "RFC 768; POSIX recv()",
	 .platforms = "linux macos freebsd",
	 .expect = {"linux: pass", "macos: pass", "freebsd: pass"},
	 .faults = {"drop-empty-udp", "zero-len-error"})
{
	struct sockaddr_in dst, from;
	socklen_t fl = sizeof from;
	int rx = nf_rs_socket(r, AF_INET, SOCK_DGRAM), tx = nf_rs_socket(r, AF_INET, SOCK_DGRAM);
	int verdict = NF_FAIL;
	char buf[16];
	ssize_t s, got;

	if (rx < 0 || tx < 0)
		goto out;
	nf_rs_sin(&dst, "127.0.0.1", 0);
	if (bind(rx, (struct sockaddr *)&dst, sizeof dst) != 0 || bind(tx, (struct sockaddr *)&dst, sizeof dst) != 0) {
		nf_note(r, "bind 127.0.0.1:0: %s", strerror(errno));
		goto out;
	}
	nf_rs_sin(&dst, "127.0.0.1", nf_rs_port(rx));
	s = sendto(tx, "", 0, NF_SEND_FLAGS, (struct sockaddr *)&dst, sizeof dst);
	if (s != 0) {
		nf_note(r, "sendto of 0 bytes: %s", s < 0 ? strerror(errno) : "returned non-zero");
		goto out;
	}
	got = recvfrom(rx, buf, sizeof buf, 0, (struct sockaddr *)&from, &fl);
	if (got != 0) {
		nf_note(r, "recvfrom after a 0-byte datagram: %s",
			got < 0 ? (errno == EAGAIN || errno == EWOULDBLOCK ? "nothing arrived (timed out)" : strerror(errno))
				: "returned data");
		goto out;
	}
	if (from.sin_port != htons(nf_rs_port(tx))) {
		nf_note(r, "recvfrom returned 0 but the sender port is %u, not %u", ntohs(from.sin_port), nf_rs_port(tx));
		goto out;
	}
	if (sendto(tx, "after", 5, NF_SEND_FLAGS, (struct sockaddr *)&dst, sizeof dst) != 5 ||
	    recv(rx, buf, sizeof buf, 0) != 5) {
		nf_note(r, "after the empty datagram the next one did not arrive: %s", strerror(errno));
		goto out;
	}
	nf_note(r, "0-byte datagram delivered (recvfrom 0 from 127.0.0.1:%u); next 5-byte datagram arrived",
		nf_rs_port(tx));
	verdict = NF_PASS;
out:
	if (rx >= 0)
		close(rx);
	if (tx >= 0)
		close(tx);
	return verdict;
}
