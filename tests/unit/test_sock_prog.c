/* Socket programs (include/netfuzz/sock.h): the parser, including hostile
 * inputs, its structure record, and the structure mutator's element edits
 * keeping programs well-formed.  No kernel calls here: the executor and
 * the model against the kernel are tests/check.d/sock_*.sh. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "netfuzz/sock.h"
#include "netfuzz/structure.h"
#include "../../src/mutate/mutate.h"

static struct nf_sock_prog prog;

static void test_parse_ordinary(void **state)
{
	static const uint8_t in[] = {0, 0, 0, 0, 0, 0, /* socket s0 AF_INET */
				     2, 0, 0, 0, 0, 0, /* bind s0 127.0.0.1 0 */
				     4, 1, 0, 1, 3, 1, /* sendmsg s1 127.0.0.1 port(s0) len 64 */
				     6, 0, 0, 0, 4, 7}; /* recvmsg s0 buf 1500 PEEK TRUNC */
	char t[128];

	(void)state;
	nf_sock_parse(in, sizeof in, &prog);
	assert_int_equal(prog.nops, 4);
	assert_int_equal(prog.nskipped, 0);
	assert_int_equal(prog.trailing, 0);
	assert_int_equal(prog.ops[2].op, NF_SOP_SENDTO);
	assert_int_equal(prog.ops[2].off, 12);
	nf_sock_op_text(&prog.ops[2], 4, t, sizeof t);
	assert_string_equal(t, "sendmsg s1 127.0.0.1 port(s0) len 64");
	nf_sock_op_text(&prog.ops[3], 4, t, sizeof t);
	assert_string_equal(t, "recvmsg s0 buf 1500 MSG_PEEK MSG_TRUNC");
}

static void test_parse_skips_bad_records(void **state)
{
	static const uint8_t in[] = {9, 0, 0, 0, 0, 0,      /* unknown opcode */
				     255, 255, 1, 2, 3, 4,  /* unknown opcode, bad slot */
				     0, 4, 0, 0, 0, 0,      /* slot out of range */
				     0, 3, 1, 0, 0, 0,      /* socket s3 AF_INET6: runs */
				     8, 3};                 /* partial record */
	char t[128];

	(void)state;
	nf_sock_parse(in, sizeof in, &prog);
	assert_int_equal(prog.nops, 4);
	assert_int_equal(prog.nskipped, 3);
	assert_int_equal(prog.trailing, 2);
	assert_true(prog.ops[0].skip && prog.ops[1].skip && prog.ops[2].skip);
	assert_false(prog.ops[3].skip);
	nf_sock_op_text(&prog.ops[0], 4, t, sizeof t);
	assert_string_equal(t, "(unknown opcode 9: skipped)");
	nf_sock_op_text(&prog.ops[2], 4, t, sizeof t);
	assert_string_equal(t, "socket s4 (no such slot: skipped)");
}

static void test_parse_bounds(void **state)
{
	size_t n = NF_SOCK_OP_LEN * (NF_SOCK_MAX_OPS + 10) + 5;
	uint8_t *in = malloc(n);

	(void)state;
	assert_non_null(in);
	memset(in, 0xff, n);
	nf_sock_parse(in, n, &prog);
	assert_int_equal(prog.nops, NF_SOCK_MAX_OPS);
	assert_int_equal(prog.nskipped, NF_SOCK_MAX_OPS);
	assert_int_equal(prog.trailing, NF_SOCK_OP_LEN * 10 + 5);
	nf_sock_parse(in, 0, &prog);
	assert_int_equal(prog.nops, 0);
	nf_sock_parse(NULL, 0, &prog);
	assert_int_equal(prog.nops, 0);
	nf_sock_parse(in, 5, &prog);
	assert_int_equal(prog.nops, 0);
	assert_int_equal(prog.trailing, 5);
	free(in);
}

/* Hostile inputs: every byte string parses, every record's text fits, and
 * arguments always land inside their tables. */
