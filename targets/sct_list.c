/* Fuzz target: the embedded SCT list (RFC 6962 3.3) through our parser,
 * cross-checked against OpenSSL's o2i_SCT_LIST on the same TLS-encoded
 * bytes.  Both sides are strict except in ways OpenSSL documents in
 * crypto/ct/ct_oct.c, which the check allows for:
 *   - OpenSSL accepts an empty list and bytes after a v1 SCT's signature,
 *     and has no count limit (ours is NF_MAX_SCTS);
 *   - OpenSSL rejects a v1 SCT whose (hash, signature) pair it cannot name
 *     (only sha256 with rsa or ecdsa) or whose signature is empty.
 * Any other disagreement, or differing fields, is a bug in one of them and
 * traps.  The input is also parsed as the DER-wrapped extension value. */
#include "netfuzz/cert.h"
#include "netfuzz/target.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/ct.h>
#include <openssl/err.h>

#include "sink.h"

NF_META(sct_list, mutator, "structure")
NF_META(sct_list, libraries, "openssl,jansson")

static void mismatch(const char *what)
{
	fprintf(stderr, "sct_list: netfuzz and OpenSSL disagree: %s\n", what);
	__builtin_trap();
}

static bool openssl_names(const struct nf_sct *s)
{
	/* SCT_get_signature_nid: sha256 (4) with rsa (1) or ecdsa (3). */
	return s->hash_alg == 4 && (s->sig_alg == 1 || s->sig_alg == 3) && s->sig_len > 0;
}

static struct nf_sct_list ours;

static enum nf_sct_err parse(const uint8_t *data, size_t size)
{
	struct nf_cur c;
	size_t off;

	nf_cur_init(&c, data, size);
	return nf_sct_list_parse(&c, &ours, &off);
}

NF_RECORD(sct_list)
{
	(void)parse(data, size);
	return 0;
}

NF_TARGET(sct_list, "cert", "nf_sct_list_parse vs o2i_SCT_LIST")
{
	struct nf_cur c;
	size_t off;
	enum nf_sct_err e;
	const unsigned char *p = data;
	STACK_OF(SCT) *theirs;

	e = parse(data, size);
	theirs = o2i_SCT_LIST(NULL, &p, size);
	if (e == NF_SCT_OK) {
		bool expect_ok = true;

		for (size_t i = 0; i < ours.n; i++)
			if (ours.sct[i].version == 0 && !openssl_names(&ours.sct[i]))
				expect_ok = false;
		if (expect_ok && !theirs)
			mismatch("we accept, OpenSSL rejects");
		if (theirs) {
			if ((size_t)sk_SCT_num(theirs) != ours.n)
				mismatch("SCT count");
			for (size_t i = 0; i < ours.n; i++) {
				const SCT *t = sk_SCT_value(theirs, (int)i);
				const struct nf_sct *s = &ours.sct[i];
				unsigned char *id = NULL, *ext = NULL, *sig = NULL;

				if ((int)SCT_get_version(t) != (int)s->version)
					mismatch("version");
				if (s->version != 0)
					continue;
				if (SCT_get0_log_id(t, &id) != sizeof s->log_id || memcmp(id, s->log_id, sizeof s->log_id))
					mismatch("log id");
				if (SCT_get_timestamp(t) != s->timestamp)
					mismatch("timestamp");
				if (SCT_get0_extensions(t, &ext) != s->ext_len)
					mismatch("extensions length");
				if (SCT_get0_signature(t, &sig) != s->sig_len)
					mismatch("signature length");
			}
		}
	} else if (theirs && e != NF_SCT_TRAILING && e != NF_SCT_LIST_LENGTH && e != NF_SCT_TOO_MANY) {
		mismatch("OpenSSL accepts, we reject");
	} else if (theirs && e == NF_SCT_LIST_LENGTH && sk_SCT_num(theirs) != 0) {
		mismatch("OpenSSL accepts a list whose length we reject");
	}
	SCT_LIST_free(theirs);
	ERR_clear_error();

	/* The same bytes as a whole extension value (OCTET STRING first),
	 * then the certificate printers over the resulting SCT model. */
	{
		static struct nf_cert_report rp;
		static struct nf_out o;
		struct nf_cert_info *ci = &rp.cert[0];

		memset(ci, 0, sizeof *ci);
		nf_cur_init(&c, data, size);
		ci->has_sct_ext = true;
		ci->sct_err = nf_sct_ext_parse(&c, &ci->scts, &off);
		if (ci->sct_err != NF_SCT_OK)
			ci->scts.n = 0;
		ci->sct_logs = nf_sct_distinct_logs(&ci->scts);
		rp.n = rp.n_sent = 1;
		/* The JSON printer builds a jansson tree (an allocation per
		 * member), so like the frame targets' printers it runs on a
		 * deterministic 1 in NF_SINK_EVERY inputs chosen by input hash
		 * (targets/sink.h); replay builds print every input. */
		if (!nf_target_sink_selected(data, size))
			return 0;
		nf_out_init(&o, -1);
		nf_cert_print_text(&o, "fuzz", &rp, NULL);
		nf_cert_print_json(&o, "fuzz", &rp, NULL);
		o.n = 0;
	}
	return 0;
}
