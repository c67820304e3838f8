/* Frame dissection model.
 *
 * A dissected packet is a flat list of layers and fields, like Wireshark's
 * protocol tree flattened in packet order.  Field names are Wireshark
 * display-filter names (ip.src, udp.dstport, dns.qry.name, wlan.sa), so the
 * NDJSON printer needs no mapping and users can line output up with tshark.
 *
 * The model is a fixed-size struct reused for every packet: dissection never
 * allocates.  Strings that are not plain slices of the packet (decompressed
 * DNS names) live in the packet's arena.  When a capacity runs out the
 * packet is flagged `overflow` and dissection stops adding, never writes
 * past the arrays. */
#ifndef NETFUZZ_FRAME_H
#define NETFUZZ_FRAME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "netfuzz/cursor.h"
#include "netfuzz/fields.h"

/* libpcap link-layer header types (https://www.tcpdump.org/linktypes.html).
 * Values are LINKTYPE_* as stored in capture files. */
enum nf_linktype {
	NF_LINKTYPE_NULL = 0,
	NF_LINKTYPE_ETHERNET = 1,
	NF_LINKTYPE_RAW = 101,
	NF_LINKTYPE_IEEE802_11 = 105,
	NF_LINKTYPE_LOOP = 108,
	NF_LINKTYPE_LINUX_SLL = 113,
	NF_LINKTYPE_IEEE802_11_RADIOTAP = 127,
	NF_LINKTYPE_IPV4 = 228,
	NF_LINKTYPE_IPV6 = 229,
	NF_LINKTYPE_LINUX_SLL2 = 276,
};

enum nf_ftype {
	NF_FT_UINT,  /* printed as a JSON number */
	NF_FT_INT,
	NF_FT_BOOL,
	NF_FT_IPV4,  /* 4 bytes, dotted quad */
	NF_FT_IPV6,  /* 16 bytes, RFC 5952 text */
	NF_FT_MAC,   /* 6 bytes, aa:bb:cc:dd:ee:ff */
	NF_FT_STR,   /* text (slice of packet or arena), printed escaped */
	NF_FT_BYTES, /* raw bytes, plain hex as tshark -T fields prints FT_BYTES */
	NF_FT_BYTES_COLON, /* bytes printed aa:bb:cc: Wireshark's SEP_COLON fields and OUIs */
	NF_FT_HEX,   /* unsigned printed as 0x%x (tshark's hex fields) */
};

struct nf_field {
	const char *name;   /* nf_fields[fid].name, for readers that want text */
	uint16_t fid;       /* enum nf_fid: what printers compare */
	uint8_t type;       /* enum nf_ftype */
	uint8_t layer;      /* index into nf_packet.layers */
	uint16_t len;       /* bytes in v.ptr for STR/BYTES; digits for HEX */
	uint32_t off;       /* absolute offset of the field in the packet */
	union {
		uint64_t u;
		int64_t i;
		uint8_t addr[16];
		const char *ptr;
	} v;
};

enum nf_layer_status {
	NF_LAYER_OK = 0,
	NF_LAYER_TRUNCATED,  /* ran out of captured bytes: printed [|proto] */
	NF_LAYER_MALFORMED,  /* a field breaks the spec: message + offset */
};

struct nf_layer {
	const char *proto;   /* nf_protos[pid].name: "eth", "ip", "udp", "dns", ... */
	uint8_t pid;         /* enum nf_pid: what printers and --stats compare */
	uint32_t off;        /* absolute offset where the layer starts */
	uint16_t first_field;
	uint16_t nfields;
	uint8_t status;      /* enum nf_layer_status */
	uint32_t err_off;    /* offset of the problem, when status != OK */
	const char *err;     /* static text: what was wrong / expected */
};

#define NF_MAX_LAYERS 32
#define NF_MAX_FIELDS 768
#define NF_ARENA_SIZE 16384

struct nf_packet {
	int linktype;
	uint32_t caplen, wirelen;
	uint16_t nlayers, nfields;
	uint32_t arena_used;
	bool overflow;       /* a capacity above was hit; output is partial */
	bool layers_only;    /* set by the caller: record layers and their status
			      * but no fields (netfuzz dissect --stats); kept
			      * across nf_packet_reset */
	struct nf_layer layers[NF_MAX_LAYERS];
	struct nf_field fields[NF_MAX_FIELDS];
	char arena[NF_ARENA_SIZE];
};

/* pcap_datalink() gives DLT_ values; only DLT_RAW differs from its
 * LINKTYPE_ value (12 or 14 by platform; LINKTYPE_RAW is 101). */
