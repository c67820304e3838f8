/* Small model helpers used by the 802.11 / NAN dissectors: notes (findings
 * about well-formed input, printed by both printers as the field "_notes")
 * and the truncated-or-malformed decision for a length that runs past the
 * end of the captured bytes. */
#include "netfuzz/frame.h"

#include <string.h>

void nf_add_note(struct nf_packet *pkt, const char *text, size_t off)
{
	struct nf_field *f = nf_add(pkt, "_notes", NF_FT_STR, off);

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
