/* Fuzz target: a Darwin sysctl NET_RT_DUMP/DUMP2/FLAGS/IFLIST dump (rt_msghdr, rt_msghdr2, if_msghdr, ifa_msghdr)
 * through the decoder, then lookups on the model and an encode/decode
 * round trip (targets/route_common.h). */
#include "netfuzz/target.h"

#include "route_common.h"

NF_META(rtmsg_darwin, mutator, "structure")
NF_META(rtmsg_darwin, oracles, "route-lookup,route-roundtrip")
NF_META(rtmsg_darwin, links, "none") /* only libnetfuzz-core.a: see include/netfuzz/target.h */

NF_RECORD(rtmsg_darwin)
{
	nf_target_route_record(NF_RTFMT_DARWIN, data, size);
	return 0;
}

NF_TARGET(rtmsg_darwin, "route", "nf_route_decode_darwin() + nf_route_lookup()")
{
	nf_target_route(NF_RTFMT_DARWIN, data, size);
	return 0;
}
