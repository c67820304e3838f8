/* Fuzz target: /proc/net/route or /proc/net/arp text through the decoder
 * (chosen by the header line; both when neither header is present), then
 * lookups on the model (targets/route_common.h). */
#include "netfuzz/target.h"

#include "route_common.h"

NF_META(proc_net, oracles, "route-lookup")
NF_META(proc_net, links, "none") /* only libnetfuzz-core.a: see include/netfuzz/target.h */

/* fn over each format the input may be: the one its header line names,
 * else both. */
static void each_format(const uint8_t *data, size_t size,
			void (*fn)(enum nf_rt_format, const uint8_t *, size_t))
{
	struct nf_cur c;
	enum nf_rt_format f;

	nf_cur_init(&c, data, size);
	f = nf_route_detect(&c);
	if (f == NF_RTFMT_PROC_ROUTE || f == NF_RTFMT_PROC_ARP) {
		fn(f, data, size);
	} else {
		fn(NF_RTFMT_PROC_ROUTE, data, size);
		fn(NF_RTFMT_PROC_ARP, data, size);
	}
}

NF_RECORD(proc_net)
{
	each_format(data, size, nf_target_route_record);
	return 0;
}

NF_TARGET(proc_net, "route", "nf_route_decode_proc_route()/proc_arp() + nf_route_lookup()")
{
	each_format(data, size, nf_target_route);
	return 0;
}
