/* Routing-socket constants shared by Darwin and FreeBSD (same values in XNU
 * bsd/net/route.h and FreeBSD sys/net/route.h), used by bsd.c and encode.c. */
#ifndef NETFUZZ_ROUTE_BSD_DEFS_H
#define NETFUZZ_ROUTE_BSD_DEFS_H

#define RTM_VERSION 5
#define RTM_ADD 0x1
#define RTM_CHANGE 0x3
#define RTM_GET 0x4
#define RTM_NEWADDR 0xc
#define RTM_IFINFO 0xe
#define RTM_GET2 0x14          /* Darwin only: struct rt_msghdr2 */
/* rtm_addrs bits (RTA_*) and their indexes (RTAX_*) */
#define RTA_DST 0x1
#define RTA_GATEWAY 0x2
#define RTA_NETMASK 0x4
#define RTA_IFP 0x10
#define RTA_IFA 0x20
#define RTAX_DST 0
#define RTAX_GATEWAY 1
#define RTAX_NETMASK 2
#define RTAX_GENMASK 3
#define RTAX_IFP 4
#define RTAX_IFA 5
#define RTAX_AUTHOR 6
#define RTAX_BRD 7
#define RTAX_MAX 8
/* rtm_flags */
#define RTF_UP 0x1
#define RTF_GATEWAY 0x2
#define RTF_HOST 0x4
#define RTF_REJECT 0x8
#define RTF_DONE 0x40
#define RTF_LLINFO 0x400
#define RTF_STATIC 0x800
#define RTF_BLACKHOLE 0x1000
#define RTF_LOCAL 0x200000
#define RTF_BROADCAST 0x400000
#define RTF_MULTICAST 0x800000
/* sys/socket.h (AF_INET6 differs: see struct nf_bsd_abi) */
#define BSD_AF_INET 2
#define BSD_AF_LINK 18
/* net/if_types.h */
#define IFT_ETHER 6
/* net/if_dl.h: struct sockaddr_dl { u_char sdl_len, sdl_family; u_short
 * sdl_index; u_char sdl_type, sdl_nlen, sdl_alen, sdl_slen; char sdl_data[]; } */
#define SDL_HDRLEN 8

#endif
