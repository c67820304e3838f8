/* Printers for `netfuzz cert`: text for people, JSON (--json) for scripts.
 * Everything certificate-derived is escaped (nf_out_safe_text /
 * nf_json_text): subjects and SANs are attacker-chosen bytes.  JSON is built
 * with jansson and written by nf_out_json (netfuzz/json_out.h). */
#include "netfuzz/cert.h"
#include "netfuzz/json_out.h"

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

/* Certificate-derived text is attacker-chosen bytes: nf_json_text keeps
 * any byte as valid JSON. */
static json_t *cert_json(const struct nf_cert_report *r, size_t i)
{
	const struct nf_cert_info *c = &r->cert[i];
	json_t *o = json_object(), *a;
	char t[32], ip[64], hex[65];

	json_object_set_new(o, "index", json_integer((json_int_t)i));
	json_object_set_new(o, "role", json_string(role(r, i)));
	json_object_set_new(o, "subject", nf_json_text(c->subject));
	json_object_set_new(o, "issuer", nf_json_text(c->issuer));
	if (c->times_ok) {
		nf_cert_fmt_time(t, c->not_before);
		json_object_set_new(o, "not_before", json_string(t));
		nf_cert_fmt_time(t, c->not_after);
		json_object_set_new(o, "not_after", json_string(t));
		json_object_set_new(o, "days", json_integer(c->days));
	}
	json_object_set_new(o, "key", nf_json_text(c->key_desc));
	json_object_set_new(o, "key_bits", json_integer(c->key_bits));
	json_object_set_new(o, "signature", nf_json_text(c->sig_name));
	json_object_set_new(o, "signature_hash", nf_json_text(c->sig_hash));
	a = json_array();
	for (size_t k = 0; k < c->n_dns && k < NF_MAX_SAN; k++)
		json_array_append_new(a, nf_json_text(c->dns[k]));
	json_object_set_new(o, "san_dns", a);
	a = json_array();
	for (size_t k = 0; k < c->n_ip && k < NF_MAX_SAN; k++) {
		ip_str(c, k, ip);
		json_array_append_new(a, json_string(ip));
	}
	json_object_set_new(o, "san_ip", a);
	a = c->has_eku ? json_array() : json_null();
	if (c->eku_server)
		json_array_append_new(a, json_string("serverAuth"));
	if (c->eku_client)
		json_array_append_new(a, json_string("clientAuth"));
	if (c->eku_any)
		json_array_append_new(a, json_string("anyExtendedKeyUsage"));
	json_object_set_new(o, "eku", a);
	a = c->has_ku ? json_array() : json_null();
	for (size_t k = 0; c->has_ku && k < sizeof ku_names / sizeof ku_names[0]; k++)
		if (c->ku & ku_names[k].bit)
			json_array_append_new(a, json_string(ku_names[k].name));
	json_object_set_new(o, "ku", a);
	json_object_set_new(o, "ca", json_boolean(c->is_ca));
	json_object_set_new(o, "sct_count", json_integer((json_int_t)c->scts.n));
	json_object_set_new(o, "sct_distinct_logs", json_integer((json_int_t)c->sct_logs));
	if (c->has_sct_ext && c->sct_err != NF_SCT_OK)
		json_object_set_new(o, "sct_error", json_string(nf_sct_strerror(c->sct_err)));
	a = json_array();
	for (size_t k = 0; k < c->scts.n; k++) {
		hex[0] = 0;
		if (c->scts.sct[k].version == 0) /* v1: the 32-byte LogID (RFC 6962 3.2) */
			for (size_t b = 0; b < 32; b++)
				snprintf(hex + 2 * b, 3, "%02x", c->scts.sct[k].log_id[b]);
		json_array_append_new(a, json_string(hex));
	}
	json_object_set_new(o, "sct_log_ids", a);
	return o;
}

