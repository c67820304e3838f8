/* Building and reading the dissection model (include/netfuzz/frame.h).
 * Every add is bounded by the fixed capacities; hitting one sets overflow. */
#include "netfuzz/frame.h"

#include <string.h>

void nf_packet_reset(struct nf_packet *pkt, int linktype, size_t caplen, size_t wirelen)
{
	pkt->linktype = linktype;
	pkt->caplen = (uint32_t)caplen;
	pkt->wirelen = (uint32_t)(wirelen < caplen ? caplen : wirelen);
	pkt->nlayers = 0;
	pkt->nfields = 0;
	pkt->arena_used = 0;
	pkt->overflow = false;
}

int nf_layer_begin(struct nf_packet *pkt, const struct nf_fdesc *proto, const struct nf_cur *c)
{
	struct nf_layer *l;

	if (pkt->nlayers >= NF_MAX_LAYERS) {
		pkt->overflow = true;
		return -1;
	}
	l = &pkt->layers[pkt->nlayers];
	l->proto = proto->name;
	l->pid = (uint8_t)proto->id;
	l->off = (uint32_t)nf_cur_offset(c);
	l->first_field = pkt->nfields;
	l->nfields = 0;
	l->status = NF_LAYER_OK;
	l->err_off = 0;
	l->err = NULL;
	return pkt->nlayers++;
}

static struct nf_layer *cur_layer(struct nf_packet *pkt)
{
	return pkt->nlayers ? &pkt->layers[pkt->nlayers - 1] : NULL;
}

void nf_layer_truncated(struct nf_packet *pkt, const struct nf_cur *c)
{
	struct nf_layer *l = cur_layer(pkt);

	if (l && l->status == NF_LAYER_OK) {
		l->status = NF_LAYER_TRUNCATED;
		l->err_off = (uint32_t)(c ? nf_cur_offset(c) + nf_cur_len(c) : pkt->caplen);
		l->err = "truncated: the data ends inside this header";
	}
}

void nf_layer_malformed(struct nf_packet *pkt, size_t off, const char *what)
{
	struct nf_layer *l = cur_layer(pkt);

	if (l && l->status == NF_LAYER_OK) {
		l->status = NF_LAYER_MALFORMED;
		l->err_off = (uint32_t)off;
		l->err = what;
	}
}

struct nf_field *nf_add(struct nf_packet *pkt, const struct nf_fdesc *fd, enum nf_ftype t, size_t off)
{
	struct nf_field *f;
	struct nf_layer *l = cur_layer(pkt);

	if (pkt->layers_only)
		return NULL;
	if (pkt->nfields >= NF_MAX_FIELDS || !l) {
		pkt->overflow = true;
		return NULL;
	}
	f = &pkt->fields[pkt->nfields++];
	f->name = fd->name;
	f->fid = fd->id;
	f->type = (uint8_t)t;
	f->layer = (uint8_t)(pkt->nlayers - 1);
	f->len = 0;
	f->off = (uint32_t)off;
	f->v.u = 0;
	l->nfields++;
	return f;
}

void nf_add_uint(struct nf_packet *pkt, const struct nf_fdesc *fd, uint64_t v, size_t off)
{
	struct nf_field *f = nf_add(pkt, fd, NF_FT_UINT, off);

	if (f)
		f->v.u = v;
}

void nf_add_hex(struct nf_packet *pkt, const struct nf_fdesc *fd, uint64_t v, int digits, size_t off)
{
	struct nf_field *f = nf_add(pkt, fd, NF_FT_HEX, off);

	if (f) {
		f->v.u = v;
		f->len = (uint16_t)digits;
	}
}

void nf_add_bool(struct nf_packet *pkt, const struct nf_fdesc *fd, bool v, size_t off)
{
	struct nf_field *f = nf_add(pkt, fd, NF_FT_BOOL, off);

	if (f)
		f->v.u = v;
}

void nf_add_addr(struct nf_packet *pkt, const struct nf_fdesc *fd, enum nf_ftype t, const uint8_t *a, size_t off)
{
	struct nf_field *f = nf_add(pkt, fd, t, off);
	size_t n = t == NF_FT_IPV4 ? 4 : t == NF_FT_MAC ? 6 : 16;

	if (f)
		memcpy(f->v.addr, a, n);
}

void nf_add_slice(struct nf_packet *pkt, const struct nf_fdesc *fd, enum nf_ftype t, const struct nf_cur *c, size_t n)
{
	struct nf_field *f;

	if (n > nf_cur_len(c))
		n = nf_cur_len(c);
	if (n > UINT16_MAX)
		n = UINT16_MAX;
	f = nf_add(pkt, fd, t, nf_cur_offset(c));
	if (f) {
		f->v.ptr = (const char *)nf_cur_data(c);
		f->len = (uint16_t)n;
	}
}

bool nf_add_str(struct nf_packet *pkt, const struct nf_fdesc *fd, const char *s, size_t n, size_t off)
{
	struct nf_field *f;

	if (pkt->layers_only)
		return true;
	if (n > UINT16_MAX || n > NF_ARENA_SIZE - pkt->arena_used) {
		pkt->overflow = true;
		return false;
	}
	f = nf_add(pkt, fd, NF_FT_STR, off);
	if (!f)
		return false;
	memcpy(pkt->arena + pkt->arena_used, s, n);
	f->v.ptr = pkt->arena + pkt->arena_used;
	f->len = (uint16_t)n;
	pkt->arena_used += (uint32_t)n;
	return true;
}

const struct nf_field *nf_find(const struct nf_packet *pkt, const char *name)
{
	for (unsigned i = 0; i < pkt->nfields; i++)
		if (strcmp(pkt->fields[i].name, name) == 0)
			return &pkt->fields[i];
	return NULL;
}

const struct nf_layer *nf_find_layer(const struct nf_packet *pkt, const char *proto)
{
	for (unsigned i = 0; i < pkt->nlayers; i++)
		if (strcmp(pkt->layers[i].proto, proto) == 0)
			return &pkt->layers[i];
	return NULL;
}

const struct nf_field *nf_layer_field(const struct nf_packet *pkt, int li, const char *name)
{
	const struct nf_layer *l;

	if (li < 0 || li >= pkt->nlayers)
		return NULL;
	l = &pkt->layers[li];
	for (unsigned i = l->first_field; i < (unsigned)l->first_field + l->nfields; i++)
		if (strcmp(pkt->fields[i].name, name) == 0)
			return &pkt->fields[i];
	return NULL;
}

const struct nf_field *nf_field_in(const struct nf_packet *pkt, int li, const struct nf_fdesc *fd)
{
	const struct nf_layer *l;

	if (li < 0 || li >= pkt->nlayers)
		return NULL;
	l = &pkt->layers[li];
	for (unsigned i = l->first_field; i < (unsigned)l->first_field + l->nfields; i++)
		if (pkt->fields[i].fid == fd->id)
			return &pkt->fields[i];
	return NULL;
}

int nf_layer_index(const struct nf_packet *pkt, int from, const struct nf_fdesc *pd)
{
	for (int i = from < 0 ? 0 : from; i < pkt->nlayers; i++)
		if (pkt->layers[i].pid == pd->id)
			return i;
	return -1;
}
