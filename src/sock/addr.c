/* The address table of socket programs.  Only addresses that never leave
 * the host: loopback, the unspecified addresses, the namespace's own dummy
 * interface (documentation ranges, RFC 5737 192.0.2.0/24 and RFC 3849
 * 2001:db8::/32, assigned only inside our namespace), and one
 * organisation/site-local multicast group per family (RFC 2365 239/8,
 * RFC 4291 2.7 ff05::), routed only to that dummy interface. */
#include "netfuzz/sock.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#define V4(a, b, c, d) {4, {a, b, c, d}}
#define M4(a, b, c, d) {6, {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, a, b, c, d}}

static const struct nf_sock_addr v4[] = {
	{"127.0.0.1", NF_SA_LOOPBACK, V4(127, 0, 0, 1)},
	{"0.0.0.0", NF_SA_ANY, V4(0, 0, 0, 0)},
	{"192.0.2.1", NF_SA_IFACE, V4(192, 0, 2, 1)},
	{"239.255.78.70", NF_SA_GROUP, V4(239, 255, 78, 70)},
};

static const struct nf_sock_addr v6[] = {
	{"::1", NF_SA_LOOPBACK, {6, {[15] = 1}}},
	{"::", NF_SA_ANY, {6, {0}}},
	{"2001:db8::1", NF_SA_IFACE, {6, {0x20, 0x01, 0x0d, 0xb8, [15] = 1}}},
	{"ff05::4e46", NF_SA_GROUP, {6, {0xff, 0x05, [14] = 0x4e, [15] = 0x46}}},
	{"::ffff:127.0.0.1", NF_SA_MAPPED_LOOPBACK, M4(127, 0, 0, 1)},
	{"::ffff:0.0.0.0", NF_SA_MAPPED_ANY, M4(0, 0, 0, 0)},
	{"::ffff:192.0.2.1", NF_SA_MAPPED_IFACE, M4(192, 0, 2, 1)},
	{"::ffff:239.255.78.70", NF_SA_MAPPED_GROUP, M4(239, 255, 78, 70)},
};

unsigned nf_sock_naddr(int fam)
{
	return fam == 6 ? sizeof v6 / sizeof v6[0] : sizeof v4 / sizeof v4[0];
}

const struct nf_sock_addr *nf_sock_addr(int fam, unsigned idx)
{
	return fam == 6 ? &v6[idx % nf_sock_naddr(6)] : &v4[idx % nf_sock_naddr(4)];
}

void nf_sock_ip_text(const struct nf_sock_ip *ip, char *buf, size_t len)
{
	char t[INET6_ADDRSTRLEN] = "?";

	inet_ntop(ip->fam == 6 ? AF_INET6 : AF_INET, ip->a, t, sizeof t);
	snprintf(buf, len, "%s", t);
}

bool nf_sock_ip_eq(const struct nf_sock_ip *x, const struct nf_sock_ip *y)
{
	return x->fam == y->fam && !memcmp(x->a, y->a, x->fam == 6 ? 16 : 4);
}

/* Lengths around the limits: 65507 is the largest IPv4 UDP payload
 * (65535 - 20 - 8, RFC 791/768), 65527 IPv6's without a jumbogram (65535 -
 * 8, RFC 8200 / RFC 2675); the dummy's MTU is 1500. */
const uint32_t nf_sock_send_len[] = {0, 1, 5, 64, 1472, 1473, 9000, 65507, 65508, 65527, 65528};
const unsigned nf_sock_nsend_len = sizeof nf_sock_send_len / sizeof nf_sock_send_len[0];
const uint32_t nf_sock_recv_len[] = {0, 1, 4, 64, 1500, 65536};
const unsigned nf_sock_nrecv_len = sizeof nf_sock_recv_len / sizeof nf_sock_recv_len[0];
const int nf_sock_rcvbuf_val[] = {0, 1024, 4096, 65536, 212992};
const unsigned nf_sock_nrcvbuf = sizeof nf_sock_rcvbuf_val / sizeof nf_sock_rcvbuf_val[0];
