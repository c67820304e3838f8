#!/usr/bin/env bash
# The Darwin and FreeBSD decoders against dumps written independently of
# our encoder: tests/tools/bsd_dump.py lays out rt_msghdr / rt_msghdr2 /
# sockaddrs from XNU's and FreeBSD's headers (cited there) and knows which
# routes, neighbours and lookup answers a correct decoder gives.  For each
# ABI: `netfuzz routes --json` must list exactly those routes and
# neighbours, and `netfuzz routes lookup` must return the expected route
# for every probe.  Prints TAP.
set -u
cd "$(dirname "$0")/../.."
NF=bin/netfuzz
W=tests/tools/bsd_dump.py
tmp=$(mktemp -d "${TMPDIR:-/tmp}/nf-route-bsd.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
python3 "$W" probes > "$tmp/probes" && [ -s "$tmp/probes" ] || { echo "not ok route_bsd_dumps: no probes"; exit 0; }
for os in darwin darwin2 freebsd; do
  if ! python3 "$W" write "$os" "$tmp/$os" 2>"$tmp/err" || [ ! -s "$tmp/$os" ]; then
    echo "not ok route_bsd_dumps $os: the writer produced no dump: $(head -c 200 "$tmp/err")"; continue
  fi
  # detection must pick the ABI by itself
  "$NF" routes --json "$tmp/$os" > "$tmp/$os.json" 2>"$tmp/err"; rc=$?
  if [ $rc -ne 0 ]; then echo "not ok route_bsd_dumps $os: netfuzz routes exit $rc: $(head -c 300 "$tmp/err")"; continue; fi
  # exit 1 is expected: the blackhole probe answers EINVAL
  "$NF" routes lookup "@$tmp/probes" --format "$os" --json "$tmp/$os" > "$tmp/$os.lookup" 2>"$tmp/err"
  if out=$(python3 "$W" check "$os" "$tmp/$os.json" "$tmp/$os.lookup"); then
    echo "ok route_bsd_dumps $(printf '%s\n' "$out" | tail -1)"
  else
    echo "not ok route_bsd_dumps $(printf '%s\n' "$out" | tail -1)"
    printf '%s\n' "$out" | grep '^#'
  fi
done
