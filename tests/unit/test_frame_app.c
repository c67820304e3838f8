/* DHCPv4 (RFC 2131, RFC 2132), TLS records and handshakes (RFC 8446,
 * RFC 5246, RFC 6066, RFC 7301) and QUIC long headers (RFC 9000 17.2). */
#include "frame_test.h"
#include "netfuzz/limits.h"

static uint8_t B[4096];

static void run(void (*fn)(struct nf_packet *, struct nf_cur *), const uint8_t *b, size_t n)
{
	struct nf_cur c;

	nf_packet_reset(&P, -1, n, n);
	nf_cur_init(&c, b, n);
	fn(&P, &c);
}

/* ---- DHCP ---- */
static size_t dhcp_discover(void)
{
	const uint8_t opts[] = {0x63, 0x82, 0x53, 0x63, 53, 1, 1, 50, 4, 192, 0, 2, 77, 12, 4, 'h', 'o', 's', 't',
				55, 4, 1, 3, 6, 15, 0, 0, 255};

	memset(B, 0, 236);
	memcpy(B, "\x01\x01\x06\x00\x39\x03\xf3\x26\x00\x00\x80\x00", 12);
	memcpy(B + 28, "\x02\x00\x00\x00\x00\x01", 6);
	memcpy(B + 236, opts, sizeof opts);
	return 236 + sizeof opts;
}

static void test_dhcp(void **s)
{
	size_t n = dhcp_discover();

	(void)s;
	run(nf_dissect_dhcp, B, n);
	assert_int_equal(layer("dhcp")->status, NF_LAYER_OK);
	assert_int_equal(u("dhcp.type", 0), 1);
	assert_int_equal(u("dhcp.id", 0), 0x3903f326);
	assert_int_equal(u("dhcp.flags", 0), 0x8000);
	assert_memory_equal(nth("dhcp.hw.mac_addr", 0)->v.addr, "\x02\x00\x00\x00\x00\x01", 6);
	assert_int_equal(u("dhcp.option.dhcp", 0), 1);
	assert_memory_equal(nth("dhcp.option.requested_ip_address", 0)->v.addr, "\xc0\x00\x02\x4d", 4);
	assert_str("dhcp.option.hostname", 0, "host");
	assert_int_equal(count("dhcp.option.request_list_item"), 4);
	assert_int_equal(u("dhcp.option.end", 0), 255);
	assert_int_equal(count("dhcp.option.type"), 6); /* a run of pads is one item */
	assert_int_equal(u("dhcp.option.type", 4), 0);
	assert_int_equal(nth("dhcp.option.padding", 0)->len, 2);
	B[236] = 0x64; /* bad cookie */
	run(nf_dissect_dhcp, B, n);
	assert_int_equal(layer("dhcp")->status, NF_LAYER_MALFORMED);
	assert_int_equal(layer("dhcp")->err_off, 236);
	n = dhcp_discover();
	B[241] = 3; /* requested IP option with length 3 */
	run(nf_dissect_dhcp, B, n);
	assert_int_equal(layer("dhcp")->status, NF_LAYER_MALFORMED);
	n = dhcp_discover();
	B[n - 1] = 12; /* last option: length byte missing */
	run(nf_dissect_dhcp, B, n);
	assert_int_equal(layer("dhcp")->status, NF_LAYER_TRUNCATED);
	run(nf_dissect_dhcp, B, 100);
	assert_int_equal(layer("dhcp")->status, NF_LAYER_TRUNCATED);
}

/* ---- TLS ---- */
static size_t put(size_t at, const void *p, size_t n)
{
	memcpy(B + at, p, n);
	return at + n;
}

/* Record(handshake(ClientHello)) with SNI example.com, ALPN h2,
 * supported_versions {1.3, 1.2}, key_share {x25519}. */
