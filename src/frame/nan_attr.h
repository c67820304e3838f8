/* Private to src/frame/nan*.c: NAN attribute IDs (Wi-Fi Aware / NAN
 * Specification v4, "NAN attributes"; ids as in Wireshark's
 * packet-wifi-nan.c) and the per-attribute
 * decoder. */
#ifndef NETFUZZ_FRAME_NAN_ATTR_H
#define NETFUZZ_FRAME_NAN_ATTR_H

#include "netfuzz/frame.h"

enum {
	NAN_ATTR_MASTER_INDICATION = 0x00,
	NAN_ATTR_CLUSTER = 0x01,
	NAN_ATTR_SERVICE_ID_LIST = 0x02,
	NAN_ATTR_SERVICE_DESCRIPTOR = 0x03,
	NAN_ATTR_SDEA = 0x0e,
	NAN_ATTR_DEVICE_CAPABILITY = 0x0f,
	NAN_ATTR_AVAILABILITY = 0x12,
	NAN_ATTR_CIPHER_SUITE_INFO = 0x22,
	NAN_ATTR_SECURITY_CONTEXT_INFO = 0x23,
	NAN_ATTR_DCEA = 0x2a,
	NAN_ATTR_IDENTITY_RESOLUTION = 0x2b,
	NAN_ATTR_PAIRING_BOOTSTRAPPING = 0x2c,
	NAN_ATTR_VENDOR_SPECIFIC = 0xdd,
};

/* DCEA Capability Info bit 8: Pairing Setup Enabled (NAN v4; same mask in
 * Wireshark's packet-wifi-nan.c). */
#define NAN_DCEA_PAIRING_SETUP 0x0100

/* Decode one attribute body (exactly its Length bytes) into the current
 * layer.  Returns NULL or a static text saying what is wrong. */
const char *nf_nan_attr_body(struct nf_packet *pkt, uint8_t id, struct nf_cur *b);

#endif
