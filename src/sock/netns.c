/* The socket targets' network namespace, set up once per process.
 *
 * As root: unshare(CLONE_NEWNET).  Otherwise a user namespace owning a
 * network namespace (unshare(CLONE_NEWUSER | CLONE_NEWNET), our uid mapped
 * to 0).  Inside: lo up, and a veth pair "nf-sock-<pid>a"/"...b", the first with
 * 192.0.2.1/24 and 2001:db8::1/64 (IPv6 DAD off, so the address is usable
 * at once), multicast on, and 224.0.0.0/4 routed to it; the ICMP error
 * rate limit off (ICMP errors are part of what is modelled).  All through
 * rtnetlink (libmnl), ioctl and /proc/sys: nothing is run.  If neither
 * namespace can be made, one sentence on stderr and loopback only: the
 * model then skips every call that would reach a non-loopback address. */
#include "netfuzz/sock.h"

#include <errno.h>
#include <fcntl.h>
#include <libmnl/libmnl.h>
#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <poll.h>
#include <netinet/in.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static struct nf_sock_env env;
static bool env_done;

static bool write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	bool ok;

	if (fd < 0)
		return false;
	ok = write(fd, text, strlen(text)) == (ssize_t)strlen(text);
	close(fd);
	return ok;
}

static int read_int(const char *path, int dflt)
{
	char buf[32] = "";
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return dflt;
	n = read(fd, buf, sizeof buf - 1);
	close(fd);
	return n > 0 ? atoi(buf) : dflt;
}

static bool if_flags(const char *name, short set)
{
	struct ifreq ifr;
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	bool ok = false;

	if (fd < 0)
		return false;
	memset(&ifr, 0, sizeof ifr);
	snprintf(ifr.ifr_name, sizeof ifr.ifr_name, "%s", name);
	if (ioctl(fd, SIOCGIFFLAGS, &ifr) == 0) {
		ifr.ifr_flags |= set;
		ok = ioctl(fd, SIOCSIFFLAGS, &ifr) == 0;
	}
	close(fd);
	return ok;
}

/* One rtnetlink request, acknowledged. */
static bool rtnl_do(struct mnl_socket *nl, struct nlmsghdr *nlh)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	unsigned seq = nlh->nlmsg_seq, portid = mnl_socket_get_portid(nl);
	ssize_t n;

	if (mnl_socket_sendto(nl, nlh, nlh->nlmsg_len) < 0)
		return false;
	n = mnl_socket_recvfrom(nl, buf, sizeof buf);
	return n > 0 && mnl_cb_run(buf, (size_t)n, seq, portid, NULL, NULL) >= 0;
}

static struct nlmsghdr *rtnl_msg(char *buf, int type, int flags, unsigned seq)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);

	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | flags;
	nlh->nlmsg_seq = seq;
	return nlh;
}

/* A veth pair (veth(4)), both ends in our namespace: many kernels are
 * built without the dummy driver.  Only the first end gets addresses. */
static bool add_veth(struct mnl_socket *nl, const char *name, const char *peer)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh = rtnl_msg(buf, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, 1);
	struct ifinfomsg *ifm = mnl_nlmsg_put_extra_header(nlh, sizeof *ifm), *pifm;
	struct nlattr *li, *data, *pe;

	ifm->ifi_family = AF_UNSPEC;
	mnl_attr_put_strz(nlh, IFLA_IFNAME, name);
	li = mnl_attr_nest_start(nlh, IFLA_LINKINFO);
	mnl_attr_put_strz(nlh, IFLA_INFO_KIND, "veth");
	data = mnl_attr_nest_start(nlh, IFLA_INFO_DATA);
	pe = mnl_attr_nest_start(nlh, 1 /* VETH_INFO_PEER */);
	pifm = mnl_nlmsg_put_extra_header(nlh, sizeof *pifm);
	memset(pifm, 0, sizeof *pifm);
	mnl_attr_put_strz(nlh, IFLA_IFNAME, peer);
	mnl_attr_nest_end(nlh, pe);
	mnl_attr_nest_end(nlh, data);
	mnl_attr_nest_end(nlh, li);
	return rtnl_do(nl, nlh);
}

static bool add_addr(struct mnl_socket *nl, int ifindex, int fam, const void *a, int prefix, unsigned seq)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh = rtnl_msg(buf, RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL, seq);
	struct ifaddrmsg *ifa = mnl_nlmsg_put_extra_header(nlh, sizeof *ifa);
	size_t len = fam == AF_INET6 ? 16 : 4;

	ifa->ifa_family = (uint8_t)fam;
	ifa->ifa_prefixlen = (uint8_t)prefix;
	ifa->ifa_index = (unsigned)ifindex;
	ifa->ifa_scope = RT_SCOPE_UNIVERSE;
	/* IFA_F_NODAD: usable at once, never "tentative" (RFC 4862 5.4). */
	ifa->ifa_flags = fam == AF_INET6 ? IFA_F_NODAD : 0;
	mnl_attr_put(nlh, IFA_LOCAL, len, a);
	mnl_attr_put(nlh, IFA_ADDRESS, len, a);
	return rtnl_do(nl, nlh);
}

