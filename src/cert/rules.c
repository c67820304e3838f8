/* The policy rule table and its evaluation over one chain.
 *
 * Sources (ids are stable; the table is what `netfuzz cert --rules` shows):
 *  - Apple, "Requirements for trusted certificates in iOS 13 and macOS
 *    10.15" (support.apple.com/HT210176, 2019-06-03);
 *  - Apple, "About upcoming limits on trusted certificates"
 *    (support.apple.com/HT211025, 2020-03-03; 398 days from 2020-09-01);
 *  - Apple, "Apple's Certificate Transparency policy"
 *    (support.apple.com/HT205280, policy effective 2021-04-21);
 *  - Apple, NSAppTransportSecurity / "Preventing Insecure Network
 *    Connections" (developer.apple.com, ATS requirements);
 *  - Apple, iOS 18.4 / macOS 15.4 TLS key usage enforcement (2025-03);
 *  - CA/Browser Forum ballot SC-081 (2025-04-11): maximum validity 200 /
 *    100 / 47 days from 2026-03-15 / 2027-03-15 / 2029-03-15;
 *  - RFC 5280 4.1.2.5 (validity), RFC 6125 6.4 (host names), RFC 5280 6
 *    (path validation), RFC 5246 7.4.2 / RFC 8446 4.4.2 (chain as sent).
 * Error codes are hints: SecureTransport/Network.framework OSStatus values
 * an Apple client most likely reports, surfaced as NSURLErrorDomain -1200
 * (NSURLErrorSecureConnectionFailed) at the URL layer. */
#include "netfuzz/cert.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#define LEAF NF_APPLIES_LEAF
#define CA NF_APPLIES_CA
#define PUB NF_APPLIES_PUBLIC
#define PRIV NF_APPLIES_PRIVATE
#define CHAIN NF_APPLIES_CHAIN
#define BOTH (PUB | PRIV)

#define HT210176 "Apple HT210176, Requirements for trusted certificates in iOS 13 and macOS 10.15"
#define ATS_DOC "Apple, NSAppTransportSecurity (ATS) requirements"

/* 2019-07-01, 2020-09-01, 2026-03-15, 2027-03-15, 2029-03-15 00:00:00Z. */
#define T_2019_07_01 1561939200LL
#define T_2020_09_01 1598918400LL
#define T_2026_03_15 1773532800LL
#define T_2027_03_15 1805068800LL
#define T_2029_03_15 1868140800LL

