/* Loading certificates: DER, PEM (one or a bundle), PKCS#12 and TLS
 * Certificate handshake messages.  The certificates themselves are parsed
 * by OpenSSL; the TLS framing is parsed here with the cursor.  Failures are
 * one sentence naming the input and the certificate index, with OpenSSL's
 * error queue translated to its reason string. */
#include "netfuzz/cert.h"
#include "netfuzz/structure.h"

#include <limits.h>
#include <stdio.h>
#include <strings.h>
#include <string.h>

#include <openssl/asn1.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/pkcs7.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>

/* ------------------------------------------------------- TLS Certificate */

const char *nf_tls_cert_strerror(enum nf_tls_cert_err e)
{
	switch (e) {
	case NF_TLSCERT_OK: return "ok";
	case NF_TLSCERT_TRUNCATED: return "a length field runs past the end of the message";
	case NF_TLSCERT_TRAILING: return "bytes left after the certificate list";
	case NF_TLSCERT_EMPTY_CERT: return "zero-length certificate (ASN.1Cert is <1..2^24-1>)";
	case NF_TLSCERT_TOO_MANY: return "more certificates than netfuzz keeps (NF_MAX_CERTS)";
	}
	return "unknown error";
}

/* RFC 5246 7.4.2: certificate_list<0..2^24-1> of ASN.1Cert<1..2^24-1>.
 * RFC 8446 4.4.2: certificate_request_context<0..2^8-1>, then a list of
 * CertificateEntry { cert_data<1..2^24-1>; extensions<0..2^16-1> }. */
static enum nf_tls_cert_err parse_list(struct nf_cur body, bool tls13, struct nf_tls_cert_msg *m, size_t *off)
{
	struct nf_cur ctx, list;

	m->n = 0;
	*off = nf_cur_offset(&body);
	if ((tls13 && !nf_cur_get_u8_prefixed(&body, &ctx)) || !nf_cur_get_u24be_prefixed(&body, &list))
		return NF_TLSCERT_TRUNCATED;
	if (!nf_cur_empty(&body)) {
		*off = nf_cur_offset(&body);
		return NF_TLSCERT_TRAILING;
	}
	while (!nf_cur_empty(&list)) {
		struct nf_cur der, ext = {0};

		*off = nf_cur_offset(&list);
		if (m->n == NF_MAX_CERTS)
			return NF_TLSCERT_TOO_MANY;
		if (!nf_cur_get_u24be_prefixed(&list, &der))
			return NF_TLSCERT_TRUNCATED;
		if (nf_cur_empty(&der))
			return NF_TLSCERT_EMPTY_CERT;
		if (tls13 && !nf_cur_get_u16be_prefixed(&list, &ext))
			return NF_TLSCERT_TRUNCATED;
		m->entry[m->n].der = der;
		m->entry[m->n].ext_len = nf_cur_len(&ext);
		m->n++;
	}
	m->tls13 = tls13;
	return NF_TLSCERT_OK;
}

enum nf_tls_cert_err nf_tls_cert_msg_parse(struct nf_cur *c, struct nf_tls_cert_msg *m, size_t *err_off)
{
	struct nf_cur in = *c, body;
	uint8_t type;
	uint32_t hlen;
	enum nf_tls_cert_err e12, e13;
	size_t off12 = 0, off13 = 0;

