/* Fuzz target: Linux cooked captures.  The first input byte selects the
 * header (even: LINKTYPE_LINUX_SLL, odd: LINKTYPE_LINUX_SLL2); the rest is
 * the packet. */
#include "netfuzz/frame.h"
#include "netfuzz/target.h"

#include "sink.h"

NF_META(frame_sll, seed, "sll") /* netfuzz corpus import: what one packet becomes */
NF_TARGET(frame_sll, "frame", "nf_dissect(LINKTYPE_LINUX_SLL / LINUX_SLL2)")
{
	static struct nf_packet pkt;
	struct nf_cur c, rest;
	uint8_t sel;

	nf_cur_init(&c, data, size);
	if (!nf_cur_get_u8(&c, &sel))
		return 0;
	nf_cur_get_rest(&c, &rest);
	nf_dissect(&pkt, (sel & 1) ? NF_LINKTYPE_LINUX_SLL2 : NF_LINKTYPE_LINUX_SLL, nf_cur_data(&rest),
		   nf_cur_len(&rest), nf_cur_len(&rest));
	nf_target_sink(&pkt, data, size);
	return 0;
}
