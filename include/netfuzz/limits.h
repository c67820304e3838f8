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

#endif
