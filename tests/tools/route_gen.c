/* route_gen: deterministic route dumps written through nf_route_encode.
 *
 *   route_gen seeds CORPORA_DIR        seeds for rtmsg_darwin, rtmsg_freebsd,
 *                                      rtnetlink and proc_net
 *   route_gen big N FORMAT OUT          N synthetic routes (+ N/10 neighbours)
 *                                      as darwin|darwin2|freebsd|netlink
 *   route_gen decode-bench FILE FORMAT REPS
 *                                      records and median records/s of an
 *                                      in-process decode (bench/routes.sh)
 *
 * The /proc/net text seeds are printed with the kernel's own format strings
 * (net/ipv4/fib_trie.c fib_route_seq_show, net/ipv4/arp.c). */
#include "netfuzz/route.h"
#include "netfuzz/util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

static struct nf_route R[256];
static struct nf_neigh N[64];
static struct nf_iface I[16];

static void die(const char *what)
{
	fprintf(stderr, "route_gen: %s: %s\n", what, strerror(errno));
	exit(2);
}

static void iface(struct nf_rtable *t, uint32_t index, const char *name, int mac_last)
{
	struct nf_iface *f = nf_rtable_add_iface(t);

	f->index = index;
	snprintf(f->name, sizeof f->name, "%s", name);
	if (mac_last >= 0)
		f->lladdr = (struct nf_addr){.kind = NF_ADDR_LINK, .len = 6, .index = index, .lltype = 6,
					     .a = {0x02, 0, 0, 0, 0, (uint8_t)mac_last}};
}

static struct nf_route *route(struct nf_rtable *t, const char *dst, uint8_t prefix, const char *gw,
			      uint32_t ifindex, const char *ifname, uint8_t type, uint32_t table,
			      uint32_t metric, uint32_t flags)
{
	struct nf_route *r = nf_rtable_add_route(t);

	nf_addr_parse(dst, &r->dst);
	r->family = r->dst.kind;
	r->prefix = prefix;
	if (gw)
		nf_addr_parse(gw, &r->gw);
	else if (t->os != NF_RTOS_LINUX) /* a BSD interface route's gateway: its link ("link#N") */
		r->gw = (struct nf_addr){.kind = NF_ADDR_LINK, .index = ifindex, .lltype = 6};
	r->ifindex = ifindex;
	snprintf(r->ifname, sizeof r->ifname, "%s", ifname);
	r->type = type;
	r->table = table;
	r->metric = metric;
	r->flags = flags;
	r->protocol = 4; /* RTPROT_STATIC */
	return r;
}

static void neigh(struct nf_rtable *t, const char *ip, int mac_last, uint32_t ifindex, const char *ifname,
		  uint16_t state, uint32_t rtflags)
{
	struct nf_neigh *n = nf_rtable_add_neigh(t);

	nf_addr_parse(ip, &n->ip);
	/* sdl_type IFT_ETHER (net/if_types.h) on BSD; rtnetlink writes no
	 * type.  Linux writes no NDA_LLADDR for an entry that has no address
	 * yet (neigh_fill_info: only NUD_VALID states). */
	n->lladdr.kind = mac_last >= 0 || t->os != NF_RTOS_LINUX ? NF_ADDR_LINK : NF_ADDR_NONE;
	n->lladdr.index = n->lladdr.kind ? ifindex : 0;
	n->lladdr.lltype = n->lladdr.kind ? 6 : 0;
	if (mac_last >= 0) {
		n->lladdr.len = 6;
		memcpy(n->lladdr.a, (uint8_t[]){0x02, 0x42, 0, 0, 0, (uint8_t)mac_last}, 6);
	}
	n->ifindex = ifindex;
	snprintf(n->ifname, sizeof n->ifname, "%s", ifname);
	n->state = state;
	n->expire = state == NF_NUD_PERMANENT ? 0 : 1200;
	n->rtflags = rtflags;
}

