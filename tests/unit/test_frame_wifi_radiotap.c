/* Radiotap (radiotap.org) on spec-derived bytes: field decoding, natural
 * alignment from the header start, extended presence words, vendor
 * namespaces, FCS at end, and hostile headers. */
#include "wifi_test_util.h"

/* An Ack frame (IEEE 802.11-2020 9.3.1.4): FC d4 00, duration, RA. */
#define ACK 0xd4, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x0b, 0x02

static void test_basic_fields(void **state)
{
	/* Header of the real capture's first packet: present 0x0000182e =
	 * flags, rate, channel, dBm signal, antenna, dB signal; channel needs
	 * no pad at offset 10. */
	static const uint8_t f[] = {0x00, 0xb5, 0x11, 0x00, 0x2e, 0x18, 0x00, 0x00, 0x00, 0x02, 0x85, 0x09,
				    0xa0, 0x00, 0xdf, 0x01, 0x04, ACK};
	(void)state;
	DISSECT_RT(f);
	assert_int_equal(layer("radiotap")->status, NF_LAYER_OK);
	assert_int_equal(u("radiotap.length"), 17);
	assert_int_equal(u("radiotap.present.word"), 0x182e);
	assert_int_equal(u("radiotap.datarate"), 1);
	assert_int_equal(u("radiotap.channel.freq"), 2437);
	assert_int_equal(u("radiotap.channel.flags"), 0xa0);
	assert_int_equal(need("radiotap.dbm_antsignal")->v.i, -33);
	assert_int_equal(u("radiotap.antenna"), 1);
	assert_int_equal(u("radiotap.db_antsignal"), 4);
	assert_int_equal(u("wlan.fc.type_subtype"), 0x1d);
	assert_mac("wlan.ra", "02:00:00:00:0b:02");
}

static void test_misaligned_fields_are_padded(void **state)
{
	/* Flags at 8 (1 byte); Channel (align 2) skips byte 9; dBm signal at
	 * 14; Lock quality (align 2) skips 15; XChannel (align 4) at 20. */
	static const uint8_t f[] = {0x00, 0x00, 0x1c, 0x00, 0xaa, 0x00, 0x04, 0x00,
				    0x10, 0xee, 0x6c, 0x09, 0xa0, 0x00, 0xd0, 0xee, 0x4d, 0x00, 0xee, 0xee,
				    0x80, 0x04, 0x00, 0x00, 0x6c, 0x09, 0x01, 0x14,
				    ACK, 0x11, 0x22, 0x33, 0x44};
	(void)state;
	/* present = flags(1) channel(3) dbm_antsignal(5) lock(7) xchannel(18) */
	DISSECT_RT(f);
	assert_int_equal(u("radiotap.present.word"), (1u << 1) | (1u << 3) | (1u << 5) | (1u << 7) | (1u << 18));
	assert_int_equal(u("radiotap.channel.freq"), 2412);
	assert_int_equal(need("radiotap.dbm_antsignal")->v.i, -48);
	assert_int_equal(u("radiotap.quality"), 77);
	assert_int_equal(u("radiotap.xchannel.flags"), 0x480);
	assert_int_equal(u("radiotap.xchannel.freq"), 2412);
	assert_int_equal(u("radiotap.xchannel.channel"), 1);
	/* flags 0x10: the last 4 bytes are the FCS (here wrong on purpose) */
	assert_true(u("radiotap.flags.fcs"));
	assert_int_equal(u("wlan.fcs"), 0x44332211);
	assert_int_equal(u("wlan.fcs.status"), 0);
	assert_true(has_note("wlan: FCS does not match"));
}

static void test_tsft_aligned_after_extended_words(void **state)
{
	/* word0: flags + radiotap-ns + ext; word1: TSFT.  Data starts at 12:
	 * flags at 12, TSFT aligned to 16. */
	static const uint8_t f[] = {0x00, 0x00, 0x18, 0x00, 0x02, 0x00, 0x00, 0xa0, 0x01, 0x00, 0x00, 0x00,
				    0x00, 0xee, 0xee, 0xee, 0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01, ACK};
	(void)state;
	DISSECT_RT(f);
	assert_int_equal(count("radiotap.present.word"), 2);
	assert_int_equal(u("radiotap.mactime"), 0x0102030405060708ULL);
	assert_int_equal(u("wlan.fc.type_subtype"), 0x1d);
}

