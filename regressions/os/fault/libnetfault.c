/* libnetfault: a syscall fault injector for the OS-behaviour repros.
 *
 * Preloaded into a repro process (LD_PRELOAD on Linux and FreeBSD,
 * DYLD_INSERT_LIBRARIES on macOS, where it uses dyld's __interpose section)
 * and configured only by environment variables, read once at load time:
 *
 *   NETFAULT_SWALLOW_SENDTO=N     the first N datagrams sent on an AF_INET/
 *                                 AF_INET6 datagram socket are dropped while
 *                                 send/sendto/sendmsg report success (the
 *                                 macOS 15.6.1 content-filter bug)
 *   NETFAULT_ZERO_LEN_ERROR=1     sending a zero-length datagram fails EINVAL
 *   NETFAULT_V6ONLY=0|1           every new AF_INET6 socket gets IPV6_V6ONLY
 *                                 set to this value and setsockopt(IPV6_V6ONLY)
 *                                 is ignored (returns 0): a platform whose
 *                                 default and behaviour differ from Linux
 *   NETFAULT_HIDE_ICMP_ERRORS=1   ECONNREFUSED from recv* becomes EAGAIN, as if
 *                                 the ICMP port-unreachable never arrived
 *   NETFAULT_SEND_UNCONNECTED_OK=1  send() without a destination on an
 *                                 unconnected datagram socket "succeeds"
 *   NETFAULT_STRIP_MSG_TRUNC=1    MSG_TRUNC is removed from recv* flags
 *   NETFAULT_IGNORE_REUSEPORT=1   setsockopt(SO_REUSEPORT) returns 0, does nothing
 *   NETFAULT_IGNORE_MCAST_LOOP=1  setsockopt(IP[V6]_MULTICAST_LOOP) returns 0,
 *                                 does nothing
 *   NETFAULT_KEEP_PRELOAD=1       leave LD_PRELOAD set for child processes
 *                                 (a fuzz engine's fork jobs, issue 23)
 *
 * Only AF_INET/AF_INET6 sockets are touched, so netlink (nft, ip, libmnl)
 * and Unix sockets in the same process behave normally.  LD_PRELOAD is
 * removed from the environment at load so child processes run unfaulted.
 * Every injected fault is counted on stderr ("netfault: ...") so a log shows
 * that it fired. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dlfcn.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <unistd.h>

static long swallow_left;
static int zero_len_error, v6only = -1, hide_icmp, send_unconn_ok, strip_trunc;
static int ignore_reuseport, ignore_mcast_loop;

static int env_int(const char *name, int dflt)
{
	const char *v = getenv(name);

	return v && *v ? atoi(v) : dflt;
}

__attribute__((constructor)) static void netfault_init(void)
{
	swallow_left = env_int("NETFAULT_SWALLOW_SENDTO", 0);
	zero_len_error = env_int("NETFAULT_ZERO_LEN_ERROR", 0);
	v6only = env_int("NETFAULT_V6ONLY", -1);
	hide_icmp = env_int("NETFAULT_HIDE_ICMP_ERRORS", 0);
	send_unconn_ok = env_int("NETFAULT_SEND_UNCONNECTED_OK", 0);
	strip_trunc = env_int("NETFAULT_STRIP_MSG_TRUNC", 0);
	ignore_reuseport = env_int("NETFAULT_IGNORE_REUSEPORT", 0);
	ignore_mcast_loop = env_int("NETFAULT_IGNORE_MCAST_LOOP", 0);
	/* NETFAULT_KEEP_PRELOAD=1: a fuzz campaign (netfuzz fuzz --inject)
	 * whose engine runs the target in child processes keeps the shim. */
	if (env_int("NETFAULT_KEEP_PRELOAD", 0) != 1) {
		unsetenv("LD_PRELOAD");
		unsetenv("DYLD_INSERT_LIBRARIES");
	}
}

static void said(const char *what)
{
	char line[160];
	int n = snprintf(line, sizeof line, "netfault: %s\n", what);

	if (n > 0 && write(2, line, (size_t)n) < 0)
		return;
}

