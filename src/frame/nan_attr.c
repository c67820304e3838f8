/* NAN attribute bodies (Wi-Fi Aware / NAN Specification v4, "NAN
 * attributes").  Field names are Wireshark's nan.* names (tshark 4.0
 * packet-wifi-nan.c) where it has them; the attributes Wireshark 4.0 does
 * not know (DCEA 0x2A, NIRA 0x2B, NPBA 0x2C) use nan.<attribute>.* names
 * in the same style.  Multi-byte fields are little-endian, except where
 * noted to match Wireshark.  Each decoder reads only its own sub-cursor. */
#include "netfuzz/frame.h"

#include <string.h>
#include "netfuzz/limits.h"

#include "nan_attr.h"

#define SHORT(what) "NAN " what " attribute shorter than its fixed fields"

/* n bytes as an FT_BYTES field; service IDs and OUIs are shown with
 * colons, as Wireshark declares them. */
static bool bytesf(struct nf_packet *pkt, struct nf_cur *b, const struct nf_fdesc *name, size_t n)
{
	bool colon = name == NF_F(nan_service_id) || name == NF_F(nan_oui);

	if (nf_cur_len(b) < n)
		return false;
	nf_add_slice(pkt, name, colon ? NF_FT_BYTES_COLON : NF_FT_BYTES, b, n);
	nf_cur_skip(b, n);
	return true;
}

/* Master Indication: Master Preference (1), Random Factor (1). */
static const char *master_indication(struct nf_packet *pkt, struct nf_cur *b)
{
	if (nf_cur_len(b) != 2)
		return "NAN Master Indication attribute length is not 2";
	nf_take_u8(pkt, b, NF_F(nan_master_indication_preference), true, NULL);
	nf_take_u8(pkt, b, NF_F(nan_master_indication_random_factor), false, NULL);
	return NULL;
}

/* Cluster: Anchor Master Rank (8), Hop Count (1), AMBTT (4).  Read in
 * network order as Wireshark 4.0 does (its display of these fields). */
static const char *cluster(struct nf_packet *pkt, struct nf_cur *b)
{
	uint64_t rank;
	uint32_t ambtt;
	uint8_t hops;
	size_t off = nf_cur_offset(b);

	if (nf_cur_len(b) != 13 || !nf_cur_get_u64be(b, &rank) || !nf_cur_get_u8(b, &hops) ||
	    !nf_cur_get_u32be(b, &ambtt))
		return "NAN Cluster attribute length is not 13";
	nf_add_uint(pkt, NF_F(nan_cluster_anchor_master_rank), rank, off);
	nf_add_uint(pkt, NF_F(nan_cluster_hop_count), hops, off + 8);
	nf_add_uint(pkt, NF_F(nan_cluster_beacon_transmission_time), ambtt, off + 9);
	return NULL;
}

/* Service ID List: one or more 6-byte Service IDs. */
static const char *service_id_list(struct nf_packet *pkt, struct nf_cur *b)
{
	if (nf_cur_len(b) == 0 || nf_cur_len(b) % 6 != 0)
		return "NAN Service ID List length is not a non-zero multiple of 6";
	while (!nf_cur_empty(b))
		bytesf(pkt, b, NF_F(nan_service_id), 6);
	return NULL;
}

/* Service Descriptor: Service ID (6), Instance ID (1), Requestor Instance
 * ID (1), Service Control (1), then by control bits: Binding Bitmap (2,
 * 0x40), Matching Filter (len + filters, 0x04), Service Response Filter
 * (len + control + address set, 0x08), Service Info (len + info, 0x10). */