	*err_off = nf_cur_offset(c);
	m->n = 0;
	m->has_header = false;
	body = in;
	/* Handshake header (RFC 8446 4): msg_type 11, uint24 length.  A bare
	 * body starts with a uint24 list length (1.2) or a context length
	 * (1.3); a first byte of 11 there would mean a list of >= 720 KiB or
	 * an 11-byte context, so 11 is taken as the header. */
	if (nf_cur_peek_u8(&in, &type) && type == 11) {
		struct nf_cur t = in;

		if (!nf_cur_skip(&t, 1) || !nf_cur_get_u24be(&t, &hlen)) {
			*err_off = nf_cur_offset(&in);
			return NF_TLSCERT_TRUNCATED;
		}
		if (!nf_cur_get_bytes(&t, &body, hlen)) {
			*err_off = nf_cur_offset(&in) + 1;
			return NF_TLSCERT_TRUNCATED;
		}
		/* Structure (mutator): the handshake length is the body's. */
		nf_rec_len(nf_cur_offset(&in) + 1, 3, false, 0, nf_rec_span(nf_cur_offset(&body), hlen, NF_REC_NONE));
		if (!nf_cur_empty(&t)) {
			*err_off = nf_cur_offset(&t);
			return NF_TLSCERT_TRAILING;
		}
		m->has_header = true;
	}
	/* The two formats are told apart by which one frames the bytes exactly;
	 * RFC 5246 is tried first (a 1.3 message with an empty context has
	 * a leading zero byte that 1.2 would read as part of its length). */
	e12 = parse_list(body, false, m, &off12);
	if (e12 == NF_TLSCERT_OK) {
		nf_cur_skip(c, nf_cur_len(c)); /* all consumed */
		return NF_TLSCERT_OK;
	}
	e13 = parse_list(body, true, m, &off13);
	if (e13 == NF_TLSCERT_OK) {
		nf_cur_skip(c, nf_cur_len(c));
		return NF_TLSCERT_OK;
	}
	/* Report the parse that got further. */
	m->n = 0;
	if (off13 > off12) {
		*err_off = off13;
		return e13;
	}
	*err_off = off12;
	return e12;
}

/* ------------------------------------------------------- OpenSSL errors */

/* Plain words for the OpenSSL reasons bad certificate files usually hit. */
static const struct {
	int lib, reason;
	const char *words;
} plain[] = {
	{ERR_LIB_ASN1, ASN1_R_TOO_LONG, "a length runs past the end of the data (truncated, or not DER)"},
	{ERR_LIB_ASN1, ASN1_R_HEADER_TOO_LONG, "the data ends inside an ASN.1 header (truncated)"},
	{ERR_LIB_ASN1, ASN1_R_WRONG_TAG, "an ASN.1 field has an unexpected tag"},
	{ERR_LIB_ASN1, ASN1_R_NOT_ENOUGH_DATA, "an ASN.1 field is shorter than its length says"},
	{ERR_LIB_ASN1, ASN1_R_ILLEGAL_PADDING, "an ASN.1 INTEGER has illegal padding (not DER)"},
	{ERR_LIB_PEM, PEM_R_BAD_BASE64_DECODE, "the base64 text does not decode"},
	{ERR_LIB_PEM, PEM_R_BAD_END_LINE, "the -----END line is missing or wrong"},
	{ERR_LIB_PEM, PEM_R_SHORT_HEADER, "the PEM header is cut short"},
	{ERR_LIB_PKCS12, PKCS12_R_MAC_VERIFY_FAILURE, "the integrity MAC does not match this password"},
	{ERR_LIB_PKCS12, PKCS12_R_PKCS12_CIPHERFINAL_ERROR, "decryption failed (wrong password or corrupt data)"},
	{ERR_LIB_PKCS12, PKCS12_R_DECODE_ERROR, "an encrypted bag does not decode"},
	{ERR_LIB_EVP, EVP_R_UNSUPPORTED_ALGORITHM, "it uses an algorithm this OpenSSL does not support (legacy RC2/RC4 needs the legacy provider)"},
};

/* Drain OpenSSL's error queue into a clause: plain words for the deepest
 * (first queued) error when we know it, then OpenSSL's own reason strings
 * and library, so nothing is lost. */
static void openssl_reason(char *buf, size_t len)
{
	unsigned long e, first = 0, last = 0;
	const char *words = NULL;

	while ((e = ERR_get_error()) != 0) {
		if (!first)
			first = e;
		last = e;
	}
	if (!first) {
		snprintf(buf, len, "no detail from OpenSSL");
		return;
	}
	for (size_t i = 0; i < sizeof plain / sizeof plain[0] && !words; i++)
		if (ERR_GET_LIB(first) == plain[i].lib && ERR_GET_REASON(first) == plain[i].reason)
			words = plain[i].words;
	const char *r1 = ERR_reason_error_string(first), *l1 = ERR_lib_error_string(first);
	const char *r2 = ERR_reason_error_string(last);
	char os[160];

	if (last != first && r2 && r1 && strcmp(r1, r2))
		snprintf(os, sizeof os, "OpenSSL: %s, then %s, in %s", r1, r2, l1 ? l1 : "libcrypto");
	else
		snprintf(os, sizeof os, "OpenSSL: %s, in %s", r1 ? r1 : "unknown reason", l1 ? l1 : "libcrypto");
	if (words)
		snprintf(buf, len, "%s (%s)", words, os);
	else
		snprintf(buf, len, "%s", os);
}

