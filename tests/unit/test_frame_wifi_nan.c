/* Wi-Fi Aware (NAN v4) attributes and frames on spec-derived bytes:
 * attribute TLVs (1-byte id, 16-bit little-endian length), the Service
 * Descriptor with every optional field, SDEA, Device Capability,
 * Availability, CSIA/SCIA, DCEA/NIRA/NPBA and the missing-DCEA note, SDF
 * and NAF frames, the NAN IE in a beacon, and hostile lengths. */
#include "wifi_test_util.h"

static void attrs(const uint8_t *b, size_t n)
{
	struct nf_cur c;

	nf_packet_reset(&pkt, -1, n, n);
	nf_cur_init(&c, b, n);
	nf_dissect_nan_attr_list(&pkt, &c);
}
#define ATTRS(arr) attrs((arr), sizeof(arr))

#define SID 0x8a, 0x1b, 0xd3, 0xc4, 0xe5, 0xf6

static void test_master_cluster_sidl(void **state)
{
	static const uint8_t b[] = {0x00, 2, 0, 0x80, 0x42,
				    0x01, 13, 0, 0x80, 0x42, 0x02, 0, 0, 0xaa, 0xbb, 0xcc, 0x00, 0, 0, 0x12, 0x34,
				    0x02, 12, 0, SID, 1, 2, 3, 4, 5, 6};
	(void)state;
	ATTRS(b);
	assert_int_equal(layer("nan")->status, NF_LAYER_OK);
	assert_int_equal(count("nan.attribute.type"), 3);
	assert_int_equal(u("nan.master_indication.preference"), 0x80);
	assert_int_equal(u("nan.master_indication.random_factor"), 0x42);
	assert_int_equal(u("nan.cluster.anchor_master_rank"), 0x8042020000aabbccULL);
	assert_int_equal(u("nan.cluster.beacon_transmission_time"), 0x1234);
	assert_int_equal(count("nan.service_id"), 2);
}

static void test_service_descriptor_all_optional_fields(void **state)
{
	/* control 0x5c: matching filter, SRF, service info, binding bitmap;
	 * type publish (0). */
	static const uint8_t b[] = {0x03, 31, 0, SID, 0x01, 0x00, 0x5c, 0x01, 0x00,
				    6, 2, 'a', 'b', 2, 'c', 'd',
				    7, 0x00, 0x02, 0, 0, 0, 0x0b, 0x02,
				    4, 'i', 'n', 'f', 'o'};
	(void)state;
	ATTRS(b);
	assert_int_equal(layer("nan")->status, NF_LAYER_OK);
	assert_int_equal(u("nan.instance_id"), 1);
	assert_int_equal(u("nan.sda.sc"), 0x5c);
	assert_int_equal(u("nan.sda.sc.type"), 0);
	assert_int_equal(u("nan.sda.binding_bitmap"), 1);
	assert_int_equal(count("nan.sda.matching_filter_val"), 2);
	assert_memory_equal(nth("nan.sda.matching_filter_val", 1)->v.ptr, "cd", 2);
	assert_int_equal(u("nan.sda.srf_ctr"), 0);
	assert_int_equal(need("nan.sda.srf_address_set")->len, 6);
	assert_int_equal(u("nan.sda.service_info_len"), 4);
	assert_memory_equal(need("nan.sda.service_info")->v.ptr, "info", 4);
}

static void test_sdea_devcap_availability(void **state)
{
	static const uint8_t b[] = {
		/* SDEA: instance 1, control = data path|security|range limit|update */
		0x0e, 14, 0, 0x01, 0x44, 0x03, 100, 0, 200, 0, 3, 4, 0, 0x50, 0x6f, 0x9a, 0x02,
		/* Device Capability (9) */
		0x0f, 9, 0, 0x00, 0x11, 0x00, 0x14, 0x01, 0x22, 0x88, 0x13, 0x01,
		/* Availability: seq 1, ctl 0x0010; entry len 10: ctl 0x1001, tb ctl, len 4, bitmap, bands */
		0x12, 15, 0, 1, 0x10, 0x00, 10, 0, 0x01, 0x10, 0x18, 0x00, 4, 0xff, 0, 0, 0, 0x10};
	(void)state;
	ATTRS(b);
	assert_int_equal(layer("nan")->status, NF_LAYER_OK);
	assert_int_equal(u("nan.sdea.ctr"), 0x0344);
	assert_true(u("nan.sdea.ctr_security"));
	assert_int_equal(u("nan.sdea.range_limit_egress"), 200);
	assert_int_equal(u("nan.sdea.service_update_indicator"), 3);
	assert_int_equal(u("nan.sdea.service_info_len"), 4);
	assert_int_equal(u("nan.sdea.service_info_protocol_type"), 2);
	assert_int_equal(u("nan.device_cap.max_channel_switch_time"), 5000);
	assert_int_equal(u("nan.device_cap.supported_bands"), 0x14);
	assert_int_equal(u("nan.availability.entry.ctr.type"), 1);
	assert_true(u("nan.availability.entry.ctr.time_bitmap"));
	assert_int_equal(u("nan.time_bitmap.len"), 4);
	assert_int_equal(u("nan.availability.entry.entries.num_entries"), 1);
}

