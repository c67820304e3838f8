/* 802.11 information elements (IEEE Std 802.11-2020 9.4.2): a sequence of
 * Element ID (1), Length (1), body.  The walk is bounded by NF_MAX_TLV_ITEMS
 * and by the frame; an element whose length runs past the end stops it.
 * Decoded: SSID (9.4.2.2), Supported Rates (9.4.2.3) and Extended Supported
 * Rates (9.4.2.12), DSSS Parameter Set (9.4.2.4), TIM (9.4.2.5), RSN
 * (9.4.2.24), HT/VHT/HE Capabilities (9.4.2.55, 9.4.2.157, 9.4.2.247) kept
 * as bytes, Vendor Specific (9.4.2.25) with Apple WAC and WFA NAN decoded. */
#include "netfuzz/frame.h"
#include "netfuzz/structure.h"
#include "netfuzz/limits.h"

enum {
	IE_SSID = 0, IE_RATES = 1, IE_DS = 3, IE_TIM = 5, IE_HT_CAP = 45,
	IE_RSN = 48, IE_EXT_RATES = 50, IE_VHT_CAP = 191, IE_VENDOR = 221,
	IE_EXTENSION = 255,
};
#define IE_EXT_HE_CAP 35 /* Element ID Extension (9.4.2.1 Table 9-92) */

#define OUI_APPLE_WAC 0x00a040U
#define OUI_WFA 0x506f9aU
#define WFA_NAN_IE 0x13

/* RSN cipher/AKM suite selector: OUI (3, transmitted in order) + type. */
static bool rsn_suite(struct nf_packet *pkt, struct nf_cur *c, const struct nf_fdesc *name, const struct nf_fdesc *tname)
{
	uint32_t oui;
	uint8_t type;
	size_t off = nf_cur_offset(c);

	if (!nf_cur_get_u24be(c, &oui) || !nf_cur_get_u8(c, &type))
		return false;
	nf_add_hex(pkt, name, (uint64_t)oui << 8 | type, 8, off);
	nf_add_uint(pkt, tname, type, off + 3);
	return true;
}

/* RSN element (9.4.2.24): version, group data cipher, pairwise cipher
 * count + list, AKM count + list, RSN capabilities, ...  Trailing fields
 * may be absent; a count larger than the element is malformed. */
static const char *rsn(struct nf_packet *pkt, struct nf_cur *c)
{
	uint16_t ver, n, caps;

	if (!nf_cur_get_u16le(c, &ver))
		return "RSN element shorter than its version field";
	nf_add_uint(pkt, NF_F(wlan_rsn_version), ver, nf_cur_offset(c) - 2);
	if (nf_cur_empty(c))
		return NULL;
	if (!rsn_suite(pkt, c, NF_F(wlan_rsn_gcs), NF_F(wlan_rsn_gcs_type)))
		return "RSN group cipher suite cut short";
	if (nf_cur_empty(c))
		return NULL;
	if (!nf_cur_get_u16le(c, &n))
		return "RSN pairwise cipher count cut short";
	nf_add_uint(pkt, NF_F(wlan_rsn_pcs_count), n, nf_cur_offset(c) - 2);
	for (unsigned i = 0; i < n; i++)
		if (i >= NF_MAX_TLV_ITEMS || !rsn_suite(pkt, c, NF_F(wlan_rsn_pcs), NF_F(wlan_rsn_pcs_type)))
			return "RSN pairwise cipher count larger than the element";
	if (nf_cur_empty(c))
		return NULL;
	if (!nf_cur_get_u16le(c, &n))
		return "RSN AKM suite count cut short";
	nf_add_uint(pkt, NF_F(wlan_rsn_akms_count), n, nf_cur_offset(c) - 2);
	for (unsigned i = 0; i < n; i++)
		if (i >= NF_MAX_TLV_ITEMS || !rsn_suite(pkt, c, NF_F(wlan_rsn_akms), NF_F(wlan_rsn_akms_type)))
			return "RSN AKM suite count larger than the element";
	if (nf_cur_empty(c))
		return NULL;
	if (!nf_cur_get_u16le(c, &caps))
		return "RSN capabilities cut short";
	nf_add_hex(pkt, NF_F(wlan_rsn_capabilities), caps, 4, nf_cur_offset(c) - 2);
	return NULL; /* PMKID list and group management cipher: not decoded */
}

static const char *vendor(struct nf_packet *pkt, struct nf_cur *c)
{
	uint32_t oui;
	uint8_t type;
	size_t off = nf_cur_offset(c);

	if (!nf_cur_get_u24be(c, &oui))
		return "vendor specific element shorter than its OUI";
	nf_add_uint(pkt, NF_F(wlan_tag_oui), oui, off);
	if (!nf_cur_peek_u8(c, &type))
		return NULL;
	nf_add_uint(pkt, NF_F(wlan_tag_vendor_oui_type), type, off + 3);
	if (oui == OUI_APPLE_WAC && type == 0) {
		nf_cur_skip(c, 1);
		return nf_dissect_ie_apple_wac(pkt, c);
	}
	if (oui == OUI_WFA && type == WFA_NAN_IE) {
		nf_cur_skip(c, 1);
		nf_dissect_ie_wfa_nan(pkt, c);
		return NULL;
	}
	nf_add_slice(pkt, NF_F(wlan_tag_vendor_data), NF_FT_BYTES, c, nf_cur_len(c));
	return NULL;
}

