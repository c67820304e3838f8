/* Certificates: loading (DER, PEM, bundles, PKCS#12, TLS Certificate
 * messages), the per-certificate model, our own embedded-SCT parser, chain
 * building, Apple / ATS / CA/B Forum policy rules and their printers.
 *
 * Flow:  bytes --load--> struct nf_cert_chain (OpenSSL X509 objects, as sent)
 *              --nf_cert_evaluate--> struct nf_cert_report (model + chain
 *              verdict + one result per rule) --print--> text or JSON.
 * Nothing here reads files or the network except connect.c, which is only
 * used by `netfuzz cert --connect`. */
#ifndef NETFUZZ_CERT_H
#define NETFUZZ_CERT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <openssl/x509.h>

#include "netfuzz/cursor.h"
#include "netfuzz/limits.h"
#include "netfuzz/out.h"

/* ---------------------------------------------------------------- load.c */

/* A chain exactly as sent / as found in the files, leaf first.  Owns one
 * reference to each X509. */
struct nf_cert_chain {
	size_t n;
	X509 *cert[NF_MAX_CERTS];
	char origin[NF_MAX_CERTS][48]; /* "file.pem #2" style, for messages */
};

enum nf_cert_format { NF_CERT_AUTO, NF_CERT_DER, NF_CERT_PEM, NF_CERT_PKCS12, NF_CERT_TLS_MSG };

/* Load every certificate in `data` (format detected unless given) and
 * append it to `chain`.  `name` names the input in messages; `password` is
 * for PKCS#12 (NULL or "" tries the empty password both ways).  On failure
 * returns false with a sentence in err: "NAME: certificate N: what failed
 * (OpenSSL: reason)"; certificates loaded before the failure stay in
 * chain. */
bool nf_cert_load_mem(struct nf_cert_chain *chain, const uint8_t *data, size_t len,
		      enum nf_cert_format fmt, const char *name, const char *password,
		      char *err, size_t errlen);
void nf_cert_chain_free(struct nf_cert_chain *chain);
/* PKCS#12 alone, refusing files whose password-based steps would run more
 * than max_work KDF iterations in total (NF_MAX_P12_WORK for the CLI, less
 * in the fuzz target).  The private key is decrypted and freed at once. */
bool nf_cert_load_p12(struct nf_cert_chain *chain, const uint8_t *data, size_t len, const char *name,
		      const char *password, uint64_t max_work, char *err, size_t errlen);

/* TLS Certificate handshake message (type 11): RFC 5246 7.4.2
 *   opaque ASN.1Cert<1..2^24-1>; ASN.1Cert certificate_list<0..2^24-1>;
 * and RFC 8446 4.4.2
 *   opaque certificate_request_context<0..2^8-1>;
 *   CertificateEntry certificate_list<0..2^24-1>;  each entry is
 *   opaque cert_data<1..2^24-1> + Extension extensions<0..2^16-1>.
 * The 4-byte handshake header (RFC 8446 4) is optional in the input.  The
 * frame dissector records the certificate_list as a BYTES field; this is
 * the parser both it and `netfuzz cert` use. */
struct nf_tls_cert_msg {
	bool tls13;
	bool has_header;
	size_t n;
	struct {
		struct nf_cur der; /* the cert_data bytes */
		size_t ext_len;    /* TLS 1.3 entry extensions */
	} entry[NF_MAX_CERTS];
};
enum nf_tls_cert_err {
	NF_TLSCERT_OK = 0,
	NF_TLSCERT_TRUNCATED,  /* a length runs past the end */
	NF_TLSCERT_TRAILING,   /* bytes after the message */
	NF_TLSCERT_EMPTY_CERT, /* a zero-length ASN.1Cert (1..2^24-1) */
	NF_TLSCERT_TOO_MANY,   /* more than NF_MAX_CERTS */
};
/* Parse one message; on error *err_off is the absolute offset. */
enum nf_tls_cert_err nf_tls_cert_msg_parse(struct nf_cur *c, struct nf_tls_cert_msg *m,
					   size_t *err_off);
