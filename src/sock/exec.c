/* The executor: runs a socket program on the real kernel through the C
 * library's socket functions (so an LD_PRELOAD shim such as libnetfault
 * sees every call), asks the model before each call and checks it after.
 * Every socket is non-blocking; the only waits are poll()s of at most
 * NF_SOCK_WAIT_MS for something the model says is on its way; every
 * socket is closed before nf_sock_run returns. */
#include "sock_int.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#ifndef MSG_NOSIGNAL
#define MSG_NOSIGNAL 0
#endif
#define NF_SOCK_WAIT_MS 20

struct exec {
	int fd[NF_SOCK_SLOTS];
	int fam[NF_SOCK_SLOTS];
};

static uint8_t payload[65536 + 16], rbuf[65536 + 16];

static socklen_t fill_sa(struct sockaddr_storage *ss, const struct nf_sock_ip *ip, uint16_t port)
{
	memset(ss, 0, sizeof *ss);
	if (ip->fam == 4) {
		struct sockaddr_in *s = (struct sockaddr_in *)ss;

		s->sin_family = AF_INET;
		s->sin_port = htons(port);
		memcpy(&s->sin_addr, ip->a, 4);
		return sizeof *s;
	} else {
		struct sockaddr_in6 *s = (struct sockaddr_in6 *)ss;

		s->sin6_family = AF_INET6;
		s->sin6_port = htons(port);
		memcpy(&s->sin6_addr, ip->a, 16);
		return sizeof *s;
	}
}

static void read_sa(const struct sockaddr_storage *ss, struct nf_sock_ip *ip, uint16_t *port)
{
	memset(ip, 0, sizeof *ip);
	*port = 0;
	if (ss->ss_family == AF_INET) {
		const struct sockaddr_in *s = (const struct sockaddr_in *)ss;

		ip->fam = 4;
		memcpy(ip->a, &s->sin_addr, 4);
		*port = ntohs(s->sin_port);
	} else if (ss->ss_family == AF_INET6) {
		const struct sockaddr_in6 *s = (const struct sockaddr_in6 *)ss;

		ip->fam = 6;
		memcpy(ip->a, &s->sin6_addr, 16);
		*port = ntohs(s->sin6_port);
	}
}

static uint16_t local_port(int fd)
{
	struct sockaddr_storage ss;
	socklen_t sl = sizeof ss;
	struct nf_sock_ip ip;
	uint16_t port;

	if (fd < 0 || getsockname(fd, (struct sockaddr *)&ss, &sl) != 0)
		return 0;
	read_sa(&ss, &ip, &port);
	return port;
}

static void setopt(const struct exec *x, const struct nf_sock_op *op, const struct nf_sock_env *env,
		   struct nf_sock_res *res)
{
	unsigned slot = op->slot;
	int fd = x->fd[slot], v6 = x->fam[slot] == 6, on = op->b & 1, r = -1;

	switch (op->a % NF_SOPT_COUNT) {
	case NF_SOPT_V6ONLY:
		r = setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &on, sizeof on);
		break;
	case NF_SOPT_REUSEADDR:
		r = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
		break;
	case NF_SOPT_REUSEPORT:
		r = setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &on, sizeof on);
		break;
	case NF_SOPT_MCAST_LOOP:
		r = v6 ? setsockopt(fd, IPPROTO_IPV6, IPV6_MULTICAST_LOOP, &on, sizeof on)
		       : setsockopt(fd, IPPROTO_IP, IP_MULTICAST_LOOP, &on, sizeof on);
		break;
	case NF_SOPT_RECVERR:
		r = v6 ? setsockopt(fd, IPPROTO_IPV6, IPV6_RECVERR, &on, sizeof on)
		       : setsockopt(fd, IPPROTO_IP, IP_RECVERR, &on, sizeof on);
		break;
	case NF_SOPT_RCVBUF: {
		int v = nf_sock_rcvbuf_val[op->b % nf_sock_nrcvbuf];

		r = setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &v, sizeof v);
		break;
	}
	case NF_SOPT_JOIN:
		if (v6) {
			struct ipv6_mreq mr;

			memcpy(&mr.ipv6mr_multiaddr, nf_sock_addr(6, NF_SA_GROUP)->ip.a, 16);
			mr.ipv6mr_interface = (unsigned)env->dummy_ifindex;
			r = setsockopt(fd, IPPROTO_IPV6, IPV6_JOIN_GROUP, &mr, sizeof mr);
		} else {
			struct ip_mreq mr;

			memcpy(&mr.imr_multiaddr, nf_sock_addr(4, NF_SA_GROUP)->ip.a, 4);
			memcpy(&mr.imr_interface, nf_sock_addr(4, NF_SA_IFACE)->ip.a, 4);
			r = setsockopt(fd, IPPROTO_IP, IP_ADD_MEMBERSHIP, &mr, sizeof mr);
		}
		break;
	}
	res->ret = r;
	res->err = r < 0 ? errno : 0;
}

