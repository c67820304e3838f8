/* Unit tests for the certificate parsers that read bytes with the cursor
 * (TLS Certificate messages, RFC 5246 7.4.2 / RFC 8446 4.4.2; the embedded
 * SCT list, RFC 6962 3.3) and for host name matching, which is checked
 * against OpenSSL's X509_check_host / X509_check_ip_asc on the same
 * certificate. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <openssl/x509v3.h>

#include "netfuzz/cert.h"

/* ------------------------------------------------ TLS Certificate message */

static const uint8_t TLS12[] = {
	0x0b, 0x00, 0x00, 0x0c,             /* handshake: Certificate, 12 bytes */
	0x00, 0x00, 0x09,                   /* certificate_list: 9 bytes */
	0x00, 0x00, 0x02, 0x30, 0x00,       /* ASN.1Cert 1: 2 bytes */
	0x00, 0x00, 0x01, 0x30,             /* ASN.1Cert 2: 1 byte */
};
static const uint8_t TLS13[] = {
	0x0b, 0x00, 0x00, 0x0e,
	0x01, 0xaa,                         /* certificate_request_context: 1 byte */
	0x00, 0x00, 0x08,                   /* certificate_list: 8 bytes */
	0x00, 0x00, 0x01, 0x30, 0x00, 0x01, 0xff, /* entry: cert 1 byte, extensions 1 byte */
	0x00,                               /* (wrong: one byte short of another entry) */
};

static void test_tls12(void **state)
{
	struct nf_tls_cert_msg m;
	struct nf_cur c;
	size_t off;

	(void)state;
	nf_cur_init(&c, TLS12, sizeof TLS12);
	assert_int_equal(nf_tls_cert_msg_parse(&c, &m, &off), NF_TLSCERT_OK);
	assert_false(m.tls13);
	assert_true(m.has_header);
	assert_int_equal(m.n, 2);
	assert_int_equal(nf_cur_len(&m.entry[0].der), 2);
	assert_int_equal(nf_cur_offset(&m.entry[0].der), 10);
	assert_int_equal(nf_cur_offset(&m.entry[1].der), 15);
	/* Without the handshake header, same result. */
	nf_cur_init(&c, TLS12 + 4, sizeof TLS12 - 4);
	assert_int_equal(nf_tls_cert_msg_parse(&c, &m, &off), NF_TLSCERT_OK);
	assert_false(m.has_header);
	assert_int_equal(m.n, 2);
	/* One byte short: the header length no longer fits. */
	nf_cur_init(&c, TLS12, sizeof TLS12 - 1);
	assert_int_equal(nf_tls_cert_msg_parse(&c, &m, &off), NF_TLSCERT_TRUNCATED);
	assert_int_equal(off, 1);
	assert_int_equal(nf_cur_len(&c), sizeof TLS12 - 1); /* unchanged */
}

static void test_tls13(void **state)
{
	uint8_t b[sizeof TLS13];
	struct nf_tls_cert_msg m;
	struct nf_cur c;
	size_t off;

	(void)state;
	/* As written the list claims 8 bytes but 7 follow: fix to 7. */
	memcpy(b, TLS13, sizeof b);
	b[8] = 0x07;
	b[3] = 0x0c;
	nf_cur_init(&c, b, sizeof b - 1);
	assert_int_equal(nf_tls_cert_msg_parse(&c, &m, &off), NF_TLSCERT_OK);
	assert_true(m.tls13);
	assert_int_equal(m.n, 1);
	assert_int_equal(m.entry[0].ext_len, 1);
	assert_int_equal(nf_cur_offset(&m.entry[0].der), 12);
	/* The original: the list runs one byte past its entries. */
	nf_cur_init(&c, TLS13, sizeof TLS13);
	assert_int_not_equal(nf_tls_cert_msg_parse(&c, &m, &off), NF_TLSCERT_OK);
	assert_int_equal(m.n, 0);
}

