/* For targets that hand fuzzed text to pcap_compile: host names resolve
 * only if they are numeric, so a fuzz input never reaches the network.
 *
 * pcap_compile resolves the names in a filter ("host example", "gateway
 * x") through getaddrinfo and gethostbyname (libpcap nametoaddr.c).  Under
 * libFuzzer, bpf_filter sent DNS queries to the machine's resolver: strace
 * showed about 100 connect()s to port 53 in 4 s, and the process asleep for
 * 97% of its wall time (0.67 s of CPU in a 16.5 s run: the "0.3k exec/s" of
 * docs/benchmarks.md).  A target must be deterministic and do no I/O, and
 * campaigns must not talk to other hosts, so in these binaries a name is
 * "not found" at once, and numeric addresses (IPv6 literals go through
 * getaddrinfo with AI_NUMERICHOST) still resolve.
 *
 * The sanitizer runtimes define these two as weak interceptors; these
 * strong definitions replace them and call the interceptor (so ASan and
 * MSan still see the result), or libc's when no sanitizer is linked. */
#ifndef NETFUZZ_TARGETS_NO_RESOLVER_H
#define NETFUZZ_TARGETS_NO_RESOLVER_H

#include <arpa/inet.h>
#include <dlfcn.h>
#include <netdb.h>
#include <stddef.h>

int __interceptor_getaddrinfo(const char *, const char *, const struct addrinfo *, struct addrinfo **)
	__attribute__((weak));
struct hostent *__interceptor_gethostbyname(const char *) __attribute__((weak));

int getaddrinfo(const char *node, const char *service, const struct addrinfo *hints, struct addrinfo **res)
{
	static int (*real)(const char *, const char *, const struct addrinfo *, struct addrinfo **);
	struct addrinfo h = {0};

	if (!real)
		real = __interceptor_getaddrinfo ? __interceptor_getaddrinfo
						 : (int (*)(const char *, const char *, const struct addrinfo *,
							    struct addrinfo **))dlsym(RTLD_NEXT, "getaddrinfo");
	if (hints)
		h = *hints;
	h.ai_flags |= AI_NUMERICHOST; /* a name fails with EAI_NONAME, no query sent */
	return real ? real(node, service, &h, res) : EAI_FAIL;
}

struct hostent *gethostbyname(const char *name)
{
	static struct hostent *(*real)(const char *);
	struct in_addr a;

	if (!real)
		real = __interceptor_gethostbyname ? __interceptor_gethostbyname
						   : (struct hostent * (*)(const char *)) dlsym(RTLD_NEXT, "gethostbyname");
	if (!name || inet_aton(name, &a) == 0 || !real) {
		h_errno = HOST_NOT_FOUND;
		return NULL;
	}
	return real(name); /* a dotted quad: glibc answers without a lookup */
}

#endif
