/* Frames vs libpcap's BPF (issue 14, issue 24).
 *
 * For each packet a frame target dissected, the filters below run through
 * pcap_offline_filter on the same captured bytes, and each verdict is
 * compared with the verdict our dissector's output gives.  BPF is an
 * independent reading of the same headers (libpcap's gencode.c), so a
 * dissector that takes the wrong offset, the wrong EtherType, the wrong
 * header length or the wrong flag bit disagrees.
 *
 * The oracle reads the dissector's output, never re-derives it: the model
 * verdict comes from the layer list (which layer follows which), the
 * fields the dissector recorded and its truncated/malformed marks.  A
 * protocol rule (e.g. "a later fragment has no transport header") is never
 * applied by the oracle in place of the dissector; where BPF and a correct
 * dissector differ by design, a rule excuses the difference, and it is
 * applied from what the dissector recorded (docs/oracles.md):
 *   R1 untagged: a primitive without `vlan` tests the link layer's own type
 *      field; `vlan and X` tests X after one tag (pcap-filter(7)).  The
 *      network layer is the one directly after the link layer (or tags).
 *   R2 VLAN TPIDs: BPF `vlan` also accepts TPID 0x9100, which we leave
 *      undissected: eth.type / vlan.etype 0x9100 counts as a tag, and
 *      what is inside it is not compared.
 *   R3 IPv6 extension headers: BPF's udp/tcp/icmp6 look at the Next Header
 *      or the one after a single fragment header (gen_proto); port tests
 *      and tcp[]/udp[] loads only directly after the fixed header.  When
 *      ipv6.nxt names another extension header (which we walk), those
 *      filters are not compared.  `ip6 protochain` walks the chain as we
 *      do, except that it advances over a fragment header by its second
 *      byte as a length (gencode.c gen_protochain, v6advance), where RFC
 *      8200 4.5 has a Reserved byte and 8 bytes fixed: a chain with a
 *      fragment header is not compared.
 *   R4 whole headers: BPF loads the single bytes it tests; the dissector
 *      reads a fixed header whole, adds no field when it is truncated and
 *      stops at a bad version.  A filter whose field or layer the
 *      dissector did not record for that reason is skipped.
 *   R5 lengths: BPF ignores the IPv4 IHL validity, total length, IPv6
 *      payload length and UDP length and reads what was captured; the
 *      dissector bounds each layer by them.  A filter is skipped when the
 *      layer it needs is marked truncated or malformed, or has no ports.
 *   R6 link types: Ethernet, Linux SLL/SLL2, raw IP, radiotap and plain
 *      802.11 are compared; a filter libpcap cannot compile for a link
 *      type is skipped there.
 *   R7 later fragments: BPF's `udp`/`tcp`/`icmp` test the protocol field
 *      only and match a later IPv4 fragment; a correct dissector has no
 *      transport layer there (RFC 791 3.2; RFC 8200 4.5), so when ip.frag_
 *      offset (ipv6.fraghdr.offset) is not 0 those filters are skipped, and
 *      BPF's port tests, which exclude later fragments (gencode.c
 *      gen_portop, gen_ipfrag), are compared as they are: a UDP layer with
 *      port 53 on a later fragment disagrees.  And when BPF says a packet
 *      is a later fragment (`ip[6:2] & 0x1fff != 0`, `ip6[6] = 44 and
 *      ip6[42:2] & 0xfff8 != 0`), a layer after the IP layer disagrees.
 *   R8 802.11 data path: BPF finds the LLC header 24 bytes into a data
 *      frame, +2 with QoS, rounded up to 4 when the first radiotap presence
 *      word (no Ext bit) has Flags with DATAPAD (gen_load_802_11_header_len;
 *      it rounds the offset from the start of the packet, so the padding
 *      differs from the dissector's, which is relative to the 802.11
 *      header, when it_len is not a multiple of 4);
 *      it ignores Address 4, the HT Control field, the Protected bit,
 *      A-MSDUs and the no-data subtypes, and tests only the EtherType at
 *      LLC+6 (gen_llc_linktype), not AA-AA-03 or the OUI.  So network
 *      filters are skipped on a data frame whose dissected header has
 *      ToDS+FromDS, wlan.htc, wlan.fc.protected, an A-MSDU, a no-data
 *      subtype, a DATAPAD flag outside the first presence word, or an FCS
 *      with a truncated LLC; and when the dissector's LLC fields are not
 *      SNAP with OUI 0, a network layer after it disagrees (RFC 1042),
 *      otherwise the filters are skipped.
 *   R9 802.11 addresses: `wlan addr2` is absent in CTS and Ack (gencode.c
 *      gen_wlanhostop); the Control Wrapper and TACK (control subtypes 7
 *      and 6), Extension frames, and +HTC or protected management frames
 *      (for the action filter) are not compared.
 *   R10 transport loads: `tcp[]`, `udp[]` and `icmp[]` read IPv4 only
 *      (pcap-filter(7): "tcp, udp and other upper-layer protocol types only
 *      apply to IPv4"), so on IPv6 such a filter is NO.
 * Cost: a filter whose gate filter (e.g. `vlan` for `vlan and ip`) BPF
 * rejected is not run: it cannot match, and the gate's verdict was
 * compared already. */
