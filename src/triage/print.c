/* Triage outputs: a text table, JSON (ClusterFuzz keys), SARIF 2.1.0, the
 * report page's group table. */
#include "netfuzz/triage.h"
#include "netfuzz/util.h"

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

static void print_bucket(const struct nf_bucket *b, size_t i, bool from_log)
{
	const struct nf_crash *c = &b->crash;
	char type[200], state[400], repro[16];

	one_line(c->type, type, sizeof type);
	one_line(c->state, state, sizeof state);
	if (from_log) {
		printf("    %-3zu %-16s %-4s %-6s %-34s %s\n", i + 1, c->signature, c->security ? "yes" : "no",
		       c->severity ? c->severity : "-", type, state);
		printf("        why: %s\n", b->group_reason);
		return;
	}
	snprintf(repro, sizeof repro, "%d/%d", b->crashed, b->runs);
	printf("    %-3zu %-16s %-4s %-6s %-5d %-5s %-34s %s\n", i + 1, c->signature, c->security ? "yes" : "no",
	       c->severity ? c->severity : "-", b->count, repro, type, state);
	printf("        why: %s\n", b->group_reason);
	printf("        target %s%s%s\n", b->target, b->note ? "; " : "", b->note ? b->note : "");
	printf("        first    %s\n", b->first);
	printf("        smallest %s (%ld bytes)\n", b->smallest, b->smallest_size);
}

/* Groups first (one line each: buckets, inputs, the most severe type, the
 * smallest and the minimized input), then their buckets, indented. */