static void test_security_attributes(void **state)
{
	static const uint8_t b[] = {0x22, 5, 0, 0x00, 0x01, 0x01, 0x02, 0x01,
				    0x23, 6, 0, 2, 0, 1, 7, 0xaa, 0xbb,
				    0x2a, 2, 0, 0x00, 0x03,
				    0x2b, 17, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
				    0x2c, 5, 0, 7, 0x00, 0x00, 0x03, 0x00,
				    0xdd, 5, 0, 0x00, 0x17, 0xf2, 'h', 'i'};
	(void)state;
	ATTRS(b);
	assert_int_equal(layer("nan")->status, NF_LAYER_OK);
	assert_int_equal(count("nan.cipher_suite.id"), 2);
	assert_int_equal(u("nan.security_context.identifier_type"), 1);
	assert_int_equal(u("nan.security_context.identifier_len"), 2);
	assert_true(u("nan.device_capability_extension.pairing_setup_enabled"));
	assert_true(u("nan.device_capability_extension.npk_nik_cache_enabled"));
	assert_int_equal(need("nan.identity_resolution.tag")->len, 8);
	assert_int_equal(u("nan.pairing_bootstrapping.methods"), 3);
	assert_int_equal(u("nan.pairing_bootstrapping.type"), 0);
	assert_int_equal(need("nan.vendor_specific.body")->len, 2);
	assert_false(has_note("nan:"));
}

static void test_pairing_without_dcea_is_noted(void **state)
{
	static const uint8_t no_dcea[] = {0x2c, 5, 0, 7, 0x00, 0x00, 0x03, 0x00};
	static const uint8_t bit_clear[] = {0x2a, 2, 0, 0x00, 0x00, 0x2c, 5, 0, 7, 0x00, 0x00, 0x03, 0x00};
	/* response (2) with comeback (2): comeback-after + cookie */
	static const uint8_t comeback[] = {0x2a, 2, 0, 0x00, 0x01, 0x2c, 12, 0, 8, 0x22, 0, 0x2c, 0x01, 4, 'c', 'o',
					   'o', 'k', 0, 0};
	(void)state;
	ATTRS(no_dcea);
	assert_true(has_note("nan: pairing attribute (NIRA 0x2B / NPBA 0x2C) without"));
	ATTRS(bit_clear);
	assert_true(has_note("nan: pairing attribute present but DCEA Pairing Setup Enabled bit is clear"));
	ATTRS(comeback);
	assert_int_equal(layer("nan")->status, NF_LAYER_OK);
	assert_false(has_note("nan:"));
	assert_int_equal(u("nan.pairing_bootstrapping.comeback_after"), 300);
	assert_int_equal(u("nan.pairing_bootstrapping.cookie_len"), 4);
}

