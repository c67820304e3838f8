/* IEEE 802.11 MAC frames (IEEE Std 802.11-2020 clause 9), LINKTYPE_IEEE802_11
 * (105) and the payload of radiotap.
 *
 * Frame Control (9.2.4.1): byte 0 = protocol version (b0-b1), type (b2-b3),
 * subtype (b4-b7); byte 1 = flags ToDS, FromDS, More Fragments, Retry, Power
 * Management, More Data, Protected, +HTC/Order.  Multi-byte fields are
 * little-endian (9.2.2).  Address fields by type (9.3.1 control frames,
 * 9.3.2.1 Table 9-30 for data frames by ToDS/FromDS, 9.3.3.2 management).
 * wlan.fc.type_subtype is (type << 4) | subtype, as Wireshark 4.0 numbers it. */
#include "netfuzz/frame.h"

enum { WLAN_MGMT = 0, WLAN_CTRL = 1, WLAN_DATA = 2, WLAN_EXT = 3 };

#define FC_TODS 0x01
#define FC_FROMDS 0x02
#define FC_PROTECTED 0x40
#define FC_ORDER 0x80

/* CRC-32 of IEEE 802.3 (reflected polynomial 0xEDB88320), the 802.11 FCS
 * (9.2.4.8).  Read through the cursor one byte at a time. */
static uint32_t fcs_crc32(struct nf_cur c)
{
	uint32_t crc = 0xffffffffu;
	uint8_t b;

	while (nf_cur_get_u8(&c, &b)) {
		crc ^= b;
		for (int k = 0; k < 8; k++)
			crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1)));
	}
	return ~crc;
}

static bool get_addr(struct nf_packet *pkt, struct nf_cur *c, const struct nf_fdesc *n1, const struct nf_fdesc *n2)
{
	uint8_t a[6];
	size_t off = nf_cur_offset(c);

	if (!nf_cur_copy(c, a, 6)) {
		nf_layer_truncated(pkt, c);
		return false;
	}
	/* wlan.addr repeats every address, as Wireshark does, for filters. */
	nf_add_addr(pkt, n1, NF_FT_MAC, a, off);
	if (n2)
		nf_add_addr(pkt, n2, NF_FT_MAC, a, off);
	nf_add_addr(pkt, NF_F(wlan_addr), NF_FT_MAC, a, off);
	return true;
}

static bool get_seq(struct nf_packet *pkt, struct nf_cur *c)
{
	uint16_t sc;
	size_t off = nf_cur_offset(c);

	/* Sequence Control (9.2.4.4): fragment number b0-b3, sequence b4-b15. */
	if (!nf_cur_get_u16le(c, &sc)) {
		nf_layer_truncated(pkt, c);
		return false;
	}
	nf_add_uint(pkt, NF_F(wlan_frag), sc & 0xf, off);
	nf_add_uint(pkt, NF_F(wlan_seq), sc >> 4, off);
	return true;
}

/* Control frames (9.3.1): the addresses present depend on the subtype. */
static void ctrl_frame(struct nf_packet *pkt, struct nf_cur *c, uint8_t subtype)
{
	switch (subtype) {
	case 12: /* CTS (9.3.1.3) */
	case 13: /* Ack (9.3.1.4) */
	case 7:  /* Control Wrapper (9.3.1.9): RA, then the carried frame */
	case 6:  /* TACK (9.3.1.24) is S1G; treated as RA only */
		get_addr(pkt, c, NF_F(wlan_ra), NULL);
		break;
	case 10: /* PS-Poll (9.3.1.5): BSSID(RA), TA */
		if (get_addr(pkt, c, NF_F(wlan_bssid), NF_F(wlan_ra)))
			get_addr(pkt, c, NF_F(wlan_ta), NULL);
		break;
	case 14: /* CF-End (9.3.1.6): RA, BSSID(TA); named wlan.bssid only, */
	case 15: /* CF-End +CF-Ack       as Wireshark names it */
		if (get_addr(pkt, c, NF_F(wlan_ra), NULL))
			get_addr(pkt, c, NF_F(wlan_bssid), NULL);
		break;
	default: /* RTS, BlockAckReq, BlockAck, Trigger, NDPA, BRP: RA, TA */
		if (get_addr(pkt, c, NF_F(wlan_ra), NULL))
			get_addr(pkt, c, NF_F(wlan_ta), NULL);
		break;
	}
}

