/* Wi-Fi Alliance NAN information element (Wi-Fi Aware / NAN Specification
 * v4, "NAN Information Element"): vendor specific element with OUI
 * 50:6F:9A and OUI type 0x13, carried in NAN Synchronization and Discovery
 * Beacons; its body is a list of NAN attributes.  The attributes are added
 * to the element's layer (wlan.mgt), since further elements may follow. */
#include "netfuzz/frame.h"

void nf_dissect_ie_wfa_nan(struct nf_packet *pkt, struct nf_cur *c)
{
	nf_dissect_nan_attrs(pkt, c);
}
