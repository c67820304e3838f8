/* The behaviour model: per-socket state and the predictions for socket,
 * setsockopt, bind, connect, shutdown and close (sends and receives are in
 * model_send.c).  Each prediction names a rule (rules.c).  The model is
 * written from the specifications and the platform's documented
 * behaviour; where Linux goes beyond them (autobind before a failing
 * send, bind() making a socket v6-only), the rule cites the kernel
 * function that does it. */
#include "sock_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const uint8_t zero4[4], loop4[4] = {127, 0, 0, 1}, iface4[4] = {192, 0, 2, 1};
/* Linux LOOPBACK4_IPV6 (include/net/ipv6.h): the IPv4 view of an AF_INET6
 * socket bound to a specific IPv6 address, an address nothing uses. */
static const uint8_t lb4_ipv6[4] = {127, 0, 0, 6};

enum nf_sock_profile nf_sock_profile(void)
{
	const char *v = getenv("NF_SOCK_PROFILE");

	if (v && !strcmp(v, "macos"))
		return NF_SPROF_MACOS;
	if (v && !strcmp(v, "freebsd"))
		return NF_SPROF_FREEBSD;
	if (v && !strcmp(v, "linux"))
		return NF_SPROF_LINUX;
#if defined(__APPLE__)
	return NF_SPROF_MACOS;
#elif defined(__FreeBSD__)
	return NF_SPROF_FREEBSD;
#else
	return NF_SPROF_LINUX;
#endif
}

const char *nf_sock_profile_name(enum nf_sock_profile p)
{
	return p == NF_SPROF_MACOS ? "macos" : p == NF_SPROF_FREEBSD ? "freebsd" : "linux";
}

void nf_sm_init(struct nf_sm *m, const struct nf_sock_env *env)
{
	memset(m, 0, sizeof *m);
	m->env = env;
	m->prof = nf_sock_profile();
}

struct nf_sm_sock *nf_sm_slot(struct nf_sm *m, unsigned slot)
{
	return &m->s[slot % NF_SOCK_SLOTS];
}

uint16_t nf_sm_port_arg(const struct nf_sm *m, uint8_t b)
{
	b %= NF_SOCK_SLOTS + 1;
	if (!b)
		return 0;
	/* The slot's port while its socket has one, else the last port it had
	 * (a closed socket's port: nothing listens there). */
	return m->s[b - 1].open && m->s[b - 1].port ? m->s[b - 1].port : m->lastport[b - 1];
}

void nf_sm_tag(uint32_t seq, uint8_t tag[4])
{
	/* The sequence number's low byte first: a 1-byte datagram still
	 * says which send wrote it (only empty ones look alike). */
	tag[0] = (uint8_t)seq;
	tag[1] = 0xa5;
	tag[2] = (uint8_t)(seq >> 8);
	tag[3] = (uint8_t)~seq;
}

static const char *errname(int e)
{
	switch (e) {
	case 0: return "0";
	case EINVAL: return "EINVAL";
	case EADDRINUSE: return "EADDRINUSE";
	case EADDRNOTAVAIL: return "EADDRNOTAVAIL";
	case ENOPROTOOPT: return "ENOPROTOOPT";
	case ENETUNREACH: return "ENETUNREACH";
	case EDESTADDRREQ: return "EDESTADDRREQ";
	case EMSGSIZE: return "EMSGSIZE";
	case ECONNREFUSED: return "ECONNREFUSED";
	case EPIPE: return "EPIPE";
	case EAGAIN: return "EAGAIN";
	case ENOTCONN: return "ENOTCONN";
	case EAFNOSUPPORT: return "EAFNOSUPPORT";
	case EACCES: return "EACCES";
	case EPERM: return "EPERM";
	case EBADF: return "EBADF";
	default: return strerror(e);
	}
}

bool nf_sm_expect_ret(struct nf_sock_outcome *o, const char *rule, long want, int want_err,
		      const struct nf_sock_res *res)
{
	if (want_err ? (res->ret == -1 && res->err == want_err) : res->ret == want)
		return true;
	o->rule = rule;
	if (want_err)
		snprintf(o->expected, sizeof o->expected, "-1 %s", errname(want_err));
	else
		snprintf(o->expected, sizeof o->expected, "%ld", want);
	if (res->ret < 0)
		snprintf(o->got, sizeof o->got, "-1 %s", errname(res->err));
	else
		snprintf(o->got, sizeof o->got, "%ld", res->ret);
	return false;
}

