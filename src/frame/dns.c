/* DNS (RFC 1035 section 4) and mDNS (RFC 6762), which shares the format.
 * Names use compression (RFC 1035 4.1.4); a pointer must point strictly
 * backwards, before the label that holds it, and the number of pointer hops
 * is bounded, so no crafted message can loop. */
#include "netfuzz/frame.h"
#include "netfuzz/limits.h"

#include <stdio.h>
#include <string.h>

enum { DNS_A = 1, DNS_CNAME = 5, DNS_PTR = 12, DNS_AAAA = 28 };

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

static bool add_name(struct nf_packet *pkt, const char *field, const struct nf_cur *msg,
		     struct nf_cur *c)
{
	char name[NF_MAX_DNS_NAME_LEN + 8];
	size_t len = 0, err_off, off = nf_cur_offset(c);
	bool short_data;
	const char *err = read_name(msg, c, name, &len, &err_off, &short_data);

	if (err && short_data && pkt->caplen < pkt->wirelen) {
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

static bool dissect_rr(struct nf_packet *pkt, const struct nf_cur *msg, struct nf_cur *c)
{
	uint16_t type, klass, rdlen;
	uint32_t ttl;
	struct nf_cur rd;
	uint8_t a[16];

	if (!add_name(pkt, "dns.resp.name", msg, c))
		return false;
	if (!nf_cur_get_u16be(c, &type) || !nf_cur_get_u16be(c, &klass) ||
	    !nf_cur_get_u32be(c, &ttl) || !nf_cur_get_u16be(c, &rdlen)) {
		nf_layer_truncated(pkt, c);
		return false;
	}
	nf_add_uint(pkt, "dns.resp.type", type, nf_cur_offset(c) - 10);
	nf_add_uint(pkt, "dns.resp.class", klass & 0x7fff, nf_cur_offset(c) - 8);
	nf_add_uint(pkt, "dns.resp.ttl", ttl, nf_cur_offset(c) - 6);
	nf_add_uint(pkt, "dns.resp.len", rdlen, nf_cur_offset(c) - 2);
	if (!nf_cur_get_bytes(c, &rd, rdlen)) {
		nf_layer_truncated(pkt, c);
		return false;
	}
	switch (type) {
	case DNS_A:
		if (rdlen != 4 || !nf_cur_copy(&rd, a, 4)) {
			nf_layer_malformed(pkt, nf_cur_offset(&rd), "bad A record: RDLENGTH is not 4");
			return false;
		}
		nf_add_addr(pkt, "dns.a", NF_FT_IPV4, a, nf_cur_offset(&rd) - 4);
		break;
	case DNS_AAAA:
		if (rdlen != 16 || !nf_cur_copy(&rd, a, 16)) {
			nf_layer_malformed(pkt, nf_cur_offset(&rd), "bad AAAA record: RDLENGTH is not 16");
			return false;
		}
		nf_add_addr(pkt, "dns.aaaa", NF_FT_IPV6, a, nf_cur_offset(&rd) - 16);
		break;
	case DNS_CNAME:
		return add_name(pkt, "dns.cname", msg, &rd);
	case DNS_PTR:
		return add_name(pkt, "dns.ptr.domain_name", msg, &rd);
	default:
		break; /* other types: kept as length only here */
	}
	return true;
}

void nf_dissect_dns(struct nf_packet *pkt, struct nf_cur *c, bool mdns)
{
	uint16_t id, flags, qd, an, ns, ar;
	size_t off = nf_cur_offset(c);
	struct nf_cur msg = *c; /* compression pointers are relative to here */

	nf_layer_begin(pkt, mdns ? "mdns" : "dns", c);
	if (!nf_cur_get_u16be(c, &id) || !nf_cur_get_u16be(c, &flags) ||
	    !nf_cur_get_u16be(c, &qd) || !nf_cur_get_u16be(c, &an) ||
	    !nf_cur_get_u16be(c, &ns) || !nf_cur_get_u16be(c, &ar)) {
		nf_layer_truncated(pkt, c);
		return;
	}
	nf_add_hex(pkt, "dns.id", id, 4, off);
	nf_add_hex(pkt, "dns.flags", flags, 4, off + 2);
	nf_add_bool(pkt, "dns.flags.response", flags >> 15, off + 2);
	nf_add_uint(pkt, "dns.flags.opcode", (flags >> 11) & 0xf, off + 2);
	nf_add_uint(pkt, "dns.flags.rcode", flags & 0xf, off + 2);
	nf_add_uint(pkt, "dns.count.queries", qd, off + 4);
	nf_add_uint(pkt, "dns.count.answers", an, off + 6);
	nf_add_uint(pkt, "dns.count.auth_rr", ns, off + 8);
	nf_add_uint(pkt, "dns.count.add_rr", ar, off + 10);

	for (unsigned i = 0; i < qd; i++) {
		uint16_t type, klass;

		if (i >= NF_MAX_DNS_RECORDS) {
			nf_layer_malformed(pkt, nf_cur_offset(c), "too many questions (bound NF_MAX_DNS_RECORDS)");
			return;
		}
		if (!add_name(pkt, "dns.qry.name", &msg, c))
			return;
		if (!nf_cur_get_u16be(c, &type) || !nf_cur_get_u16be(c, &klass)) {
			nf_layer_truncated(pkt, c);
			return;
		}
		nf_add_uint(pkt, "dns.qry.type", type, nf_cur_offset(c) - 4);
		/* mDNS (RFC 6762 5.4) uses the top class bit as unicast-response. */
		nf_add_uint(pkt, "dns.qry.class", mdns ? (klass & 0x7fff) : klass, nf_cur_offset(c) - 2);
	}
	for (unsigned i = 0; i < (unsigned)an + ns + ar; i++) {
		if (i >= NF_MAX_DNS_RECORDS) {
			nf_layer_malformed(pkt, nf_cur_offset(c), "too many records (bound NF_MAX_DNS_RECORDS)");
			return;
		}
		if (!dissect_rr(pkt, &msg, c))
			return;
	}
}
