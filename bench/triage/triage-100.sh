#!/usr/bin/env bash
# The issue-16 speed figure: `netfuzz triage` of 100 crash files with
# --minimize-seconds 0 (default --runs 3), goal under 30 s.  The files are
# the first 100 (by name) of tests/triage-crashes/planted_radiotap/.
# Prints wall and CPU seconds (user+sys of netfuzz and the target processes
# it waited for; llvm-symbolizer grandchildren are not counted), the load
# average before and after, and the commit.  Exit 1 if triage failed or
# did not count 100 inputs.  Usage: bench/triage/triage-100.sh
set -eu
cd "$(dirname "$0")/../.."
make -s bin/netfuzz >&2
tmp=$(mktemp -d /tmp/nf-triage100.XXXX)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/crashes/planted_radiotap"
ls tests/triage-crashes/planted_radiotap | head -100 |
  while read -r f; do cp "tests/triage-crashes/planted_radiotap/$f" "$tmp/crashes/planted_radiotap/"; done
bin/netfuzz triage "$tmp/crashes/planted_radiotap/$(ls "$tmp/crashes/planted_radiotap" | head -1)" \
  --runs 1 --minimize-seconds 0 >/dev/null 2>&1 || true # builds the standalone target if stale
load0=$(cut -d' ' -f1-3 /proc/loadavg)
rc=0
/usr/bin/time -f "%e %U %S" -o "$tmp/time" bin/netfuzz triage "$tmp/crashes" --minimize-seconds 0 --json \
  >"$tmp/out.json" 2>"$tmp/err" || rc=$?
load1=$(cut -d' ' -f1-3 /proc/loadavg)
[ "$rc" = 1 ] || { echo "triage exited $rc: $(tail -3 "$tmp/err")" >&2; exit 1; }
n=$(python3 -c 'import json,sys; print(sum(b["count"] for b in json.load(open(sys.argv[1]))["buckets"]))' "$tmp/out.json")
[ "$n" = 100 ] || { echo "triage counted $n of 100 inputs" >&2; exit 1; }
read -r wall user sys < <(tail -1 "$tmp/time") # -o also notes a non-zero exit
echo "triage of 100 crash files (--runs 3 --minimize-seconds 0): wall ${wall} s, CPU $(python3 -c "print(round($user + $sys, 2))") s (user $user, sys $sys); load $load0 -> $load1; commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src cli include || echo +dirty); $(nproc) cores"
