/* netfuzz routes: read route / ARP table dumps (Darwin, FreeBSD, rtnetlink,
 * /proc/net) or this host's live tables, print them like netstat -rn and
 * arp -an or as JSON, and look an address up like the kernel would.
 *
 *   netfuzz routes [--format F] [--json] FILE
 *   netfuzz routes [--json] --live
 *   netfuzz routes lookup ADDR [--format F] [--json] [FILE|--live]
 *   netfuzz routes lookup ADDR --kernel [--json]   (RTM_GETROUTE fibmatch)
 * ADDR may be @LIST: one address per line, one answer per line.
 *
 * A malformed dump is decoded up to the bad record; the record, its offset,
 * what is wrong and whether decoding resynchronised go to stderr (and to
 * the JSON "error" object) and the exit code is 1.
 *
 *   netfuzz routes [FILE|--live] --write darwin|darwin2|freebsd|netlink OUT
 * writes the table as a dump in another format (the encoder). */
#include "args.h"
#include "cli.h"
#include "netfuzz/json_out.h"
#include "netfuzz/out.h"
#include "netfuzz/route.h"
#include "netfuzz/route_print.h"
#include "netfuzz/util.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CMD "routes"
#define MAX_FILE (1024UL * 1024 * 1024)

struct opts {
	enum nf_rt_format fmt;
	bool json, live, lookup, kernel; /* kernel: lookup asks RTM_GETROUTE (fibmatch) */
	const char *file, *addr;
	enum nf_rt_format wfmt; /* --write FMT OUT: encode the table instead of printing */
	const char *wpath;
};

static int parse_args(int argc, char **argv, struct opts *o)
{
	int i = 1;

	memset(o, 0, sizeof *o);
	if (i < argc && !strcmp(argv[i], "lookup")) {
		o->lookup = true;
		if (++i >= argc)
			return nf_usage_error(CMD, "usage: netfuzz routes lookup ADDR [--format F] [--json] [FILE|--live|--kernel]");
		o->addr = argv[i++];
	}
	for (; i < argc; i++) {
		if (!strcmp(argv[i], "--json")) {
			o->json = true;
		} else if (!strcmp(argv[i], "--live")) {
			o->live = true;
		} else if (!strcmp(argv[i], "--kernel")) {
			o->kernel = true;
		} else if (!strcmp(argv[i], "--format")) {
			if (i + 1 >= argc)
				return nf_missing_value(CMD, argv[i]);
			i++;
			o->fmt = nf_rt_format_parse(argv[i]);
			if (o->fmt == NF_RTFMT_UNKNOWN)
				return nf_usage_error(CMD, "unknown format '%s' (darwin darwin2 freebsd netlink proc-route proc-arp)",
						      argv[i]);
		} else if (!strcmp(argv[i], "--write")) {
			if (i + 2 >= argc)
				return nf_usage_error(CMD, "option '--write' needs a value: FORMAT (darwin darwin2 freebsd netlink) and OUT");
			o->wfmt = nf_rt_format_parse(argv[++i]);
			o->wpath = argv[++i];
			if (o->wfmt != NF_RTFMT_DARWIN && o->wfmt != NF_RTFMT_DARWIN2 && o->wfmt != NF_RTFMT_FREEBSD &&
			    o->wfmt != NF_RTFMT_NETLINK)
				return nf_usage_error(CMD, "--write: '%s' is not one of darwin darwin2 freebsd netlink", argv[i - 1]);
		} else if (argv[i][0] == '-' && argv[i][1]) {
			return nf_usage_error(CMD, "unknown option '%s'", argv[i]);
		} else if (!o->file) {
			o->file = argv[i];
		} else {
			return nf_usage_error(CMD, "more than one FILE given");
		}
	}
	if (o->kernel && (!o->lookup || o->file || o->live))
		return nf_usage_error(CMD, "--kernel goes with lookup ADDR alone (it asks the kernel, not a table)");
	if (o->kernel)
		return NF_EXIT_OK;
	if (o->live && o->file)
		return nf_usage_error(CMD, "give either FILE or --live, not both");
	if (!o->live && !o->file)
		return nf_usage_error(CMD, "usage: netfuzz routes [--format F] [--json] FILE | --live  (or: routes lookup ADDR ...)");
	if (o->live && o->fmt)
		return nf_usage_error(CMD, "--format applies to FILE, not --live");
	if (o->wpath && (o->lookup || o->json))
		return nf_usage_error(CMD, "--write does not combine with lookup or --json");
	return NF_EXIT_OK;
}

