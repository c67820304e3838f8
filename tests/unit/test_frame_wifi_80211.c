/* IEEE 802.11 MAC frames (LINKTYPE_IEEE802_11) on spec-derived bytes
 * (IEEE 802.11-2020 clause 9): the four data address layouts, QoS data
 * with LLC/SNAP, control frames with one and two addresses, management
 * frames with their elements (SSID, rates, DS, TIM, RSN, HT), the Apple
 * WAC IE, and truncated/hostile variants. */
#include "wifi_test_util.h"

#define A_AP 0x02, 0x00, 0x00, 0x00, 0x0a, 0x01
#define A_STA 0x02, 0x00, 0x00, 0x00, 0x0b, 0x02
#define A_X 0x02, 0x00, 0x00, 0x00, 0x0c, 0x03
#define A_Y 0x02, 0x00, 0x00, 0x00, 0x0d, 0x04
#define BCAST 0xff, 0xff, 0xff, 0xff, 0xff, 0xff
#define SEQ 0x41, 0x06 /* frag 1, seq 100 */
/* LLC/SNAP IPv4, then a 20-byte IPv4 header (proto 253) with no payload */
#define SNAP_IP 0xaa, 0xaa, 0x03, 0x00, 0x00, 0x00, 0x08, 0x00, 0x45, 0x00, 0x00, 0x14, 0x00, 0x01, 0x00, 0x00, \
		0x40, 0xfd, 0x00, 0x00, 192, 0, 2, 1, 198, 51, 100, 7

static void test_data_address_layouts(void **state)
{
	/* Table 9-30: (ToDS,FromDS) = (0,0) A1=DA A2=SA A3=BSSID; (0,1) A1=DA
	 * A2=BSSID A3=SA; (1,0) A1=BSSID A2=SA A3=DA; (1,1) RA TA DA SA. */
	static const uint8_t d00[] = {0x08, 0x00, 0, 0, A_X, A_STA, A_AP, SEQ};
	static const uint8_t d01[] = {0x08, 0x02, 0, 0, A_STA, A_AP, A_Y, SEQ};
	static const uint8_t d10[] = {0x08, 0x01, 0, 0, A_AP, A_STA, A_Y, SEQ};
	static const uint8_t d11[] = {0x08, 0x03, 0, 0, A_AP, A_X, A_Y, SEQ, A_STA};
	(void)state;
	DISSECT_80211(d00);
	assert_mac("wlan.da", "02:00:00:00:0c:03");
	assert_mac("wlan.sa", "02:00:00:00:0b:02");
	assert_mac("wlan.bssid", "02:00:00:00:0a:01");
	assert_int_equal(u("wlan.seq"), 100);
	assert_int_equal(u("wlan.frag"), 1);
	DISSECT_80211(d01);
	assert_mac("wlan.da", "02:00:00:00:0b:02");
	assert_mac("wlan.bssid", "02:00:00:00:0a:01");
	assert_mac("wlan.sa", "02:00:00:00:0d:04");
	assert_true(u("wlan.fc.fromds"));
	DISSECT_80211(d10);
	assert_mac("wlan.bssid", "02:00:00:00:0a:01");
	assert_mac("wlan.sa", "02:00:00:00:0b:02");
	assert_mac("wlan.da", "02:00:00:00:0d:04");
	assert_mac("wlan.ra", "02:00:00:00:0a:01");
	assert_mac("wlan.ta", "02:00:00:00:0b:02");
	DISSECT_80211(d11);
	assert_mac("wlan.ra", "02:00:00:00:0a:01");
	assert_mac("wlan.ta", "02:00:00:00:0c:03");
	assert_mac("wlan.da", "02:00:00:00:0d:04");
	assert_mac("wlan.sa", "02:00:00:00:0b:02");
	assert_null(nf_find(&pkt, "wlan.bssid"));
	assert_int_equal(u("wlan.fc.ds"), 3);
}

static void test_qos_data_llc_snap_ip(void **state)
{
	static const uint8_t f[] = {0x88, 0x01, 0, 0, A_AP, A_STA, A_Y, SEQ, 0x05, 0x00, SNAP_IP};
	(void)state;
	DISSECT_80211(f);
	assert_int_equal(u("wlan.fc.type_subtype"), 0x28);
	assert_int_equal(u("wlan.qos.tid"), 5);
	assert_int_equal(u("llc.type"), 0x0800);
	assert_non_null(nf_find_layer(&pkt, "ip"));
	assert_int_equal(u("ip.proto"), 253);
}

