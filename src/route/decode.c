/* Format dispatch and detection for the route decoders. */
#include "rt_internal.h"

enum nf_rt_errcode nf_route_decode(enum nf_rt_format fmt, struct nf_cur *c, struct nf_rtable *t,
				   struct nf_rt_error *err)
{
	switch (fmt) {
	case NF_RTFMT_DARWIN:
	case NF_RTFMT_DARWIN2: return nf_route_decode_darwin(c, t, err);
	case NF_RTFMT_FREEBSD: return nf_route_decode_freebsd(c, t, err);
	case NF_RTFMT_NETLINK: return nf_route_decode_netlink(c, t, err);
	case NF_RTFMT_PROC_ROUTE: return nf_route_decode_proc_route(c, t, err);
	case NF_RTFMT_PROC_ARP: return nf_route_decode_proc_arp(c, t, err);
	default:
		nf_rt_error_init(err);
		nf_rt_fail(err, NF_RTE_SYNTAX, 0, 0, 0, "unknown dump format", false);
		return err->code;
	}
}

/* Does the cursor start with the ASCII text `s`? */
static bool starts_with(const struct nf_cur *c, const char *s)
{
	struct nf_cur t = *c;
	uint8_t ch;

	for (; *s; s++)
		if (!nf_cur_get_u8(&t, &ch) || ch != (uint8_t)*s)
			return false;
	return true;
}

enum nf_rt_format nf_route_detect(const struct nf_cur *c)
{
	struct nf_cur t = *c, v;
	uint32_t nlen;
	uint16_t msglen, type16;
	uint8_t version, type;

	/* /proc/net/route and /proc/net/arp headers (net/ipv4/fib_trie.c
	 * fib_route_seq_show, net/ipv4/arp.c arp_seq_show). */
	if (starts_with(c, "Iface\t"))
		return NF_RTFMT_PROC_ROUTE;
	if (starts_with(c, "IP address"))
		return NF_RTFMT_PROC_ARP;
	/* BSD routing messages: u_short msglen (little-endian hosts), u_char
	 * version = RTM_VERSION 5, u_char type.  Walk the first messages: any
	 * RTM_GET2 means a Darwin NET_RT_DUMP2; otherwise the ABI whose header
	 * size and sockaddr padding fill msglen exactly wins (Darwin rt_msghdr
	 * 92 bytes / 4-byte ROUNDUP vs FreeBSD LP64 152 bytes / 8-byte SA_SIZE). */
	if (nf_cur_get_u16le(&t, &msglen) && nf_cur_get_u8(&t, &version) && nf_cur_get_u8(&t, &type) &&
	    version == 5 && msglen >= 4) {
		int darwin = 0, freebsd = 0;
		bool get2 = false;

		t = *c;
		for (int i = 0; i < 64 && !nf_cur_empty(&t); i++) {
			struct nf_cur m;

			if (!nf_cur_peek_u16le(&t, &msglen) || msglen < 4 || !nf_cur_get_bytes(&t, &m, msglen))
				break;
			if (!nf_cur_view(&m, 2, 2, &v) || !nf_cur_get_u8(&v, &version) ||
			    !nf_cur_get_u8(&v, &type) || version != 5)
				break;
			get2 |= type == 0x14; /* RTM_GET2 */
			darwin += nf_bsd_fits(&nf_bsd_darwin, &m);
			freebsd += nf_bsd_fits(&nf_bsd_freebsd, &m);
		}
		if (get2)
			return NF_RTFMT_DARWIN2;
		return freebsd > darwin ? NF_RTFMT_FREEBSD : NF_RTFMT_DARWIN;
	}
	/* rtnetlink: u32 nlmsg_len >= 16, u16 nlmsg_type in RTM_* or DONE/ERROR. */
	t = *c;
	if (nf_cur_get_u32le(&t, &nlen) && nf_cur_get_u16le(&t, &type16) && nlen >= 16 &&
	    (type16 == 2 || type16 == 3 || (type16 >= 16 && type16 < 100)))
		return NF_RTFMT_NETLINK;
	return NF_RTFMT_UNKNOWN;
}
