/* The behaviour model, part two: connect, sends (which socket receives the
 * datagram, from which address and port, or which socket gets the ICMP
 * error) and receives (length, MSG_TRUNC, source, pending errors).  Rules
 * in rules.c; the state in sock_int.h. */
#include "sock_int.h"

#include <errno.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>

const uint8_t *nf_sm_loop4(void);
const uint8_t *nf_sm_iface4(void);
const uint8_t *nf_sm_lb4_ipv6(void);
bool nf_sm_is_mapped(const struct nf_sock_ip *ip);
bool nf_sm_is_any6(const struct nf_sock_ip *ip);
bool nf_sm_local_kind(const struct nf_sm *m, enum nf_sock_addr_kind k);

static const uint8_t zero4[4];
static const struct nf_sock_ip loop6 = {6, {[15] = 1}}, iface6 = {6, {0x20, 0x01, 0x0d, 0xb8, [15] = 1}};

static bool is_group4(const uint8_t *a) { return (a[0] & 0xf0) == 0xe0; }
static bool is_loop4(const uint8_t *a) { return a[0] == 127; }

static struct nf_sock_ip mapped(const uint8_t *a4)
{
	struct nf_sock_ip ip = {6, {[10] = 0xff, [11] = 0xff}};

	memcpy(ip.a + 12, a4, 4);
	return ip;
}

static struct nf_sock_ip v4ip(const uint8_t *a4)
{
	struct nf_sock_ip ip = {4, {0}};

	memcpy(ip.a, a4, 4);
	return ip;
}

/* Where a send or connect goes, worked out from the socket's state and the
 * call's arguments in the order Linux checks them (udp_sendmsg,
 * udpv6_sendmsg, __ip6_datagram_connect). */
struct route {
	int err;
	const char *rule;
	int ver;        /* 4 or 6: the packet's IP version */
	uint8_t d4[4], s4[4];
	struct nf_sock_ip d6, s6;
	uint16_t dport;
	bool mcast;
};

static void route_v4(const struct nf_sm_sock *s, const uint8_t *d4, struct route *r)
{
	r->ver = 4;
	memcpy(r->d4, d4, 4);
	if (!memcmp(r->d4, zero4, 4)) /* ANY-IS-SELF */
		memcpy(r->d4, memcmp(s->saddr4, zero4, 4) ? s->saddr4 : nf_sm_loop4(), 4);
	r->mcast = is_group4(r->d4);
	if (memcmp(s->saddr4, zero4, 4))
		memcpy(r->s4, s->saddr4, 4);
	else
		memcpy(r->s4, is_loop4(r->d4) ? nf_sm_loop4() : nf_sm_iface4(), 4);
}

static void route_v6(const struct nf_sm_sock *s, const struct nf_sock_ip *d6, struct route *r)
{
	r->ver = 6;
	r->d6 = *d6;
	if (nf_sm_is_any6(&r->d6)) /* ANY-IS-SELF */
		r->d6 = loop6;
	r->mcast = r->d6.a[0] == 0xff;
	if (!nf_sm_is_any6(&s->saddr6))
		r->s6 = s->saddr6;
	else
		r->s6 = nf_sock_ip_eq(&r->d6, &loop6) ? loop6 : iface6;
}

/* The destination of a send (has_dest: sendto) or a connect. */
static void route(const struct nf_sm *m, const struct nf_sm_sock *s, const struct nf_sock_op *op, bool is_connect,
		  struct route *r)
{
	bool has_dest = op->op != NF_SOP_SEND;
	const struct nf_sock_addr *a = nf_sock_addr(s->fam, op->a);