static void test_control_frames(void **state)
{
	static const uint8_t ack[] = {0xd4, 0x00, 0, 0, A_STA};
	static const uint8_t rts[] = {0xb4, 0x00, 0x2c, 0x01, A_AP, A_STA};
	static const uint8_t pspoll[] = {0xa4, 0x10, 0x01, 0xc0, A_AP, A_STA};
	static const uint8_t cts_cut[] = {0xc4, 0x00, 0, 0, 0x02, 0x00};
	(void)state;
	DISSECT_80211(ack);
	assert_int_equal(u("wlan.fc.type_subtype"), 0x1d);
	assert_mac("wlan.ra", "02:00:00:00:0b:02");
	assert_null(nf_find(&pkt, "wlan.ta"));
	DISSECT_80211(rts);
	assert_int_equal(u("wlan.fc.type_subtype"), 0x1b);
	assert_int_equal(u("wlan.duration"), 300);
	assert_mac("wlan.ra", "02:00:00:00:0a:01");
	assert_mac("wlan.ta", "02:00:00:00:0b:02");
	DISSECT_80211(pspoll);
	assert_mac("wlan.bssid", "02:00:00:00:0a:01");
	assert_mac("wlan.ta", "02:00:00:00:0b:02");
	assert_true(u("wlan.fc.pwrmgt"));
	DISSECT_80211(cts_cut);
	assert_int_equal(layer("wlan")->status, NF_LAYER_TRUNCATED);
}

/* Beacon: timestamp, interval 100, capability 0x0431, then elements. */
#define BEACON_HDR 0x80, 0x00, 0, 0, BCAST, A_AP, A_AP, SEQ, 1, 2, 3, 4, 5, 6, 7, 8, 0x64, 0x00, 0x31, 0x04
#define IE_RSN 48, 20, 1, 0, 0x00, 0x0f, 0xac, 0x04, 1, 0, 0x00, 0x0f, 0xac, 0x04, 1, 0, 0x00, 0x0f, 0xac, 0x08, \
	       0x0c, 0x00

static void test_beacon_elements(void **state)
{
	static const uint8_t f[] = {BEACON_HDR, 0, 4, 'n', 'f', 'a', 'p', 1, 2, 0x82, 0x84, 3, 1, 11,
				    5, 4, 0, 3, 0, 0x10, IE_RSN, 45, 26, 0xef, 0x01, 0, 0, 0, 0, 0, 0, 0, 0,
				    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 221, 5, 0x00, 0x50, 0xf2, 0x04, 0x10};
	(void)state;
	DISSECT_80211(f);
	assert_int_equal(layer("wlan.mgt")->status, NF_LAYER_OK);
	assert_int_equal(u("wlan.fc.type_subtype"), 0x08);
	assert_int_equal(u("wlan.fixed.beacon"), 100);
	assert_int_equal(u("wlan.fixed.capabilities"), 0x0431);
	assert_str("wlan.ssid", "nfap");
	assert_int_equal(count("wlan.supported_rates"), 2);
	assert_int_equal(nth("wlan.supported_rates", 1)->v.u, 0x84);
	assert_int_equal(u("wlan.ds.current_channel"), 11);
	assert_int_equal(u("wlan.tim.dtim_period"), 3);
	assert_int_equal(u("wlan.rsn.version"), 1);
	assert_int_equal(u("wlan.rsn.gcs"), 0x000fac04);
	assert_int_equal(u("wlan.rsn.pcs.count"), 1);
	assert_int_equal(u("wlan.rsn.akms.type"), 8); /* SAE */
	assert_int_equal(u("wlan.rsn.capabilities"), 0x000c);
	assert_int_equal(u("wlan.ht.capabilities"), 0x01ef);
	assert_int_equal(need("wlan.tag.data")->len, 26);
	assert_int_equal(u("wlan.tag.oui"), 0x0050f2);
	assert_int_equal(count("wlan.tag.number"), 7);
}

static void test_element_length_past_end(void **state)
{
	static const uint8_t f[] = {BEACON_HDR, 0, 2, 'o', 'k', 0, 0x40, 'a', 'b', 'c'};
	(void)state;
	DISSECT_80211(f);
	assert_int_equal(layer("wlan.mgt")->status, NF_LAYER_MALFORMED);
	assert_int_equal(layer("wlan.mgt")->err_off, sizeof f - 4);
	assert_str("wlan.ssid", "ok");
	/* cut by the snap length: truncated, not malformed */
	nf_dissect(&pkt, NF_LINKTYPE_IEEE802_11, f, sizeof f, sizeof f + 100);
	assert_int_equal(layer("wlan.mgt")->status, NF_LAYER_TRUNCATED);
}

static void test_rsn_count_past_element(void **state)
{
	static const uint8_t f[] = {BEACON_HDR, 48, 12, 1, 0, 0x00, 0x0f, 0xac, 0x04, 0x2c, 0x01, 0x00, 0x0f, 0xac, 0x04};
	(void)state;
	DISSECT_80211(f);
	assert_string_equal(layer("wlan.mgt")->err, "RSN pairwise cipher count larger than the element");
}