static bool add_cert(struct nf_cert_chain *ch, X509 *x, const char *name, size_t idx,
		     char *err, size_t errlen)
{
	if (ch->n == NF_MAX_CERTS) {
		snprintf(err, errlen, "%s: certificate %zu: more than %d certificates in one chain", name,
			 idx, NF_MAX_CERTS);
		X509_free(x);
		return false;
	}
	ch->cert[ch->n] = x;
	snprintf(ch->origin[ch->n], sizeof ch->origin[0], "%.38s #%zu", name, idx);
	ch->n++;
	return true;
}

/* One DER certificate that must fill exactly `len` bytes. */
static bool load_der(struct nf_cert_chain *ch, const uint8_t *p, size_t len, const char *name,
		     size_t idx, char *err, size_t errlen)
{
	const unsigned char *q = p;
	char why[200];
	X509 *x;

	if (len > (size_t)LONG_MAX) {
		snprintf(err, errlen, "%s: certificate %zu: too large", name, idx);
		return false;
	}
	x = d2i_X509(NULL, &q, (long)len);
	if (!x) {
		openssl_reason(why, sizeof why);
		snprintf(err, errlen, "%s: certificate %zu: not a DER X.509 certificate: %s", name, idx,
			 why);
		return false;
	}
	if ((size_t)(q - p) != len) {
		snprintf(err, errlen,
			 "%s: certificate %zu: %zu bytes after the end of the DER certificate (%zu bytes)",
			 name, idx, len - (size_t)(q - p), (size_t)(q - p));
		X509_free(x);
		return false;
	}
	return add_cert(ch, x, name, idx, err, errlen);
}

/* PEM: every "CERTIFICATE" block in order (RFC 7468 5.1); other blocks such
 * as private keys are skipped and not kept. */
static bool load_pem(struct nf_cert_chain *ch, const uint8_t *p, size_t len, const char *name,
		     char *err, size_t errlen)
{
	BIO *b = BIO_new_mem_buf(p, (int)len);
	size_t idx = 0;
	bool ok = true;

	if (!b) {
		snprintf(err, errlen, "%s: out of memory", name);
		return false;
	}
	for (;;) {
		char *pname = NULL, *hdr = NULL;
		unsigned char *der = NULL;
		long dlen = 0;
		char why[200];

		ERR_clear_error();
		if (!PEM_read_bio(b, &pname, &hdr, &der, &dlen)) {
			unsigned long e = ERR_peek_last_error();

			if (ERR_GET_REASON(e) == PEM_R_NO_START_LINE && idx > 0) {
				ERR_clear_error();
				break; /* clean end after at least one block */
			}
			openssl_reason(why, sizeof why);
			if (idx == 0 && ERR_GET_REASON(e) == PEM_R_NO_START_LINE)
				snprintf(err, errlen, "%s: certificate 0: no PEM block found (%s)", name, why);
			else
				snprintf(err, errlen, "%s: certificate %zu: bad PEM block: %s", name, idx, why);
			ok = false;
			break;
		}
		if (!strcmp(pname, PEM_STRING_X509) || !strcmp(pname, PEM_STRING_X509_OLD) ||
		    !strcmp(pname, PEM_STRING_X509_TRUSTED)) {
			if (!strcmp(pname, PEM_STRING_X509_TRUSTED)) {
				/* TRUSTED CERTIFICATE: the DER certificate followed by
				 * trust settings; take the certificate only. */
				const unsigned char *q = der;
				X509 *x = d2i_X509(NULL, &q, dlen);

				if (!x) {
					openssl_reason(why, sizeof why);
					snprintf(err, errlen, "%s: certificate %zu: bad TRUSTED CERTIFICATE: %s",
						 name, idx, why);
					ok = false;
				} else {
					ok = add_cert(ch, x, name, idx, err, errlen);
				}
			} else {
				ok = load_der(ch, der, (size_t)dlen, name, idx, err, errlen);
			}
			idx++;
		}
		OPENSSL_free(pname);
		OPENSSL_free(hdr);
		OPENSSL_free(der);
		if (!ok)
			break;
	}
	BIO_free(b);
	if (ok && idx == 0) {
		snprintf(err, errlen, "%s: certificate 0: PEM file holds no CERTIFICATE block", name);
		ok = false;
	}
	return ok;
}