static bool add_mcast_route(struct mnl_socket *nl, int ifindex)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh = rtnl_msg(buf, RTM_NEWROUTE, NLM_F_CREATE | NLM_F_EXCL, 9);
	struct rtmsg *rtm = mnl_nlmsg_put_extra_header(nlh, sizeof *rtm);
	uint8_t dst[4] = {224, 0, 0, 0};

	rtm->rtm_family = AF_INET;
	rtm->rtm_dst_len = 4;
	rtm->rtm_table = RT_TABLE_MAIN;
	rtm->rtm_protocol = RTPROT_BOOT;
	rtm->rtm_scope = RT_SCOPE_LINK;
	rtm->rtm_type = RTN_UNICAST;
	mnl_attr_put(nlh, RTA_DST, 4, dst);
	mnl_attr_put_u32(nlh, RTA_OIF, (uint32_t)ifindex);
	return rtnl_do(nl, nlh);
}

/* `nft -f -` with the ruleset on stdin, in this (new) namespace; bounded. */
static bool load_nft(const char *ruleset)
{
	int in[2], status = 0;
	pid_t pid;
	struct timespec t0, now;

	if (pipe(in) != 0)
		return false;
	pid = fork();
	if (pid < 0)
		return false;
	if (pid == 0) {
		dup2(in[0], 0);
		close(in[0]);
		close(in[1]);
		unsetenv("LD_PRELOAD"); /* nft runs unfaulted */
		execlp("nft", "nft", "-f", "-", (char *)NULL);
		_exit(127);
	}
	close(in[0]);
	if (write(in[1], ruleset, strlen(ruleset)) < 0)
		status = -1;
	close(in[1]);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		if (waitpid(pid, &status, WNOHANG) == pid)
			break;
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (now.tv_sec - t0.tv_sec > 5) {
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			return false;
		}
		usleep(2000);
	}
	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

static bool apply_fault(void)
{
	const char *nft = getenv("NF_SOCK_FAULT_NFT"), *sysctl = getenv("NF_SOCK_FAULT_SYSCTL");

	if (nft && *nft && !load_nft(nft)) {
		fprintf(stderr, "netfuzz sock: could not load the fault's nftables ruleset in our namespace\n");
		return false;
	}
	if (sysctl && *sysctl) {
		char path[256];
		const char *eq = strchr(sysctl, '=');

		if (!eq)
			return false;
		snprintf(path, sizeof path, "/proc/sys/%.*s", (int)(eq - sysctl), sysctl);
		if (!write_file(path, eq + 1)) {
			fprintf(stderr, "netfuzz sock: could not set %s in our namespace\n", sysctl);
			return false;
		}
	}
	return true;
}

static bool enter_userns(void)
{
	char map[64];
	uid_t uid = getuid();
	gid_t gid = getgid();

	if (unshare(CLONE_NEWUSER | CLONE_NEWNET) != 0)
		return false;
	write_file("/proc/self/setgroups", "deny");
	snprintf(map, sizeof map, "0 %u 1", (unsigned)uid);
	if (!write_file("/proc/self/uid_map", map))
		return false;
	snprintf(map, sizeof map, "0 %u 1", (unsigned)gid);
	write_file("/proc/self/gid_map", map);
	return true;
}

static bool setup_inside(void)
{
	static const uint8_t a4[4] = {192, 0, 2, 1};
	static const uint8_t a6[16] = {0x20, 0x01, 0x0d, 0xb8, [15] = 1};
	struct mnl_socket *nl;
	char name[IFNAMSIZ], peer[IFNAMSIZ];
	bool ok;

	if (!if_flags("lo", IFF_UP))
		return false;
	/* Before the interface exists, so it inherits them. */
	write_file("/proc/sys/net/ipv6/conf/default/accept_dad", "0");
	write_file("/proc/sys/net/ipv6/conf/all/accept_dad", "0");
	/* ICMP errors are modelled: no rate limit in our namespace
	 * (ip-sysctl.rst icmp_ratemask, icmp/ratemask; RFC 1812 4.3.2.8). */
	write_file("/proc/sys/net/ipv4/icmp_ratemask", "0");
	write_file("/proc/sys/net/ipv4/icmp_ratelimit", "0");
	write_file("/proc/sys/net/ipv6/icmp/ratelimit", "0");
	write_file("/proc/sys/net/ipv6/icmp/ratemask", "2");
	env.icmp_unlimited = true;
	snprintf(name, sizeof name, "nf-sock-%da", (int)(getpid() % 1000000));
	snprintf(peer, sizeof peer, "nf-sock-%db", (int)(getpid() % 1000000));
	nl = mnl_socket_open2(NETLINK_ROUTE, SOCK_CLOEXEC);
	if (!nl)
		return false;
	ok = mnl_socket_bind(nl, 0, MNL_SOCKET_AUTOPID) == 0 && add_veth(nl, name, peer);
	if (ok) {
		env.dummy_ifindex = (int)if_nametoindex(name);
		ok = env.dummy_ifindex > 0 && if_flags(peer, IFF_UP) && if_flags(name, IFF_UP | IFF_MULTICAST) &&
		     add_addr(nl, env.dummy_ifindex, AF_INET, a4, 24, 2) &&
		     add_addr(nl, env.dummy_ifindex, AF_INET6, a6, 64, 3) && add_mcast_route(nl, env.dummy_ifindex);
	}
	mnl_socket_close(nl);
	return ok;
}

