/* Fuzz target: Linux cooked captures.  The first input byte selects the
 * header (even: LINKTYPE_LINUX_SLL, odd: LINKTYPE_LINUX_SLL2); the rest is
 * the packet. */
#include "netfuzz/frame.h"
#include "netfuzz/oracle.h"
#include "netfuzz/target.h"

#include "sink.h"

NF_META(frame_sll, mutator, "structure")
NF_META(frame_sll, oracles, "frame-bpf")
NF_META(frame_sll, libraries, "libpcap")
NF_META(frame_sll, seed, "sll") /* netfuzz corpus import: what one packet becomes */

static struct nf_packet pkt;
static struct nf_cur rest; /* the frame after the selector byte */

NF_RECORD(frame_sll)
{
	struct nf_cur c;
	uint8_t sel;

	nf_cur_init(&c, data, size);
	if (!nf_cur_get_u8(&c, &sel))
		return -1;
	nf_cur_get_rest(&c, &rest);
	nf_dissect(&pkt, (sel & 1) ? NF_LINKTYPE_LINUX_SLL2 : NF_LINKTYPE_LINUX_SLL, nf_cur_data(&rest),
		   nf_cur_len(&rest), nf_cur_len(&rest));
	return 0;
}

NF_TARGET(frame_sll, "frame", "nf_dissect(LINKTYPE_LINUX_SLL / LINUX_SLL2)")
{
	if (nf_target_record(data, size) != 0)
		return 0;
	nf_target_sink(&pkt, data, size);
	nf_oracle_frame(&pkt, nf_cur_data(&rest));
	return 0;
}
