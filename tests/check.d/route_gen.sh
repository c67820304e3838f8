#!/usr/bin/env bash
# tests/tools/route_gen (the route seeds' and bench/routes.sh's dump writer)
# builds, and writes exactly the committed route seeds: a seed edited by
# hand, or a generator that no longer links or no longer matches the
# encoder, fails here instead of in a benchmark.  Prints TAP.
set -u
cd "$(dirname "$0")/../.."
TMP=$(mktemp -d "${TMPDIR:-/tmp}/nf-route-gen.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

if ! make -s --no-print-directory build/tools/route_gen >"$TMP/build.log" 2>&1; then
  echo "not ok route_gen builds: $(tail -3 "$TMP/build.log" | tr '\n' ' ')"
  exit 0
fi
echo "ok route_gen builds"
if ! build/tools/route_gen seeds "$TMP/corpora" >"$TMP/gen.log" 2>&1; then
  echo "not ok route_gen seeds: exit $? $(tail -2 "$TMP/gen.log" | tr '\n' ' ')"
  exit 0
fi
n=0 bad=0
for f in "$TMP"/corpora/*/*; do
  rel=${f#"$TMP"/}
  n=$((n + 1))
  if [ ! -f "$rel" ]; then echo "not ok route_gen $rel: written but not committed"; bad=1
  elif ! cmp -s "$f" "$rel"; then echo "not ok route_gen $rel: differs from the committed seed"; bad=1; fi
done
if [ $n -eq 0 ]; then echo "not ok route_gen seeds: wrote no file"
elif [ $bad -eq 0 ]; then echo "ok route_gen seeds: $n files, each equal to the committed seed"; fi
