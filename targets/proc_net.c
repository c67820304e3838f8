/* Fuzz target: /proc/net/route or /proc/net/arp text through the decoder
 * (chosen by the header line; both when neither header is present), then
 * lookups on the model (targets/route_common.h). */
#include "netfuzz/target.h"

#include "route_common.h"

NF_TARGET(proc_net, "route", "nf_route_decode_proc_route()/proc_arp() + nf_route_lookup()")
{
	struct nf_cur c;
	enum nf_rt_format f;

	nf_cur_init(&c, data, size);
	f = nf_route_detect(&c);
	if (f == NF_RTFMT_PROC_ROUTE || f == NF_RTFMT_PROC_ARP) {
		nf_target_route(f, data, size);
	} else {
		nf_target_route(NF_RTFMT_PROC_ROUTE, data, size);
		nf_target_route(NF_RTFMT_PROC_ARP, data, size);
	}
	return 0;
}
