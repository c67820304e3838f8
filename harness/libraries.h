/* Which third-party libraries a fuzzing build links instrumented (issue 14):
 * read from build/<engine>-address/deps/STATUS, written by ci/build-deps.sh. */
#ifndef NETFUZZ_CLI_LIBRARIES_H
#define NETFUZZ_CLI_LIBRARIES_H

#include <stddef.h>

/* "openssl instrumented, libpcap instrumented, libmnl system (no source), ..."
 * for ENGINE's default build; "system (...)" when it has no STATUS. */
void nf_cli_libraries_line(const char *engine, char *out, size_t n);
/* The STATUS words for one library ("instrumented", "system (no source)"),
 * or "" when unknown. */
void nf_cli_library_status(const char *engine, const char *lib, char *out, size_t n);
/* LIBS is a comma-separated list ("openssl,jansson"): "openssl
 * instrumented, jansson instrumented", each library with its STATUS words,
 * or "system" when ENGINE's build has none. */
void nf_cli_libraries_of(const char *engine, const char *libs, char *out, size_t n);

#endif
