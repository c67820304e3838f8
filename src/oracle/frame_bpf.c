/* Frames vs libpcap's BPF (issue 14).
 *
 * For each packet a frame target dissected, the 12 filters below run
 * through pcap_offline_filter on the same captured bytes, and each verdict
 * is compared with the verdict our layer list and fields give.  BPF is an
 * independent reading of the same headers (libpcap's gencode.c), so a
 * dissector that takes the wrong offset, the wrong EtherType or the wrong
 * IPv4 header length disagrees.
 *
 * BPF and a dissector differ by design in a few places.  Each is a rule
 * (docs/oracles.md), applied from what the model says, never from an
 * example input:
 *   R1 untagged: a primitive without `vlan` tests the link layer's own type
 *      field (pcap-filter(7): "vlan" moves the offsets); so the model's
 *      network layer is the one directly after the link layer.
 *   R2 vlan TPIDs: BPF `vlan` also accepts TPID 0x9100 (pre-standard QinQ),
 *      which we leave undissected (eth.type 0x9100 counts as tagged).
 *   R3 one fragment header: BPF's udp/tcp/icmp6 look at the IPv6 Next
 *      Header, or at the one after a single fragment header (gen_proto);
 *      port tests look only directly after the fixed header.  The model
 *      uses ipv6.nxt / ipv6.fraghdr.nxt the same way; other extension
 *      headers (which we walk) do not count.
 *   R4 whole headers: BPF loads the single bytes it tests; the dissector
 *      reads a fixed header whole and adds no field when it is truncated,
 *      and stops at a bad version.  A filter whose field the model lacks
 *      for that reason is not compared (skipped, not passed).
 *   R5 lengths: BPF ignores the IPv4 IHL validity, the IPv4 total length
 *      and the IPv6 payload length and reads ports at 4*IHL from what was
 *      captured; the dissector bounds the transport header by them.  When
 *      the transport layer has no ports, port filters are not compared.
 *   R6 link types: only Ethernet, Linux SLL, SLL2 and raw IP are compared;
 *      a filter libpcap cannot compile for a link type (`vlan` on SLL or
 *      raw IP, `arp` on raw IP) is not compared on it. */
#include "netfuzz/frame.h"
#include "netfuzz/oracle.h"

#include <pcap/pcap.h>
#include <stdio.h>
#include <string.h>

enum flt { F_ARP, F_IP, F_IP6, F_UDP, F_TCP, F_ICMP, F_ICMP6, F_VLAN, F_UDP53, F_UDP5353, F_TCP443, F_IPFRAG, NFLT };
static const char *const filters[NFLT] = {
	"arp", "ip", "ip6", "udp", "tcp", "icmp", "icmp6", "vlan",
	"udp port 53", "udp port 5353", "tcp port 443", "ip[6:2] & 0x1fff != 0",
};

enum verdict { NO = 0, YES = 1, SKIP = 2 };

/* Compiled programs per link type (compiled once per process). */
static const int linktypes[] = {NF_LINKTYPE_ETHERNET, NF_LINKTYPE_LINUX_SLL, NF_LINKTYPE_LINUX_SLL2,
				NF_LINKTYPE_RAW};
#define NLT (sizeof linktypes / sizeof linktypes[0])
static struct bpf_program progs[NLT][NFLT];
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
	/* LINKTYPE_RAW is DLT_RAW's file value; pcap_open_dead wants a DLT. */
	int dlt = linktypes[li] == NF_LINKTYPE_RAW ? DLT_RAW : linktypes[li];
	pcap_t *p = pcap_open_dead(dlt, 262144);

	for (int f = 0; p && f < NFLT; f++)
		compiled[li][f] = pcap_compile(p, &progs[li][f], filters[f], 1, PCAP_NETMASK_UNKNOWN) == 0;
	if (p)
		pcap_close(p);
	ready[li] = true;
}