const char *nf_tls_cert_strerror(enum nf_tls_cert_err e);

/* ---------------------------------------------------------------- sct.c */

/* RFC 6962 3.2 SignedCertificateTimestamp and 3.3 the X.509v3 extension
 * 1.3.6.1.4.1.11129.2.4.2 whose extnValue is an OCTET STRING holding a TLS
 * SignedCertificateTimestampList. */
struct nf_sct {
	uint8_t version; /* 0 = v1; other versions are kept opaque */
	uint8_t log_id[32];
	uint64_t timestamp; /* ms since the epoch */
	uint16_t ext_len;
	uint8_t hash_alg, sig_alg; /* RFC 5246 7.4.1.4.1 codes */
	uint16_t sig_len;
	uint16_t len; /* serialized SCT length */
};
struct nf_sct_list {
	size_t n;        /* SCTs stored */
	struct nf_sct sct[NF_MAX_SCTS];
};
enum nf_sct_err {
	NF_SCT_OK = 0,
	NF_SCT_BAD_OCTET_STRING, /* extnValue is not one DER OCTET STRING */
	NF_SCT_TRUNCATED,
	NF_SCT_LIST_LENGTH,      /* list length does not match its container */
	NF_SCT_EMPTY_SCT,        /* SerializedSCT<1..2^16-1> */
	NF_SCT_SHORT_V1,         /* a v1 SCT shorter than its fixed fields */
	NF_SCT_TRAILING,         /* bytes after the v1 signature */
	NF_SCT_TOO_MANY,
};
/* The TLS-encoded list (after the OCTET STRING). */
enum nf_sct_err nf_sct_list_parse(struct nf_cur *c, struct nf_sct_list *out, size_t *err_off);
/* The extnValue bytes: DER OCTET STRING (X.690 8.7, 10.1) then the list. */
enum nf_sct_err nf_sct_ext_parse(struct nf_cur *c, struct nf_sct_list *out, size_t *err_off);
const char *nf_sct_strerror(enum nf_sct_err e);
/* Distinct log IDs among the v1 SCTs. */
size_t nf_sct_distinct_logs(const struct nf_sct_list *l);

/* ---------------------------------------------------------------- info.c */

enum nf_key_type { NF_KEY_OTHER, NF_KEY_RSA, NF_KEY_EC, NF_KEY_ED25519, NF_KEY_ED448, NF_KEY_DSA, NF_KEY_NONE };

struct nf_cert_info {
	char subject[256], issuer[256];
	char cn[128];                   /* last subject CN, "" if none or unusable */
	bool times_ok;                  /* both validity times decoded */
	int64_t not_before, not_after;  /* seconds since the epoch */
	int64_t days;                   /* ceil((notAfter - notBefore) / 86400) */
	enum nf_key_type key_type;
	int key_bits;
	char key_desc[48];              /* "RSA 2048", "EC prime256v1 256" */
	int sig_nid, sig_md_nid;        /* X509_get_signature_info */
	char sig_name[64], sig_hash[32];
	bool is_ca, self_signed;
	bool ext_invalid;               /* OpenSSL flagged an extension as invalid */
	size_t n_dns, n_ip, n_san_other;
	char dns[NF_MAX_SAN][128];
	uint8_t ip[NF_MAX_SAN][16];
	uint8_t ip_len[NF_MAX_SAN];
	bool has_eku, eku_server, eku_client, eku_any;
	bool has_ku;
	uint32_t ku;                    /* X509v3_KU_* bits */
	bool has_sct_ext;
	enum nf_sct_err sct_err;        /* our parser's verdict on the extension */
	struct nf_sct_list scts;
	size_t sct_logs;                /* distinct log IDs */
};

