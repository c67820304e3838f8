/* Fuzz target: a rtnetlink dump stream (RTM_NEWROUTE/NEWNEIGH/NEWLINK/NEWADDR, NLMSG_DONE/ERROR)
 * through the decoder, then lookups on the model and an encode/decode
 * round trip (targets/route_common.h). */
#include "netfuzz/target.h"

#include "route_common.h"

NF_META(rtnetlink, mutator, "structure")
NF_META(rtnetlink, oracles, "route-lookup,route-roundtrip")
NF_META(rtnetlink, links, "none") /* only libnetfuzz-core.a: see include/netfuzz/target.h */

NF_RECORD(rtnetlink)
{
	nf_target_route_record(NF_RTFMT_NETLINK, data, size);
	return 0;
}

NF_TARGET(rtnetlink, "route", "nf_route_decode_netlink() + nf_route_lookup()")
{
	nf_target_route(NF_RTFMT_NETLINK, data, size);
	return 0;
}