/* A laptop on Wi-Fi with an OpenVPN tunnel (redirect-gateway def1). */
static void home(struct nf_rtable *t, enum nf_rt_os os)
{
	uint32_t ugs = 0x803, uc = 0x101, ifscope = os == NF_RTOS_DARWIN ? 0x1000000 : 0;

	nf_rtable_init_fixed(t, R, 256, N, 64, I, 16);
	t->os = os;
	iface(t, 1, "lo0", -1);
	iface(t, 4, "en0", 4);
	iface(t, 9, "utun3", -1);
	route(t, "0.0.0.0", 0, "192.168.1.1", 4, "en0", NF_RTN_UNICAST, 254, 0, ugs);
	route(t, "0.0.0.0", 1, "10.8.0.1", 9, "utun3", NF_RTN_UNICAST, 254, 0, ugs);
	route(t, "128.0.0.0", 1, "10.8.0.1", 9, "utun3", NF_RTN_UNICAST, 254, 0, ugs);
	route(t, "192.168.1.0", 24, NULL, 4, "en0", NF_RTN_UNICAST, 254, 0, uc | ifscope);
	route(t, "10.8.0.0", 24, NULL, 9, "utun3", NF_RTN_UNICAST, 254, 0, uc);
	route(t, "203.0.113.0", 24, NULL, 1, "lo0", NF_RTN_BLACKHOLE, 254, 0, 0x1801);
	route(t, "198.51.100.7", 32, "192.168.1.1", 4, "en0", NF_RTN_UNICAST, 254, 0, 0x807);
	route(t, "127.0.0.1", 32, NULL, 1, "lo0", NF_RTN_UNICAST, 254, 0, 0x5);
	route(t, "::", 0, "fe80::1", 4, "en0", NF_RTN_UNICAST, 254, 0, ugs);
	route(t, "2001:db8:1::", 64, NULL, 4, "en0", NF_RTN_UNICAST, 254, 0, uc);
	neigh(t, "192.168.1.1", 1, 4, "en0", NF_NUD_REACHABLE, 0x10000405 & (os == NF_RTOS_DARWIN ? ~0u : 0xffff));
	neigh(t, "192.168.1.9", -1, 4, "en0", NF_NUD_INCOMPLETE, 0x405);
	neigh(t, "192.168.1.2", 2, 4, "en0", NF_NUD_PERMANENT, 0xc05);
	neigh(t, "fe80::1", 1, 4, "en0", NF_NUD_STALE, 0x405);
	if (os == NF_RTOS_LINUX) /* RTF_* bits mean nothing there (bit 0 is RTNH_F_DEAD) */
		for (size_t i = 0; i < t->nroutes; i++)
			t->routes[i].flags = 0;
}

/* A Linux router: ECMP, table 1000, local/broadcast, unreachable, RTA_VIA. */
static void router(struct nf_rtable *t)
{
	struct nf_route *r;

	nf_rtable_init_fixed(t, R, 256, N, 64, I, 16);
	t->os = NF_RTOS_LINUX;
	iface(t, 1, "lo", -1);
	iface(t, 2, "veth0", 2);
	iface(t, 3, "veth1", 3);
	r = route(t, "0.0.0.0", 0, NULL, 0, "", NF_RTN_UNICAST, 254, 0, 0);
	r->nnexthops = 2;
	nf_addr_parse("10.0.0.1", &r->nh[0].gw);
	r->nh[0].ifindex = 2;
	r->nh[0].weight = 1;
	nf_addr_parse("10.0.1.1", &r->nh[1].gw);
	r->nh[1].ifindex = 3;
	r->nh[1].weight = 3;
	route(t, "10.0.0.0", 24, NULL, 2, "veth0", NF_RTN_UNICAST, 254, 0, 0)->scope = 253;
	route(t, "172.16.0.0", 12, "10.0.0.1", 2, "veth0", NF_RTN_UNICAST, 1000, 50, 0);
	route(t, "192.0.2.0", 24, NULL, 0, "", NF_RTN_BLACKHOLE, 254, 0, 0);
	route(t, "198.51.100.0", 24, NULL, 0, "", NF_RTN_UNREACHABLE, 254, 0, 0);
	route(t, "10.0.0.2", 32, NULL, 2, "veth0", NF_RTN_LOCAL, 255, 0, 0);
	route(t, "10.0.0.255", 32, NULL, 2, "veth0", NF_RTN_BROADCAST, 255, 0, 0);
	route(t, "10.9.0.0", 16, "fe80::1", 2, "veth0", NF_RTN_UNICAST, 254, 20, 0x4);
	route(t, "2001:db8::", 32, "2001:db8:ffff::1", 3, "veth1", NF_RTN_UNICAST, 254, 1024, 0);
	neigh(t, "10.0.0.1", 1, 2, "veth0", NF_NUD_REACHABLE, 0);
	neigh(t, "10.0.0.7", -1, 2, "veth0", NF_NUD_INCOMPLETE, 0);
	neigh(t, "10.0.1.1", 3, 3, "veth1", NF_NUD_PERMANENT, 0);
	neigh(t, "2001:db8:ffff::1", 4, 3, "veth1", NF_NUD_DELAY, 0);
}

