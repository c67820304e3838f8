/* DNS (RFC 1035 section 4) and mDNS (RFC 6762), which shares the format.
 * Names use compression (RFC 1035 4.1.4); a pointer must point strictly
 * backwards, before the label that holds it, and the number of pointer hops
 * is bounded, so no crafted message can loop. */
#include "netfuzz/frame.h"
#include "netfuzz/structure.h"
#include "netfuzz/limits.h"

#include <stdio.h>
#include <string.h>

/* RR types (IANA dns-parameters): RFC 1035 3.2.2, RFC 3596 (AAAA),
 * RFC 2782 (SRV), RFC 6891 (OPT), RFC 4034 4 (NSEC). */
enum { DNS_A = 1, DNS_CNAME = 5, DNS_PTR = 12, DNS_TXT = 16, DNS_AAAA = 28, DNS_SRV = 33,
       DNS_OPT = 41, DNS_NSEC = 47 };

/* Decode a name starting at *c (consuming only the in-place part) into
 * out[] as dotted text ("<Root>" for the root, as Wireshark shows it).
 * Returns NULL on success, else a static error message; *err_off is set. */
static const char *read_name(const struct nf_cur *msg, struct nf_cur *c, char *out,
			     size_t *out_len, size_t *err_off, bool *short_data)
{
	struct nf_cur at = *c, follow;
	size_t n = 0, wire = 0;
	bool jumped = false;
	int hops = 0;

	*short_data = true; /* the "truncated ..." returns below */
	for (;;) {
		uint8_t len;
		size_t here = nf_cur_offset(&at);

		*err_off = here;
		if (!nf_cur_get_u8(&at, &len))
			return "truncated name";
		if ((len & 0xc0) == 0xc0) {
			uint8_t lo;
			size_t target, pos = here - nf_cur_offset(msg);

			if (!nf_cur_get_u8(&at, &lo))
				return "truncated compression pointer";
			target = ((size_t)(len & 0x3f) << 8) | lo;
			if (!jumped) {
				*c = at;
				jumped = true;
			}
			*short_data = false;
			if (target >= pos)
				return "compression pointer does not point backwards";
			if (++hops > NF_MAX_DNS_POINTER_HOPS)
				return "too many compression pointers (bound NF_MAX_DNS_POINTER_HOPS)";
			if (!nf_cur_view(msg, target, nf_cur_len(msg) - target, &follow))
				return "compression pointer past the message";
			*short_data = true;
			at = follow;
			continue;
		}
		if ((len & 0xc0) != 0) {
			*short_data = false;
			return "reserved label type (0x40/0x80)";
		}
		if (len == 0)
			break;
		wire += (size_t)len + 1;
		if (wire + 1 > NF_MAX_DNS_NAME_LEN) {
			*short_data = false;
			return "name longer than 255 octets";
		}
		if (n)
			out[n++] = '.';
		if (!nf_cur_copy(&at, out + n, len))
			return "truncated label";
		n += len;
	}
	if (!jumped)
		*c = at;
	if (n == 0) {
		memcpy(out, "<Root>", 6);
		n = 6;
	}
	*out_len = n;
	return NULL;
}

static bool add_name(struct nf_packet *pkt, const struct nf_fdesc *field, const struct nf_cur *msg,
		     struct nf_cur *c)
{
	char name[NF_MAX_DNS_NAME_LEN + 8];
	size_t len = 0, err_off, off = nf_cur_offset(c);
	bool short_data;
	const char *err = read_name(msg, c, name, &len, &err_off, &short_data);

	/* Running out of bytes is truncation when c ends where the message
	 * does; inside RDATA it means RDLENGTH is too short: malformed. */
	if (err && short_data &&
	    nf_cur_offset(c) + nf_cur_len(c) == nf_cur_offset(msg) + nf_cur_len(msg)) {
		nf_layer_truncated(pkt, c);
		return false;
	}
	if (err) {
		nf_layer_malformed(pkt, err_off, err);
		return false;
	}
	nf_add_str(pkt, field, name, len, off);
	return true;
}

/* OPT pseudo-RR (RFC 6891 6.1.2-6.1.3): CLASS is the UDP payload size, TTL
 * holds extended RCODE, version and flags; RDATA is {code, length, data}*. */