const struct nf_rule nf_rules[NF_RULE_COUNT] = {
	[NF_R_APPLE_RSA_2048] = {"apple-rsa-2048", "RSA keys of the leaf and CAs are at least 2048 bits",
				 HT210176, "2019-06-03", NF_SEV_ERROR, LEAF | CA | BOTH, -9802, "errSSLFatalAlert (ATS: failed system trust)"},
	[NF_R_APPLE_SHA1] = {"apple-sha1", "no SHA-1 signature on the leaf or an intermediate",
			     HT210176, "2019-06-03", NF_SEV_ERROR, LEAF | CA | BOTH, -9802, "errSSLFatalAlert (ATS: failed system trust)"},
	[NF_R_APPLE_SAN] = {"apple-san", "the leaf names its host in subjectAltName (the CN is ignored)",
			    HT210176, "2019-06-03", NF_SEV_ERROR, LEAF | BOTH, -9808, "errSSLBadCert"},
	[NF_R_APPLE_EKU_SERVERAUTH] = {"apple-eku-serverauth",
				       "leaf issued on/after 2019-07-01 has an EKU with id-kp-serverAuth",
				       HT210176, "2019-06-03", NF_SEV_ERROR, LEAF | BOTH, -9808, "errSSLBadCert"},
	[NF_R_APPLE_VALIDITY_825] = {"apple-validity-825",
				     "leaf issued on/after 2019-07-01 is valid for at most 825 days (any CA, private ones included)",
				     HT210176, "2019-06-03", NF_SEV_ERROR, LEAF | BOTH, -9802, "errSSLFatalAlert (ATS: failed system trust)"},
	[NF_R_APPLE_VALIDITY_398] = {"apple-validity-398",
				     "leaf issued on/after 2020-09-01 that chains to a public root is valid for at most 398 days",
				     "Apple HT211025, About upcoming limits on trusted certificates", "2020-03-03",
				     NF_SEV_ERROR, LEAF | PUB, -9802, "errSSLFatalAlert (ATS: failed system trust)"},
	[NF_R_APPLE_CT] = {"apple-ct",
			   "publicly trusted leaf embeds SCTs from distinct logs: 2 if valid <= 180 days, 3 if 181-398",
			   "Apple HT205280, Apple's Certificate Transparency policy (as of 2021-04-21)", "2021-04-21",
			   NF_SEV_ERROR, LEAF | PUB, -9802, "errSSLFatalAlert (ATS: failed system trust)"},
	[NF_R_ATS_KEY_SIZE] = {"ats-key-size", "leaf key is RSA >= 2048 bits or ECC >= 256 bits",
			       ATS_DOC, "2016-12-21", NF_SEV_ERROR, LEAF | BOTH, -9802, "errSSLFatalAlert (ATS)"},
	[NF_R_ATS_SIGNATURE_HASH] = {"ats-signature-hash",
				     "leaf and intermediates are signed with SHA-256 or stronger",
				     ATS_DOC, "2016-12-21", NF_SEV_ERROR, LEAF | CA | BOTH, -9802, "errSSLFatalAlert (ATS)"},
	[NF_R_APPLE_KU_CIPHER] = {"apple-ku-cipher",
				  "a leaf with keyUsage allows the cipher suite's key exchange (digitalSignature for (EC)DHE and TLS 1.3, keyEncipherment for RSA)",
				  "Apple, iOS 18.4 / macOS 15.4 TLS keyUsage enforcement; RFC 5246 7.4.2, RFC 5280 4.2.1.3",
				  "2025-03-31", NF_SEV_ERROR, LEAF | BOTH, -9808, "errSSLBadCert"},
	[NF_R_CABF_VALIDITY] = {"cabf-validity",
				"publicly trusted leaf within SC-081 maximum validity: 200 days from 2026-03-15, 100 from 2027-03-15, 47 from 2029-03-15 (devices are not known to enforce it)",
				"CA/Browser Forum Baseline Requirements, ballot SC-081", "2025-04-11",
				NF_SEV_WARNING, LEAF | PUB, 0, NULL},
	[NF_R_X509_EXPIRED] = {"x509-expired", "no certificate in the path has expired at --at TIME",
			       "RFC 5280 4.1.2.5 and 6.1.3", "2008-05", NF_SEV_ERROR, LEAF | CA | BOTH, -9814, "errSSLCertExpired"},
	[NF_R_X509_NOT_YET_VALID] = {"x509-not-yet-valid", "no certificate in the path is not yet valid at --at TIME",
				     "RFC 5280 4.1.2.5 and 6.1.3", "2008-05", NF_SEV_ERROR, LEAF | CA | BOTH, -9814, "errSSLCertExpired"},
	[NF_R_X509_HOSTNAME] = {"x509-hostname", "--host matches a SAN dNSName or iPAddress (RFC 6125 wildcards)",
				"RFC 6125 6.4", "2011-03", NF_SEV_ERROR, LEAF | BOTH, -9808, "errSSLBadCert (host name mismatch)"},
	[NF_R_CHAIN_UNTRUSTED] = {"chain-untrusted", "the chain verifies to a trusted root (OpenSSL X509_verify_cert)",
				  "RFC 5280 6", "2008-05", NF_SEV_ERROR, CHAIN | BOTH, -9813, "errSSLNoRootCert"},
	[NF_R_CHAIN_INCOMPLETE] = {"chain-incomplete", "the server sends every intermediate up to a trusted root",
				   "RFC 8446 4.4.2, RFC 5246 7.4.2", "2018-08", NF_SEV_ERROR, CHAIN | BOTH, -9813, "errSSLNoRootCert"},
	[NF_R_CHAIN_ORDER] = {"chain-order", "each sent certificate certifies the one before it",
			      "RFC 5246 7.4.2 (RFC 8446 4.4.2 relaxes it)", "2008-08", NF_SEV_WARNING, CHAIN | BOTH, 0, NULL},
	[NF_R_CHAIN_ROOT_SENT] = {"chain-root-sent", "the server does not send the root (informational)",
				  "RFC 8446 4.4.2", "2018-08", NF_SEV_INFO, CHAIN | BOTH, 0, NULL},
};

