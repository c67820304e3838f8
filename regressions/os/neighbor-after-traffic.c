/* neighbor-after-traffic
 *
 * Source: RFC 826 (ARP) and RFC 4861 7.3 / Linux neighbour state machine
 * (net/core/neighbour.c, ip-neighbour(8)): after a host sends to an
 * on-link peer, the peer is resolved and its neighbour entry holds the
 * peer's link-layer address in a usable state (REACHABLE, STALE, DELAY or
 * PROBE; not INCOMPLETE or FAILED).  The entry is read through netfuzz's own
 * rtnetlink path: nf_route_live_dump() -> nf_route_decode_netlink()
 * (src/route/), the decoder the rtnetlink fuzz target drives.
 *
 * Topology: a veth pair; nfnb0 (10.78.0.1/24) stays in the runner's
 * namespace, nfnb1 (10.78.0.2/24, MAC 02:6e:66:00:00:02) is moved into a
 * second namespace owned by a child process, removed when it exits. */
#include "netfuzz/repro.h"
#include "netfuzz/route.h"

#include <errno.h>
#include <net/if.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#define NF_NB_PEER_IP "10.78.0.2"
#define NF_NB_PEER_MAC "02:6e:66:00:00:02"
#define NF_NB_POLLS 40      /* x NF_NB_POLL_MS: at most 2 s for resolution */
#define NF_NB_POLL_MS 50
#define NF_NB_PEER_LIFE_MS 15000

/* The peer: its own namespace, configured once nfnb1 has been moved in.
 * Protocol on the pipes: parent writes 'm' (moved), child answers 'r'
 * (ready); the child lives until the parent closes its end (bounded). */
static void peer(int in, int out)
{
	static const char *const addr[] = {"ip", "addr", "add", NF_NB_PEER_IP "/24", "dev", "nfnb1", NULL};
	static const char *const up[] = {"ip", "link", "set", "nfnb1", "up", NULL};
	struct nf_rctx scratch = {0};
	struct pollfd pf = {in, POLLIN, 0};
	char c;

#ifdef __linux__
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (unshare(CLONE_NEWNET) != 0)
		_exit(1);
#endif
	if (write(out, "n", 1) != 1) /* namespace exists */
		_exit(1);
	if (poll(&pf, 1, NF_NB_PEER_LIFE_MS) <= 0 || read(in, &c, 1) != 1)
		_exit(1);
	if (!nf_rs_cmd(&scratch, addr) || !nf_rs_cmd(&scratch, up))
		_exit(1);
	if (write(out, "r", 1) != 1)
		_exit(1);
	poll(&pf, 1, NF_NB_PEER_LIFE_MS); /* until the parent closes `in` */
	_exit(0);
}

static bool wait_byte(int fd, char want)
{
	struct pollfd pf = {fd, POLLIN, 0};
	char c;

	return poll(&pf, 1, 5000) == 1 && read(fd, &c, 1) == 1 && c == want;
}

