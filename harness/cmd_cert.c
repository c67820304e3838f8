/* netfuzz cert: explain why an Apple client would reject a server chain.
 *
 *   netfuzz cert [--host NAME] [--ca FILE] [--at TIME] [--cipher NAME]
 *                [--password P] [--json] [--public|--private] [--each] FILE...
 *   netfuzz cert --rules [--json]
 *   netfuzz cert --connect HOST:PORT [--servername NAME] [--timeout MS] [...]
 *
 * FILEs together form one chain, leaf first (--each: every FILE is its own
 * chain).  Exit 0 when no rule fails, 1 when one does, 2 on usage or input
 * errors (the message names the file and the certificate index). */
#include "netfuzz/cert.h"
#include "args.h"
#include "cli.h"
#include "netfuzz/limits.h"
#include "netfuzz/util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/err.h>

#define USAGE                                                                                      \
	"[--host NAME] [--ca FILE] [--at TIME] [--cipher NAME] [--password P] [--json] "           \
	"[--public|--private] [--each] FILE... | --rules | --connect HOST:PORT [--servername NAME] [--timeout MS]"

static bool load_file(struct nf_cert_chain *ch, const char *path, const char *password, char *err,
		      size_t errlen)
{
	size_t len = 0;
	uint8_t *buf = nf_read_file(path, NF_MAX_CERT_FILE, &len, err, errlen);
	bool ok;

	if (!buf)
		return false;
	ok = nf_cert_load_mem(ch, buf, len, NF_CERT_AUTO, path, password, err, errlen);
	free(buf);
	return ok;
}

