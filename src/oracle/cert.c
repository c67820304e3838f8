/* Certificates vs OpenSSL (issue 14).
 *
 * nf_cert_info_from_der builds our certificate model; here each field is
 * checked against OpenSSL by a different path than the one the model took,
 * so a mistake in how the model reads or formats a field disagrees:
 *   subject/issuer  the RFC 2253 text splits, at unescaped ',' and '+', into
 *                   one "type=" token per name entry, in reverse entry order
 *                   (RFC 2253 2.1), each with the entry's short name or OID;
 *   serial          read here from the DER with the bounded cursor
 *                   (RFC 5280 4.1: Certificate, TBSCertificate, [0] version,
 *                   serialNumber), against X509_get0_serialNumber;
 *   validity        ASN1_TIME_cmp_time_t against the model's seconds (the
 *                   model used ASN1_TIME_diff from the epoch);
 *   key             the SubjectPublicKeyInfo algorithm OID, and for RSA/DSA
 *                   the bit length of the modulus / prime p;
 *   signature       the outer signatureAlgorithm OID (X509_get0_signature);
 *   EKU, KU         the extensions decoded with X509_get_ext_d2i, against the
 *                   model's flags (which came from OpenSSL's flag cache);
 *   host matching   our RFC 6125 matcher (nf_cert_host_matches) against
 *                   X509_check_host / X509_check_ip_asc, for hosts derived
 *                   from the certificate's own SAN entries.
 * Rules (docs/oracles.md): C1 a field the model marks undecodable (no key,
 * times_ok false, ext_invalid) is not compared; C2 texts that filled the
 * model's fixed buffer are compared on their complete tokens; C3 hosts are
 * derived from every name the model keeps (the first NF_MAX_SAN);
 * C4 OpenSSL's check_host flags are set to the policy we document
 * (no CN fallback, no partial-label wildcards, wildcard only as a whole
 * left-most label); C5 a host is never a pattern: a SAN entry containing
 * '*' is used only with its wildcard label replaced (OpenSSL compares an
 * invalid wildcard pattern literally, so "*.a" would "match" host "*.a");
 * C6 an attribute type without a short name is compared on the first 79
 * characters of its dotted OID: X509_NAME_print_ex writes it through an
 * 80-byte buffer (OpenSSL crypto/asn1/a_strex.c, do_name_ex objtmp[80]), so
 * the model's text, which OpenSSL printed, holds no more of it; C7 our
 * matcher ignores one trailing dot on the host (RFC 6125 / RFC 1034
 * absolute names), X509_check_host does not: "h." is compared with
 * OpenSSL's answer for "h"; C8 a host with a leading dot means "any
 * subdomain" to X509_check_host, so none is probed. */
#include "netfuzz/cert.h"
#include "netfuzz/cursor.h"
#include "netfuzz/oracle.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include <openssl/bn.h>
#include <openssl/core_names.h>

/* C6: OpenSSL's do_name_ex prints an OID type into char objtmp[80]. */
#define NF_ORACLE_OID_TEXT_MAX 79
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/x509v3.h>

static void disagree_print(const char *what, const char *ours, const char *theirs)
{
	fprintf(stderr, "netfuzz oracle cert: disagreement on %s\n  netfuzz model: %s\n  OpenSSL:       %s\n", what,
		ours, theirs);
}

/* One DER TLV (X.690 8.1): tag in *tag, contents in *v.  Definite
 * lengths only, at most 4 length octets (DER, X.690 10.1). */
static bool der_tlv(struct nf_cur *c, uint8_t *tag, struct nf_cur *v)
{
	struct nf_cur t = *c;
	uint8_t b, n;
	size_t len = 0;

	if (!nf_cur_get_u8(&t, tag) || !nf_cur_get_u8(&t, &b))
		return false;
	if (b & 0x80) {
		n = b & 0x7f;
		if (n == 0 || n > 4)
			return false;
		for (uint8_t i = 0; i < n; i++) {
			if (!nf_cur_get_u8(&t, &b))
				return false;
			len = len << 8 | b;
		}
	} else {
		len = b;
	}
	if (!nf_cur_get_bytes(&t, v, len))
		return false;
	*c = t;
	return true;
}

