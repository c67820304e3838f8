/* Named bounds on every loop and recursion that input controls.  A parser
 * that hits one of these stops and reports the input as malformed. */
#ifndef NETFUZZ_LIMITS_H
#define NETFUZZ_LIMITS_H

/* DNS: RFC 1035 4.1.4 compression pointers.  A name is at most 255 octets
 * (RFC 1035 3.1), so at most 127 labels; pointers must also point strictly
 * backwards, so this bound only stops pathological chains early. */
#define NF_MAX_DNS_POINTER_HOPS 32
#define NF_MAX_DNS_NAME_LEN 255
#define NF_MAX_DNS_RECORDS 256

/* IPv6 extension header chain (RFC 8200 4.1 recommends an order with each
 * header at most once, twice for destination options). */
#define NF_MAX_IPV6_EXT_HEADERS 8
/* Stacked 802.1Q / 802.1ad tags (QinQ is two; allow a little slack). */
#define NF_MAX_VLAN_TAGS 4
/* Generic type-length-value walks (IP options, TCP options, 802.11 IEs,
 * NAN attributes, DHCP options, TLS extensions). */
#define NF_MAX_TLV_ITEMS 512
/* Radiotap extended presence bitmaps (bit 31 chains another word). */
#define NF_MAX_RADIOTAP_PRESENT_WORDS 16
/* Nesting depth for rtnetlink attributes (RTA_MULTIPATH holds rtnexthop
 * which holds attributes). */
#define NF_MAX_RTNL_NEST 4
/* Messages in one routing dump. */
#define NF_MAX_ROUTE_MSGS 1000000


/* --- frame dissectors, issue 3 (src/frame/) --- */
/* Records in one TCP segment walked by the TLS dissector, and handshake
 * messages in one record. */
#define NF_MAX_TLS_RECORDS 64
#define NF_MAX_TLS_HANDSHAKES 64
/* Coalesced QUIC long-header packets in one UDP datagram (RFC 9000 12.2). */
#define NF_MAX_QUIC_PACKETS 16
/* An ICMP/ICMPv6 error quotes an IP packet; quoted packets are dissected
 * only at this depth (an error quoting an error stops here). */
#define NF_MAX_ICMP_NEST 1
/* Packets one pcap_file fuzz input may hold; bytes of a bpf_filter
 * expression. */
#define NF_MAX_FUZZ_PCAP_PACKETS 64
#define NF_MAX_FUZZ_FILTER_LEN 1024

/* ---- certificates (src/cert/, issue 4) ---------------------------------
 * Certificates in one chain (files given together, a PEM bundle, a TLS
 * Certificate message or a PKCS#12 bag).  Real chains are 2-5 long;
 * OpenSSL's own default verify depth is 100, ours is far below. */
#define NF_MAX_CERTS 32
/* Embedded SCTs in one certificate (RFC 6962 3.3); Apple asks for <= 3. */
#define NF_MAX_SCTS 64
/* SAN entries kept in the model (more are counted, not stored). */
#define NF_MAX_SAN 32
/* Verification errors remembered per chain (OpenSSL callback). */
#define NF_MAX_VERIFY_ERRORS 16
/* Findings kept per rule (one per certificate at most). */
#define NF_MAX_FINDINGS (NF_MAX_CERTS + 1)
/* Largest certificate file `netfuzz cert` reads. */
#define NF_MAX_CERT_FILE (16u << 20)
/* PKCS#12: total KDF iterations (MAC + encrypted safes + shrouded keys)
 * a file may ask for; OpenSSL's default is 2048 per step, so real files
 * need ~10^4; the fuzz target allows far less (targets/pkcs12.c). */
#define NF_MAX_P12_WORK 10000000ull
#define NF_FUZZ_P12_WORK 4096ull
/* Nested SafeContents bags (RFC 7292 4.2.6) walked. */
#define NF_MAX_P12_NEST 8
/* ---- end certificates --------------------------------------------------- */

/* ---- route and ARP tables (src/route/) ---- */
/* Attributes walked in one rtnetlink message (linux/rtnetlink.h RTA_MAX is
 * 30; NDA_MAX 15; room for repeats). */
#define NF_MAX_RTNL_ATTRS 256
/* rtnexthop entries walked in one RTA_MULTIPATH (each is at least 8 bytes,
 * so a 64 KiB message holds at most 8191). */
#define NF_MAX_RTNL_NEXTHOPS 8192
/* Sockaddrs after a BSD rt_msghdr: one per RTA_* bit (RTAX_MAX = 8). */
#define NF_MAX_BSD_SOCKADDRS 8
/* Lines in a /proc/net text table, and bytes in one line. */
#define NF_MAX_PROC_LINES 1000000
#define NF_MAX_PROC_LINE_LEN 512
/* Routes whose destination the route-lookup oracle (src/oracle/route.c)
 * looks up, spread evenly over the table.  Each check is a lookup and a
 * scan, both linear in the table, so checking every route made the oracle
 * quadratic: on the 5-minute structure-mutator corpus of rtnetlink, whose
 * dumps carry many valid routes, it took 24% of all CPU (perf). */
#define NF_ORACLE_LOOKUP_ROUTES 16

#endif