/* Data frame addresses (9.3.2.1, Table 9-30). */
static bool data_addrs(struct nf_packet *pkt, struct nf_cur *c, uint8_t ds)
{
	static const struct nf_fdesc *const a1[4] = {NF_F(wlan_da), NF_F(wlan_bssid), NF_F(wlan_da), NULL};
	static const struct nf_fdesc *const a2[4] = {NF_F(wlan_sa), NF_F(wlan_sa), NF_F(wlan_bssid), NULL};
	static const struct nf_fdesc *const a3[4] = {NF_F(wlan_bssid), NF_F(wlan_da), NF_F(wlan_sa), NF_F(wlan_da)};
	/* index: ToDS | FromDS << 1 */
	unsigned i = (ds & FC_TODS ? 1u : 0u) | (ds & FC_FROMDS ? 2u : 0u);

	if (!get_addr(pkt, c, NF_F(wlan_ra), a1[i]) || !get_addr(pkt, c, NF_F(wlan_ta), a2[i]) ||
	    !get_addr(pkt, c, a3[i], NULL) || !get_seq(pkt, c))
		return false;
	if (i == 3)
		return get_addr(pkt, c, NF_F(wlan_sa), NULL); /* Address 4 (mesh/WDS) */
	return true;
}

/* LLC/SNAP (IEEE 802.2, RFC 1042) at the start of an MSDU: AA AA 03,
 * OUI, EtherType; hands the payload to the EtherType dispatcher. */
static void llc_snap(struct nf_packet *pkt, struct nf_cur *c)
{
	uint8_t dsap, ssap, ctl;
	uint32_t oui;
	uint16_t type;
	size_t off = nf_cur_offset(c);

	nf_layer_begin(pkt, NF_P(llc), c);
	if (!nf_cur_get_u8(c, &dsap) || !nf_cur_get_u8(c, &ssap) || !nf_cur_get_u8(c, &ctl)) {
		nf_layer_truncated(pkt, c);
		return;
	}
	nf_add_hex(pkt, NF_F(llc_dsap), dsap, 2, off);
	nf_add_hex(pkt, NF_F(llc_ssap), ssap, 2, off + 1);
	nf_add_hex(pkt, NF_F(llc_control), ctl, 4, off + 2); /* a 16-bit field in Wireshark */
	if (dsap != 0xaa || ssap != 0xaa || ctl != 0x03)
		return; /* not SNAP: payload left undecoded */
	if (!nf_cur_get_u24be(c, &oui) || !nf_cur_get_u16be(c, &type)) {
		nf_layer_truncated(pkt, c);
		return;
	}
	nf_add_uint(pkt, NF_F(llc_oui), oui, off + 3);
	nf_add_hex(pkt, NF_F(llc_type), type, 4, off + 6);
	if (oui == 0)
		nf_dissect_ethertype(pkt, type, c);
}

