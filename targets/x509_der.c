/* Fuzz target: d2i_X509 on the input, then the model, the whole policy
 * evaluation (public trust, so CT and validity rules run) with an empty
 * in-memory trust store, and both printers. */
#include "netfuzz/cert.h"
#include "netfuzz/der.h"
#include "netfuzz/oracle.h"
#include "netfuzz/target.h"

#include "cert_sink.h"

#include <openssl/err.h>

NF_META(x509_der, mutator, "structure")
NF_META(x509_der, oracles, "cert")
NF_META(x509_der, libraries, "openssl,jansson")

NF_RECORD(x509_der)
{
	return nf_target_der_record(data, size);
}

NF_TARGET(x509_der, "cert", "d2i_X509 + nf_cert_evaluate")
{
	static struct nf_cert_chain ch;
	struct nf_cert_chain none = {0};
	struct nf_trust_store ts = {0};
	const unsigned char *p = data;
	char err[64];
	X509 *x;

	x = d2i_X509(NULL, &p, (long)size);
	if (x) {
		nf_oracle_cert(x, data, (size_t)(p - data));
		ch.n = 1;
		ch.cert[0] = x;
		if (nf_trust_store_from_chain(&ts, &none, err, sizeof err))
			nf_target_cert_sink(&ch, &ts, NF_TRUST_PUBLIC);
		nf_trust_store_free(&ts);
		nf_cert_chain_free(&ch);
	}
	ERR_clear_error();
	return 0;
}