static const char *service_descriptor(struct nf_packet *pkt, struct nf_cur *b)
{
	uint8_t sc, len;
	size_t off;
	struct nf_cur sub;

	if (!bytesf(pkt, b, NF_F(nan_service_id), 6) || !nf_take_u8(pkt, b, NF_F(nan_instance_id), true, NULL) ||
	    !nf_take_u8(pkt, b, NF_F(nan_sda_requestor_instance_id), true, NULL) || !nf_cur_get_u8(b, &sc))
		return SHORT("Service Descriptor");
	off = nf_cur_offset(b) - 1;
	nf_add_hex(pkt, NF_F(nan_sda_sc), sc, 2, off);
	nf_add_hex(pkt, NF_F(nan_sda_sc_type), sc & 3, 2, off);
	nf_add_bool(pkt, NF_F(nan_sda_sc_matching_filter), sc & 0x04, off);
	nf_add_bool(pkt, NF_F(nan_sda_sc_service_response), sc & 0x08, off);
	nf_add_bool(pkt, NF_F(nan_sda_sc_service_info), sc & 0x10, off);
	nf_add_bool(pkt, NF_F(nan_sda_sc_discovery_range), sc & 0x20, off);
	nf_add_bool(pkt, NF_F(nan_sda_sc_binding_bitmap), sc & 0x40, off);
	if ((sc & 0x40) && !nf_take_u16le(pkt, b, NF_F(nan_sda_binding_bitmap), true, NULL))
		return "NAN Service Descriptor binding bitmap past the attribute";
	if (sc & 0x04) {
		if (!nf_cur_get_u8(b, &len) || !nf_cur_get_bytes(b, &sub, len))
			return "NAN matching filter length past the attribute";
		nf_add_uint(pkt, NF_F(nan_sda_matching_filter_len), len, nf_cur_offset(&sub) - 1);
		/* The filter is a sequence of <length, value> pairs. */
		for (unsigned n = 0; !nf_cur_empty(&sub); n++) {
			struct nf_cur v;

			if (n >= NF_MAX_TLV_ITEMS || !nf_cur_get_u8_prefixed(&sub, &v))
				return "NAN matching filter element length past the filter";
			nf_add_slice(pkt, NF_F(nan_sda_matching_filter_val), NF_FT_BYTES, &v, nf_cur_len(&v));
		}
	}
	if (sc & 0x08) {
		if (!nf_cur_get_u8(b, &len) || !nf_cur_get_bytes(b, &sub, len))
			return "NAN service response filter length past the attribute";
		nf_add_uint(pkt, NF_F(nan_sda_service_response_filter_len), len, nf_cur_offset(&sub) - 1);
		if (!nf_take_u8(pkt, &sub, NF_F(nan_sda_srf_ctr), true, NULL))
			return "NAN service response filter without its control field";
		nf_add_slice(pkt, NF_F(nan_sda_srf_address_set), NF_FT_BYTES, &sub, nf_cur_len(&sub));
	}
	if (sc & 0x10) {
		if (!nf_cur_get_u8(b, &len) || !nf_cur_get_bytes(b, &sub, len))
			return "NAN service info length past the attribute";
		nf_add_uint(pkt, NF_F(nan_sda_service_info_len), len, nf_cur_offset(&sub) - 1);
		nf_add_slice(pkt, NF_F(nan_sda_service_info), NF_FT_BYTES, &sub, len);
	}
	return NULL;
}

/* Service Descriptor Extension: Instance ID (1), Control (2), Range Limit
 * (4, control bit 8), Service Update Indicator (1, bit 9), then optional
 * Service Info Length (2) + Service Info (OUI 3, protocol type 1, rest). */
static const char *sdea(struct nf_packet *pkt, struct nf_cur *b)
{
	uint16_t ctl, len;
	struct nf_cur si;
	size_t off;

	if (!nf_take_u8(pkt, b, NF_F(nan_instance_id), true, NULL) || !nf_take_u16le(pkt, b, NF_F(nan_sdea_ctr), true, &ctl))
		return SHORT("Service Descriptor Extension");
	off = nf_cur_offset(b) - 2;
	nf_add_bool(pkt, NF_F(nan_sdea_ctr_fsd), ctl & 0x0001, off);
	nf_add_bool(pkt, NF_F(nan_sdea_ctr_data_path), ctl & 0x0004, off);
	nf_add_bool(pkt, NF_F(nan_sdea_ctr_qos), ctl & 0x0020, off);
	nf_add_bool(pkt, NF_F(nan_sdea_ctr_security), ctl & 0x0040, off);
	nf_add_bool(pkt, NF_F(nan_sdea_ctr_ranging), ctl & 0x0080, off);
	if ((ctl & 0x0100) && (!nf_take_u16le(pkt, b, NF_F(nan_sdea_range_limit_ingress), false, NULL) ||
			       !nf_take_u16le(pkt, b, NF_F(nan_sdea_range_limit_egress), false, NULL)))
		return "NAN SDEA range limit past the attribute";
	if ((ctl & 0x0200) && !nf_take_u8(pkt, b, NF_F(nan_sdea_service_update_indicator), false, NULL))
		return "NAN SDEA service update indicator past the attribute";
	if (nf_cur_empty(b))
		return NULL;
	if (!nf_cur_get_u16le(b, &len) || !nf_cur_get_bytes(b, &si, len))
		return "NAN SDEA service info length past the attribute";
	nf_add_uint(pkt, NF_F(nan_sdea_service_info_len), len, nf_cur_offset(&si) - 2);
	if (!bytesf(pkt, &si, NF_F(nan_oui), 3) || !nf_take_u8(pkt, &si, NF_F(nan_sdea_service_info_protocol_type), false, NULL))
		return "NAN SDEA service info shorter than OUI and protocol type";
	nf_add_slice(pkt, NF_F(nan_sdea_service_info_specific), NF_FT_BYTES, &si, nf_cur_len(&si));
	return NULL;
}

