/* Printers for `netfuzz cert`: text for people, JSON (--json) for scripts.
 * Everything certificate-derived is escaped (nf_out_safe_text /
 * nf_out_json_str): subjects and SANs are attacker-chosen bytes. */
#include "netfuzz/cert.h"

#include <stdio.h>
#include <string.h>

#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

const char *nf_status_name(enum nf_status s)
{
	switch (s) {
	case NF_PASS: return "PASS";
	case NF_WARN: return "WARN";
	case NF_FAIL: return "FAIL";
	default: return "N/A";
	}
}

static const char *sev_name(enum nf_severity s)
{
	return s == NF_SEV_ERROR ? "error" : s == NF_SEV_WARNING ? "warning" : "info";
}

void nf_cert_fmt_time(char buf[32], int64_t t)
{
	/* Civil date from days since 1970-01-01 (Howard Hinnant's algorithm,
	 * proleptic Gregorian), so any int64 prints without gmtime limits. */
	int64_t days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400), sec = t - days * 86400;
	int64_t z = days + 719468, era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097, yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t y = yoe + era * 400, doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
	int64_t d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9;

	y += m <= 2;
	snprintf(buf, 32, "%04lld-%02lld-%02lld %02lld:%02lld:%02lldZ", (long long)y, (long long)m,
		 (long long)d, (long long)(sec / 3600), (long long)(sec / 60 % 60), (long long)(sec % 60));
}

static void safe(struct nf_out *o, const char *s) { nf_out_safe_text(o, s, strlen(s)); }
static void jstr(struct nf_out *o, const char *s) { nf_out_json_str(o, s, strlen(s)); }

static void jkey(struct nf_out *o, const char *k, bool comma)
{
	if (comma)
		nf_out_char(o, ',');
	jstr(o, k);
	nf_out_char(o, ':');
}

static const struct { uint32_t bit; const char *name; } ku_names[] = {
	{X509v3_KU_DIGITAL_SIGNATURE, "digitalSignature"}, {X509v3_KU_NON_REPUDIATION, "nonRepudiation"},
	{X509v3_KU_KEY_ENCIPHERMENT, "keyEncipherment"},   {X509v3_KU_DATA_ENCIPHERMENT, "dataEncipherment"},
	{X509v3_KU_KEY_AGREEMENT, "keyAgreement"},         {X509v3_KU_KEY_CERT_SIGN, "keyCertSign"},
	{X509v3_KU_CRL_SIGN, "cRLSign"},                   {X509v3_KU_ENCIPHER_ONLY, "encipherOnly"},
	{X509v3_KU_DECIPHER_ONLY, "decipherOnly"},
};

static void ip_str(const struct nf_cert_info *c, size_t i, char *buf)
{
	if (c->ip_len[i] == 4)
		nf_fmt_ipv4(buf, c->ip[i]);
	else if (c->ip_len[i] == 16)
		nf_fmt_ipv6(buf, c->ip[i]);
	else
		strcpy(buf, "(malformed)");
}

static const char *role(const struct nf_cert_report *r, size_t i)
{
	if (i == 0)
		return "leaf";
	if (i >= r->n_sent)
		return "root, from the trust store";
	return r->cert[i].self_signed ? "root" : r->cert[i].is_ca ? "intermediate" : "not a CA";
}

