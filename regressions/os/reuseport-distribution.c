/* reuseport-distribution
 *
 * Source: Linux socket(7) SO_REUSEPORT (since 3.9): "For UDP sockets, the
 * use of this option can provide better distribution of incoming
 * datagrams to multiple processes (or threads)"; the kernel picks the
 * socket by a hash of the 4-tuple (net/core/sock_reuseport.c).  On the BSDs
 * SO_REUSEPORT lets sockets share a port but does not balance (FreeBSD has
 * SO_REUSEPORT_LB), so this is Linux-only. */
#include "netfuzz/repro.h"

#include <errno.h>
#include <poll.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define NF_RP_SOCKETS 4
#define NF_RP_FLOWS 64
#define NF_RP_WAIT_MS 1000

static long nf_rp_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000L + t.tv_nsec / 1000000L;
}

NF_REPRO(reuseport_distribution,
	 .id = "reuseport-distribution",
	 .title = "SO_REUSEPORT spreads UDP datagrams across sockets",
	 .checks = "64 flows from distinct source ports to 4 SO_REUSEPORT sockets on one port: all arrive and every socket gets some",
	 .source = "Linux socket(7) SO_REUSEPORT; net/core/sock_reuseport.c",
	 .platforms = "linux",
	 .expect = {"linux: pass"},
	 .faults = {"ignore-reuseport"})
{
	struct pollfd pfd[NF_RP_SOCKETS];
	int count[NF_RP_SOCKETS] = {0}, total = 0, verdict = NF_FAIL, nrx = 0;
	struct sockaddr_in sa;
	uint16_t port = 0;
	long deadline;

	for (int i = 0; i < NF_RP_SOCKETS; i++) {
		int fd = nf_rs_socket(r, AF_INET, SOCK_DGRAM);

		if (fd < 0)
			goto out;
		pfd[nrx].fd = fd;
		pfd[nrx].events = POLLIN;
		nrx++;
		if (!nf_rs_setint(r, fd, SOL_SOCKET, SO_REUSEPORT, 1, "SO_REUSEPORT"))
			goto out;
		nf_rs_sin(&sa, "127.0.0.1", port);
		if (bind(fd, (struct sockaddr *)&sa, sizeof sa) != 0) {
			nf_note(r, "bind socket %d to 127.0.0.1:%u with SO_REUSEPORT: %s", i + 1, port, strerror(errno));
			goto out;
		}
		port = nf_rs_port(fd);
	}
	nf_rs_sin(&sa, "127.0.0.1", port);
	for (int f = 0; f < NF_RP_FLOWS; f++) { /* a fresh source port per flow */
		int tx = nf_rs_socket(r, AF_INET, SOCK_DGRAM);
		ssize_t s;

		if (tx < 0)
			goto out;
		s = sendto(tx, "flow", 4, NF_SEND_FLAGS, (struct sockaddr *)&sa, sizeof sa);
		close(tx);
		if (s != 4) {
			nf_note(r, "sendto flow %d: %s", f + 1, strerror(errno));
			goto out;
		}
	}
	deadline = nf_rp_ms() + NF_RP_WAIT_MS;
	while (total < NF_RP_FLOWS && nf_rp_ms() < deadline) {
		if (poll(pfd, NF_RP_SOCKETS, 100) <= 0)
			continue;
		for (int i = 0; i < NF_RP_SOCKETS; i++) {
			char buf[8];

			if ((pfd[i].revents & POLLIN) && recv(pfd[i].fd, buf, sizeof buf, MSG_DONTWAIT) >= 0) {
				count[i]++;
				total++;
			}
		}
	}
	nf_note(r, "%d/%d datagrams to 127.0.0.1:%u, per socket:", total, NF_RP_FLOWS, port);
	for (int i = 0; i < NF_RP_SOCKETS; i++)
		nf_note(r, "%d", count[i]);
	verdict = NF_PASS;
	if (total != NF_RP_FLOWS)
		verdict = nf_fail(r, "(some lost)");
	for (int i = 0; i < NF_RP_SOCKETS; i++)
		if (count[i] == 0) {
			verdict = nf_fail(r, "(socket %d got none)", i + 1);
			break;
		}
out:
	for (int i = 0; i < nrx; i++)
		close(pfd[i].fd);
	return verdict;
}