static void sock_close(struct nf_sm *m, unsigned slot)
{
	struct nf_sm_sock *s = &m->s[slot];

	if (s->open && s->port)
		m->lastport[slot] = s->port;
	memset(s, 0, sizeof *s);
}

static void sock_open(struct nf_sm *m, unsigned slot, int fam)
{
	struct nf_sm_sock *s = &m->s[slot];

	sock_close(m, slot);
	s->open = true;
	s->fam = fam;
	s->v6only = fam == 6 && m->prof == NF_SPROF_FREEBSD; /* V6ONLY-DEFAULT */
	s->mcloop = true;
	s->rcvbuf = m->env->rcvbuf_default;
	s->rcv6.fam = s->saddr6.fam = s->daddr6.fam = 6;
}

static bool is_mapped(const struct nf_sock_ip *ip)
{
	static const uint8_t pre[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

	return ip->fam == 6 && !memcmp(ip->a, pre, 12);
}

static bool is_any6(const struct nf_sock_ip *ip)
{
	static const uint8_t z[16];

	return !memcmp(ip->a, z, 16);
}

/* Linux inet_rcv_saddr_equal(sk, sk2, match_wildcard = true): do two
 * sockets' local addresses overlap?  RFC 3493 3.7: a dual-stack socket's
 * [::] covers IPv4 too; a v4-mapped address is the IPv4 address. */
static bool saddr_overlap(const struct nf_sm_sock *a, const struct nf_sm_sock *b)
{
	if (a->fam == 4) {
		if (b->fam == 6 && b->v6only)
			return false;
		return !memcmp(a->rcv4, b->rcv4, 4) || !memcmp(a->rcv4, zero4, 4) || !memcmp(b->rcv4, zero4, 4);
	}
	{
		bool am = is_mapped(&a->rcv6), aany = is_any6(&a->rcv6);
		bool bm = b->fam == 4 || is_mapped(&b->rcv6), bany = b->fam == 6 && is_any6(&b->rcv6);

		if (am && bm) {
			if (b->fam == 6 && b->v6only)
				return false;
			return !memcmp(a->rcv4, b->rcv4, 4) || !memcmp(a->rcv4, zero4, 4) ||
			       !memcmp(b->rcv4, zero4, 4);
		}
		if (aany && bany)
			return true;
		if (bany && !(b->v6only && am))
			return true;
		if (aany && !(a->v6only && bm))
			return true;
		return b->fam == 6 && !memcmp(a->rcv6.a, b->rcv6.a, 16);
	}
}

void nf_sm_hashed(struct nf_sm *m, struct nf_sm_sock *s)
{
	int32_t n = (int32_t)++m->nhashed;

	s->hashed = s->fam == 6 && s->reuseport ? -n : n;
}

/* Does binding slot to port clash with a socket holding it?  Two sockets
 * whose addresses overlap clash unless both set SO_REUSEADDR or both
 * SO_REUSEPORT (BIND-INUSE).  Returns "BIND-INUSE" on a clash, else NULL;
 * *maybe is set when Linux may decide either way (ALLOW-REUSEPORT-ORDER):
 * it walks the port's chain (newest first, but AF_INET6 sockets bound with
 * SO_REUSEPORT sit at its tail, oldest of them first) and, for some,
 * stops with success at a SO_REUSEPORT match (udp_lib_lport_inuse()
 * returns 0 there), so an older clashing socket is not looked at.  Which
 * matches stop the walk depends on SO_REUSEADDR and on the exact address
 * (measured on 6.18: 128 flag combinations of three sockets, docs/sockets.md),
 * so the model allows both outcomes whenever the newest overlapping socket
 * is a SO_REUSEPORT match and an older one clashes. */
static const char *conflicts(const struct nf_sm *m, unsigned slot, uint16_t port, bool *maybe)
{
	const struct nf_sm_sock *s = &m->s[slot], *first = NULL;
	bool clash = false;

	*maybe = false;
	for (unsigned i = 0; i < NF_SOCK_SLOTS; i++) {
		const struct nf_sm_sock *x = &m->s[i];

		if (i == slot || !x->open || x->port != port || (x->reuseaddr && s->reuseaddr) || !saddr_overlap(s, x))
			continue;
		if (!first || x->hashed > first->hashed)
			first = x;
		if (!x->reuseport || !s->reuseport)
			clash = true;
	}
	if (clash && m->prof == NF_SPROF_LINUX && first->reuseport && s->reuseport)
		*maybe = true;
	return clash ? "BIND-INUSE" : NULL;
}

/* Is this table address one of ours?  Without our namespace the dummy
 * interface's addresses are nobody's. */
static bool local_kind(const struct nf_sm *m, enum nf_sock_addr_kind k)
{
	return k == NF_SA_LOOPBACK || k == NF_SA_ANY || k == NF_SA_MAPPED_LOOPBACK || k == NF_SA_MAPPED_ANY ||
	       ((k == NF_SA_IFACE || k == NF_SA_MAPPED_IFACE) && m->env->netns);
}

static bool group_kind(enum nf_sock_addr_kind k)
{
	return k == NF_SA_GROUP || k == NF_SA_MAPPED_GROUP;
}

static void skip(struct nf_sm_pre *pre, const char *rule)
{
	pre->skip = true;
	pre->skip_rule = rule;
}

void nf_sm_pre(struct nf_sm *m, const struct nf_sock_op *op, struct nf_sm_pre *pre)
{
	struct nf_sm_sock *s = nf_sm_slot(m, op->slot);

	memset(pre, 0, sizeof *pre);
	pre->fam = s->open ? s->fam : 0;
	if (op->op != NF_SOP_SOCKET && !s->open) {
		skip(pre, NULL); /* no socket in the slot: nothing to call */
		return;
	}
	switch (op->op) {
	case NF_SOP_BIND: {
		const struct nf_sock_addr *a = nf_sock_addr(s->fam, op->a);

		if (group_kind(a->kind))
			skip(pre, "OUT-BIND-GROUP");
		break;
	}
	case NF_SOP_SETSOCKOPT:
		if (op->a % NF_SOPT_COUNT == NF_SOPT_JOIN && !m->env->netns)
			skip(pre, "OUT-LOOPBACK-ONLY");
		break;
	case NF_SOP_CONNECT:
	case NF_SOP_SENDTO:
	case NF_SOP_SEND:
		nf_sm_send_pre(m, op, pre);
		break;
	case NF_SOP_RECV:
		nf_sm_recv_pre(m, op, pre);
		break;
	default:
		break;
	}
}

static bool opt_post(struct nf_sm *m, const struct nf_sock_op *op, const struct nf_sock_res *res,
		     struct nf_sock_outcome *o)
{
	struct nf_sm_sock *s = nf_sm_slot(m, op->slot);
	bool on = op->b & 1;

	switch (op->a % NF_SOPT_COUNT) {
	case NF_SOPT_V6ONLY:
		if (s->fam == 4)
			return nf_sm_expect_ret(o, "OPT-LEVEL", 0, ENOPROTOOPT, res);
		if (s->port)
			return nf_sm_expect_ret(o, "V6ONLY-BOUND", 0, EINVAL, res);
		s->v6only = on;
		return nf_sm_expect_ret(o, "OPT-SET", 0, 0, res);
	case NF_SOPT_REUSEADDR:
		s->reuseaddr = on;
		return nf_sm_expect_ret(o, "OPT-SET", 0, 0, res);
	case NF_SOPT_REUSEPORT:
		s->reuseport = on;
		return nf_sm_expect_ret(o, "OPT-SET", 0, 0, res);
	case NF_SOPT_MCAST_LOOP:
		s->mcloop = on;
		return nf_sm_expect_ret(o, "OPT-SET", 0, 0, res);
	case NF_SOPT_RECVERR:
		s->recverr = on;
		return nf_sm_expect_ret(o, "OPT-SET", 0, 0, res);
	case NF_SOPT_RCVBUF: {
		long v = nf_sock_rcvbuf_val[op->b % nf_sock_nrcvbuf];

		if (v > m->env->rcvbuf_max)
			v = m->env->rcvbuf_max;
		v *= 2;
		s->rcvbuf = v < m->env->rcvbuf_min ? m->env->rcvbuf_min : (int)v;
		return nf_sm_expect_ret(o, "RCVBUF", 0, 0, res);
	}
	case NF_SOPT_JOIN:
		if (s->joined)
			return nf_sm_expect_ret(o, "JOIN", 0, EADDRINUSE, res);
		s->joined = true;
		return nf_sm_expect_ret(o, "JOIN", 0, 0, res);
	}
	return true;
}

static bool bind_post(struct nf_sm *m, const struct nf_sock_op *op, const struct nf_sock_res *res,
		      struct nf_sock_outcome *o)
{
	struct nf_sm_sock *s = nf_sm_slot(m, op->slot), save;
	const struct nf_sock_addr *a = nf_sock_addr(s->fam, op->a);
	uint16_t port = nf_sm_port_arg(m, op->b);
	bool mapped = a->kind >= NF_SA_MAPPED_LOOPBACK;
	const char *clash;
	bool maybe;

	if (s->port)
		return nf_sm_expect_ret(o, "BIND-BOUND", 0, EINVAL, res);
	if (s->fam == 6 && mapped && s->v6only)
		return nf_sm_expect_ret(o, "BIND-MAPPED-V6ONLY", 0, EINVAL, res);
	if (!local_kind(m, a->kind))
		return nf_sm_expect_ret(o, "BIND-NOTLOCAL", 0, EADDRNOTAVAIL, res);
	save = *s;
	if (s->fam == 4) {
		memcpy(s->rcv4, a->ip.a, 4);
		memcpy(s->saddr4, a->ip.a, 4);
	} else {
		s->rcv6 = a->ip;
		s->saddr6 = a->ip;
		if (mapped) {
			memcpy(s->rcv4, a->ip.a + 12, 4);
			memcpy(s->saddr4, a->ip.a + 12, 4);
		} else if (a->kind != NF_SA_ANY) {
			memcpy(s->rcv4, lb4_ipv6, 4);
			memcpy(s->saddr4, lb4_ipv6, 4);
			s->v6only = true; /* BIND-V6-ONLY */
		}
	}
	if (port && (clash = conflicts(m, op->slot % NF_SOCK_SLOTS, port, &maybe)) != NULL) {
		if (maybe && res->ret == 0) { /* ALLOW-REUSEPORT-ORDER: Linux bound it */
			s->port = port;
			nf_sm_hashed(m, s);
			return true;
		}
		*s = save;
		return nf_sm_expect_ret(o, maybe ? "ALLOW-REUSEPORT-ORDER" : clash, 0, EADDRINUSE, res);
	}
	if (!nf_sm_expect_ret(o, "BIND", 0, 0, res))
		return false;
	s->port = port ? port : res->lport;
	nf_sm_hashed(m, s);
	if (!s->port) {
		o->rule = "BIND";
		snprintf(o->expected, sizeof o->expected, "bound to a port");
		snprintf(o->got, sizeof o->got, "getsockname port 0");
		return false;
	}
	return true;
}

static bool shutdown_post(struct nf_sm *m, const struct nf_sock_op *op, const struct nf_sock_res *res,
			  struct nf_sock_outcome *o)
{
	struct nf_sm_sock *s = nf_sm_slot(m, op->slot);
	unsigned how = op->a % 3;

	if (how != 1)
		s->shut_rd = true;
	if (how != 0)
		s->shut_wr = true;
	if (!s->connected)
		return nf_sm_expect_ret(o, "SHUT-NOTCONN", 0, ENOTCONN, res);
	return nf_sm_expect_ret(o, "SHUTDOWN", 0, 0, res);
}

bool nf_sm_post(struct nf_sm *m, const struct nf_sock_op *op, const struct nf_sm_pre *pre,
		const struct nf_sock_res *res, struct nf_sock_outcome *o)
{
	unsigned slot = op->slot % NF_SOCK_SLOTS;
	struct nf_sm_sock *s = &m->s[slot];

	switch (op->op) {
	case NF_SOP_SOCKET:
		sock_open(m, slot, op->a & 1 ? 6 : 4);
		return nf_sm_expect_ret(o, "SOCKET", res->ret >= 0 ? res->ret : 0, 0, res);
	case NF_SOP_SETSOCKOPT:
		return opt_post(m, op, res, o);
	case NF_SOP_BIND:
		return bind_post(m, op, res, o);
	case NF_SOP_CONNECT:
	case NF_SOP_SENDTO:
	case NF_SOP_SEND:
		return nf_sm_send_post(m, op, pre, res, o);
	case NF_SOP_RECV:
		return nf_sm_recv_post(m, op, res, o);
	case NF_SOP_SHUTDOWN:
		return shutdown_post(m, op, res, o);
	case NF_SOP_CLOSE:
		sock_close(m, slot);
		(void)s;
		return nf_sm_expect_ret(o, "CLOSE", 0, 0, res);
	}
	return true;
}

/* Shared with model_send.c. */
const uint8_t *nf_sm_loop4(void) { return loop4; }
const uint8_t *nf_sm_iface4(void) { return iface4; }
const uint8_t *nf_sm_lb4_ipv6(void) { return lb4_ipv6; }
bool nf_sm_is_mapped(const struct nf_sock_ip *ip) { return is_mapped(ip); }
bool nf_sm_is_any6(const struct nf_sock_ip *ip) { return is_any6(ip); }
bool nf_sm_local_kind(const struct nf_sm *m, enum nf_sock_addr_kind k) { return local_kind(m, k); }