/* A datagram to ourselves on `a` (family fam) arrives within 50 ms?
 * Set-up, not a call under test: raw system calls, so a preloaded fault
 * shim (libnetfault's "first datagram") does not spend itself here. */
static bool self_echo(int fam, const void *a)
{
	struct sockaddr_storage ss;
	socklen_t sl = sizeof ss;
	int fd = socket(fam, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	bool ok = false;
	char c = 0;

	memset(&ss, 0, sizeof ss);
	ss.ss_family = (sa_family_t)fam;
	if (fam == AF_INET)
		memcpy(&((struct sockaddr_in *)&ss)->sin_addr, a, 4);
	else
		memcpy(&((struct sockaddr_in6 *)&ss)->sin6_addr, a, 16);
	if (fd >= 0 && bind(fd, (struct sockaddr *)&ss, fam == AF_INET ? sizeof(struct sockaddr_in) : sizeof(struct sockaddr_in6)) == 0 &&
	    getsockname(fd, (struct sockaddr *)&ss, &sl) == 0 &&
	    syscall(SYS_sendto, fd, &c, 1, 0, (struct sockaddr *)&ss, sl) == 1 &&
	    /* twice: a kernel fault may drop a flow's first datagram (netfuzz
	     * regress loads it before we run) */
	    syscall(SYS_sendto, fd, &c, 1, 0, (struct sockaddr *)&ss, sl) == 1) {
		struct pollfd pf = {fd, POLLIN, 0};

		ok = poll(&pf, 1, 50) == 1 && syscall(SYS_recvfrom, fd, &c, 1, 0, NULL, NULL) == 1;
	}
	if (fd >= 0)
		close(fd);
	return ok;
}

/* The veth's carrier comes up a moment after the link (linkwatch), and
 * IPv6 reconfigures the interface then: a datagram sent in between can be
 * lost.  Wait, bounded, until both addresses deliver to themselves. */
static bool wait_ready(void)
{
	static const uint8_t a4[4] = {192, 0, 2, 1};
	static const uint8_t a6[16] = {0x20, 0x01, 0x0d, 0xb8, [15] = 1};

	for (int i = 0; i < 60; i++) { /* at most ~3 s */
		if (self_echo(AF_INET, a4) && self_echo(AF_INET6, a6)) {
			usleep(20000);
			if (self_echo(AF_INET6, a6))
				return true;
		}
		usleep(20000);
	}
	return false;
}

const struct nf_sock_env *nf_sock_env(void)
{
	int fd;

	if (env_done)
		return &env;
	env_done = true;
	if (getenv("NF_SOCK_IN_NETNS")) {
		/* netfuzz regress made this namespace (and loaded the fault in it) */
		env.netns = true;
	} else if (!getenv("NF_SOCK_NO_NETNS")) {
		if (geteuid() == 0 && unshare(CLONE_NEWNET) == 0)
			env.netns = true;
		else if (enter_userns())
			env.netns = env.userns = true;
	}
	if (env.netns && (!setup_inside() || !wait_ready())) {
		fprintf(stderr, "netfuzz sock: could not configure our network namespace (%s); the dummy "
				"interface's addresses and the multicast group are not used\n",
			strerror(errno));
		env.netns = false; /* still private, but treat as loopback only */
	} else if (!env.netns) {
		fprintf(stderr, "netfuzz sock: no network namespace (%s); running on loopback only\n",
			getenv("NF_SOCK_NO_NETNS") ? "NF_SOCK_NO_NETNS is set"
						   : "not root and no user namespaces");
	}
	if (env.netns && !apply_fault())
		abort(); /* asked for a fault and could not load it: no silent campaign without it */
	/* SO_RCVBUF bounds (socket(7)): the kernel doubles the value, caps it
	 * at rmem_max, and never goes below its own floor. */
	env.rcvbuf_max = read_int("/proc/sys/net/core/rmem_max", 212992);
	env.rcvbuf_default = read_int("/proc/sys/net/core/rmem_default", 212992);
	env.rcvbuf_min = 2304;
	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd >= 0) {
		int v = 0;
		socklen_t l = sizeof v;

		if (setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &v, sizeof v) == 0 &&
		    getsockopt(fd, SOL_SOCKET, SO_RCVBUF, &v, &l) == 0)
			env.rcvbuf_min = v;
		l = sizeof v;
		if (getsockopt(fd, SOL_SOCKET, SO_RCVBUF, &v, &l) == 0 && !env.rcvbuf_default)
			env.rcvbuf_default = v;
		close(fd);
	}
	return &env;
}
