/* Live rtnetlink dumps of this host's tables (libmnl).  Requests follow
 * linux/rtnetlink.h: RTM_GETLINK, RTM_GETROUTE (AF_INET and AF_INET6,
 * rtm_table RT_TABLE_UNSPEC so every table is dumped) and RTM_GETNEIGH with
 * NLM_F_DUMP; every reply buffer goes through nf_route_decode_netlink, the
 * same decoder the rtnetlink fuzz target drives.  libmnl only frames the
 * socket I/O and tells us when a dump is finished. */
#include "netfuzz/limits.h"
#include "rt_internal.h"

#include <errno.h>
#include <libmnl/libmnl.h>
#include <linux/neighbour.h>
#include <linux/rtnetlink.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

/* 32 KiB: the kernel fills dump replies up to the reader's buffer size. */
#define LIVE_BUF 32768

static void sys_fail(struct nf_rt_error *err, const char *what)
{
	int e = errno;

	nf_rt_fail(err, NF_RTE_SYSTEM, 0, 0, 0, what, false);
	if (err->nerrors == 1)
		err->sys_errno = e;
}

/* Decode one reply buffer, folding its error (offsets relative to the
 * buffer) into the dump-level err, offset by `base` bytes already read. */
static void decode_buf(const uint8_t *buf, size_t n, size_t base, struct nf_rtable *t, struct nf_rt_error *err)
{
	struct nf_rt_error e;
	struct nf_cur c;
	size_t rec0 = t->nrecords;

	nf_cur_init(&c, buf, n);
	if (nf_route_decode_netlink(&c, t, &e) == NF_RTE_OK)
		return;
	if (err->nerrors == 0) {
		*err = e;
		err->offset += base;
		err->at += base;
		err->record += rec0;
	} else {
		err->nerrors += e.nerrors;
	}
}

/* Send one dump request (header + family-specific body already in buf)
 * and decode replies until NLMSG_DONE. */
static bool run_dump(struct mnl_socket *nl, struct nlmsghdr *nlh, struct nf_rtable *t,
		     struct nf_rt_error *err, size_t *base)
{
	static uint8_t buf[LIVE_BUF];
	unsigned portid = mnl_socket_get_portid(nl), seq = nlh->nlmsg_seq;

	if (mnl_socket_sendto(nl, nlh, nlh->nlmsg_len) < 0) {
		sys_fail(err, "sendto on the rtnetlink socket failed");
		return false;
	}
	/* Bounded: a dump cannot hold more messages than NF_MAX_ROUTE_MSGS,
	 * and each buffer holds at least one. */
	for (size_t i = 0; i < NF_MAX_ROUTE_MSGS; i++) {
		ssize_t n = mnl_socket_recvfrom(nl, buf, sizeof buf);
		int rc;

		if (n < 0) {
			sys_fail(err, "recvfrom on the rtnetlink socket failed");
			return false;
		}
		decode_buf(buf, (size_t)n, *base, t, err);
		*base += (size_t)n;
		rc = mnl_cb_run(buf, (size_t)n, seq, portid, NULL, NULL);
		if (rc == MNL_CB_STOP)
			return true;
		if (rc < 0) {
			sys_fail(err, "the kernel answered the dump with an error");
			return false;
		}
	}
	return true;
}

static struct nlmsghdr *request(uint8_t *buf, uint16_t type, unsigned seq)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);

	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	nlh->nlmsg_seq = seq;
	return nlh;
}

static struct mnl_socket *open_rtnl(struct nf_rt_error *err)
{
	struct mnl_socket *nl = mnl_socket_open(NETLINK_ROUTE);

	if (!nl) {
		sys_fail(err, "cannot open an rtnetlink socket");
		return NULL;
	}
	if (mnl_socket_bind(nl, 0, MNL_SOCKET_AUTOPID) < 0) {
		sys_fail(err, "cannot bind the rtnetlink socket");
		mnl_socket_close(nl);
		return NULL;
	}
	return nl;
}

