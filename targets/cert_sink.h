/* Shared by the certificate targets: evaluate a loaded chain with fixed
 * options (time 2026-06-01, host, an ECDHE_RSA suite, no system store) and
 * run both printers into a discarding buffer. */
#ifndef NETFUZZ_TARGETS_CERT_SINK_H
#define NETFUZZ_TARGETS_CERT_SINK_H

#include "netfuzz/cert.h"
#include "netfuzz/der.h"
#include "netfuzz/out.h"

#include <string.h>

#define NF_FUZZ_CERT_TIME 1780272000LL /* 2026-06-01T00:00:00Z */

/* The NF_RECORD body of a target whose bytes OpenSSL parses: OpenSSL
 * records no structure, our DER walker (src/cert/der.c) does. */
static inline int nf_target_der_record(const uint8_t *data, size_t size)
{
	struct nf_cur c;
	size_t at;

	nf_cur_init(&c, data, size);
	(void)nf_der_walk(&c, &at);
	return 0;
}

/* Evaluate `ch` against `ts` (may be NULL: chain rules N/A) and print. */
static inline void nf_target_cert_sink(const struct nf_cert_chain *ch, const struct nf_trust_store *ts,
				       enum nf_trust trust)
{
	static struct nf_cert_report rp; /* ~300 KiB; reset by nf_cert_evaluate */
	static struct nf_out o;
	struct nf_cert_opts opts = {.host = "www.example.test", .at = NF_FUZZ_CERT_TIME, .trust = trust};

	if (ch->n == 0)
		return;
	opts.cipher.known = true;
	opts.cipher.signed_kx = true;
	strcpy(opts.cipher.openssl_name, "ECDHE-RSA-AES128-GCM-SHA256");
	strcpy(opts.cipher.iana_name, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
	nf_cert_evaluate(ch, ts, &opts, &rp);
	nf_out_init(&o, -1);
	nf_cert_print_text(&o, "fuzz", &rp, NULL);
	nf_cert_print_json(&o, "fuzz", &rp, NULL);
	o.n = 0;
	nf_cert_report_free(&rp);
}

/* Private anchors: the self-signed certificates of the input itself, so
 * well-formed seeds verify all the way and the success path is fuzzed. */
static inline void nf_target_cert_chain_eval(const struct nf_cert_chain *ch, enum nf_trust trust)
{
	static struct nf_cert_chain roots;
	struct nf_trust_store ts = {0};
	char err[256];

	roots.n = 0;
	for (size_t i = 0; i < ch->n; i++)
		if (X509_self_signed(ch->cert[i], 0) == 1) {
			roots.cert[roots.n++] = ch->cert[i]; /* borrowed, not freed here */
		}
	if (nf_trust_store_from_chain(&ts, &roots, err, sizeof err))
		nf_target_cert_sink(ch, &ts, trust);
	nf_trust_store_free(&ts);
	roots.n = 0;
}

#endif
