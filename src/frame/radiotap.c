/* Radiotap capture header (https://www.radiotap.org/, "Radiotap header
 * format" and "Defined fields"), LINKTYPE_IEEE802_11_RADIOTAP (127).
 *
 *   u8 it_version (0), u8 it_pad, u16le it_len (whole header), u32le
 *   it_present[...]: bit 31 (Ext) chains another presence word; bit 29
 *   (Radiotap Namespace) and bit 30 (Vendor Namespace) select the namespace
 *   of the next word.  Field data follows the presence words in bit order;
 *   each field is aligned to its natural alignment measured from the start
 *   of the radiotap header ("Alignment in data").
 *
 * Within one namespace, a chained word continues the bit numbering (bit k
 * of the second word is field 32 + k); a namespace switch restarts it at 0.
 * A vendor namespace field (OUI, sub-namespace, skip_length) announces how
 * many bytes of vendor data follow; they are skipped whole.  A field whose
 * size we do not know (an undefined bit) stops
 * field decoding cleanly: it_len still tells where the 802.11 frame starts. */
#include "netfuzz/frame.h"
#include "netfuzz/structure.h"
#include "netfuzz/limits.h"

enum {
	RT_TSFT = 0, RT_FLAGS = 1, RT_RATE = 2, RT_CHANNEL = 3, RT_FHSS = 4,
	RT_DBM_ANTSIGNAL = 5, RT_DBM_ANTNOISE = 6, RT_LOCK_QUALITY = 7,
	RT_TX_ATTENUATION = 8, RT_DB_TX_ATTENUATION = 9, RT_DBM_TX_POWER = 10,
	RT_ANTENNA = 11, RT_DB_ANTSIGNAL = 12, RT_DB_ANTNOISE = 13,
	RT_RX_FLAGS = 14, RT_TX_FLAGS = 15, RT_RTS_RETRIES = 16,
	RT_DATA_RETRIES = 17, RT_XCHANNEL = 18, RT_TLV = 28,
	RT_RADIOTAP_NS = 29, RT_VENDOR_NS = 30, RT_EXT = 31,
};

/* Flags field bits (radiotap.org "Flags"). */
#define RT_F_FCS 0x10     /* frame includes FCS at its end */
#define RT_F_DATAPAD 0x20 /* padding between 802.11 header and payload */
#define RT_F_BADFCS 0x40  /* frame failed FCS check */

/* Natural alignment and size of each defined field, by bit number
 * (radiotap.org "Defined fields"; same table as Linux
 * net/wireless/radiotap.c).  Size 0: undefined, stop there. */
static const struct {
	uint8_t align, size;
} rt_fields[28] = {
	[RT_TSFT] = {8, 8},              [RT_FLAGS] = {1, 1},
	[RT_RATE] = {1, 1},              [RT_CHANNEL] = {2, 4},
	[RT_FHSS] = {2, 2},              [RT_DBM_ANTSIGNAL] = {1, 1},
	[RT_DBM_ANTNOISE] = {1, 1},      [RT_LOCK_QUALITY] = {2, 2},
	[RT_TX_ATTENUATION] = {2, 2},    [RT_DB_TX_ATTENUATION] = {2, 2},
	[RT_DBM_TX_POWER] = {1, 1},      [RT_ANTENNA] = {1, 1},
	[RT_DB_ANTSIGNAL] = {1, 1},      [RT_DB_ANTNOISE] = {1, 1},
	[RT_RX_FLAGS] = {2, 2},          [RT_TX_FLAGS] = {2, 2},
	[RT_RTS_RETRIES] = {1, 1},       [RT_DATA_RETRIES] = {1, 1},
	[RT_XCHANNEL] = {4, 8},          [19] = {1, 3},  /* MCS */
	[20] = {4, 8},  /* A-MPDU status */  [21] = {2, 12}, /* VHT */
	[22] = {8, 12}, /* timestamp */      [23] = {2, 12}, /* HE */
	[24] = {2, 12}, /* HE-MU */          [25] = {2, 6},  /* HE-MU-other-user */
	[26] = {1, 1},  /* 0-length PSDU */  [27] = {2, 4},  /* L-SIG */
};

struct rt_state {
	uint8_t flags;
	bool have_flags;
};