/* What the verdicts read from the model, gathered in one pass per packet
 * by field id (the verdicts used to look each field up by name, once per
 * filter: strcmp was the largest entry of frame_ether's profile).  A "has"
 * flag is R4: the dissector recorded that field (the first one, as a
 * lookup by name found it). */
struct facts {
	uint8_t net, tr;     /* pid of the network layer (R1) and of the one after it */
	bool link_type;      /* layer 0 read its type or length field (R4) */
	bool eth9100;        /* layer 0's eth.type is 0x9100 (R2) */
	bool has_ver, has_proto, has_fo, has_nxt, has_fnxt, has_sport, has_dport;
	uint64_t ver, proto, fo, nxt, fnxt, sport, dport;
};

#define FIRST(flag, var, val) \
	do {                      \
		if (!(flag))      \
			(flag) = true, (var) = (val); \
	} while (0)

static uint8_t pid_at(const struct nf_packet *pkt, int li)
{
	return li >= 0 && li < pkt->nlayers ? pkt->layers[li].pid : NFP__none;
}

static void gather(const struct nf_packet *pkt, int ni, struct facts *k)
{
	bool eth = pkt->linktype == NF_LINKTYPE_ETHERNET, has_et = false;
	uint64_t et = 0;

	memset(k, 0, sizeof *k);
	k->net = pid_at(pkt, ni);
	k->tr = pid_at(pkt, ni + 1);
	for (int li = 0; li < pkt->nlayers && li <= ni + 1; li++) {
		const struct nf_layer *l = &pkt->layers[li];

		for (unsigned i = l->first_field; i < (unsigned)l->first_field + l->nfields; i++) {
			const struct nf_field *f = &pkt->fields[i];
			uint64_t v = f->v.u;

			if (li == 0) {
				if (f->fid == NFF_eth_type)
					FIRST(has_et, et, v);
				if (eth ? f->fid == NFF_eth_type || f->fid == NFF_eth_len
					: f->fid == NFF_sll_etype || f->fid == NFF_sll_ltype)
					k->link_type = true;
			}
			if (li == ni && k->net == NFP_ip) {
				if (f->fid == NFF_ip_version)
					FIRST(k->has_ver, k->ver, v);
				else if (f->fid == NFF_ip_proto)
					FIRST(k->has_proto, k->proto, v);
				else if (f->fid == NFF_ip_frag_offset)
					FIRST(k->has_fo, k->fo, v);
			} else if (li == ni && k->net == NFP_ipv6) {
				if (f->fid == NFF_ipv6_nxt)
					FIRST(k->has_nxt, k->nxt, v);
				else if (f->fid == NFF_ipv6_fraghdr_nxt)
					FIRST(k->has_fnxt, k->fnxt, v);
			}
			if (li == ni + 1 && (k->tr == NFP_udp || k->tr == NFP_tcp)) {
				bool udp = k->tr == NFP_udp;

				if (f->fid == (udp ? NFF_udp_srcport : NFF_tcp_srcport))
					FIRST(k->has_sport, k->sport, v);
				else if (f->fid == (udp ? NFF_udp_dstport : NFF_tcp_dstport))
					FIRST(k->has_dport, k->dport, v);
			}
		}
	}
	k->eth9100 = has_et && et == 0x9100;
}

/* The transport layer is `tp` and its ports match `port` (R5: SKIP when it
 * has none). */
static enum verdict ports(const struct facts *k, uint8_t tp, uint64_t port)
{
	if (k->tr != tp || !k->has_sport || !k->has_dport)
		return SKIP;
	return k->sport == port || k->dport == port;
}

/* IP protocol `p` per BPF's gen_proto (R3, R4). */
static enum verdict ipproto(const struct facts *k, uint64_t p, bool v4, bool v6)
{
	if (k->net == NFP_ip)
		return !v4 ? NO : k->has_proto ? k->proto == p : SKIP;
	if (k->net == NFP_ipv6) {
		if (!v6)
			return NO;
		if (!k->has_nxt)
			return SKIP;
		if (k->nxt == p)
			return YES;
		if (k->nxt != 44)
			return NO;
		return k->has_fnxt ? k->fnxt == p : SKIP;
	}
	return NO;
}