void nf_dissect_ieee80211(struct nf_packet *pkt, struct nf_cur *c, bool fcs_at_end, bool datapad)
{
	size_t start = nf_cur_offset(c);
	uint8_t fc0, fc1, type, subtype;
	uint16_t dur;
	uint32_t fcs = 0, crc = 0;
	bool has_fcs = false;

	nf_layer_begin(pkt, NF_P(wlan), c);
	/* FCS (9.2.4.8): the frame's last 4 bytes when radiotap says so, over
	 * header and body; only present if the whole frame was captured. */
	if (fcs_at_end && pkt->caplen >= pkt->wirelen) {
		struct nf_cur tail, body;
		size_t n = nf_cur_len(c);

		if (n < 4) {
			nf_layer_malformed(pkt, start, "frame shorter than its FCS");
			return;
		}
		nf_cur_view(c, n - 4, 4, &tail);
		nf_cur_get_u32le(&tail, &fcs);
		nf_cur_view(c, 0, n - 4, &body);
		crc = fcs_crc32(body);
		nf_cur_truncate(c, n - 4);
		has_fcs = true;
	}
	if (!nf_cur_get_u8(c, &fc0) || !nf_cur_get_u8(c, &fc1) || !nf_cur_get_u16le(c, &dur)) {
		nf_layer_truncated(pkt, c);
		return;
	}
	type = (fc0 >> 2) & 3;
	subtype = fc0 >> 4;
	nf_add_hex(pkt, NF_F(wlan_fc_type_subtype), (unsigned)type << 4 | subtype, 4, start);
	nf_add_hex(pkt, NF_F(wlan_fc), (unsigned)fc0 << 8 | fc1, 4, start);
	nf_add_uint(pkt, NF_F(wlan_fc_version), fc0 & 3, start);
	nf_add_uint(pkt, NF_F(wlan_fc_type), type, start);
	nf_add_uint(pkt, NF_F(wlan_fc_subtype), subtype, start);
	nf_add_hex(pkt, NF_F(wlan_flags), fc1, 2, start + 1);
	nf_add_hex(pkt, NF_F(wlan_fc_ds), fc1 & 3, 2, start + 1);
	nf_add_bool(pkt, NF_F(wlan_fc_tods), fc1 & FC_TODS, start + 1);
	nf_add_bool(pkt, NF_F(wlan_fc_fromds), fc1 & FC_FROMDS, start + 1);
	nf_add_bool(pkt, NF_F(wlan_fc_frag), fc1 & 0x04, start + 1);
	nf_add_bool(pkt, NF_F(wlan_fc_retry), fc1 & 0x08, start + 1);
	nf_add_bool(pkt, NF_F(wlan_fc_pwrmgt), fc1 & 0x10, start + 1);
	nf_add_bool(pkt, NF_F(wlan_fc_moredata), fc1 & 0x20, start + 1);
	nf_add_bool(pkt, NF_F(wlan_fc_protected), fc1 & FC_PROTECTED, start + 1);
	nf_add_bool(pkt, NF_F(wlan_fc_order), fc1 & FC_ORDER, start + 1);
	/* Duration/ID (9.2.4.2): a duration when bit 15 is clear; PS-Poll
	 * carries the AID (b0-b13) instead. */
	if (type == WLAN_CTRL && subtype == 10)
		nf_add_uint(pkt, NF_F(wlan_aid), dur & 0x3fff, start + 2);
	else if (!(dur & 0x8000))
		nf_add_uint(pkt, NF_F(wlan_duration), dur, start + 2);

	if (has_fcs) {
		nf_add_hex(pkt, NF_F(wlan_fcs), fcs, 8, nf_cur_offset(c) + nf_cur_len(c));
		/* Wireshark's expert status: 1 good, 0 bad. */
		nf_add_uint(pkt, NF_F(wlan_fcs_status), fcs == crc, nf_cur_offset(c) + nf_cur_len(c));
		if (fcs != crc)
			nf_add_note(pkt, "wlan: FCS does not match the frame (bad FCS)", start);
	}

	switch (type) {
	case WLAN_MGMT:
		if (!get_addr(pkt, c, NF_F(wlan_ra), NF_F(wlan_da)) || !get_addr(pkt, c, NF_F(wlan_ta), NF_F(wlan_sa)) ||
		    !get_addr(pkt, c, NF_F(wlan_bssid), NULL) || !get_seq(pkt, c))
			return;
		if (fc1 & FC_ORDER) { /* +HTC: HT Control field (9.2.4.6) */
			uint32_t htc;

			if (!nf_cur_get_u32le(c, &htc)) {
				nf_layer_truncated(pkt, c);
				return;
			}
			nf_add_hex(pkt, NF_F(wlan_htc), htc, 8, nf_cur_offset(c) - 4);
		}
		if (fc1 & FC_PROTECTED)
			return; /* body encrypted (e.g. shared-key auth, robust action) */
		nf_dissect_ieee80211_mgt(pkt, c, subtype);
		break;
	case WLAN_CTRL:
		ctrl_frame(pkt, c, subtype);
		break;
	case WLAN_DATA: {
		uint16_t qos = 0;
		bool is_qos = subtype & 0x8;

		if (!data_addrs(pkt, c, fc1))
			return;
		if (is_qos) { /* QoS Control (9.2.4.5) */
			if (!nf_cur_get_u16le(c, &qos)) {
				nf_layer_truncated(pkt, c);
				return;
			}
			nf_add_hex(pkt, NF_F(wlan_qos), qos, 4, nf_cur_offset(c) - 2);
			nf_add_uint(pkt, NF_F(wlan_qos_tid), qos & 0xf, nf_cur_offset(c) - 2);
			nf_add_bool(pkt, NF_F(wlan_qos_amsdupresent), qos & 0x80, nf_cur_offset(c) - 2);
			if (fc1 & FC_ORDER) {
				uint32_t htc;

				if (!nf_cur_get_u32le(c, &htc)) {
					nf_layer_truncated(pkt, c);
					return;
				}
				nf_add_hex(pkt, NF_F(wlan_htc), htc, 8, nf_cur_offset(c) - 4);
			}
		}
		/* Subtypes with bit 2 set carry no data (Null, QoS Null, CF-*). */
		if ((subtype & 0x4) || (fc1 & FC_PROTECTED) || nf_cur_empty(c))
			return;
		if (datapad && !nf_cur_align(c, start, 4)) {
			nf_layer_truncated(pkt, c);
			return;
		}
		if (qos & 0x80)
			return; /* A-MSDU subframes: not decoded */
		llc_snap(pkt, c);
		break;
	}
	default:
		break; /* Extension frames (DMG beacon, S1G): header fields only */
	}
}
