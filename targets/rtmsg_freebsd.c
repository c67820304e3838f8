/* Fuzz target: a FreeBSD LP64 routing-socket dump (152-byte rt_msghdr, SA_SIZE padding)
 * through the decoder, then lookups on the model and an encode/decode
 * round trip (targets/route_common.h). */
#include "netfuzz/target.h"

#include "route_common.h"

NF_META(rtmsg_freebsd, mutator, "structure")
NF_META(rtmsg_freebsd, oracles, "route-lookup,route-roundtrip")
NF_META(rtmsg_freebsd, links, "none") /* only libnetfuzz-core.a: see include/netfuzz/target.h */

NF_RECORD(rtmsg_freebsd)
{
	nf_target_route_record(NF_RTFMT_FREEBSD, data, size);
	return 0;
}

NF_TARGET(rtmsg_freebsd, "route", "nf_route_decode_freebsd() + nf_route_lookup()")
{
	nf_target_route(NF_RTFMT_FREEBSD, data, size);
	return 0;
}