static void text_cert(struct nf_out *o, const struct nf_cert_report *r, size_t i)
{
	const struct nf_cert_info *c = &r->cert[i];
	char a[32], b[32], ip[64];

	nf_out_str(o, "[");
	nf_out_u64(o, i);
	nf_out_str(o, "] ");
	nf_out_str(o, role(r, i));
	nf_out_str(o, "\n    subject    ");
	safe(o, c->subject);
	nf_out_str(o, "\n    issuer     ");
	safe(o, c->issuer);
	nf_out_str(o, "\n    validity   ");
	if (c->times_ok) {
		nf_cert_fmt_time(a, c->not_before);
		nf_cert_fmt_time(b, c->not_after);
		nf_out_str(o, a);
		nf_out_str(o, " .. ");
		nf_out_str(o, b);
		nf_out_str(o, " (");
		nf_out_i64(o, c->days);
		nf_out_str(o, " days)");
	} else {
		nf_out_str(o, "undecodable");
	}
	nf_out_str(o, "\n    key        ");
	safe(o, c->key_desc);
	nf_out_str(o, "\n    signature  ");
	safe(o, c->sig_name);
	nf_out_str(o, " (hash ");
	safe(o, c->sig_hash);
	nf_out_str(o, ")\n    SAN        ");
	if (c->n_dns + c->n_ip + c->n_san_other == 0)
		nf_out_str(o, "none");
	for (size_t k = 0; k < c->n_dns && k < NF_MAX_SAN; k++) {
		nf_out_str(o, k ? ", DNS:" : "DNS:");
		safe(o, c->dns[k][0] ? c->dns[k] : "(unusable)");
	}
	for (size_t k = 0; k < c->n_ip && k < NF_MAX_SAN; k++) {
		ip_str(c, k, ip);
		nf_out_str(o, k || c->n_dns ? ", IP:" : "IP:");
		nf_out_str(o, ip);
	}
	if (c->n_dns > NF_MAX_SAN || c->n_ip > NF_MAX_SAN || c->n_san_other) {
		nf_out_str(o, " (+");
		nf_out_u64(o, c->n_san_other + (c->n_dns > NF_MAX_SAN ? c->n_dns - NF_MAX_SAN : 0) +
				      (c->n_ip > NF_MAX_SAN ? c->n_ip - NF_MAX_SAN : 0));
		nf_out_str(o, " more)");
	}
	nf_out_str(o, "\n    EKU        ");
	if (!c->has_eku)
		nf_out_str(o, "none");
	else {
		nf_out_str(o, c->eku_server ? "serverAuth" : "no serverAuth");
		if (c->eku_client)
			nf_out_str(o, ", clientAuth");
		if (c->eku_any)
			nf_out_str(o, ", anyExtendedKeyUsage");
	}
	nf_out_str(o, "\n    KU         ");
	if (!c->has_ku)
		nf_out_str(o, "none");
	else {
		bool first = true;

		for (size_t k = 0; k < sizeof ku_names / sizeof ku_names[0]; k++)
			if (c->ku & ku_names[k].bit) {
				nf_out_str(o, first ? "" : ", ");
				nf_out_str(o, ku_names[k].name);
				first = false;
			}
		if (first)
			nf_out_str(o, "(empty)");
	}
	nf_out_str(o, c->is_ca ? "   (CA)" : "");
	nf_out_str(o, "\n    SCTs       ");
	if (!c->has_sct_ext)
		nf_out_str(o, "0 (no SCT extension)");
	else if (c->sct_err != NF_SCT_OK) {
		nf_out_str(o, "malformed SCT list: ");
		nf_out_str(o, nf_sct_strerror(c->sct_err));
	} else {
		nf_out_u64(o, c->scts.n);
		nf_out_str(o, " from ");
		nf_out_u64(o, c->sct_logs);
		nf_out_str(o, " distinct logs");
		for (size_t k = 0; k < c->scts.n; k++) {
			nf_out_str(o, "\n               log ");
			if (c->scts.sct[k].version == 0) {
				nf_out_bytes_plain_hex(o, c->scts.sct[k].log_id, 8);
				nf_out_str(o, "... at ");
				nf_cert_fmt_time(a, (int64_t)(c->scts.sct[k].timestamp / 1000));
				nf_out_str(o, a);
			} else {
				nf_out_str(o, "(unknown SCT version)");
			}
		}
	}
	nf_out_char(o, '\n');
}

static void text_hint(struct nf_out *o, const struct nf_rule *ru)
{
	if (!ru->apple_code)
		return;
	nf_out_str(o, "        hint: an Apple client would most likely report ");
	nf_out_i64(o, ru->apple_code);
	nf_out_char(o, ' ');
	nf_out_str(o, ru->apple_name);
	nf_out_str(o, ",\n              and -1200 (NSURLErrorSecureConnectionFailed) at the URL layer; a hint, not a certainty\n");
}