static void write_file(const char *dir, const char *name, const uint8_t *p, size_t n)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	if (!(f = fopen(path, "wb")) || fwrite(p, 1, n, f) != n || fclose(f))
		die(path);
}

static void emit(const char *dir, const char *name, const struct nf_rtable *t, enum nf_rt_format fmt)
{
	static uint8_t buf[1 << 16];
	size_t n = nf_route_encode(t, fmt, buf, sizeof buf);

	if (n > sizeof buf) {
		fprintf(stderr, "route_gen: %s larger than %zu bytes\n", name, sizeof buf);
		exit(2);
	}
	write_file(dir, name, buf, n);
}

static void mkdirs(const char *base, const char *sub, char *out, size_t len)
{
	snprintf(out, len, "%s/%s", base, sub);
	if (nf_mkdir_p(out) != 0)
		die(out);
}

static uint32_t host_order(const struct nf_addr *a)
{
	/* the __be32 as a little-endian host reads it */
	return (uint32_t)a->a[0] | (uint32_t)a->a[1] << 8 | (uint32_t)a->a[2] << 16 | (uint32_t)a->a[3] << 24;
}

/* /proc/net/route with fib_route_seq_show's formats. */
static size_t proc_route(const struct nf_rtable *t, char *out, size_t cap)
{
	size_t k = 0;
	char line[256];

	k += (size_t)snprintf(out + k, cap - k, "%-127s\n",
			      "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT");
	for (size_t i = 0; i < t->nroutes; i++) {
		const struct nf_route *r = &t->routes[i];
		uint8_t m[4] = {0};
		struct nf_addr mask = {.kind = NF_ADDR_IPV4, .len = 4};
		unsigned flags = 0x1;

		if (r->family != NF_ADDR_IPV4 || r->table != 254 || r->nnexthops)
			continue;
		for (unsigned b = 0; b < r->prefix; b++)
			m[b / 8] |= (uint8_t)(0x80 >> (b % 8));
		memcpy(mask.a, m, 4);
		if (r->gw.kind == NF_ADDR_IPV4)
			flags |= 0x2;
		if (r->prefix == 32)
			flags |= 0x4;
		if (r->type == NF_RTN_UNREACHABLE)
			flags = 0x201;
		snprintf(line, sizeof line, "%s\t%08X\t%08X\t%04X\t%d\t%u\t%d\t%08X\t%d\t%u\t%u",
			 r->ifname[0] ? r->ifname : "*", host_order(&r->dst),
			 r->gw.kind == NF_ADDR_IPV4 ? host_order(&r->gw) : 0, flags, 0, 0, (int)r->metric,
			 host_order(&mask), 0, 0, 0);
		k += (size_t)snprintf(out + k, cap - k, "%-127s\n", line);
	}
	return k;
}