/* Decode one known field from its own sub-cursor f (exactly its size). */
static void rt_field(struct nf_packet *pkt, struct rt_state *st, unsigned idx, struct nf_cur *f)
{
	size_t off = nf_cur_offset(f);
	uint64_t u64;
	uint32_t u32;
	uint16_t a, b;
	uint8_t x, y;
	struct nf_field *fl;

	switch (idx) {
	case RT_TSFT:
		if (nf_cur_get_u64le(f, &u64))
			nf_add_uint(pkt, NF_F(radiotap_mactime), u64, off);
		break;
	case RT_FLAGS:
		if (nf_cur_get_u8(f, &x)) {
			st->flags = x;
			st->have_flags = true;
			nf_add_hex(pkt, NF_F(radiotap_flags), x, 2, off);
			nf_add_bool(pkt, NF_F(radiotap_flags_fcs), x & RT_F_FCS, off);
			nf_add_bool(pkt, NF_F(radiotap_flags_datapad), x & RT_F_DATAPAD, off);
			nf_add_bool(pkt, NF_F(radiotap_flags_badfcs), x & RT_F_BADFCS, off);
		}
		break;
	case RT_RATE:
		/* Units of 500 kb/s; Wireshark shows Mb/s (a float). */
		if (nf_cur_get_u8(f, &x)) {
			if (x % 2 == 0) {
				nf_add_uint(pkt, NF_F(radiotap_datarate), x / 2, off);
			} else {
				char buf[8];
				int n = 0, mb = x / 2;

				if (mb >= 100)
					buf[n++] = (char)('0' + mb / 100);
				if (mb >= 10)
					buf[n++] = (char)('0' + mb / 10 % 10);
				buf[n++] = (char)('0' + mb % 10);
				buf[n++] = '.';
				buf[n++] = '5';
				nf_add_str(pkt, NF_F(radiotap_datarate), buf, (size_t)n, off);
			}
		}
		break;
	case RT_CHANNEL:
		if (nf_cur_get_u16le(f, &a) && nf_cur_get_u16le(f, &b)) {
			nf_add_uint(pkt, NF_F(radiotap_channel_freq), a, off);
			nf_add_hex(pkt, NF_F(radiotap_channel_flags), b, 4, off + 2);
		}
		break;
	case RT_FHSS:
		if (nf_cur_get_u8(f, &x) && nf_cur_get_u8(f, &y)) {
			nf_add_uint(pkt, NF_F(radiotap_fhss_hopset), x, off);
			nf_add_uint(pkt, NF_F(radiotap_fhss_pattern), y, off + 1);
		}
		break;
	case RT_DBM_ANTSIGNAL:
	case RT_DBM_ANTNOISE:
	case RT_DBM_TX_POWER:
		if (nf_cur_get_u8(f, &x) && (fl = nf_add(pkt, idx == RT_DBM_ANTSIGNAL ? NF_F(radiotap_dbm_antsignal)
							 : idx == RT_DBM_ANTNOISE ? NF_F(radiotap_dbm_antnoise)
										  : NF_F(radiotap_txpower),
							 NF_FT_INT, off)))
			fl->v.i = (int8_t)x; /* s8 dBm */
		break;
	case RT_LOCK_QUALITY:
		if (nf_cur_get_u16le(f, &a))
			nf_add_uint(pkt, NF_F(radiotap_quality), a, off);
		break;
	case RT_TX_ATTENUATION:
		if (nf_cur_get_u16le(f, &a))
			nf_add_uint(pkt, NF_F(radiotap_txattenuation), a, off);
		break;
	case RT_DB_TX_ATTENUATION:
		if (nf_cur_get_u16le(f, &a))
			nf_add_uint(pkt, NF_F(radiotap_db_txattenuation), a, off);
		break;
	case RT_ANTENNA:
		if (nf_cur_get_u8(f, &x))
			nf_add_uint(pkt, NF_F(radiotap_antenna), x, off);
		break;
	case RT_DB_ANTSIGNAL:
		if (nf_cur_get_u8(f, &x))
			nf_add_uint(pkt, NF_F(radiotap_db_antsignal), x, off);
		break;
	case RT_DB_ANTNOISE:
		if (nf_cur_get_u8(f, &x))
			nf_add_uint(pkt, NF_F(radiotap_db_antnoise), x, off);
		break;
	case RT_RX_FLAGS:
		if (nf_cur_get_u16le(f, &a))
			nf_add_hex(pkt, NF_F(radiotap_rxflags), a, 4, off);
		break;
	case RT_TX_FLAGS:
		if (nf_cur_get_u16le(f, &a))
			nf_add_hex(pkt, NF_F(radiotap_txflags), a, 4, off);
		break;
	case RT_DATA_RETRIES:
		if (nf_cur_get_u8(f, &x))
			nf_add_uint(pkt, NF_F(radiotap_data_retries), x, off);
		break;
	case RT_XCHANNEL:
		/* u32 flags, u16 freq, u8 channel, u8 maxpower */
		if (nf_cur_get_u32le(f, &u32) && nf_cur_get_u16le(f, &a) && nf_cur_get_u8(f, &x)) {
			nf_add_hex(pkt, NF_F(radiotap_xchannel_flags), u32, 8, off);
			nf_add_uint(pkt, NF_F(radiotap_xchannel_freq), a, off + 4);
			nf_add_uint(pkt, NF_F(radiotap_xchannel_channel), x, off + 6);
		}
		break;
	default:
		break; /* known size, carried through undecoded */
	}
}