	memset(r, 0, sizeof *r);
	r->s6.fam = r->d6.fam = 6;
	if (!has_dest) {
		if (!s->connected) {
			r->err = m->prof == NF_SPROF_MACOS ? ENOTCONN : EDESTADDRREQ;
			r->rule = "SEND-NODEST";
			return;
		}
		r->dport = s->dport;
		if (s->fam == 4 || nf_sm_is_mapped(&s->daddr6)) {
			if (s->fam == 6 && s->v6only) {
				r->err = ENETUNREACH;
				r->rule = "MAPPED-V6ONLY";
				return;
			}
			/* udpv6_sendmsg hands the mapped peer to udp_sendmsg as an
			 * explicit address, so its port-0 check applies. */
			if (s->fam == 6 && r->dport == 0) {
				r->err = EINVAL;
				r->rule = "SEND-PORT0";
				return;
			}
			route_v4(s, s->fam == 4 ? s->daddr4 : s->daddr6.a + 12, r);
		} else {
			route_v6(s, &s->daddr6, r);
		}
		return;
	}
	r->dport = nf_sm_port_arg(m, op->b);
	if (s->fam == 4) {
		if (r->dport == 0 && !is_connect) {
			r->err = EINVAL;
			r->rule = "SEND-PORT0";
			return;
		}
		route_v4(s, a->ip.a, r);
		return;
	}
	{
		struct nf_sock_ip d6 = a->ip;

		if (nf_sm_is_any6(&d6) && (is_connect ? nf_sm_is_mapped(&s->rcv6) : nf_sm_is_mapped(&s->saddr6)))
			d6 = mapped(nf_sm_loop4()); /* ANY-IS-SELF, as the socket's own family */
		if (nf_sm_is_mapped(&d6)) {
			if (s->v6only) {
				r->err = ENETUNREACH;
				r->rule = "MAPPED-V6ONLY";
				return;
			}
			if (r->dport == 0 && !is_connect) {
				r->err = EINVAL;
				r->rule = "SEND-PORT0";
				return;
			}
			route_v4(s, d6.a + 12, r);
			return;
		}
		if (r->dport == 0 && !is_connect) {
			r->err = EINVAL;
			r->rule = "SEND-PORT0";
			return;
		}
		if (nf_sm_is_mapped(&s->saddr6) || nf_sm_is_mapped(&s->rcv6)) {
			r->err = EAFNOSUPPORT;
			r->rule = "MAPPED-LOCAL";
			return;
		}
		route_v6(s, &d6, r);
	}
}

static bool any_queue_full(const struct nf_sm *m)
{
	for (unsigned i = 0; i < NF_SOCK_SLOTS; i++)
		if (m->s[i].open && m->s[i].nq >= NF_SOCK_QUEUE - 1)
			return true;
	return false;
}

void nf_sm_send_pre(struct nf_sm *m, const struct nf_sock_op *op, struct nf_sm_pre *pre)
{
	struct nf_sm_sock *s = nf_sm_slot(m, op->slot);
	const struct nf_sock_addr *a = nf_sock_addr(s->fam, op->a);
	bool is_connect = op->op == NF_SOP_CONNECT;
	struct route r;

	/* Network rule: without our namespace only loopback destinations
	 * (0.0.0.0 is this host by ANY-IS-SELF; :: is not sent at all). */
	if (op->op != NF_SOP_SEND && !m->env->netns && a->kind != NF_SA_LOOPBACK &&
	    a->kind != NF_SA_MAPPED_LOOPBACK && a->kind != NF_SA_MAPPED_ANY && !(s->fam == 4 && a->kind == NF_SA_ANY)) {
		pre->skip = true;
		pre->skip_rule = "OUT-LOOPBACK-ONLY";
		return;
	}
	route(m, s, op, is_connect, &r);
	if (!r.err && r.mcast && (r.ver == 4 ? is_loop4(r.s4) : nf_sock_ip_eq(&r.s6, &loop6))) {
		pre->skip = true;
		pre->skip_rule = "OUT-MCAST-LOOPBACK-SRC";
		return;
	}
	if (!is_connect && any_queue_full(m)) {
		pre->skip = true;
		pre->skip_rule = "OUT-QUEUE";
		return;
	}
	if (!is_connect) {
		pre->seq = ++m->seq;
		if (s->err == NF_SM_ERR_PENDING)
			pre->wait = POLLERR;
	}
}

