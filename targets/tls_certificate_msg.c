/* Fuzz target: a TLS Certificate handshake message (RFC 5246 7.4.2 or
 * RFC 8446 4.4.2, header optional) through the cursor parser, then each
 * certificate through OpenSSL and the chain through the rules. */
#include "netfuzz/cert.h"
#include "netfuzz/target.h"

#include "cert_sink.h"

NF_META(tls_certificate_msg, mutator, "structure")
NF_META(tls_certificate_msg, libraries, "openssl,jansson")

NF_TARGET(tls_certificate_msg, "cert", "nf_tls_cert_msg_parse + d2i_X509 per entry")
{
	static struct nf_cert_chain ch;
	char err[512];

	ch.n = 0;
	nf_cert_load_mem(&ch, data, size, NF_CERT_TLS_MSG, "fuzz.tls", NULL, err, sizeof err);
	nf_target_cert_chain_eval(&ch, NF_TRUST_PUBLIC);
	nf_cert_chain_free(&ch);
	return 0;
}