void nf_cert_print_text(struct nf_out *o, const char *title, const struct nf_cert_report *r,
			const struct nf_tls_session_info *tls)
{
	char buf[256];

	nf_out_str(o, "== ");
	safe(o, title);
	nf_out_str(o, "\n");
	if (tls && tls->have) {
		snprintf(buf, sizeof buf, "tls: %s, cipher %s (OpenSSL %s), group %s, peer %s, SNI %s",
			 tls->version, tls->cipher, tls->cipher_openssl, tls->group, tls->peer,
			 tls->servername[0] ? tls->servername : "(none)");
		safe(o, buf);
		nf_out_str(o, "\n");
	}
	snprintf(buf, sizeof buf, "%zu certificate%s as sent, trust: %s\n", r->n_sent, r->n_sent == 1 ? "" : "s",
		 r->public_trust ? "public" : "private");
	nf_out_str(o, buf);
	for (size_t i = 0; i < r->n; i++)
		text_cert(o, r, i);
	nf_out_str(o, "verification (OpenSSL): ");
	if (!r->chain.ran)
		nf_out_str(o, "not run (no trust store)\n");
	else if (r->chain.first_err == X509_V_OK)
		nf_out_str(o, "OK\n");
	else {
		snprintf(buf, sizeof buf, "error %d at depth %d: %s\n", r->chain.err[0].code, r->chain.err[0].depth,
			 X509_verify_cert_error_string(r->chain.err[0].code));
		nf_out_str(o, buf);
	}
	nf_out_str(o, "rules:\n");
	for (int i = 0; i < NF_RULE_COUNT; i++) {
		const struct nf_rule *ru = &nf_rules[i];
		const struct nf_rule_result *rr = &r->result[i];

		snprintf(buf, sizeof buf, "  %-4s  %-21s ", nf_status_name(rr->status), ru->id);
		nf_out_str(o, buf);
		nf_out_str(o, ru->title);
		nf_out_str(o, "\n        ref: ");
		nf_out_str(o, ru->reference);
		nf_out_str(o, ", ");
		nf_out_str(o, ru->ref_date);
		nf_out_char(o, '\n');
		for (size_t k = 0; k < rr->n; k++) {
			nf_out_str(o, "        ");
			if (rr->f[k].cert >= 0) {
				nf_out_str(o, "cert ");
				nf_out_i64(o, rr->f[k].cert);
				nf_out_str(o, ": ");
			}
			safe(o, rr->f[k].msg);
			nf_out_char(o, '\n');
		}
		if (rr->status == NF_FAIL)
			text_hint(o, ru);
	}
	snprintf(buf, sizeof buf, "summary: %zu FAIL, %zu WARN%s\n", r->n_fail, r->n_warn,
		 r->n_fail ? " - an Apple client would most likely reject this chain" : "");
	nf_out_str(o, buf);
}

static void json_cert(struct nf_out *o, const struct nf_cert_report *r, size_t i)
{
	const struct nf_cert_info *c = &r->cert[i];
	char a[32], ip[64];

	nf_out_char(o, '{');
	jkey(o, "index", false);
	nf_out_u64(o, i);
	jkey(o, "role", true);
	jstr(o, role(r, i));
	jkey(o, "subject", true);
	jstr(o, c->subject);
	jkey(o, "issuer", true);
	jstr(o, c->issuer);
	if (c->times_ok) {
		jkey(o, "not_before", true);
		nf_cert_fmt_time(a, c->not_before);
		jstr(o, a);
		jkey(o, "not_after", true);
		nf_cert_fmt_time(a, c->not_after);
		jstr(o, a);
		jkey(o, "days", true);
		nf_out_i64(o, c->days);
	}
	jkey(o, "key", true);
	jstr(o, c->key_desc);
	jkey(o, "key_bits", true);
	nf_out_i64(o, c->key_bits);
	jkey(o, "signature", true);
	jstr(o, c->sig_name);
	jkey(o, "signature_hash", true);
	jstr(o, c->sig_hash);
	jkey(o, "san_dns", true);
	nf_out_char(o, '[');
	for (size_t k = 0; k < c->n_dns && k < NF_MAX_SAN; k++) {
		if (k)
			nf_out_char(o, ',');
		jstr(o, c->dns[k]);
	}
	nf_out_char(o, ']');
	jkey(o, "san_ip", true);
	nf_out_char(o, '[');
	for (size_t k = 0; k < c->n_ip && k < NF_MAX_SAN; k++) {
		if (k)
			nf_out_char(o, ',');
		ip_str(c, k, ip);
		jstr(o, ip);
	}
	nf_out_char(o, ']');
	jkey(o, "eku", true);
	if (!c->has_eku)
		nf_out_str(o, "null");
	else {
		nf_out_char(o, '[');
		bool first = true;
		if (c->eku_server) { jstr(o, "serverAuth"); first = false; }
		if (c->eku_client) { if (!first) nf_out_char(o, ','); jstr(o, "clientAuth"); first = false; }
		if (c->eku_any) { if (!first) nf_out_char(o, ','); jstr(o, "anyExtendedKeyUsage"); }
		nf_out_char(o, ']');
	}
	jkey(o, "ku", true);
	if (!c->has_ku)
		nf_out_str(o, "null");
	else {
		bool first = true;

		nf_out_char(o, '[');
		for (size_t k = 0; k < sizeof ku_names / sizeof ku_names[0]; k++)
			if (c->ku & ku_names[k].bit) {
				if (!first)
					nf_out_char(o, ',');
				jstr(o, ku_names[k].name);
				first = false;
			}
		nf_out_char(o, ']');
	}
	jkey(o, "ca", true);
	nf_out_str(o, c->is_ca ? "true" : "false");
	jkey(o, "sct_count", true);
	nf_out_u64(o, c->scts.n);
	jkey(o, "sct_distinct_logs", true);
	nf_out_u64(o, c->sct_logs);
	if (c->has_sct_ext && c->sct_err != NF_SCT_OK) {
		jkey(o, "sct_error", true);
		jstr(o, nf_sct_strerror(c->sct_err));
	}
	jkey(o, "sct_log_ids", true);
	nf_out_char(o, '[');
	for (size_t k = 0; k < c->scts.n; k++) {
		if (k)
			nf_out_char(o, ',');
		nf_out_char(o, '"');
		if (c->scts.sct[k].version == 0)
			nf_out_bytes_plain_hex(o, c->scts.sct[k].log_id, 32);
		nf_out_char(o, '"');
	}
	nf_out_str(o, "]}");
}

