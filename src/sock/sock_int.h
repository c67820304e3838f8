/* Internal to src/sock/: the behaviour model's state and its interface to
 * the executor.  The model never calls the kernel; the executor never
 * decides what is right. */
#ifndef NETFUZZ_SOCK_INT_H
#define NETFUZZ_SOCK_INT_H

#include "netfuzz/sock.h"

#include <stdio.h>

/* A datagram the model expects in a receive queue. */
struct nf_sm_dgram {
	uint32_t seq, len;
	struct nf_sock_ip src; /* as the receiver's family reports it */
	uint16_t sport;
	bool maybe;            /* may have been dropped (an allowed difference) */
	const char *rule;      /* why it is expected (or maybe) */
	uint32_t hi;           /* upper bound of its receive-buffer charge */
};

enum nf_sm_err { NF_SM_ERR_NONE, NF_SM_ERR_PENDING, NF_SM_ERR_MAYBE };

struct nf_sm_sock {
	bool open;
	int fam; /* 4 or 6 */
	bool v6only, reuseaddr, reuseport, mcloop, joined, recverr;
	int rcvbuf;
	uint16_t port;           /* local port, 0 while unbound */
	int32_t hashed;          /* its place in the port chain, walked from the highest: n when it
				  * got its port at the head, -n at the tail (nf_sm_hashed) */
	struct nf_sock_ip rcv6;  /* AF_INET6: sk_v6_rcv_saddr */
	uint8_t rcv4[4];         /* inet_rcv_saddr (AF_INET6 too: its IPv4 view) */
	uint8_t saddr4[4];       /* inet_saddr: source for IPv4 output */
	struct nf_sock_ip saddr6; /* np->saddr: source for IPv6 output */
	bool connected;
	uint8_t daddr4[4];
	struct nf_sock_ip daddr6;
	uint16_t dport;
	bool shut_rd, shut_wr;
	enum nf_sm_err err;
	const char *err_rule;
	struct nf_sm_dgram q[NF_SOCK_QUEUE];
	unsigned nq;
	uint32_t slack;  /* receive-buffer charge possibly still held for datagrams read */
	uint32_t errq_hi; /* upper bound of the error queue's charge (IP_RECVERR) */
};

struct nf_sm {
	const struct nf_sock_env *env;
	enum nf_sock_profile prof;
	struct nf_sm_sock s[NF_SOCK_SLOTS];
	uint16_t lastport[NF_SOCK_SLOTS];
	uint32_t seq;
	uint32_t nhashed; /* sockets given a port so far (bind, autobind) */
};
/* A socket just got its local port (bind or autobind): Linux puts it at
 * the head of the port's hash chain, or at the tail when it is AF_INET6 with
 * SO_REUSEPORT set (udp_lib_get_port(), sk_add_node_rcu()). */
void nf_sm_hashed(struct nf_sm *m, struct nf_sm_sock *s);

/* What the executor needs before running an op. */
struct nf_sm_pre {
	bool skip;
	const char *skip_rule;
	short wait;  /* poll events to wait for (bounded) before the call, 0: none */
	uint32_t seq; /* sends: the tag to write */
	int fam;      /* the slot's family at this point (printing) */
};

/* What the kernel did. */
struct nf_sock_res {
	long ret;
	int err;
	uint16_t lport; /* the slot's local port afterwards (getsockname), 0 unbound */
	/* receives */
	struct nf_sock_ip from;
	uint16_t fromport;
	bool from_set;
	int msg_flags;
	uint8_t tag[4];
	uint32_t ncopied;
};

void nf_sm_init(struct nf_sm *m, const struct nf_sock_env *env);
void nf_sm_pre(struct nf_sm *m, const struct nf_sock_op *op, struct nf_sm_pre *pre);
/* Compare and apply.  False on a divergence, with o's fields filled. */
bool nf_sm_post(struct nf_sm *m, const struct nf_sock_op *op, const struct nf_sm_pre *pre,
		const struct nf_sock_res *res, struct nf_sock_outcome *o);
/* The drain at the end: op is a synthetic recvfrom of 65536 bytes. */

/* Internal to the model (model.c / model_send.c). */
struct nf_sm_sock *nf_sm_slot(struct nf_sm *m, unsigned slot);
uint16_t nf_sm_port_arg(const struct nf_sm *m, uint8_t b);
void nf_sm_send_pre(struct nf_sm *m, const struct nf_sock_op *op, struct nf_sm_pre *pre);
bool nf_sm_send_post(struct nf_sm *m, const struct nf_sock_op *op, const struct nf_sm_pre *pre,
		     const struct nf_sock_res *res, struct nf_sock_outcome *o);
void nf_sm_recv_pre(struct nf_sm *m, const struct nf_sock_op *op, struct nf_sm_pre *pre);
bool nf_sm_recv_post(struct nf_sm *m, const struct nf_sock_op *op, const struct nf_sock_res *res,
		     struct nf_sock_outcome *o);
/* Expected result "ret / errno" compared with the kernel's. */
bool nf_sm_expect_ret(struct nf_sock_outcome *o, const char *rule, long want, int want_err,
		      const struct nf_sock_res *res);
void nf_sm_tag(uint32_t seq, uint8_t tag[4]);

#endif