NF_REPRO(neighbor_after_traffic,
	 .id = "neighbor-after-traffic",
	 .title = "neighbour entry holds the peer's MAC after traffic (read by netfuzz's rtnetlink decoder)",
	 .checks = "over a veth pair into a second namespace, after a datagram to the peer the rtnetlink neighbour dump (decoded by nf_route_decode_netlink) has 10.78.0.2 with MAC 02:6e:66:00:00:02 in a resolved state",
	 .source = "RFC 826; Linux net/core/neighbour.c, ip-neighbour(8)",
	 .platforms = "linux",
	 .expect = {"linux: pass"},
	 .faults = {"drop-arp"},
	 .needs = NF_NEEDS_ROOT)
{
	static const char *const add[] = {"ip", "link", "add", "nfnb0", "type", "veth", "peer", "name", "nfnb1",
					  "address", NF_NB_PEER_MAC, NULL};
	static const char *const addr[] = {"ip", "addr", "add", "10.78.0.1/24", "dev", "nfnb0", NULL};
	static const char *const up[] = {"ip", "link", "set", "nfnb0", "up", NULL};
	static const char *const del[] = {"ip", "link", "del", "nfnb0", NULL};
	char pidarg[16], mac[64] = "", state[96] = "";
	const char *move[] = {"ip", "link", "set", "nfnb1", "netns", pidarg, NULL};
	int to_peer[2] = {-1, -1}, from_peer[2] = {-1, -1}, verdict = NF_FAIL, fd = -1, found = 0;
	struct sockaddr_in sa;
	struct nf_addr want;
	unsigned ifindex;
	pid_t pid = -1;

	if (!nf_rs_cmd(r, add))
		return NF_FAIL;
	if (!nf_rs_cmd(r, addr) || !nf_rs_cmd(r, up) || pipe(to_peer) != 0 || pipe(from_peer) != 0)
		goto out;
	fflush(NULL);
	pid = fork();
	if (pid == 0) {
		close(to_peer[1]);
		close(from_peer[0]);
		peer(to_peer[0], from_peer[1]);
	}
	close(to_peer[0]);
	close(from_peer[1]);
	snprintf(pidarg, sizeof pidarg, "%d", (int)pid);
	if (pid < 0 || !wait_byte(from_peer[0], 'n') || !nf_rs_cmd(r, move) || write(to_peer[1], "m", 1) != 1 ||
	    !wait_byte(from_peer[0], 'r')) {
		nf_note(r, "could not set up the peer namespace");
		goto out;
	}
	ifindex = if_nametoindex("nfnb0");
	nf_addr_parse(NF_NB_PEER_IP, &want);
	fd = nf_rs_socket(r, AF_INET, SOCK_DGRAM);
	nf_rs_sin(&sa, NF_NB_PEER_IP, 9); /* discard: any port draws ARP first */
	if (fd < 0 || sendto(fd, "hello", 5, NF_SEND_FLAGS, (struct sockaddr *)&sa, sizeof sa) != 5) {
		nf_note(r, "sendto %s: %s", NF_NB_PEER_IP, strerror(errno));
		goto out;
	}
	for (int i = 0; i < NF_NB_POLLS && !found; i++) {
		struct nf_rtable t;
		struct nf_rt_error err;

		poll(NULL, 0, NF_NB_POLL_MS);
		nf_rtable_init_dynamic(&t);
		if (nf_route_live_dump(&t, &err) != NF_RTE_OK) {
			nf_note(r, "rtnetlink dump: %s (%s) at record %zu", nf_rt_errcode_name(err.code),
				err.what ? err.what : "", err.record);
			nf_rtable_free(&t);
			goto out;
		}
		for (size_t k = 0; k < t.nneighs; k++) {
			const struct nf_neigh *n = &t.neighs[k];

			if (n->ifindex != ifindex || n->ip.kind != NF_ADDR_IPV4 || memcmp(n->ip.a, want.a, 4))
				continue;
			nf_addr_format(&n->lladdr, mac, sizeof mac);
			snprintf(state, sizeof state, "0x%02x", n->state);
			found = (n->state & (NF_NUD_REACHABLE | NF_NUD_STALE | NF_NUD_DELAY | NF_NUD_PROBE)) &&
				!strcmp(mac, NF_NB_PEER_MAC);
		}
		nf_rtable_free(&t);
	}
	if (found) {
		nf_note(r, "neighbour %s on nfnb0: lladdr %s, NUD state %s (decoded by nf_route_decode_netlink)",
			NF_NB_PEER_IP, mac, state);
		verdict = NF_PASS;
	} else if (mac[0]) {
		nf_note(r, "neighbour %s on nfnb0 not resolved to %s: lladdr '%s', NUD state %s", NF_NB_PEER_IP,
			NF_NB_PEER_MAC, mac, state);
	} else {
		nf_note(r, "no neighbour entry for %s on nfnb0 in the rtnetlink dump", NF_NB_PEER_IP);
	}
out:
	if (fd >= 0)
		close(fd);
	{
		struct nf_rctx quiet = {0}; /* gone already if the peer died */

		nf_rs_cmd(&quiet, del);
	}
	if (to_peer[1] >= 0)
		close(to_peer[1]); /* the peer exits; its namespace goes */
	if (from_peer[0] >= 0)
		close(from_peer[0]);
	if (pid > 0) {
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
	}
	return verdict;
}