/* Queue a datagram on x, or not, by the receive-buffer rule: Linux drops
 * when the memory already charged exceeds the buffer (so the first
 * datagram into an empty queue always fits).  The charge of a datagram is
 * between its length and 4x + 8 KiB (skb truesize), hence the "maybe". */
static void enqueue(struct nf_sm_sock *x, uint32_t seq, uint32_t len, const struct nf_sock_ip *src, uint16_t sport,
		    bool maybe, const char *rule)
{
	uint64_t lo = 0, hi = x->slack + x->errq_hi;
	struct nf_sm_dgram *d;

	for (unsigned i = 0; i < x->nq; i++) {
		hi += x->q[i].hi;
		if (!x->q[i].maybe)
			lo += x->q[i].len;
	}
	if (lo > (uint64_t)x->rcvbuf || x->nq >= NF_SOCK_QUEUE)
		return; /* surely dropped */
	/* Linux 6.x also drops when the charge plus this datagram's would
	 * pass the buffer (udp: sk_rmem_alloc wraparound fixes), so a datagram
	 * larger than what is left may be dropped too. */
	if (hi + 4 * (uint64_t)len + 8192 > (uint64_t)x->rcvbuf) {
		maybe = true;
		rule = "ALLOW-RCVBUF";
	}
	d = &x->q[x->nq++];
	d->seq = seq;
	d->len = len;
	d->src = *src;
	d->sport = sport;
	d->maybe = maybe;
	d->rule = rule;
	d->hi = 4 * len + 8192; /* truesize: 9000-byte IPv6 datagrams on lo measured above 2x + 4 KiB */
}

static void src_for(const struct nf_sm_sock *x, const struct route *r, struct nf_sock_ip *src)
{
	if (r->ver == 6)
		*src = r->s6;
	else
		*src = x->fam == 4 ? v4ip(r->s4) : mapped(r->s4);
}

/* Can x receive an IPv4 packet from (s4, sport) to (d4, dport)?  Returns
 * its Linux score (compute_score) or -1; *specific: bound to d4 itself. */
static int match4(const struct nf_sm_sock *x, const uint8_t *s4, uint16_t sport, const uint8_t *d4, uint16_t dport,
		  bool *specific)
{
	int score;

	if (!x->open || !x->port || x->port != dport || (x->fam == 6 && x->v6only))
		return -1;
	if (memcmp(x->rcv4, zero4, 4) && memcmp(x->rcv4, d4, 4))
		return -1;
	*specific = memcmp(x->rcv4, zero4, 4) != 0;
	score = x->fam == 4 ? 2 : 1;
	/* A peer address or port of 0 (never connected, or connected to
	 * port 0) matches anything, as in Linux compute_score(). */
	if (x->connected) {
		const uint8_t *p4 = x->fam == 4 ? x->daddr4 : nf_sm_is_mapped(&x->daddr6) ? x->daddr6.a + 12 : nf_sm_lb4_ipv6();

		if (memcmp(p4, zero4, 4)) {
			if (memcmp(p4, s4, 4))
				return -1;
			score += 4;
		}
	}
	if (x->dport) {
		if (x->dport != sport)
			return -1;
		score += 4;
	}
	return score;
}

static int match6(const struct nf_sm_sock *x, const struct nf_sock_ip *s6, uint16_t sport,
		  const struct nf_sock_ip *d6, uint16_t dport, bool *specific)
{
	int score = 0;

	if (!x->open || x->fam != 6 || !x->port || x->port != dport)
		return -1;
	if (!nf_sm_is_any6(&x->rcv6) && !nf_sock_ip_eq(&x->rcv6, d6))
		return -1;
	*specific = !nf_sm_is_any6(&x->rcv6);
	score += *specific;
	if (!nf_sm_is_any6(&x->daddr6)) {
		if (!nf_sock_ip_eq(&x->daddr6, s6))
			return -1;
		score++;
	}
	if (x->dport) {
		if (x->dport != sport)
			return -1;
		score++;
	}
	return score;
}

