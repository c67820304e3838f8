/* Small model helpers used by the 802.11 / NAN dissectors: notes (findings
 * about well-formed input, printed by both printers as the field NF_F(_notes)),
 * the truncated-or-malformed decision for a length that runs past the end
 * of the captured bytes, and read-and-add getters for plain fields. */
#include "netfuzz/frame.h"

#include <string.h>

void nf_add_note(struct nf_packet *pkt, const char *text, size_t off)
{
	struct nf_field *f = nf_add(pkt, NF_F(_notes), NF_FT_STR, off);

	if (f) {
		f->v.ptr = text;
		f->len = (uint16_t)strlen(text);
	}
}

void nf_layer_short(struct nf_packet *pkt, const struct nf_cur *c, size_t off, const char *what)
{
	/* The bytes ran out: if the capture was cut short (snaplen) that is
	 * truncation, shown as [|proto]; a length field pointing past the end
	 * of a complete frame is a malformed field. */
	if (pkt->caplen < pkt->wirelen)
		nf_layer_truncated(pkt, c);
	else
		nf_layer_malformed(pkt, off, what);
}

bool nf_take_u8(struct nf_packet *pkt, struct nf_cur *c, const struct nf_fdesc *name, bool hex, uint8_t *out)
{
	uint8_t v;

	if (!nf_cur_get_u8(c, &v))
		return false;
	if (hex)
		nf_add_hex(pkt, name, v, 2, nf_cur_offset(c) - 1);
	else
		nf_add_uint(pkt, name, v, nf_cur_offset(c) - 1);
	if (out)
		*out = v;
	return true;
}

bool nf_take_u16le(struct nf_packet *pkt, struct nf_cur *c, const struct nf_fdesc *name, bool hex, uint16_t *out)
{
	uint16_t v;

	if (!nf_cur_get_u16le(c, &v))
		return false;
	if (hex)
		nf_add_hex(pkt, name, v, 4, nf_cur_offset(c) - 2);
	else
		nf_add_uint(pkt, name, v, nf_cur_offset(c) - 2);
	if (out)
		*out = v;
	return true;
}