/* Fill t from FILE or the live kernel.  Returns NF_EXIT_OK, or
 * NF_EXIT_USAGE (unreadable / unknown format, already reported).  err holds
 * any decode problem. */
static int load(const struct opts *o, struct nf_rtable *t, struct nf_rt_error *err)
{
	uint8_t *buf;
	size_t len;
	struct nf_cur c;
	enum nf_rt_format fmt = o->fmt;
	char msg[PATH_MAX + 128];

	if (o->live) {
		nf_route_live_dump(t, err);
		if (err->code == NF_RTE_SYSTEM) {
			nf_usage_error(CMD, "live dump: %s: %s", err->what, strerror(err->sys_errno));
			return NF_EXIT_USAGE;
		}
		return NF_EXIT_OK;
	}
	if (!(buf = nf_read_file(o->file, MAX_FILE, &len, msg, sizeof msg)))
		return nf_usage_error(CMD, "%s", msg);
	nf_cur_init(&c, buf, len);
	if (fmt == NF_RTFMT_UNKNOWN && (fmt = nf_route_detect(&c)) == NF_RTFMT_UNKNOWN) {
		free(buf);
		return nf_usage_error(CMD, "%s: cannot tell the dump format; give --format "
				      "darwin|darwin2|freebsd|netlink|proc-route|proc-arp", o->file);
	}
	nf_route_decode(fmt, &c, t, err);
	nf_rtable_resolve_ifnames(t);
	free(buf);
	return NF_EXIT_OK;
}

static void report(const struct opts *o, const struct nf_rtable *t, const struct nf_rt_error *err)
{
	char msg[512];

	if (err->code != NF_RTE_OK) {
		nf_routes_error_text(msg, sizeof msg, err);
		fprintf(stderr, "netfuzz: routes: %s: %s\n", o->live ? "live dump" : o->file, msg);
	}
	if (t->dropped)
		fprintf(stderr, "netfuzz: routes: %zu entries dropped (out of memory)\n", t->dropped);
}

/* Encode the table as a dump file (e.g. a Darwin dump of the live model). */
static int do_write(const struct opts *o, const struct nf_rtable *t)
{
	size_t n = nf_route_encode(t, o->wfmt, NULL, 0);
	uint8_t *buf = malloc(n ? n : 1);
	FILE *f;
	int rc = NF_EXIT_OK;

	if (!buf)
		return nf_usage_error(CMD, "--write: out of memory");
	nf_route_encode(t, o->wfmt, buf, n);
	if (!(f = fopen(o->wpath, "wb")) || fwrite(buf, 1, n, f) != n || fclose(f) != 0)
		rc = nf_usage_error(CMD, "cannot write %s: %s", o->wpath, strerror(errno));
	free(buf);
	return rc;
}

static int do_lookup(const struct opts *o, struct nf_out *out, const struct nf_rtable *t, const char *addr)
{
	struct nf_addr a;
	struct nf_lookup res;

	if (!nf_addr_parse(addr, &a))
		return nf_usage_error(CMD, "'%s' is not an IPv4 or IPv6 address", addr);
	nf_route_lookup_output(t, &a, &res);
	if (o->json)
		nf_out_json(out, nf_routes_json_lookup(addr, t, &res));
	else
		nf_routes_print_lookup(out, addr, &res);
	return res.error ? NF_EXIT_FINDINGS : NF_EXIT_OK;
}

/* lookup ADDR --kernel: the kernel's own answer (RTM_GETROUTE with
 * RTM_F_FIB_MATCH, `ip route get fibmatch`), decoded by our rtnetlink
 * decoder, printed like a table lookup. */