/* The unicast lookup (DELIVER): sockets bound to the address itself are
 * tried before wildcard ones; among them the best score wins.  Linux adds
 * one point for the CPU the socket last received on and returns the first
 * SO_REUSEPORT group member it meets, so ties within one point, or any
 * reuseport socket, leave a set (ALLOW-ONE-OF).  Returns the set size. */
static unsigned lookup(struct nf_sm *m, int ver, const uint8_t *s4, const uint8_t *d4, const struct nf_sock_ip *s6,
		       const struct nf_sock_ip *d6, uint16_t sport, uint16_t dport, unsigned out[NF_SOCK_SLOTS])
{
	int score[NF_SOCK_SLOTS], best = -1;
	bool spec[NF_SOCK_SLOTS] = {0}, any_spec = false, reuse = false;
	unsigned n = 0;

	for (unsigned i = 0; i < NF_SOCK_SLOTS; i++) {
		score[i] = ver == 4 ? match4(&m->s[i], s4, sport, d4, dport, &spec[i])
				    : match6(&m->s[i], s6, sport, d6, dport, &spec[i]);
		if (score[i] >= 0 && spec[i])
			any_spec = true;
	}
	for (unsigned i = 0; i < NF_SOCK_SLOTS; i++) {
		if (score[i] < 0 || spec[i] != any_spec)
			score[i] = -1;
		else {
			if (score[i] > best)
				best = score[i];
			reuse |= m->s[i].reuseport;
		}
	}
	for (unsigned i = 0; i < NF_SOCK_SLOTS; i++)
		if (score[i] >= 0 && (reuse || score[i] >= best - 1))
			out[n++] = i;
	return n;
}

static bool host_joined(const struct nf_sm *m, int ver)
{
	for (unsigned i = 0; i < NF_SOCK_SLOTS; i++)
		if (m->s[i].open && m->s[i].joined && m->s[i].fam == ver)
			return true;
	return false;
}

static void deliver(struct nf_sm *m, unsigned from, const struct route *r, uint16_t sport, uint32_t seq,
		    uint32_t len)
{
	struct nf_sm_sock *s = &m->s[from];
	struct nf_sock_ip src;
	unsigned set[NF_SOCK_SLOTS], n;

	if (r->mcast) {
		if (!s->mcloop || !host_joined(m, r->ver)) /* MCAST-NOLOOP, MCAST-NOMEMBER */
			return;
		for (unsigned i = 0; i < NF_SOCK_SLOTS; i++) {
			struct nf_sm_sock *x = &m->s[i];
			bool spec = false;
			int sc = r->ver == 4 ? match4(x, r->s4, sport, r->d4, r->dport, &spec)
					     : match6(x, &r->s6, sport, &r->d6, r->dport, &spec);

			/* MCAST-ALL-V6: an AF_INET6 socket's IPv4 multicast-all flag is
			 * off, and it cannot join an IPv4 group in this model. */
			if (sc < 0 || (r->ver == 4 && x->fam == 6))
				continue;
			src_for(x, r, &src);
			enqueue(x, seq, len, &src, sport, false, "MCAST-DELIVER");
		}
		return;
	}
	n = lookup(m, r->ver, r->s4, r->d4, &r->s6, &r->d6, sport, r->dport, set);
	if (n) {
		for (unsigned i = 0; i < n; i++) {
			struct nf_sm_sock *x = &m->s[set[i]];

			src_for(x, r, &src);
			enqueue(x, seq, len, &src, sport, n > 1,
				n > 1 ? "ALLOW-ONE-OF" : x->fam == 6 && r->ver == 4 ? "DUAL-STACK" : "DELIVER");
		}
		return;
	}
	/* ICMP-REFUSED: the error goes to the socket the quoted packet's
	 * reverse lookup finds (normally the sender). */
	n = lookup(m, r->ver, r->d4, r->s4, &r->d6, &r->s6, r->dport, sport, set);
	for (unsigned i = 0; i < n; i++) {
		struct nf_sm_sock *x = &m->s[set[i]];
		bool recverr = x->recverr && x->fam == r->ver;

		if (!recverr && !x->connected)
			continue;
		if (recverr)
			x->errq_hi += 4 * len + 8192;
		if (n == 1 && m->env->icmp_unlimited && x->err != NF_SM_ERR_MAYBE) {
			x->err = NF_SM_ERR_PENDING;
			x->err_rule = "ICMP-REFUSED";
		} else if (x->err == NF_SM_ERR_NONE) {
			x->err = NF_SM_ERR_MAYBE;
			x->err_rule = n == 1 ? "ALLOW-ICMP-LIMIT" : "ALLOW-ONE-OF";
		}
	}
}