#include "netfuzz/frame.h"
#include "netfuzz/oracle.h"

#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum fam { E = 1, S = 2, R = 4, W = 8, ALL = E | S | R | W };

enum flt {
	F_ARP, F_IP, F_IP6, F_UDP, F_TCP, F_ICMP, F_ICMP6, F_VLAN, F_UDP53, F_UDP5353, F_TCP443, F_IPFRAG,
	F_UDPDST53, F_IPVER, F_IPHL32, F_ICMPECHO, F_TCPHL32, F_ARPREPLY, F_LLC, F_PROTOCHAIN, F_PROTOCHAIN58,
	F_IP6LATER,
	F_DNSQR, F_DNSQD1,
	F_V_IP, F_V_IP6, F_V_ARP, F_V_UDP53, F_V_TCP443, F_V_IPVER, F_VV,
	F_W_BEACON, F_W_DATA, F_W_CTL, F_W_FROMDS, F_W_TODS, F_W_DSTODS, F_W_ADDR1, F_W_ADDR2, F_W_SRC,
	F_W_HOST, F_W_NAN, F_W_LLCU,
	NFLT
};

static const struct {
	const char *text;
	uint8_t fams;
	int8_t gate, gate2; /* filters one of which must match for this one to match (-1: none) */
} filters[NFLT] = {
	[F_ARP] = {"arp", E | S | W, -1, -1},
	[F_IP] = {"ip", ALL, -1, -1},
	[F_IP6] = {"ip6", ALL, -1, -1},
	[F_UDP] = {"udp", ALL, F_IP, F_IP6},
	[F_TCP] = {"tcp", ALL, F_IP, F_IP6},
	[F_ICMP] = {"icmp", ALL, F_IP, -1},
	[F_ICMP6] = {"icmp6", ALL, F_IP6, -1},
	[F_VLAN] = {"vlan", E, -1, -1},
	[F_UDP53] = {"udp port 53", ALL, F_UDP, -1},
	[F_UDP5353] = {"udp port 5353", ALL, F_UDP, -1},
	[F_TCP443] = {"tcp port 443", ALL, F_TCP, -1},
	[F_IPFRAG] = {"ip[6:2] & 0x1fff != 0", ALL, F_IP, -1},
	[F_UDPDST53] = {"udp dst port 53", ALL, F_UDP53, -1},
	[F_IPVER] = {"ip[0] & 0xf0 = 0x40", E | S | W, F_IP, -1},
	/* header lengths of 32 bytes or more: the high bit of IHL / data offset */
	[F_IPHL32] = {"ip[0] & 0x08 != 0", ALL, F_IP, -1},
	/* a load at the offset the IHL gives (past IPv4 options) */
	[F_ICMPECHO] = {"icmp[icmptype] = icmp-echo", ALL, F_ICMP, -1},
	[F_TCPHL32] = {"tcp[12] & 0x80 != 0", ALL, F_TCP, -1},
	[F_ARPREPLY] = {"arp[6:2] = 2", E | S | W, F_ARP, -1},
	[F_LLC] = {"llc", E, -1, -1},
	/* BPF walks the extension header chain as the dissector does */
	[F_PROTOCHAIN] = {"ip6 protochain 17", E | S | R, F_IP6, -1},
	[F_PROTOCHAIN58] = {"ip6 protochain 58", E | S | R, F_IP6, -1},
	[F_IP6LATER] = {"ip6[6] = 44 and ip6[42:2] & 0xfff8 != 0", ALL, F_IP6, -1},
	/* DNS header bits at udp[8+2], udp[8+4] (RFC 1035 4.1.1) */
	[F_DNSQR] = {"udp port 53 and udp[10] & 0x80 != 0", ALL, F_UDP53, -1},
	[F_DNSQD1] = {"udp port 53 and udp[12:2] = 1", ALL, F_UDP53, -1},
	[F_V_IP] = {"vlan and ip", E, F_VLAN, -1},
	[F_V_IP6] = {"vlan and ip6", E, F_VLAN, -1},
	[F_V_ARP] = {"vlan and arp", E, F_VLAN, -1},
	[F_V_UDP53] = {"vlan and udp port 53", E, F_VLAN, -1},
	[F_V_TCP443] = {"vlan and tcp port 443", E, F_VLAN, -1},
	[F_V_IPVER] = {"vlan and ip[0] & 0xf0 = 0x40", E, F_VLAN, -1},
	[F_VV] = {"vlan and vlan", E, F_VLAN, -1},
	[F_W_BEACON] = {"type mgt subtype beacon", W, -1, -1},
	[F_W_DATA] = {"type data", W, -1, -1},
	[F_W_CTL] = {"type ctl", W, -1, -1},
	[F_W_FROMDS] = {"dir fromds", W, -1, -1},
	[F_W_TODS] = {"dir tods", W, -1, -1},
	[F_W_DSTODS] = {"dir dstods", W, -1, -1},
	[F_W_ADDR1] = {"wlan addr1 ff:ff:ff:ff:ff:ff", W, -1, -1},
	/* the seeds' access point (corpora/gen_frame_radiotap.py AP) */
	[F_W_ADDR2] = {"wlan addr2 02:00:00:00:0a:01", W, -1, -1},
	[F_W_SRC] = {"wlan src 02:00:00:00:0a:01", W, -1, -1},
	[F_W_HOST] = {"wlan host ff:ff:ff:ff:ff:ff", W, -1, -1},
	/* Action (type 0 subtype 13: libpcap has no name for it), Public Action
	 * (4), vendor specific (9), WFA OUI, NAN Action Frame
	 * (NAN spec v4 9.6.3) */
	[F_W_NAN] = {"wlan[0] & 0xfc = 0xd0 and wlan[24:2] = 0x0409 and wlan[26:4] = 0x506f9a18", W, -1, -1},
	/* the LLC control field at the offset BPF computes for a data frame:
	 * an unnumbered PDU (IEEE 802.2 5.4; RFC 1042 SNAP uses UI, 0x03) */
	[F_W_LLCU] = {"llc u", W, -1, -1},
};

