/* multicast-loop
 *
 * Source: RFC 1112 6.1 / ip(7) IP_MULTICAST_LOOP: "Set or read a boolean
 * integer argument that determines whether sent multicast packets should
 * be looped back to the local sockets" (default on).  The repro needs an
 * interface with IFF_MULTICAST that is not lo, so it creates a veth pair
 * in the runner's namespace (hence root), joins a group on it and sends
 * once with the loop on and once with it off. */
#include "netfuzz/repro.h"

#include <arpa/inet.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>

#define NF_MC_GROUP "239.77.0.1"
#define NF_MC_IFADDR "10.77.0.1"

NF_REPRO(multicast_loop,
	 .id = "multicast-loop",
	 .title = "IP_MULTICAST_LOOP on delivers locally, off does not",
	 .checks = "on a namespace's own veth interface, a datagram to a joined group is received with IP_MULTICAST_LOOP=1 and not with 0",
	 .source = "RFC 1112 6.1; Linux ip(7) IP_MULTICAST_LOOP",
	 .platforms = "linux macos freebsd",
	 .expect = {"linux: pass", "macos: pass", "freebsd: pass"},
	 .faults = {"drop-multicast-udp", "ignore-mcast-loop"},
	 .needs = NF_NEEDS_ROOT)
{
	static const char *const add[] = {"ip", "link", "add", "nfmc0", "type", "veth", "peer", "name", "nfmc1", NULL};
	static const char *const mc[] = {"ip", "link", "set", "nfmc0", "up", NULL};
	static const char *const addr[] = {"ip", "addr", "add", NF_MC_IFADDR "/24", "dev", "nfmc0", NULL};
	static const char *const del[] = {"ip", "link", "del", "nfmc0", NULL};
	struct ip_mreq mreq;
	struct in_addr ifa;
	struct sockaddr_in sa;
	int rx = -1, tx = -1, verdict = NF_FAIL, got_on = 0, got_off = 0;
	uint16_t port;

	if (!nf_rs_cmd(r, add))
		return NF_FAIL;
	if (!nf_rs_cmd(r, mc) || !nf_rs_cmd(r, addr))
		goto out;
	rx = nf_rs_socket(r, AF_INET, SOCK_DGRAM);
	tx = nf_rs_socket(r, AF_INET, SOCK_DGRAM);
	if (rx < 0 || tx < 0)
		goto out;
	nf_rs_sin(&sa, NF_MC_GROUP, 0);
	if (bind(rx, (struct sockaddr *)&sa, sizeof sa) != 0) {
		nf_note(r, "bind %s:0: %s", NF_MC_GROUP, strerror(errno));
		goto out;
	}
	port = nf_rs_port(rx);
	inet_pton(AF_INET, NF_MC_GROUP, &mreq.imr_multiaddr);
	inet_pton(AF_INET, NF_MC_IFADDR, &mreq.imr_interface);
	ifa = mreq.imr_interface;
	if (setsockopt(rx, IPPROTO_IP, IP_ADD_MEMBERSHIP, &mreq, sizeof mreq) != 0 ||
	    setsockopt(tx, IPPROTO_IP, IP_MULTICAST_IF, &ifa, sizeof ifa) != 0) {
		nf_note(r, "join %s on %s: %s", NF_MC_GROUP, NF_MC_IFADDR, strerror(errno));
		goto out;
	}
	nf_rs_sin(&sa, NF_MC_GROUP, port);
	for (int loop = 1; loop >= 0; loop--) {
		const char *msg = loop ? "loop-on" : "loop-off";
		char buf[16];
		ssize_t got;

		if (!nf_rs_setint(r, tx, IPPROTO_IP, IP_MULTICAST_LOOP, loop, "IP_MULTICAST_LOOP"))
			goto out;
		if (sendto(tx, msg, strlen(msg), NF_SEND_FLAGS, (struct sockaddr *)&sa, sizeof sa) < 0) {
			nf_note(r, "sendto %s:%u: %s", NF_MC_GROUP, port, strerror(errno));
			goto out;
		}
		while ((got = recv(rx, buf, sizeof buf - 1, 0)) >= 0) { /* until SO_RCVTIMEO */
			buf[got] = 0;
			if (!strcmp(buf, "loop-on"))
				got_on++;
			else if (!strcmp(buf, "loop-off"))
				got_off++;
			if (got_on + got_off > 4)
				break;
		}
	}
	nf_note(r, "group %s:%u on nfmc0: loop=1 received %d, loop=0 received %d (expected 1 and 0)",
		NF_MC_GROUP, port, got_on, got_off);
	if (got_on == 1 && got_off == 0)
		verdict = NF_PASS;
out:
	if (rx >= 0)
		close(rx);
	if (tx >= 0)
		close(tx);
	nf_rs_cmd(r, del);
	return verdict;
}
