/* The static field and protocol descriptors (include/netfuzz/fields.h). */
#include "netfuzz/fields.h"

#include <string.h>

#define DESC(kind, id, n) [kind##id] = {n, "\"" n "\":", kind##id, sizeof n - 1, sizeof("\"" n "\":") - 1},

const struct nf_fdesc nf_fields[NFF__COUNT] = {
	[NFF__none] = {"", "\"\":", NFF__none, 0, 3},
#define NF_PROTO(id, name)
#define NF_FIELD(id, name) DESC(NFF_, id, name)
#include "netfuzz/fields.def"
#undef NF_PROTO
#undef NF_FIELD
};

const struct nf_fdesc nf_protos[NFP__COUNT] = {
	[NFP__none] = {"", "\"\":", NFP__none, 0, 3},
#define NF_PROTO(id, name) DESC(NFP_, id, name)
#define NF_FIELD(id, name)
#include "netfuzz/fields.def"
#undef NF_PROTO
#undef NF_FIELD
};

static const struct nf_fdesc *by_name(const struct nf_fdesc *t, unsigned n, const char *name)
{
	for (unsigned i = 1; i < n; i++)
		if (strcmp(t[i].name, name) == 0)
			return &t[i];
	return NULL;
}

const struct nf_fdesc *nf_field_by_name(const char *name) { return by_name(nf_fields, NFF__COUNT, name); }
const struct nf_fdesc *nf_proto_by_name(const char *name) { return by_name(nf_protos, NFP__COUNT, name); }