/* `udp port N` / `tcp port N`: IPv4 first fragments, IPv6 without
 * extension headers (R3), ports as the transport layer read them (R5). */
static enum verdict portfilter(const struct facts *k, uint8_t tp, uint64_t p, uint64_t port)
{
	if (k->net == NFP_ip) {
		if (!k->has_proto || !k->has_fo)
			return SKIP; /* R4 */
		return k->proto != p || k->fo != 0 ? NO : ports(k, tp, port);
	}
	if (k->net == NFP_ipv6) {
		if (!k->has_nxt)
			return SKIP;
		return k->nxt != p ? NO : ports(k, tp, port);
	}
	return NO;
}

static enum verdict model(const struct nf_packet *pkt, const struct facts *k, int f)
{
	bool raw = pkt->linktype == NF_LINKTYPE_RAW;

	/* The link layer must have read its type field (R4), except raw IP,
	 * where BPF tests the version nibble as our ip_any does. */
	if (!raw && !k->link_type)
		/* SLL2 has its type first, so BPF may read it from a
		 * truncated header; Ethernet and SLL have it last. */
		return pkt->linktype == NF_LINKTYPE_LINUX_SLL2 ? SKIP : NO;
	switch (f) {
	case F_ARP:
		return k->net == NFP_arp;
	case F_IP:
		if (raw)
			return k->net == NFP_ip && k->has_ver && k->ver == 4;
		return k->net == NFP_ip;
	case F_IP6:
		return k->net == NFP_ipv6;
	case F_VLAN: /* R2 */
		return k->net == NFP_vlan || k->net == NFP_ieee8021ad || k->eth9100;
	case F_UDP:
		return ipproto(k, 17, true, true);
	case F_TCP:
		return ipproto(k, 6, true, true);
	case F_ICMP:
		return ipproto(k, 1, true, false);
	case F_ICMP6:
		return ipproto(k, 58, false, true);
	case F_UDP53:
		return portfilter(k, NFP_udp, 17, 53);
	case F_UDP5353:
		return portfilter(k, NFP_udp, 17, 5353);
	case F_TCP443:
		return portfilter(k, NFP_tcp, 6, 443);
	case F_IPFRAG:
		if (k->net != NFP_ip)
			return NO;
		return k->has_fo ? k->fo != 0 : SKIP;
	}
	return SKIP;
}

static void print_side(const struct nf_packet *pkt, int f, int bpf, int ours, const uint8_t *data)
{
	fprintf(stderr, "netfuzz oracle frame-bpf: disagreement on filter \"%s\" (linktype %d, caplen %u, wirelen %u)\n",
		filters[f], pkt->linktype, pkt->caplen, pkt->wirelen);
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

void nf_oracle_frame(const struct nf_packet *pkt, const uint8_t *data)
{
	int li = lt_index(pkt->linktype);
	struct pcap_pkthdr h;
	struct facts k;
	bool corrupt;

	if (li < 0 || !nf_oracle_enabled() || pkt->overflow)
		return;
	if (!ready[li])
		compile_all(li);
	corrupt = nf_oracle_corrupt(NF_ORACLE_FRAME);
	gather(pkt, pkt->linktype == NF_LINKTYPE_RAW ? 0 : 1, &k); /* R1 */
	memset(&h, 0, sizeof h);
	h.caplen = pkt->caplen;
	h.len = pkt->wirelen;
	for (int f = 0; f < NFLT; f++) {
		enum verdict ours;
		int bpf;

		if (!compiled[li][f] || (ours = model(pkt, &k, f)) == SKIP)
			continue;
		bpf = pcap_offline_filter(&progs[li][f], &h, data) != 0;
		if (corrupt) /* test hook: a wrong model value must trap */
			ours = !ours, corrupt = false;
		if (bpf != (int)ours) {
			print_side(pkt, f, bpf, ours, data);
			__builtin_trap();
		}
	}
}
