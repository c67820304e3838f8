/* Fuzz target: `netfuzz triage --from-log` parsing.  Logs are untrusted
 * text (CI output, pasted bug reports): the bytes go through the same
 * library call the CLI makes, NUL bytes, ANSI junk and all, and every
 * report found is classified and released again. */
#include "netfuzz/target.h"
#include "netfuzz/triage.h"

#define TRIAGE_LOG_REPORTS 8 /* a few reports per input exercise splitting */

NF_TARGET(triage_log, "triage", "nf_triage_parse_buf()")
{
	static struct nf_crash reports[TRIAGE_LOG_REPORTS];
	size_t n = nf_triage_parse_buf((const char *)data, size, NULL, reports, TRIAGE_LOG_REPORTS);

	for (size_t i = 0; i < n; i++)
		nf_crash_free(&reports[i]);
	return 0;
}
