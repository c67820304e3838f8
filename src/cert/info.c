/* The certificate model: what the rules and printers need from one X509,
 * taken through OpenSSL's accessors (RFC 5280 4.1, 4.2), plus our own SCT
 * parser over the raw extension value. */
#include "netfuzz/cert.h"

#include <limits.h>
#include <string.h>

#include <openssl/bio.h>
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/x509v3.h>

static void name_str(const X509_NAME *n, char *buf, size_t len)
{
	BIO *b = BIO_new(BIO_s_mem());
	int k;

	buf[0] = 0;
	if (!b)
		return;
	/* RFC 2253 order and escaping, UTF-8 kept as is (printers escape). */
	if (X509_NAME_print_ex(b, n, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB) >= 0) {
		k = BIO_read(b, buf, (int)len - 1);
		buf[k > 0 ? k : 0] = 0;
	}
	BIO_free(b);
}

/* ASN1_TIME -> seconds since the epoch (RFC 5280 4.1.2.5). */
static bool asn1_time(const ASN1_TIME *t, int64_t *out)
{
	struct tm tm;
	int days = 0, secs = 0;
	ASN1_TIME *epoch;

	if (!t || !ASN1_TIME_to_tm(t, &tm))
		return false;
	/* Difference from the epoch avoids timegm and its 32-bit time_t. */
	epoch = ASN1_TIME_set(NULL, 0);
	if (!epoch)
		return false;
	if (!ASN1_TIME_diff(&days, &secs, epoch, t)) {
		ASN1_TIME_free(epoch);
		return false;
	}
	ASN1_TIME_free(epoch);
	*out = (int64_t)days * 86400 + secs;
	return true;
}

static void key_info(X509 *x, struct nf_cert_info *o)
{
	EVP_PKEY *k = X509_get0_pubkey(x);
	char group[40] = "";

	o->key_type = NF_KEY_NONE;
	if (!k) {
		snprintf(o->key_desc, sizeof o->key_desc, "unreadable public key");
		return;
	}
	o->key_bits = EVP_PKEY_get_bits(k);
	switch (EVP_PKEY_get_base_id(k)) {
	case EVP_PKEY_RSA:
	case EVP_PKEY_RSA_PSS: o->key_type = NF_KEY_RSA; break;
	case EVP_PKEY_EC: o->key_type = NF_KEY_EC; break;
	case EVP_PKEY_ED25519: o->key_type = NF_KEY_ED25519; break;
	case EVP_PKEY_ED448: o->key_type = NF_KEY_ED448; break;
	case EVP_PKEY_DSA: o->key_type = NF_KEY_DSA; break;
	default: o->key_type = NF_KEY_OTHER; break;
	}
	if (o->key_type == NF_KEY_EC &&
	    !EVP_PKEY_get_utf8_string_param(k, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group, NULL))
		snprintf(group, sizeof group, "explicit-curve");
	switch (o->key_type) {
	case NF_KEY_RSA: snprintf(o->key_desc, sizeof o->key_desc, "RSA %d bits", o->key_bits); break;
	case NF_KEY_EC: snprintf(o->key_desc, sizeof o->key_desc, "EC %s %d bits", group, o->key_bits); break;
	case NF_KEY_ED25519: snprintf(o->key_desc, sizeof o->key_desc, "Ed25519"); break;
	case NF_KEY_ED448: snprintf(o->key_desc, sizeof o->key_desc, "Ed448"); break;
	case NF_KEY_DSA: snprintf(o->key_desc, sizeof o->key_desc, "DSA %d bits", o->key_bits); break;
	default:
		snprintf(o->key_desc, sizeof o->key_desc, "%s %d bits",
			 OBJ_nid2sn(EVP_PKEY_get_base_id(k)), o->key_bits);
	}
}

static void sig_info(X509 *x, struct nf_cert_info *o)
{
	int md = NID_undef, pk = NID_undef, secbits = 0;
	uint32_t flags = 0;

	o->sig_nid = X509_get_signature_nid(x);
	snprintf(o->sig_name, sizeof o->sig_name, "%s",
		 o->sig_nid != NID_undef ? OBJ_nid2ln(o->sig_nid) : "unknown algorithm");
	/* X509_get_signature_info (OpenSSL 3.0) names the digest; EdDSA has
	 * none (NID_undef) and RSA-PSS reports its hash parameter. */
	if (X509_get_signature_info(x, &md, &pk, &secbits, &flags))
		o->sig_md_nid = md;
	else
		o->sig_md_nid = NID_undef;
	if (o->sig_md_nid != NID_undef)
		snprintf(o->sig_hash, sizeof o->sig_hash, "%s", OBJ_nid2sn(o->sig_md_nid));
	else if (o->sig_nid == NID_ED25519 || o->sig_nid == NID_ED448)
		snprintf(o->sig_hash, sizeof o->sig_hash, "intrinsic (EdDSA)");
	else
		snprintf(o->sig_hash, sizeof o->sig_hash, "unknown");
	ERR_clear_error();
}

