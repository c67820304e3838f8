#!/usr/bin/env bash
# Rebuild the planted-bug crash set (tests/triage-crashes/planted_radiotap/):
# many short libFuzzer runs of the test-only target tests/targets/
# planted_radiotap.c, each from a different -seed and stopping at its first
# crash, so the set holds crashes of every planted bug, of several sizes and
# through both call paths.  Usage: bench/triage/gen-planted-crashes.sh [RUNS]
# Deterministic per seed only on an idle machine (libFuzzer's -seed fixes the
# mutation order; -max_total_time does not), so the committed set is a sample,
# not a golden file: the tests check properties, not exact files.
set -eu
cd "$(dirname "$0")/../.."
runs=${1:-200}
out=tests/triage-crashes/planted_radiotap
make -s build/libfuzzer-address/planted_radiotap >&2
mkdir -p "$out"
tmp=$(mktemp -d /tmp/nf-planted.XXXX)
trap 'rm -rf "$tmp"' EXIT
for s in $(seq 1 "$runs"); do
  rm -rf "$tmp/corpus"; cp -r tests/corpora/planted_radiotap "$tmp/corpus"
  build/libfuzzer-address/planted_radiotap -seed="$s" -max_total_time=10 -max_len=512 \
    -artifact_prefix="$out/" "$tmp/corpus" >"$tmp/log" 2>&1 || true
done
ls "$out" | wc -l
