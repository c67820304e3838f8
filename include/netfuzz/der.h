/* A small DER TLV walker (X.690 section 8.1 and 10.1) for the structure
 * record of x509_der and pkcs12 (issue 13): OpenSSL parses those inputs
 * with its own code, so the mutator walks them itself to learn where every
 * TLV, its length and its children are.  Not a certificate parser: it
 * checks only that tags, lengths and nesting hold together. */
#ifndef NETFUZZ_DER_H
#define NETFUZZ_DER_H

#include <stddef.h>
#include <stdint.h>

#include "netfuzz/cursor.h"

/* Nesting bound: an X.509 certificate nests about 10 deep, a PKCS#12 file
 * (PFX > AuthenticatedSafe > SafeContents > bags > certificates) about 25. */
#define NF_DER_MAX_DEPTH 40
/* Long-form lengths of more than 4 octets are refused (4 GiB is past any
 * input the targets take). */
#define NF_DER_MAX_LEN_OCTETS 4

enum nf_der_err {
	NF_DER_OK,
	NF_DER_TRUNCATED,  /* a tag, length or content runs past its parent */
	NF_DER_INDEFINITE, /* length octet 0x80: BER only, not DER (X.690 10.1) */
	NF_DER_LONG_LEN,   /* more than NF_DER_MAX_LEN_OCTETS length octets */
	NF_DER_LONG_TAG,   /* a high tag number of more than 4 octets */
	NF_DER_DEEP,       /* nesting past NF_DER_MAX_DEPTH */
};

/* Walk every TLV in c to its end.  With recording on, each TLV is an
 * element (of its parent's content when constructed), its content a span
 * whose length relation is the length octets, and an OCTET STRING or BIT
 * STRING that holds DER itself (extension values, PKCS#12 bags) is walked
 * as if constructed.  Returns NF_DER_OK or the first error; *err_off is
 * its offset. */
enum nf_der_err nf_der_walk(struct nf_cur *c, size_t *err_off);

#endif