/* ------------------------------------------------------- cipher suites */

bool nf_cipher_lookup(const char *name, struct nf_cipher_kx *out)
{
	SSL_CTX *ctx = SSL_CTX_new(TLS_method());
	SSL *s = NULL;
	STACK_OF(SSL_CIPHER) *all;
	bool found = false;

	memset(out, 0, sizeof *out);
	if (!ctx)
		return false;
	/* Every suite this OpenSSL knows, weak ones included. */
	SSL_CTX_set_security_level(ctx, 0);
	SSL_CTX_set_cipher_list(ctx, "ALL:COMPLEMENTOFALL:@SECLEVEL=0");
	s = SSL_new(ctx);
	all = s ? SSL_get_ciphers(s) : NULL;
	for (int i = 0; !found && i < sk_SSL_CIPHER_num(all); i++) {
		const SSL_CIPHER *c = sk_SSL_CIPHER_value(all, i);
		const char *on = SSL_CIPHER_get_name(c), *std = SSL_CIPHER_standard_name(c);

		if (strcasecmp(on, name) && !(std && !strcasecmp(std, name)))
			continue;
		found = true;
		out->known = true;
		snprintf(out->openssl_name, sizeof out->openssl_name, "%s", on);
		snprintf(out->iana_name, sizeof out->iana_name, "%s", std ? std : on);
		switch (SSL_CIPHER_get_kx_nid(c)) {
		case NID_kx_rsa:
		case NID_kx_rsa_psk: out->rsa_kx = true; break;
		case NID_kx_ecdhe:
		case NID_kx_dhe:
		case NID_kx_any: /* TLS 1.3: always a signature */
			out->signed_kx = SSL_CIPHER_get_auth_nid(c) != NID_auth_psk;
			break;
		default: break;
		}
	}
	SSL_free(s);
	SSL_CTX_free(ctx);
	return found;
}

/* ------------------------------------------------------- host names */

static bool label_eq(const char *a, size_t an, const char *b, size_t bn)
{
	return an == bn && strncasecmp(a, b, an) == 0;
}

/* RFC 6125 6.4.3, as browsers and Apple apply it: the wildcard must be
 * the whole left-most label ("*.example.com", not "f*.example.com" or
 * "*.*.com"), matches exactly one non-empty label, and needs at least two
 * labels after it; comparison is case-insensitive ASCII (6.4.1); one
 * trailing dot on the host is ignored; SAN entries with other '*' never
 * match.  IP-literal hosts match only iPAddress entries (6.4.4 excludes
 * CN, and Apple ignores it anyway). */
/* RFC 5280 4.2.1.6: a dNSName is in the RFC 1034 3.5 preferred name
 * syntax: non-empty labels of letters, digits and hyphens, one dot apart,
 * each starting and ending with a letter or digit (RFC 1034 3.5; a digit
 * first since RFC 1123 2.1).  A wildcard pattern whose rest is not (e.g.
 * raw 8-bit bytes, "a..b", "-.example.test", "example-.test") cannot name
 * a host; OpenSSL's X509_check_host refuses it too (v3_utl.c valid_star:
 * no label starts or ends with '-'). */
static bool ldh_labels(const char *p, size_t n)
{
	bool start = true, hyphen = false;

	for (size_t i = 0; i < n; i++) {
		char ch = p[i];

		if (ch == '.') {
			if (start || hyphen)
				return false;
			start = true;
		} else if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9')) {
			start = hyphen = false;
		} else if (ch == '-' && !start) {
			hyphen = true;
		} else {
			return false;
		}
	}
	return !start && !hyphen;
}