static bool dissect_opt(struct nf_packet *pkt, uint16_t klass, uint32_t ttl, struct nf_cur *rd, size_t off)
{
	nf_add_hex(pkt, NF_F(dns_rr_udp_payload_size), klass, 4, off + 2);
	nf_add_hex(pkt, NF_F(dns_resp_ext_rcode), ttl >> 24, 2, off + 4);
	nf_add_uint(pkt, NF_F(dns_resp_edns0_version), (ttl >> 16) & 0xff, off + 5);
	nf_add_hex(pkt, NF_F(dns_resp_z), ttl & 0xffff, 4, off + 6);
	for (int i = 0; !nf_cur_empty(rd); i++) {
		uint16_t code;
		struct nf_cur data;
		size_t at = nf_cur_offset(rd);

		if (i >= NF_MAX_TLV_ITEMS || !nf_cur_get_u16be(rd, &code) || !nf_cur_get_u16be_prefixed(rd, &data)) {
			nf_layer_malformed(pkt, at, "bad EDNS option: length past the OPT RDATA");
			return false;
		}
		nf_add_uint(pkt, NF_F(dns_opt_code), code, at);
		nf_add_uint(pkt, NF_F(dns_opt_len), nf_cur_len(&data), at + 2);
		if (!nf_cur_empty(&data))
			nf_add_slice(pkt, NF_F(dns_opt_data), NF_FT_BYTES, &data, nf_cur_len(&data));
	}
	return true;
}

static bool dissect_rdata(struct nf_packet *pkt, const struct nf_cur *msg, uint16_t type, struct nf_cur *rd)
{
	uint16_t rdlen = (uint16_t)nf_cur_len(rd), prio, weight, port;
	size_t at = nf_cur_offset(rd);
	uint8_t a[16];
	struct nf_cur s;

	switch (type) {
	case DNS_A:
		if (rdlen != 4 || !nf_cur_copy(rd, a, 4)) {
			nf_layer_malformed(pkt, at, "bad A record: RDLENGTH is not 4");
			return false;
		}
		nf_add_addr(pkt, NF_F(dns_a), NF_FT_IPV4, a, at);
		return true;
	case DNS_AAAA:
		if (rdlen != 16 || !nf_cur_copy(rd, a, 16)) {
			nf_layer_malformed(pkt, at, "bad AAAA record: RDLENGTH is not 16");
			return false;
		}
		nf_add_addr(pkt, NF_F(dns_aaaa), NF_FT_IPV6, a, at);
		return true;
	case DNS_CNAME:
		return add_name(pkt, NF_F(dns_cname), msg, rd);
	case DNS_PTR:
		return add_name(pkt, NF_F(dns_ptr_domain_name), msg, rd);
	case DNS_SRV: /* RFC 2782: priority, weight, port, target */
		if (!nf_cur_get_u16be(rd, &prio) || !nf_cur_get_u16be(rd, &weight) || !nf_cur_get_u16be(rd, &port)) {
			nf_layer_malformed(pkt, at, "bad SRV record: RDATA shorter than 6 bytes plus target");
			return false;
		}
		nf_add_uint(pkt, NF_F(dns_srv_priority), prio, at);
		nf_add_uint(pkt, NF_F(dns_srv_weight), weight, at + 2);
		nf_add_uint(pkt, NF_F(dns_srv_port), port, at + 4);
		return add_name(pkt, NF_F(dns_srv_target), msg, rd);
	case DNS_TXT: /* RFC 1035 3.3.14: one or more <character-string>s */
		for (int i = 0; !nf_cur_empty(rd); i++) {
			size_t so = nf_cur_offset(rd);

			if (i >= NF_MAX_TLV_ITEMS || !nf_cur_get_u8_prefixed(rd, &s)) {
				nf_layer_malformed(pkt, so, "bad TXT record: string length past RDATA");
				return false;
			}
			nf_add_uint(pkt, NF_F(dns_txt_length), nf_cur_len(&s), so);
			nf_add_slice(pkt, NF_F(dns_txt), NF_FT_STR, &s, nf_cur_len(&s));
		}
		return true;
	case DNS_NSEC: /* RFC 4034 4.1: next domain name, type bit maps (bytes) */
		if (!add_name(pkt, NF_F(dns_nsec_next_domain_name), msg, rd))
			return false;
		if (!nf_cur_empty(rd))
			nf_add_slice(pkt, NF_F(dns_nsec_type_bitmap), NF_FT_BYTES, rd, nf_cur_len(rd));
		return true;
	default:
		return true; /* other types: kept as length only */
	}
}

