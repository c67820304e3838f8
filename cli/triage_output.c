/* Triage outputs: a text table, JSON (ClusterFuzz keys), SARIF 2.1.0. */
#include "netfuzz/triage.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* "a\nb\nc" -> "a / b / c" for one-line display. */
static void one_line(const char *in, char *out, size_t outlen)
{
	size_t o = 0;

	for (; *in && o + 4 < outlen; in++) {
		if (*in == '\n') {
			memcpy(out + o, " / ", 3);
			o += 3;
		} else {
			out[o++] = *in;
		}
	}
	out[o] = 0;
}

void nf_triage_print_table(const struct nf_bucket *b, size_t n, bool from_log)
{
	char type[200], state[400];

	if (from_log)
		printf("%-3s %-16s %-4s %-6s %-34s %s\n", "#", "SIGNATURE", "SEC", "SEV", "CRASH TYPE", "CRASH STATE");
	else
		printf("%-3s %-16s %-4s %-6s %-5s %-5s %-34s %s\n", "#", "SIGNATURE", "SEC", "SEV", "COUNT",
		       "REPRO", "CRASH TYPE", "CRASH STATE");
	for (size_t i = 0; i < n; i++) {
		const struct nf_crash *c = &b[i].crash;
		char repro[16];

		one_line(c->type, type, sizeof type);
		one_line(c->state, state, sizeof state);
		if (from_log) {
			printf("%-3zu %-16s %-4s %-6s %-34s %s\n", i + 1, c->signature, c->security ? "yes" : "no",
			       c->severity ? c->severity : "-", type, state);
			continue;
		}
		snprintf(repro, sizeof repro, "%d/%d", b[i].crashed, b[i].runs);
		printf("%-3zu %-16s %-4s %-6s %-5d %-5s %-34s %s\n", i + 1, c->signature,
		       c->security ? "yes" : "no", c->severity ? c->severity : "-", b[i].count, repro, type,
		       state);
		printf("    target %s%s%s\n", b[i].target, b[i].note ? "; " : "", b[i].note ? b[i].note : "");
		printf("    first    %s\n", b[i].first);
		printf("    smallest %s (%ld bytes)\n", b[i].smallest, b[i].smallest_size);
		if (b[i].minimized[0])
			printf("    minimized %s (%ld bytes)\n", b[i].minimized, b[i].minimized_size);
		if (b[i].filed[0])
			printf("    filed    %s\n", b[i].filed);
	}
}

static json_t *bucket_json(const struct nf_bucket *b, bool from_log)
{
	const struct nf_crash *c = &b->crash;
	json_t *o = json_object();

	json_object_set_new(o, "crash_type", json_string(c->type));
	json_object_set_new(o, "crash_state", json_string(c->state));
	json_object_set_new(o, "security_flag", json_boolean(c->security));
	json_object_set_new(o, "severity", c->severity ? json_string(c->severity) : json_null());
	json_object_set_new(o, "signature", json_string(c->signature));
	if (c->sanitizer[0])
		json_object_set_new(o, "sanitizer", json_string(c->sanitizer));
	if (c->address[0])
		json_object_set_new(o, "crash_address", json_string(c->address));
	if (from_log)
		return o;
	json_object_set_new(o, "target", json_string(b->target));
	json_object_set_new(o, "count", json_integer(b->count));
	json_object_set_new(o, "runs", json_integer(b->runs));
	json_object_set_new(o, "reproduced", json_integer(b->crashed));
	json_object_set_new(o, "flaky", json_boolean(b->note && !strcmp(b->note, "flaky")));
	json_object_set_new(o, "first_input", json_string(b->first));
	json_object_set_new(o, "smallest_input", json_string(b->smallest));
	json_object_set_new(o, "smallest_size", json_integer(b->smallest_size));
	if (b->minimized[0])
		json_object_set_new(o, "minimized_input", json_string(b->minimized));
	if (b->filed[0])
		json_object_set_new(o, "filed", json_string(b->filed));
	return o;
}

/* One report: an object; several: an array, in order. */
int nf_triage_print_json(const struct nf_bucket *b, size_t n, bool from_log)
{
	json_t *root;
	char *s;

	if (n == 1) {
		root = bucket_json(&b[0], from_log);
	} else {
		root = json_array();
		for (size_t i = 0; i < n; i++)
			json_array_append_new(root, bucket_json(&b[i], from_log));
	}
	s = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(root);
	if (!s)
		return -1;
	puts(s);
	free(s);
	return 0;
}

