/* The text operation of the structure mutator (text.c): edits inside a
 * recorded string (a DER IA5String/dNSName, a DNS label run, an SNI), with
 * every enclosing length repaired by the caller.  Self-contained: one entry
 * point, its own random stream, so it can sit in an operation table. */
#ifndef NETFUZZ_MUTATE_TEXT_H
#define NETFUZZ_MUTATE_TEXT_H

#include <stdbool.h>
#include <stdint.h>

struct nf_edit;
struct nf_dict;

/* Edit one printable, length-described leaf span of e->rec in e->data:
 * insert, delete or replace a character or a dot-separated label, or put a
 * host-name corner or a dictionary value (d, may be NULL) in place of the
 * string or one label.  False when the record has no such span. */
bool nf_mut_text(struct nf_edit *e, const struct nf_dict *d, uint64_t seed);

#endif