/* --at: YYYY-MM-DD, YYYY-MM-DDTHH:MM:SSZ (or with a space), or @EPOCH. */
static bool parse_time(const char *s, int64_t *out)
{
	struct tm tm;
	const char *end;
	char *e;

	if (s[0] == '@') {
		long long v = strtoll(s + 1, &e, 10);

		if (e == s + 1 || *e)
			return false;
		*out = v;
		return true;
	}
	static const char *fmts[] = {"%Y-%m-%dT%H:%M:%SZ", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d"};
	for (size_t i = 0; i < sizeof fmts / sizeof fmts[0]; i++) {
		memset(&tm, 0, sizeof tm);
		end = strptime(s, fmts[i], &tm);
		if (end && !*end) {
			*out = (int64_t)timegm(&tm);
			return true;
		}
	}
	return false;
}

struct opts {
	const char *ca, *password, *connect, *servername;
	bool json, each, rules, at_set;
	int timeout_ms;
	struct nf_cert_opts o;
};

static int opt_at(void *ctx, const char *name, const char *v)
{
	struct opts *op = ctx;

	if (!parse_time(v, &op->o.at))
		return nf_usage_error("cert", "--at '%s': expected YYYY-MM-DD, YYYY-MM-DDTHH:MM:SSZ or @EPOCH", v);
	op->at_set = true;
	return 0;
}

static int opt_trust(void *ctx, const char *name, const char *v)
{
	((struct opts *)ctx)->o.trust = !strcmp(name, "--public") ? NF_TRUST_PUBLIC : NF_TRUST_PRIVATE;
	return 0;
}

static int run_chain(struct opts *op, const struct nf_trust_store *ts, struct nf_cert_chain *ch,
		     const char *title, const struct nf_tls_session_info *tls, struct nf_out *out,
		     struct nf_cert_report *rp)
{
	nf_cert_evaluate(ch, ts, &op->o, rp);
	if (op->json)
		nf_cert_print_json(out, title, rp, tls);
	else
		nf_cert_print_text(out, title, rp, tls);
	nf_out_flush(out);
	nf_cert_report_free(rp);
	return rp->n_fail ? NF_EXIT_FINDINGS : NF_EXIT_OK;
}

NF_COMMAND(cert, USAGE, "diagnose a certificate chain against Apple, ATS and CA/B Forum rules")
{
	static struct nf_out out;
	struct opts op = {.timeout_ms = 5000};
	struct nf_trust_store ts = {0};
	struct nf_cert_chain *ch = NULL;
	struct nf_cert_report *rp = NULL;
	const char *cipher = NULL;
	char err[512] = "";
	int first_file = argc, rc = NF_EXIT_OK;

	const struct nf_opt table[] = {
		{"--host", NF_OPT_STR, &op.o.host},
		{"--ca", NF_OPT_STR, &op.ca},
		{"--at", NF_OPT_FN, &op, .fn = opt_at, .takes_value = true},
		{"--cipher", NF_OPT_STR, &cipher},
		{"--password", NF_OPT_STR, &op.password},
		{"--connect", NF_OPT_STR, &op.connect},
		{"--servername", NF_OPT_STR, &op.servername},
		{"--timeout", NF_OPT_INT, &op.timeout_ms, 1, 600000, .unit = " milliseconds"},
		{"--json", NF_OPT_FLAG, &op.json},
		{"--each", NF_OPT_FLAG, &op.each},
		{"--rules", NF_OPT_FLAG, &op.rules},
		{"--public", NF_OPT_FN, &op, .fn = opt_trust},
		{"--private", NF_OPT_FN, &op, .fn = opt_trust},
		{NULL},
	};
	const struct nf_opts opts = {"cert", table, USAGE, NULL, &op};

	op.o.trust = NF_TRUST_AUTO;
	if ((rc = nf_parse_opts(&opts, argc, argv, &first_file)) != 0)
		return rc;
	nf_out_init(&out, 1);
	if (op.rules) {
		nf_cert_print_rules(&out, op.json);
		return nf_out_flush(&out) ? NF_EXIT_OK : NF_EXIT_USAGE;
	}
	if (!op.connect && first_file >= argc)
		return nf_usage_error("cert", "no certificate file given (usage: netfuzz cert %s)", USAGE);
	if (op.connect && first_file < argc)
		return nf_usage_error("cert", "--connect takes no FILE arguments");
	if (!op.at_set)
		op.o.at = (int64_t)time(NULL);
	if (cipher && !nf_cipher_lookup(cipher, &op.o.cipher))
		return nf_usage_error("cert", "--cipher '%s': not a cipher suite this OpenSSL knows (OpenSSL or IANA name)",
				      cipher);
	ch = calloc(1, sizeof *ch);
	rp = malloc(sizeof *rp);
	if (!ch || !rp) {
		free(ch);
		free(rp);
		return nf_usage_error("cert", "out of memory");
	}
	/* Trust anchors: --ca is private, else the system store is public. */
	if (op.ca) {
		if (!load_file(ch, op.ca, NULL, err, sizeof err) || !nf_trust_store_from_chain(&ts, ch, err, sizeof err)) {
			rc = nf_usage_error("cert", "--ca %s", err);
			goto out;
		}
		nf_cert_chain_free(ch);
	} else if (!nf_trust_store_system(&ts, err, sizeof err)) {
		rc = nf_usage_error("cert", "%s", err);
		goto out;
	}
	if (op.connect) {
		struct nf_tls_session_info tls;
		char title[300];

		if (!nf_cert_connect(op.connect, op.servername, op.timeout_ms, ch, &tls, &op.o.cipher, err, sizeof err)) {
			rc = nf_usage_error("cert", "%s", err);
			goto out;
		}
		if (cipher) /* --cipher still overrides the negotiated suite */
			nf_cipher_lookup(cipher, &op.o.cipher);
		if (!op.o.host && tls.servername[0])
			op.o.host = tls.servername;
		snprintf(title, sizeof title, "%s (chain exactly as sent)", op.connect);
		rc = run_chain(&op, &ts, ch, title, &tls, &out, rp);
		goto out;
	}
	if (op.each) {
		/* Every file is its own chain; an unreadable one is reported and
		 * the rest still run (exit 2 at the end). */
		bool bad_input = false, found = false;

		for (int i = first_file; i < argc; i++) {
			nf_cert_chain_free(ch);
			if (!load_file(ch, argv[i], op.password, err, sizeof err)) {
				nf_out_flush(&out);
				nf_usage_error("cert", "%s", err);
				bad_input = true;
				continue;
			}
			found |= run_chain(&op, &ts, ch, argv[i], NULL, &out, rp) == NF_EXIT_FINDINGS;
		}
		rc = bad_input ? NF_EXIT_USAGE : found ? NF_EXIT_FINDINGS : NF_EXIT_OK;
		goto out;
	}
	for (int i = first_file; i < argc; i++)
		if (!load_file(ch, argv[i], op.password, err, sizeof err)) {
			rc = nf_usage_error("cert", "%s", err);
			goto out;
		}
	{
		char title[300];

		snprintf(title, sizeof title, "%s%s", argv[first_file], argc - first_file > 1 ? " (+ more files)" : "");
		rc = run_chain(&op, &ts, ch, title, NULL, &out, rp);
	}
out:
	nf_out_flush(&out);
	if (ch)
		nf_cert_chain_free(ch);
	free(ch);
	free(rp);
	nf_trust_store_free(&ts);
	return rc;
}
