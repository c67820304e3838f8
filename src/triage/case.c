/* The regression-case metadata file, written by triage and read by regress
 * (netfuzz/case.h).  jansson: the reader rejects duplicate keys and says
 * line and column of a syntax error. */
#include "netfuzz/case.h"
#include "netfuzz/triage.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

int nf_case_write(const char *path, const struct nf_case *c)
{
	json_t *o = json_pack("{s:s,s:s,s:s,s:b,s:s,s:s,s:s,s:s}", "target", c->target, "crash_type",
			      c->crash_type, "crash_state", c->crash_state, "security_flag", c->security_flag,
			      "signature", c->signature, "found", c->found, "status", c->status, "note",
			      c->note ? c->note : "");
	FILE *f = o ? fopen(path, "w") : NULL;
	int rc = 0;

	if (!o)
		errno = ENOMEM;
	if (!f || json_dumpf(o, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER) != 0 || fputc('\n', f) == EOF)
		rc = -1;
	if (f && fclose(f) != 0)
		rc = -1;
	json_decref(o);
	return rc;
}

static const char *str_field(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	return json_is_string(v) ? json_string_value(v) : NULL;
}

/* The file name without directory and ".json". */
static void base_name(const char *path, char *out, size_t n)
{
	const char *slash = strrchr(path, '/');
	const char *b = slash ? slash + 1 : path;
	size_t l = strlen(b);

	snprintf(out, n, "%.*s", (int)(l > 5 ? l - 5 : l), b);
}

bool nf_case_read(const char *path, const char *shown, const char *target, struct nf_case *c, char *err,
		  size_t errlen)
{
	json_error_t je;
	json_t *o = json_load_file(path, JSON_REJECT_DUPLICATES, &je);
	char sig[17], base[256];
	int y, m, d;

	memset(c, 0, sizeof *c);
	if (!o) {
		snprintf(err, errlen, "%s: line %d column %d: %s (expected a JSON object)", shown, je.line, je.column,
			 je.text);
		return false;
	}
	c->doc = o;
	if (!json_is_object(o)) {
		snprintf(err, errlen, "%s: expected a JSON object at the top level", shown);
		goto bad;
	}
	c->target = str_field(o, "target");
	c->crash_type = str_field(o, "crash_type");
	c->crash_state = str_field(o, "crash_state");
	c->signature = str_field(o, "signature");
	c->status = str_field(o, "status");
	c->found = str_field(o, "found");
	c->note = str_field(o, "note");
	if (!c->target || !c->crash_type || !c->crash_state || !c->signature || !c->status || !c->found ||
	    !json_is_boolean(json_object_get(o, "security_flag"))) {
		snprintf(err, errlen,
			 "%s: missing or mistyped field: expected strings target, crash_type, crash_state, signature, found, status and boolean security_flag",
			 path);
		goto bad;
	}
	c->security_flag = json_is_true(json_object_get(o, "security_flag"));
	if (strcmp(c->target, target) != 0) {
		snprintf(err, errlen, "%s: field target is \"%s\" but the case is filed under %s/", shown, c->target,
			 target);
		goto bad;
	}
	if (strcmp(c->status, "fixed") != 0 && strcmp(c->status, "open") != 0) {
		snprintf(err, errlen, "%s: field status is \"%s\" (expected \"fixed\" or \"open\")", shown, c->status);
		goto bad;
	}
	if (strlen(c->found) != 10 || sscanf(c->found, "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12 || d < 1 ||
	    d > 31) {
		snprintf(err, errlen, "%s: field found is \"%s\" (expected YYYY-MM-DD)", shown, c->found);
		goto bad;
	}
	nf_triage_signature(c->crash_type, c->crash_state, sig);
	base_name(path, base, sizeof base);
	if (strcmp(c->signature, sig) != 0 || strcmp(base, sig) != 0) {
		snprintf(err, errlen,
			 "%s: signature \"%s\" and file name \"%s\" must both be %s (first 16 hex digits of SHA-1 over crash_type \"\\n\" crash_state)",
			 shown, c->signature, base, sig);
		goto bad;
	}
	return true;
bad:
	nf_case_free(c);
	return false;
}

void nf_case_free(struct nf_case *c)
{
	json_decref(c->doc);
	memset(c, 0, sizeof *c);
}