static void test_extended_radiotap_namespace_repeats_fields(void **state)
{
	/* Per-antenna signal: word0 dBm signal + ns29 + ext, word1 dBm signal
	 * + antenna.  Fields repeat in packet order. */
	static const uint8_t f[] = {0x00, 0x00, 0x0f, 0x00, 0x20, 0x00, 0x00, 0xa0, 0x20, 0x08, 0x00, 0x00,
				    0xd8, 0xd6, 0x01, ACK};
	(void)state;
	DISSECT_RT(f);
	assert_int_equal(count("radiotap.dbm_antsignal"), 2);
	assert_int_equal(nth("radiotap.dbm_antsignal", 0)->v.i, -40);
	assert_int_equal(nth("radiotap.dbm_antsignal", 1)->v.i, -42);
	assert_int_equal(u("radiotap.antenna"), 1);
}

static void test_vendor_namespace_skipped(void **state)
{
	/* word0 flags + vendor-ns + ext; word1 (vendor) back to radiotap ns +
	 * ext; word2 antenna.  Flags at 16, vendor header (align 2) at 18,
	 * 3 bytes of vendor data, antenna at 27. */
	static const uint8_t f[] = {0x00, 0x00, 0x1c, 0x00, 0x02, 0x00, 0x00, 0xc0, 0xff, 0x00, 0x00, 0xa0,
				    0x00, 0x08, 0x00, 0x00, 0x00, 0xee, 0x00, 0x11, 0x22, 0x07, 0x03, 0x00,
				    'V', 'V', 'V', 0x05, ACK};
	(void)state;
	DISSECT_RT(f);
	assert_int_equal(layer("radiotap")->status, NF_LAYER_OK);
	assert_int_equal(u("radiotap.vendor_subns"), 7);
	assert_int_equal(u("radiotap.vendor_data_len"), 3);
	assert_int_equal(u("radiotap.antenna"), 5);
	assert_int_equal(u("wlan.fc.type_subtype"), 0x1d);
}

static void test_unknown_bit_stops_cleanly(void **state)
{
	/* word1 continues the radiotap namespace: its bit 0 is field 32, of
	 * unknown size.  Field decoding stops; it_len still finds the frame. */
	static const uint8_t f[] = {0x00, 0x00, 0x0e, 0x00, 0x02, 0x00, 0x00, 0x80, 0x01, 0x00, 0x00, 0x00,
				    0x00, 0x99, ACK};
	(void)state;
	DISSECT_RT(f);
	assert_int_equal(layer("radiotap")->status, NF_LAYER_OK);
	assert_true(has_note("radiotap: undefined field bit"));
	assert_int_equal(u("wlan.fc.type_subtype"), 0x1d);
}

static void test_length_past_capture(void **state)
{
	static const uint8_t f[] = {0x00, 0x00, 0xc8, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00};
	(void)state;
	DISSECT_RT(f);
	assert_int_equal(layer("radiotap")->status, NF_LAYER_MALFORMED);
	assert_int_equal(layer("radiotap")->err_off, 2);
	assert_null(nf_find_layer(&pkt, "wlan"));
	/* The same bytes cut short by the snap length are truncated. */
	nf_dissect(&pkt, NF_LINKTYPE_IEEE802_11_RADIOTAP, f, sizeof f, 300);
	assert_int_equal(layer("radiotap")->status, NF_LAYER_TRUNCATED);
}

static void test_present_chain_past_bound(void **state)
{
	uint8_t f[4 + 4 * (NF_MAX_RADIOTAP_PRESENT_WORDS + 2)] = {0};

	(void)state;
	f[2] = sizeof f;
	for (size_t i = 4; i < sizeof f; i += 4)
		f[i + 3] = 0x80; /* bit 31 on every word */
	DISSECT_RT(f);
	assert_int_equal(layer("radiotap")->status, NF_LAYER_MALFORMED);
	assert_non_null(strstr(layer("radiotap")->err, "NF_MAX_RADIOTAP_PRESENT_WORDS"));
	assert_int_equal(count("radiotap.present.word"), NF_MAX_RADIOTAP_PRESENT_WORDS);
}