/* The serialNumber's content octets, read from the DER. */
static bool der_serial(const uint8_t *der, size_t len, struct nf_cur *serial)
{
	struct nf_cur c, cert, tbs, ver;
	uint8_t tag;

	nf_cur_init(&c, der, len);
	if (!der_tlv(&c, &tag, &cert) || tag != 0x30 || !der_tlv(&cert, &tag, &tbs) || tag != 0x30)
		return false;
	if (!der_tlv(&tbs, &tag, &ver))
		return false;
	if (tag == 0xa0 && !der_tlv(&tbs, &tag, &ver)) /* [0] EXPLICIT Version */
		return false;
	*serial = ver;
	return tag == 0x02;
}

static void hex(const uint8_t *p, size_t n, char *out, size_t outlen)
{
	size_t k = 0;

	out[0] = 0;
	for (size_t i = 0; i < n && k + 3 < outlen; i++)
		k += (size_t)snprintf(out + k, outlen - k, "%02x", p[i]);
}

/* Serial: the DER content octets are the two's complement value; OpenSSL
 * keeps the magnitude and a negative type.  Compare magnitudes of
 * non-negative serials (negative ones: C1, OpenSSL re-encodes them). */
static bool serial_ok(X509 *x, const uint8_t *der, size_t len, bool corrupt)
{
	const ASN1_INTEGER *s = X509_get0_serialNumber(x);
	struct nf_cur ds;
	const uint8_t *p, *q;
	size_t n, m;
	char a[130], b[130];

	if (!s || !der_serial(der, len, &ds) || ASN1_STRING_type(s) == V_ASN1_NEG_INTEGER)
		return true;
	p = nf_cur_data(&ds);
	n = nf_cur_len(&ds);
	if (n && p[0] & 0x80)
		return true; /* negative in the DER: C1 */
	/* Magnitudes without leading zero octets on both sides: DER's sign
	 * octet (X.690 8.3.2), and zero, which DER writes as one 00 octet and
	 * OpenSSL 3.0 also keeps as one 00 octet (c2i_ibuf), while an
	 * ASN1_INTEGER set from a BIGNUM has none: zero is "" either way. */
	while (n && p[0] == 0)
		p++, n--;
	q = ASN1_STRING_get0_data(s);
	m = (size_t)ASN1_STRING_length(s);
	while (m && q[0] == 0)
		q++, m--;
	hex(p, n, a, sizeof a);
	if (corrupt) {
		a[0] = a[0] == '1' ? '2' : '1';
		a[n ? 2 * n : 1] = 0;
	}
	hex(q, m, b, sizeof b);
	if (n > 64 || !strcmp(a, b))
		return true;
	disagree_print("serial (hex magnitude)", a, b);
	return false;
}