static void test_tls_empty_cert(void **state)
{
	static const uint8_t b[] = {0x00, 0x00, 0x03, 0x00, 0x00, 0x00};
	struct nf_tls_cert_msg m;
	struct nf_cur c;
	size_t off;

	(void)state;
	nf_cur_init(&c, b, sizeof b);
	/* 1.2 says empty ASN.1Cert; 1.3 cannot frame it: the 1.2 error wins. */
	assert_int_equal(nf_tls_cert_msg_parse(&c, &m, &off), NF_TLSCERT_EMPTY_CERT);
	assert_int_equal(off, 3);
}

/* ------------------------------------------------ SCT list */

static size_t put_sct(uint8_t *p, uint8_t log, size_t siglen, size_t trailing)
{
	size_t n = 0, len = 1 + 32 + 8 + 2 + 2 + 2 + siglen + trailing;

	p[n++] = (uint8_t)(len >> 8);
	p[n++] = (uint8_t)len;
	p[n++] = 0; /* v1 */
	memset(p + n, log, 32);
	n += 32;
	memset(p + n, 0, 8);
	p[n + 7] = 42;
	n += 8;
	p[n++] = 0; /* extensions */
	p[n++] = 0;
	p[n++] = 4; /* sha256 */
	p[n++] = 3; /* ecdsa */
	p[n++] = (uint8_t)(siglen >> 8);
	p[n++] = (uint8_t)siglen;
	memset(p + n, 0x55, siglen + trailing);
	return n + siglen + trailing;
}

static size_t build_list(uint8_t *b, const uint8_t *logs, size_t nlogs, size_t trailing)
{
	size_t n = 2;

	for (size_t i = 0; i < nlogs; i++)
		n += put_sct(b + n, logs[i], 4, i == nlogs - 1 ? trailing : 0);
	b[0] = (uint8_t)((n - 2) >> 8);
	b[1] = (uint8_t)(n - 2);
	return n;
}

static void test_sct_list(void **state)
{
	static struct nf_sct_list l;
	uint8_t b[512];
	const uint8_t logs[] = {0xaa, 0xbb, 0xaa};
	struct nf_cur c;
	size_t off, n = build_list(b, logs, 3, 0);

	(void)state;
	nf_cur_init(&c, b, n);
	assert_int_equal(nf_sct_list_parse(&c, &l, &off), NF_SCT_OK);
	assert_int_equal(l.n, 3);
	assert_int_equal(l.sct[1].log_id[0], 0xbb);
	assert_int_equal(l.sct[2].timestamp, 42);
	assert_int_equal(l.sct[0].sig_len, 4);
	assert_int_equal(nf_sct_distinct_logs(&l), 2);
	/* A byte after the last signature: strict RFC 6962 parse rejects it. */
	n = build_list(b, logs, 3, 1);
	nf_cur_init(&c, b, n);
	assert_int_equal(nf_sct_list_parse(&c, &l, &off), NF_SCT_TRAILING);
	/* List length one more than present. */
	n = build_list(b, logs, 1, 0);
	b[1]++;
	nf_cur_init(&c, b, n);
	assert_int_equal(nf_sct_list_parse(&c, &l, &off), NF_SCT_TRUNCATED);
	/* Empty list: <1..2^16-1>. */
	nf_cur_init(&c, (const uint8_t *)"\0\0", 2);
	assert_int_equal(nf_sct_list_parse(&c, &l, &off), NF_SCT_LIST_LENGTH);
}

static void test_sct_octet_string(void **state)
{
	static struct nf_sct_list l;
	uint8_t b[600];
	const uint8_t logs[] = {1, 2, 3};
	struct nf_cur c;
	size_t off, n = build_list(b + 3, logs, 3, 0);

	(void)state;
	assert_true(n >= 128 && n < 256);
	b[0] = 0x04;
	b[1] = 0x81;
	b[2] = (uint8_t)n;
	nf_cur_init(&c, b, n + 3);
	assert_int_equal(nf_sct_ext_parse(&c, &l, &off), NF_SCT_OK);
	assert_int_equal(l.n, 3);
	/* Non-minimal length form (0x82 0x00 len) is not DER. */
	memmove(b + 4, b + 3, n);
	b[1] = 0x82;
	b[2] = 0;
	b[3] = (uint8_t)n;
	nf_cur_init(&c, b, n + 4);
	assert_int_equal(nf_sct_ext_parse(&c, &l, &off), NF_SCT_BAD_OCTET_STRING);
	/* Wrong tag. */
	b[0] = 0x30;
	nf_cur_init(&c, b, n + 4);
	assert_int_equal(nf_sct_ext_parse(&c, &l, &off), NF_SCT_BAD_OCTET_STRING);
}

