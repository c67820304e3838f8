/* Structure of a capture file for the pcap_file target (issue 13): libpcap
 * reads the file into its own buffers, so nothing it parses is recorded.
 * This walk records what the mutator needs and dissects each packet in
 * place, with offsets shifted to the packet's position in the file.
 *  - pcap (pcap-savefile(5); draft-ietf-opsawg-pcap): a 24-byte header
 *    (magic gives byte order, link type at 20), then records of a 16-byte
 *    header (ts_sec, ts_usec, caplen, len) and caplen bytes.  caplen is the
 *    length of the packet bytes; len too when the file had them equal.
 *  - pcapng (draft-ietf-opsawg-pcapng section 3.1): blocks of type, total
 *    length, body, total length again; both length fields describe the
 *    whole block.  The Section Header Block's byte-order magic (4.1) gives
 *    byte order; Interface Description Blocks (4.2) the link types;
 *    Enhanced Packet Blocks (4.3) captured length, original length and the
 *    packet, padded to 32 bits.
 * Every record and block is an element of the file's list.  Counts are
 * bounded like the target's (NF_MAX_FUZZ_PCAP_PACKETS packets). */
#include "netfuzz/frame.h"
#include "netfuzz/limits.h"
#include "netfuzz/structure.h"

#define PCAPNG_MAX_IFACES 8

static struct nf_packet walk_pkt;

static bool get_u32(struct nf_cur *c, bool le, uint32_t *v)
{
	return le ? nf_cur_get_u32le(c, v) : nf_cur_get_u32be(c, v);
}

/* Dissect n captured bytes at c's position (wire length len) with offsets
 * shifted to their place in the file. */
static void dissect_at(const struct nf_cur *c, int dlt, size_t n, uint32_t len)
{
	struct nf_cur v;
	uint32_t saved = nf_rec_active->shift;

	if (!nf_cur_view(c, 0, n, &v) || nf_cur_offset(c) > UINT32_MAX - saved)
		return;
	nf_rec_active->shift = saved + (uint32_t)nf_cur_offset(c);
	nf_dissect(&walk_pkt, nf_linktype_from_dlt(dlt), nf_cur_data(&v), n, len < n ? n : len);
	nf_rec_active->shift = saved;
}

static void walk_pcap(struct nf_cur *c, bool le)
{
	uint32_t dlt;
	struct nf_cur h = *c;
	int list;

	if (!nf_cur_skip(&h, 20) || !get_u32(&h, le, &dlt))
		return;
	*c = h;
	list = nf_rec_span(nf_cur_offset(c), nf_cur_len(c), NF_REC_NONE);
	for (int i = 0; i < NF_MAX_FUZZ_PCAP_PACKETS && nf_cur_len(c) >= 16; i++) {
		size_t off = nf_cur_offset(c);
		uint32_t caplen, len;
		int data;

		if (!nf_cur_skip(c, 8) || !get_u32(c, le, &caplen) || !get_u32(c, le, &len) ||
		    caplen > nf_cur_len(c))
			return;
		data = nf_rec_span(off + 16, caplen, NF_REC_NONE);
		nf_rec_len(off + 8, 4, le, 0, data);
		if (len == caplen)
			nf_rec_len(off + 12, 4, le, 0, data);
		(void)nf_rec_span(off, 16 + (size_t)caplen, list);
		dissect_at(c, (int)(dlt & 0x0fffffff), caplen, len); /* upper bits: FCS info (pcap-linktype) */
		(void)nf_cur_skip(c, caplen);
	}
}

static void walk_pcapng(struct nf_cur *c)
{
	int list = nf_rec_span(nf_cur_offset(c), nf_cur_len(c), NF_REC_NONE);
	uint32_t dlts[PCAPNG_MAX_IFACES];
	unsigned nif = 0, npkts = 0;
	bool le = true;

	while (nf_cur_len(c) >= 12 && npkts < NF_MAX_FUZZ_PCAP_PACKETS) {
		size_t off = nf_cur_offset(c);
		uint32_t type, total, magic, ifid, caplen, len;
		uint16_t lt16;
		struct nf_cur b, body;
		int blk;

		/* the SHB's type reads the same in both byte orders; its magic
		 * decides the order of everything in its section */
		b = *c;
		if (!nf_cur_get_u32le(&b, &type))
			return;
		if (type == 0x0A0D0D0A) {
			if (!nf_cur_skip(&b, 4) || !nf_cur_get_u32le(&b, &magic))
				return;
			le = magic == 0x1A2B3C4D;
			nif = 0;
		}
		b = *c;
		if (!get_u32(&b, le, &type) || !get_u32(&b, le, &total) || total < 12 || total > nf_cur_len(c))
			return;
		blk = nf_rec_span(off, total, list);
		nf_rec_len(off + 4, 4, le, 0, blk);
		nf_rec_len(off + total - 4, 4, le, 0, blk);
		if (!nf_cur_get_bytes(&b, &body, total - 12))
			return;
		if (type == 1 && nif < PCAPNG_MAX_IFACES) {
			if ((le ? nf_cur_get_u16le(&body, &lt16) : nf_cur_get_u16be(&body, &lt16)))
				dlts[nif++] = lt16;
		} else if (type == 6) {
			int data;

			if (!get_u32(&body, le, &ifid) || !nf_cur_skip(&body, 8) || !get_u32(&body, le, &caplen) ||
			    !get_u32(&body, le, &len) || caplen > nf_cur_len(&body))
				return;
			data = nf_rec_span(off + 28, caplen, NF_REC_NONE);
			nf_rec_len(off + 20, 4, le, 0, data);
			if (len == caplen)
				nf_rec_len(off + 24, 4, le, 0, data);
			if (ifid < nif)
				dissect_at(&body, (int)dlts[ifid], caplen, len);
			npkts++;
		}
		(void)nf_cur_skip(c, total);
	}
}

void nf_rec_capture_file(const uint8_t *data, size_t size)
{
	struct nf_cur c;
	uint32_t magic;

	if (!NF_REC_ON())
		return;
	nf_cur_init(&c, data, size);
	if (!nf_cur_peek_u32le(&c, &magic))
		return;
	if (magic == 0x0A0D0D0A)
		walk_pcapng(&c);
	else if (magic == 0xa1b2c3d4 || magic == 0xa1b23c4d) /* µs / ns, little-endian file */
		walk_pcap(&c, true);
	else if (magic == 0xd4c3b2a1 || magic == 0x4d3cb2a1)
		walk_pcap(&c, false);
}