static void test_parse_random(void **state)
{
	uint8_t in[NF_SOCK_OP_LEN * 60 + 3];
	unsigned x = 12345;
	char t[160];

	(void)state;
	for (int round = 0; round < 2000; round++) {
		size_t n = (size_t)(x % sizeof in);

		for (size_t i = 0; i < sizeof in; i++) {
			x = x * 1103515245u + 12345u;
			in[i] = (uint8_t)(x >> 16);
		}
		nf_sock_parse(in, n, &prog);
		assert_true(prog.nops <= NF_SOCK_MAX_OPS);
		assert_true(prog.nops * NF_SOCK_OP_LEN + prog.trailing == n);
		for (size_t i = 0; i < prog.nops; i++) {
			const struct nf_sock_op *op = &prog.ops[i];

			assert_int_equal(op->skip, op->op >= NF_SOP_COUNT || op->slot >= NF_SOCK_SLOTS);
			nf_sock_op_text(op, op->a & 1 ? 6 : 4, t, sizeof t);
			assert_true(strlen(t) > 0);
			assert_non_null(nf_sock_addr(op->a & 1 ? 6 : 4, op->a));
		}
	}
}

static void test_address_table(void **state)
{
	char t[64];

	(void)state;
	assert_int_equal(nf_sock_naddr(4), 4);
	assert_int_equal(nf_sock_naddr(6), 8);
	assert_string_equal(nf_sock_addr(4, 4)->text, "127.0.0.1"); /* modulo */
	nf_sock_ip_text(&nf_sock_addr(6, 6)->ip, t, sizeof t);
	assert_string_equal(t, "::ffff:192.0.2.1");
	nf_sock_ip_text(&nf_sock_addr(6, 3)->ip, t, sizeof t);
	assert_string_equal(t, "ff05::4e46");
	/* only loopback, unspecified, documentation ranges, a local group */
	for (unsigned i = 0; i < nf_sock_naddr(4); i++) {
		const uint8_t *a = nf_sock_addr(4, i)->ip.a;

		assert_true(a[0] == 127 || a[0] == 0 || (a[0] == 192 && a[1] == 0 && a[2] == 2) || a[0] == 239);
	}
	assert_non_null(nf_sock_rule("ICMP-REFUSED"));
	assert_null(nf_sock_rule("NO-SUCH-RULE"));
}

static int run_parse(const uint8_t *d, size_t n)
{
	nf_sock_parse(d, n, &prog);
	return 0;
}

static void test_record_elements(void **state)
{
	static const uint8_t in[] = {0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 6, 0, 0, 0, 4, 0, 1};
	static struct nf_rec r;
	int list = -1, elems = 0;

	(void)state;
	nf_rec_begin(&r, in, sizeof in);
	run_parse(in, sizeof in);
	nf_rec_end();
	for (uint32_t i = 0; i < r.nspans; i++)
		if (r.span[i].off == 0 && r.span[i].len == 18 && r.span[i].list == NF_REC_NONE)
			list = (int)i;
	assert_true(list >= 0);
	for (uint32_t i = 0; i < r.nspans; i++)
		if (r.span[i].list == list) {
			assert_int_equal(r.span[i].len, NF_SOCK_OP_LEN);
			assert_int_equal(r.span[i].off % NF_SOCK_OP_LEN, 0);
			elems++;
		}
	assert_int_equal(elems, 3);
}

/* Element edits (duplicate, repeat, delete, swap, insert) keep a program
 * a whole number of records. */
static void test_mutator_keeps_records(void **state)
{
	static const uint8_t seed[] = {0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0,
				       4, 1, 0, 1, 3, 0, 6, 0, 0, 0, 4, 0};
	struct nf_mutator m = {.run = run_parse};
	uint8_t buf[4096];
	int element_ops = 0;

	(void)state;
	for (unsigned s = 1; s <= 3000; s++) {
		enum nf_mut_op op;
		size_t n;

		memcpy(buf, seed, sizeof seed);
		n = nf_mutate(&m, buf, sizeof seed, sizeof buf, s, &op);
		if (op == NF_MUT_DUP || op == NF_MUT_REPEAT || op == NF_MUT_DELETE || op == NF_MUT_SWAP ||
		    op == NF_MUT_INSERT) {
			element_ops++;
			assert_int_equal(n % NF_SOCK_OP_LEN, 0);
		}
	}
	assert_true(element_ops > 100);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_ordinary),     cmocka_unit_test(test_parse_skips_bad_records),
		cmocka_unit_test(test_parse_bounds),       cmocka_unit_test(test_parse_random),
		cmocka_unit_test(test_address_table),      cmocka_unit_test(test_record_elements),
		cmocka_unit_test(test_mutator_keeps_records),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