/* SARIF 2.1.0 (OASIS): one rule per crash type, one result per bucket,
 * located at the top state frame; the signature is the fingerprint. */
int nf_triage_write_sarif(const char *path, const struct nf_bucket *b, size_t n)
{
	json_t *rules = json_array(), *results = json_array(), *rule_ids = json_object();
	json_t *root, *run, *driver;
	char state[400], msg[1024], rule[200];
	int rc;

	for (size_t i = 0; i < n; i++) {
		const struct nf_crash *c = &b[i].crash;
		json_t *res = json_object(), *loc, *props;

		snprintf(rule, sizeof rule, "%.*s", (int)strcspn(c->type, "\n"), c->type);
		if (!json_object_get(rule_ids, rule)) {
			json_t *r = json_object();
			json_object_set_new(r, "id", json_string(rule));
			json_object_set_new(r, "shortDescription", json_pack("{s:s}", "text", rule));
			json_object_set_new(r, "properties", json_pack("{s:[s]}", "tags", c->security ? "security" : "reliability"));
			json_array_append_new(rules, r);
			json_object_set_new(rule_ids, rule, json_true());
		}
		one_line(c->state, state, sizeof state);
		one_line(c->type, rule, sizeof rule);
		snprintf(msg, sizeof msg, "%s in %s (%s%s)", rule, state,
			 c->security ? "security bug, severity " : "not a security bug",
			 c->security ? (c->severity ? c->severity : "unknown") : "");
		{ /* ruleId is the first line of the type */
			char id[200];
			snprintf(id, sizeof id, "%.*s", (int)strcspn(c->type, "\n"), c->type);
			json_object_set_new(res, "ruleId", json_string(id));
		}
		json_object_set_new(res, "level", json_string(c->security ? "error" : "warning"));
		json_object_set_new(res, "message", json_pack("{s:s}", "text", msg));
		loc = json_object();
		if (c->file[0]) {
			json_object_set_new(loc, "physicalLocation",
				json_pack("{s:{s:s},s:{s:i}}", "artifactLocation", "uri", c->file,
					  "region", "startLine", c->line > 0 ? c->line : 1));
		} else {
			json_object_set_new(loc, "physicalLocation",
				json_pack("{s:{s:s}}", "artifactLocation", "uri",
					  b[i].first[0] ? b[i].first : "unknown"));
		}
		json_object_set_new(res, "locations", json_pack("[o]", loc));
		json_object_set_new(res, "partialFingerprints", json_pack("{s:s}", "netfuzzSignature/v1", c->signature));
		props = json_object();
		json_object_set_new(props, "crash_type", json_string(c->type));
		json_object_set_new(props, "crash_state", json_string(c->state));
		json_object_set_new(props, "security_flag", json_boolean(c->security));
		json_object_set_new(props, "severity", c->severity ? json_string(c->severity) : json_null());
		json_object_set_new(props, "signature", json_string(c->signature));
		if (b[i].target[0])
			json_object_set_new(props, "target", json_string(b[i].target));
		if (b[i].first[0])
			json_object_set_new(props, "input", json_string(b[i].first));
		json_object_set_new(res, "properties", props);
		json_array_append_new(results, res);
	}
	driver = json_pack("{s:s,s:s,s:o}", "name", "netfuzz", "informationUri",
			   "https://github.com/netfuzz/netfuzz", "rules", rules);
	run = json_pack("{s:{s:o},s:o}", "tool", "driver", driver, "results", results);
	root = json_pack("{s:s,s:s,s:[o]}", "$schema",
			 "https://json.schemastore.org/sarif-2.1.0.json", "version", "2.1.0", "runs", run);
	json_decref(rule_ids);
	rc = json_dump_file(root, path, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(root);
	return rc;
}

/* The buckets of one target as a JSON array in a file (netfuzz report
 * reads <campaign>/triage/<target>.json). */
int nf_triage_write_buckets(const char *path, const struct nf_bucket *b, size_t n, const char *target)
{
	json_t *arr = json_array();
	int rc;

	for (size_t i = 0; i < n; i++)
		if (!strcmp(b[i].target, target))
			json_array_append_new(arr, bucket_json(&b[i], false));
	rc = json_dump_file(arr, path, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(arr);
	return rc;
}
