/* Helpers shared by the route decoders (src/route/ only). */
#ifndef NETFUZZ_ROUTE_INTERNAL_H
#define NETFUZZ_ROUTE_INTERNAL_H

#include "netfuzz/cursor.h"
#include "netfuzz/route.h"

/* What went wrong inside one record: filled by a record parser, turned into
 * the dump-level nf_rt_error by nf_rt_fail. */
struct nf_rt_perr {
	enum nf_rt_errcode code;
	size_t at;
	const char *what;
};

static inline bool nf_rt_perr_set(struct nf_rt_perr *pe, enum nf_rt_errcode code,
				  const struct nf_cur *where, const char *what)
{
	pe->code = code;
	pe->at = nf_cur_offset(where);
	pe->what = what;
	return false;
}

void nf_rt_error_init(struct nf_rt_error *err);
/* Record a bad record: the first one is described, all are counted. */
void nf_rt_fail(struct nf_rt_error *err, enum nf_rt_errcode code, size_t record, size_t offset,
		size_t at, const char *what, bool resynced);

/* Copy a fixed-size model string (interface name) from a byte slice, stopping
 * at NUL; always NUL-terminates. */
void nf_rt_copy_name(char dst[NF_RT_IFNAMSIZ], struct nf_cur *src);

/* The numbers that tell the Darwin and FreeBSD routing-socket ABIs apart
 * (darwin.c, freebsd.c); bsd.c walks and encode.c writes both. */
struct nf_bsd_abi {
	enum nf_rt_os os;
	size_t rtm_hdr;        /* sizeof(struct rt_msghdr) */
	size_t rmx_expire_off; /* offsetof(struct rt_msghdr, rtm_rmx.rmx_expire) */
	size_t rmx_size;       /* sizeof(u_long / u_int32_t) of one rt_metrics field */
	size_t ifm_hdr;        /* sizeof(struct if_msghdr) */
	size_t ifam_hdr;       /* sizeof(struct ifa_msghdr) */
	size_t sa_align;       /* sockaddr padding unit; also the size of sa_len 0 */
	uint8_t af_inet6;      /* AF_INET6 */
	uint32_t rtf_router;   /* RTF_ROUTER, 0 if the OS has none */
	bool has_rtm_get2;     /* RTM_GET2 / rt_msghdr2 exist */
};

extern const struct nf_bsd_abi nf_bsd_darwin, nf_bsd_freebsd;

int nf_bsd_fits(const struct nf_bsd_abi *abi, const struct nf_cur *m);
enum nf_rt_errcode nf_bsd_decode(const struct nf_bsd_abi *abi, struct nf_cur *c, struct nf_rtable *t,
				 struct nf_rt_error *err);

#endif