/* Device Capability (9 bytes): Map ID, Committed DW Info (2), Supported
 * Bands, Operation Mode, Number of Antennas, Max Channel Switch Time (2),
 * Capabilities. */
static const char *device_capability(struct nf_packet *pkt, struct nf_cur *b)
{
	if (nf_cur_len(b) != 9)
		return "NAN Device Capability attribute length is not 9";
	nf_take_u8(pkt, b, NF_F(nan_map_id), true, NULL);
	nf_take_u16le(pkt, b, NF_F(nan_device_cap_committed_dw_info), false, NULL);
	nf_take_u8(pkt, b, NF_F(nan_device_cap_supported_bands), true, NULL);
	nf_take_u8(pkt, b, NF_F(nan_device_cap_op_mode), true, NULL);
	nf_take_u8(pkt, b, NF_F(nan_device_cap_antennas), true, NULL);
	nf_take_u16le(pkt, b, NF_F(nan_device_cap_max_channel_switch_time), false, NULL);
	nf_take_u8(pkt, b, NF_F(nan_device_cap_capabilities), true, NULL);
	return NULL;
}

/* NAN Availability: Sequence ID (1), Attribute Control (2), then
 * Availability Entries: Length (2), Entry Control (2), [Time Bitmap
 * Control (2), Time Bitmap Length (1), Time Bitmap] if Entry Control bit
 * 12, then a Band/Channel Entries List (type b0, non-contiguous b1, number
 * of entries b4-b7, then the entries, kept as bytes). */
static const char *availability(struct nf_packet *pkt, struct nf_cur *b)
{
	uint16_t ctl;

	if (!nf_take_u8(pkt, b, NF_F(nan_availability_sequence_id), false, NULL) || !nf_take_u16le(pkt, b, NF_F(nan_availability_ctr), true, &ctl))
		return SHORT("Availability");
	nf_add_uint(pkt, NF_F(nan_availability_map_id), ctl & 0xf, nf_cur_offset(b) - 2);
	for (unsigned n = 0; !nf_cur_empty(b); n++) {
		struct nf_cur e, bm;
		uint16_t ectl;
		uint8_t bl, bce;

		if (n >= NF_MAX_TLV_ITEMS)
			return "too many NAN availability entries (bound NF_MAX_TLV_ITEMS)";
		if (!nf_cur_get_u16le_prefixed(b, &e))
			return "NAN availability entry length past the attribute";
		nf_add_uint(pkt, NF_F(nan_availability_entry_len), nf_cur_len(&e), nf_cur_offset(&e) - 2);
		if (!nf_take_u16le(pkt, &e, NF_F(nan_availability_entry_ctr), true, &ectl))
			return "NAN availability entry without its control field";
		nf_add_uint(pkt, NF_F(nan_availability_entry_ctr_type), ectl & 7, nf_cur_offset(&e) - 2);
		nf_add_bool(pkt, NF_F(nan_availability_entry_ctr_time_bitmap), ectl & 0x1000, nf_cur_offset(&e) - 2);
		if (ectl & 0x1000) {
			if (!nf_take_u16le(pkt, &e, NF_F(nan_time_bitmap_ctrl), true, NULL) || !nf_cur_get_u8(&e, &bl) ||
			    !nf_cur_get_bytes(&e, &bm, bl))
				return "NAN availability time bitmap past the entry";
			nf_add_uint(pkt, NF_F(nan_time_bitmap_len), bl, nf_cur_offset(&bm) - 1);
			nf_add_slice(pkt, NF_F(nan_time_bitmap), NF_FT_BYTES, &bm, bl);
		}
		if (nf_cur_get_u8(&e, &bce)) {
			size_t o = nf_cur_offset(&e) - 1;

			nf_add_bool(pkt, NF_F(nan_availability_entry_entries_type), bce & 1, o);
			nf_add_bool(pkt, NF_F(nan_availability_entry_entries_non_contiguous_bw), bce & 2, o);
			nf_add_uint(pkt, NF_F(nan_availability_entry_entries_num_entries), bce >> 4, o);
		}
	}
	return NULL;
}

