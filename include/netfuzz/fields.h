/* Field and protocol identity for the frame model.
 *
 * Every name a dissector can record is a static descriptor listed once in
 * fields.def.  Dissectors pass NF_F(ip_src) / NF_P(ip); the model stores the
 * descriptor's id, so the printers and --stats find a field by comparing
 * small integers and never compare strings per packet (the issue-11 profile
 * had strcmp at 12% of line mode).  The descriptor also carries the NDJSON
 * key ready to copy (`"ip.src":`), so the JSON printer does no strlen or
 * quoting per field. */
#ifndef NETFUZZ_FIELDS_H
#define NETFUZZ_FIELDS_H

#include <stdint.h>

struct nf_fdesc {
	const char *name; /* Wireshark display-filter name: "ip.src", "eth" */
	const char *key;  /* "name":  (the NDJSON member key, quoted, with its colon) */
	uint16_t id;      /* index in nf_fields[] / nf_protos[] */
	uint8_t name_len;
	uint8_t key_len;
};

enum nf_fid {
	NFF__none = 0, /* id 0: no field, so a zeroed slot never matches */
#define NF_PROTO(id, name)
#define NF_FIELD(id, name) NFF_##id,
#include "netfuzz/fields.def"
#undef NF_PROTO
#undef NF_FIELD
	NFF__COUNT
};

enum nf_pid {
	NFP__none = 0,
#define NF_PROTO(id, name) NFP_##id,
#define NF_FIELD(id, name)
#include "netfuzz/fields.def"
#undef NF_PROTO
#undef NF_FIELD
	NFP__COUNT
};

extern const struct nf_fdesc nf_fields[NFF__COUNT];
extern const struct nf_fdesc nf_protos[NFP__COUNT];

#define NF_F(id) (&nf_fields[NFF_##id])
#define NF_P(id) (&nf_protos[NFP_##id])

/* Name -> descriptor (linear; for tests and the CLI's argument parsing,
 * never per packet).  NULL if unknown. */
const struct nf_fdesc *nf_field_by_name(const char *name);
const struct nf_fdesc *nf_proto_by_name(const char *name);

#endif
