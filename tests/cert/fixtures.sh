#!/usr/bin/env bash
# tests/cert/fixtures.sh OUTDIR: the certificate fixtures of
# tests/cert/gen_fixtures.sh in OUTDIR, generated once per version of that
# script and of openssl, then copied (three check scripts use them; each
# generation is ~400 openssl runs, 11 s at load 13).  The shared copy lives
# in build/cert-fixtures/<key>/ (keys are test-only, made at test time,
# never committed), made under a lock so scripts running side by side
# generate it once.  Exit status and output as gen_fixtures.sh's.
set -euo pipefail
out=$1
here=$(cd "$(dirname "$0")/../.." && pwd)
key=$( { cat "$here/tests/cert/gen_fixtures.sh"; openssl version; } | sha256sum | cut -c1-16)
cache=$here/build/cert-fixtures
mkdir -p "$cache" "$out"
exec 9>"$cache/.lock"
flock 9
if [ ! -f "$cache/$key/.complete" ]; then
  rm -rf "$cache/$key" "$cache/$key.tmp"
  "$here/tests/cert/gen_fixtures.sh" "$cache/$key.tmp"
  touch "$cache/$key.tmp/.complete"
  mv "$cache/$key.tmp" "$cache/$key"
fi
flock -u 9
cp -a "$cache/$key"/. "$out"/
rm -f "$out/.complete"