/* Cipher Suite Info: Capabilities (1), then <Cipher Suite ID, Publish ID>
 * pairs. */
static const char *cipher_suite_info(struct nf_packet *pkt, struct nf_cur *b)
{
	if (!nf_take_u8(pkt, b, NF_F(nan_cipher_suite_capabilities), true, NULL))
		return SHORT("Cipher Suite Info");
	if (nf_cur_len(b) % 2 != 0)
		return "NAN Cipher Suite list is not a whole number of 2-byte entries";
	while (!nf_cur_empty(b)) {
		nf_take_u8(pkt, b, NF_F(nan_cipher_suite_id), false, NULL);
		nf_take_u8(pkt, b, NF_F(nan_publish_id), false, NULL);
	}
	return NULL;
}

/* Security Context Info: entries of Identifier Length (2), Identifier Type
 * (1, 1 = ND-PMKID), Publish ID (1), Identifier. */
static const char *security_context_info(struct nf_packet *pkt, struct nf_cur *b)
{
	for (unsigned n = 0; !nf_cur_empty(b); n++) {
		uint16_t len;

		if (n >= NF_MAX_TLV_ITEMS)
			return "too many NAN security contexts (bound NF_MAX_TLV_ITEMS)";
		if (!nf_take_u16le(pkt, b, NF_F(nan_security_context_identifier_len), false, &len) ||
		    !nf_take_u8(pkt, b, NF_F(nan_security_context_identifier_type), false, NULL) || !nf_take_u8(pkt, b, NF_F(nan_publish_id), false, NULL))
			return "NAN security context entry cut short";
		if (!bytesf(pkt, b, NF_F(nan_security_context_identifier), len))
			return "NAN security context identifier length past the attribute";
	}
	return NULL;
}

/* Device Capability Extension (NAN v4): Capability Info (2+): b0 6 GHz
 * regulatory info present, b1-b3 regulatory info, b8 Pairing Setup
 * Enabled, b9 NPK/NIK caching enabled (masks as Wireshark's). */
static const char *dcea(struct nf_packet *pkt, struct nf_cur *b)
{
	uint16_t cap;
	size_t off = nf_cur_offset(b);

	if (!nf_take_u16le(pkt, b, NF_F(nan_device_capability_extension), true, &cap))
		return SHORT("Device Capability Extension");
	nf_add_bool(pkt, NF_F(nan_device_capability_extension_pairing_setup_enabled), cap & NAN_DCEA_PAIRING_SETUP, off);
	nf_add_bool(pkt, NF_F(nan_device_capability_extension_npk_nik_cache_enabled), cap & 0x0200, off);
	return NULL;
}

/* NAN Identity Resolution (NAN v4): Cipher Version (1); version 0 =
 * 128-bit NIK, 64-bit Nonce, 64-bit Tag (HMAC-SHA-256). */
static const char *identity_resolution(struct nf_packet *pkt, struct nf_cur *b)
{
	uint8_t ver;

	if (!nf_cur_peek_u8(b, &ver) || !nf_take_u8(pkt, b, NF_F(nan_identity_resolution_cipher_version), false, NULL))
		return SHORT("Identity Resolution");
	if (ver != 0)
		return NULL; /* reserved versions: rest not decoded */
	if (!bytesf(pkt, b, NF_F(nan_identity_resolution_nonce), 8) || !bytesf(pkt, b, NF_F(nan_identity_resolution_tag), 8))
		return "NAN Identity Resolution (cipher version 0) shorter than nonce and tag";
	return NULL;
}