/* Bit 28 (radiotap.org "TLV fields in radiotap"): the rest of the header
 * is a list of TLVs, each u16le type, u16le length, data, padded to a
 * multiple of 4; types 0-27 carry the defined field of that bit number
 * (exactly its size).  Other types are skipped. */
static bool rt_tlvs(struct nf_packet *pkt, struct rt_state *st, struct nf_cur *d, size_t base)
{
	for (unsigned n = 0; !nf_cur_empty(d); n++) {
		uint16_t type, len;
		struct nf_cur v;
		size_t off = nf_cur_offset(d);

		if (n >= NF_MAX_TLV_ITEMS) {
			nf_layer_malformed(pkt, off, "too many radiotap TLVs (bound NF_MAX_TLV_ITEMS)");
			return false;
		}
		if (!nf_cur_align(d, base, 4) || nf_cur_empty(d))
			break; /* trailing padding */
		off = nf_cur_offset(d);
		if (!nf_cur_get_u16le(d, &type) || !nf_cur_get_u16le(d, &len) || !nf_cur_get_bytes(d, &v, len)) {
			nf_layer_malformed(pkt, off, "radiotap TLV runs past it_len");
			return false;
		}
		/* Structure (mutator): one TLV element, its length is the value's. */
		nf_rec_len(off + 2, 2, true, 0, nf_rec_span(off + 4, len, NF_REC_NONE));
		(void)nf_rec_span(off, 4 + (size_t)len, NF_REC_NONE);
		if (type < 28 && rt_fields[type].size != 0) {
			/* a defined field in TLV form: shown as that field,
			 * as Wireshark does */
			if (len != rt_fields[type].size) {
				nf_layer_malformed(pkt, off + 2, "radiotap TLV length differs from its field's size");
				return false;
			}
			rt_field(pkt, st, type, &v);
		} else {
			nf_add_uint(pkt, NF_F(radiotap_tlv_type), type, off);
			nf_add_uint(pkt, NF_F(radiotap_tlv_datalen), len, off + 2);
		}
	}
	return true;
}

/* Walk the field data d (positioned after the presence words) for the
 * presence words w[0..nw).  base is the absolute offset of the header.
 * Returns false after recording a problem in the layer. */
static bool rt_fields_walk(struct nf_packet *pkt, struct rt_state *st, const uint32_t *w, unsigned nw,
			   struct nf_cur *d, size_t base)
{
	bool vendor = false;  /* namespace of the current word */
	unsigned ns_word = 0; /* words since the namespace began */