/* An AF_INET/AF_INET6 datagram socket? */
static int inet_dgram(int fd)
{
	struct sockaddr_storage ss;
	socklen_t sl = sizeof ss;
	int type = 0;
	socklen_t tl = sizeof type;

	if (getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &tl) != 0 || type != SOCK_DGRAM)
		return 0;
	if (getsockname(fd, (struct sockaddr *)&ss, &sl) != 0)
		return 0;
	return ss.ss_family == AF_INET || ss.ss_family == AF_INET6;
}

static int connected(int fd)
{
	struct sockaddr_storage ss;
	socklen_t sl = sizeof ss;

	return getpeername(fd, (struct sockaddr *)&ss, &sl) == 0;
}

/* Decide the fate of an outgoing datagram of `len` bytes.  Returns 1 when
 * the call must be answered by the shim: *ret and errno are then set. */
static int send_fault(int fd, size_t len, int has_dest, ssize_t *ret)
{
	if (!inet_dgram(fd))
		return 0;
	if (zero_len_error && len == 0) {
		said("zero-length datagram turned into EINVAL");
		errno = EINVAL;
		*ret = -1;
		return 1;
	}
	if (send_unconn_ok && !has_dest && !connected(fd)) {
		said("send without destination on unconnected socket reported success");
		*ret = (ssize_t)len;
		return 1;
	}
	if (swallow_left > 0) {
		swallow_left--;
		said("datagram swallowed, success returned");
		*ret = (ssize_t)len;
		return 1;
	}
	return 0;
}

static int recv_flags(int fd, int flags)
{
	if (strip_trunc && (flags & MSG_TRUNC) && inet_dgram(fd)) {
		said("MSG_TRUNC stripped from recv flags");
		flags &= ~MSG_TRUNC;
	}
	return flags;
}

static ssize_t recv_result(int fd, ssize_t r)
{
	if (r < 0 && errno == ECONNREFUSED && hide_icmp && inet_dgram(fd)) {
		said("ECONNREFUSED hidden (EAGAIN)");
		errno = EAGAIN;
	}
	return r;
}

static int sockopt_ignored(int fd, int level, int opt)
{
	(void)fd;
	if (v6only >= 0 && level == IPPROTO_IPV6 && opt == IPV6_V6ONLY) {
		said("setsockopt(IPV6_V6ONLY) ignored");
		return 1;
	}
#ifdef SO_REUSEPORT
	if (ignore_reuseport && level == SOL_SOCKET && opt == SO_REUSEPORT) {
		said("setsockopt(SO_REUSEPORT) ignored");
		return 1;
	}
#endif
	if (ignore_mcast_loop && ((level == IPPROTO_IP && opt == IP_MULTICAST_LOOP) ||
				  (level == IPPROTO_IPV6 && opt == IPV6_MULTICAST_LOOP))) {
		said("setsockopt(MULTICAST_LOOP) ignored");
		return 1;
	}
	return 0;
}

/* ---- binding to the real functions ------------------------------------ */
#ifdef __APPLE__
/* dyld interposing: our nf_X replaces X everywhere except inside this
 * library, so calling X here reaches the real one. */
#define WRAP(name) nf_##name
#define REAL(name) name
#define INTERPOSE(name)                                                      \
	__attribute__((used)) static struct {                                \
		const void *replacement, *replacee;                          \
	} interpose_##name __attribute__((section("__DATA,__interpose"))) = { \
		(const void *)nf_##name, (const void *)name}