static bool dns_match(const char *pat, const char *host)
{
	size_t pl = strlen(pat), hl = strlen(host);

	if (hl && host[hl - 1] == '.')
		hl--;
	/* A wildcard pattern keeps its trailing dot, so ldh_labels refuses it:
	 * "*.example.test." is not in the preferred name syntax (RFC 5280
	 * 4.2.1.6), and OpenSSL's valid_star refuses it too. */
	if (pl && pat[pl - 1] == '.' && pat[0] != '*')
		pl--;
	if (!pl || !hl)
		return false;
	if (pat[0] == '*' && pl > 2 && pat[1] == '.') {
		const char *rest = pat + 2, *hdot = memchr(host, '.', hl);
		size_t rl = pl - 2;

		if (!ldh_labels(rest, rl) || !memchr(rest, '.', rl) || !hdot || hdot == host)
			return false;
		return label_eq(rest, rl, hdot + 1, hl - (size_t)(hdot + 1 - host));
	}
	if (memchr(pat, '*', pl))
		return false;
	return label_eq(pat, pl, host, hl);
}

bool nf_cert_host_matches(const struct nf_cert_info *leaf, const char *host)
{
	uint8_t addr[16];
	int alen = 0;

	if (inet_pton(AF_INET, host, addr) == 1)
		alen = 4;
	else if (inet_pton(AF_INET6, host, addr) == 1)
		alen = 16;
	if (alen) {
		for (size_t i = 0; i < leaf->n_ip && i < NF_MAX_SAN; i++)
			if (leaf->ip_len[i] == alen && !memcmp(leaf->ip[i], addr, (size_t)alen))
				return true;
		return false;
	}
	for (size_t i = 0; i < leaf->n_dns && i < NF_MAX_SAN; i++)
		if (dns_match(leaf->dns[i], host))
			return true;
	return false;
}

/* ------------------------------------------------------- evaluation */