/* Name text: tokens at unescaped ',' / '+' (C2 for a full buffer). */
static bool name_ok(const char *what, const char *text, size_t cap, const X509_NAME *nm)
{
	int n = X509_NAME_entry_count(nm), k = 0;
	bool full = strlen(text) + 1 >= cap;
	const char *tok = text;

	if (!text[0])
		return true; /* empty: no entries, or OpenSSL could not print it (C1) */
	for (const char *p = text;; p++) {
		if (*p == '\\' && p[1]) {
			p++;
			continue;
		}
		if (*p == ',' || *p == '+' || *p == 0) {
			char want[96], got[96];
			const X509_NAME_ENTRY *e;
			const ASN1_OBJECT *o;
			int nid;
			size_t tl = (size_t)(p - tok);

			if (*p == 0 && full)
				return true; /* the last token may be cut: C2 */
			if (k >= n) {
				snprintf(got, sizeof got, "%d entries", n);
				disagree_print(what, "more tokens than entries", got);
				fprintf(stderr, "  text: %s\n", text);
				return false;
			}
			e = X509_NAME_get_entry(nm, n - 1 - k);
			o = X509_NAME_ENTRY_get_object(e);
			nid = OBJ_obj2nid(o);
			if (nid != NID_undef)
				snprintf(want, sizeof want, "%s=", OBJ_nid2sn(nid));
			else /* C6: the printer's OID buffer holds 79 characters */
				OBJ_obj2txt(want, NF_ORACLE_OID_TEXT_MAX + 1, o, 1), strcat(want, "=");
			if (tl < strlen(want) || strncmp(tok, want, strlen(want))) {
				snprintf(got, sizeof got, "%.*s", (int)(tl < 60 ? tl : 60), tok);
				disagree_print(what, got, want);
				fprintf(stderr, "  text: %s\n", text);
				return false;
			}
			k++;
			tok = p + 1;
			if (*p == 0)
				break;
		}
	}
	if (k != n) {
		char a[32], b[32];

		snprintf(a, sizeof a, "%d tokens", k);
		snprintf(b, sizeof b, "%d entries", n);
		disagree_print(what, a, b);
		fprintf(stderr, "  text: %s\n", text);
		return false;
	}
	return true;
}

static bool times_ok(X509 *x, const struct nf_cert_info *m)
{
	char a[64], b[64];

	if (!m->times_ok)
		return true; /* C1 */
	if (ASN1_TIME_cmp_time_t(X509_get0_notBefore(x), (time_t)m->not_before) == 0 &&
	    ASN1_TIME_cmp_time_t(X509_get0_notAfter(x), (time_t)m->not_after) == 0)
		return true;
	snprintf(a, sizeof a, "notBefore %lld notAfter %lld", (long long)m->not_before, (long long)m->not_after);
	snprintf(b, sizeof b, "cmp_time_t says different (%d, %d)",
		 ASN1_TIME_cmp_time_t(X509_get0_notBefore(x), (time_t)m->not_before),
		 ASN1_TIME_cmp_time_t(X509_get0_notAfter(x), (time_t)m->not_after));
	disagree_print("validity", a, b);
	return false;
}

static bool key_ok(X509 *x, const struct nf_cert_info *m)
{
	ASN1_OBJECT *alg = NULL;
	X509_PUBKEY *pk = X509_get_X509_PUBKEY(x);
	EVP_PKEY *k = X509_get0_pubkey(x);
	int nid, want = -1, bits = -1;
	BIGNUM *bn = NULL;
	char a[64], b[64];

	ERR_clear_error();
	if (!pk || !k || m->key_type == NF_KEY_NONE || !X509_PUBKEY_get0_param(&alg, NULL, NULL, NULL, pk))
		return true; /* C1 */
	nid = OBJ_obj2nid(alg);
	switch (nid) {
	case NID_rsaEncryption:
	case NID_rsassaPss:
		want = NF_KEY_RSA;
		if (EVP_PKEY_get_bn_param(k, OSSL_PKEY_PARAM_RSA_N, &bn))
			bits = BN_num_bits(bn);
		break;
	case NID_X9_62_id_ecPublicKey:
		want = NF_KEY_EC;
		break;
	case NID_ED25519:
		want = NF_KEY_ED25519;
		break;
	case NID_ED448:
		want = NF_KEY_ED448;
		break;
	case NID_dsa:
		want = NF_KEY_DSA;
		if (EVP_PKEY_get_bn_param(k, OSSL_PKEY_PARAM_FFC_P, &bn))
			bits = BN_num_bits(bn);
		break;
	default:
		break;
	}
	BN_free(bn);
	ERR_clear_error();
	if ((want < 0 || (int)m->key_type == want) && (bits < 0 || bits == m->key_bits))
		return true;
	snprintf(a, sizeof a, "type %d, %d bits (%s)", (int)m->key_type, m->key_bits, m->key_desc);
	snprintf(b, sizeof b, "algorithm %s, %d bits", OBJ_nid2sn(nid), bits);
	disagree_print("public key", a, b);
	return false;
}