enum nf_rt_errcode nf_route_live_dump(struct nf_rtable *t, struct nf_rt_error *err)
{
	uint8_t req[MNL_SOCKET_BUFFER_SIZE];
	struct mnl_socket *nl;
	struct nlmsghdr *nlh;
	unsigned seq = (unsigned)time(NULL);
	size_t base = 0;
	static const uint8_t families[] = {AF_INET, AF_INET6};
	bool ok = true;

	nf_rt_error_init(err);
	t->os = NF_RTOS_LINUX;
	if (!(nl = open_rtnl(err)))
		return err->code;

	nlh = request(req, RTM_GETLINK, ++seq);
	struct ifinfomsg *ifi = mnl_nlmsg_put_extra_header(nlh, sizeof *ifi);
	ifi->ifi_family = AF_UNSPEC;
	ok = run_dump(nl, nlh, t, err, &base);

	for (size_t i = 0; ok && i < sizeof families; i++) {
		nlh = request(req, RTM_GETROUTE, ++seq);
		struct rtmsg *rtm = mnl_nlmsg_put_extra_header(nlh, sizeof *rtm);
		rtm->rtm_family = families[i];
		rtm->rtm_table = RT_TABLE_UNSPEC;
		ok = run_dump(nl, nlh, t, err, &base);
	}
	for (size_t i = 0; ok && i < sizeof families; i++) {
		nlh = request(req, RTM_GETNEIGH, ++seq);
		struct ndmsg *ndm = mnl_nlmsg_put_extra_header(nlh, sizeof *ndm);
		ndm->ndm_family = families[i];
		ok = run_dump(nl, nlh, t, err, &base);
	}
	mnl_socket_close(nl);
	t->os = NF_RTOS_LINUX;
	nf_rtable_resolve_ifnames(t);
	return err->code;
}

int nf_route_live_get(const struct nf_addr *dst, unsigned flags, struct nf_rtable *t, struct nf_rt_error *err)
{
	uint8_t req[MNL_SOCKET_BUFFER_SIZE];
	static uint8_t buf[LIVE_BUF];
	struct mnl_socket *nl;
	struct nlmsghdr *nlh;
	struct rtmsg *rtm;
	size_t alen = dst->kind == NF_ADDR_IPV4 ? 4 : 16;
	ssize_t n;
	int rc = -1;

	nf_rt_error_init(err);
	if (dst->kind != NF_ADDR_IPV4 && dst->kind != NF_ADDR_IPV6)
		return EAFNOSUPPORT;
	if (!(nl = open_rtnl(err)))
		return -1;
	nlh = mnl_nlmsg_put_header(req);
	nlh->nlmsg_type = RTM_GETROUTE;
	nlh->nlmsg_flags = NLM_F_REQUEST;
	nlh->nlmsg_seq = (unsigned)time(NULL);
	rtm = mnl_nlmsg_put_extra_header(nlh, sizeof *rtm);
	rtm->rtm_family = dst->kind == NF_ADDR_IPV4 ? AF_INET : AF_INET6;
	rtm->rtm_dst_len = (unsigned char)(alen * 8);
	if (flags & NF_LIVE_GET_FIBMATCH)
		rtm->rtm_flags |= RTM_F_FIB_MATCH;
	mnl_attr_put(nlh, RTA_DST, alen, dst->a);
	if (mnl_socket_sendto(nl, nlh, nlh->nlmsg_len) < 0) {
		sys_fail(err, "sendto on the rtnetlink socket failed");
	} else if ((n = mnl_socket_recvfrom(nl, buf, sizeof buf)) < 0) {
		sys_fail(err, "recvfrom on the rtnetlink socket failed");
	} else {
		size_t before = t->nroutes;

		t->os = NF_RTOS_LINUX;
		decode_buf(buf, (size_t)n, 0, t, err);
		if (err->code == NF_RTE_NLMSG_ERROR) {
			rc = err->sys_errno;
			nf_rt_error_init(err);
		} else if (err->code == NF_RTE_OK && t->nroutes == before + 1) {
			rc = 0;
		} else if (err->code == NF_RTE_OK) {
			nf_rt_fail(err, NF_RTE_SYNTAX, 0, 0, 0, "RTM_GETROUTE answer holds no route", false);
		}
	}
	mnl_socket_close(nl);
	return rc;
}