/* ------------------------------------------------ host names vs OpenSSL */

static X509 *cert_with_san(const char *san)
{
	X509 *x = X509_new();
	X509_EXTENSION *e = X509V3_EXT_conf_nid(NULL, NULL, NID_subject_alt_name, san);

	assert_non_null(x);
	assert_non_null(e);
	X509_set_version(x, 2);
	X509_add_ext(x, e, -1);
	X509_EXTENSION_free(e);
	X509_NAME_add_entry_by_txt(X509_get_subject_name(x), "CN", MBSTRING_ASC,
				   (const unsigned char *)"cn.example.test", -1, -1, 0);
	return x;
}

static void test_host_vs_openssl(void **state)
{
	static const char *sans[] = {
		"DNS:www.example.test, DNS:*.apps.example.test, IP:127.0.0.1, IP:::1",
		"DNS:*.test, DNS:f*.example.test, DNS:*.*.example.test",
		"DNS:Example.TEST",
		/* a label starting or ending with '-' is not LDH (RFC 1034 3.5):
		 * found by the fuzzer as host-match disagreements */
		"DNS:*.-.example.test, DNS:*.apps.example-.test, DNS:*.a-b.example.test",
		/* nor is a wildcard pattern with a trailing dot (RFC 5280 4.2.1.6) */
		"DNS:*.192.0.2., DNS:*.apps.example.test.",
	};
	static const char *hosts[] = {
		"www.example.test", "WWW.EXAMPLE.TEST", "a.apps.example.test", "apps.example.test",
		"a.b.apps.example.test", "x.test", "foo.example.test", "a.b.example.test",
		"example.test", "cn.example.test", "127.0.0.1", "127.0.0.2", "::1", "::2",
		"", "*.apps.example.test", "x.-.example.test", "x.apps.example-.test", "x.a-b.example.test",
		"nf-wild.192.0.2.",
	};
	static struct nf_cert_info info;

	(void)state;
	for (size_t s = 0; s < sizeof sans / sizeof sans[0]; s++) {
		X509 *x = cert_with_san(sans[s]);

		nf_cert_info_from_x509(x, &info);
		for (size_t h = 0; h < sizeof hosts / sizeof hosts[0]; h++) {
			const char *host = hosts[h];
			bool ours = host[0] && nf_cert_host_matches(&info, host), theirs;

			if (strchr(host, ':') || (host[0] >= '0' && host[0] <= '9'))
				theirs = X509_check_ip_asc(x, host, 0) == 1;
			else
				theirs = host[0] &&
					 X509_check_host(x, host, strlen(host),
							 X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS |
								 X509_CHECK_FLAG_NEVER_CHECK_SUBJECT,
							 NULL) == 1;
			if (ours != theirs)
				fail_msg("SAN '%s' host '%s': netfuzz %d, OpenSSL %d", sans[s], host, ours, theirs);
		}
		X509_free(x);
	}
}

/* The one intended difference from X509_check_host: a single trailing dot
 * on the host (an absolute name) is ignored, as browsers do. */
static void test_host_trailing_dot(void **state)
{
	static struct nf_cert_info info;
	X509 *x = cert_with_san("DNS:www.example.test, DNS:*.apps.example.test");

	(void)state;
	nf_cert_info_from_x509(x, &info);
	X509_free(x);
	assert_true(nf_cert_host_matches(&info, "www.example.test."));
	assert_true(nf_cert_host_matches(&info, "a.apps.example.test."));
	assert_false(nf_cert_host_matches(&info, "www.example.test.."));
	assert_false(nf_cert_host_matches(&info, "."));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tls12),
		cmocka_unit_test(test_tls13),
		cmocka_unit_test(test_tls_empty_cert),
		cmocka_unit_test(test_sct_list),
		cmocka_unit_test(test_sct_octet_string),
		cmocka_unit_test(test_host_vs_openssl),
		cmocka_unit_test(test_host_trailing_dot),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
