/* Which platform this is, for the repros' expectations ("expect: linux:
 * known-fail ...") and for what `netfuzz triage --file` writes into a
 * socket case: one answer for every library and command. */
#include "netfuzz/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/utsname.h>

const char *nf_os_name(void)
{
#if defined(__APPLE__)
	return "macos";
#elif defined(__FreeBSD__)
	return "freebsd";
#else
	return "linux";
#endif
}

void nf_platform(char *buf, size_t len)
{
	const char *as = getenv("NETFUZZ_PLATFORM"); /* e.g. to check expectations */
	struct utsname u;

	if (as && *as)
		snprintf(buf, len, "%s", as);
	else if (uname(&u) != 0)
		snprintf(buf, len, "%s", nf_os_name());
	else
		snprintf(buf, len, "%s-%s", nf_os_name(), u.release);
}
