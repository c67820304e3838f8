/* BSD loopback encapsulation: LINKTYPE_NULL (4-byte address family in the
 * capturing host's byte order) and LINKTYPE_LOOP (network byte order), as
 * described at https://www.tcpdump.org/linktypes/LINKTYPE_NULL.html.
 * AF_INET is 2 everywhere; AF_INET6 is 24 (NetBSD/OpenBSD), 28 (FreeBSD),
 * or 30 (Darwin). */
#include "netfuzz/frame.h"

void nf_dissect_null(struct nf_packet *pkt, struct nf_cur *c, bool loop)
{
	uint32_t fam;
	size_t off = nf_cur_offset(c);

	nf_layer_begin(pkt, NF_P(null), c);
	if (!(loop ? nf_cur_get_u32be(c, &fam) : nf_cur_get_u32le(c, &fam))) {
		nf_layer_truncated(pkt, c);
		return;
	}
	/* NULL: the writer's byte order is unknown; a family never exceeds
	 * 16 bits, so a value with only the high half set was big-endian. */
	if (!loop && (fam & 0xffff) == 0)
		fam = ((fam >> 24) & 0xff) | ((fam >> 8) & 0xff00);
	nf_add_uint(pkt, NF_F(null_family), fam, off);
	switch (fam) {
	case 2:
		nf_dissect_ipv4(pkt, c);
		break;
	case 24:
	case 28:
	case 30:
		nf_dissect_ipv6(pkt, c);
		break;
	default:
		break;
	}
}