/* The kernel's result for a call that may report the pending error
 * (ASYNC-ERR) first.  Returns true when that decided the call. */
static bool pending_err(struct nf_sm_sock *s, const struct nf_sock_res *res, struct nf_sock_outcome *o, bool *ok)
{
	if (s->err == NF_SM_ERR_PENDING) {
		s->err = NF_SM_ERR_NONE;
		*ok = nf_sm_expect_ret(o, "ASYNC-ERR", 0, ECONNREFUSED, res);
		return true;
	}
	if (s->err == NF_SM_ERR_MAYBE) {
		s->err = NF_SM_ERR_NONE;
		if (res->ret == -1 && res->err == ECONNREFUSED) {
			*ok = true;
			return true;
		}
	}
	return false;
}

static bool autobind(struct nf_sm *m, struct nf_sm_sock *s, const struct nf_sock_res *res,
		     struct nf_sock_outcome *o)
{
	if (s->port)
		return true;
	s->port = res->lport;
	if (s->port) {
		nf_sm_hashed(m, s);
		return true;
	}
	o->rule = "AUTOBIND";
	snprintf(o->expected, sizeof o->expected, "socket bound to an ephemeral port after the call");
	snprintf(o->got, sizeof o->got, "getsockname port 0");
	return false;
}

static bool connect_post(struct nf_sm *m, const struct nf_sock_op *op, const struct nf_sock_res *res,
			 struct nf_sock_outcome *o)
{
	struct nf_sm_sock *s = nf_sm_slot(m, op->slot);
	struct route r;

	route(m, s, op, true, &r);
	if (!autobind(m, s, res, o))
		return false;
	if (r.err)
		return nf_sm_expect_ret(o, r.rule, 0, r.err, res);
	if (!nf_sm_expect_ret(o, "CONNECT", 0, 0, res))
		return false;
	s->connected = true;
	s->dport = r.dport;
	if (r.ver == 4) {
		if (!memcmp(s->saddr4, zero4, 4))
			memcpy(s->saddr4, r.s4, 4);
		if (!memcmp(s->rcv4, zero4, 4))
			memcpy(s->rcv4, r.s4, 4);
		memcpy(s->daddr4, r.d4, 4);
		if (s->fam == 6) {
			s->daddr6 = mapped(r.d4);
			if (nf_sm_is_any6(&s->saddr6) || (nf_sm_is_mapped(&s->saddr6) && !memcmp(s->saddr6.a + 12, zero4, 4)))
				s->saddr6 = mapped(s->saddr4);
			if (nf_sm_is_any6(&s->rcv6) || (nf_sm_is_mapped(&s->rcv6) && !memcmp(s->rcv6.a + 12, zero4, 4)))
				s->rcv6 = mapped(s->rcv4);
		}
	} else {
		s->daddr6 = r.d6;
		if (nf_sm_is_any6(&s->saddr6))
			s->saddr6 = r.s6;
		if (nf_sm_is_any6(&s->rcv6)) {
			s->rcv6 = r.s6;
			memcpy(s->rcv4, nf_sm_lb4_ipv6(), 4);
		}
	}
	return true;
}

