/* Test-only target (tests/, not shipped, not in `netfuzz list`): frame_ether
 * with a dissector bug planted, to prove that the frame-bpf oracle catches
 * a logic bug with no memory error (tests/check.d/oracles_frame.sh).
 * NF_PLANT (read once) picks the bug; unset, this is frame_ether:
 *   vlan  after an 802.1Q tag whose TCI has the DEI bit set, the inner
 *         header is read 2 bytes late (issue 24's first missed bug): the
 *         frame is dissected with the 2 bytes after the tag removed, so
 *         every layer inside reads what sits 2 bytes further on the wire;
 *   frag  an IPv4 later fragment (offset != 0) is dissected as if it
 *         carried its protocol's header (issue 24's second): after the
 *         real dissection stops at the IP layer, the transport dissector
 *         runs on the fragment's data, as a dissector without RFC 791's
 *         rule would.
 * The oracle always judges the bytes on the wire. */
#include "netfuzz/cursor.h"
#include "netfuzz/frame.h"
#include "netfuzz/oracle.h"
#include "netfuzz/target.h"

#include <stdlib.h>
#include <string.h>

NF_TARGET(oracle_plant, "test", "frame_ether with a planted dissector bug (NF_PLANT=vlan|frag)")
{
	static struct nf_packet pkt;
	static uint8_t copy[4096];
	static int plant = -1; /* 0 none, 1 vlan, 2 frag */
	size_t n = size;

	if (plant < 0) {
		const char *p = getenv("NF_PLANT");

		plant = p && !strcmp(p, "vlan") ? 1 : p && !strcmp(p, "frag") ? 2 : 0;
	}
	if (size > sizeof copy)
		return 0;
	memcpy(copy, data, size);
	/* IEEE 802.1Q: TPID 0x8100 at 12, TCI at 14 (PCP 3 bits, DEI 1 bit) */
	if (plant == 1 && size >= 20 && data[12] == 0x81 && data[13] == 0x00 && (data[14] & 0x10)) {
		memmove(copy + 18, copy + 20, size - 20);
		n = size - 2;
	}
	nf_dissect(&pkt, NF_LINKTYPE_ETHERNET, copy, n, n);
	/* RFC 791 3.1: IHL at 14 (low nibble), flags+offset at 20, protocol at 23 */
	if (plant == 2 && pkt.nlayers == 2 && pkt.layers[1].pid == NFP_ip && pkt.layers[1].status == NF_LAYER_OK &&
	    size >= 34 && (((data[20] & 0x1f) << 8) | data[21]) != 0) {
		struct nf_cur c;

		nf_cur_init(&c, data, size);
		if (nf_cur_skip(&c, 14 + (size_t)(data[14] & 0x0f) * 4))
			nf_dissect_ipproto(&pkt, data[23], &c);
	}
	nf_oracle_frame(&pkt, data);
	return 0;
}
