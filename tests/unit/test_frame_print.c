/* Printers: the tcpdump -n style line ([|proto] on truncation, malformed
 * field named with its offset) and NDJSON (tshark -T fields values,
 * repeated fields as arrays, valid JSON for hostile strings). */
#include "frame_test.h"

/* Ethernet + IPv4 + UDP 53000 > 53 + DNS query for a label holding a
 * quote, a backslash and a control byte. */
static const uint8_t Q[] = {
	2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 0x08, 0x00,
	0x45, 0, 0, 49, 0, 1, 0, 0, 64, 17, 0, 0, 192, 0, 2, 1, 198, 51, 100, 7,
	0xcf, 0x08, 0, 53, 0, 29, 0, 0,
	0x1a, 0x2b, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 3, '"', '\\', 1, 0, 0, 1, 0, 1,
};

static void test_line(void **s)
{
	(void)s;
	nf_dissect(&P, NF_LINKTYPE_ETHERNET, Q, sizeof Q, sizeof Q);
	assert_string_equal(line(), "IP 192.0.2.1.53000 > 198.51.100.7.53: 6699+ A? \"\\x5c\\x01.");
	nf_dissect(&P, NF_LINKTYPE_ETHERNET, Q, 57, sizeof Q); /* inside the name */
	assert_string_equal(line(), "IP 192.0.2.1.53000 > 198.51.100.7.53: 6699+ [|dns]");
	nf_dissect(&P, NF_LINKTYPE_ETHERNET, Q, 50, sizeof Q); /* inside the DNS header */
	assert_string_equal(line(), "IP 192.0.2.1.53000 > 198.51.100.7.53: [|dns]");
	nf_dissect(&P, NF_LINKTYPE_ETHERNET, Q, 20, sizeof Q);
	assert_string_equal(line(), "ethertype 0x0800, length 63 [|ip]");
}

static void test_malformed_offset(void **s)
{
	uint8_t b[sizeof Q];

	(void)s;
	memcpy(b, Q, sizeof Q);
	b[38] = 0;
	b[39] = 3; /* UDP length 3 */
	nf_dissect(&P, NF_LINKTYPE_ETHERNET, b, sizeof b, sizeof b);
	assert_non_null(strstr(line(), "[malformed udp at offset 38: bad length: UDP length below the 8-byte header]"));
	assert_non_null(strstr(ndjson(), "\"_errors\":[{\"proto\":\"udp\",\"kind\":\"malformed\",\"offset\":38,"));
}

static void test_ndjson(void **s)
{
	const char *j;

	(void)s;
	nf_dissect(&P, NF_LINKTYPE_ETHERNET, Q, sizeof Q, sizeof Q);
	j = ndjson();
	assert_non_null(strstr(j, "{\"frame.number\":1,\"frame.len\":63,\"frame.cap_len\":63,"
				  "\"frame.protocols\":\"eth:ip:udp:dns\""));
	assert_non_null(strstr(j, "\"eth.src\":\"02:00:00:00:00:01\""));
	assert_non_null(strstr(j, "\"eth.type\":\"0x0800\""));
	assert_non_null(strstr(j, "\"ip.src\":\"192.0.2.1\""));
	assert_non_null(strstr(j, "\"ip.ttl\":64"));
	assert_non_null(strstr(j, "\"udp.dstport\":53"));
	assert_non_null(strstr(j, "\"dns.qry.name\":\"\\\"\\\\\\u0001\""));
	assert_int_equal(j[strlen(j) - 1], '\n');
}

/* layers_only (dissect --stats): the same layers and statuses, no fields. */
static void test_layers_only(void **s)
{
	for (size_t k = 0; k <= sizeof Q; k++) {
		struct nf_layer want[NF_MAX_LAYERS];
		int n;

		(void)s;
		P.layers_only = false;
		n = nf_dissect(&P, NF_LINKTYPE_ETHERNET, Q, k, sizeof Q);
		memcpy(want, P.layers, sizeof want);
		P.layers_only = true;
		assert_int_equal(nf_dissect(&P, NF_LINKTYPE_ETHERNET, Q, k, sizeof Q), n);
		assert_int_equal(P.nfields, 0);
		for (int i = 0; i < n; i++) {
			assert_string_equal(P.layers[i].proto, want[i].proto);
			assert_int_equal(P.layers[i].status, want[i].status);
			assert_int_equal(P.layers[i].err_off, want[i].err_off);
		}
	}
	P.layers_only = false;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_line), cmocka_unit_test(test_malformed_offset), cmocka_unit_test(test_ndjson),
		cmocka_unit_test(test_layers_only),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