/* PKCS#12 (RFC 7292) work bound.  Every password-based step (the MAC,
 * each encrypted SafeContents, each shrouded key) runs a KDF whose
 * iteration count the file chooses; a hostile file could ask for 2^31
 * iterations.  Before PKCS12_parse we add them up (decrypting safes to see
 * the keys inside) and refuse a file above max_work.  scrypt (RFC 7914) and
 * unknown KDFs are refused: their cost is not an iteration count. */
#define P12_REFUSE UINT64_MAX

static uint64_t kdf_cost(const X509_ALGOR *alg)
{
	int nid = OBJ_obj2nid(alg->algorithm);
	uint64_t cost = P12_REFUSE;

	if (nid == NID_pbes2) { /* RFC 8018 A.4: PBES2-params { keyDerivationFunc, encryptionScheme } */
		PBE2PARAM *p2 = ASN1_TYPE_unpack_sequence(ASN1_ITEM_rptr(PBE2PARAM), alg->parameter);

		if (p2 && p2->keyfunc && OBJ_obj2nid(p2->keyfunc->algorithm) == NID_id_pbkdf2) {
			PBKDF2PARAM *k = ASN1_TYPE_unpack_sequence(ASN1_ITEM_rptr(PBKDF2PARAM), p2->keyfunc->parameter);
			long it = k ? ASN1_INTEGER_get(k->iter) : -1;

			cost = it >= 0 ? (uint64_t)it : P12_REFUSE;
			PBKDF2PARAM_free(k);
		} else if (!p2) {
			cost = 0; /* undecodable: decryption fails before any KDF */
		}
		PBE2PARAM_free(p2);
	} else if (EVP_PBE_find(EVP_PBE_TYPE_OUTER, nid, NULL, NULL, NULL)) {
		/* PKCS#12 / PKCS#5 v1 PBE: PBEParameter { salt, iterationCount } */
		PBEPARAM *pp = ASN1_TYPE_unpack_sequence(ASN1_ITEM_rptr(PBEPARAM), alg->parameter);
		long it = pp ? ASN1_INTEGER_get(pp->iter) : 0;

		cost = it >= 0 ? (uint64_t)it : P12_REFUSE;
		PBEPARAM_free(pp);
	} else {
		cost = 0; /* not password-based: OpenSSL rejects it without work */
	}
	ERR_clear_error();
	return cost;
}

static void add_cost(uint64_t *work, uint64_t c)
{
	*work = (c == P12_REFUSE || *work > UINT64_MAX - c) ? P12_REFUSE : *work + c;
}

static void bags_cost(const STACK_OF(PKCS12_SAFEBAG) *bags, int depth, uint64_t *work)
{
	for (int i = 0; i < sk_PKCS12_SAFEBAG_num(bags) && *work != P12_REFUSE; i++) {
		const PKCS12_SAFEBAG *bag = sk_PKCS12_SAFEBAG_value(bags, i);
		int nid = PKCS12_SAFEBAG_get_nid(bag);

		if (nid == NID_pkcs8ShroudedKeyBag) {
			const X509_ALGOR *alg = NULL;
			const X509_SIG *sig = PKCS12_SAFEBAG_get0_pkcs8(bag);

			if (sig) {
				X509_SIG_get0(sig, &alg, NULL);
				if (alg)
					add_cost(work, kdf_cost(alg));
			}
		} else if (nid == NID_safeContentsBag) {
			if (depth >= NF_MAX_P12_NEST)
				*work = P12_REFUSE;
			else
				bags_cost(PKCS12_SAFEBAG_get0_safes(bag), depth + 1, work);
		}
	}
}

/* Stops as soon as the total passes max_work: counting a safe's keys means
 * decrypting the safe, which must not itself run an unbounded KDF (a 10 s
 * smoke run found a safe asking for 2^20 PBKDF2 iterations: 7 s under ASan,
 * 41 s with the instrumented OpenSSL, before this check came first). */