static void san_info(X509 *x, struct nf_cert_info *o)
{
	GENERAL_NAMES *gens = X509_get_ext_d2i(x, NID_subject_alt_name, NULL, NULL);

	if (!gens)
		return;
	for (int i = 0; i < sk_GENERAL_NAME_num(gens); i++) {
		const GENERAL_NAME *g = sk_GENERAL_NAME_value(gens, i);

		if (g->type == GEN_DNS) {
			const ASN1_IA5STRING *s = g->d.dNSName;
			int len = ASN1_STRING_length(s);

			if (o->n_dns < NF_MAX_SAN) {
				size_t k = (size_t)len < sizeof o->dns[0] - 1 ? (size_t)len : sizeof o->dns[0] - 1;

				memcpy(o->dns[o->n_dns], ASN1_STRING_get0_data(s), k);
				o->dns[o->n_dns][k] = 0;
				/* An embedded NUL or an overlong name can never match. */
				if (strlen(o->dns[o->n_dns]) != (size_t)len)
					o->dns[o->n_dns][0] = 0;
			}
			o->n_dns++;
		} else if (g->type == GEN_IPADD) {
			int len = ASN1_STRING_length(g->d.iPAddress);

			if (o->n_ip < NF_MAX_SAN) {
				o->ip_len[o->n_ip] = (uint8_t)((len == 4 || len == 16) ? len : 0);
				if (o->ip_len[o->n_ip])
					memcpy(o->ip[o->n_ip], ASN1_STRING_get0_data(g->d.iPAddress), (size_t)len);
			}
			o->n_ip++;
		} else {
			o->n_san_other++;
		}
	}
	GENERAL_NAMES_free(gens);
}

static void sct_info(X509 *x, struct nf_cert_info *o)
{
	int pos = X509_get_ext_by_NID(x, NID_ct_precert_scts, -1);
	const ASN1_OCTET_STRING *v;
	struct nf_cur c;
	size_t off;

	o->scts.n = 0;
	if (pos < 0)
		return;
	o->has_sct_ext = true;
	v = X509_EXTENSION_get_data(X509_get_ext(x, pos));
	/* extnValue's contents are the DER encoding of the SCT extension,
	 * i.e. an OCTET STRING wrapping the TLS list (RFC 6962 3.3). */
	nf_cur_init(&c, ASN1_STRING_get0_data(v), (size_t)ASN1_STRING_length(v));
	o->sct_err = nf_sct_ext_parse(&c, &o->scts, &off);
	if (o->sct_err != NF_SCT_OK)
		o->scts.n = 0;
	o->sct_logs = nf_sct_distinct_logs(&o->scts);
}

void nf_cert_info_from_x509(X509 *x, struct nf_cert_info *o)
{
	uint32_t fl;

	memset(o, 0, sizeof *o);
	name_str(X509_get_subject_name(x), o->subject, sizeof o->subject);
	name_str(X509_get_issuer_name(x), o->issuer, sizeof o->issuer);
	{
		const X509_NAME *sn = X509_get_subject_name(x);
		int pos = -1, last = -1;

		while ((pos = X509_NAME_get_index_by_NID(sn, NID_commonName, pos)) >= 0)
			last = pos;
		if (last >= 0) {
			const ASN1_STRING *s = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(sn, last));
			int len = ASN1_STRING_length(s);

			if (len > 0 && (size_t)len < sizeof o->cn) {
				memcpy(o->cn, ASN1_STRING_get0_data(s), (size_t)len);
				o->cn[len] = 0;
				if (strlen(o->cn) != (size_t)len)
					o->cn[0] = 0;
			}
		}
	}
	o->times_ok = asn1_time(X509_get0_notBefore(x), &o->not_before) &&
		      asn1_time(X509_get0_notAfter(x), &o->not_after);
	if (o->times_ok) {
		int64_t d = o->not_after - o->not_before;

		/* Whole days, rounded up: 398 x 86400 s is 398 days, one second
		 * more is 399 (Apple and CABF count the validity period). */
		o->days = d <= 0 ? 0 : (d + 86399) / 86400;
	}
	key_info(x, o);
	sig_info(x, o);
	fl = X509_get_extension_flags(x); /* also caches the extensions */
	o->ext_invalid = (fl & EXFLAG_INVALID) != 0;
	o->is_ca = X509_check_ca(x) > 0;
	o->self_signed = X509_self_signed(x, 0) == 1;
	san_info(x, o);
	if (fl & EXFLAG_XKUSAGE) {
		uint32_t eku = X509_get_extended_key_usage(x);

		o->has_eku = true;
		o->eku_server = (eku & XKU_SSL_SERVER) != 0;
		o->eku_client = (eku & XKU_SSL_CLIENT) != 0;
		o->eku_any = (eku & XKU_ANYEKU) != 0;
	}
	if (fl & EXFLAG_KUSAGE) {
		o->has_ku = true;
		o->ku = X509_get_key_usage(x);
	}
	sct_info(x, o);
	ERR_clear_error();
}

bool nf_cert_info_from_der(const uint8_t *der, size_t len, struct nf_cert_info *out)
{
	const unsigned char *p = der;
	X509 *x;

	if (len == 0 || len > LONG_MAX)
		return false;
	x = d2i_X509(NULL, &p, (long)len);
	/* Trailing bytes after the certificate mean the length was wrong. */
	if (!x || (size_t)(p - der) != len) {
		X509_free(x);
		ERR_clear_error();
		return false;
	}
	nf_cert_info_from_x509(x, out);
	X509_free(x);
	return true;
}
