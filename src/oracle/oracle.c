/* Oracle switches, read once per process from the environment (a getenv
 * per input would cost more than some targets' whole parse). */
#include "netfuzz/oracle.h"

#include <stdlib.h>
#include <string.h>

static int enabled = -1, corrupt = -2;

bool nf_oracle_enabled(void)
{
	if (enabled < 0) {
		const char *v = getenv("NF_ORACLE");

		enabled = !(v && !strcmp(v, "0"));
	}
	return enabled;
}

bool nf_oracle_corrupt(enum nf_oracle_id id)
{
	static const char *const names[NF_ORACLE_COUNT] = {"frame", "cert", "route-lookup", "route-roundtrip"};

	if (corrupt == -2) {
		const char *v = getenv("NF_ORACLE_CORRUPT");

		corrupt = -1;
		for (int i = 0; v && i < NF_ORACLE_COUNT; i++)
			if (!strcmp(v, names[i]))
				corrupt = i;
	}
	return corrupt == (int)id;
}

static const struct nf_target_deep deep[] = {
	{"bpf_filter", "", "libpcap"},
	{"cert_chain_pem", "", "openssl,jansson"},
	{"frame_ether", "frame-bpf", "libpcap"},
	{"frame_raw_ip", "frame-bpf", "libpcap"},
	{"frame_sll", "frame-bpf", "libpcap"},
	{"pcap_file", "frame-bpf", "libpcap"},
	{"pkcs12", "", "openssl,jansson"},
	{"proc_net", "route-lookup", ""},
	{"rtmsg_darwin", "route-lookup,route-roundtrip", ""},
	{"rtmsg_freebsd", "route-lookup,route-roundtrip", ""},
	{"rtnetlink", "route-lookup,route-roundtrip", ""},
	{"sct_list", "", "openssl,jansson"},
	{"sock_udp", "sock-model", ""},
	{"tls_certificate_msg", "", "openssl,jansson"},
	{"tls_handshake", "", "openssl"},
	{"x509_der", "cert", "openssl,jansson"},
};

const struct nf_target_deep *nf_target_deep(const char *target)
{
	static const struct nf_target_deep none = {"", "", ""};

	for (size_t i = 0; i < sizeof deep / sizeof deep[0]; i++)
		if (!strcmp(deep[i].target, target))
			return &deep[i];
	return &none;
}
