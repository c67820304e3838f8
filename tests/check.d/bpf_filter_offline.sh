#!/usr/bin/env bash
# bpf_filter hands fuzzed filter text to pcap_compile, which resolves host
# names ("host example.com", "gateway x") through getaddrinfo and
# gethostbyname.  Under libFuzzer that sent DNS queries to the machine's
# resolver (docs/performance.md, "bpf_filter and name resolution").
# targets/no_resolver.h makes names fail at once in that binary.  Here the
# standalone build runs inputs naming hosts under strace: no socket of
# family AF_INET/AF_INET6 may be connected or sent to.  Prints TAP.
set -u
cd "$(dirname "$0")/../.."
bin=build/standalone-address/bpf_filter
TMP=$(mktemp -d "${TMPDIR:-/tmp}/nf-bpf-offline.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
if ! command -v strace >/dev/null; then echo "not ok bpf_filter offline: strace missing (ci/install-deps.sh)"; exit 0; fi
if [ ! -x "$bin" ]; then echo "not ok bpf_filter offline: $bin not built"; exit 0; fi
# filter text, NUL, a 60-byte Ethernet frame (IPv6 ethertype)
frame=$(printf '%0120d' 0 | sed 's/^\(.\{24\}\)..../\186dd/')
i=0
for f in "host netfuzz-test.example" "gateway netfuzz-gw.example" "dst host localhost" "ip6 host ::1"; do
  { printf '%s\0' "$f"; printf '%s' "$frame" | xxd -r -p; } > "$TMP/in.$i"
  i=$((i + 1))
done
ASAN_OPTIONS=detect_leaks=0 strace -f -e trace=connect,sendto,sendmmsg,sendmsg -o "$TMP/trace" "$bin" "$TMP"/in.* >/dev/null 2>&1
rc=$?
if [ $rc -ne 0 ]; then echo "not ok bpf_filter offline: replay exited $rc"; exit 0; fi
if grep -E 'AF_INET6?\b|sin6?_port' "$TMP/trace" >/dev/null; then
  echo "not ok bpf_filter offline: a fuzz input reached the network: $(grep -m1 -E 'AF_INET6?\b|sin6?_port' "$TMP/trace")"
else
  echo "ok bpf_filter offline: host names in filters send no query ($(grep -c . "$TMP/trace") traced calls, none to an inet socket)"
fi