void nf_triage_print_table(const struct nf_bucket *b, size_t n, bool from_log)
{
	int groups = 0;

	for (size_t i = 0; i < n; i++)
		groups = b[i].group + 1 > groups ? b[i].group + 1 : groups;
	printf("%d group(s), %zu bucket(s)\n", groups, n);
	if (from_log)
		printf("    %-3s %-16s %-4s %-6s %-34s %s\n", "#", "SIGNATURE", "SEC", "SEV", "CRASH TYPE", "CRASH STATE");
	else
		printf("    %-3s %-16s %-4s %-6s %-5s %-5s %-34s %s\n", "#", "SIGNATURE", "SEC", "SEV", "COUNT", "REPRO",
		       "CRASH TYPE", "CRASH STATE");
	for (int gi = 0; gi < groups; gi++) {
		struct nf_group g;
		const struct nf_bucket *lead, *small;
		char type[200];

		nf_triage_group_summary(b, n, gi, &g);
		lead = &b[g.lead];
		small = &b[g.smallest];
		one_line(lead->crash.type, type, sizeof type);
		char inputs[48] = "";

		if (!from_log)
			snprintf(inputs, sizeof inputs, ", %d input(s)", g.inputs);
		printf("GROUP %d: %d bucket(s)%s; %s (%s%s)\n", gi + 1, g.buckets, inputs, type,
		       lead->crash.security ? "security, " : "not security",
		       lead->crash.security ? (lead->crash.severity ? lead->crash.severity : "-") : "");
		if (!from_log) {
			printf("  smallest  %s (%ld bytes)\n", small->smallest, small->smallest_size);
			if (small->minimized[0])
				printf("  minimized %s (%ld -> %ld bytes; %s)\n", small->minimized, small->smallest_size,
				       small->minimized_size, small->minimized_by);
			else if (small->minimize_note)
				printf("  minimized no: %s (%ld bytes kept)\n", small->minimize_note, small->smallest_size);
			if (small->filed[0])
				printf("  filed     %s\n", small->filed);
		}
		for (size_t i = 0; i < n; i++)
			if (b[i].group == gi)
				print_bucket(&b[i], i, from_log);
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
	json_object_set_new(o, "group", json_integer(b->group + 1));
	json_object_set_new(o, "group_reason", json_string(b->group_reason));
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
	if (b->minimized[0]) {
		json_object_set_new(o, "minimized_input", json_string(b->minimized));
		json_object_set_new(o, "minimized_size", json_integer(b->minimized_size));
		json_object_set_new(o, "minimized_by", json_string(b->minimized_by));
		json_object_set_new(o, "minimized_signature", json_string(b->minimized_crash.signature));
	} else if (b->minimize_note) {
		json_object_set_new(o, "minimize_note", json_string(b->minimize_note));
	}
	if (b->filed[0])
		json_object_set_new(o, "filed", json_string(b->filed));
	return o;
}

static int group_count(const struct nf_bucket *b, size_t n)
{
	int groups = 0;

	for (size_t i = 0; i < n; i++)
		groups = b[i].group + 1 > groups ? b[i].group + 1 : groups;
	return groups;
}

/* One group: the most severe type, its members' signatures and, beside
 * each, the rule that placed it (nf_triage_group). */
static json_t *group_json(const struct nf_bucket *b, size_t n, int gi, bool from_log)
{
	struct nf_group g;
	json_t *o = json_object(), *sigs = json_array(), *why = json_array();
	const struct nf_bucket *lead, *small;

	nf_triage_group_summary(b, n, gi, &g);
	lead = &b[g.lead];
	small = &b[g.smallest];
	json_object_set_new(o, "group", json_integer(gi + 1));
	json_object_set_new(o, "crash_type", json_string(lead->crash.type));
	json_object_set_new(o, "crash_state", json_string(lead->crash.state));
	json_object_set_new(o, "security_flag", json_boolean(lead->crash.security));
	json_object_set_new(o, "severity", lead->crash.severity ? json_string(lead->crash.severity) : json_null());
	json_object_set_new(o, "signature", json_string(lead->crash.signature));
	for (size_t i = 0; i < n; i++)
		if (b[i].group == gi) {
			json_array_append_new(sigs, json_string(b[i].crash.signature));
			json_array_append_new(why, json_string(b[i].group_reason));
		}
	json_object_set_new(o, "bucket_signatures", sigs);
	json_object_set_new(o, "reason", why);
	if (from_log)
		return o;
	json_object_set_new(o, "count", json_integer(g.inputs));
	json_object_set_new(o, "target", json_string(small->target));
	json_object_set_new(o, "smallest_input", json_string(small->smallest));
	json_object_set_new(o, "smallest_size", json_integer(small->smallest_size));
	if (small->minimized[0]) {
		json_object_set_new(o, "minimized_input", json_string(small->minimized));
		json_object_set_new(o, "minimized_size", json_integer(small->minimized_size));
		json_object_set_new(o, "minimized_by", json_string(small->minimized_by));
	} else if (small->minimize_note) {
		json_object_set_new(o, "minimize_note", json_string(small->minimize_note));
	}
	if (small->filed[0])
		json_object_set_new(o, "filed", json_string(small->filed));
	return o;
}

/* {"groups": [...], "buckets": [...]}: groups above buckets. */
int nf_triage_print_json(const struct nf_bucket *b, size_t n, bool from_log)
{
	json_t *root = json_object(), *groups = json_array(), *buckets = json_array();
	int ng = group_count(b, n);
	char *s;

	for (int gi = 0; gi < ng; gi++)
		json_array_append_new(groups, group_json(b, n, gi, from_log));
	for (size_t i = 0; i < n; i++)
		json_array_append_new(buckets, bucket_json(&b[i], from_log));
	json_object_set_new(root, "groups", groups);
	json_object_set_new(root, "buckets", buckets);
	s = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(root);
	if (!s)
		return -1;
	puts(s);
	free(s);
	return 0;
}

/* SARIF 2.1.0 (OASIS): one rule per crash type, one result per group (its
 * most severe bucket), located at that bucket's top state frame; its
 * signature is the fingerprint, the members' signatures are properties. */
int nf_triage_write_sarif(const char *path, const struct nf_bucket *b, size_t n)
{
	json_t *rules = json_array(), *results = json_array(), *rule_ids = json_object();
	json_t *root, *run, *driver;
	char state[400], msg[1024], rule[200];
	int rc;

	for (int gi = 0; gi < group_count(b, n); gi++) {
		struct nf_group g;
		size_t i;
		const struct nf_crash *c;
		json_t *res = json_object(), *loc, *props, *sigs = json_array();

		nf_triage_group_summary(b, n, gi, &g);
		i = g.lead;
		c = &b[i].crash;
		for (size_t k = 0; k < n; k++)
			if (b[k].group == gi)
				json_array_append_new(sigs, json_string(b[k].crash.signature));

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
		snprintf(msg, sizeof msg, "%s in %s (%s%s; %d bucket(s), %d input(s))", rule, state,
			 c->security ? "security bug, severity " : "not a security bug",
			 c->security ? (c->severity ? c->severity : "unknown") : "", g.buckets, g.inputs);
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
		json_object_set_new(props, "bucket_signatures", sigs);
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

static void html_text(FILE *f, const char *s)
{
	for (; s && *s; s++)
		switch (*s) {
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '&': fputs("&amp;", f); break;
		case '"': fputs("&quot;", f); break;
		default: fputc(*s, f);
		}
}

/* netfuzz report: one row per group of a <campaign>/triage/<t>.json bucket
 * array (written by nf_triage_write_buckets, each bucket with "group"). */
void nf_triage_groups_html(FILE *f, const char *buckets_json_path)
{
	json_error_t err;
	json_t *arr = json_load_file(buckets_json_path, 0, &err), *x;
	int groups = 0;
	size_t i;

	if (!arr || !json_is_array(arr)) {
		json_decref(arr);
		return;
	}
	json_array_foreach(arr, i, x) {
		int g = (int)json_integer_value(json_object_get(x, "group"));
		groups = g > groups ? g : groups;
	}
	fprintf(f, "<p>%d group(s) (one per bug, ClusterFuzz grouping rules), %zu bucket(s).</p>\n", groups,
		json_array_size(arr));
	fprintf(f, "<table><tr><th>group</th><th>buckets</th><th>inputs</th><th>crash type</th>"
		   "<th>crash state</th><th>smallest input</th></tr>\n");
	for (int g = 1; g <= groups; g++) {
		json_t *lead = NULL, *small = NULL;
		long long inputs = 0;
		int members = 0;

		json_array_foreach(arr, i, x) {
			if (json_integer_value(json_object_get(x, "group")) != g)
				continue;
			members++;
			inputs += json_integer_value(json_object_get(x, "count"));
			if (!lead || (json_is_true(json_object_get(x, "security_flag")) &&
				      !json_is_true(json_object_get(lead, "security_flag"))))
				lead = x;
			if (!small || json_integer_value(json_object_get(x, "smallest_size")) <
					      json_integer_value(json_object_get(small, "smallest_size")))
				small = x;
		}
		if (!lead)
			continue;
		fprintf(f, "<tr><td>%d</td><td>%d</td><td>%lld</td><td>", g, members, inputs);
		html_text(f, json_string_value(json_object_get(lead, "crash_type")));
		fprintf(f, "</td><td><code>");
		html_text(f, json_string_value(json_object_get(lead, "crash_state")));
		fprintf(f, "</code></td><td><code>");
		html_text(f, json_string_value(json_object_get(small, "minimized_input")) ?: json_string_value(json_object_get(small, "smallest_input")));
		fprintf(f, "</code></td></tr>\n");
	}
	fprintf(f, "</table>\n");
	json_decref(arr);
}

/* Inputs from a campaign (<dir>/crashes|timeouts|ooms/<t>/...): keep the
 * buckets in <dir>/triage/<t>.json for netfuzz report. */
void nf_triage_save_for_report(const struct nf_bucket *b, size_t n)
{
	static const char *const kinds[] = {"/crashes/", "/timeouts/", "/ooms/"};

	for (size_t i = 0; i < n; i++) {
		char dir[4096], path[4096 + 160];
		const char *cut = NULL;
		bool seen = false;

		for (size_t k = 0; k < i; k++)
			seen |= !strcmp(b[k].target, b[i].target);
		if (seen)
			continue;
		for (size_t k = 0; k < 3; k++) {
			const char *p = strstr(b[i].first, kinds[k]);
			if (p && (!cut || p > cut))
				cut = p;
		}
		if (!cut)
			continue;
		snprintf(dir, sizeof dir, "%.*s/triage", (int)(cut - b[i].first), b[i].first);
		if (nf_mkdir_p(dir) != 0)
			continue;
		snprintf(path, sizeof path, "%s/%s.json", dir, b[i].target);
		if (nf_triage_write_buckets(path, b, n, b[i].target) != 0)
			fprintf(stderr, "netfuzz: triage: cannot write %s\n", path);
	}
}