static size_t client_hello(void)
{
	static const uint8_t ext[] = {
		0, 0, 0, 16, 0, 14, 0, 0, 11, 'e', 'x', 'a', 'm', 'p', 'l', 'e', '.', 'c', 'o', 'm',
		0, 16, 0, 5, 0, 3, 2, 'h', '2',
		0, 43, 0, 5, 4, 3, 4, 3, 3,
		0, 51, 0, 10, 0, 8, 0, 29, 0, 4, 1, 2, 3, 4,
	};
	size_t at = 9, body;

	at = put(at, "\x03\x03", 2);
	memset(B + at, 0x11, 32);
	at += 32;
	at = put(at, "\x00\x00\x04\x13\x01\x13\x02\x01\x00", 9);
	B[at++] = 0;
	B[at++] = sizeof ext;
	at = put(at, ext, sizeof ext);
	body = at - 9;
	memcpy(B, "\x16\x03\x01", 3);
	B[3] = (uint8_t)((body + 4) >> 8);
	B[4] = (uint8_t)(body + 4);
	B[5] = 1;
	B[6] = 0;
	B[7] = (uint8_t)(body >> 8);
	B[8] = (uint8_t)body;
	return at;
}

static void test_tls_client_hello(void **s)
{
	size_t n = client_hello();

	(void)s;
	run(nf_dissect_tls, B, n);
	assert_int_equal(layer("tls")->status, NF_LAYER_OK);
	assert_int_equal(u("tls.record.content_type", 0), 22);
	assert_int_equal(u("tls.handshake.type", 0), 1);
	assert_int_equal(count("tls.handshake.ciphersuite"), 2);
	assert_str("tls.handshake.extensions_server_name", 0, "example.com");
	assert_str("tls.handshake.extensions_alpn_str", 0, "h2");
	assert_int_equal(u("tls.handshake.extensions.supported_version", 0), 0x0304);
	assert_int_equal(u("tls.handshake.extensions.supported_version", 1), 0x0303);
	assert_int_equal(u("tls.handshake.extensions_key_share_group", 0), 29);
	assert_int_equal(count("tls.handshake.extension.type"), 4);
	for (size_t k = 0; k < n; k++) { /* cut anywhere: reported, never overread */
		run(nf_dissect_tls, B, k);
		if (k)
			assert_int_not_equal(layer("tls")->status, NF_LAYER_OK);
	}
	/* SNI list length one byte too long. */
	n = client_hello();
	B[9 + 2 + 32 + 9 + 2 + 5] = 15;
	run(nf_dissect_tls, B, n);
	assert_int_equal(layer("tls")->status, NF_LAYER_MALFORMED);
	assert_null(nth("tls.handshake.extensions_server_name", 0));
	/* Extensions block length past the message. */
	n = client_hello();
	B[9 + 2 + 32 + 9 + 1] = 0xff;
	run(nf_dissect_tls, B, n);
	assert_int_equal(layer("tls")->status, NF_LAYER_MALFORMED);
	/* Not a TLS record. */
	run(nf_dissect_tls, (const uint8_t *)"GET / HTTP/1.1\r\n", 16);
	assert_int_equal(layer("tls")->status, NF_LAYER_MALFORMED);
}

static void test_tls_server_hello_certificate(void **s)
{
	/* ServerHello (TLS 1.2, ECDHE-RSA-AES128-GCM) then Certificate with two
	 * DER certificates, in one record. */
	static const uint8_t rec[] = {
		0x16, 0x03, 0x03, 0, 68,
		2, 0, 0, 38, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
		1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0xc0, 0x2f, 0,
		11, 0, 0, 22, 0, 0, 19, 0, 0, 5, 0x30, 3, 2, 1, 1, 0, 0, 8, 0x30, 6, 2, 1, 2, 2, 1, 3,
	};
	/* TLS 1.3 Certificate: context, list, each entry with extensions. */
	static const uint8_t rec13[] = {
		0x16, 0x03, 0x03, 0, 17,
		11, 0, 0, 13, 0, 0, 0, 9, 0, 0, 4, 0x30, 2, 5, 0, 0, 0,
	};

	(void)s;
	run(nf_dissect_tls, rec, sizeof rec);
	assert_int_equal(layer("tls")->status, NF_LAYER_OK);
	assert_int_equal(u("tls.handshake.type", 0), 2);
	assert_int_equal(u("tls.handshake.type", 1), 11);
	assert_int_equal(u("tls.handshake.ciphersuite", 0), 0xc02f);
	assert_int_equal(count("tls.handshake.certificate"), 2);
	assert_int_equal(nth("tls.handshake.certificate", 0)->len, 5);
	assert_memory_equal(nth("tls.handshake.certificate", 1)->v.ptr, "\x30\x06\x02\x01\x02\x02\x01\x03", 8);
	assert_non_null(strstr(ndjson(), "\"tls.handshake.certificate\":[\"3003020101\",\"3006020102020103\"]"));
	run(nf_dissect_tls, rec13, sizeof rec13);
	assert_int_equal(layer("tls")->status, NF_LAYER_OK);
	assert_int_equal(count("tls.handshake.certificate"), 1);
	/* Handshake length larger than the record: no reassembly, truncated. */
	uint8_t bad[sizeof rec];
	memcpy(bad, rec, sizeof rec);
	bad[7] = 1;
	run(nf_dissect_tls, bad, sizeof bad);
	assert_int_equal(layer("tls")->status, NF_LAYER_TRUNCATED);
	/* Certificate length past the list. */
	memcpy(bad, rec, sizeof rec);
	bad[56] = 30; /* first certificate length (offset 56) > the 19-byte list */
	run(nf_dissect_tls, bad, sizeof bad);
	assert_int_equal(layer("tls")->status, NF_LAYER_MALFORMED);
}

