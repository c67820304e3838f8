/* Apple Device IE used by Wireless Accessory Configuration (WAC): vendor
 * specific element with OUI 00:A0:40, OUI type 0, whose body is a list of
 * sub-elements (1-byte ID, 1-byte length, value).
 *
 * Sources (read, not copied): Apple's HomeKit ADK HAPWACAppleDeviceIE.c,
 * which cites "Accessory Interface Specification - Wi-Fi Accessory
 * Configuration Addendum R1, Table 2-7 Apple Device IE elements and Table
 * 2-8 Flags", and the WACServer IEEE80211Utils.h (kAppleDeviceIE_*):
 *   0x00 Flags          n bytes, bit 0 = MSB of the first byte
 *   0x01 Name           UTF-8
 *   0x02 Manufacturer   UTF-8
 *   0x03 Model          UTF-8
 *   0x04 OUI            3 bytes
 *   0x06 Bluetooth MAC  6 bytes
 *   0x07 Device ID      6 bytes (primary MAC)
 *   0x08 Category       u16 little-endian (obsolete since AIS R27)
 *   0x09 Setup hash     4 bytes (HAP R17 3.3.1.2)
 *   0xDD Vendor         vendor-specific, kept as bytes
 * Wireshark has no dissector for this element, so field names are ours
 * under wlan.apple_wac.*. */
#include "netfuzz/frame.h"
#include "netfuzz/structure.h"
#include "netfuzz/limits.h"

enum {
	WAC_FLAGS = 0x00, WAC_NAME = 0x01, WAC_MANUFACTURER = 0x02, WAC_MODEL = 0x03,
	WAC_OUI = 0x04, WAC_BT_MAC = 0x06, WAC_DEVICE_ID = 0x07, WAC_CATEGORY = 0x08,
	WAC_SETUP_HASH = 0x09, WAC_VENDOR = 0xdd,
};

static const char *wac_sub(struct nf_packet *pkt, uint8_t id, struct nf_cur *v)
{
	size_t off = nf_cur_offset(v), n = nf_cur_len(v);
	uint8_t mac[6];
	uint16_t cat;

	switch (id) {
	case WAC_FLAGS: {
		uint64_t bits = 0;
		uint8_t b;

		nf_add_slice(pkt, NF_F(wlan_apple_wac_flags), NF_FT_BYTES, v, n);
		/* First up to 4 bytes as one number, first byte most significant,
		 * so flag bit k is mask 0x80000000 >> k. */
		for (unsigned i = 0; i < 4; i++) {
			b = 0;
			nf_cur_get_u8(v, &b);
			bits = bits << 8 | b;
		}
		nf_add_hex(pkt, NF_F(wlan_apple_wac_flags_bits), bits, 8, off);
		nf_add_bool(pkt, NF_F(wlan_apple_wac_flags_airplay), bits & 0x80000000u, off);
		nf_add_bool(pkt, NF_F(wlan_apple_wac_flags_unconfigured), bits & 0x40000000u, off);
		nf_add_bool(pkt, NF_F(wlan_apple_wac_flags_mfi_config_v1), bits & 0x20000000u, off);
		nf_add_bool(pkt, NF_F(wlan_apple_wac_flags_homekit_v1), bits & (0x80000000u >> 17), off);
		nf_add_bool(pkt, NF_F(wlan_apple_wac_flags_wac2), bits & (0x80000000u >> 20), off);
		return n ? NULL : "WAC flags sub-element is empty";
	}
	case WAC_NAME:
		nf_add_slice(pkt, NF_F(wlan_apple_wac_name), NF_FT_STR, v, n);
		return NULL;
	case WAC_MANUFACTURER:
		nf_add_slice(pkt, NF_F(wlan_apple_wac_manufacturer), NF_FT_STR, v, n);
		return NULL;
	case WAC_MODEL:
		nf_add_slice(pkt, NF_F(wlan_apple_wac_model), NF_FT_STR, v, n);
		return NULL;
	case WAC_OUI:
		if (n != 3)
			return "WAC OUI sub-element is not 3 bytes";
		nf_add_slice(pkt, NF_F(wlan_apple_wac_oui), NF_FT_BYTES_COLON, v, 3);
		return NULL;
	case WAC_BT_MAC:
	case WAC_DEVICE_ID:
		if (n != 6 || !nf_cur_copy(v, mac, 6))
			return id == WAC_BT_MAC ? "WAC Bluetooth MAC sub-element is not 6 bytes"
						: "WAC device ID sub-element is not 6 bytes";
		nf_add_addr(pkt, id == WAC_BT_MAC ? NF_F(wlan_apple_wac_bluetooth_mac) : NF_F(wlan_apple_wac_device_id),
			    NF_FT_MAC, mac, off);
		return NULL;
	case WAC_CATEGORY:
		if (n != 2 || !nf_cur_get_u16le(v, &cat))
			return "WAC category sub-element is not 2 bytes";
		nf_add_uint(pkt, NF_F(wlan_apple_wac_category), cat, off);
		return NULL;
	case WAC_SETUP_HASH:
		if (n != 4)
			return "WAC setup hash sub-element is not 4 bytes";
		nf_add_slice(pkt, NF_F(wlan_apple_wac_setup_hash), NF_FT_BYTES, v, 4);
		return NULL;
	case WAC_VENDOR:
		nf_add_slice(pkt, NF_F(wlan_apple_wac_vendor), NF_FT_BYTES, v, n);
		return NULL;
	default:
		return NULL; /* unknown sub-element: id and length only */
	}
}

const char *nf_dissect_ie_apple_wac(struct nf_packet *pkt, struct nf_cur *c)
{
	const char *first = NULL;

	for (unsigned n = 0; !nf_cur_empty(c); n++) {
		uint8_t id, len;
		struct nf_cur v;
		size_t off = nf_cur_offset(c);
		const char *err;

		if (n >= NF_MAX_TLV_ITEMS)
			return "too many WAC sub-elements (bound NF_MAX_TLV_ITEMS)";
		if (!nf_cur_get_u8(c, &id) || !nf_cur_get_u8(c, &len) || !nf_cur_get_bytes(c, &v, len))
			return "WAC sub-element length past the end of the element";
		/* Structure (mutator): sub-element length is the value's. */
		nf_rec_len(off + 1, 1, false, 0, nf_rec_span(off + 2, len, NF_REC_NONE));
		(void)nf_rec_span(off, 2 + (size_t)len, NF_REC_NONE);
		nf_add_uint(pkt, NF_F(wlan_apple_wac_subelement_id), id, off);
		nf_add_uint(pkt, NF_F(wlan_apple_wac_subelement_length), len, off + 1);
		err = wac_sub(pkt, id, &v);
		if (err && !first)
			first = err;
	}
	return first;
}