static void json_rule_meta(struct nf_out *o, const struct nf_rule *ru)
{
	jkey(o, "id", false);
	jstr(o, ru->id);
	jkey(o, "title", true);
	jstr(o, ru->title);
	jkey(o, "reference", true);
	jstr(o, ru->reference);
	jkey(o, "date", true);
	jstr(o, ru->ref_date);
	jkey(o, "severity", true);
	jstr(o, sev_name(ru->severity));
	jkey(o, "applies_to", true);
	nf_out_char(o, '[');
	{
		static const struct { unsigned bit; const char *n; } ap[] = {
			{NF_APPLIES_LEAF, "leaf"}, {NF_APPLIES_CA, "ca"}, {NF_APPLIES_CHAIN, "chain"},
			{NF_APPLIES_PUBLIC, "public"}, {NF_APPLIES_PRIVATE, "private"}};
		bool first = true;

		for (size_t k = 0; k < sizeof ap / sizeof ap[0]; k++)
			if (ru->applies & ap[k].bit) {
				if (!first)
					nf_out_char(o, ',');
				jstr(o, ap[k].n);
				first = false;
			}
	}
	nf_out_char(o, ']');
	jkey(o, "apple_hint", true);
	if (!ru->apple_code)
		nf_out_str(o, "null");
	else {
		nf_out_str(o, "{\"code\":");
		nf_out_i64(o, ru->apple_code);
		jkey(o, "name", true);
		jstr(o, ru->apple_name);
		nf_out_str(o, ",\"url_code\":-1200,\"note\":\"a hint, not a certainty\"}");
	}
}

/* JSON array of the ids of the rules with status `st`. */
static void json_ids(struct nf_out *o, const struct nf_cert_report *r, enum nf_status st)
{
	bool first = true;

	nf_out_char(o, '[');
	for (int i = 0; i < NF_RULE_COUNT; i++)
		if (r->result[i].status == st) {
			if (!first)
				nf_out_char(o, ',');
			jstr(o, nf_rules[i].id);
			first = false;
		}
	nf_out_char(o, ']');
}