static void do_recv(int fd, const struct nf_sock_op *op, struct nf_sock_res *res)
{
	struct sockaddr_storage ss;
	socklen_t sl = sizeof ss;
	uint32_t buf = nf_sock_recv_len[op->c % nf_sock_nrecv_len];
	int flags = MSG_DONTWAIT | (op->d & NF_SOCK_RECV_PEEK ? MSG_PEEK : 0) |
		    (op->d & NF_SOCK_RECV_TRUNC ? MSG_TRUNC : 0);
	ssize_t r;

	memset(&ss, 0, sizeof ss);
	memset(rbuf, 0, 4);
	if (op->d & NF_SOCK_RECV_MSG) {
		struct iovec iov = {rbuf, buf};
		struct msghdr mh = {.msg_name = &ss, .msg_namelen = sizeof ss, .msg_iov = &iov, .msg_iovlen = 1};

		r = recvmsg(fd, &mh, flags);
		res->msg_flags = mh.msg_flags;
	} else {
		r = recvfrom(fd, rbuf, buf, flags, (struct sockaddr *)&ss, &sl);
	}
	res->ret = r;
	res->err = r < 0 ? errno : 0;
	if (r >= 0) {
		res->ncopied = (uint32_t)r < buf ? (uint32_t)r : buf;
		memcpy(res->tag, rbuf, 4);
		read_sa(&ss, &res->from, &res->fromport);
		res->from_set = true;
	}
}

static void do_send(const struct exec *x, const struct nf_sock_op *op, const struct nf_sm *m,
		    const struct nf_sm_pre *pre, struct nf_sock_res *res)
{
	int fd = x->fd[op->slot];
	uint32_t len = nf_sock_send_len[op->c % nf_sock_nsend_len];
	struct sockaddr_storage ss;
	socklen_t sl = 0;
	uint8_t tag[4];
	ssize_t r;

	nf_sm_tag(pre->seq, tag);
	memcpy(payload, tag, len < 4 ? len : 4);
	if (op->op == NF_SOP_SENDTO)
		sl = fill_sa(&ss, &nf_sock_addr(x->fam[op->slot], op->a)->ip, nf_sm_port_arg(m, op->b));
	if (op->d & 1) {
		struct iovec iov = {payload, len};
		struct msghdr mh = {.msg_name = sl ? &ss : NULL, .msg_namelen = sl, .msg_iov = &iov, .msg_iovlen = 1};

		r = sendmsg(fd, &mh, MSG_NOSIGNAL);
	} else if (sl) {
		r = sendto(fd, payload, len, MSG_NOSIGNAL, (struct sockaddr *)&ss, sl);
	} else {
		r = send(fd, payload, len, MSG_NOSIGNAL);
	}
	res->ret = r;
	res->err = r < 0 ? errno : 0;
}

static void exec_op(struct exec *x, const struct nf_sock_op *op, const struct nf_sm *m, const struct nf_sm_pre *pre,
		    struct nf_sock_res *res)
{
	int fd = x->fd[op->slot];
	int r = 0;

