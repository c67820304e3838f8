/* Fuzz target: a PEM bundle through the loader, then chain order checks,
 * building and verification at a fixed time with an in-memory store made
 * of the bundle's own self-signed certificates, the rules and printers. */
#include "netfuzz/cert.h"
#include "netfuzz/target.h"

#include "cert_sink.h"

NF_META(cert_chain_pem, libraries, "openssl,jansson")

NF_TARGET(cert_chain_pem, "cert", "nf_cert_load_mem(PEM) + X509_verify_cert")
{
	static struct nf_cert_chain ch;
	char err[512];

	ch.n = 0;
	/* Loaded certificates stay usable even if a later block is bad. */
	nf_cert_load_mem(&ch, data, size, NF_CERT_PEM, "fuzz.pem", NULL, err, sizeof err);
	nf_target_cert_chain_eval(&ch, NF_TRUST_AUTO);
	nf_cert_chain_free(&ch);
	return 0;
}