enum verdict { NO = 0, YES = 1, SKIP = 2 };

/* Compiled programs per link type (compiled once per process). */
static const int linktypes[] = {NF_LINKTYPE_ETHERNET, NF_LINKTYPE_LINUX_SLL, NF_LINKTYPE_LINUX_SLL2,
				NF_LINKTYPE_RAW, NF_LINKTYPE_IEEE802_11_RADIOTAP, NF_LINKTYPE_IEEE802_11};
static const uint8_t lt_fam[] = {E, S, S, R, W, W};
#define NLT (sizeof linktypes / sizeof linktypes[0])
static struct bpf_program progs[NLT][NFLT];
static int trace = -1;
static bool compiled[NLT][NFLT], ready[NLT];

static int lt_index(int linktype)
{
	for (size_t i = 0; i < NLT; i++)
		if (linktypes[i] == linktype)
			return (int)i;
	return -1;
}

static void compile_all(int li)
{
	/* LINKTYPE_RAW is DLT_RAW's file value; pcap_open_dead wants a DLT.
	 * The other values here are equal as DLT and LINKTYPE. */
	int dlt = linktypes[li] == NF_LINKTYPE_RAW ? DLT_RAW : linktypes[li];
	pcap_t *p = pcap_open_dead(dlt, 262144);

	for (int f = 0; p && f < NFLT; f++) {
		compiled[li][f] = (filters[f].fams & lt_fam[li]) &&
				  pcap_compile(p, &progs[li][f], filters[f].text, 1, PCAP_NETMASK_UNKNOWN) == 0;
		if (trace && (filters[f].fams & lt_fam[li]) && !compiled[li][f])
			fprintf(stderr, "netfuzz oracle frame-bpf: \"%s\" does not compile for link type %d: %s\n",
				filters[f].text, linktypes[li], pcap_geterr(p));
	}
	if (p)
		pcap_close(p);
	ready[li] = true;
}

/* What the network-level verdicts read from the dissector's output for one
 * position of the network layer (`ni`: after the link layer, after one
 * tag, or after 802.11 LLC), gathered in one pass over those layers'
 * fields by id.  A "has" flag is R4: the dissector recorded that field
 * (the first one). */
struct facts {
	int ni;
	uint8_t net, tr, app;      /* pids at ni, ni+1, ni+2 */
	uint8_t net_st, tr_st;     /* their status */
	uint32_t net_off, tr_off;
	int nlayers;
	bool has_ver, has_proto, has_fo, has_hl, has_len, has_nxt, has_fnxt, has_ffo;
	uint64_t ver, proto, fo, hl, len, nxt, fnxt, ffo;
	bool has_sport, has_dport, has_ulen, has_thl, has_itype, has_op, has_qr, has_qd;
	uint64_t sport, dport, ulen, thl, itype, op, qr, qd;
	uint64_t final_nxt; /* the last Next Header the IPv6 walk recorded */
	bool has_dsap, has_ssap;
	uint64_t dsap, ssap;
};

#define FIRST(flag, var, val) \
	do {                      \
		if (!(flag))      \
			(flag) = true, (var) = (val); \
	} while (0)

