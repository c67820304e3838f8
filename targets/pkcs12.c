/* Fuzz target: d2i_PKCS12 + PKCS12_parse with the empty password and with
 * a fixed one ("netfuzz"), KDF work bounded by NF_FUZZ_P12_WORK, then the
 * policy over the identity certificate and its CA bag.  (MDM delivers VPN
 * client identities this way: com.apple.security.pkcs12 payloads.) */
#include "netfuzz/cert.h"
#include "netfuzz/target.h"

#include "cert_sink.h"

NF_TARGET(pkcs12, "cert", "d2i_PKCS12 + PKCS12_parse")
{
	static struct nf_cert_chain ch;
	static const char *const pw[] = {"", "netfuzz"};
	char err[512];

	for (size_t i = 0; i < sizeof pw / sizeof pw[0]; i++) {
		ch.n = 0;
		if (nf_cert_load_p12(&ch, data, size, "fuzz.p12", pw[i], NF_FUZZ_P12_WORK, err, sizeof err))
			nf_target_cert_chain_eval(&ch, NF_TRUST_PRIVATE);
		nf_cert_chain_free(&ch);
	}
	return 0;
}
