/* 802.11 management frame bodies (IEEE Std 802.11-2020 9.3.3): the fixed
 * fields of each subtype, then the information elements.  Action frames
 * (9.3.3.13, 9.6): category, action; Public Action vendor-specific frames
 * (9.6.7.1, action 9) carry an OUI and OUI type, and the Wi-Fi Alliance
 * OUI 50:6F:9A with type 0x13 (NAN Service Discovery Frame) or 0x18 (NAN
 * Action Frame) goes to the Wi-Fi Aware dissector. */
#include "netfuzz/frame.h"

enum {
	ST_ASSOC_REQ = 0, ST_ASSOC_RESP = 1, ST_REASSOC_REQ = 2, ST_REASSOC_RESP = 3,
	ST_PROBE_REQ = 4, ST_PROBE_RESP = 5, ST_TIMING_ADV = 6, ST_BEACON = 8,
	ST_ATIM = 9, ST_DISASSOC = 10, ST_AUTH = 11, ST_DEAUTH = 12,
	ST_ACTION = 13, ST_ACTION_NOACK = 14,
};

#define CAT_PUBLIC 4           /* 9.4.1.11 Table 9-51 */
#define CAT_VENDOR 127
#define PUBLIC_VENDOR 9        /* 9.6.7.1 Table 9-364 */
#define OUI_WFA 0x506f9aU      /* Wi-Fi Alliance */
#define WFA_NAN_SDF 0x13       /* NAN spec v4 9.6.2: Service Discovery Frame */
#define WFA_NAN_NAF 0x18       /* NAN spec v4 9.6.3: NAN Action Frame */

static bool u16f(struct nf_packet *pkt, struct nf_cur *c, const struct nf_fdesc *name, bool hex)
{
	if (nf_take_u16le(pkt, c, name, hex, NULL))
		return true;
	nf_layer_truncated(pkt, c);
	return false;
}

static void action(struct nf_packet *pkt, struct nf_cur *c)
{
	uint8_t cat, act, otype;
	uint32_t oui;
	size_t off = nf_cur_offset(c);

	if (!nf_cur_get_u8(c, &cat)) {
		nf_layer_truncated(pkt, c);
		return;
	}
	nf_add_uint(pkt, NF_F(wlan_fixed_category_code), cat, off);
	if (cat == CAT_VENDOR) { /* 9.6.19: OUI, then vendor content */
		if (!nf_cur_get_u24be(c, &oui)) {
			nf_layer_truncated(pkt, c);
			return;
		}
		nf_add_uint(pkt, NF_F(wlan_tag_oui), oui, off + 1);
		return;
	}
	if (cat != CAT_PUBLIC)
		return; /* other categories: action code only */
	if (!nf_cur_get_u8(c, &act)) {
		nf_layer_truncated(pkt, c);
		return;
	}
	nf_add_hex(pkt, NF_F(wlan_fixed_publicact), act, 2, off + 1);
	if (act != PUBLIC_VENDOR)
		return;
	if (!nf_cur_get_u24be(c, &oui) || !nf_cur_get_u8(c, &otype)) {
		nf_layer_truncated(pkt, c);
		return;
	}
	nf_add_uint(pkt, NF_F(wlan_tag_oui), oui, off + 2);
	nf_add_uint(pkt, NF_F(wlan_tag_vendor_oui_type), otype, off + 5);
	if (oui == OUI_WFA && (otype == WFA_NAN_SDF || otype == WFA_NAN_NAF))
		nf_dissect_nan_action(pkt, c, otype);
}

void nf_dissect_ieee80211_mgt(struct nf_packet *pkt, struct nf_cur *c, uint8_t subtype)
{
	size_t off = nf_cur_offset(c);

	nf_layer_begin(pkt, NF_P(wlan_mgt), c);
	switch (subtype) {
	case ST_BEACON:
	case ST_PROBE_RESP: { /* 9.3.3.2 / 9.3.3.10: timestamp, interval, capability */
		uint64_t ts;
		uint16_t bi;

		if (!nf_cur_get_u64le(c, &ts) || !nf_cur_get_u16le(c, &bi)) {
			nf_layer_truncated(pkt, c);
			return;
		}
		nf_add_uint(pkt, NF_F(wlan_fixed_timestamp), ts, off);
		nf_add_uint(pkt, NF_F(wlan_fixed_beacon), bi, off + 8);
		if (!u16f(pkt, c, NF_F(wlan_fixed_capabilities), true))
			return;
		break;
	}
	case ST_ASSOC_REQ: /* 9.3.3.5: capability, listen interval */
		if (!u16f(pkt, c, NF_F(wlan_fixed_capabilities), true) || !u16f(pkt, c, NF_F(wlan_fixed_listen_ival), true))
			return;
		break;
	case ST_REASSOC_REQ: { /* 9.3.3.7: + current AP address */
		uint8_t ap[6];

		if (!u16f(pkt, c, NF_F(wlan_fixed_capabilities), true) || !u16f(pkt, c, NF_F(wlan_fixed_listen_ival), true))
			return;
		if (!nf_cur_copy(c, ap, 6)) {
			nf_layer_truncated(pkt, c);
			return;
		}
		nf_add_addr(pkt, NF_F(wlan_fixed_current_ap), NF_FT_MAC, ap, off + 4);
		break;
	}
	case ST_ASSOC_RESP:
	case ST_REASSOC_RESP: /* 9.3.3.6 / 9.3.3.8: capability, status, AID */
		if (!u16f(pkt, c, NF_F(wlan_fixed_capabilities), true) || !u16f(pkt, c, NF_F(wlan_fixed_status_code), true))
			return;
		{ /* AID (9.4.1.8): the 2 MSBs are set; the value is b0-b13. */
			uint16_t aid;

			if (!nf_cur_get_u16le(c, &aid)) {
				nf_layer_truncated(pkt, c);
				return;
			}
			nf_add_hex(pkt, NF_F(wlan_fixed_aid), aid & 0x3fff, 4, nf_cur_offset(c) - 2);
		}
		break;
	case ST_AUTH: /* 9.3.3.11: algorithm, transaction sequence, status */
		if (!u16f(pkt, c, NF_F(wlan_fixed_auth_alg), false) || !u16f(pkt, c, NF_F(wlan_fixed_auth_seq), true) ||
		    !u16f(pkt, c, NF_F(wlan_fixed_status_code), true))
			return;
		break;
	case ST_DISASSOC:
	case ST_DEAUTH: /* 9.3.3.4 / 9.3.3.12: reason code */
		if (!u16f(pkt, c, NF_F(wlan_fixed_reason_code), true))
			return;
		break;
	case ST_PROBE_REQ: /* 9.3.3.9: elements only */
		break;
	case ST_ACTION:
	case ST_ACTION_NOACK:
		action(pkt, c);
		return;
	default: /* ATIM (empty body), Timing Advertisement, reserved */
		return;
	}
	nf_dissect_ieee80211_ies(pkt, c);
}