static void gather(const struct nf_packet *pkt, int ni, struct facts *k)
{
	memset(k, 0, sizeof *k);
	k->ni = ni;
	k->nlayers = pkt->nlayers;
	if (ni < 0 || ni >= pkt->nlayers)
		return;
	k->net = pkt->layers[ni].pid;
	k->net_st = pkt->layers[ni].status;
	k->net_off = pkt->layers[ni].off;
	if (ni + 1 < pkt->nlayers) {
		k->tr = pkt->layers[ni + 1].pid;
		k->tr_st = pkt->layers[ni + 1].status;
		k->tr_off = pkt->layers[ni + 1].off;
	}
	if (ni + 2 < pkt->nlayers)
		k->app = pkt->layers[ni + 2].pid;
	for (int li = ni; li < pkt->nlayers && li <= ni + 2; li++) {
		const struct nf_layer *l = &pkt->layers[li];

		for (unsigned i = l->first_field; i < (unsigned)l->first_field + l->nfields; i++) {
			const struct nf_field *f = &pkt->fields[i];
			uint64_t v = f->v.u;

			if (li == ni) {
				switch (f->fid) {
				case NFF_ip_version: FIRST(k->has_ver, k->ver, v); break;
				case NFF_ip_proto: FIRST(k->has_proto, k->proto, v); break;
				case NFF_ip_frag_offset: FIRST(k->has_fo, k->fo, v); break;
				case NFF_ip_hdr_len: FIRST(k->has_hl, k->hl, v); break;
				case NFF_ip_len: FIRST(k->has_len, k->len, v); break;
				case NFF_ipv6_plen: FIRST(k->has_len, k->len, v); break;
				case NFF_ipv6_nxt:
					FIRST(k->has_nxt, k->nxt, v);
					k->final_nxt = v;
					break;
				case NFF_ipv6_fraghdr_nxt:
					FIRST(k->has_fnxt, k->fnxt, v);
					k->final_nxt = v;
					break;
				case NFF_ipv6_fraghdr_offset: FIRST(k->has_ffo, k->ffo, v); break;
				case NFF_ipv6_hopopts_nxt:
				case NFF_ipv6_routing_nxt:
				case NFF_ipv6_dstopts_nxt: k->final_nxt = v; break;
				case NFF_arp_opcode: FIRST(k->has_op, k->op, v); break;
				default: break;
				}
			} else if (li == ni + 1) {
				switch (f->fid) {
				case NFF_udp_srcport:
				case NFF_tcp_srcport: FIRST(k->has_sport, k->sport, v); break;
				case NFF_udp_dstport:
				case NFF_tcp_dstport: FIRST(k->has_dport, k->dport, v); break;
				case NFF_udp_length: FIRST(k->has_ulen, k->ulen, v); break;
				case NFF_tcp_hdr_len: FIRST(k->has_thl, k->thl, v); break;
				case NFF_icmp_type: FIRST(k->has_itype, k->itype, v); break;
				default: break;
				}
			} else {
				switch (f->fid) {
				case NFF_dns_flags_response: FIRST(k->has_qr, k->qr, v); break;
				case NFF_dns_count_queries: FIRST(k->has_qd, k->qd, v); break;
				default: break;
				}
			}
		}
	}
}

static bool ipv6_ext(uint64_t nxt)
{
	return nxt == 0 || nxt == 43 || nxt == 44 || nxt == 60;
}

/* BPF's `udp`, `tcp`, `icmp`, `icmp6` (gen_proto): the layer after the
 * network layer is `tp`, with R3, R4/R5 and R7 from the dissector's marks. */
static enum verdict ipproto(const struct facts *k, uint8_t tp, bool v4, bool v6, uint64_t p)
{
	if (k->net == NFP_ip) {
		if (!v4)
			return NO;
		if (k->net_st != NF_LAYER_OK || !k->has_fo)
			return SKIP; /* R4, R5: the dissector stopped in the IP header */
		if (k->fo != 0)
			return SKIP; /* R7 */
		return k->tr == tp;
	}
	if (k->net == NFP_ipv6) {
		if (!v6)
			return NO;
		if (k->net_st != NF_LAYER_OK || !k->has_nxt)
			return SKIP;
		if (k->nxt == 44) {
			if (!k->has_fnxt || !k->has_ffo || k->ffo != 0)
				return SKIP; /* R7: BPF tests fraghdr.nxt on a later fragment too */
			if (k->fnxt != p && ipv6_ext(k->fnxt))
				return SKIP; /* R3 */
			return k->tr == tp;
		}
		if (ipv6_ext(k->nxt))
			return SKIP; /* R3 */
		return k->tr == tp;
	}
	return NO;
}

/* `udp port N`, `tcp port N`, `udp dst port N` (gen_portop): ports as the
 * transport layer read them; IPv6 only directly after the fixed header
 * (R3); later fragments compared as they are (R7). */
static enum verdict portfilter(const struct facts *k, uint8_t tp, uint64_t p, uint64_t port, bool dst_only)
{
	if (k->net == NFP_ip) {
		if (k->net_st != NF_LAYER_OK)
			return SKIP; /* R4, R5 */
	} else if (k->net == NFP_ipv6) {
		if (k->net_st != NF_LAYER_OK || !k->has_nxt)
			return SKIP;
		if (k->nxt != p)
			return ipv6_ext(k->nxt) ? NO : k->tr == tp ? SKIP : NO; /* R3 */
	} else {
		return NO;
	}
	if (k->tr != tp)
		return NO;
	if (!k->has_sport || !k->has_dport)
		return SKIP; /* R5 */
	return k->dport == port || (!dst_only && k->sport == port);
}

/* Bytes of UDP payload the dissector handed on (bounded by the UDP and IP
 * lengths and the capture), or -1 when the dissector's fields do not say. */
static long udp_payload(const struct nf_packet *pkt, const struct facts *k)
{
	long cap = (long)pkt->caplen - (long)k->tr_off - 8, n = cap;

	if (!k->has_ulen || !k->has_len)
		return -1;
	if ((long)k->ulen - 8 < n)
		n = (long)k->ulen - 8;
	if (k->net == NFP_ip && k->has_hl && (long)k->len - (long)k->hl - 8 < n)
		n = (long)k->len - (long)k->hl - 8;
	return n;
}

