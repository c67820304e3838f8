/* OS-behaviour repros (regressions/os/<id>.c) and their fault injectors.
 *
 * A repro file registers itself with NF_REPRO, like NF_TARGET/NF_COMMAND:
 *
 *   NF_REPRO(udp_zero_length,
 *            .id = "udp-zero-length",
 *            .title = "...", .checks = "...", .platforms = "linux macos freebsd",
 *            .expect = {"linux: pass", "macos: pass", NULL},
 *            .faults = {"zero-len-error", NULL})
 *   {
 *           ... use nf_rs_* helpers, report with nf_note(), return NF_PASS ...
 *   }
 *
 * The runner (src/regress/os.c) gives each repro a fresh network
 * namespace when running as root, loads the kernel fault (nftables ruleset
 * or sysctl) there, and execs the repro with LD_PRELOAD=libnetfault.so for a
 * syscall fault.  The repro body is plain POSIX sockets code: it never
 * knows whether a fault is active. */
#ifndef NETFUZZ_REPRO_H
#define NETFUZZ_REPRO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>
#include <sys/socket.h>

enum nf_verdict { NF_PASS = 0, NF_FAIL = 1, NF_SKIP = 2 };

/* What a repro needs from the runner. */
enum {
	NF_NEEDS_ROOT = 1 << 0, /* creates interfaces/addresses: needs its own netns */
};

#define NF_REPRO_MAX_EXPECT 6
#define NF_REPRO_MAX_FAULTS 4

struct nf_repro;

struct nf_rctx {
	bool in_netns;   /* running in a namespace the runner created */
	const struct nf_repro *self; /* the repro being run */
	char note[1024]; /* what happened, one line, built with nf_note() */
	size_t note_len;
};

struct nf_repro {
	const char *id;        /* fixed id, [a-z0-9-] */
	const char *title;
	const char *checks;    /* what it checks, one sentence */
	const char *source;    /* where the behaviour was reported/specified */
	const char *platforms; /* space-separated: linux macos freebsd */
	/* "platform: pass" or "platform: known-fail (why)"; the runner matches
	 * the running platform ("linux", "macos-15.6.1", "freebsd-14.1") by
	 * prefix; a known-fail turns FAIL into XFAIL and PASS into XPASS. */
	const char *expect[NF_REPRO_MAX_EXPECT];
	const char *faults[NF_REPRO_MAX_FAULTS]; /* each must make it FAIL */
	unsigned needs;
	int (*run)(struct nf_rctx *r);
	const void *data; /* a socket-program case's program (src/regress/sockcase.c) */
};

#define NF_REPRO(sym, ...)                                                   \
	static int nf_repro_run_##sym(struct nf_rctx *r);                    \
	__attribute__((used, section("nf_repros"), aligned(8)))              \
	const struct nf_repro nf_repro_desc_##sym = {__VA_ARGS__,            \
						     .run = nf_repro_run_##sym}; \
	static int nf_repro_run_##sym(struct nf_rctx *r)

/* Socket-program cases, regressions/os/<id>.sockprog (src/regress/sockcase.c):
 * loaded into out, at most max; returns how many. */
size_t nf_sockcase_load(struct nf_repro *out, size_t max);

/* Every repro: the NF_REPRO ones, then the socket-program cases. */
const struct nf_repro *nf_repro_first(void);
const struct nf_repro *nf_repro_end(void);
const struct nf_repro *nf_repro_find(const char *id);

/* Faults: each a documented mechanism (src/regress/faults.c). */
enum nf_fault_kind {
	NF_FAULT_NFT,     /* nftables ruleset loaded in the repro's namespace */
	NF_FAULT_SYSCTL,  /* per-namespace sysctl written in the namespace */
	NF_FAULT_IPRULE,  /* `ip -batch` policy rules/routes added in the namespace */
	NF_FAULT_PRELOAD, /* libnetfault.so via LD_PRELOAD / DYLD_INSERT_LIBRARIES */
};

