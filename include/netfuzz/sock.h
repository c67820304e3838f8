/* Socket programs (docs/sockets.md): a fuzz input is a list of socket calls
 * over a few slots and a fixed address table, run on the real kernel in a
 * private network namespace and checked, call by call, against a
 * behaviour model written from the specifications (src/sock/model.c,
 * rules in src/sock/rules.c).
 *
 * Program format: a sequence of NF_SOCK_OP_LEN-byte records
 *
 *     op  slot  a  b  c  d
 *
 * read through the cursor and recorded as elements of one list, so the
 * structure mutator's insert/delete/duplicate/reorder keep a program
 * well-formed.  A trailing partial record is ignored; an unknown opcode or
 * a slot >= NF_SOCK_SLOTS is skipped (counted, not an error); arguments
 * are reduced modulo their table sizes, so every other record runs.
 *
 *   op  name        a                  b                c              d
 *   0   socket      family (bit 0)     -                -              -
 *   1   setsockopt  option (menu)      value            -              -
 *   2   bind        address            port             -              -
 *   3   connect     address            port             -              -
 *   4   sendto      address            port             length         bit0 sendmsg
 *   5   send        -                  -                length         bit0 sendmsg
 *   6   recv        -                  -                buffer         bit0 PEEK, bit1 TRUNC, bit2 recvmsg
 *   7   shutdown    how (mod 3)        -                -              -
 *   8   close       -                  -                -              -
 *
 * Addresses are indices into the table of the socket's own family
 * (nf_sock_addr()); a port is 0 (kernel's choice) or "the port slot N had
 * last", which stays valid after that slot is closed (nothing listens
 * there then). */
#ifndef NETFUZZ_SOCK_H
#define NETFUZZ_SOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define NF_SOCK_OP_LEN 6
#define NF_SOCK_SLOTS 4
#define NF_SOCK_MAX_OPS 48 /* records past this are not run (bounded time per input) */
#define NF_SOCK_QUEUE 16   /* datagrams the model tracks per socket */

enum nf_sock_opcode {
	NF_SOP_SOCKET, NF_SOP_SETSOCKOPT, NF_SOP_BIND, NF_SOP_CONNECT, NF_SOP_SENDTO,
	NF_SOP_SEND, NF_SOP_RECV, NF_SOP_SHUTDOWN, NF_SOP_CLOSE, NF_SOP_COUNT
};

/* The setsockopt menu (a % NF_SOPT_COUNT); the level follows the socket's family. */
enum nf_sock_opt {
	NF_SOPT_V6ONLY, NF_SOPT_REUSEADDR, NF_SOPT_REUSEPORT, NF_SOPT_MCAST_LOOP, NF_SOPT_JOIN,
	NF_SOPT_RCVBUF, NF_SOPT_RECVERR, NF_SOPT_COUNT
};

#define NF_SOCK_RECV_PEEK 1u
#define NF_SOCK_RECV_TRUNC 2u
#define NF_SOCK_RECV_MSG 4u

struct nf_sock_op {
	uint8_t op, slot, a, b, c, d; /* as in the input */
	uint32_t off;                 /* offset of the record in the input */
	bool skip;                    /* unknown opcode or slot out of range */
};

struct nf_sock_prog {
	struct nf_sock_op ops[NF_SOCK_MAX_OPS];
	size_t nops;     /* records read (at most NF_SOCK_MAX_OPS) */
	size_t nskipped; /* of those, unknown opcode or bad slot */
	size_t trailing; /* bytes after the last whole record, or past the op limit */
};

/* Parse: never fails (bad records are marked skip); records each op as an
 * element of one list when the structure recorder is on. */
void nf_sock_parse(const uint8_t *data, size_t size, struct nf_sock_prog *p);

/* ---- the address table ---------------------------------------------- */
struct nf_sock_ip {
	uint8_t fam; /* 4 or 6 */
	uint8_t a[16];
};

enum nf_sock_addr_kind {
	NF_SA_LOOPBACK, NF_SA_ANY, NF_SA_IFACE, NF_SA_GROUP, /* as the family writes them */
	NF_SA_MAPPED_LOOPBACK, NF_SA_MAPPED_ANY, NF_SA_MAPPED_IFACE, NF_SA_MAPPED_GROUP
};