static void finding(struct nf_rule_result *r, enum nf_status st, int cert, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void finding(struct nf_rule_result *r, enum nf_status st, int cert, const char *fmt, ...)
{
	va_list ap;

	if (st > r->status)
		r->status = st;
	if (r->n == NF_MAX_FINDINGS)
		return;
	r->f[r->n].cert = cert;
	va_start(ap, fmt);
	vsnprintf(r->f[r->n].msg, sizeof r->f[0].msg, fmt, ap);
	va_end(ap);
	r->n++;
}

static void pass(struct nf_rule_result *r)
{
	if (r->status == NF_NA)
		r->status = NF_PASS;
}

/* A violated rule's status follows its severity. */
static enum nf_status bad(enum nf_rule_id id)
{
	return nf_rules[id].severity == NF_SEV_ERROR ? NF_FAIL : NF_WARN;
}

static const char *role(const struct nf_cert_report *rp, size_t i)
{
	if (i == 0)
		return "leaf";
	if (i >= rp->n_sent)
		return "root (from the trust store)";
	return rp->cert[i].self_signed ? "root" : "intermediate";
}

static bool is_root(const struct nf_cert_report *rp, size_t i)
{
	return i > 0 && rp->cert[i].self_signed;
}

static void eval_keys(struct nf_cert_report *rp)
{
	struct nf_rule_result *rsa = &rp->result[NF_R_APPLE_RSA_2048], *ats = &rp->result[NF_R_ATS_KEY_SIZE];
	const struct nf_cert_info *l = &rp->cert[0];

	for (size_t i = 0; i < rp->n; i++) {
		const struct nf_cert_info *c = &rp->cert[i];

		if (c->key_type != NF_KEY_RSA)
			continue;
		if (c->key_bits < 2048)
			finding(rsa, bad(NF_R_APPLE_RSA_2048), (int)i, "%s has an RSA key of %d bits (< 2048)",
				role(rp, i), c->key_bits);
		else
			pass(rsa);
	}
	switch (l->key_type) {
	case NF_KEY_RSA:
	case NF_KEY_EC:
		if (l->key_bits < (l->key_type == NF_KEY_RSA ? 2048 : 256))
			finding(ats, bad(NF_R_ATS_KEY_SIZE), 0, "leaf key is %s (ATS needs RSA >= 2048 or ECC >= 256)",
				l->key_desc);
		else
			pass(ats);
		break;
	case NF_KEY_ED25519:
	case NF_KEY_ED448:
		pass(ats); /* 255/448-bit Edwards curves: ECC >= 256 security-wise */
		break;
	default:
		finding(ats, bad(NF_R_ATS_KEY_SIZE), 0, "leaf key is %s, neither RSA nor ECC", l->key_desc);
	}
}

static void eval_signatures(struct nf_cert_report *rp)
{
	struct nf_rule_result *s1 = &rp->result[NF_R_APPLE_SHA1], *h = &rp->result[NF_R_ATS_SIGNATURE_HASH];

	/* A root's self-signature is never checked, so roots are exempt. */
	for (size_t i = 0; i < rp->n; i++) {
		const struct nf_cert_info *c = &rp->cert[i];
		int md = c->sig_md_nid;

		if (is_root(rp, i))
			continue;
		if (md == NID_sha1 || md == NID_md5_sha1)
			finding(s1, bad(NF_R_APPLE_SHA1), (int)i, "%s is signed with %s", role(rp, i), c->sig_name);
		else
			pass(s1);
		if (md == NID_sha256 || md == NID_sha384 || md == NID_sha512 || md == NID_sha3_256 ||
		    md == NID_sha3_384 || md == NID_sha3_512 || c->sig_nid == NID_ED25519 ||
		    c->sig_nid == NID_ED448)
			pass(h);
		else
			finding(h, bad(NF_R_ATS_SIGNATURE_HASH), (int)i, "%s is signed with %s (hash %s, ATS needs SHA-256 or stronger)",
				role(rp, i), c->sig_name, c->sig_hash);
	}
}

static void eval_leaf(struct nf_cert_report *rp, const struct nf_cert_opts *o)
{
	const struct nf_cert_info *l = &rp->cert[0];
	struct nf_rule_result *r;

	/* apple-san: the leaf must carry its names in SAN. */
	r = &rp->result[NF_R_APPLE_SAN];
	if (l->n_dns + l->n_ip == 0)
		finding(r, bad(NF_R_APPLE_SAN), 0, "leaf has no subjectAltName dNSName or iPAddress; Apple ignores the CN (%s)",
			l->subject);
	else if (o->host && !nf_cert_host_matches(l, o->host) && l->cn[0] && dns_match(l->cn, o->host))
		finding(r, bad(NF_R_APPLE_SAN), 0, "--host %s matches the subject CN but no SAN entry; Apple ignores the CN",
			o->host);
	else
		pass(r);

	/* x509-hostname */
	r = &rp->result[NF_R_X509_HOSTNAME];
	if (o->host) {
		if (nf_cert_host_matches(l, o->host))
			pass(r);
		else
			finding(r, bad(NF_R_X509_HOSTNAME), 0, "--host %s matches none of %zu dNSName and %zu iPAddress SAN entries",
				o->host, l->n_dns, l->n_ip);
	}

	if (!l->times_ok)
		return;
	/* apple-eku-serverauth */
	r = &rp->result[NF_R_APPLE_EKU_SERVERAUTH];
	if (l->not_before >= T_2019_07_01) {
		if (!l->has_eku)
			finding(r, bad(NF_R_APPLE_EKU_SERVERAUTH), 0, "leaf issued after 2019-07-01 has no extendedKeyUsage extension");
		else if (!l->eku_server)
			finding(r, bad(NF_R_APPLE_EKU_SERVERAUTH), 0, "leaf EKU lacks id-kp-serverAuth%s",
				l->eku_any ? " (anyExtendedKeyUsage is not accepted)" : "");
		else
			pass(r);
	}
	/* apple-validity-825 */
	r = &rp->result[NF_R_APPLE_VALIDITY_825];
	if (l->not_before >= T_2019_07_01) {
		if (l->days > 825)
			finding(r, bad(NF_R_APPLE_VALIDITY_825), 0, "leaf is valid for %lld days (> 825)", (long long)l->days);
		else
			pass(r);
	}
	if (!rp->public_trust)
		return;
	/* apple-validity-398 */
	r = &rp->result[NF_R_APPLE_VALIDITY_398];
	if (l->not_before >= T_2020_09_01) {
		if (l->days > 398)
			finding(r, bad(NF_R_APPLE_VALIDITY_398), 0, "publicly trusted leaf issued on/after 2020-09-01 is valid for %lld days (> 398)",
				(long long)l->days);
		else
			pass(r);
	}
	/* apple-ct: Apple's table since 2021-04-21. */
	r = &rp->result[NF_R_APPLE_CT];
	{
		size_t need = l->days <= 180 ? 2 : 3;

		if (l->has_sct_ext && l->sct_err != NF_SCT_OK)
			finding(r, bad(NF_R_APPLE_CT), 0, "embedded SCT list is malformed: %s", nf_sct_strerror(l->sct_err));
		else if (l->sct_logs < need)
			finding(r, bad(NF_R_APPLE_CT), 0,
				"leaf valid for %lld days needs %zu SCTs from distinct logs, has %zu SCTs from %zu distinct logs",
				(long long)l->days, need, l->scts.n, l->sct_logs);
		else
			pass(r);
	}
	/* cabf-validity: SC-081. */
	r = &rp->result[NF_R_CABF_VALIDITY];
	if (l->not_before >= T_2026_03_15) {
		int64_t max = l->not_before >= T_2029_03_15 ? 47 : l->not_before >= T_2027_03_15 ? 100 : 200;

		if (l->days > max)
			finding(r, bad(NF_R_CABF_VALIDITY), 0, "leaf issued %s is valid for %lld days; SC-081 allows %lld",
				l->not_before >= T_2029_03_15 ? "on/after 2029-03-15"
				: l->not_before >= T_2027_03_15 ? "on/after 2027-03-15" : "on/after 2026-03-15",
				(long long)l->days, (long long)max);
		else
			pass(r);
	}
}

static void eval_ku_cipher(struct nf_cert_report *rp, const struct nf_cert_opts *o)
{
	const struct nf_cert_info *l = &rp->cert[0];
	struct nf_rule_result *r = &rp->result[NF_R_APPLE_KU_CIPHER];

	if (!o->cipher.known || !l->has_ku)
		return; /* N/A: no suite known, or no keyUsage to restrict it */
	if (o->cipher.rsa_kx && !(l->ku & X509v3_KU_KEY_ENCIPHERMENT))
		finding(r, bad(NF_R_APPLE_KU_CIPHER), 0, "%s uses RSA key exchange but the leaf keyUsage lacks keyEncipherment",
			o->cipher.iana_name);
	else if (o->cipher.signed_kx && !(l->ku & X509v3_KU_DIGITAL_SIGNATURE))
		finding(r, bad(NF_R_APPLE_KU_CIPHER), 0, "%s signs the key exchange but the leaf keyUsage lacks digitalSignature",
			o->cipher.iana_name);
	else if (o->cipher.rsa_kx || o->cipher.signed_kx)
		pass(r);
}

static void eval_times(struct nf_cert_report *rp, const struct nf_cert_opts *o)
{
	char t[32];

	for (size_t i = 0; i < rp->n; i++) {
		const struct nf_cert_info *c = &rp->cert[i];

		if (!c->times_ok) {
			finding(&rp->result[NF_R_X509_EXPIRED], NF_FAIL, (int)i, "%s has an undecodable validity period",
				role(rp, i));
			continue;
		}
		if (o->at > c->not_after) {
			nf_cert_fmt_time(t, c->not_after);
			finding(&rp->result[NF_R_X509_EXPIRED], bad(NF_R_X509_EXPIRED), (int)i, "%s expired %s", role(rp, i), t);
		} else {
			pass(&rp->result[NF_R_X509_EXPIRED]);
		}
		if (o->at < c->not_before) {
			nf_cert_fmt_time(t, c->not_before);
			finding(&rp->result[NF_R_X509_NOT_YET_VALID], bad(NF_R_X509_NOT_YET_VALID), (int)i,
				"%s is not valid before %s", role(rp, i), t);
		} else {
			pass(&rp->result[NF_R_X509_NOT_YET_VALID]);
		}
	}
}

static bool time_error(int code)
{
	return code == X509_V_ERR_CERT_NOT_YET_VALID || code == X509_V_ERR_CERT_HAS_EXPIRED ||
	       code == X509_V_ERR_ERROR_IN_CERT_NOT_BEFORE_FIELD ||
	       code == X509_V_ERR_ERROR_IN_CERT_NOT_AFTER_FIELD;
}

static void eval_chain(struct nf_cert_report *rp, const struct nf_trust_store *ts)
{
	const struct nf_chain_verdict *v = &rp->chain;
	struct nf_rule_result *r;
	bool other = false;

	r = &rp->result[NF_R_CHAIN_ORDER];
	if (v->order_bad > 0)
		finding(r, bad(NF_R_CHAIN_ORDER), v->order_bad, "certificate %d as sent does not issue certificate %d",
			v->order_bad, v->order_bad - 1);
	else if (rp->n_sent > 1)
		pass(r);
	r = &rp->result[NF_R_CHAIN_ROOT_SENT];
	if (v->root_sent > 0)
		finding(r, NF_WARN, v->root_sent, "the server sends a self-signed root as certificate %d; clients ignore it",
			v->root_sent);
	else
		pass(r);
	if (!v->ran)
		return; /* no trust store: N/A */
	r = &rp->result[NF_R_CHAIN_INCOMPLETE];
	if (v->incomplete_at >= 0) {
		const X509 *top = v->path[v->incomplete_at];
		char issuer[200] = "";
		BIO *b = BIO_new(BIO_s_mem());

		if (b) {
			X509_NAME_print_ex(b, X509_get_issuer_name(top), 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
			int k = BIO_read(b, issuer, sizeof issuer - 1);
			issuer[k > 0 ? k : 0] = 0;
			BIO_free(b);
		}
		finding(r, bad(NF_R_CHAIN_INCOMPLETE), v->incomplete_at,
			"no issuer found for certificate %d in the sent chain or the %s: missing \"%s\"",
			v->incomplete_at, ts->system ? "system store" : "--ca anchors", issuer);
	} else {
		pass(r);
	}
	r = &rp->result[NF_R_CHAIN_UNTRUSTED];
	for (size_t i = 0; i < v->n_err; i++) {
		int c = v->err[i].code;

		if (time_error(c))
			continue; /* x509-expired / x509-not-yet-valid say it */
		if ((c == X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY || c == X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT ||
		     c == X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE) &&
		    v->incomplete_at >= 0)
			continue; /* chain-incomplete says it */
		finding(r, bad(NF_R_CHAIN_UNTRUSTED), v->err[i].depth, "OpenSSL: error %d at depth %d: %s", c,
			v->err[i].depth, X509_verify_cert_error_string(c));
		other = true;
	}
	/* An incomplete chain alone leaves trust undecided (N/A): the client
	 * may still find the intermediate (cache, AIA); chain-incomplete says it. */
	if (!other && v->incomplete_at < 0)
		pass(r);
}

void nf_cert_evaluate(const struct nf_cert_chain *sent, const struct nf_trust_store *ts,
		      const struct nf_cert_opts *o, struct nf_cert_report *rp)
{
	memset(rp, 0, sizeof *rp);
	nf_chain_verify(sent, ts, o->at, &rp->chain);
	for (size_t i = 0; i < sent->n; i++)
		nf_cert_info_from_x509(sent->cert[i], &rp->cert[rp->n++]);
	rp->n_sent = rp->n;
	/* The anchor OpenSSL found in the store joins the path for the
	 * per-certificate rules (its key size and validity matter too). */
	if (rp->chain.anchored && rp->chain.n_path > 0) {
		X509 *top = rp->chain.path[rp->chain.n_path - 1];
		bool was_sent = false;

		for (size_t i = 0; i < sent->n; i++)
			was_sent |= X509_cmp(top, sent->cert[i]) == 0;
		if (!was_sent && rp->n < NF_MAX_CERTS + 1)
			nf_cert_info_from_x509(top, &rp->cert[rp->n++]);
	}
	rp->public_trust = o->trust == NF_TRUST_PUBLIC ||
			   (o->trust == NF_TRUST_AUTO && rp->chain.public_root);
	if (rp->n == 0)
		return;
	eval_keys(rp);
	eval_signatures(rp);
	eval_leaf(rp, o);
	eval_ku_cipher(rp, o);
	eval_times(rp, o);
	eval_chain(rp, ts);
	for (int i = 0; i < NF_RULE_COUNT; i++) {
		rp->n_fail += rp->result[i].status == NF_FAIL;
		rp->n_warn += rp->result[i].status == NF_WARN;
	}
}

void nf_cert_report_free(struct nf_cert_report *rp)
{
	nf_chain_verdict_free(&rp->chain);
}