struct nf_fault {
	const char *name;
	enum nf_fault_kind kind;
	const char *what;   /* one line: what the fault does */
	const char *config; /* nft ruleset, "key=value" sysctl, or "VAR=value" env */
};

const struct nf_fault *nf_fault_find(const char *name);
const struct nf_fault *nf_fault_at(size_t i); /* NULL past the end */
const char *nf_fault_kind_name(enum nf_fault_kind k);
/* The fault this process's environment applies, set by hand as nf_fault_env
 * would set it (NF_SOCK_FAULT, or a libnetfault variable with the shim
 * preloaded); NULL: none.  `netfuzz triage --file` records it. */
const char *nf_fault_in_env(void);

/* The environment that applies fault F to a process and its children: the
 * one mapping from a fault to variables, shared by `netfuzz regress
 * --inject` (an OS repro) and `netfuzz fuzz|triage|replay --inject` (a
 * socket target, FOR_TARGET).  A syscall fault: the preload variable naming
 * SHIM and libnetfault's switch (F->config); for a target also
 * NETFAULT_KEEP_PRELOAD=1, so the shim stays in libFuzzer's fork jobs and
 * the minimizer's runs.  A kernel fault: for a target NF_SOCK_FAULT=<name>,
 * which the target loads in its own namespace (targets/sock_udp.c); nothing
 * for a repro, whose runner loads it (src/regress/os.c).  An ip-rule fault:
 * nothing.  Fills E->v (NULL-terminated, pointing into E); the count. */
struct nf_fault_env {
	char text[3][4200];
	char *v[4];
};
size_t nf_fault_env(const struct nf_fault *f, const char *shim, bool for_target, struct nf_fault_env *e);

/* --- portability: constants that differ between the platforms --- */
/* IPV6_V6ONLY: 26 in Linux <linux/in6.h>, 27 in Darwin and FreeBSD
 * <netinet6/in6.h>.  The system header wins; this only fills a gap. */
#ifndef IPV6_V6ONLY
#if defined(__linux__)
#define IPV6_V6ONLY 26
#elif defined(__APPLE__) || defined(__FreeBSD__)
#define IPV6_V6ONLY 27
#endif
#endif
/* SIGPIPE on a dead socket: SO_NOSIGPIPE exists only on the BSDs (Darwin,
 * FreeBSD); Linux has the per-call MSG_NOSIGNAL instead. */
#ifdef MSG_NOSIGNAL
#define NF_SEND_FLAGS MSG_NOSIGNAL
#else
#define NF_SEND_FLAGS 0
#endif

/* --- helpers for repro bodies (src/regress/sock.c) --- */

/* Append to r->note (printf-style; silently truncated at the buffer end). */
void nf_note(struct nf_rctx *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* nf_note() then return value: `return nf_fail(r, "...")`. */
int nf_fail(struct nf_rctx *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Receive timeout for every blocking socket a repro opens (milliseconds). */
#define NF_REPRO_RECV_MS 300

/* socket(2) with SO_RCVTIMEO = NF_REPRO_RECV_MS; -1 with a note on error. */
int nf_rs_socket(struct nf_rctx *r, int family, int type);
/* Bound port of a socket (host order), 0 on error. */
uint16_t nf_rs_port(int fd);
/* Set an int socket option; false with a note naming the option. */
bool nf_rs_setint(struct nf_rctx *r, int fd, int level, int opt, int val, const char *name);
/* Fill sockaddrs: IPv4 "a.b.c.d", IPv6 text (including ::ffff:a.b.c.d). */
void nf_rs_sin(void *sa, const char *addr, uint16_t port);
void nf_rs_sin6(void *sa, const char *addr, uint16_t port);
/* Run a command (argv, NULL-terminated) with a 5 s bound; true if it exited
 * 0.  Output goes to stderr.  Used for `ip link add ...` set-up. */
bool nf_rs_cmd(struct nf_rctx *r, const char *const argv[]);
/* The same with `input` written to the command's stdin (NULL: none). */
bool nf_rs_cmd_input(struct nf_rctx *r, const char *const argv[], const char *input);

#endif
