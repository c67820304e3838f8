/* udp-msg-trunc
 *
 * Source: Linux udp(7) / recv(2): "MSG_TRUNC (since Linux 2.2): For raw,
 * Internet datagram ... return the real length of the packet or datagram,
 * even when it was longer than the passed buffer."  On the BSDs MSG_TRUNC
 * is only an output flag in msg_flags, so this is Linux-only. */
#include "netfuzz/repro.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#define NF_TRUNC_LEN 1000
#define NF_TRUNC_BUF 100

NF_REPRO(udp_msg_trunc,
	 .id = "udp-msg-trunc",
	 .title = "recv with MSG_TRUNC returns the real datagram length",
	 .checks = "a 1000-byte datagram read into 100 bytes with MSG_TRUNC returns 1000; recvmsg sets MSG_TRUNC in msg_flags",
	 .source = "Linux recv(2) MSG_TRUNC, udp(7)",
	 .platforms = "linux",
	 .expect = {"linux: pass"},
	 .faults = {"strip-msg-trunc"})
{
	static char big[NF_TRUNC_LEN];
	char small[NF_TRUNC_BUF];
	struct sockaddr_in dst;
	struct iovec iov = {small, sizeof small};
	struct msghdr mh = {0};
	int rx = nf_rs_socket(r, AF_INET, SOCK_DGRAM), tx = nf_rs_socket(r, AF_INET, SOCK_DGRAM);
	int verdict = NF_FAIL;
	ssize_t got;

	if (rx < 0 || tx < 0)
		goto out;
	memset(big, 'T', sizeof big);
	nf_rs_sin(&dst, "127.0.0.1", 0);
	if (bind(rx, (struct sockaddr *)&dst, sizeof dst) != 0) {
		nf_note(r, "bind: %s", strerror(errno));
		goto out;
	}
	nf_rs_sin(&dst, "127.0.0.1", nf_rs_port(rx));
	for (int i = 0; i < 2; i++)
		if (sendto(tx, big, sizeof big, NF_SEND_FLAGS, (struct sockaddr *)&dst, sizeof dst) != (ssize_t)sizeof big) {
			nf_note(r, "sendto %d bytes: %s", NF_TRUNC_LEN, strerror(errno));
			goto out;
		}
	got = recv(rx, small, sizeof small, MSG_TRUNC);
	if (got != NF_TRUNC_LEN) {
		nf_note(r, "recv(%d-byte buffer, MSG_TRUNC) of a %d-byte datagram returned %zd%s%s (expected %d)",
			NF_TRUNC_BUF, NF_TRUNC_LEN, got, got < 0 ? ": " : "", got < 0 ? strerror(errno) : "",
			NF_TRUNC_LEN);
		goto out;
	}
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	got = recvmsg(rx, &mh, 0);
	if (got != NF_TRUNC_BUF || !(mh.msg_flags & MSG_TRUNC)) {
		nf_note(r, "recvmsg without MSG_TRUNC returned %zd, msg_flags MSG_TRUNC %s (expected %d and set)",
			got, mh.msg_flags & MSG_TRUNC ? "set" : "clear", NF_TRUNC_BUF);
		goto out;
	}
	nf_note(r, "recv(MSG_TRUNC) returned %d for a %d-byte datagram into %d bytes; recvmsg flagged MSG_TRUNC",
		NF_TRUNC_LEN, NF_TRUNC_LEN, NF_TRUNC_BUF);
	verdict = NF_PASS;
out:
	if (rx >= 0)
		close(rx);
	if (tx >= 0)
		close(tx);
	return verdict;
}