/* ---- QUIC ---- */
static void test_quic(void **s)
{
	/* Initial: DCID 8 bytes, SCID 2, token "tok", Length 5; then a
	 * coalesced Handshake packet with Length 2. */
	static const uint8_t q[] = {
		0xc3, 0, 0, 0, 1, 8, 0x83, 0x94, 0xc8, 0xf0, 0x3e, 0x51, 0x57, 0x08, 2, 0xaa, 0xbb,
		3, 't', 'o', 'k', 0x40, 5, 1, 2, 3, 4, 5,
		0xe0, 0, 0, 0, 1, 0, 0, 2, 9, 9,
	};
	static const uint8_t vneg[] = {0x80, 0, 0, 0, 0, 1, 1, 1, 2, 0, 0, 0, 1, 0x6b, 0x33, 0x43, 0xcf};
	uint8_t big[64] = {0xc0, 0, 0, 0, 1, 21};

	(void)s;
	run(nf_dissect_quic, q, sizeof q);
	assert_int_equal(layer("quic")->status, NF_LAYER_OK);
	assert_int_equal(u("quic.version", 0), 1);
	assert_int_equal(u("quic.long.packet_type", 0), 0);
	assert_int_equal(u("quic.long.packet_type", 1), 2);
	assert_int_equal(nth("quic.dcid", 0)->len, 8);
	assert_int_equal(nth("quic.scid", 0)->len, 2);
	assert_int_equal(u("quic.token_length", 0), 3);
	assert_int_equal(u("quic.length", 0), 5);
	assert_int_equal(u("quic.length", 1), 2);
	for (size_t k = 1; k < sizeof q; k++) {
		run(nf_dissect_quic, q, k);
		assert_int_not_equal(layer("quic")->status, NF_LAYER_MALFORMED);
	}
	run(nf_dissect_quic, q, 20);
	assert_int_equal(layer("quic")->status, NF_LAYER_TRUNCATED);
	run(nf_dissect_quic, vneg, sizeof vneg);
	assert_int_equal(count("quic.supported_version"), 2);
	assert_null(nth("quic.long.packet_type", 0));
	run(nf_dissect_quic, big, sizeof big); /* 21-byte DCID in version 1 */
	assert_int_equal(layer("quic")->status, NF_LAYER_MALFORMED);
	/* Token length varint of 2^62-1: past the datagram, truncated. */
	uint8_t tok[] = {0xc0, 0, 0, 0, 1, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
	run(nf_dissect_quic, tok, sizeof tok);
	assert_int_equal(layer("quic")->status, NF_LAYER_TRUNCATED);
	/* NF_MAX_QUIC_PACKETS + 1 coalesced empty Handshake packets. */
	uint8_t many[(NF_MAX_QUIC_PACKETS + 1) * 8];
	for (int i = 0; i <= NF_MAX_QUIC_PACKETS; i++)
		memcpy(many + 8 * i, "\xe0\x00\x00\x00\x01\x00\x00\x00", 8);
	run(nf_dissect_quic, many, sizeof many);
	assert_int_equal(layer("quic")->status, NF_LAYER_MALFORMED);
	assert_int_equal(count("quic.version"), NF_MAX_QUIC_PACKETS);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dhcp), cmocka_unit_test(test_tls_client_hello),
		cmocka_unit_test(test_tls_server_hello_certificate), cmocka_unit_test(test_quic),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