static int do_kernel_lookup(const struct opts *o, struct nf_out *out, const char *addr)
{
	struct nf_rtable t;
	struct nf_rt_error err;
	struct nf_addr a;
	int e;

	if (!nf_addr_parse(addr, &a))
		return nf_usage_error(CMD, "'%s' is not an IPv4 or IPv6 address", addr);
	nf_rtable_init_dynamic(&t);
	e = nf_route_live_get(&a, NF_LIVE_GET_FIBMATCH, &t, &err);
	if (e < 0) {
		char msg[512];

		nf_routes_error_text(msg, sizeof msg, &err);
		nf_rtable_free(&t);
		return nf_usage_error(CMD, "RTM_GETROUTE: %s%s%s", msg, err.sys_errno ? ": " : "",
				      err.sys_errno ? strerror(err.sys_errno) : "");
	}
	if (o->json)
		nf_out_json(out, nf_routes_json_kernel(addr, &t, e));
	else
		nf_routes_print_kernel(out, addr, &t, e);
	nf_rtable_free(&t);
	return e ? NF_EXIT_FINDINGS : NF_EXIT_OK;
}

/* lookup ADDR, or lookup @LIST: one lookup per line of LIST (blank lines
 * skipped), one output line each; exit 1 if any answers an error, 2 on a
 * bad address or an unreadable list. */
static int lookup_all(const struct opts *o, struct nf_out *out, const struct nf_rtable *t)
{
	char line[256];
	FILE *f;
	int rc = NF_EXIT_OK, r;

	if (o->addr[0] != '@')
		return t ? do_lookup(o, out, t, o->addr) : do_kernel_lookup(o, out, o->addr);
	if (!(f = fopen(o->addr + 1, "r")))
		return nf_usage_error(CMD, "cannot read %s: %s", o->addr + 1, strerror(errno));
	while (rc != NF_EXIT_USAGE && fgets(line, sizeof line, f)) {
		line[strcspn(line, " \t\r\n")] = 0;
		if (!line[0])
			continue;
		r = t ? do_lookup(o, out, t, line) : do_kernel_lookup(o, out, line);
		if (r > rc)
			rc = r;
	}
	fclose(f);
	return rc;
}

NF_COMMAND(routes, "[--format darwin|darwin2|freebsd|netlink|proc-route|proc-arp] [--json] FILE | --live\n"
		   "           routes lookup ADDR|@LIST [--format F] [--json] [FILE|--live|--kernel]\n"
		   "           routes [FILE|--live] --write darwin|darwin2|freebsd|netlink OUT",
	   "print route/ARP tables from a dump or the live kernel; look up an address like the kernel")
{
	static struct nf_out out;
	struct opts o;
	struct nf_rtable t;
	struct nf_rt_error err;
	int rc;

	if ((rc = parse_args(argc, argv, &o)) != NF_EXIT_OK)
		return rc;
	if (o.kernel) {
		nf_out_init(&out, 1);
		rc = lookup_all(&o, &out, NULL);
		nf_out_flush(&out);
		return out.failed ? NF_EXIT_USAGE : rc;
	}
	nf_rtable_init_dynamic(&t);
	memset(&err, 0, sizeof err);
	err.what = "";
	if ((rc = load(&o, &t, &err)) != NF_EXIT_OK) {
		nf_rtable_free(&t);
		return rc;
	}
	nf_out_init(&out, 1);
	if (o.lookup) {
		rc = lookup_all(&o, &out, &t);
	} else if (o.wpath) {
		rc = do_write(&o, &t);
	} else {
		if (o.json)
			nf_out_json(&out, nf_routes_json(&t, &err));
		else
			nf_routes_print_text(&out, &t, !o.live);
		/* an empty dump is a valid, empty table: say so, as netstat -rn
		 * still prints its header, rather than print nothing */
		if (!o.json && !t.nroutes && !t.nneighs)
			nf_out_str(&out, "0 routes, 0 neighbours\n");
		rc = NF_EXIT_OK;
	}
	nf_out_flush(&out);
	report(&o, &t, &err);
	if (out.failed) {
		fprintf(stderr, "netfuzz: routes: writing the output failed\n");
		rc = NF_EXIT_USAGE;
	} else if (rc != NF_EXIT_USAGE && (err.code != NF_RTE_OK || t.dropped)) {
		rc = NF_EXIT_FINDINGS; /* malformed dump: decoded up to the bad record */
	}
	nf_rtable_free(&t);
	return rc;
}