static void test_hostile_lengths(void **state)
{
	static const uint8_t past[] = {0x00, 2, 0, 0x80, 0x42, 0x03, 0xff, 0x00, SID};
	static const uint8_t cut[] = {0x00, 2, 0, 0x80, 0x42, 0x12, 0x01};
	static const uint8_t sda_short[] = {0x03, 6, 0, SID};
	static const uint8_t sinfo_past[] = {0x03, 11, 0, SID, 1, 0, 0x10, 50, 'x'};
	static const uint8_t scia_past[] = {0x23, 8, 0, 0x2c, 0x01, 1, 1, 0, 0, 0, 0};
	static const uint8_t avail_past[] = {0x12, 7, 0, 1, 0, 0, 40, 0, 0x00, 0x10};
	uint8_t many[3 * (NF_MAX_TLV_ITEMS + 5)] = {0};

	(void)state;
	ATTRS(past);
	assert_int_equal(layer("nan")->status, NF_LAYER_MALFORMED);
	assert_int_equal(layer("nan")->err_off, 6);
	assert_int_equal(count("nan.attribute.type"), 1); /* like tshark: no type for the bad one */
	ATTRS(cut);
	assert_int_equal(layer("nan")->status, NF_LAYER_MALFORMED);
	ATTRS(sda_short);
	assert_string_equal(layer("nan")->err, "NAN Service Descriptor attribute shorter than its fixed fields");
	ATTRS(sinfo_past);
	assert_string_equal(layer("nan")->err, "NAN service info length past the attribute");
	ATTRS(scia_past);
	assert_string_equal(layer("nan")->err, "NAN security context identifier length past the attribute");
	ATTRS(avail_past);
	assert_string_equal(layer("nan")->err, "NAN availability entry length past the attribute");
	for (size_t i = 0; i < sizeof many; i += 3)
		many[i] = 0x05;
	ATTRS(many);
	/* 2 fields per attribute: the model fills up first (flagged), the walk
	 * still stops at the bound */
	assert_true(pkt.overflow);
	assert_non_null(strstr(layer("nan")->err, "NF_MAX_TLV_ITEMS"));
}

#define HDR_ACTION 0xd0, 0x00, 0, 0, 0x51, 0x6f, 0x9a, 0x01, 0x00, 0x00, 0x02, 0, 0, 0, 0x0b, 0x02, 0x50, 0x6f, \
		   0x9a, 0x01, 0xab, 0x12, 0x70, 0x03

static void test_sdf_naf_frames(void **state)
{
	static const uint8_t sdf[] = {HDR_ACTION, 4, 9, 0x50, 0x6f, 0x9a, 0x13, 0x03, 9, 0, SID, 1, 0, 0x01};
	static const uint8_t naf[] = {HDR_ACTION, 4, 9, 0x50, 0x6f, 0x9a, 0x18, 0x0d, 0x2c, 5, 0, 7, 0x10, 0, 3, 0};
	(void)state;
	DISSECT_80211(sdf);
	assert_int_equal(u("wlan.fc.type_subtype"), 0x0d);
	assert_int_equal(u("wlan.fixed.category_code"), 4);
	assert_int_equal(u("wlan.fixed.publicact"), 9);
	assert_int_equal(u("wlan.tag.oui"), 0x506f9a);
	assert_int_equal(u("wlan.tag.vendor.oui.type"), 0x13);
	assert_int_equal(u("nan.attribute.type"), 3);
	assert_int_equal(u("nan.sda.sc.type"), 1); /* subscribe */
	assert_null(nf_find(&pkt, "nan.action.subtype"));
	DISSECT_80211(naf);
	assert_int_equal(u("nan.action.subtype"), 0x0d);
	assert_int_equal(u("nan.attribute.type"), 0x2c);
	assert_true(has_note("nan: pairing attribute (NIRA"));
}

static void test_nan_ie_in_beacon(void **state)
{
	static const uint8_t f[] = {0x80, 0x00, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02, 0, 0, 0, 0x0b, 0x02,
				    0x50, 0x6f, 0x9a, 0x01, 0xab, 0x12, 0x00, 0x01, 0, 0, 0, 0, 0, 0, 0, 0,
				    0x00, 0x02, 0x20, 0x00, 221, 9, 0x50, 0x6f, 0x9a, 0x13, 0x00, 2, 0, 0x80, 0x42,
				    3, 1, 6};
	(void)state;
	DISSECT_80211(f);
	assert_int_equal(layer("wlan.mgt")->status, NF_LAYER_OK);
	assert_int_equal(u("nan.attribute.type"), 0);
	assert_int_equal(u("nan.master_indication.preference"), 0x80);
	assert_int_equal(u("wlan.ds.current_channel"), 6); /* the walk continued after the NAN IE */
	assert_int_equal(u("wlan.fixed.beacon"), 512);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_master_cluster_sidl),
		cmocka_unit_test(test_service_descriptor_all_optional_fields),
		cmocka_unit_test(test_sdea_devcap_availability),
		cmocka_unit_test(test_security_attributes),
		cmocka_unit_test(test_pairing_without_dcea_is_noted),
		cmocka_unit_test(test_hostile_lengths),
		cmocka_unit_test(test_sdf_naf_frames),
		cmocka_unit_test(test_nan_ie_in_beacon),
	};
	return cmocka_run_group_tests_name("frame_wifi_nan", tests, NULL, NULL);
}