static bool sig_ok(X509 *x, const struct nf_cert_info *m)
{
	const X509_ALGOR *alg = NULL;
	const ASN1_OBJECT *o = NULL;
	int nid;

	X509_get0_signature(NULL, &alg, x);
	if (!alg)
		return true;
	X509_ALGOR_get0(&o, NULL, NULL, alg);
	nid = OBJ_obj2nid(o);
	if (nid == m->sig_nid)
		return true;
	disagree_print("signature algorithm", m->sig_name, nid == NID_undef ? "undefined OID" : OBJ_nid2ln(nid));
	return false;
}

static bool usage_ok(X509 *x, const struct nf_cert_info *m)
{
	int crit = 0;
	EXTENDED_KEY_USAGE *eku;
	ASN1_BIT_STRING *ku;
	bool srv = false, cli = false, any = false, ok = true;
	uint32_t bits = 0;
	char a[64], b[64];

	if (m->ext_invalid)
		return true; /* C1 */
	eku = X509_get_ext_d2i(x, NID_ext_key_usage, &crit, NULL);
	for (int i = 0; eku && i < sk_ASN1_OBJECT_num(eku); i++) {
		int nid = OBJ_obj2nid(sk_ASN1_OBJECT_value(eku, i));

		srv |= nid == NID_server_auth;
		cli |= nid == NID_client_auth;
		any |= nid == NID_anyExtendedKeyUsage;
	}
	if ((eku != NULL) != m->has_eku || srv != m->eku_server || cli != m->eku_client || any != m->eku_any) {
		snprintf(a, sizeof a, "has %d server %d client %d any %d", m->has_eku, m->eku_server, m->eku_client,
			 m->eku_any);
		snprintf(b, sizeof b, "has %d server %d client %d any %d", eku != NULL, srv, cli, any);
		disagree_print("extended key usage", a, b);
		ok = false;
	}
	EXTENDED_KEY_USAGE_free(eku);
	ku = X509_get_ext_d2i(x, NID_key_usage, &crit, NULL);
	if (ku) {
		/* RFC 5280 4.2.1.3: digitalSignature is bit 0, the MSB of the
		 * first octet; decipherOnly (bit 8) the MSB of the second. */
		if (ku->length > 0)
			bits = ku->data[0];
		if (ku->length > 1)
			bits |= (uint32_t)ku->data[1] << 8;
	}
	if (ok && ((ku != NULL) != m->has_ku || (ku && bits != m->ku))) {
		snprintf(a, sizeof a, "has %d bits 0x%x", m->has_ku, m->ku);
		snprintf(b, sizeof b, "has %d bits 0x%x", ku != NULL, bits);
		disagree_print("key usage", a, b);
		ok = false;
	}
	ASN1_BIT_STRING_free(ku);
	ERR_clear_error();
	return ok;
}

/* One host probe: our matcher on `ours_host`, OpenSSL on `their_host`
 * (the same host, or the host C7 maps it to). */
static bool probe(X509 *x, const struct nf_cert_info *m, const char *ours_host, const char *their_host, const char *san)
{
	const unsigned flags = X509_CHECK_FLAG_NEVER_CHECK_SUBJECT | X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS;
	unsigned char tmp[16];
	bool ours;
	int theirs;

	/* An IP literal goes to the iPAddress check; a leading dot means
	 * "any subdomain" to X509_check_host (C8). */
	if (inet_pton(AF_INET, their_host, tmp) == 1 || inet_pton(AF_INET6, their_host, tmp) == 1 ||
	    their_host[0] == '.')
		return true;
	ours = nf_cert_host_matches(m, ours_host);
	theirs = X509_check_host(x, their_host, strlen(their_host), flags, NULL);
	ERR_clear_error();
	if (theirs < 0)
		return true; /* OpenSSL could not decode: C1 */
	if (ours == (theirs == 1))
		return true;
	disagree_print("host match", ours ? "match" : "no match", theirs == 1 ? "match" : "no match");
	fprintf(stderr, "  host: \"%s\" (OpenSSL asked for \"%s\"; from SAN dNSName \"%s\")\n", ours_host, their_host, san);
	return false;
}