#else
#define WRAP(name) name
#define REAL(name) real_##name()
#define DECLARE_REAL(ret, name, ...)                                         \
	static ret (*real_##name(void))(__VA_ARGS__)                         \
	{                                                                    \
		static ret (*fn)(__VA_ARGS__);                               \
		if (!fn)                                                     \
			*(void **)&fn = dlsym(RTLD_NEXT, #name);             \
		return fn;                                                   \
	}
DECLARE_REAL(int, socket, int, int, int)
DECLARE_REAL(int, setsockopt, int, int, int, const void *, socklen_t)
DECLARE_REAL(ssize_t, send, int, const void *, size_t, int)
DECLARE_REAL(ssize_t, sendto, int, const void *, size_t, int, const struct sockaddr *, socklen_t)
DECLARE_REAL(ssize_t, sendmsg, int, const struct msghdr *, int)
DECLARE_REAL(ssize_t, recv, int, void *, size_t, int)
DECLARE_REAL(ssize_t, recvfrom, int, void *, size_t, int, struct sockaddr *, socklen_t *)
DECLARE_REAL(ssize_t, recvmsg, int, struct msghdr *, int)
#define INTERPOSE(name)
#endif

int WRAP(socket)(int domain, int type, int protocol)
{
	int fd = REAL(socket)(domain, type, protocol);

	if (fd >= 0 && domain == AF_INET6 && v6only >= 0) {
		int v = v6only;

		REAL(setsockopt)(fd, IPPROTO_IPV6, IPV6_V6ONLY, &v, sizeof v);
		said(v ? "new AF_INET6 socket forced to IPV6_V6ONLY=1" : "new AF_INET6 socket forced to IPV6_V6ONLY=0");
	}
	return fd;
}
INTERPOSE(socket);

int WRAP(setsockopt)(int fd, int level, int opt, const void *val, socklen_t len)
{
	if (sockopt_ignored(fd, level, opt))
		return 0;
	return REAL(setsockopt)(fd, level, opt, val, len);
}
INTERPOSE(setsockopt);

ssize_t WRAP(send)(int fd, const void *buf, size_t len, int flags)
{
	ssize_t r;

	if (send_fault(fd, len, 0, &r))
		return r;
	return REAL(send)(fd, buf, len, flags);
}
INTERPOSE(send);

ssize_t WRAP(sendto)(int fd, const void *buf, size_t len, int flags, const struct sockaddr *to,
		     socklen_t tolen)
{
	ssize_t r;

	if (send_fault(fd, len, to != NULL, &r))
		return r;
	return REAL(sendto)(fd, buf, len, flags, to, tolen);
}
INTERPOSE(sendto);

ssize_t WRAP(sendmsg)(int fd, const struct msghdr *msg, int flags)
{
	size_t len = 0;
	ssize_t r;

	for (size_t i = 0; msg && i < (size_t)msg->msg_iovlen; i++)
		len += msg->msg_iov[i].iov_len;
	if (send_fault(fd, len, msg && msg->msg_name != NULL, &r))
		return r;
	return REAL(sendmsg)(fd, msg, flags);
}
INTERPOSE(sendmsg);

ssize_t WRAP(recv)(int fd, void *buf, size_t len, int flags)
{
	return recv_result(fd, REAL(recv)(fd, buf, len, recv_flags(fd, flags)));
}
INTERPOSE(recv);

ssize_t WRAP(recvfrom)(int fd, void *buf, size_t len, int flags, struct sockaddr *from,
		       socklen_t *fromlen)
{
	return recv_result(fd, REAL(recvfrom)(fd, buf, len, recv_flags(fd, flags), from, fromlen));
}
INTERPOSE(recvfrom);

ssize_t WRAP(recvmsg)(int fd, struct msghdr *msg, int flags)
{
	return recv_result(fd, REAL(recvmsg)(fd, msg, recv_flags(fd, flags)));
}
INTERPOSE(recvmsg);

#if defined(__GLIBC__)
/* _FORTIFY_SOURCE turns recv/recvfrom with a known buffer size into these
 * checked entry points, which call the syscall directly. */
ssize_t __recv_chk(int fd, void *buf, size_t len, size_t buflen, int flags);
ssize_t __recvfrom_chk(int fd, void *buf, size_t len, size_t buflen, int flags,
		       struct sockaddr *from, socklen_t *fromlen);

ssize_t __recv_chk(int fd, void *buf, size_t len, size_t buflen, int flags)
{
	if (len > buflen)
		abort(); /* what glibc's checked version does (__chk_fail) */
	return recv(fd, buf, len, flags);
}

ssize_t __recvfrom_chk(int fd, void *buf, size_t len, size_t buflen, int flags,
		       struct sockaddr *from, socklen_t *fromlen)
{
	if (len > buflen)
		abort();
	return recvfrom(fd, buf, len, flags, from, fromlen);
}
#endif
