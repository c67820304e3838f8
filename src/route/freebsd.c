/* FreeBSD (LP64) routing-socket dumps: the ABI numbers for bsd.c.
 *
 * FreeBSD sys/net/route.h:
 *   struct rt_msghdr { u_short rtm_msglen; u_char rtm_version, rtm_type;
 *       u_short rtm_index; u_short _rtm_spare1; int rtm_flags, rtm_addrs;
 *       pid_t rtm_pid; int rtm_seq, rtm_errno, rtm_fmask; u_long rtm_inits;
 *       struct rt_metrics rtm_rmx; }   -> 32 + 8 + 14 * 8 = 152 bytes on LP64
 *   struct rt_metrics: 14 x u_long (rmx_locks, rmx_mtu, rmx_hopcount,
 *       rmx_expire, ..., rmx_weight, rmx_nhidx, rmx_filler[2]), so
 *       rmx_expire is at 40 + 3 * 8 = 64.
 *   SA_SIZE(sa): sa_len 0 ? sizeof(long) : 1 + ((sa_len - 1) |
 *       (sizeof(long) - 1)), i.e. 8-byte padding and sa_len 0 takes 8.
 *   RTM_VERSION 5.
 * FreeBSD sys/net/if.h: struct if_msghdr = 16-byte header + struct if_data
 *   (152 bytes on LP64) = 168; struct ifa_msghdr = 20 bytes.
 * FreeBSD sys/sys/socket.h: AF_INET6 28, AF_LINK 18. */
#include "rt_internal.h"

const struct nf_bsd_abi nf_bsd_freebsd = {
	.os = NF_RTOS_FREEBSD,
	.rtm_hdr = 152,
	.rmx_expire_off = 64,
	.rmx_size = 8,
	.ifm_hdr = 168,
	.ifam_hdr = 20,
	.sa_align = 8,
	.af_inet6 = 28,
	.rtf_router = 0,
	.has_rtm_get2 = false,
};

enum nf_rt_errcode nf_route_decode_freebsd(struct nf_cur *c, struct nf_rtable *t, struct nf_rt_error *err)
{
	return nf_bsd_decode(&nf_bsd_freebsd, c, t, err);
}