int nf_linktype_from_dlt(int dlt);

/* Entry point: dissect one captured packet.  Never fails: problems are
 * recorded in the layers.  Returns the number of layers. */
int nf_dissect(struct nf_packet *pkt, int linktype, const uint8_t *data,
	       size_t caplen, size_t wirelen);
/* Same, but starting from an Ethernet type / IP protocol, for targets that
 * fuzz one layer. */
void nf_packet_reset(struct nf_packet *pkt, int linktype, size_t caplen, size_t wirelen);

/* --- building the model (used by src/frame/ dissectors) --- */
int nf_layer_begin(struct nf_packet *pkt, const struct nf_fdesc *proto, const struct nf_cur *c);
/* Out of bytes inside this layer (printed [|proto], as tcpdump does).  A
 * length field that contradicts an enclosing length is nf_layer_malformed. */
void nf_layer_truncated(struct nf_packet *pkt, const struct nf_cur *c);
void nf_layer_malformed(struct nf_packet *pkt, size_t off, const char *what);
struct nf_field *nf_add(struct nf_packet *pkt, const struct nf_fdesc *fd, enum nf_ftype t, size_t off);
void nf_add_uint(struct nf_packet *pkt, const struct nf_fdesc *fd, uint64_t v, size_t off);
/* Printed as 0x followed by `digits` hex digits, as tshark prints it. */
void nf_add_hex(struct nf_packet *pkt, const struct nf_fdesc *fd, uint64_t v, int digits, size_t off);
void nf_add_bool(struct nf_packet *pkt, const struct nf_fdesc *fd, bool v, size_t off);
void nf_add_addr(struct nf_packet *pkt, const struct nf_fdesc *fd, enum nf_ftype t, const uint8_t *a, size_t off);
/* Slice of the packet (the cursor's unread bytes, up to n). */
void nf_add_slice(struct nf_packet *pkt, const struct nf_fdesc *fd, enum nf_ftype t, const struct nf_cur *c, size_t n);
/* Copy text into the arena; returns false (and sets overflow) if full. */
bool nf_add_str(struct nf_packet *pkt, const struct nf_fdesc *fd, const char *s, size_t n, size_t off);

/* --- reading the model --- */
/* By name: for tests and tools, never per packet in a printer. */
const struct nf_field *nf_find(const struct nf_packet *pkt, const char *name);
const struct nf_layer *nf_find_layer(const struct nf_packet *pkt, const char *proto);
/* First field `name` within layer index li, or NULL. */
const struct nf_field *nf_layer_field(const struct nf_packet *pkt, int li, const char *name);
/* First field with descriptor fd within layer li (li < 0 allowed), or NULL:
 * an integer compare per field of that layer only. */
const struct nf_field *nf_field_in(const struct nf_packet *pkt, int li, const struct nf_fdesc *fd);
/* Index of the first layer with protocol pd at or after `from`, or -1. */
int nf_layer_index(const struct nf_packet *pkt, int from, const struct nf_fdesc *pd);

/* --- dispatch between layers (src/frame/dispatch.c) --- */
void nf_dissect_ethertype(struct nf_packet *pkt, uint16_t type, struct nf_cur *c);
void nf_dissect_ipproto(struct nf_packet *pkt, uint8_t proto, struct nf_cur *c);
void nf_dissect_udp_payload(struct nf_packet *pkt, uint16_t sport, uint16_t dport, struct nf_cur *c);

