/* Printers for the route model (netfuzz routes): netstat -rn / arp -an
 * text and the {"routes":[...],"neighbors":[...]} JSON document. */
#ifndef NETFUZZ_ROUTES_PRINT_H
#define NETFUZZ_ROUTES_PRINT_H

#include <stdbool.h>

#include "netfuzz/out.h"
#include "netfuzz/route.h"

/* Interfaces (when `ifaces`) like `netstat -in`, routes like `netstat -rn`
 * (one line per nexthop), then neighbours like `arp -an`. */
void nf_routes_print_text(struct nf_out *o, const struct nf_rtable *t, bool ifaces);
/* One route as a JSON object (keys: dst, gateway, ifindex, ifname, flags,
 * metric, table, nexthops, plus type, family, protocol, scope, prefsrc). */
void nf_routes_json_route(struct nf_out *o, const struct nf_rtable *t, const struct nf_route *r);
/* The whole document ({"routes","neighbors","interfaces"}); `err` (may be NULL or OK) adds an "error" object. */
void nf_routes_print_json(struct nf_out *o, const struct nf_rtable *t, const struct nf_rt_error *err);
/* "record 3 at offset 276 (problem at 280): rta_len below 4 ...;
 * resynchronised at the next record (1 bad record)". */
void nf_routes_error_text(char *buf, size_t len, const struct nf_rt_error *err);
/* Errno name the kernel answers for a lookup ("ENETUNREACH"). */
const char *nf_routes_errno_name(int e);

#endif
