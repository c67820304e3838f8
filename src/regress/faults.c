/* The fault catalogue for `netfuzz regress --inject FAULT`.  Each fault is a
 * mechanism that recreates, on Linux, a way an OS can break what a repro
 * checks.  Kernel faults (nftables, sysctl) are applied inside the repro's
 * own network namespace, so they need root and vanish with the namespace;
 * syscall faults come from build/libnetfault.so (regressions/os/fault/). */
#include "netfuzz/repro.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef __APPLE__
#define NF_PRELOAD_VAR "DYLD_INSERT_LIBRARIES"
#else
#define NF_PRELOAD_VAR "LD_PRELOAD"
#endif

/* Drop the first UDP datagram of every flow (5-tuple) on the input hook:
 * the sender's sendto() has already succeeded, as in the macOS report. */
#define NFT_DROP_FIRST_UDP                                                                   \
	"table inet netfuzz_fault {\n"                                                       \
	" set seen4 { type ipv4_addr . inet_service . ipv4_addr . inet_service;"             \
	" flags dynamic, timeout; timeout 60s; }\n"                                          \
	" set seen6 { type ipv6_addr . inet_service . ipv6_addr . inet_service;"             \
	" flags dynamic, timeout; timeout 60s; }\n"                                          \
	" chain input { type filter hook input priority filter; policy accept;\n"            \
	"  meta nfproto ipv4 meta l4proto udp ip saddr . udp sport . ip daddr . udp dport"   \
	" != @seen4 add @seen4 { ip saddr . udp sport . ip daddr . udp dport } counter drop\n" \
	"  meta nfproto ipv6 meta l4proto udp ip6 saddr . udp sport . ip6 daddr . udp dport" \
	" != @seen6 add @seen6 { ip6 saddr . udp sport . ip6 daddr . udp dport } counter drop\n" \
	" }\n}\n"

static const struct nf_fault faults[] = {
	{"drop-first-udp", NF_FAULT_NFT,
	 "nftables, input hook: drop the first UDP datagram of each flow; sendto() still succeeds",
	 NFT_DROP_FIRST_UDP},
	{"drop-icmp-unreach", NF_FAULT_NFT,
	 "nftables, input hook: drop ICMP and ICMPv6 port-unreachable",
	 "table inet netfuzz_fault { chain input { type filter hook input priority filter;"
	 " policy accept;\n"
	 "  icmp type destination-unreachable icmp code port-unreachable counter drop\n"
	 "  icmpv6 type destination-unreachable icmpv6 code port-unreachable counter drop\n"
	 " }\n}\n"},
	{"drop-empty-udp", NF_FAULT_NFT,
	 "nftables, input hook: drop UDP datagrams with no payload (udp length 8)",
	 "table inet netfuzz_fault { chain input { type filter hook input priority filter;"
	 " policy accept;\n  meta l4proto udp udp length 8 counter drop\n }\n}\n"},
	{"drop-multicast-udp", NF_FAULT_NFT,
	 "nftables, input hook: drop UDP to IPv4 multicast (224.0.0.0/4) and ff00::/8",
	 "table inet netfuzz_fault { chain input { type filter hook input priority filter;"
	 " policy accept;\n"
	 "  meta l4proto udp ip daddr 224.0.0.0/4 counter drop\n"
	 "  meta l4proto udp ip6 daddr ff00::/8 counter drop\n }\n}\n"},
	{"drop-arp", NF_FAULT_NFT,
	 "nftables, arp family input hook: drop every ARP packet, so no neighbour resolves",
	 "table arp netfuzz_fault { chain input { type filter hook input priority filter;"
	 " policy accept;\n  counter drop\n }\n}\n"},
	{"policy-rule", NF_FAULT_IPRULE,
	 "ip rule: 8.0.0.0/8 is looked up in table 100 (unreachable there), a policy a lookup of the main table does not see",
	 "route add unreachable 8.0.0.0/8 table 100\n"
	 "rule add to 8.0.0.0/8 lookup 100 priority 100\n"},
	{"bindv6only", NF_FAULT_SYSCTL,
	 "sysctl net.ipv6.bindv6only=1 in the namespace: AF_INET6 sockets default to v6-only (the FreeBSD default)",
	 "net/ipv6/bindv6only=1"},
	{"swallow-first-sendto", NF_FAULT_PRELOAD,
	 "libnetfault: the first datagram sent is dropped while send/sendto/sendmsg return success",
	 "NETFAULT_SWALLOW_SENDTO=1"},
	{"zero-len-error", NF_FAULT_PRELOAD,
	 "libnetfault: sending a zero-length datagram fails with EINVAL",
	 "NETFAULT_ZERO_LEN_ERROR=1"},
	{"v6only-forced-on", NF_FAULT_PRELOAD,
	 "libnetfault: new AF_INET6 sockets get IPV6_V6ONLY=1 and setsockopt(IPV6_V6ONLY) is ignored",
	 "NETFAULT_V6ONLY=1"},
	{"v6only-forced-off", NF_FAULT_PRELOAD,
	 "libnetfault: new AF_INET6 sockets get IPV6_V6ONLY=0 and setsockopt(IPV6_V6ONLY) is ignored",
	 "NETFAULT_V6ONLY=0"},
	{"hide-econnrefused", NF_FAULT_PRELOAD,
	 "libnetfault: ECONNREFUSED from recv/recvfrom/recvmsg becomes EAGAIN",
	 "NETFAULT_HIDE_ICMP_ERRORS=1"},
	{"send-unconnected-ok", NF_FAULT_PRELOAD,
	 "libnetfault: send() with no destination on an unconnected datagram socket reports success",
	 "NETFAULT_SEND_UNCONNECTED_OK=1"},
	{"strip-msg-trunc", NF_FAULT_PRELOAD,
	 "libnetfault: MSG_TRUNC is removed from recv flags (recv returns the copied length)",
	 "NETFAULT_STRIP_MSG_TRUNC=1"},
	{"ignore-reuseport", NF_FAULT_PRELOAD,
	 "libnetfault: setsockopt(SO_REUSEPORT) returns 0 and does nothing",
	 "NETFAULT_IGNORE_REUSEPORT=1"},
	{"ignore-mcast-loop", NF_FAULT_PRELOAD,
	 "libnetfault: setsockopt(IP_MULTICAST_LOOP/IPV6_MULTICAST_LOOP) returns 0 and does nothing",
	 "NETFAULT_IGNORE_MCAST_LOOP=1"},
};