/* Hosts from the certificate's own names (C3: every name the model
 * keeps), each probed in the forms that tell RFC 6125's rules apart:
 *   - the name itself (C5: not a name with '*');
 *   - a wildcard's left label replaced ("nf-wild.") and, with no label for
 *     the '*', its rest alone (6.4.3: the wildcard matches one label);
 *   - a name under a non-wildcard name ("nf-sub."), which must not match;
 *   - the host in upper case (6.4.1: ASCII case-insensitive);
 *   - the host with a trailing dot, which we ignore (C7).
 * and each IP entry as text. */
static bool hosts_ok(X509 *x, const struct nf_cert_info *m)
{
	char host[160], alt[170];

	for (size_t i = 0; i < m->n_dns && i < NF_MAX_SAN; i++) {
		const char *d = m->dns[i];
		bool wild = d[0] == '*' && d[1] == '.';

		if (!d[0])
			continue;
		for (int v = 0; v < 3; v++) {
			if (v == 0 && strchr(d, '*'))
				continue; /* C5: a host name never contains '*' */
			if (v == 0)
				snprintf(host, sizeof host, "%s", d);
			else if (v == 1 && wild)
				snprintf(host, sizeof host, "nf-wild.%s", d + 2);
			else if (v == 1)
				snprintf(host, sizeof host, "nf-sub.%s", d);
			else if (wild)
				snprintf(host, sizeof host, "%s", d + 2);
			else
				break;
			if (strchr(host, '*'))
				continue; /* C5 */
			if (!probe(x, m, host, host, d))
				return false;
			for (size_t k = 0; k < sizeof alt && (alt[k] = host[k]); k++)
				if (alt[k] >= 'a' && alt[k] <= 'z')
					alt[k] = (char)(alt[k] - 'a' + 'A');
			alt[sizeof alt - 1] = 0;
			if (strcmp(alt, host) && !probe(x, m, alt, alt, d))
				return false;
			if (host[0] && host[strlen(host) - 1] != '.') { /* C7 */
				snprintf(alt, sizeof alt, "%s.", host);
				if (!probe(x, m, alt, host, d))
					return false;
			}
		}
	}
	for (size_t i = 0; i < m->n_ip && i < NF_MAX_SAN; i++) {
		int theirs;
		bool ours;

		if (m->ip_len[i] != 4 && m->ip_len[i] != 16)
			continue;
		inet_ntop(m->ip_len[i] == 4 ? AF_INET : AF_INET6, m->ip[i], host, sizeof host);
		ours = nf_cert_host_matches(m, host);
		theirs = X509_check_ip_asc(x, host, 0);
		ERR_clear_error();
		if (theirs >= 0 && ours != (theirs == 1)) {
			disagree_print("IP match", ours ? "match" : "no match", theirs == 1 ? "match" : "no match");
			fprintf(stderr, "  host: \"%s\" (from SAN iPAddress %zu)\n", host, i);
			return false;
		}
	}
	return true;
}

void nf_oracle_cert(X509 *x, const uint8_t *der, size_t len)
{
	static struct nf_cert_info m; /* ~30 KiB: not on the stack */
	bool corrupt;

	if (!x || !nf_oracle_enabled())
		return;
	corrupt = nf_oracle_corrupt(NF_ORACLE_CERT);
	nf_cert_info_from_x509(x, &m);
	if (!serial_ok(x, der, len, corrupt) || !name_ok("subject", m.subject, sizeof m.subject, X509_get_subject_name(x)) ||
	    !name_ok("issuer", m.issuer, sizeof m.issuer, X509_get_issuer_name(x)) || !times_ok(x, &m) ||
	    !key_ok(x, &m) || !sig_ok(x, &m) || !usage_ok(x, &m) || !hosts_ok(x, &m))
		__builtin_trap();
	ERR_clear_error();
}
