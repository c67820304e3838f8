/* Internal to src/triage/: the per-report parser state shared by the
 * report splitter (parse.c), the line-rule table (rules.c) and the stack
 * frame reader (frame.c).  Not a public header. */
#ifndef NETFUZZ_TRIAGE_PARSER_H
#define NETFUZZ_TRIAGE_PARSER_H

#include "netfuzz/triage.h"

#define RAW_FRAMES 64 /* frames kept for stack-overflow cycle detection */

struct parser {
	struct nf_crash *c;
	char frames[NF_TRIAGE_STATE_FRAMES][NF_TRIAGE_LINE_CAP * 4];
	char raw[RAW_FRAMES][NF_TRIAGE_LINE_CAP + 1];
	int nraw;
	bool process_died, bad_cast_open;
};

/* The line-rule table (rules.c, honggfuzz.c): one row per report-line
 * shape.  A matcher reads the line (and the state so far) and fills a
 * hit; its action changes the state and says whether later rows still
 * look at the line. */
struct hit {
	const char *at;  /* where the shape begins in the line */
	size_t len;      /* how much of it is the capture, where that matters */
	char text[256];  /* captured type or state text */
	char addr[40];   /* captured address */
};

enum next { NEXT_ROW, LINE_DONE };

struct line_rule {
	const char *shape;  /* the line this row reads, as printed */
	const char *source; /* who prints it / which ClusterFuzz rule it follows */
	bool (*match)(const struct parser *p, const char *line, struct hit *h);
	enum next (*act)(struct parser *p, const char *line, const struct hit *h);
	/* A row that only names the crash type has no act: the type starts a
	 * new report state (nf_triage_new_type), and `then` says what follows. */
	const char *type;
	enum next then;
};

extern const struct line_rule nf_triage_hf_rules[];
#define NF_TRIAGE_HF_RULES 5
bool nf_triage_hf_starts(const char *line);

/* State changes shared by the rows (rules.c). */
void nf_triage_reset(struct parser *p);
void nf_triage_set_type(struct parser *p, const char *type); /* Timeout stays */
void nf_triage_new_type(struct parser *p, const char *type); /* set_type + reset */

/* rules.c: one line of a report through the line-rule table. */
void nf_triage_parse_line(struct parser *p, const char *line);
/* rules.c: the first line of a report? */
bool nf_triage_starts_report(const char *line);
/* rules.c: where a UBSan ": runtime error: " begins, NULL if the line is
 * not one (after a source or module location only). */
const char *nf_triage_ubsan_error(const char *line);
/* rules.c: a line that only continues a glibc assert's report: the
 * sanitizer's or libFuzzer's report of the SIGABRT that assert() raises. */
bool nf_triage_abort_report(const char *line);
bool nf_triage_libfuzzer_error(const char *line, const char *what);

/* frame.c */
bool nf_triage_add_frame(struct parser *p, const char *line);
/* Add an already-extracted function name (honggfuzz's STACK lines) with
 * its source location (may be NULL). */
void nf_triage_push_frame(struct parser *p, const char *func, const char *file, int line);
void nf_triage_normalise(const char *in, char *out, size_t outlen);
bool nf_triage_hex_addr(const char *s, char *out, size_t outlen);

#endif
