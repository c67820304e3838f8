/* One line per certificate for `netfuzz dissect --certs`: subject, issuer,
 * validity, key and signature of a DER certificate found in a capture (a
 * TLS Certificate message's entry, RFC 8446 4.4.2).  Subject and issuer are
 * attacker-chosen bytes: escaped (nf_out_safe_text). */
#include "netfuzz/cert.h"

#include <string.h>

void nf_cert_print_summary(struct nf_out *o, unsigned index, const uint8_t *der, size_t len, size_t off)
{
	static struct nf_cert_info info;
	char from[32], to[32];

	nf_out_str(o, "    certificate ");
	nf_out_u64(o, index);
	nf_out_str(o, ": ");
	if (!nf_cert_info_from_der(der, len, &info)) {
		nf_out_str(o, "not one DER certificate (");
		nf_out_u64(o, len);
		nf_out_str(o, " bytes at offset ");
		nf_out_u64(o, off);
		nf_out_str(o, ")\n");
		return;
	}
	nf_out_str(o, "subject ");
	nf_out_safe_text(o, info.subject, strlen(info.subject));
	nf_out_str(o, "; issuer ");
	nf_out_safe_text(o, info.issuer, strlen(info.issuer));
	if (info.times_ok) {
		nf_cert_fmt_time(from, info.not_before);
		nf_cert_fmt_time(to, info.not_after);
		nf_out_str(o, "; valid ");
		nf_out_str(o, from);
		nf_out_str(o, " to ");
		nf_out_str(o, to);
		nf_out_str(o, " (");
		nf_out_i64(o, info.days);
		nf_out_str(o, " days)");
	}
	nf_out_str(o, "; key ");
	nf_out_str(o, info.key_desc);
	nf_out_str(o, "; signature ");
	nf_out_str(o, info.sig_name);
	nf_out_char(o, '\n');
}
