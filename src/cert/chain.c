/* Chain building and verification with OpenSSL's X509_STORE (RFC 5280 6),
 * at a fixed time, against private anchors (--ca, or in memory for the
 * fuzz targets) or the system store.  Also the as-sent checks: order
 * (RFC 5246 7.4.2: each certificate certifies the one before it) and a root
 * sent by the server (RFC 8446 4.4.2 says it MAY be omitted). */
#include "netfuzz/cert.h"

#include <stdio.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

bool nf_trust_store_system(struct nf_trust_store *ts, char *err, size_t errlen)
{
	ts->system = true;
	ts->store = X509_STORE_new();
	if (!ts->store || !X509_STORE_set_default_paths(ts->store)) {
		snprintf(err, errlen, "cannot load the system trust store (%s)",
			 ERR_reason_error_string(ERR_get_error()));
		X509_STORE_free(ts->store);
		ts->store = NULL;
		ERR_clear_error();
		return false;
	}
	return true;
}

bool nf_trust_store_from_chain(struct nf_trust_store *ts, const struct nf_cert_chain *anchors,
			       char *err, size_t errlen)
{
	ts->system = false;
	ts->store = X509_STORE_new();
	if (!ts->store) {
		snprintf(err, errlen, "out of memory");
		return false;
	}
	for (size_t i = 0; i < anchors->n; i++)
		if (!X509_STORE_add_cert(ts->store, anchors->cert[i])) {
			unsigned long e = ERR_peek_last_error();

			/* The same certificate twice is not an error for us. */
			if (ERR_GET_REASON(e) != X509_R_CERT_ALREADY_IN_HASH_TABLE) {
				snprintf(err, errlen, "%s: cannot add to the trust store (%s)",
					 anchors->origin[i], ERR_reason_error_string(e));
				ERR_clear_error();
				return false;
			}
		}
	ERR_clear_error();
	return true;
}

void nf_trust_store_free(struct nf_trust_store *ts)
{
	X509_STORE_free(ts->store);
	ts->store = NULL;
}

/* Record every error and continue, so the whole path is built and each
 * problem is seen; the first error is what `openssl verify` reports. */
static int verify_cb(int ok, X509_STORE_CTX *ctx)
{
	struct nf_chain_verdict *v = X509_STORE_CTX_get_app_data(ctx);

	if (!ok && v) {
		int code = X509_STORE_CTX_get_error(ctx), depth = X509_STORE_CTX_get_error_depth(ctx);

		if (v->first_err == X509_V_OK)
			v->first_err = code;
		if (v->n_err < NF_MAX_VERIFY_ERRORS) {
			v->err[v->n_err].code = code;
			v->err[v->n_err].depth = depth;
			v->n_err++;
		}
	}
	return 1;
}

void nf_chain_verify(const struct nf_cert_chain *sent, const struct nf_trust_store *ts,
		     int64_t at, struct nf_chain_verdict *v)
{
	X509_STORE_CTX *ctx = NULL;
	STACK_OF(X509) *untrusted = NULL, *path = NULL;

	memset(v, 0, sizeof *v);
	v->first_err = X509_V_OK;
	v->order_bad = v->root_sent = v->incomplete_at = -1;
	if (sent->n == 0)
		return;
	/* As sent: cert i+1 must issue cert i; a self-signed cert after the
	 * leaf is a root that need not be sent. */
	for (size_t i = 1; i < sent->n; i++) {
		if (v->order_bad < 0 && X509_check_issued(sent->cert[i], sent->cert[i - 1]) != X509_V_OK)
			v->order_bad = (int)i;
		if (v->root_sent < 0 && X509_self_signed(sent->cert[i], 0) == 1)
			v->root_sent = (int)i;
	}
	ERR_clear_error();
	if (!ts || !ts->store)
		return;
	untrusted = sk_X509_new_null();
	ctx = X509_STORE_CTX_new();
	if (!untrusted || !ctx)
		goto out;
	for (size_t i = 1; i < sent->n; i++)
		if (!sk_X509_push(untrusted, sent->cert[i]))
			goto out;
	if (!X509_STORE_CTX_init(ctx, ts->store, sent->cert[0], untrusted))
		goto out;
	X509_STORE_CTX_set_app_data(ctx, v);
	X509_STORE_CTX_set_verify_cb(ctx, verify_cb);
	X509_VERIFY_PARAM_set_time(X509_STORE_CTX_get0_param(ctx), (time_t)at);
	/* Same purpose `openssl verify` uses by default: none.  The Apple
	 * rules check EKU themselves. */
	v->ran = true;
	if (X509_verify_cert(ctx) < 0 && v->first_err == X509_V_OK) {
		/* Internal failure (not a verification error). */
		v->first_err = X509_STORE_CTX_get_error(ctx);
		if (v->first_err == X509_V_OK)
			v->first_err = X509_V_ERR_UNSPECIFIED;
		v->err[0].code = v->first_err;
		v->n_err = 1;
	}
	path = X509_STORE_CTX_get1_chain(ctx);
	for (int i = 0; i < sk_X509_num(path) && v->n_path < NF_MAX_CERTS + 1; i++) {
		v->path[v->n_path] = sk_X509_value(path, i);
		X509_up_ref(v->path[v->n_path]);
		v->n_path++;
	}
	if (v->n_path) {
		X509 *top = v->path[v->n_path - 1];
		bool untrusted_root = false, missing_issuer = false;

		for (size_t i = 0; i < v->n_err; i++) {
			int c = v->err[i].code;

			if (c == X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT ||
			    c == X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN)
				untrusted_root = true;
			if (c == X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY ||
			    c == X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT)
				missing_issuer = true;
		}
		/* A missing issuer is read as an incomplete chain when the path
		 * stops at a certificate that is not a CA (the leaf: the server
		 * sent no usable intermediate) or at an intermediate that is
		 * not the last one sent; when it stops at the last CA the server
		 * sent, the missing issuer is taken to be an untrusted root
		 * (servers normally omit the root).  A heuristic: without AIA
		 * fetching the two cannot be told apart for certain. */
		if (missing_issuer && !untrusted_root &&
		    (X509_check_ca(top) == 0 || X509_cmp(top, sent->cert[sent->n - 1]) != 0))
			v->incomplete_at = (int)v->n_path - 1;
		/* Anchored: the top of the path is self-signed and no error said
		 * it is untrusted or that an issuer is missing. */
		v->anchored = X509_self_signed(top, 0) == 1 && !untrusted_root && !missing_issuer;
		v->public_root = v->anchored && ts->system;
	}
out:
	sk_X509_pop_free(path, X509_free);
	sk_X509_free(untrusted);
	X509_STORE_CTX_free(ctx);
	ERR_clear_error();
}

void nf_chain_verdict_free(struct nf_chain_verdict *v)
{
	for (size_t i = 0; i < v->n_path; i++)
		X509_free(v->path[i]);
	v->n_path = 0;
}