	memset(res, 0, sizeof *res);
	if (pre->wait && fd >= 0) {
		struct pollfd pf = {fd, pre->wait, 0};

		(void)poll(&pf, 1, NF_SOCK_WAIT_MS);
	}
	errno = 0;
	switch (op->op) {
	case NF_SOP_SOCKET:
		if (fd >= 0)
			close(fd);
		x->fam[op->slot] = op->a & 1 ? 6 : 4;
		fd = x->fd[op->slot] = socket(op->a & 1 ? AF_INET6 : AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
		res->ret = fd;
		res->err = fd < 0 ? errno : 0;
		break;
	case NF_SOP_SETSOCKOPT:
		setopt(x, op, m->env, res);
		break;
	case NF_SOP_BIND:
	case NF_SOP_CONNECT: {
		struct sockaddr_storage ss;
		socklen_t sl = fill_sa(&ss, &nf_sock_addr(x->fam[op->slot], op->a)->ip, nf_sm_port_arg(m, op->b));

		r = op->op == NF_SOP_BIND ? bind(fd, (struct sockaddr *)&ss, sl) : connect(fd, (struct sockaddr *)&ss, sl);
		res->ret = r;
		res->err = r < 0 ? errno : 0;
		break;
	}
	case NF_SOP_SENDTO:
	case NF_SOP_SEND:
		do_send(x, op, m, pre, res);
		break;
	case NF_SOP_RECV:
		do_recv(fd, op, res);
		break;
	case NF_SOP_SHUTDOWN:
		r = shutdown(fd, (const int[]){SHUT_RD, SHUT_WR, SHUT_RDWR}[op->a % 3]);
		res->ret = r;
		res->err = r < 0 ? errno : 0;
		break;
	case NF_SOP_CLOSE:
		r = close(fd);
		x->fd[op->slot] = -1;
		res->ret = r;
		res->err = r < 0 ? errno : 0;
		return;
	}
	/* Only these can bind the socket (the model learns the kernel's port). */
	if (op->op == NF_SOP_BIND || op->op == NF_SOP_CONNECT || op->op == NF_SOP_SENDTO || op->op == NF_SOP_SEND)
		res->lport = local_port(x->fd[op->slot]);
}

/* The ops as run, for the trap's listing. */
static struct nf_sock_op ran[NF_SOCK_MAX_OPS + NF_SOCK_SLOTS * (NF_SOCK_QUEUE + 2)];
static int ranfam[sizeof ran / sizeof ran[0]];
static const char *ranskip[sizeof ran / sizeof ran[0]];
static size_t nran;

static bool step(struct exec *x, struct nf_sm *m, const struct nf_sock_op *op, struct nf_sock_outcome *o)
{
	struct nf_sm_pre pre;
	struct nf_sock_res res;

	nf_sm_pre(m, op, &pre);
	if (nran < sizeof ran / sizeof ran[0]) {
		ran[nran] = *op;
		ranfam[nran] = op->op == NF_SOP_SOCKET ? (op->a & 1 ? 6 : 4) : pre.fam;
		ranskip[nran] = pre.skip ? (pre.skip_rule ? pre.skip_rule : "no socket in the slot") : NULL;
		nran++;
	}
	if (pre.skip) {
		o->skipped++;
		return true;
	}
	exec_op(x, op, m, &pre, &res);
	o->executed++;
	return nf_sm_post(m, op, &pre, &res, o);
}

bool nf_sock_run(const struct nf_sock_prog *p, struct nf_sock_outcome *o)
{
	static struct nf_sm m;
	struct exec x;
	bool ok = true;

	memset(o, 0, sizeof *o);
	for (unsigned i = 0; i < NF_SOCK_SLOTS; i++)
		x.fd[i] = -1, x.fam[i] = 0;
	nf_sm_init(&m, nf_sock_env());
	nran = 0;
	for (size_t i = 0; i < p->nops && ok; i++) {
		if (p->ops[i].skip) {
			o->skipped++;
			continue;
		}
		o->op = i;
		ok = step(&x, &m, &p->ops[i], o);
	}
	/* The drain: every open socket must hold exactly what the model
	 * says was sent to it (a datagram nobody read is checked too). */
	for (unsigned s = 0; s < NF_SOCK_SLOTS && ok; s++) {
		for (unsigned k = 0; k < NF_SOCK_QUEUE + 2 && ok && x.fd[s] >= 0; k++) {
			struct nf_sock_op d = {.op = NF_SOP_RECV, .slot = (uint8_t)s, .c = 5, .off = UINT32_MAX};
			struct nf_sm_sock *ms = nf_sm_slot(&m, s);
			bool last = !ms->nq && ms->err == NF_SM_ERR_NONE;

			o->op = p->nops;
			ok = step(&x, &m, &d, o);
			if (last)
				break;
		}
	}
	for (unsigned i = 0; i < NF_SOCK_SLOTS; i++)
		if (x.fd[i] >= 0)
			close(x.fd[i]);
	o->diverged = !ok;
	return ok;
}

void nf_sock_trap(const struct nf_sock_prog *p, const struct nf_sock_outcome *o)
{
	const struct nf_sock_rule *r = o->rule ? nf_sock_rule(o->rule) : NULL;
	char t[160];

	(void)p;
	fprintf(stderr, "netfuzz oracle sock-model: divergence at %s (profile %s)\n",
		o->op < p->nops ? "op" : "the final drain", nf_sock_profile_name(nf_sock_profile()));
	fprintf(stderr, "  program so far:\n");
	for (size_t i = 0; i < nran; i++) {
		nf_sock_op_text(&ran[i], ranfam[i], t, sizeof t);
		fprintf(stderr, "  %s %3zu  %s%s%s%s%s\n", i + 1 == nran ? ">" : " ", i,
			ran[i].off == UINT32_MAX ? "(drain) " : "", t, ranskip[i] ? "  [not run: " : "",
			ranskip[i] ? ranskip[i] : "", ranskip[i] ? "]" : "");
	}
	fprintf(stderr, "  model:  %s\n  kernel: %s\n", o->expected, o->got);
	fprintf(stderr, "  rule %s: %s\n  cite: %s\n", o->rule ? o->rule : "?", r ? r->text : "?", r ? r->cite : "?");
	fprintf(stderr, "  state: sock-model %s %s\n", nran ? (const char *[]){"socket", "setsockopt", "bind", "connect", "sendto", "send", "recv", "shutdown", "close"}[ran[nran - 1].op % NF_SOP_COUNT] : "?",
		o->rule ? o->rule : "?");
	__builtin_trap();
}