bool nf_sm_send_post(struct nf_sm *m, const struct nf_sock_op *op, const struct nf_sm_pre *pre,
		     const struct nf_sock_res *res, struct nf_sock_outcome *o)
{
	struct nf_sm_sock *s = nf_sm_slot(m, op->slot);
	uint32_t len = nf_sock_send_len[op->c % nf_sock_nsend_len];
	struct route r;
	bool ok;

	if (op->op == NF_SOP_CONNECT)
		return connect_post(m, op, res, o);
	route(m, s, op, false, &r);
	if (!autobind(m, s, res, o))
		return false;
	if (r.err)
		return nf_sm_expect_ret(o, r.rule, 0, r.err, res);
	if (len > (r.ver == 4 ? 65507u : 65527u))
		return nf_sm_expect_ret(o, "SEND-SIZE", 0, EMSGSIZE, res);
	if (pending_err(s, res, o, &ok))
		return ok;
	if (s->shut_wr)
		return nf_sm_expect_ret(o, "SEND-SHUT", 0, EPIPE, res);
	if (!nf_sm_expect_ret(o, op->op == NF_SOP_SENDTO && s->connected ? "SENDTO-CONNECTED" : "SEND", (long)len, 0,
			      res))
		return false;
	deliver(m, op->slot % NF_SOCK_SLOTS, &r, s->port, pre->seq, len);
	return true;
}

/* ---- receive ---------------------------------------------------------- */

void nf_sm_recv_pre(struct nf_sm *m, const struct nf_sock_op *op, struct nf_sm_pre *pre)
{
	struct nf_sm_sock *s = nf_sm_slot(m, op->slot);
	bool certain = s->err == NF_SM_ERR_PENDING;

	for (unsigned i = 0; i < s->nq; i++)
		certain |= !s->q[i].maybe;
	if (certain)
		pre->wait = POLLIN | POLLERR;
}

/* Is the datagram the kernel returned (its first bytes are the tag of the
 * send that wrote it) this one? */
static bool same_dgram(const struct nf_sm_dgram *d, const struct nf_sock_res *res, uint32_t buf, unsigned flags)
{
	uint8_t tag[4];
	uint32_t copy = d->len < buf ? d->len : buf, n = copy < 4 ? copy : 4;

	nf_sm_tag(d->seq, tag);
	/* What the call reveals of the length: MSG_TRUNC returns it whole,
	 * recvmsg's msg_flags say whether it was cut. */
	if ((flags & NF_SOCK_RECV_TRUNC) && res->ret != (long)d->len)
		return false;
	if ((flags & NF_SOCK_RECV_MSG) && !!(res->msg_flags & MSG_TRUNC) != (d->len > buf))
		return false;
	return res->ncopied == copy && !memcmp(tag, res->tag, n) && nf_sock_ip_eq(&d->src, &res->from) &&
	       d->sport == res->fromport;
}

static void drop_at(struct nf_sm_sock *s, unsigned i, bool read)
{
	if (read)
		s->slack += s->q[i].hi;
	memmove(&s->q[i], &s->q[i + 1], (s->nq - i - 1) * sizeof s->q[0]);
	s->nq--;
	if (!s->nq)
		s->slack = 0;
	if (s->slack > (uint32_t)s->rcvbuf / 4 + 65536 * 4 + 8192)
		s->slack = (uint32_t)s->rcvbuf / 4 + 65536 * 4 + 8192;
}

static void dgram_text(const struct nf_sm_dgram *d, char *buf, size_t len)
{
	char a[64];

	nf_sock_ip_text(&d->src, a, sizeof a);
	snprintf(buf, len, "datagram #%u len %u from %s%s%s port %u%s", d->seq, d->len, d->src.fam == 6 ? "[" : "",
		 a, d->src.fam == 6 ? "]" : "", d->sport, d->maybe ? " (or none)" : "");
}