static void test_hostile_headers(void **state)
{
	static const uint8_t past_len[] = {0x00, 0x00, 0x0c, 0x00, 0x00, 0x00, 0x00, 0x80, 0x00, 0x00, 0x00, 0x80};
	static const uint8_t field_past[] = {0x00, 0x00, 0x0a, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, ACK};
	static const uint8_t too_short[] = {0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00};
	static const uint8_t version[] = {0x01, 0x00, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, ACK};
	static const uint8_t both_ns[] = {0x00, 0x00, 0x0c, 0x00, 0x00, 0x00, 0x00, 0xe0, 0x00, 0x00, 0x00, 0x00, ACK};
	static const uint8_t cut[] = {0x00, 0x00, 0x08};
	(void)state;
	DISSECT_RT(past_len);
	assert_string_equal(layer("radiotap")->err, "radiotap presence words run past it_len");
	DISSECT_RT(field_past);
	assert_string_equal(layer("radiotap")->err, "radiotap field runs past it_len");
	assert_int_equal(layer("radiotap")->err_off, 8);
	DISSECT_RT(too_short);
	assert_int_equal(layer("radiotap")->status, NF_LAYER_MALFORMED);
	DISSECT_RT(version);
	assert_int_equal(layer("radiotap")->status, NF_LAYER_MALFORMED);
	DISSECT_RT(both_ns);
	assert_int_equal(layer("radiotap")->status, NF_LAYER_MALFORMED);
	DISSECT_RT(cut);
	assert_int_equal(layer("radiotap")->status, NF_LAYER_TRUNCATED);
}

static void test_fcs_good(void **state)
{
	/* Ack to 02:00:00:00:0b:02 with its CRC-32 (zlib.crc32 = 0xf5425ea9). */
	static const uint8_t f[] = {0x00, 0x00, 0x09, 0x00, 0x02, 0x00, 0x00, 0x00, 0x10, ACK,
				    0xa9, 0x5e, 0x42, 0xf5};
	(void)state;
	DISSECT_RT(f);
	assert_int_equal(u("wlan.fcs"), 0xf5425ea9);
	assert_int_equal(u("wlan.fcs.status"), 1);
	assert_false(has_note("wlan: FCS"));
}

static void test_tlvs_after_bit28(void **state)
{
	/* present: flags, TLV (28).  Flags at 8; TLVs from 12 (4-aligned):
	 * TSFT (type 0, 8 bytes), dBm signal (type 5, 1 byte + 3 pad), an
	 * unknown type 40 skipped by its length. */
	static const uint8_t f[] = {0x00, 0x00, 0x28, 0x00, 0x02, 0x00, 0x00, 0x10, 0x00, 0xee, 0xee, 0xee,
				    0x00, 0x00, 0x08, 0x00, 0x34, 0x12, 0, 0, 0, 0, 0, 0,
				    0x05, 0x00, 0x01, 0x00, 0xcd, 0, 0, 0,
				    0x28, 0x00, 0x02, 0x00, 'z', 'z', 0, 0, ACK};
	static const uint8_t past[] = {0x00, 0x00, 0x10, 0x00, 0x00, 0x00, 0x00, 0x10,
				       0x00, 0x00, 0x50, 0x00, 0, 0, 0, 0, ACK};
	static const uint8_t badlen[] = {0x00, 0x00, 0x10, 0x00, 0x00, 0x00, 0x00, 0x10,
					 0x05, 0x00, 0x02, 0x00, 0xcd, 0xcd, 0, 0, ACK};
	(void)state;
	DISSECT_RT(f);
	assert_int_equal(layer("radiotap")->status, NF_LAYER_OK);
	assert_int_equal(u("radiotap.mactime"), 0x1234);
	assert_int_equal(need("radiotap.dbm_antsignal")->v.i, -51);
	assert_int_equal(count("radiotap.tlv.type"), 3);
	assert_int_equal(u("wlan.fc.type_subtype"), 0x1d);
	DISSECT_RT(past);
	assert_string_equal(layer("radiotap")->err, "radiotap TLV runs past it_len");
	DISSECT_RT(badlen);
	assert_string_equal(layer("radiotap")->err, "radiotap TLV length differs from its field's size");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_basic_fields),
		cmocka_unit_test(test_misaligned_fields_are_padded),
		cmocka_unit_test(test_tsft_aligned_after_extended_words),
		cmocka_unit_test(test_extended_radiotap_namespace_repeats_fields),
		cmocka_unit_test(test_vendor_namespace_skipped),
		cmocka_unit_test(test_unknown_bit_stops_cleanly),
		cmocka_unit_test(test_length_past_capture),
		cmocka_unit_test(test_present_chain_past_bound),
		cmocka_unit_test(test_hostile_headers),
		cmocka_unit_test(test_fcs_good),
		cmocka_unit_test(test_tlvs_after_bit28),
	};
	return cmocka_run_group_tests_name("frame_wifi_radiotap", tests, NULL, NULL);
}
