/* Targets whose parsers record structure, so their fuzz binaries carry the
 * structure-aware mutator.  The one list: the Makefile reads the names from
 * this file (MUTATOR_TARGETS), `netfuzz list` and `netfuzz fuzz` ask
 * nf_mutate_supported().  One name per line, in this exact form. */
#include "netfuzz/structure.h"

#include <string.h>

static const char *const supported[] = {
	"dns",
	"frame_ether",
	"frame_radiotap",
	"frame_raw_ip",
	"frame_sll",
	"nan_attributes",
	"pcap_file",
	"pkcs12",
	"quic_initial",
	"rtmsg_darwin",
	"rtmsg_freebsd",
	"rtnetlink",
	"sct_list",
	"sock_udp",
	"tls_certificate_msg",
	"tls_handshake",
	"x509_der",
};

bool nf_mutate_supported(const char *target)
{
	for (size_t i = 0; i < sizeof supported / sizeof supported[0]; i++)
		if (!strcmp(supported[i], target))
			return true;
	return false;
}