bool nf_sm_recv_post(struct nf_sm *m, const struct nf_sock_op *op, const struct nf_sock_res *res,
		     struct nf_sock_outcome *o)
{
	struct nf_sm_sock *s = nf_sm_slot(m, op->slot);
	uint32_t buf = nf_sock_recv_len[op->c % nf_sock_nrecv_len];
	bool peek = op->d & NF_SOCK_RECV_PEEK, trunc = op->d & NF_SOCK_RECV_TRUNC, ok;
	unsigned i;
	struct nf_sm_dgram *d;

	(void)m;
	if (pending_err(s, res, o, &ok))
		return ok;
	if (res->ret < 0) {
		/* Only EAGAIN, and only if every queued datagram may be missing. */
		for (i = 0; i < s->nq && s->q[i].maybe; i++)
			;
		if (i == s->nq && res->err == EAGAIN) {
			s->nq = 0;
			s->slack = 0;
			return true;
		}
		if (i < s->nq) {
			o->rule = s->q[i].rule;
			dgram_text(&s->q[i], o->expected, sizeof o->expected);
		} else {
			o->rule = "RECV-EMPTY";
			snprintf(o->expected, sizeof o->expected, "-1 EAGAIN");
		}
		snprintf(o->got, sizeof o->got, "-1 %s", strerror(res->err));
		if (res->err == EAGAIN)
			snprintf(o->got, sizeof o->got, "-1 EAGAIN (nothing queued)");
		return false;
	}
	for (i = 0; i < s->nq; i++) {
		if (same_dgram(&s->q[i], res, buf, op->d))
			break;
		if (!s->q[i].maybe)
			break;
	}
	if (i == s->nq || !same_dgram(&s->q[i], res, buf, op->d)) {
		char a[64];

		nf_sock_ip_text(&res->from, a, sizeof a);
		if (i < s->nq) {
			o->rule = s->q[i].rule;
			dgram_text(&s->q[i], o->expected, sizeof o->expected);
		} else {
			o->rule = s->nq ? s->q[0].rule : "RECV-EMPTY";
			snprintf(o->expected, sizeof o->expected, "-1 EAGAIN (no datagram for this socket)");
		}
		snprintf(o->got, sizeof o->got, "%ld, %u bytes copied, tag #%u, from %s port %u", res->ret, res->ncopied,
			 res->ncopied >= 4 && res->tag[1] == 0xa5 ? (unsigned)(res->tag[2] << 8 | res->tag[0]) : 0, a,
			 res->fromport);
		return false;
	}
	if (!res->ncopied && s->q[i].maybe) {
		/* Nothing copied, so no tag: the datagram cannot be told from the
		 * others of that length this socket may hold from the same sender.
		 * Each of them may be the one read: all stay "maybe". */
		unsigned k = i;

		for (unsigned j = i; j < s->nq; j++)
			if (same_dgram(&s->q[j], res, buf, op->d))
				s->q[j].maybe = true;
		if (!peek)
			drop_at(s, k, true);
		return true;
	}
	while (i-- > 0) /* the maybe-datagrams before it were dropped */
		drop_at(s, 0, false);
	d = &s->q[0];
	d->maybe = false;
	{
		long want = trunc ? (long)d->len : (long)(d->len < buf ? d->len : buf);
		bool want_trunc = d->len > buf;

		if (!nf_sm_expect_ret(o, "RECV", want, 0, res))
			return false;
		if ((op->d & NF_SOCK_RECV_MSG) && !!(res->msg_flags & MSG_TRUNC) != want_trunc) {
			o->rule = "RECV";
			snprintf(o->expected, sizeof o->expected, "msg_flags %s", want_trunc ? "MSG_TRUNC" : "without MSG_TRUNC");
			snprintf(o->got, sizeof o->got, "msg_flags 0x%x", res->msg_flags);
			return false;
		}
	}
	if (!peek)
		drop_at(s, 0, true);
	return true;
}