struct nf_sock_addr {
	const char *text;
	enum nf_sock_addr_kind kind;
	struct nf_sock_ip ip;
};

/* Entry `idx` (reduced modulo the family's table) for an AF_INET (fam 4)
 * or AF_INET6 (fam 6) socket.  IPv4: 127.0.0.1, 0.0.0.0, 192.0.2.1 (the
 * namespace's dummy interface), 239.255.78.70 (group).  IPv6: ::1, ::,
 * 2001:db8::1 (dummy), ff05::4e46 (group), and the v4-mapped forms of the
 * four IPv4 entries (RFC 4291 2.5.5.2). */
const struct nf_sock_addr *nf_sock_addr(int fam, unsigned idx);
unsigned nf_sock_naddr(int fam);
/* Text of an address ("127.0.0.1", "::ffff:192.0.2.1"). */
void nf_sock_ip_text(const struct nf_sock_ip *ip, char *buf, size_t len);
bool nf_sock_ip_eq(const struct nf_sock_ip *x, const struct nf_sock_ip *y);

/* Lengths of sent datagrams and receive buffers (c % count). */
extern const uint32_t nf_sock_send_len[];
extern const unsigned nf_sock_nsend_len;
extern const uint32_t nf_sock_recv_len[];
extern const unsigned nf_sock_nrecv_len;
extern const int nf_sock_rcvbuf_val[];
extern const unsigned nf_sock_nrcvbuf;

/* ---- environment ------------------------------------------------------- */
struct nf_sock_env {
	bool netns;     /* our own namespace, with the dummy interface */
	bool userns;    /* ...reached through a user namespace */
	int dummy_ifindex;
	int rcvbuf_min; /* SO_RCVBUF floor, measured once */
	int rcvbuf_max; /* net.core.rmem_max */
	int rcvbuf_default;
	bool icmp_unlimited; /* ICMP error rate limit off (our namespace) */
};

/* Set up once per process: unshare(CLONE_NEWNET) as root, else a user
 * namespace, else one sentence on stderr and loopback only.  Applies a
 * kernel fault from NF_SOCK_FAULT_NFT / NF_SOCK_FAULT_SYSCTL in the new
 * namespace (netfuzz fuzz --inject). */
const struct nf_sock_env *nf_sock_env(void);

/* ---- model and run ------------------------------------------------------ */
enum nf_sock_profile { NF_SPROF_LINUX, NF_SPROF_MACOS, NF_SPROF_FREEBSD };
/* From NF_SOCK_PROFILE (linux, macos, freebsd), else the build OS. */
enum nf_sock_profile nf_sock_profile(void);
const char *nf_sock_profile_name(enum nf_sock_profile p);

struct nf_sock_rule {
	const char *id;
	const char *text;
	const char *cite;
};
const struct nf_sock_rule *nf_sock_rule(const char *id);
const struct nf_sock_rule *nf_sock_rule_at(size_t i);

/* Result of running a program. */
struct nf_sock_outcome {
	bool diverged;
	size_t op;          /* index of the op that diverged (nops: the final drain) */
	const char *rule;   /* rule id that made the prediction */
	char expected[256]; /* the model's prediction */
	char got[256];      /* the kernel's result */
	size_t executed;    /* ops run on the kernel */
	size_t skipped;     /* ops skipped (bad record, outside the model, unsafe) */
};

/* Run `p` on the kernel with the model checking every call; every socket
 * is closed before it returns.  On a divergence fills `o` and returns
 * false; it does not trap (nf_sock_trap does). */
bool nf_sock_run(const struct nf_sock_prog *p, struct nf_sock_outcome *o);

/* Print the divergence in the oracle format (docs/oracles.md) and trap. */
void nf_sock_trap(const struct nf_sock_prog *p, const struct nf_sock_outcome *o) __attribute__((noreturn));

/* One op as text ("sendto s1 ::ffff:127.0.0.1 port(s0) len 64"). */
void nf_sock_op_text(const struct nf_sock_op *op, int fam, char *buf, size_t len);

#endif