#define WAC_HDR 221
#define WAC_BODY 0x00, 0xa0, 0x40, 0x00, 0x00, 3, 0x40, 0x03, 0x48, 0x01, 4, 'L', 'a', 'm', 'p', 0x02, 4, 'A', 'c', \
		 'm', 'e', 0x03, 4, 'L', 'M', 'P', '1', 0x04, 3, 0x00, 0xa0, 0x40, 0x07, 6, 0xa1, 0xb2, 0xc3, 0xd4, \
		 0xe5, 0xf6, 0x09, 4, 0x1a, 0x2b, 0x3c, 0x4d

static void test_apple_wac_ie(void **state)
{
	static const uint8_t body[] = {WAC_BODY};
	static const uint8_t f[] = {BEACON_HDR, WAC_HDR, sizeof body, WAC_BODY};
	(void)state;
	DISSECT_80211(f);
	assert_int_equal(layer("wlan.mgt")->status, NF_LAYER_OK);
	assert_int_equal(u("wlan.tag.oui"), 0x00a040);
	assert_int_equal(u("wlan.apple_wac.flags_bits"), 0x40034800);
	assert_true(u("wlan.apple_wac.flags.unconfigured"));
	assert_false(u("wlan.apple_wac.flags.airplay"));
	assert_true(u("wlan.apple_wac.flags.homekit_v1"));
	assert_true(u("wlan.apple_wac.flags.wac2"));
	assert_str("wlan.apple_wac.name", "Lamp");
	assert_str("wlan.apple_wac.manufacturer", "Acme");
	assert_str("wlan.apple_wac.model", "LMP1");
	assert_int_equal(need("wlan.apple_wac.oui")->len, 3);
	assert_mac("wlan.apple_wac.device_id", "a1:b2:c3:d4:e5:f6");
	assert_memory_equal(need("wlan.apple_wac.setup_hash")->v.ptr, "\x1a\x2b\x3c\x4d", 4);
	assert_int_equal(count("wlan.apple_wac.subelement.id"), 7);
}

static void test_apple_wac_hostile(void **state)
{
	/* device ID of 3 bytes; then a name sub-element running past the IE */
	static const uint8_t bad_id[] = {BEACON_HDR, 221, 9, 0x00, 0xa0, 0x40, 0x00, 0x07, 3, 1, 2, 3};
	static const uint8_t past[] = {BEACON_HDR, 221, 10, 0x00, 0xa0, 0x40, 0x00, 0x01, 40, 'a', 'b', 'c', 'd',
				       3, 1, 6};
	(void)state;
	DISSECT_80211(bad_id);
	assert_string_equal(layer("wlan.mgt")->err, "WAC device ID sub-element is not 6 bytes");
	DISSECT_80211(past);
	assert_string_equal(layer("wlan.mgt")->err, "WAC sub-element length past the end of the element");
	/* the walk went on with the next element */
	assert_int_equal(u("wlan.ds.current_channel"), 6);
}

static void test_mgmt_fixed_fields(void **state)
{
	static const uint8_t deauth[] = {0xc0, 0x00, 0, 0, A_STA, A_AP, A_AP, SEQ, 0x03, 0x00};
	static const uint8_t auth[] = {0xb0, 0x00, 0, 0, A_AP, A_STA, A_AP, SEQ, 0, 0, 2, 0, 0, 0};
	static const uint8_t reassoc[] = {0x20, 0x00, 0, 0, A_AP, A_STA, A_AP, SEQ, 0x31, 0x04, 10, 0, A_X, 0, 1, 'x'};
	static const uint8_t beacon_cut[] = {BEACON_HDR};
	(void)state;
	DISSECT_80211(deauth);
	assert_int_equal(u("wlan.fixed.reason_code"), 3);
	DISSECT_80211(auth);
	assert_int_equal(u("wlan.fixed.auth_seq"), 2);
	DISSECT_80211(reassoc);
	assert_mac("wlan.fixed.current_ap", "02:00:00:00:0c:03");
	assert_str("wlan.ssid", "x");
	nf_dissect(&pkt, NF_LINKTYPE_IEEE802_11, beacon_cut, sizeof beacon_cut - 3, sizeof beacon_cut);
	assert_int_equal(layer("wlan.mgt")->status, NF_LAYER_TRUNCATED);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_data_address_layouts),
		cmocka_unit_test(test_qos_data_llc_snap_ip),
		cmocka_unit_test(test_control_frames),
		cmocka_unit_test(test_beacon_elements),
		cmocka_unit_test(test_element_length_past_end),
		cmocka_unit_test(test_rsn_count_past_element),
		cmocka_unit_test(test_apple_wac_ie),
		cmocka_unit_test(test_apple_wac_hostile),
		cmocka_unit_test(test_mgmt_fixed_fields),
	};
	return cmocka_run_group_tests_name("frame_wifi_80211", tests, NULL, NULL);
}
