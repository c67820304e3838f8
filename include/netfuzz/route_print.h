/* Printers for the route model (netfuzz routes): netstat -rn / arp -an
 * text and the {"routes":[...],"neighbors":[...]} JSON document. */
#ifndef NETFUZZ_ROUTES_PRINT_H
#define NETFUZZ_ROUTES_PRINT_H

#include <stdbool.h>

#include <jansson.h>

#include "netfuzz/out.h"
#include "netfuzz/route.h"

/* Interfaces (when `ifaces`) like `netstat -in`, routes like `netstat -rn`
 * (one line per nexthop), then neighbours like `arp -an`. */
void nf_routes_print_text(struct nf_out *o, const struct nf_rtable *t, bool ifaces);
/* JSON (jansson values, written with nf_out_json, netfuzz/json_out.h).
 * One route: dst, gateway, ifindex, ifname, flags, metric, table, nexthops,
 * type, family, protocol, scope, prefsrc. */
json_t *nf_routes_json_route(const struct nf_rtable *t, const struct nf_route *r);
/* The whole table: {"routes","neighbors","interfaces"}; `err` (may be NULL
 * or OK) adds an "error" object (code, what, record, offset, at, resynced,
 * errors). */
json_t *nf_routes_json(const struct nf_rtable *t, const struct nf_rt_error *err);
/* A lookup's answer: addr, result (errno name or "OK"), type, use_gateway,
 * route (null when none). */
json_t *nf_routes_json_lookup(const char *addr, const struct nf_rtable *t, const struct nf_lookup *res);
/* A kernel RTM_GETROUTE fibmatch answer (t: the decoded reply, e: 0 or
 * its errno): addr, result, route. */
json_t *nf_routes_json_kernel(const char *addr, const struct nf_rtable *t, int e);
/* The same two answers as text, one line each: a lookup like `ip route
 * get` ("ADDR TYPE via GW dev IF table T metric M (route DST)"), the
 * kernel's as "ADDR: kernel TYPE route DST table T metric M". */
void nf_routes_print_lookup(struct nf_out *o, const char *addr, const struct nf_lookup *res);
void nf_routes_print_kernel(struct nf_out *o, const char *addr, const struct nf_rtable *t, int e);
/* "record 3 at offset 276 (problem at 280): rta_len below 4 ...;
 * resynchronised at the next record (1 bad record)". */
void nf_routes_error_text(char *buf, size_t len, const struct nf_rt_error *err);
/* Errno name the kernel answers for a lookup ("ENETUNREACH"). */
const char *nf_routes_errno_name(int e);

#endif