/* DNS header bit/count behind `udp port 53 and udp[...]`: the DNS layer's
 * field.  A UDP payload to or from port 53 goes to the DNS dissector
 * (IANA): with payload and no DNS layer, the model says NO. */
static enum verdict dnsfield(const struct nf_packet *pkt, const struct facts *k, bool qr)
{
	enum verdict u = k->net == NFP_ip ? portfilter(k, NFP_udp, 17, 53, false) : NO; /* R10 */
	long n;

	if (u != YES)
		return u;
	if (k->app == NFP_dns) {
		if (qr)
			return k->has_qr ? k->qr != 0 : SKIP;
		return k->has_qd ? k->qd == 1 : SKIP;
	}
	n = udp_payload(pkt, k);
	if (n < 0)
		return SKIP;
	if (n > 0)
		return NO; /* a payload the dissector left undecoded */
	/* none handed on; BPF reads what was captured (R5) */
	return (long)pkt->caplen - (long)k->tr_off - 8 > 2 ? SKIP : NO;
}

/* Network-level filters on one position of the network layer. */
static enum verdict netmodel(const struct nf_packet *pkt, const struct facts *k, int f, bool raw)
{
	switch (f) {
	case F_ARP:
		return k->net == NFP_arp;
	case F_IP:
		if (raw) /* BPF `ip` on raw IP tests the version nibble */
			return k->net != NFP_ip ? NO : k->has_ver ? k->ver == 4 : SKIP;
		return k->net == NFP_ip;
	case F_IP6:
		return k->net == NFP_ipv6;
	case F_UDP:
		return ipproto(k, NFP_udp, true, true, 17);
	case F_TCP:
		return ipproto(k, NFP_tcp, true, true, 6);
	case F_ICMP:
		return ipproto(k, NFP_icmp, true, false, 1);
	case F_ICMP6:
		return ipproto(k, NFP_icmpv6, false, true, 58);
	case F_UDP53:
		return portfilter(k, NFP_udp, 17, 53, false);
	case F_UDP5353:
		return portfilter(k, NFP_udp, 17, 5353, false);
	case F_TCP443:
		return portfilter(k, NFP_tcp, 6, 443, false);
	case F_UDPDST53:
		return portfilter(k, NFP_udp, 17, 53, true);
	case F_IPFRAG:
		if (k->net != NFP_ip)
			return NO;
		return k->has_fo ? k->fo != 0 : SKIP;
	case F_IPVER:
		if (k->net != NFP_ip)
			return NO;
		return k->has_ver ? k->ver == 4 : SKIP;
	case F_IPHL32:
		if (k->net != NFP_ip)
			return NO;
		return k->has_hl ? (k->hl & 32) != 0 : SKIP;
	case F_ICMPECHO:
	case F_TCPHL32: {
		bool icmp = f == F_ICMPECHO;

		if (k->net == NFP_ip) {
			if (k->net_st != NF_LAYER_OK || !k->has_fo || k->fo != 0)
				return SKIP; /* R4, R5, R7 */
		} else {
			return NO;
		}
		if (k->tr != (icmp ? NFP_icmp : NFP_tcp))
			return NO;
		if (icmp)
			return k->has_itype ? k->itype == 8 : SKIP;
		return k->has_thl ? (k->thl & 32) != 0 : SKIP;
	}
	case F_ARPREPLY:
		if (k->net != NFP_arp)
			return NO;
		return k->has_op ? k->op == 2 : SKIP;
	case F_PROTOCHAIN:
	case F_PROTOCHAIN58:
		if (k->net != NFP_ipv6)
			return NO;
		if (k->net_st != NF_LAYER_OK || !k->has_nxt)
			return SKIP; /* R4, R5 */
		if (k->has_fnxt)
			return SKIP; /* R3: BPF's walk takes a fragment header's Reserved byte for a length */
		if (k->final_nxt == 51)
			return SKIP; /* AH: BPF walks it, the dissector does not */
		return k->tr == (f == F_PROTOCHAIN ? NFP_udp : NFP_icmpv6);
	case F_IP6LATER:
		if (k->net != NFP_ipv6)
			return NO;
		if (!k->has_nxt)
			return SKIP;
		if (k->nxt != 44)
			return NO;
		return k->has_ffo ? k->ffo != 0 : SKIP;
	case F_DNSQR:
		return dnsfield(pkt, k, true);
	case F_DNSQD1:
		return dnsfield(pkt, k, false);
	}
	return SKIP;
}

/* Link-level facts: Ethernet tags and 802.11 header fields. */
struct link {
	int wi;                        /* index of the wlan layer, or -1 */
	bool link_type;                /* layer 0 read its type or length field (R4) */
	bool eth9100, vetype9100;      /* R2: outer eth.type / first vlan.etype 0x9100 */
	bool eth_len;                  /* layer 0 read an IEEE 802.3 Length (eth.len) */
	bool has_type, has_sub, has_tods, has_fromds;
	uint64_t type, sub, tods, fromds;
	bool prot, order, htc, amsdu, fcs, datapad, rt_ok;
	int rt_words, naddr;
	uint64_t rt_len;
	uint8_t addr[4][6];
	bool has_sa, has_da;
	uint8_t sa[6], da[6];
	bool has_otype, nan;
	uint64_t otype;
	bool has_dsap, has_ssap, has_ctl, has_oui, has_lltype;
	uint64_t dsap, ssap, ctl, oui;
};