static uint64_t p12_work(PKCS12 *p12, const char *pass, uint64_t max_work)
{
	const ASN1_INTEGER *iter = NULL;
	STACK_OF(PKCS7) *safes;
	uint64_t work = 0;
	bool empty = !pass || !*pass;

	PKCS12_get0_mac(NULL, NULL, NULL, &iter, p12);
	if (iter) {
		long it = ASN1_INTEGER_get(iter);

		/* An empty password is tried twice (NULL and ""). */
		add_cost(&work, it >= 0 ? (uint64_t)it * (empty ? 2 : 1) : P12_REFUSE);
	}
	if (work > max_work)
		return work;
	safes = PKCS12_unpack_authsafes(p12);
	for (int i = 0; i < sk_PKCS7_num(safes) && work <= max_work; i++) {
		PKCS7 *p7 = sk_PKCS7_value(safes, i);
		STACK_OF(PKCS12_SAFEBAG) *bags = NULL;
		int nid = OBJ_obj2nid(p7->type);

		if (nid == NID_pkcs7_data) {
			bags = PKCS12_unpack_p7data(p7);
		} else if (nid == NID_pkcs7_encrypted && p7->d.encrypted && p7->d.encrypted->enc_data &&
			   p7->d.encrypted->enc_data->algorithm) {
			uint64_t c = kdf_cost(p7->d.encrypted->enc_data->algorithm);

			/* Counted for our decryption here and PKCS12_parse's. */
			add_cost(&work, c);
			add_cost(&work, c);
			if (empty && work != P12_REFUSE) {
				add_cost(&work, c);
				add_cost(&work, c);
			}
			if (work > max_work)
				break;
			bags = PKCS12_unpack_p7encdata(p7, empty ? "" : pass, -1);
			if (!bags && empty)
				bags = PKCS12_unpack_p7encdata(p7, NULL, 0);
		}
		bags_cost(bags, 0, &work);
		sk_PKCS12_SAFEBAG_pop_free(bags, PKCS12_SAFEBAG_free);
	}
	sk_PKCS7_pop_free(safes, PKCS7_free);
	ERR_clear_error();
	return work;
}

bool nf_cert_load_p12(struct nf_cert_chain *ch, const uint8_t *p, size_t len, const char *name,
		      const char *password, uint64_t max_work, char *err, size_t errlen)
{
	const unsigned char *q = p;
	PKCS12 *p12;
	EVP_PKEY *key = NULL;
	X509 *cert = NULL;
	STACK_OF(X509) *ca = NULL;
	char why[200];
	bool ok = true;
	size_t idx = 0;
	uint64_t work;

	if (len > INT_MAX) {
		snprintf(err, errlen, "%s: input too large", name);
		return false;
	}
	p12 = d2i_PKCS12(NULL, &q, (long)len);
	if (!p12) {
		openssl_reason(why, sizeof why);
		snprintf(err, errlen, "%s: certificate 0: not a PKCS#12 file: %s", name, why);
		return false;
	}
	work = p12_work(p12, password, max_work);
	if (work > max_work) {
		if (work == P12_REFUSE)
			snprintf(err, errlen, "%s: certificate 0: PKCS#12 uses a key derivation netfuzz does not run (scrypt, unknown, or a negative count)",
				 name);
		else
			snprintf(err, errlen, "%s: certificate 0: PKCS#12 asks for at least %llu KDF iterations in total, more than the %llu allowed",
				 name, (unsigned long long)work, (unsigned long long)max_work);
		PKCS12_free(p12);
		return false;
	}
	/* PKCS12_parse tries NULL and "" itself when the password is empty. */
	if (!PKCS12_parse(p12, password ? password : "", &key, &cert, &ca)) {
		unsigned long e = ERR_peek_last_error();

		openssl_reason(why, sizeof why);
		if (ERR_GET_REASON(e) == PKCS12_R_MAC_VERIFY_FAILURE)
			snprintf(err, errlen, "%s: certificate 0: PKCS#12 MAC check failed, wrong or missing --password: %s",
				 name, why);
		else
			snprintf(err, errlen, "%s: certificate 0: cannot open PKCS#12: %s", name, why);
		PKCS12_free(p12);
		return false;
	}
	EVP_PKEY_free(key); /* the private key is never kept */
	if (cert) {
		ok = add_cert(ch, cert, name, idx++, err, errlen);
		cert = NULL;
	}
	for (int i = 0; ok && i < sk_X509_num(ca); i++) {
		X509 *x = sk_X509_value(ca, i);

		X509_up_ref(x);
		ok = add_cert(ch, x, name, idx++, err, errlen);
	}
	sk_X509_pop_free(ca, X509_free);
	PKCS12_free(p12);
	if (ok && idx == 0) {
		snprintf(err, errlen, "%s: certificate 0: PKCS#12 file holds no certificate", name);
		ok = false;
	}
	ERR_clear_error();
	return ok;
}

