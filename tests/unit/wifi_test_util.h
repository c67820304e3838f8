/* Helpers shared by tests/unit/test_frame_wifi_*.c: dissect bytes, look up
 * fields and layers by name, and print the packet for failure messages. */
#ifndef NETFUZZ_TESTS_WIFI_TEST_UTIL_H
#define NETFUZZ_TESTS_WIFI_TEST_UTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "netfuzz/frame.h"
#include "netfuzz/limits.h"

static struct nf_packet pkt;

/* Dissect a radiotap (linktype 127) frame held in a C array. */
#define DISSECT_RT(arr) nf_dissect(&pkt, NF_LINKTYPE_IEEE802_11_RADIOTAP, (arr), sizeof(arr), sizeof(arr))
#define DISSECT_80211(arr) nf_dissect(&pkt, NF_LINKTYPE_IEEE802_11, (arr), sizeof(arr), sizeof(arr))

static inline const struct nf_field *need(const char *name)
{
	const struct nf_field *f = nf_find(&pkt, name);

	if (!f)
		fail_msg("field %s missing", name);
	return f;
}

static inline uint64_t u(const char *name) { return need(name)->v.u; }

/* The k-th (0-based) occurrence of a field, or NULL. */
static inline const struct nf_field *nth(const char *name, int k)
{
	for (unsigned i = 0; i < pkt.nfields; i++)
		if (!strcmp(pkt.fields[i].name, name) && k-- == 0)
			return &pkt.fields[i];
	return NULL;
}

static inline int count(const char *name)
{
	int n = 0;

	for (unsigned i = 0; i < pkt.nfields; i++)
		n += !strcmp(pkt.fields[i].name, name);
	return n;
}

static inline void assert_mac(const char *name, const char *text)
{
	const struct nf_field *f = need(name);
	char buf[18];

	snprintf(buf, sizeof buf, "%02x:%02x:%02x:%02x:%02x:%02x", f->v.addr[0], f->v.addr[1], f->v.addr[2],
		 f->v.addr[3], f->v.addr[4], f->v.addr[5]);
	assert_string_equal(buf, text);
}

static inline void assert_str(const char *name, const char *text)
{
	const struct nf_field *f = need(name);

	assert_int_equal(f->len, strlen(text));
	assert_memory_equal(f->v.ptr, text, f->len);
}

static inline const struct nf_layer *layer(const char *proto)
{
	const struct nf_layer *l = nf_find_layer(&pkt, proto);

	if (!l)
		fail_msg("layer %s missing", proto);
	return l;
}

static inline bool has_note(const char *prefix)
{
	for (unsigned i = 0; i < pkt.nfields; i++)
		if (!strcmp(pkt.fields[i].name, "_notes") && pkt.fields[i].len >= strlen(prefix) &&
		    !memcmp(pkt.fields[i].v.ptr, prefix, strlen(prefix)))
			return true;
	return false;
}

#endif