static void gather_link(const struct nf_packet *pkt, struct link *L)
{
	bool eth = pkt->linktype == NF_LINKTYPE_ETHERNET;

	memset(L, 0, sizeof *L);
	L->wi = -1;
	for (int li = 0; li < pkt->nlayers; li++) {
		const struct nf_layer *l = &pkt->layers[li];

		if (l->pid == NFP_wlan && L->wi < 0)
			L->wi = li;
		if (l->pid == NFP_radiotap)
			L->rt_ok = l->status == NF_LAYER_OK;
		if (l->pid == NFP_nan)
			L->nan = true;
		/* fields: the link layer and first tag, or radiotap, 802.11,
		 * its management body or LLC */
		if (L->wi < 0 ? li > 1 : li > L->wi + 1)
			continue;
		for (unsigned i = l->first_field; i < (unsigned)l->first_field + l->nfields; i++) {
			const struct nf_field *f = &pkt->fields[i];
			uint64_t v = f->v.u;

			if (li == 0) {
				if (eth ? f->fid == NFF_eth_type || f->fid == NFF_eth_len
					: f->fid == NFF_sll_etype || f->fid == NFF_sll_ltype)
					L->link_type = true;
				if (f->fid == NFF_eth_type && v == 0x9100)
					L->eth9100 = true;
				if (f->fid == NFF_eth_len)
					L->eth_len = true;
			}
			if (li == 1 && f->fid == NFF_vlan_etype && v == 0x9100)
				L->vetype9100 = true;
			switch (f->fid) {
			case NFF_radiotap_present_word: L->rt_words++; break;
			case NFF_radiotap_length: L->rt_len = v; break;
			case NFF_radiotap_flags_fcs: L->fcs = v != 0; break;
			case NFF_radiotap_flags_datapad: L->datapad = v != 0; break;
			case NFF_wlan_fc_type: FIRST(L->has_type, L->type, v); break;
			case NFF_wlan_fc_subtype: FIRST(L->has_sub, L->sub, v); break;
			case NFF_wlan_fc_tods: FIRST(L->has_tods, L->tods, v); break;
			case NFF_wlan_fc_fromds: FIRST(L->has_fromds, L->fromds, v); break;
			case NFF_wlan_fc_protected: L->prot = v != 0; break;
			case NFF_wlan_fc_order: L->order = v != 0; break;
			case NFF_wlan_htc: L->htc = true; break;
			case NFF_wlan_qos_amsdupresent: L->amsdu = v != 0; break;
			case NFF_wlan_addr:
				if (L->naddr < 4)
					memcpy(L->addr[L->naddr++], f->v.addr, 6);
				break;
			case NFF_wlan_sa:
				if (!L->has_sa)
					L->has_sa = true, memcpy(L->sa, f->v.addr, 6);
				break;
			case NFF_wlan_da:
				if (!L->has_da)
					L->has_da = true, memcpy(L->da, f->v.addr, 6);
				break;
			case NFF_wlan_tag_vendor_oui_type: FIRST(L->has_otype, L->otype, v); break;
			case NFF_llc_dsap: FIRST(L->has_dsap, L->dsap, v); break;
			case NFF_llc_ssap: FIRST(L->has_ssap, L->ssap, v); break;
			case NFF_llc_control: FIRST(L->has_ctl, L->ctl, v); break;
			case NFF_llc_oui: FIRST(L->has_oui, L->oui, v); break;
			case NFF_llc_type: L->has_lltype = true; break;
			default: break;
			}
		}
	}
}

static const uint8_t bcast[6] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
static const uint8_t ap[6] = {0x02, 0x00, 0x00, 0x00, 0x0a, 0x01};

/* 802.11 header filters, from the wlan layer's fields (R4, R9). */
static enum verdict wlanmodel(const struct link *L, int f)
{
	bool mgmt_or_data = L->type == 0 || L->type == 2;

