/* Wi-Fi Aware (NAN) frames and the attribute walk (Wi-Fi Aware / NAN
 * Specification v4).
 *
 * NAN Service Discovery Frames and NAN Action Frames ("NAN frame formats") are
 * Public Action vendor-specific frames: category 4, action 9, OUI
 * 50:6F:9A, OUI type 0x13 (SDF) or 0x18 (NAF).  A NAF carries a 1-byte OUI
 * subtype before its attributes.  Attributes ("NAN attributes") are TLVs: Attribute ID
 * (1), Length (2, little-endian), body.  The walk is bounded by
 * NF_MAX_TLV_ITEMS; an attribute whose length runs past the end stops it
 * (like Wireshark, its type is then not reported).
 *
 * Interoperability note: NAN pairing (new in NAN v4) is advertised with
 * the NAN Pairing Bootstrapping (0x2C) and NAN Identity Resolution (0x2B)
 * attributes, and a device that supports pairing says so in the Device
 * Capability Extension attribute (DCEA, 0x2A, Pairing Setup Enabled).  A
 * frame with pairing attributes but no DCEA, or with DCEA whose pairing bit
 * is clear, gets a note in NF_F(_notes). */
#include "netfuzz/frame.h"
#include "netfuzz/structure.h"
#include "netfuzz/limits.h"

#include "nan_attr.h"

#define NAN_SDF 0x13
#define NAN_NAF 0x18

void nf_dissect_nan_attrs(struct nf_packet *pkt, struct nf_cur *c)
{
	bool pairing = false, dcea = false, dcea_pairing = false;
	size_t start = nf_cur_offset(c);

	for (unsigned n = 0; !nf_cur_empty(c); n++) {
		uint8_t id;
		uint16_t len;
		struct nf_cur body;
		size_t off = nf_cur_offset(c);
		const char *err;

		if (n >= NF_MAX_TLV_ITEMS) {
			nf_layer_malformed(pkt, off, "too many NAN attributes (bound NF_MAX_TLV_ITEMS)");
			break;
		}
		if (!nf_cur_get_u8(c, &id) || !nf_cur_get_u16le(c, &len)) {
			nf_layer_short(pkt, c, off, "NAN attribute header cut short");
			break;
		}
		if (!nf_cur_get_bytes(c, &body, len)) {
			nf_layer_short(pkt, c, off + 1, "NAN attribute length past the end of the frame");
			break;
		}
		/* Structure (mutator): Length is the body's (Wi-Fi Aware 9.5.1). */
		nf_rec_len(off + 1, 2, true, 0, nf_rec_span(off + 3, len, NF_REC_NONE));
		(void)nf_rec_span(off, 3 + (size_t)len, NF_REC_NONE);
		nf_add_uint(pkt, NF_F(nan_attribute_type), id, off);
		nf_add_uint(pkt, NF_F(nan_attribute_len), len, off + 1);
		if (id == NAN_ATTR_IDENTITY_RESOLUTION || id == NAN_ATTR_PAIRING_BOOTSTRAPPING)
			pairing = true;
		if (id == NAN_ATTR_DCEA) {
			uint16_t cap = 0;

			dcea = true;
			if (nf_cur_peek_u16le(&body, &cap) && (cap & NAN_DCEA_PAIRING_SETUP))
				dcea_pairing = true;
		}
		err = nf_nan_attr_body(pkt, id, &body);
		if (err)
			nf_layer_malformed(pkt, off, err);
	}
	if (pairing && !dcea)
		nf_add_note(pkt, "nan: pairing attribute (NIRA 0x2B / NPBA 0x2C) without a Device Capability "
				 "Extension attribute (DCEA 0x2A)", start);
	else if (pairing && !dcea_pairing)
		nf_add_note(pkt, "nan: pairing attribute present but DCEA Pairing Setup Enabled bit is clear", start);
}

void nf_dissect_nan_attr_list(struct nf_packet *pkt, struct nf_cur *c)
{
	nf_layer_begin(pkt, NF_P(nan), c);
	nf_dissect_nan_attrs(pkt, c);
}

void nf_dissect_nan_action(struct nf_packet *pkt, struct nf_cur *c, uint8_t oui_type)
{
	nf_layer_begin(pkt, NF_P(nan), c);
	if (oui_type == NAN_NAF) {
		uint8_t sub;

		if (!nf_cur_get_u8(c, &sub)) {
			nf_layer_truncated(pkt, c);
			return;
		}
		/* NAF subtypes: 1-4 ranging, 5-9 data path, 10-13 schedule
		 * (values as in Wireshark's action_frame_type_values). */
		nf_add_hex(pkt, NF_F(nan_action_subtype), sub, 2, nf_cur_offset(c) - 1);
	}
	nf_dissect_nan_attrs(pkt, c);
}