static bool dissect_rr(struct nf_packet *pkt, const struct nf_cur *msg, struct nf_cur *c, bool mdns, int list)
{
	uint16_t type, klass, rdlen;
	uint32_t ttl;
	struct nf_cur rd, start = *c;
	size_t off;

	if (!add_name(pkt, NF_F(dns_resp_name), msg, c))
		return false;
	off = nf_cur_offset(c);
	if (!nf_cur_get_u16be(c, &type) || !nf_cur_get_u16be(c, &klass) ||
	    !nf_cur_get_u32be(c, &ttl) || !nf_cur_get_u16be(c, &rdlen)) {
		nf_layer_truncated(pkt, c);
		return false;
	}
	nf_add_uint(pkt, NF_F(dns_resp_type), type, off);
	if (!nf_cur_get_bytes(c, &rd, rdlen)) {
		nf_add_uint(pkt, NF_F(dns_resp_len), rdlen, off + 8);
		nf_layer_truncated(pkt, c);
		return false;
	}
	/* Structure (mutator): the record is an element of its section;
	 * RDLENGTH is the length of RDATA (RFC 1035 4.1.3). */
	(void)nf_rec_span_between(&start, c, list);
	nf_rec_len(off + 8, 2, false, 0, nf_rec_span(off + 10, rdlen, NF_REC_NONE));
	if (type == DNS_OPT) {
		nf_add_uint(pkt, NF_F(dns_resp_len), rdlen, off + 8);
		return dissect_opt(pkt, klass, ttl, &rd, off);
	}
	/* mDNS (RFC 6762 10.2): the top class bit is cache-flush. */
	nf_add_uint(pkt, NF_F(dns_resp_class), mdns ? (klass & 0x7fff) : klass, off + 2);
	if (mdns)
		nf_add_bool(pkt, NF_F(dns_resp_cache_flush), klass >> 15, off + 2);
	nf_add_uint(pkt, NF_F(dns_resp_ttl), ttl, off + 4);
	nf_add_uint(pkt, NF_F(dns_resp_len), rdlen, off + 8);
	return dissect_rdata(pkt, msg, type, &rd);
}

void nf_dissect_dns(struct nf_packet *pkt, struct nf_cur *c, bool mdns)
{
	uint16_t id, flags, qd, an, ns, ar;
	size_t off = nf_cur_offset(c);
	struct nf_cur msg = *c; /* compression pointers are relative to here */

	nf_layer_begin(pkt, mdns ? NF_P(mdns) : NF_P(dns), c);
	if (!nf_cur_get_u16be(c, &id) || !nf_cur_get_u16be(c, &flags) ||
	    !nf_cur_get_u16be(c, &qd) || !nf_cur_get_u16be(c, &an) ||
	    !nf_cur_get_u16be(c, &ns) || !nf_cur_get_u16be(c, &ar)) {
		nf_layer_truncated(pkt, c);
		return;
	}
	nf_add_hex(pkt, NF_F(dns_id), id, 4, off);
	nf_add_hex(pkt, NF_F(dns_flags), flags, 4, off + 2);
	nf_add_bool(pkt, NF_F(dns_flags_response), flags >> 15, off + 2);
	nf_add_uint(pkt, NF_F(dns_flags_opcode), (flags >> 11) & 0xf, off + 2);
	nf_add_uint(pkt, NF_F(dns_flags_rcode), flags & 0xf, off + 2);
	nf_add_uint(pkt, NF_F(dns_count_queries), qd, off + 4);
	nf_add_uint(pkt, NF_F(dns_count_answers), an, off + 6);
	nf_add_uint(pkt, NF_F(dns_count_auth_rr), ns, off + 8);
	nf_add_uint(pkt, NF_F(dns_count_add_rr), ar, off + 10);

	/* Structure (mutator): each header count counts its section's
	 * elements (RFC 1035 4.1.1).  The sections are lists, named by
	 * zero-length spans where they start. */
	int sec[4] = {NF_REC_NONE, NF_REC_NONE, NF_REC_NONE, NF_REC_NONE};

	if (NF_REC_ON()) {
		for (int k = 0; k < 4; k++) {
			sec[k] = nf_rec_span_(off + 12, 0, (int)-2 - k); /* distinct: never a real list */
			nf_rec_count(off + 4 + 2 * (size_t)k, 2, false, sec[k]);
		}
	}
	for (unsigned i = 0; i < qd; i++) {
		uint16_t type, klass;
		struct nf_cur start = *c;

		if (i >= NF_MAX_DNS_RECORDS) {
			nf_layer_malformed(pkt, nf_cur_offset(c), "too many questions (bound NF_MAX_DNS_RECORDS)");
			return;
		}
		if (!add_name(pkt, NF_F(dns_qry_name), &msg, c))
			return;
		if (!nf_cur_get_u16be(c, &type) || !nf_cur_get_u16be(c, &klass)) {
			nf_layer_truncated(pkt, c);
			return;
		}
		nf_add_uint(pkt, NF_F(dns_qry_type), type, nf_cur_offset(c) - 4);
		/* mDNS (RFC 6762 5.4) uses the top class bit as unicast-response. */
		nf_add_uint(pkt, NF_F(dns_qry_class), mdns ? (klass & 0x7fff) : klass, nf_cur_offset(c) - 2);
		(void)nf_rec_span_between(&start, c, sec[0]);
	}
	for (unsigned i = 0; i < (unsigned)an + ns + ar; i++) {
		if (i >= NF_MAX_DNS_RECORDS) {
			nf_layer_malformed(pkt, nf_cur_offset(c), "too many records (bound NF_MAX_DNS_RECORDS)");
			return;
		}
		if (!dissect_rr(pkt, &msg, c, mdns, sec[i < an ? 1 : i < (unsigned)an + ns ? 2 : 3]))
			return;
	}
}