	for (unsigned i = 0; i < nw; i++) {
		for (unsigned bit = 0; bit < 29 && !vendor; bit++) {
			unsigned idx = ns_word * 32 + bit;
			struct nf_cur f;

			if (!(w[i] & (1u << bit)))
				continue;
			if (idx == RT_TLV)
				return rt_tlvs(pkt, st, d, base);
			if (idx >= 28 || rt_fields[idx].size == 0) {
				nf_add_note(pkt, "radiotap: undefined field bit; later fields not decoded", nf_cur_offset(d));
				return true; /* cannot know its size: stop cleanly */
			}
			if (!nf_cur_align(d, base, rt_fields[idx].align) ||
			    !nf_cur_get_bytes(d, &f, rt_fields[idx].size)) {
				nf_layer_malformed(pkt, nf_cur_offset(d), "radiotap field runs past it_len");
				return false;
			}
			rt_field(pkt, st, idx, &f);
		}
		if ((w[i] & (1u << RT_RADIOTAP_NS)) && (w[i] & (1u << RT_VENDOR_NS))) {
			nf_layer_malformed(pkt, base + 4 + 4 * (size_t)i,
					   "radiotap presence word has both namespace bits (29 and 30)");
			return false;
		}
		if (w[i] & (1u << RT_VENDOR_NS)) {
			/* Vendor Namespace field: u8 OUI[3], u8 sub_namespace,
			 * u16le skip_length; alignment 2. */
			struct nf_cur vns;
			uint16_t skip = 0;
			uint8_t sub = 0;
			size_t off;

			if (!nf_cur_align(d, base, 2) || !nf_cur_get_bytes(d, &vns, 6)) {
				nf_layer_malformed(pkt, nf_cur_offset(d), "radiotap vendor namespace runs past it_len");
				return false;
			}
			off = nf_cur_offset(&vns);
			uint32_t oui = 0;

			nf_cur_get_u24be(&vns, &oui);
			nf_add_uint(pkt, NF_F(radiotap_vendor_oui), oui, off);
			nf_cur_get_u8(&vns, &sub);
			nf_cur_get_u16le(&vns, &skip);
			nf_add_uint(pkt, NF_F(radiotap_vendor_subns), sub, off + 3);
			nf_add_uint(pkt, NF_F(radiotap_vendor_data_len), skip, off + 4);
			if (!nf_cur_skip(d, skip)) {
				nf_layer_malformed(pkt, off + 4, "radiotap vendor skip_length runs past it_len");
				return false;
			}
			vendor = true;
			ns_word = 0;
		} else if (w[i] & (1u << RT_RADIOTAP_NS)) {
			vendor = false;
			ns_word = 0;
		} else {
			ns_word++;
		}
	}
	return true;
}

void nf_dissect_radiotap(struct nf_packet *pkt, struct nf_cur *c)
{
	size_t base = nf_cur_offset(c);
	uint8_t version, pad;
	uint16_t len;
	uint32_t w[NF_MAX_RADIOTAP_PRESENT_WORDS];
	unsigned nw = 0;
	struct nf_cur hdr;
	struct rt_state st = {0};

	nf_layer_begin(pkt, NF_P(radiotap), c);
	if (!nf_cur_get_u8(c, &version) || !nf_cur_get_u8(c, &pad) || !nf_cur_get_u16le(c, &len)) {
		nf_layer_truncated(pkt, c);
		return;
	}
	nf_add_uint(pkt, NF_F(radiotap_version), version, base);
	nf_add_uint(pkt, NF_F(radiotap_pad), pad, base + 1);
	nf_add_uint(pkt, NF_F(radiotap_length), len, base + 2);
	if (version != 0) {
		nf_layer_malformed(pkt, base, "radiotap it_version is not 0");
		return;
	}
	if (len < 8) {
		nf_layer_malformed(pkt, base + 2, "radiotap it_len shorter than the 8-byte header");
		return;
	}
	/* The whole header must be captured; the fields live inside it. */
	if (!nf_cur_get_bytes(c, &hdr, (size_t)len - 4)) {
		nf_layer_short(pkt, c, base + 2, "radiotap it_len past the end of the frame");
		return;
	}
	/* Structure (mutator): it_len is the whole header; the presence words
	 * are a list (a copied word with Ext set lengthens the chain). */
	nf_rec_len(base + 2, 2, true, 0, nf_rec_span(base, len, NF_REC_NONE));
	int rwords = nf_rec_span(base + 4, 0, NF_REC_NONE);
	for (;;) {
		uint32_t word;
		size_t off = nf_cur_offset(&hdr);

		if (nw == NF_MAX_RADIOTAP_PRESENT_WORDS) {
			nf_layer_malformed(pkt, off, "too many radiotap presence words (bound NF_MAX_RADIOTAP_PRESENT_WORDS)");
			nw = 0;
			break;
		}
		if (!nf_cur_get_u32le(&hdr, &word)) {
			nf_layer_malformed(pkt, off, "radiotap presence words run past it_len");
			nw = 0;
			break;
		}
		nf_add_hex(pkt, NF_F(radiotap_present_word), word, 8, off);
		(void)nf_rec_span(off, 4, rwords);
		w[nw++] = word;
		if (!(word & (1u << RT_EXT)))
			break;
	}
	if (nw)
		rt_fields_walk(pkt, &st, w, nw, &hdr, base);
	/* it_len is within the capture, so the 802.11 frame is found even
	 * when a field inside the radiotap header is bad. */
	nf_dissect_ieee80211(pkt, c, st.have_flags && (st.flags & RT_F_FCS),
			     st.have_flags && (st.flags & RT_F_DATAPAD));
}
