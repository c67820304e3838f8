/* ICMPv6 (RFC 4443) and Neighbor Discovery (RFC 4861).
 *  - errors 1..4 quote the invoking packet after 4 bytes (RFC 4443 3.x;
 *    Packet Too Big carries the MTU there);
 *  - echo 128/129: identifier, sequence number (RFC 4443 4.1);
 *  - RS 133 (4.1), RA 134 (4.2), NS 135 (4.3), NA 136 (4.4), each followed
 *    by options: type, length in units of 8 octets (0 is invalid, 4.6):
 *    1/2 source/target link-layer address (4.6.1), 3 prefix information
 *    (4.6.2), 5 MTU (4.6.4); other types are listed by number. */
#include "netfuzz/frame.h"
#include "netfuzz/limits.h"
#include "netfuzz/structure.h"

static void dissect_options(struct nf_packet *pkt, struct nf_cur *c)
{
	for (int i = 0; !nf_cur_empty(c); i++) {
		uint8_t type, len, plen, flags;
		uint32_t valid, pref, mtu;
		struct nf_cur o;
		size_t off = nf_cur_offset(c);
		uint8_t a[16];

		if (i >= NF_MAX_TLV_ITEMS) {
			nf_layer_malformed(pkt, off, "too many ND options (bound NF_MAX_TLV_ITEMS)");
			return;
		}
		if (!nf_cur_get_u8(c, &type) || !nf_cur_get_u8(c, &len)) {
			nf_layer_truncated(pkt, c);
			return;
		}
		nf_add_uint(pkt, NF_F(icmpv6_opt_type), type, off);
		nf_add_uint(pkt, NF_F(icmpv6_opt_length), len, off + 1);
		if (len == 0) {
			nf_layer_malformed(pkt, off + 1, "ND option length 0 (RFC 4861 4.6: must be discarded)");
			return;
		}
		if (!nf_cur_get_bytes(c, &o, (size_t)len * 8 - 2)) {
			nf_layer_truncated(pkt, c);
			return;
		}
		/* Length in units of 8 octets, type and length included (RFC 4861 4.6). */
		if (NF_REC_ON())
			nf_rec_rel_(NF_REL_LENGTH, off + 1, 1, false, 0, 8, 8, 0,
				    nf_rec_span_(off, (size_t)len * 8, NF_REC_NONE));
		switch (type) {
		case 1:
		case 2:
			/* Ethernet: 6 bytes of address then padding (RFC 2464 8). */
			if (len == 1 && nf_cur_copy(&o, a, 6)) {
				nf_add_addr(pkt, NF_F(icmpv6_opt_linkaddr), NF_FT_MAC, a, off + 2);
				nf_add_addr(pkt, type == 1 ? NF_F(icmpv6_opt_src_linkaddr) : NF_F(icmpv6_opt_target_linkaddr),
					    NF_FT_MAC, a, off + 2);
			} else {
				nf_add_slice(pkt, NF_F(icmpv6_opt_linkaddr), NF_FT_BYTES, &o, nf_cur_len(&o));
			}
			break;
		case 3:
			if (!nf_cur_get_u8(&o, &plen) || !nf_cur_get_u8(&o, &flags) || !nf_cur_get_u32be(&o, &valid) ||
			    !nf_cur_get_u32be(&o, &pref) || !nf_cur_skip(&o, 4) || !nf_cur_copy(&o, a, 16)) {
				nf_layer_malformed(pkt, off, "prefix information option shorter than 32 bytes");
				return;
			}
			nf_add_uint(pkt, NF_F(icmpv6_opt_prefix_length), plen, off + 2);
			nf_add_hex(pkt, NF_F(icmpv6_opt_prefix_flag), flags, 2, off + 3);
			nf_add_uint(pkt, NF_F(icmpv6_opt_prefix_valid_lifetime), valid, off + 4);
			nf_add_uint(pkt, NF_F(icmpv6_opt_prefix_preferred_lifetime), pref, off + 8);
			nf_add_addr(pkt, NF_F(icmpv6_opt_prefix), NF_FT_IPV6, a, off + 16);
			break;
		case 5:
			if (!nf_cur_skip(&o, 2) || !nf_cur_get_u32be(&o, &mtu)) {
				nf_layer_malformed(pkt, off, "MTU option shorter than 8 bytes");
				return;
			}
			nf_add_uint(pkt, NF_F(icmpv6_opt_mtu), mtu, off + 4);
			break;
		default:
			break;
		}
	}
	/* The options run to the end of the IPv6 payload (RFC 4861 4.6), so an
	 * empty cursor alone does not say the list is complete: when it ended
	 * where the capture ended and the packet on the wire was longer, the
	 * capture cut the list at an option boundary ([|icmp6], as tcpdump). */
	if (nf_cur_offset(c) == pkt->caplen && pkt->caplen < pkt->wirelen)
		nf_layer_truncated(pkt, c);
}