/* NAN Pairing Bootstrapping (NAN v4): Dialog Token (1), Type and Status
 * (type b0-b3: 0 advertise, 1 request, 2 response; status b4-b7: 0
 * accepted, 1 rejected, 2 comeback), Reason Code (1), [Comeback After (2)
 * if response+comeback, Cookie Length (1) + Cookie] when the attribute is
 * longer than 5 bytes, Pairing Bootstrapping Methods (2). */
static const char *pairing_bootstrapping(struct nf_packet *pkt, struct nf_cur *b)
{
	uint8_t ts, clen;
	bool comeback = nf_cur_len(b) > 5;
	size_t off;

	if (nf_cur_len(b) < 5 || !nf_take_u8(pkt, b, NF_F(nan_pairing_bootstrapping_dialog_token), false, NULL) ||
	    !nf_cur_get_u8(b, &ts))
		return SHORT("Pairing Bootstrapping");
	off = nf_cur_offset(b) - 1;
	nf_add_uint(pkt, NF_F(nan_pairing_bootstrapping_type), ts & 0xf, off);
	nf_add_uint(pkt, NF_F(nan_pairing_bootstrapping_status), ts >> 4, off);
	nf_take_u8(pkt, b, NF_F(nan_pairing_bootstrapping_reason_code), false, NULL);
	if (comeback && (ts & 0xf) == 2 && (ts >> 4) == 2 &&
	    !nf_take_u16le(pkt, b, NF_F(nan_pairing_bootstrapping_comeback_after), false, NULL))
		return "NAN Pairing Bootstrapping comeback-after past the attribute";
	if (comeback) {
		if (!nf_cur_get_u8(b, &clen))
			return "NAN Pairing Bootstrapping cookie length past the attribute";
		nf_add_uint(pkt, NF_F(nan_pairing_bootstrapping_cookie_len), clen, nf_cur_offset(b) - 1);
		if (!bytesf(pkt, b, NF_F(nan_pairing_bootstrapping_cookie), clen))
			return "NAN Pairing Bootstrapping cookie past the attribute";
	}
	if (!nf_take_u16le(pkt, b, NF_F(nan_pairing_bootstrapping_methods), true, NULL))
		return "NAN Pairing Bootstrapping methods field missing";
	return NULL;
}

/* Vendor Specific: OUI (3), body.  Wireshark hands the body to its
 * vendor-specific element dissector, so the OUI is wlan.tag.oui there. */
static const char *vendor_specific(struct nf_packet *pkt, struct nf_cur *b)
{
	uint32_t oui;

	if (!nf_cur_get_u24be(b, &oui))
		return "NAN Vendor Specific attribute shorter than its OUI";
	nf_add_uint(pkt, NF_F(wlan_tag_oui), oui, nf_cur_offset(b) - 3);
	nf_add_slice(pkt, NF_F(nan_vendor_specific_body), NF_FT_BYTES, b, nf_cur_len(b));
	return NULL;
}

const char *nf_nan_attr_body(struct nf_packet *pkt, uint8_t id, struct nf_cur *b)
{
	switch (id) {
	case NAN_ATTR_MASTER_INDICATION: return master_indication(pkt, b);
	case NAN_ATTR_CLUSTER: return cluster(pkt, b);
	case NAN_ATTR_SERVICE_ID_LIST: return service_id_list(pkt, b);
	case NAN_ATTR_SERVICE_DESCRIPTOR: return service_descriptor(pkt, b);
	case NAN_ATTR_SDEA: return sdea(pkt, b);
	case NAN_ATTR_DEVICE_CAPABILITY: return device_capability(pkt, b);
	case NAN_ATTR_AVAILABILITY: return availability(pkt, b);
	case NAN_ATTR_CIPHER_SUITE_INFO: return cipher_suite_info(pkt, b);
	case NAN_ATTR_SECURITY_CONTEXT_INFO: return security_context_info(pkt, b);
	case NAN_ATTR_DCEA: return dcea(pkt, b);
	case NAN_ATTR_IDENTITY_RESOLUTION: return identity_resolution(pkt, b);
	case NAN_ATTR_PAIRING_BOOTSTRAPPING: return pairing_bootstrapping(pkt, b);
	case NAN_ATTR_VENDOR_SPECIFIC: return vendor_specific(pkt, b);
	default: return NULL; /* other ids: type and length only */
	}
}
