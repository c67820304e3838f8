/* Socket programs: parse (through the cursor, recording each op as an
 * element of one list) and print.  include/netfuzz/sock.h has the format. */
#include "netfuzz/cursor.h"
#include "netfuzz/sock.h"
#include "netfuzz/structure.h"

#include <stdio.h>
#include <string.h>

void nf_sock_parse(const uint8_t *data, size_t size, struct nf_sock_prog *p)
{
	struct nf_cur c;
	int list;

	memset(p, 0, sizeof *p);
	nf_cur_init(&c, data, size);
	/* The list is the run of whole records; each record is one element,
	 * so deleting, duplicating or moving one keeps the others aligned. */
	list = nf_rec_span(0, size - size % NF_SOCK_OP_LEN, NF_REC_NONE);
	while (nf_cur_len(&c) >= NF_SOCK_OP_LEN && p->nops < NF_SOCK_MAX_OPS) {
		struct nf_sock_op *op = &p->ops[p->nops];
		struct nf_cur start = c;

		op->off = (uint32_t)nf_cur_offset(&c);
		if (!nf_cur_get_u8(&c, &op->op) || !nf_cur_get_u8(&c, &op->slot) || !nf_cur_get_u8(&c, &op->a) ||
		    !nf_cur_get_u8(&c, &op->b) || !nf_cur_get_u8(&c, &op->c) || !nf_cur_get_u8(&c, &op->d))
			break; /* cannot happen: NF_SOCK_OP_LEN bytes were there */
		(void)nf_rec_span_between(&start, &c, list);
		op->skip = op->op >= NF_SOP_COUNT || op->slot >= NF_SOCK_SLOTS;
		p->nskipped += op->skip;
		p->nops++;
	}
	p->trailing = nf_cur_len(&c);
}

static const char *const opname[NF_SOP_COUNT] = {"socket", "setsockopt", "bind", "connect", "sendto",
						  "send", "recv", "shutdown", "close"};
static const char *const optname[2][NF_SOPT_COUNT] = {
	{"-", "SO_REUSEADDR", "SO_REUSEPORT", "IP_MULTICAST_LOOP", "IP_ADD_MEMBERSHIP", "SO_RCVBUF", "IP_RECVERR"},
	{"IPV6_V6ONLY", "SO_REUSEADDR", "SO_REUSEPORT", "IPV6_MULTICAST_LOOP", "IPV6_JOIN_GROUP", "SO_RCVBUF",
	 "IPV6_RECVERR"},
};

static void port_text(unsigned b, char *buf, size_t len)
{
	b %= NF_SOCK_SLOTS + 1;
	if (b == 0)
		snprintf(buf, len, "0");
	else
		snprintf(buf, len, "port(s%u)", b - 1);
}

void nf_sock_op_text(const struct nf_sock_op *op, int fam, char *buf, size_t len)
{
	char port[16];
	const struct nf_sock_addr *a = nf_sock_addr(fam ? fam : 4, op->a);

	if (op->op >= NF_SOP_COUNT) {
		snprintf(buf, len, "(unknown opcode %u: skipped)", op->op);
		return;
	}
	if (op->slot >= NF_SOCK_SLOTS) {
		snprintf(buf, len, "%s s%u (no such slot: skipped)", opname[op->op], op->slot);
		return;
	}
	port_text(op->b, port, sizeof port);
	switch (op->op) {
	case NF_SOP_SOCKET:
		snprintf(buf, len, "socket s%u %s SOCK_DGRAM", op->slot, op->a & 1 ? "AF_INET6" : "AF_INET");
		break;
	case NF_SOP_SETSOCKOPT:
		if (op->a % NF_SOPT_COUNT == NF_SOPT_RCVBUF)
			snprintf(buf, len, "setsockopt s%u SO_RCVBUF %d", op->slot,
				 nf_sock_rcvbuf_val[op->b % nf_sock_nrcvbuf]);
		else
			snprintf(buf, len, "setsockopt s%u %s %u", op->slot, optname[fam == 6][op->a % NF_SOPT_COUNT],
				 op->b & 1);
		break;
	case NF_SOP_BIND:
	case NF_SOP_CONNECT:
		snprintf(buf, len, "%s s%u %s %s", opname[op->op], op->slot, a->text, port);
		break;
	case NF_SOP_SENDTO:
		snprintf(buf, len, "%s s%u %s %s len %u", op->d & 1 ? "sendmsg" : "sendto", op->slot, a->text, port,
			 nf_sock_send_len[op->c % nf_sock_nsend_len]);
		break;
	case NF_SOP_SEND:
		snprintf(buf, len, "%s s%u len %u", op->d & 1 ? "sendmsg(no name)" : "send", op->slot,
			 nf_sock_send_len[op->c % nf_sock_nsend_len]);
		break;
	case NF_SOP_RECV:
		snprintf(buf, len, "%s s%u buf %u%s%s", op->d & NF_SOCK_RECV_MSG ? "recvmsg" : "recvfrom", op->slot,
			 nf_sock_recv_len[op->c % nf_sock_nrecv_len], op->d & NF_SOCK_RECV_PEEK ? " MSG_PEEK" : "",
			 op->d & NF_SOCK_RECV_TRUNC ? " MSG_TRUNC" : "");
		break;
	case NF_SOP_SHUTDOWN:
		snprintf(buf, len, "shutdown s%u %s", op->slot,
			 (const char *const[]){"SHUT_RD", "SHUT_WR", "SHUT_RDWR"}[op->a % 3]);
		break;
	case NF_SOP_CLOSE:
		snprintf(buf, len, "close s%u", op->slot);
		break;
	}
}
