/* Fuzz target: d2i_PKCS12 + PKCS12_parse with the empty password and with
 * a fixed one ("netfuzz"), KDF work bounded by NF_FUZZ_P12_WORK, then the
 * policy over the identity certificate and its CA bag.  (MDM delivers VPN
 * client identities this way: com.apple.security.pkcs12 payloads.) */
#include "netfuzz/cert.h"
#include "netfuzz/der.h"
#include "netfuzz/target.h"

#include "cert_sink.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>

NF_META(pkcs12, mutator, "structure")
NF_META(pkcs12, libraries, "openssl,jansson")

/* OpenSSL 3 builds an algorithm's method the first time it is fetched and
 * keeps it in a global store.  Without this, the first input that reaches a
 * new cipher or KDF looks like a leak to libFuzzer's per-input check, which
 * then switches itself off.  Fetch everything the default provider offers
 * once, before the first input. */
static void cb_cipher(EVP_CIPHER *c, void *arg) { (void)c; (void)arg; }
static void cb_md(EVP_MD *m, void *arg) { (void)m; (void)arg; }
static void cb_kdf(EVP_KDF *k, void *arg) { (void)k; (void)arg; }
static void cb_mac(EVP_MAC *m, void *arg) { (void)m; (void)arg; }

static void warm_openssl(void)
{
	static bool done;

	if (done)
		return;
	done = true;
	EVP_CIPHER_do_all_provided(NULL, cb_cipher, NULL);
	EVP_MD_do_all_provided(NULL, cb_md, NULL);
	EVP_KDF_do_all_provided(NULL, cb_kdf, NULL);
	EVP_MAC_do_all_provided(NULL, cb_mac, NULL);
}

NF_RECORD(pkcs12)
{
	return nf_target_der_record(data, size);
}

NF_TARGET(pkcs12, "cert", "d2i_PKCS12 + PKCS12_parse")
{
	static struct nf_cert_chain ch;
	static const char *const pw[] = {"", "netfuzz"};
	char err[512];

	warm_openssl();
	for (size_t i = 0; i < sizeof pw / sizeof pw[0]; i++) {
		ch.n = 0;
		if (nf_cert_load_p12(&ch, data, size, "fuzz.p12", pw[i], NF_FUZZ_P12_WORK, err, sizeof err))
			nf_target_cert_chain_eval(&ch, NF_TRUST_PRIVATE);
		nf_cert_chain_free(&ch);
	}
	/* OpenSSL 3 keeps the text buffers of raised errors (e.g. "Algorithm
	 * (X : 0)" from a failed fetch) in the thread's error ring for reuse;
	 * ERR_clear_error does not free them.  Releasing the thread state here
	 * keeps allocations balanced per input. */
	OPENSSL_thread_stop();
	return 0;
}