/* /proc/net/arp with arp_format_neigh_entry's formats. */
static size_t proc_arp(const struct nf_rtable *t, char *out, size_t cap)
{
	size_t k = 0;

	k += (size_t)snprintf(out + k, cap - k,
			      "IP address       HW type     Flags       HW address            Mask     Device\n");
	for (size_t i = 0; i < t->nneighs; i++) {
		const struct nf_neigh *n = &t->neighs[i];
		char ip[64], hw[128] = "00:00:00:00:00:00";
		unsigned flags = 0;

		if (n->ip.kind != NF_ADDR_IPV4)
			continue;
		if (n->state & NF_NUD_PERMANENT)
			flags |= 0x4;
		if (n->state & (NF_NUD_PERMANENT | NF_NUD_REACHABLE | NF_NUD_STALE | NF_NUD_DELAY | NF_NUD_PROBE | NF_NUD_NOARP))
			flags |= 0x2;
		nf_addr_format(&n->ip, ip, sizeof ip);
		if (n->lladdr.len)
			nf_addr_format(&n->lladdr, hw, sizeof hw);
		k += (size_t)snprintf(out + k, cap - k, "%-16s 0x%-10x0x%-10x%-17s     *        %s\n", ip, 1, flags, hw,
				      n->ifname);
	}
	return k;
}

static int seeds(const char *base)
{
	static struct nf_rtable t;
	static char text[16384];
	char dir[4096];

	mkdirs(base, "rtmsg_darwin", dir, sizeof dir);
	home(&t, NF_RTOS_DARWIN);
	emit(dir, "home-dump", &t, NF_RTFMT_DARWIN);
	emit(dir, "home-dump2", &t, NF_RTFMT_DARWIN2);
	t.nroutes = 0; /* NET_RT_FLAGS RTF_LLINFO: the ARP/NDP table alone */
	t.nifaces = 0;
	emit(dir, "arp-llinfo", &t, NF_RTFMT_DARWIN);
	router(&t); /* a Linux model written as Darwin: flags synthesised */
	emit(dir, "router-from-linux", &t, NF_RTFMT_DARWIN);
	home(&t, NF_RTOS_DARWIN);
	t.nroutes = t.nneighs = 0; /* NET_RT_IFLIST */
	emit(dir, "iflist", &t, NF_RTFMT_DARWIN);

	mkdirs(base, "rtmsg_freebsd", dir, sizeof dir);
	home(&t, NF_RTOS_FREEBSD);
	emit(dir, "home-dump", &t, NF_RTFMT_FREEBSD);
	t.nroutes = 0;
	t.nifaces = 0;
	emit(dir, "arp-llinfo", &t, NF_RTFMT_FREEBSD);
	router(&t);
	emit(dir, "router-from-linux", &t, NF_RTFMT_FREEBSD);

	mkdirs(base, "rtnetlink", dir, sizeof dir);
	router(&t);
	emit(dir, "router", &t, NF_RTFMT_NETLINK);
	t.nroutes = 0;
	emit(dir, "neighbours", &t, NF_RTFMT_NETLINK);
	home(&t, NF_RTOS_LINUX);
	emit(dir, "home", &t, NF_RTFMT_NETLINK);

	mkdirs(base, "proc_net", dir, sizeof dir);
	home(&t, NF_RTOS_LINUX);
	write_file(dir, "route-home", (uint8_t *)text, proc_route(&t, text, sizeof text));
	write_file(dir, "arp-home", (uint8_t *)text, proc_arp(&t, text, sizeof text));
	router(&t);
	write_file(dir, "route-router", (uint8_t *)text, proc_route(&t, text, sizeof text));
	write_file(dir, "arp-router", (uint8_t *)text, proc_arp(&t, text, sizeof text));
	return 0;
}

/* N routes: /24s spread over 10.0.0.0/8..., every tenth a host route via a
 * gateway, plus N/10 neighbours. */