/* Fill the model from a parsed certificate.  Never fails: what cannot be
 * decoded is marked (times_ok false, key_type NF_KEY_NONE, sct_err). */
void nf_cert_info_from_x509(X509 *x, struct nf_cert_info *out);
/* The frame dissector's hand-off: one DER certificate as carried in a TLS
 * Certificate message (tls.handshake.certificate).  False when the bytes are
 * not exactly one DER certificate. */
bool nf_cert_info_from_der(const uint8_t *der, size_t len, struct nf_cert_info *out);

/* ---------------------------------------------------------------- chain.c */

enum nf_trust { NF_TRUST_AUTO, NF_TRUST_PUBLIC, NF_TRUST_PRIVATE };

struct nf_chain_verdict {
	bool ran;                      /* verification was attempted */
	size_t n_err;
	struct { int code, depth; } err[NF_MAX_VERIFY_ERRORS];
	int first_err;                 /* X509_V_OK when none */
	size_t n_path;                 /* the chain OpenSSL built, leaf first */
	X509 *path[NF_MAX_CERTS + 1];  /* owned references */
	bool anchored;                 /* ends in a trusted self-signed root */
	bool public_root;              /* that root came from the system store */
	int order_bad;                 /* first sent index i>0 not issuing i-1, or -1 */
	int root_sent;                 /* index of a sent self-signed root, or -1 */
	int incomplete_at;             /* path index whose issuer is missing, or -1 */
};

/* Trust anchors: --ca FILE (private) or the system store (public). */
struct nf_trust_store {
	X509_STORE *store;
	bool system;
};
bool nf_trust_store_system(struct nf_trust_store *ts, char *err, size_t errlen);
/* Certificates in `anchors` become the private anchors (in memory). */
bool nf_trust_store_from_chain(struct nf_trust_store *ts, const struct nf_cert_chain *anchors,
			       char *err, size_t errlen);
void nf_trust_store_free(struct nf_trust_store *ts);

/* Build and verify `sent` at time `at`.  Every verification error is
 * recorded and verification continues, so the whole path is built. */
void nf_chain_verify(const struct nf_cert_chain *sent, const struct nf_trust_store *ts,
		     int64_t at, struct nf_chain_verdict *v);
void nf_chain_verdict_free(struct nf_chain_verdict *v);

/* ---------------------------------------------------------------- rules.c */

enum nf_rule_id {
	NF_R_APPLE_RSA_2048, NF_R_APPLE_SHA1, NF_R_APPLE_SAN, NF_R_APPLE_EKU_SERVERAUTH,
	NF_R_APPLE_VALIDITY_825, NF_R_APPLE_VALIDITY_398, NF_R_APPLE_CT, NF_R_ATS_KEY_SIZE,
	NF_R_ATS_SIGNATURE_HASH, NF_R_APPLE_KU_CIPHER, NF_R_CABF_VALIDITY, NF_R_X509_EXPIRED,
	NF_R_X509_NOT_YET_VALID, NF_R_X509_HOSTNAME, NF_R_CHAIN_UNTRUSTED, NF_R_CHAIN_INCOMPLETE,
	NF_R_CHAIN_ORDER, NF_R_CHAIN_ROOT_SENT,
	NF_RULE_COUNT
};
enum nf_severity { NF_SEV_ERROR, NF_SEV_WARNING, NF_SEV_INFO };
enum { NF_APPLIES_LEAF = 1, NF_APPLIES_CA = 2, NF_APPLIES_PUBLIC = 4, NF_APPLIES_PRIVATE = 8,
       NF_APPLIES_CHAIN = 16 };
enum nf_status { NF_NA, NF_PASS, NF_WARN, NF_FAIL };

struct nf_rule {
	const char *id, *title, *reference, *ref_date;
	enum nf_severity severity;
	unsigned applies;
	int apple_code;          /* hinted OSStatus at the TLS layer, 0 = none */
	const char *apple_name;  /* its Security framework name */
};
extern const struct nf_rule nf_rules[NF_RULE_COUNT];

