/* Fuzz target: TLS records as carried in one TCP segment (RFC 8446 5.1):
 * handshake messages, ClientHello/ServerHello extensions, Certificate.
 * Each certificate the dissector finds is handed to the certificate module
 * as bytes, as `netfuzz dissect --certs` does. */
#include "netfuzz/cert.h"
#include "netfuzz/frame.h"
#include "netfuzz/target.h"

#include <string.h>

#include "sink.h"

NF_META(tls_handshake, mutator, "structure")
NF_META(tls_handshake, libraries, "openssl")
NF_META(tls_handshake, seed, "layer tls") /* netfuzz corpus import: what one packet becomes */

static struct nf_packet pkt;

static void parse(const uint8_t *data, size_t size)
{
	struct nf_cur c;

	nf_packet_reset(&pkt, -1, size, size);
	nf_cur_init(&c, data, size);
	nf_dissect_tls(&pkt, &c);
}

/* Each certificate of a Certificate message through the certificate model. */
static void certificates(void)
{
	for (unsigned i = 0; i < pkt.nfields; i++) {
		static struct nf_cert_info info;
		const struct nf_field *f = &pkt.fields[i];

		if (f->fid == NFF_tls_handshake_certificate)
			nf_cert_info_from_der((const uint8_t *)f->v.ptr, f->len, &info);
	}
}

NF_RECORD(tls_handshake)
{
	parse(data, size);
	certificates();
	return 0;
}

NF_TARGET(tls_handshake, "frame", "nf_dissect_tls() + nf_cert_info_from_der() per certificate")
{
	parse(data, size);
	nf_target_sink(&pkt, data, size);
	certificates();
	return 0;
}
