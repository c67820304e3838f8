#!/bin/sh
# ci/lib-users.sh FILE.c...: print the files among FILE.c that include a
# third-party library's header (OpenSSL, libpcap, libmnl, jansson), directly
# or through the project's own headers (include/netfuzz/, targets/, harness/,
# src/*/).  The Makefile compiles only these against the configuration's
# instrumented libraries and makes only them wait for that build; every
# other object is built at once, so a target such as rtmsg_darwin never
# waits for OpenSSL.  <pcap/dlt.h> does not count: link-type numbers only,
# the same in every build of one libpcap version.  One grep and one awk
# (make runs this on every invocation).
set -eu
grep -HE '^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"]' \
  include/netfuzz/*.h targets/*.h harness/*.h src/*/*.h "$@" /dev/null 2>/dev/null |
awk -v files="$*" '
  function base(p) { sub(/.*\//, "", p); return p }
  {
    f = substr($0, 1, index($0, ":") - 1); line = substr($0, index($0, ":") + 1)
    if (line ~ /<(openssl\/|pcap\.h|pcap\/|libmnl\/|jansson\.h)/ && line !~ /<pcap\/dlt\.h>/) direct[f] = 1
    if (match(line, /"[^"]*"/)) { inc = base(substr(line, RSTART + 1, RLENGTH - 2)); n++; from[n] = f; to[n] = inc }
  }
  END {
    for (f in direct) user[f] = 1
    do { changed = 0
      for (i = 1; i <= n; i++) if (!(from[i] in user)) for (u in user) if (base(u) == to[i] && u ~ /\.h$/) { user[from[i]] = 1; changed = 1; break }
    } while (changed)
    k = split(files, fl, " ")
    for (i = 1; i <= k; i++) if (fl[i] in user) print fl[i]
  }'