/* --- protocol dissectors: each consumes what it parses from c --- */
void nf_dissect_ether(struct nf_packet *pkt, struct nf_cur *c);
void nf_dissect_vlan(struct nf_packet *pkt, struct nf_cur *c, uint16_t tpid);
void nf_dissect_ipv4(struct nf_packet *pkt, struct nf_cur *c);
void nf_dissect_ipv6(struct nf_packet *pkt, struct nf_cur *c);
void nf_dissect_udp(struct nf_packet *pkt, struct nf_cur *c);
void nf_dissect_dns(struct nf_packet *pkt, struct nf_cur *c, bool mdns);
/* Issue 3: link layers, network, transport and application dissectors. */
void nf_dissect_null(struct nf_packet *pkt, struct nf_cur *c, bool loop);
void nf_dissect_sll(struct nf_packet *pkt, struct nf_cur *c);
void nf_dissect_sll2(struct nf_packet *pkt, struct nf_cur *c);
void nf_dissect_llc(struct nf_packet *pkt, struct nf_cur *c);
void nf_dissect_arp(struct nf_packet *pkt, struct nf_cur *c);
void nf_dissect_icmp(struct nf_packet *pkt, struct nf_cur *c);
void nf_dissect_icmp6(struct nf_packet *pkt, struct nf_cur *c);
void nf_dissect_tcp(struct nf_packet *pkt, struct nf_cur *c);
void nf_dissect_dhcp(struct nf_packet *pkt, struct nf_cur *c);
void nf_dissect_tls(struct nf_packet *pkt, struct nf_cur *c);
void nf_dissect_quic(struct nf_packet *pkt, struct nf_cur *c);
/* The raw IP link types: version nibble picks IPv4 or IPv6. */
void nf_dissect_ip_any(struct nf_packet *pkt, struct nf_cur *c);
/* TLS record heuristic (RFC 8446 5.1): content type 20..23, version 3.x. */
bool nf_looks_like_tls(const struct nf_cur *c);
/* Number of layers named proto already in pkt (nesting guards). */
int nf_layer_count(const struct nf_packet *pkt, const struct nf_fdesc *proto);

/* --- 802.11 and Wi-Fi Aware / NAN (radiotap.c, ieee80211*.c, ie_*.c, nan*.c) --- */
/* Radiotap header (radiotap.org), then the 802.11 frame it carries. */
void nf_dissect_radiotap(struct nf_packet *pkt, struct nf_cur *c);
/* One 802.11 MAC frame.  fcs_at_end: the last 4 bytes are the FCS
 * (radiotap flags 0x10); datapad: padding after the header to 32 bits
 * (radiotap flags 0x20). */
void nf_dissect_ieee80211(struct nf_packet *pkt, struct nf_cur *c, bool fcs_at_end, bool datapad);
/* Management frame body after the MAC header (IEEE 802.11-2020 9.3.3). */
void nf_dissect_ieee80211_mgt(struct nf_packet *pkt, struct nf_cur *c, uint8_t subtype);
/* A list of information elements (IEEE 802.11-2020 9.4.2), into the current layer. */
void nf_dissect_ieee80211_ies(struct nf_packet *pkt, struct nf_cur *c);
/* Vendor IE bodies after OUI and type: Apple WAC (00:A0:40 type 0), WFA NAN
 * (50:6F:9A type 0x13).  Return NULL or a static error text. */
const char *nf_dissect_ie_apple_wac(struct nf_packet *pkt, struct nf_cur *c);
void nf_dissect_ie_wfa_nan(struct nf_packet *pkt, struct nf_cur *c);
/* Wi-Fi Aware: a Public Action vendor frame body after OUI 50:6F:9A, with
 * its OUI type (0x13 SDF, 0x18 NAF); begins the "nan" layer. */
void nf_dissect_nan_action(struct nf_packet *pkt, struct nf_cur *c, uint8_t oui_type);
/* Record the structure of a pcap or pcapng file (pcap-savefile(5);
 * draft-ietf-opsawg-pcapng): headers, blocks and their lengths, and every
 * packet as its dissectors record it (src/frame/pcap_walk.c; recording must
 * be on, netfuzz/structure.h).  For the pcap_file target, whose libpcap
 * reader records nothing itself. */
void nf_rec_capture_file(const uint8_t *data, size_t size);

/* A bare NAN attribute list in its own "nan" layer (nan_attributes target). */
void nf_dissect_nan_attr_list(struct nf_packet *pkt, struct nf_cur *c);
/* NAN attribute TLVs into the current layer; notes a pairing attribute
 * without DCEA. */
void nf_dissect_nan_attrs(struct nf_packet *pkt, struct nf_cur *c);
/* Add a note (field "_notes", a static text) to the current layer: a
 * finding about well-formed input, printed by both printers. */
void nf_add_note(struct nf_packet *pkt, const char *text, size_t off);
/* Record a length that runs past the end: truncated if the capture was
 * cut short (caplen < wirelen), else malformed with `what`. */
void nf_layer_short(struct nf_packet *pkt, const struct nf_cur *c, size_t off, const char *what);
/* Read a u8 / u16le and add it as field `name` (hex or decimal); *out gets
 * the value if out is not NULL.  False (nothing added) if too short. */
bool nf_take_u8(struct nf_packet *pkt, struct nf_cur *c, const struct nf_fdesc *fd, bool hex, uint8_t *out);
bool nf_take_u16le(struct nf_packet *pkt, struct nf_cur *c, const struct nf_fdesc *fd, bool hex, uint16_t *out);

#endif