static bool load_tls(struct nf_cert_chain *ch, const uint8_t *p, size_t len, const char *name,
		     char *err, size_t errlen)
{
	static struct nf_tls_cert_msg m; /* ~1.5 KiB; reset by the parser */
	struct nf_cur c;
	size_t off;
	enum nf_tls_cert_err e;

	nf_cur_init(&c, p, len);
	e = nf_tls_cert_msg_parse(&c, &m, &off);
	if (e != NF_TLSCERT_OK) {
		snprintf(err, errlen, "%s: TLS Certificate message: at offset %zu: %s", name, off,
			 nf_tls_cert_strerror(e));
		return false;
	}
	for (size_t i = 0; i < m.n; i++) {
		char sub[96];

		snprintf(sub, sizeof sub, "%s (TLS%s entry at offset %zu)", name, m.tls13 ? " 1.3" : " 1.2",
			 nf_cur_offset(&m.entry[i].der));
		if (!load_der(ch, nf_cur_data(&m.entry[i].der), nf_cur_len(&m.entry[i].der), sub, i, err,
			      errlen))
			return false;
	}
	if (m.n == 0) {
		snprintf(err, errlen, "%s: TLS Certificate message holds no certificate", name);
		return false;
	}
	return true;
}

/* PEM if "-----BEGIN " (RFC 7468 2) occurs in the first 4 KiB: comments
 * and "Bag Attributes" text may precede the first block. */
static bool looks_pem(const uint8_t *data, size_t len)
{
	struct nf_cur c;
	size_t at;

	nf_cur_init(&c, data, len);
	nf_cur_truncate(&c, len < 4096 ? len : 4096);
	return nf_cur_find(&c, "-----BEGIN ", 11, &at);
}

bool nf_cert_load_mem(struct nf_cert_chain *chain, const uint8_t *data, size_t len,
		      enum nf_cert_format fmt, const char *name, const char *password,
		      char *err, size_t errlen)
{
	bool ok;

	ERR_clear_error();
	if (len == 0) {
		snprintf(err, errlen, "%s: certificate 0: empty input", name);
		return false;
	}
	if (len > INT_MAX) {
		snprintf(err, errlen, "%s: input too large", name);
		return false;
	}
	if (fmt == NF_CERT_AUTO) {
		size_t nl = strlen(name);
		uint8_t first;
		struct nf_cur c;

		nf_cur_init(&c, data, len);
		nf_cur_peek_u8(&c, &first);
		if (looks_pem(data, len))
			fmt = NF_CERT_PEM;
		else if ((nl > 4 && (!strcasecmp(name + nl - 4, ".p12") || !strcasecmp(name + nl - 4, ".pfx"))))
			fmt = NF_CERT_PKCS12;
		else if (first == 11 || first == 0)
			fmt = NF_CERT_TLS_MSG; /* handshake type 11, or a bare list */
		else
			fmt = NF_CERT_DER;
		/* A DER SEQUENCE that is not a certificate may be PKCS#12. */
		if (fmt == NF_CERT_DER) {
			const unsigned char *q = data;
			X509 *x = d2i_X509(NULL, &q, (long)len);

			if (!x) {
				const unsigned char *r = data;
				PKCS12 *p12 = d2i_PKCS12(NULL, &r, (long)len);

				if (p12)
					fmt = NF_CERT_PKCS12;
				PKCS12_free(p12);
			}
			X509_free(x);
			ERR_clear_error();
		}
	}
	switch (fmt) {
	case NF_CERT_PEM: ok = load_pem(chain, data, len, name, err, errlen); break;
	case NF_CERT_PKCS12: ok = nf_cert_load_p12(chain, data, len, name, password, NF_MAX_P12_WORK, err, errlen); break;
	case NF_CERT_TLS_MSG: ok = load_tls(chain, data, len, name, err, errlen); break;
	default: ok = load_der(chain, data, len, name, 0, err, errlen); break;
	}
	ERR_clear_error();
	return ok;
}

void nf_cert_chain_free(struct nf_cert_chain *chain)
{
	for (size_t i = 0; i < chain->n; i++)
		X509_free(chain->cert[i]);
	chain->n = 0;
}