/* Decode one element body (its own sub-cursor).  Returns NULL or what is
 * wrong with it. */
static const char *element(struct nf_packet *pkt, uint8_t id, struct nf_cur *b)
{
	uint8_t v;
	uint16_t u16;
	uint32_t u32;
	size_t off = nf_cur_offset(b);

	switch (id) {
	case IE_SSID:
		nf_add_slice(pkt, NF_F(wlan_ssid), NF_FT_STR, b, nf_cur_len(b));
		if (nf_cur_len(b) > 32)
			return "SSID longer than 32 octets";
		return NULL;
	case IE_RATES:
	case IE_EXT_RATES:
		while (nf_cur_get_u8(b, &v))
			nf_add_hex(pkt, id == IE_RATES ? NF_F(wlan_supported_rates) : NF_F(wlan_extended_supported_rates), v, 2,
				   nf_cur_offset(b) - 1);
		return NULL;
	case IE_DS:
		if (nf_cur_len(b) != 1 || !nf_cur_get_u8(b, &v))
			return "DSSS Parameter Set length is not 1";
		nf_add_uint(pkt, NF_F(wlan_ds_current_channel), v, off);
		return NULL;
	case IE_TIM: { /* DTIM count, DTIM period, bitmap control, partial bitmap */
		uint8_t cnt, per, ctl;

		if (nf_cur_len(b) < 4 || !nf_cur_get_u8(b, &cnt) || !nf_cur_get_u8(b, &per) || !nf_cur_get_u8(b, &ctl))
			return "TIM element shorter than 4 octets";
		nf_add_uint(pkt, NF_F(wlan_tim_dtim_count), cnt, off);
		nf_add_uint(pkt, NF_F(wlan_tim_dtim_period), per, off + 1);
		nf_add_hex(pkt, NF_F(wlan_tim_bmapctl), ctl, 2, off + 2);
		nf_add_slice(pkt, NF_F(wlan_tim_partial_virtual_bitmap), NF_FT_BYTES, b, nf_cur_len(b));
		return NULL;
	}
	case IE_RSN:
		return rsn(pkt, b);
	case IE_HT_CAP:
		if (!nf_cur_peek_u16le(b, &u16))
			return "HT Capabilities element too short";
		nf_add_hex(pkt, NF_F(wlan_ht_capabilities), u16, 4, off);
		nf_add_slice(pkt, NF_F(wlan_tag_data), NF_FT_BYTES, b, nf_cur_len(b));
		return nf_cur_len(b) == 26 ? NULL : "HT Capabilities length is not 26";
	case IE_VHT_CAP:
		if (!nf_cur_peek_u32le(b, &u32))
			return "VHT Capabilities element too short";
		nf_add_hex(pkt, NF_F(wlan_vht_capabilities), u32, 8, off);
		nf_add_slice(pkt, NF_F(wlan_tag_data), NF_FT_BYTES, b, nf_cur_len(b));
		return nf_cur_len(b) == 12 ? NULL : "VHT Capabilities length is not 12";
	case IE_EXTENSION:
		if (!nf_cur_get_u8(b, &v))
			return "Extension element without Element ID Extension";
		nf_add_uint(pkt, NF_F(wlan_ext_tag_number), v, off);
		if (v == IE_EXT_HE_CAP)
			nf_add_slice(pkt, NF_F(wlan_tag_data), NF_FT_BYTES, b, nf_cur_len(b));
		return NULL;
	case IE_VENDOR:
		return vendor(pkt, b);
	default:
		return NULL; /* number and length only */
	}
}

void nf_dissect_ieee80211_ies(struct nf_packet *pkt, struct nf_cur *c)
{
	int list = nf_rec_span(nf_cur_offset(c), 0, -3); /* the element list (mutator) */

	for (unsigned n = 0; !nf_cur_empty(c); n++) {
		uint8_t id, len;
		struct nf_cur body;
		size_t off = nf_cur_offset(c);
		const char *err;

		if (n >= NF_MAX_TLV_ITEMS) {
			nf_layer_malformed(pkt, off, "too many information elements (bound NF_MAX_TLV_ITEMS)");
			return;
		}
		if (!nf_cur_get_u8(c, &id) || !nf_cur_get_u8(c, &len)) {
			nf_layer_short(pkt, c, off, "information element header cut short");
			return;
		}
		nf_add_uint(pkt, NF_F(wlan_tag_number), id, off);
		nf_add_uint(pkt, NF_F(wlan_tag_length), len, off + 1);
		if (!nf_cur_get_bytes(c, &body, len)) {
			nf_layer_short(pkt, c, off + 1, "information element length past the end of the frame");
			return;
		}
		/* Structure (mutator): Length is the body's (IEEE 802.11-2020 9.4.2.1). */
		nf_rec_len(off + 1, 1, false, 0, nf_rec_span(off + 2, len, NF_REC_NONE));
		(void)nf_rec_span(off, 2 + (size_t)len, list);
		err = element(pkt, id, &body);
		if (err)
			nf_layer_malformed(pkt, off, err);
	}
}