void nf_dissect_icmp6(struct nf_packet *pkt, struct nf_cur *c)
{
	uint8_t type, code, hl, fl, a[16];
	uint16_t sum, id, seq, life;
	uint32_t w, reach, retrans;
	size_t off = nf_cur_offset(c);

	nf_layer_begin(pkt, NF_P(icmpv6), c);
	if (!nf_cur_get_u8(c, &type) || !nf_cur_get_u8(c, &code) || !nf_cur_get_u16be(c, &sum)) {
		nf_layer_truncated(pkt, c);
		return;
	}
	nf_add_uint(pkt, NF_F(icmpv6_type), type, off);
	nf_add_uint(pkt, NF_F(icmpv6_code), code, off + 1);
	nf_add_hex(pkt, NF_F(icmpv6_checksum), sum, 4, off + 2);
	/* The checksum covers the message and the IPv6 pseudo-header with next
	 * header 58 (RFC 4443 2.3, RFC 8200 8.1). */
	nf_rec_csum(off + 2, nf_rec_span(off, 4 + nf_cur_len(c), NF_REC_NONE), 58, false, 0);
	switch (type) {
	case 1:
	case 2:
	case 3:
	case 4:
		if (!nf_cur_get_u32be(c, &w)) {
			nf_layer_truncated(pkt, c);
			return;
		}
		if (type == 2)
			nf_add_uint(pkt, NF_F(icmpv6_mtu), w, off + 4);
		if (!nf_cur_empty(c) && nf_layer_count(pkt, NF_P(icmpv6)) <= NF_MAX_ICMP_NEST) {
			/* The invoking packet, cut to fit the minimum MTU (RFC 4443
			 * 2.4(c)): one element, nothing inside repaired. */
			(void)nf_rec_span(nf_cur_offset(c), nf_cur_len(c), NF_REC_NONE);
			nf_rec_quote(true);
			nf_dissect_ipv6(pkt, c);
			nf_rec_quote(false);
		}
		return;
	case 128:
	case 129:
		if (!nf_cur_get_u16be(c, &id) || !nf_cur_get_u16be(c, &seq)) {
			nf_layer_truncated(pkt, c);
			return;
		}
		nf_add_hex(pkt, NF_F(icmpv6_echo_identifier), id, 4, off + 4);
		nf_add_uint(pkt, NF_F(icmpv6_echo_sequence_number), seq, off + 6);
		return;
	case 133: /* router solicitation: reserved(4) */
		if (!nf_cur_skip(c, 4)) {
			nf_layer_truncated(pkt, c);
			return;
		}
		break;
	case 134: /* router advertisement */
		if (!nf_cur_get_u8(c, &hl) || !nf_cur_get_u8(c, &fl) || !nf_cur_get_u16be(c, &life) ||
		    !nf_cur_get_u32be(c, &reach) || !nf_cur_get_u32be(c, &retrans)) {
			nf_layer_truncated(pkt, c);
			return;
		}
		nf_add_uint(pkt, NF_F(icmpv6_nd_ra_cur_hop_limit), hl, off + 4);
		nf_add_hex(pkt, NF_F(icmpv6_nd_ra_flag), fl, 2, off + 5);
		nf_add_uint(pkt, NF_F(icmpv6_nd_ra_router_lifetime), life, off + 6);
		nf_add_uint(pkt, NF_F(icmpv6_nd_ra_reachable_time), reach, off + 8);
		nf_add_uint(pkt, NF_F(icmpv6_nd_ra_retrans_timer), retrans, off + 12);
		break;
	case 135: /* neighbor solicitation: reserved(4), target */
	case 136: /* neighbor advertisement: R S O flags + reserved(4), target */
		if (!nf_cur_get_u32be(c, &w) || !nf_cur_copy(c, a, 16)) {
			nf_layer_truncated(pkt, c);
			return;
		}
		if (type == 136)
			nf_add_hex(pkt, NF_F(icmpv6_nd_na_flag), w, 8, off + 4);
		nf_add_addr(pkt, type == 135 ? NF_F(icmpv6_nd_ns_target_address) : NF_F(icmpv6_nd_na_target_address),
			    NF_FT_IPV6, a, off + 8);
		break;
	default:
		return;
	}
	dissect_options(pkt, c);
}
