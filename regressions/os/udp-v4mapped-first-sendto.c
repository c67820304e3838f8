/* udp-v4mapped-first-sendto
 *
 * Source: a macOS 15.6.1 field report (netfuzz issue 6).  An AF_INET6 UDP
 * socket with IPV6_V6ONLY=0, bound to the IPv4-mapped address
 * ::ffff:192.168.1.2 (RFC 4291 2.5.5.2), sends to that same address: the
 * first sendto() returns success but the datagram never arrives (the
 * kernel's content filter failed to re-inject it); the second one does.
 * Mapped addresses on AF_INET6 sockets: RFC 3493 3.7.
 *
 * Sends NF_V4M_COUNT datagrams with unique payloads and reports exactly
 * which arrived.  In the runner's namespace the address is 192.168.1.2 on a
 * veth interface, as in the report; without root it is ::ffff:127.0.0.1. */
#include "netfuzz/repro.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define NF_V4M_COUNT 8

NF_REPRO(udp_v4mapped_first_sendto,
	 .id = "udp-v4mapped-first-sendto",
	 .title = "first sendto() on a v4-mapped AF_INET6 UDP socket is delivered",
	 .checks = "every one of 8 datagrams sent from and to ::ffff:a.b.c.d arrives, the first included",
	 .source = "macOS 15.6.1 report: first datagram lost by the content filter (issue 6)",
	 .platforms = "linux macos freebsd",
	 .expect = {"linux: pass", "macos-15.6.1: known-fail (first datagram lost)", "macos: pass",
		    "freebsd: pass"},
	 .faults = {"drop-first-udp", "swallow-first-sendto"})
{
	static const char *const veth_add[] = {"ip", "link", "add", "nfv4m0", "type", "veth", "peer", "name", "nfv4m1", NULL};
	static const char *const veth_addr[] = {"ip", "addr", "add", "192.168.1.2/24", "dev", "nfv4m0", NULL};
	static const char *const veth_up[] = {"ip", "link", "set", "nfv4m0", "up", NULL};
	static const char *const veth_del[] = {"ip", "link", "del", "nfv4m0", NULL};
	const char *mapped = "::ffff:127.0.0.1";
	bool arrived[NF_V4M_COUNT] = {0}, have_veth = false;
	struct sockaddr_in6 sa;
	int fd, n = 0, verdict = NF_PASS;
	uint16_t port;

	if (r->in_netns) {
		if (!nf_rs_cmd(r, veth_add) || !nf_rs_cmd(r, veth_addr) || !nf_rs_cmd(r, veth_up))
			return NF_FAIL;
		have_veth = true;
		mapped = "::ffff:192.168.1.2";
	}
	fd = nf_rs_socket(r, AF_INET6, SOCK_DGRAM);
	if (fd < 0 || !nf_rs_setint(r, fd, IPPROTO_IPV6, IPV6_V6ONLY, 0, "IPV6_V6ONLY")) {
		verdict = NF_FAIL;
		goto out;
	}
	nf_rs_sin6(&sa, mapped, 0);
	if (bind(fd, (struct sockaddr *)&sa, sizeof sa) != 0) {
		verdict = nf_fail(r, "bind [%s]:0: %s", mapped, strerror(errno));
		goto out;
	}
	port = nf_rs_port(fd);
	nf_rs_sin6(&sa, mapped, port);
	for (int i = 0; i < NF_V4M_COUNT; i++) {
		char msg[32];
		int len = snprintf(msg, sizeof msg, "nf-v4m-%d", i + 1);
		ssize_t s = sendto(fd, msg, (size_t)len, NF_SEND_FLAGS, (struct sockaddr *)&sa, sizeof sa);

		if (s != len) {
			verdict = nf_fail(r, "sendto #%d to [%s]:%u: %s", i + 1, mapped, port,
					  s < 0 ? strerror(errno) : "short write");
			goto out;
		}
	}
	for (int tries = 0; tries < NF_V4M_COUNT * 2; tries++) { /* each bounded by SO_RCVTIMEO */
		char buf[64];
		ssize_t got = recv(fd, buf, sizeof buf - 1, 0);
		int idx;

		if (got < 0)
			break;
		buf[got] = 0;
		if (sscanf(buf, "nf-v4m-%d", &idx) == 1 && idx >= 1 && idx <= NF_V4M_COUNT && !arrived[idx - 1]) {
			arrived[idx - 1] = true;
			n++;
		}
	}
	nf_note(r, "[%s]:%u sendto x%d all returned success; %d/%d arrived", mapped, port,
		NF_V4M_COUNT, n, NF_V4M_COUNT);
	if (n < NF_V4M_COUNT) {
		nf_note(r, "; missing:");
		for (int i = 0; i < NF_V4M_COUNT; i++)
			if (!arrived[i])
				nf_note(r, "#%d", i + 1);
		verdict = NF_FAIL;
	}
out:
	if (fd >= 0)
		close(fd);
	if (have_veth)
		nf_rs_cmd(r, veth_del);
	return verdict;
}