static int big(long n, const char *fmtname, const char *out)
{
	enum nf_rt_format fmt = nf_rt_format_parse(fmtname);
	struct nf_rtable t;
	uint8_t *buf;
	size_t len;
	FILE *f;

	if (fmt != NF_RTFMT_DARWIN && fmt != NF_RTFMT_DARWIN2 && fmt != NF_RTFMT_FREEBSD && fmt != NF_RTFMT_NETLINK) {
		fprintf(stderr, "route_gen: big: format must be darwin, darwin2, freebsd or netlink\n");
		return 2;
	}
	nf_rtable_init_dynamic(&t);
	t.os = fmt == NF_RTFMT_FREEBSD ? NF_RTOS_FREEBSD : fmt == NF_RTFMT_NETLINK ? NF_RTOS_LINUX : NF_RTOS_DARWIN;
	iface(&t, 4, "en0", 4);
	for (long i = 0; i < n; i++) {
		struct nf_route *r = nf_rtable_add_route(&t);
		uint32_t net = 0x0a000000u + (uint32_t)i * 256u;

		if (!r)
			die("out of memory");
		r->family = r->dst.kind = NF_ADDR_IPV4;
		r->dst.len = 4;
		r->dst.a[0] = (uint8_t)(net >> 24);
		r->dst.a[1] = (uint8_t)(net >> 16);
		r->dst.a[2] = (uint8_t)(net >> 8);
		r->prefix = i % 10 ? 24 : 32;
		r->gw = (struct nf_addr){.kind = NF_ADDR_IPV4, .len = 4, .a = {192, 168, 1, 1}};
		r->ifindex = 4;
		strcpy(r->ifname, "en0");
		r->type = NF_RTN_UNICAST;
		r->table = 254;
		r->flags = r->prefix == 32 ? 0x807 : 0x803;
	}
	for (long i = 0; i < n / 10; i++) {
		char ip[32];
		snprintf(ip, sizeof ip, "192.168.%ld.%ld", (i / 250) % 256, i % 250 + 1);
		neigh(&t, ip, (int)(i % 256), 4, "en0", NF_NUD_REACHABLE, 0x405);
	}
	len = nf_route_encode(&t, fmt, NULL, 0);
	if (!(buf = malloc(len)))
		die("out of memory");
	nf_route_encode(&t, fmt, buf, len);
	if (!(f = fopen(out, "wb")) || fwrite(buf, 1, len, f) != len || fclose(f))
		die(out);
	free(buf);
	nf_rtable_free(&t);
	return 0;
}

/* Decode FILE REPS times in-process; print records and the median
 * records per second. */
static int decode_bench(const char *path, const char *fmtname, int reps)
{
	enum nf_rt_format fmt = nf_rt_format_parse(fmtname);
	double rates[64];
	size_t len = 0, cap = 0, records = 0;
	uint8_t *buf = NULL;
	FILE *f = fopen(path, "rb");

	if (!f)
		die(path);
	for (;;) {
		if (len == cap && !(buf = realloc(buf, cap = cap ? cap * 2 : 1 << 20)))
			die("out of memory");
		size_t n = fread(buf + len, 1, cap - len, f);
		if (!n)
			break;
		len += n;
	}
	fclose(f);
	if (reps < 1 || reps > 64)
		reps = 5;
	for (int i = 0; i < reps; i++) {
		struct nf_rtable t;
		struct nf_rt_error e;
		struct nf_cur c;
		struct timespec a, b;

		nf_rtable_init_dynamic(&t);
		nf_cur_init(&c, buf, len);
		clock_gettime(CLOCK_MONOTONIC, &a);
		if (nf_route_decode(fmt, &c, &t, &e) != NF_RTE_OK) {
			fprintf(stderr, "route_gen: %s: decode error %s\n", path, e.what);
			return 1;
		}
		clock_gettime(CLOCK_MONOTONIC, &b);
		records = t.nrecords;
		rates[i] = (double)records / ((double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9);
		nf_rtable_free(&t);
	}
	for (int i = 1; i < reps; i++) /* insertion sort for the median */
		for (int j = i; j > 0 && rates[j - 1] > rates[j]; j--) {
			double x = rates[j];
			rates[j] = rates[j - 1];
			rates[j - 1] = x;
		}
	printf("%zu %.0f\n", records, rates[reps / 2]);
	free(buf);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 5 && !strcmp(argv[1], "decode-bench"))
		return decode_bench(argv[2], argv[3], atoi(argv[4]));
	if (argc == 3 && !strcmp(argv[1], "seeds"))
		return seeds(argv[2]);
	if (argc == 5 && !strcmp(argv[1], "big"))
		return big(strtol(argv[2], NULL, 10), argv[3], argv[4]);
	fprintf(stderr, "usage: route_gen seeds CORPORA_DIR | big N FORMAT OUT | decode-bench FILE FORMAT REPS\n");
	return 2;
}