/* The cipher suite for apple-ku-cipher: looked up by OpenSSL or IANA name. */
struct nf_cipher_kx {
	bool known;
	char openssl_name[64], iana_name[80];
	bool rsa_kx;       /* RSA key transport: needs keyEncipherment */
	bool signed_kx;    /* (EC)DHE or TLS 1.3: needs digitalSignature */
};
bool nf_cipher_lookup(const char *name, struct nf_cipher_kx *out);

struct nf_cert_opts {
	const char *host;       /* --host; NULL: x509-hostname is N/A */
	int64_t at;             /* --at (seconds) */
	enum nf_trust trust;    /* --public / --private override */
	struct nf_cipher_kx cipher;
};

struct nf_finding {
	int cert;               /* index in report->cert[], -1 = the chain */
	char msg[200];
};
struct nf_rule_result {
	enum nf_status status;
	size_t n;
	struct nf_finding f[NF_MAX_FINDINGS];
};

/* Everything `netfuzz cert` prints for one chain. */
struct nf_cert_report {
	size_t n_sent;          /* cert[0..n_sent) as sent; then the anchor, if not sent */
	size_t n;
	struct nf_cert_info cert[NF_MAX_CERTS + 1];
	struct nf_chain_verdict chain;
	bool public_trust;
	struct nf_rule_result result[NF_RULE_COUNT];
	size_t n_fail, n_warn;
};

/* RFC 6125 6.4 host name matching against SAN dNSName / iPAddress:
 * implemented here (not X509_check_host), see rules.c. */
bool nf_cert_host_matches(const struct nf_cert_info *leaf, const char *host);

/* Model + chain + rules.  `report` is large (~300 KiB): allocate it. */
void nf_cert_evaluate(const struct nf_cert_chain *sent, const struct nf_trust_store *ts,
		      const struct nf_cert_opts *o, struct nf_cert_report *report);
void nf_cert_report_free(struct nf_cert_report *report);

/* ---------------------------------------------------------------- print.c */

struct nf_tls_session_info {
	bool have;
	char version[16], cipher[80], cipher_openssl[64], group[32], peer[128], servername[256];
};
void nf_cert_print_text(struct nf_out *o, const char *title, const struct nf_cert_report *r,
			const struct nf_tls_session_info *tls);
/* The report as one JSON document (jansson; written by nf_out_json). */
json_t *nf_cert_json(const char *title, const struct nf_cert_report *r, const struct nf_tls_session_info *tls);
void nf_cert_print_json(struct nf_out *o, const char *title, const struct nf_cert_report *r,
			const struct nf_tls_session_info *tls);
void nf_cert_print_rules(struct nf_out *o, bool json);
const char *nf_status_name(enum nf_status s);
/* "2026-11-29 00:00:00Z" */
void nf_cert_fmt_time(char buf[32], int64_t t);
/* print_summary.c: "    certificate INDEX: subject ...; issuer ...; valid
 * ... to ... (N days); key ...; signature ..." and a newline, for the DER
 * certificate der[0..len) found at capture offset off (`netfuzz dissect
 * --certs`); a line saying so when it is not one DER certificate. */
void nf_cert_print_summary(struct nf_out *o, unsigned index, const uint8_t *der, size_t len, size_t off);

/* ---------------------------------------------------------------- connect.c */

/* TLS client handshake to host:port (numeric or resolvable), SNI
 * `servername` (NULL: host unless it is an IP literal).  Bounded by
 * timeout_ms for connect and for the handshake.  The chain is what the
 * server sent, in order. */
bool nf_cert_connect(const char *hostport, const char *servername, int timeout_ms,
		     struct nf_cert_chain *chain, struct nf_tls_session_info *tls,
		     struct nf_cipher_kx *cipher, char *err, size_t errlen);

#endif