	if (L->wi < 0 || !L->has_type || !L->has_sub)
		return SKIP; /* no 802.11 header read: it_len or the FCS cut it (R4) */
	switch (f) {
	case F_W_BEACON:
		return L->type == 0 && L->sub == 8;
	case F_W_DATA:
		return L->type == 2;
	case F_W_CTL:
		return L->type == 1;
	case F_W_FROMDS:
	case F_W_TODS:
	case F_W_DSTODS:
		if (!L->has_tods || !L->has_fromds)
			return SKIP;
		return f == F_W_FROMDS ? !L->tods && L->fromds : f == F_W_TODS ? L->tods && !L->fromds : L->tods && L->fromds;
	case F_W_ADDR1:
		return L->naddr >= 1 ? !memcmp(L->addr[0], bcast, 6) : SKIP;
	case F_W_ADDR2:
		if (L->type == 1 && (L->sub == 12 || L->sub == 13))
			return NO; /* CTS, Ack: no Address 2 (gen_wlanhostop) */
		if (L->type == 3 || (L->type == 1 && (L->sub == 6 || L->sub == 7)))
			return SKIP; /* R9 */
		return L->naddr >= 2 ? !memcmp(L->addr[1], ap, 6) : SKIP;
	case F_W_SRC:
		if (!mgmt_or_data)
			return SKIP; /* R9 */
		return L->has_sa ? !memcmp(L->sa, ap, 6) : SKIP;
	case F_W_HOST:
		if (!mgmt_or_data)
			return SKIP;
		/* a load past the capture rejects the packet even inside
		 * `or`, so both addresses must have been read (R4) */
		if (!L->has_sa || !L->has_da)
			return SKIP;
		return !memcmp(L->sa, bcast, 6) || !memcmp(L->da, bcast, 6);
	case F_W_NAN:
		if (L->type != 0 || L->sub != 13)
			return NO;
		if (L->order || L->prot)
			return SKIP; /* R9: +HTC moves the body; protected is not dissected */
		if (L->nan && L->has_otype)
			return L->otype == 0x18;
		return L->fcs ? SKIP : NO; /* R8: BPF may read the FCS as body */
	}
	return SKIP;
}

/* R8: may the network filters be compared on this 802.11 frame? */
static bool wlan_path_comparable(const struct nf_packet *pkt, const struct link *L, int llc)
{
	if (!L->rt_ok && pkt->linktype == NF_LINKTYPE_IEEE802_11_RADIOTAP)
		return false;
	if (!L->has_type || L->wi < 0 || pkt->layers[L->wi].status != NF_LAYER_OK)
		return false;
	if (L->type != 2)
		return true; /* BPF's data-frame test fails; the dissector has no LLC */
	if ((L->has_tods && L->tods && L->has_fromds && L->fromds) || L->htc || L->prot || L->amsdu ||
	    (L->has_sub && (L->sub & 4)))
		return false;
	/* DATAPAD: BPF honours it only in a single presence word, and rounds
	 * the absolute offset (it_len + header) to 4, not the header length */
	if (L->datapad && (L->rt_words > 1 || L->rt_len % 4))
		return false;
	if (llc < 0)
		return !L->fcs; /* no body: BPF's loads fail, unless it reads the FCS */
	return pkt->layers[llc].status == NF_LAYER_OK; /* R4 */
}

static void print_side(const struct nf_packet *pkt, const char *what, int bpf, int ours, const uint8_t *data)
{
	fprintf(stderr, "netfuzz oracle frame-bpf: disagreement on filter \"%s\" (linktype %d, caplen %u, wirelen %u)\n",
		what, pkt->linktype, pkt->caplen, pkt->wirelen);
	fprintf(stderr, "  libpcap pcap_offline_filter: %s\n", bpf ? "match" : "no match");
	fprintf(stderr, "  netfuzz model:               %s; layers:", ours ? "match" : "no match");
	for (unsigned i = 0; i < pkt->nlayers; i++)
		fprintf(stderr, " %s%s@%u", pkt->layers[i].proto,
			pkt->layers[i].status == NF_LAYER_TRUNCATED   ? "[truncated]"
			: pkt->layers[i].status == NF_LAYER_MALFORMED ? "[malformed]"
								      : "",
			pkt->layers[i].off);
	fprintf(stderr, "\n  first bytes:");
	for (uint32_t i = 0; i < pkt->caplen && i < 64; i++)
		fprintf(stderr, " %02x", data[i]);
	fprintf(stderr, "\n");
}

/* A rule's own disagreement (R7, R8): the dissector's output contradicts
 * what BPF or its own fields say. */
static void rule_trap(const struct nf_packet *pkt, const char *rule, const uint8_t *data)
{
	fprintf(stderr, "netfuzz oracle frame-bpf: %s\n", rule);
	print_side(pkt, "(rule)", 1, 0, data);
	__builtin_trap();
}