static json_t *rule_meta_json(const struct nf_rule *ru)
{
	static const struct { unsigned bit; const char *n; } ap[] = {
		{NF_APPLIES_LEAF, "leaf"}, {NF_APPLIES_CA, "ca"}, {NF_APPLIES_CHAIN, "chain"},
		{NF_APPLIES_PUBLIC, "public"}, {NF_APPLIES_PRIVATE, "private"}};
	json_t *o = json_object(), *a = json_array();

	json_object_set_new(o, "id", json_string(ru->id));
	json_object_set_new(o, "title", json_string(ru->title));
	json_object_set_new(o, "reference", json_string(ru->reference));
	json_object_set_new(o, "date", json_string(ru->ref_date));
	json_object_set_new(o, "severity", json_string(sev_name(ru->severity)));
	for (size_t k = 0; k < sizeof ap / sizeof ap[0]; k++)
		if (ru->applies & ap[k].bit)
			json_array_append_new(a, json_string(ap[k].n));
	json_object_set_new(o, "applies_to", a);
	json_object_set_new(o, "apple_hint",
			    ru->apple_code ? json_pack("{s:i, s:s, s:i, s:s}", "code", ru->apple_code, "name",
						       ru->apple_name, "url_code", -1200, "note",
						       "a hint, not a certainty")
					   : json_null());
	return o;
}

/* The ids of the rules with status `st`. */
static json_t *ids_json(const struct nf_cert_report *r, enum nf_status st)
{
	json_t *a = json_array();

	for (int i = 0; i < NF_RULE_COUNT; i++)
		if (r->result[i].status == st)
			json_array_append_new(a, json_string(nf_rules[i].id));
	return a;
}

json_t *nf_cert_json(const char *title, const struct nf_cert_report *r, const struct nf_tls_session_info *tls)
{
	json_t *o = json_object(), *a;

	json_object_set_new(o, "source", nf_json_text(title));
	if (tls && tls->have)
		json_object_set_new(o, "tls",
				    json_pack("{s:o, s:o, s:o, s:o, s:o, s:o}", "version", nf_json_text(tls->version),
					      "cipher", nf_json_text(tls->cipher), "cipher_openssl",
					      nf_json_text(tls->cipher_openssl), "group", nf_json_text(tls->group),
					      "peer", nf_json_text(tls->peer), "servername",
					      nf_json_text(tls->servername)));
	json_object_set_new(o, "trust", json_string(r->public_trust ? "public" : "private"));
	json_object_set_new(o, "sent", json_integer((json_int_t)r->n_sent));
	a = json_array();
	for (size_t i = 0; i < r->n; i++)
		json_array_append_new(a, cert_json(r, i));
	json_object_set_new(o, "certificates", a);
	if (!r->chain.ran) {
		json_object_set_new(o, "verification", json_null());
	} else {
		a = json_array();
		for (size_t k = 0; k < r->chain.n_err; k++)
			json_array_append_new(a, json_pack("{s:i, s:i, s:s}", "code", r->chain.err[k].code, "depth",
							   r->chain.err[k].depth, "text",
							   X509_verify_cert_error_string(r->chain.err[k].code)));
		json_object_set_new(o, "verification",
				    json_pack("{s:b, s:i, s:o}", "ok", r->chain.first_err == X509_V_OK,
					      "first_error", r->chain.first_err, "errors", a));
	}
	a = json_array();
	for (int i = 0; i < NF_RULE_COUNT; i++) {
		const struct nf_rule_result *rr = &r->result[i];
		json_t *rule = rule_meta_json(&nf_rules[i]), *f = json_array();

		json_object_set_new(rule, "status", json_string(nf_status_name(rr->status)));
		for (size_t k = 0; k < rr->n; k++)
			json_array_append_new(f, json_pack("{s:i, s:o}", "cert", rr->f[k].cert, "message",
							   nf_json_text(rr->f[k].msg)));
		json_object_set_new(rule, "findings", f);
		json_array_append_new(a, rule);
	}
	json_object_set_new(o, "rules", a);
	json_object_set_new(o, "failed", ids_json(r, NF_FAIL));
	json_object_set_new(o, "warned", ids_json(r, NF_WARN));
	return o;
}

void nf_cert_print_json(struct nf_out *o, const char *title, const struct nf_cert_report *r,
			const struct nf_tls_session_info *tls)
{
	nf_out_json(o, nf_cert_json(title, r, tls));
}

void nf_cert_print_rules(struct nf_out *o, bool json)
{
	char buf[512];

	if (json) {
		json_t *a = json_array();

		for (int i = 0; i < NF_RULE_COUNT; i++)
			json_array_append_new(a, rule_meta_json(&nf_rules[i]));
		nf_out_json(o, a);
		return;
	}
	for (int i = 0; i < NF_RULE_COUNT; i++) {
		const struct nf_rule *ru = &nf_rules[i];

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
}
