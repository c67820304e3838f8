/* The real capture tests/data/odid_wifi_bcn_sample.pcap (Open Drone ID
 * beacons, radiotap): the first beacon decodes to the values tshark 4.0
 * shows for it, and every packet dissects without a problem. */
#include <pcap/pcap.h>
#include <stdlib.h>

#include "wifi_test_util.h"

static const char *capture(void)
{
	const char *p = getenv("NETFUZZ_WIFI_CAPTURE");

	return p ? p : "tests/data/odid_wifi_bcn_sample.pcap";
}

static void test_first_beacon(void **state)
{
	char err[PCAP_ERRBUF_SIZE];
	struct pcap_pkthdr *h;
	const u_char *data;
	pcap_t *p = pcap_open_offline(capture(), err);

	(void)state;
	if (!p)
		fail_msg("%s", err);
	assert_int_equal(pcap_datalink(p), NF_LINKTYPE_IEEE802_11_RADIOTAP);
	assert_int_equal(pcap_next_ex(p, &h, &data), 1);
	nf_dissect(&pkt, pcap_datalink(p), data, h->caplen, h->len);
	for (unsigned i = 0; i < pkt.nlayers; i++)
		assert_int_equal(pkt.layers[i].status, NF_LAYER_OK);
	/* tshark -T fields on packet 1 */
	assert_int_equal(u("radiotap.present.word"), 0x0000182e);
	assert_int_equal(u("radiotap.channel.freq"), 2437);
	assert_int_equal(need("radiotap.dbm_antsignal")->v.i, -33);
	assert_int_equal(u("wlan.fc.type_subtype"), 0x0008);
	assert_mac("wlan.sa", "84:cc:a8:60:43:24");
	assert_mac("wlan.da", "ff:ff:ff:ff:ff:ff");
	assert_mac("wlan.bssid", "84:cc:a8:60:43:24");
	assert_int_equal(u("wlan.seq"), 208);
	assert_int_equal(u("wlan.fixed.beacon"), 3000);
	assert_int_equal(u("wlan.fixed.capabilities"), 0x0421);
	assert_str("wlan.ssid", "GBR-OP-123ABCD");
	assert_int_equal(u("wlan.ds.current_channel"), 6);
	assert_int_equal(count("wlan.tag.number"), 3);
	assert_int_equal(nth("wlan.tag.number", 2)->v.u, 221);
	assert_int_equal(nth("wlan.tag.length", 2)->v.u, 133);
	assert_int_equal(u("wlan.tag.oui"), 16387004); /* FA:0B:BC, ASD-STAN */
	assert_int_equal(u("wlan.tag.vendor.oui.type"), 13);
	pcap_close(p);
}

static void test_all_packets_clean(void **state)
{
	char err[PCAP_ERRBUF_SIZE];
	struct pcap_pkthdr *h;
	const u_char *data;
	pcap_t *p = pcap_open_offline(capture(), err);
	int n = 0;

	(void)state;
	if (!p)
		fail_msg("%s", err);
	while (pcap_next_ex(p, &h, &data) == 1) {
		nf_dissect(&pkt, pcap_datalink(p), data, h->caplen, h->len);
		assert_int_equal(pkt.nlayers, 3); /* radiotap, wlan, wlan.mgt */
		for (unsigned i = 0; i < pkt.nlayers; i++)
			assert_int_equal(pkt.layers[i].status, NF_LAYER_OK);
		assert_false(pkt.overflow);
		n++;
	}
	assert_int_equal(n, 21);
	pcap_close(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_first_beacon),
		cmocka_unit_test(test_all_packets_clean),
	};
	return cmocka_run_group_tests_name("frame_wifi_capture", tests, NULL, NULL);
}