void nf_cert_print_json(struct nf_out *o, const char *title, const struct nf_cert_report *r,
			const struct nf_tls_session_info *tls)
{
	nf_out_char(o, '{');
	jkey(o, "source", false);
	jstr(o, title);
	if (tls && tls->have) {
		jkey(o, "tls", true);
		nf_out_char(o, '{');
		jkey(o, "version", false);
		jstr(o, tls->version);
		jkey(o, "cipher", true);
		jstr(o, tls->cipher);
		jkey(o, "cipher_openssl", true);
		jstr(o, tls->cipher_openssl);
		jkey(o, "group", true);
		jstr(o, tls->group);
		jkey(o, "peer", true);
		jstr(o, tls->peer);
		jkey(o, "servername", true);
		jstr(o, tls->servername);
		nf_out_char(o, '}');
	}
	jkey(o, "trust", true);
	jstr(o, r->public_trust ? "public" : "private");
	jkey(o, "sent", true);
	nf_out_u64(o, r->n_sent);
	jkey(o, "certificates", true);
	nf_out_char(o, '[');
	for (size_t i = 0; i < r->n; i++) {
		if (i)
			nf_out_char(o, ',');
		json_cert(o, r, i);
	}
	nf_out_char(o, ']');
	jkey(o, "verification", true);
	if (!r->chain.ran)
		nf_out_str(o, "null");
	else {
		nf_out_str(o, "{\"ok\":");
		nf_out_str(o, r->chain.first_err == X509_V_OK ? "true" : "false");
		jkey(o, "first_error", true);
		nf_out_i64(o, r->chain.first_err);
		jkey(o, "errors", true);
		nf_out_char(o, '[');
		for (size_t k = 0; k < r->chain.n_err; k++) {
			if (k)
				nf_out_char(o, ',');
			nf_out_str(o, "{\"code\":");
			nf_out_i64(o, r->chain.err[k].code);
			nf_out_str(o, ",\"depth\":");
			nf_out_i64(o, r->chain.err[k].depth);
			jkey(o, "text", true);
			jstr(o, X509_verify_cert_error_string(r->chain.err[k].code));
			nf_out_char(o, '}');
		}
		nf_out_str(o, "]}");
	}
	jkey(o, "rules", true);
	nf_out_char(o, '[');
	for (int i = 0; i < NF_RULE_COUNT; i++) {
		const struct nf_rule_result *rr = &r->result[i];

		if (i)
			nf_out_char(o, ',');
		nf_out_char(o, '{');
		json_rule_meta(o, &nf_rules[i]);
		jkey(o, "status", true);
		jstr(o, nf_status_name(rr->status));
		jkey(o, "findings", true);
		nf_out_char(o, '[');
		for (size_t k = 0; k < rr->n; k++) {
			if (k)
				nf_out_char(o, ',');
			nf_out_str(o, "{\"cert\":");
			nf_out_i64(o, rr->f[k].cert);
			jkey(o, "message", true);
			jstr(o, rr->f[k].msg);
			nf_out_char(o, '}');
		}
		nf_out_str(o, "]}");
	}
	nf_out_char(o, ']');
	jkey(o, "failed", true);
	json_ids(o, r, NF_FAIL);
	jkey(o, "warned", true);
	json_ids(o, r, NF_WARN);
	nf_out_str(o, "}\n");
}

void nf_cert_print_rules(struct nf_out *o, bool json)
{
	char buf[512];

	if (json)
		nf_out_char(o, '[');
	for (int i = 0; i < NF_RULE_COUNT; i++) {
		const struct nf_rule *ru = &nf_rules[i];

		if (json) {
			if (i)
				nf_out_char(o, ',');
			nf_out_char(o, '{');
			json_rule_meta(o, ru);
			nf_out_char(o, '}');
			continue;
		}
		snprintf(buf, sizeof buf, "%-21s %-7s %s%s%s%s%s\n    ", ru->id, sev_name(ru->severity),
			 (ru->applies & NF_APPLIES_CHAIN) ? "chain" : "", (ru->applies & NF_APPLIES_LEAF) ? "leaf" : "",
			 (ru->applies & NF_APPLIES_CA) ? "+CA" : "", (ru->applies & NF_APPLIES_PUBLIC) ? ", public" : "",
			 (ru->applies & NF_APPLIES_PRIVATE) ? ", private" : "");
		nf_out_str(o, buf);
		nf_out_str(o, ru->title);
		nf_out_str(o, "\n    reference: ");
		nf_out_str(o, ru->reference);
		nf_out_str(o, " (");
		nf_out_str(o, ru->ref_date);
		nf_out_str(o, ")\n");
		if (ru->apple_code) {
			snprintf(buf, sizeof buf, "    hint: %d %s / -1200 at the URL layer (a hint)\n", ru->apple_code,
				 ru->apple_name);
			nf_out_str(o, buf);
		}
	}
	if (json)
		nf_out_str(o, "]\n");
}