const struct nf_fault *nf_fault_at(size_t i)
{
	return i < sizeof faults / sizeof faults[0] ? &faults[i] : NULL;
}

const struct nf_fault *nf_fault_find(const char *name)
{
	for (size_t i = 0; i < sizeof faults / sizeof faults[0]; i++)
		if (!strcmp(faults[i].name, name))
			return &faults[i];
	return NULL;
}

const char *nf_fault_kind_name(enum nf_fault_kind k)
{
	switch (k) {
	case NF_FAULT_NFT: return "kernel/nftables";
	case NF_FAULT_SYSCTL: return "kernel/sysctl";
	case NF_FAULT_IPRULE: return "kernel/ip-rule";
	case NF_FAULT_PRELOAD: return "syscall/libnetfault";
	}
	return "?";
}

size_t nf_fault_env(const struct nf_fault *f, const char *shim, bool for_target, struct nf_fault_env *e)
{
	size_t n = 0;

	switch (f->kind) {
	case NF_FAULT_PRELOAD:
		snprintf(e->text[n++], sizeof e->text[0], "%s=%s", NF_PRELOAD_VAR, shim);
		snprintf(e->text[n++], sizeof e->text[0], "%s", f->config);
		if (for_target)
			snprintf(e->text[n++], sizeof e->text[0], "NETFAULT_KEEP_PRELOAD=1");
		break;
	case NF_FAULT_NFT:
	case NF_FAULT_SYSCTL:
		if (for_target) /* targets/sock_udp.c looks the name up in this table */
			snprintf(e->text[n++], sizeof e->text[0], "NF_SOCK_FAULT=%s", f->name);
		break;
	case NF_FAULT_IPRULE:
		break;
	}
	for (size_t i = 0; i < n; i++)
		e->v[i] = e->text[i];
	e->v[n] = NULL;
	return n;
}

/* The fault the environment applies when it was set by hand as
 * nf_fault_env sets it: NF_SOCK_FAULT (kernel), or a libnetfault variable
 * with the shim preloaded (syscall).  NULL: none. */
const char *nf_fault_in_env(void)
{
	const char *k = getenv("NF_SOCK_FAULT");

	if (k && *k)
		return k;
	for (size_t i = 0; i < sizeof faults / sizeof faults[0]; i++) {
		const struct nf_fault *f = &faults[i];
		const char *eq = strchr(f->config, '=');
		char var[64];

		if (f->kind != NF_FAULT_PRELOAD || !eq || (size_t)(eq - f->config) >= sizeof var)
			continue;
		snprintf(var, sizeof var, "%.*s", (int)(eq - f->config), f->config);
		if (getenv(var) && !strcmp(getenv(var), eq + 1) && getenv(NF_PRELOAD_VAR))
			return f->name;
	}
	return NULL;
}
