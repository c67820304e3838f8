/* Helpers shared by the tests/unit/test_frame_*.c cmocka tests. */
#ifndef NETFUZZ_TEST_FRAME_H
#define NETFUZZ_TEST_FRAME_H

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "netfuzz/frame.h"
#include "netfuzz/out.h"
#include "netfuzz/print.h"

static struct nf_packet P;

/* The n-th (0-based) occurrence of field name, or NULL. */
static inline const struct nf_field *nth(const char *name, int n)
{
	for (unsigned i = 0; i < P.nfields; i++)
		if (!strcmp(P.fields[i].name, name) && n-- == 0)
			return &P.fields[i];
	return NULL;
}

static inline int count(const char *name)
{
	int n = 0;

	for (unsigned i = 0; i < P.nfields; i++)
		n += !strcmp(P.fields[i].name, name);
	return n;
}

static inline uint64_t u(const char *name, int n)
{
	const struct nf_field *f = nth(name, n);

	assert_non_null(f);
	return f->v.u;
}

static inline void assert_str(const char *name, int n, const char *want)
{
	const struct nf_field *f = nth(name, n);

	assert_non_null(f);
	assert_int_equal(f->len, strlen(want));
	assert_memory_equal(f->v.ptr, want, f->len);
}

/* Status of the layer named proto (asserting it exists). */
static inline const struct nf_layer *layer(const char *proto)
{
	const struct nf_layer *l = nf_find_layer(&P, proto);

	assert_non_null(l);
	return l;
}

static inline void assert_layers(const char *want)
{
	char got[256] = "";

	for (unsigned i = 0; i < P.nlayers; i++) {
		if (i)
			strcat(got, ":");
		strcat(got, P.layers[i].proto);
	}
	assert_string_equal(got, want);
}

/* Run the line printer into a string (no trailing newline). */
static inline const char *line(void)
{
	static struct nf_out o;
	static char buf[4096];

	nf_out_init(&o, -1);
	nf_print_line(&o, &P);
	snprintf(buf, sizeof buf, "%.*s", (int)(o.n ? o.n - 1 : 0), o.buf);
	return buf;
}

static inline const char *ndjson(void)
{
	static struct nf_out o;
	static char buf[NF_OUT_BUF + 1];

	nf_out_init(&o, -1);
	nf_print_ndjson(&o, &P, 1);
	snprintf(buf, sizeof buf, "%.*s", (int)o.n, o.buf);
	return buf;
}

/* Every prefix of a packet must dissect without error, and every strict
 * prefix that cuts a header must be reported truncated somewhere.
 *
 * "Cuts a header" is judged against the whole frame: a prefix whose model
 * has fewer layers or fields than the whole frame's lost something the
 * dissectors decode, so some layer must say so (NF_LAYER_TRUNCATED, printed
 * [|proto] as tcpdump does).  A prefix that only cuts bytes no dissector
 * decodes (an opaque payload) may dissect cleanly.  Each prefix is copied
 * into a heap buffer of exactly its length, so ASan reports any read past
 * the cut.  The whole frame must dissect with no truncated layer, and at
 * least one prefix must have cut a header, else the check compared nothing. */
static inline bool any_truncated(void)
{
	for (unsigned i = 0; i < P.nlayers; i++)
		if (P.layers[i].status == NF_LAYER_TRUNCATED)
			return true;
	return false;
}

static inline void all_prefixes(int linktype, const uint8_t *b, size_t n)
{
	unsigned full_layers, full_fields, cut = 0;

	nf_dissect(&P, linktype, b, n, n);
	assert_false(any_truncated());
	full_layers = P.nlayers;
	full_fields = P.nfields;
	for (size_t k = 0; k < n; k++) {
		uint8_t *copy = malloc(k ? k : 1);

		assert_non_null(copy);
		memcpy(copy, b, k);
		nf_dissect(&P, linktype, copy, k, n);
		(void)line();
		(void)ndjson();
		if (P.nlayers < full_layers || P.nfields < full_fields) {
			cut++;
			if (!any_truncated()) {
				free(copy);
				fail_msg("prefix of %zu of %zu bytes decodes %u of %u layers and %u of %u "
					 "fields but no layer is reported truncated",
					 k, n, P.nlayers, full_layers, P.nfields, full_fields);
			}
		}
		free(copy);
	}
	assert_true(cut > 0);
}

#endif
