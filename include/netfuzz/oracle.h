/* In-loop differential oracles (issue 14).
 *
 * A fuzz target hands its model to an oracle, which compares it with an
 * independent implementation on the same bytes: frames with libpcap's BPF,
 * certificates with OpenSSL's accessors, route tables with their own
 * encoder and a naive longest-prefix scan.  Sanitizers find crashes; an
 * oracle finds a parser that silently reads the wrong thing.  On a
 * disagreement the oracle prints both sides to stderr and executes
 * __builtin_trap() in its own function, so the finding is a crash with its
 * own crash state, triaged and filed like any other.
 *
 * Known semantic differences between the two sides are excused by named
 * rules (docs/oracles.md), never by example.
 *
 * Environment:
 *   NF_ORACLE=0             every oracle off (to measure their cost in exec/s)
 *   NF_ORACLE_CORRUPT=NAME  test hook for make check: the oracle NAME (frame,
 *                           cert, route-lookup, route-roundtrip) corrupts one
 *                           model value before comparing, which must trap. */
#ifndef NETFUZZ_ORACLE_H
#define NETFUZZ_ORACLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct nf_packet;
struct nf_cert_info;
struct nf_rtable;
typedef struct x509_st X509;

enum nf_oracle_id {
	NF_ORACLE_FRAME, NF_ORACLE_CERT, NF_ORACLE_ROUTE_LOOKUP, NF_ORACLE_ROUTE_ROUNDTRIP, NF_ORACLE_COUNT
};

/* True when oracles run (NF_ORACLE is not "0"); read once per process. */
bool nf_oracle_enabled(void);
/* True when NF_ORACLE_CORRUPT names this oracle (test hook). */
bool nf_oracle_corrupt(enum nf_oracle_id id);

/* Frames vs libpcap BPF: 12 fixed filters, compiled once per process and
 * link type, evaluated with pcap_offline_filter on the packet's captured
 * bytes and compared with what the layer list says.  Link types with a
 * type field BPF and our dissector read alike: Ethernet, Linux SLL and
 * SLL2, raw IP; others are not compared. */
void nf_oracle_frame(const struct nf_packet *pkt, const uint8_t *data);

/* Certificates vs OpenSSL: our model of `x` (parsed from `der`, `len`)
 * against X509_* accessors and a cursor reading of the DER, and host
 * matching against X509_check_host for hosts derived from the
 * certificate. */
void nf_oracle_cert(X509 *x, const uint8_t *der, size_t len);

/* Routes: `t` was decoded from bytes in format `fmt` (enum nf_rt_format).
 * Lookups must agree with a naive linear longest-prefix scan; `t2` (may be
 * NULL) is the same table encoded and decoded again and must be equal. */
void nf_oracle_route_lookup(const struct nf_rtable *t);
void nf_oracle_route_roundtrip(const struct nf_rtable *t, const struct nf_rtable *t2);

#endif
