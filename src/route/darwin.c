/* Darwin (XNU) routing-socket dumps: the ABI numbers for bsd.c.
 *
 * XNU bsd/net/route.h:
 *   struct rt_msghdr  { u_short rtm_msglen; u_char rtm_version, rtm_type;
 *       u_short rtm_index; int rtm_flags, rtm_addrs; pid_t rtm_pid;
 *       int rtm_seq, rtm_errno, rtm_use; u_int32_t rtm_inits;
 *       struct rt_metrics rtm_rmx; }                        -> 92 bytes
 *   struct rt_msghdr2 { ... int32_t rtm_refcnt; int rtm_parentflags;
 *       int rtm_reserved, rtm_use; u_int32_t rtm_inits; struct rt_metrics
 *       rtm_rmx; }  (RTM_GET2, sysctl NET_RT_DUMP2)         -> 92 bytes
 *   struct rt_metrics: 14 x 32-bit (rmx_locks, rmx_mtu, rmx_hopcount,
 *       rmx_expire at offset 12, ...); so rmx_expire is at 36 + 12 = 48.
 *   RTM_VERSION 5; RTF_IFSCOPE 0x1000000, RTF_ROUTER 0x10000000.
 * XNU bsd/net/rtsock.c: ROUNDUP(a) = a > 0 ? 1 + ((a - 1) | 3) : 4, i.e.
 *   sockaddrs are padded to 4 bytes and sa_len 0 still takes 4.
 * XNU bsd/net/if.h: struct if_msghdr = 16-byte header + struct if_data (96
 *   bytes: 8 u_char, 16 u_int32_t, a 32-bit timeval, 4 u_int32_t) = 112;
 *   struct ifa_msghdr = 20 bytes.
 * XNU bsd/sys/socket.h: AF_INET6 30, AF_LINK 18. */
#include "rt_internal.h"

const struct nf_bsd_abi nf_bsd_darwin = {
	.os = NF_RTOS_DARWIN,
	.rtm_hdr = 92,
	.rmx_expire_off = 48,
	.rmx_size = 4,
	.ifm_hdr = 112,
	.ifam_hdr = 20,
	.sa_align = 4,
	.af_inet6 = 30,
	.rtf_router = 0x10000000,
	.has_rtm_get2 = true,
};

enum nf_rt_errcode nf_route_decode_darwin(struct nf_cur *c, struct nf_rtable *t, struct nf_rt_error *err)
{
	return nf_bsd_decode(&nf_bsd_darwin, c, t, err);
}