void nf_oracle_frame(const struct nf_packet *pkt, const uint8_t *data)
{
	int li = lt_index(pkt->linktype), llc = -1;
	bool raw = pkt->linktype == NF_LINKTYPE_RAW, wlan = lt_fam[li < 0 ? 0 : li] == W, corrupt, tagged, wpath = true,
	     whdr = true;
	struct pcap_pkthdr h;
	struct facts k, v;
	struct link L;
	int8_t bpfres[NFLT];

	if (li < 0 || !nf_oracle_enabled() || pkt->overflow)
		return;
	if (trace < 0) { /* NF_ORACLE_TRACE=1: each filter compared or skipped (tests) */
		const char *t = getenv("NF_ORACLE_TRACE");

		trace = t && !strcmp(t, "1");
	}
	if (!ready[li])
		compile_all(li);
	corrupt = nf_oracle_corrupt(NF_ORACLE_FRAME);
	gather_link(pkt, &L);
	if (wlan) {
		/* the network layer follows the 802.11 LLC/SNAP header (R8) */
		if (L.wi >= 0 && L.wi + 1 < pkt->nlayers && pkt->layers[L.wi + 1].pid == NFP_llc)
			llc = L.wi + 1;
		wpath = whdr = wlan_path_comparable(pkt, &L, llc);
		if (llc >= 0 && L.has_dsap && L.has_ssap && L.has_ctl &&
		    (L.dsap != 0xaa || L.ssap != 0xaa || L.ctl != 3 || (L.has_oui && L.oui != 0))) {
			if (llc + 1 < pkt->nlayers)
				rule_trap(pkt, "rule R8: a network layer after an LLC header that is not SNAP with OUI 0 (RFC 1042)", data);
			wpath = false;
		}
		gather(pkt, llc >= 0 ? llc + 1 : -1, &k);
	} else {
		gather(pkt, raw ? 0 : 1, &k); /* R1 */
	}
	tagged = pkt->linktype == NF_LINKTYPE_ETHERNET && pkt->nlayers > 1 &&
		 (pkt->layers[1].pid == NFP_vlan || pkt->layers[1].pid == NFP_ieee8021ad);
	if (tagged)
		gather(pkt, 2, &v);
	memset(&h, 0, sizeof h);
	h.caplen = pkt->caplen;
	h.len = pkt->wirelen;
	memset(bpfres, -1, sizeof bpfres);
	for (int f = 0; f < NFLT; f++) {
		enum verdict ours;
		int bpf, g = filters[f].gate, g2 = filters[f].gate2;

		if (!compiled[li][f])
			continue;
		if (g >= 0 && bpfres[g] == 0 && (g2 < 0 || bpfres[g2] == 0))
			continue; /* cannot match; the gates' verdicts were compared */
		if (f == F_W_LLCU) {
			/* R8 without its SNAP part: where the LLC header starts */
			if (L.wi < 0 || !L.has_type)
				ours = SKIP;
			else if (L.type != 2)
				ours = NO;
			else if (!whdr)
				ours = SKIP;
			else if (llc < 0)
				ours = NO; /* no body (R8 skipped the FCS case) */
			else
				ours = L.has_ctl ? (L.ctl & 3) == 3 : SKIP;
		} else if (f >= F_W_BEACON) {
			ours = wlanmodel(&L, f);
		} else if (f >= F_V_IP) {
			/* `vlan and X`: X after the first tag (R1, R2) */
			if (!tagged)
				ours = L.eth9100 ? SKIP : NO;
			else if (pkt->layers[1].status != NF_LAYER_OK)
				ours = SKIP;
			else if (f == F_VV)
				ours = pkt->nlayers > 2 && (v.net == NFP_vlan || v.net == NFP_ieee8021ad) ? YES
				       : L.vetype9100 || (pkt->layers[1].pid == NFP_ieee8021ad && pkt->nlayers == 2)
					       ? SKIP
					       : NO;
			else
				ours = netmodel(pkt, &v, f == F_V_IP ? F_IP : f == F_V_IP6 ? F_IP6 : f == F_V_ARP ? F_ARP
							 : f == F_V_UDP53 ? F_UDP53 : f == F_V_TCP443 ? F_TCP443 : F_IPVER, false);
		} else if (f == F_VLAN) {
			ours = tagged || L.eth9100; /* R2 */
		} else if (f == F_LLC) {
			/* the dissector read a Length (eth.len, IEEE 802.3
			 * 3.2.6: <= 1500) and an LLC PDU after it */
			if (!L.eth_len || pkt->nlayers < 2 || pkt->layers[1].pid != NFP_llc)
				ours = NO;
			else /* libpcap gen_llc: not NetWare's raw 802.3 (FF FF) */
				ours = L.has_dsap && L.has_ssap ? !(L.dsap == 0xff && L.ssap == 0xff) : SKIP;
		} else if (!raw && !wlan && !L.link_type) {
			/* the link layer did not read its type field (R4); SLL2
			 * has it first, so BPF may read it from a truncated
			 * header; Ethernet and SLL have it last */
			ours = pkt->linktype == NF_LINKTYPE_LINUX_SLL2 ? SKIP : NO;
		} else if (wlan && !wpath) {
			ours = SKIP; /* R8 */
		} else {
			ours = netmodel(pkt, &k, f, raw);
		}
		if (ours == SKIP) {
			if (trace)
				fprintf(stderr, "netfuzz oracle frame-bpf: skipped \"%s\"\n", filters[f].text);
			continue;
		}
		bpf = pcap_offline_filter(&progs[li][f], &h, data) != 0;
		bpfres[f] = (int8_t)bpf;
		if (trace)
			fprintf(stderr, "netfuzz oracle frame-bpf: compared \"%s\": %s\n", filters[f].text,
				bpf ? "match" : "no match");
		if (corrupt) /* test hook: a wrong model value must trap */
			ours = !ours, corrupt = false;
		if (bpf != (int)ours) {
			print_side(pkt, filters[f].text, bpf, ours, data);
			__builtin_trap();
		}
		/* R7: BPF says later fragment; the dissector must stop at IP */
		if (bpf && (f == F_IPFRAG || f == F_IP6LATER) && k.ni >= 0 && k.ni + 1 < pkt->nlayers)
			rule_trap(pkt, "rule R7: a later fragment (BPF matches the fragment offset) has a layer after IP; "
				       "it carries no transport header (RFC 791 3.2, RFC 8200 4.5)", data);
	}
}
