#!/usr/bin/env bash
# Rebuild the planted-bug crash set (tests/triage-crashes/planted_radiotap/)
# from libFuzzer campaigns of the test-only target tests/targets/
# planted_radiotap.c.  Usage: bench/triage/gen-planted-crashes.sh [PER_BUG] [RUNS]
#
# With all three bugs in, bug 3 (any present bit 19..28) is hit first by
# nearly every run, so bugs 1 and 2 come out a few times each.  So the
# target is also built once per bug with -DPLANTED_ONLY=N (the other two
# fixed), and each build is fuzzed from successive -seed values, every run
# stopping at its first crash, until PER_BUG (default 20) distinct crash
# files of that bug exist.  A file counts for bug N only if the FULL target
# (all bugs in, as make check runs it) still crashes in bug N: checked with
# bin/netfuzz triage, by top frame and size-blind type.  Each bug also gets
# at least MIN_PATH (default 4) files through each of its two callers
# (dissect_capture, dissect_tunnel: the third state frame).
# Deterministic per seed only on an idle machine (libFuzzer's -seed fixes the
# mutation order; -max_total_time does not), so the committed set is a
# sample, not a golden file: the tests check properties, not exact files.
set -eu
cd "$(dirname "$0")/../.."
per_bug=${1:-20}
max_runs=${2:-300}
min_path=${MIN_PATH:-4}
out=tests/triage-crashes/planted_radiotap
b=build/libfuzzer-address
make -s "$b/planted_radiotap" bin/netfuzz >&2
mkdir -p "$out"
tmp=$(mktemp -d /tmp/nf-planted.XXXX)
trap 'rm -rf "$tmp"' EXIT
# the compile and link lines of the Makefile's libFuzzer build, plus -D
cflags="-Iinclude -Itargets -D_GNU_SOURCE -isystem $b/deps/include -DNF_FUZZ_BINARY -g -O1
  -fno-omit-frame-pointer -gline-tables-only -fsanitize=address,undefined -fno-sanitize-recover=undefined
  -DNF_OUT_OUTOFLINE -DNF_SINK_EVERY=8"
libs="-L$b/deps/lib -Wl,--as-needed -lpcap -lssl -lcrypto -lmnl -ljansson -lm -ldl -lpthread -Wl,--no-as-needed"

# "bug caller count" for the crash files under $1, by the full target's report
bugs_of() {
  bin/netfuzz triage "$1" --target planted_radiotap --runs 1 --minimize-seconds 0 --json 2>/dev/null |
    python3 -c '
import json, sys
for x in json.load(sys.stdin)["buckets"]:
    top = x["crash_state"].split("\n")[0]; kind = x["crash_type"].split("\n")[0]
    bug = {("rt_presence", "Stack-buffer-overflow"): 1, ("rt_presence", "Heap-buffer-overflow"): 2,
           ("rt_fields", "Index-out-of-bounds"): 3}.get((top, kind), 0)
    print(bug, x["crash_state"].split("\n")[-1], x["count"])' || true
}

count() { # count BUG [CALLER] over the committed set ($tmp/set, from bugs_of)
  awk -v n="$1" -v c="${2:-}" '$1 == n && (c == "" || $2 == c) { s += $3 } END { print s + 0 }' "$tmp/set"
}
bugs_of "$out" >"$tmp/set"
for bug in 1 2 3; do
  have=$(count $bug); cap=$(count $bug dissect_capture); tun=$(count $bug dissect_tunnel)
  echo "bug $bug: $have file(s) already ($cap capture, $tun tunnel)" >&2
  [ "$have" -ge "$per_bug" ] && [ "$cap" -ge "$min_path" ] && [ "$tun" -ge "$min_path" ] && continue
  clang $cflags -DPLANTED_ONLY=$bug -fsanitize=fuzzer-no-link -c tests/targets/planted_radiotap.c -o "$tmp/p.o"
  clang -fsanitize=address,undefined -fsanitize=fuzzer "$tmp/p.o" "$b/obj/libnetfuzz.a" $libs -o "$tmp/only$bug"
  for s in $(seq 1 "$max_runs"); do
    rm -rf "$tmp/corpus" "$tmp/new"; mkdir -p "$tmp/new/crashes/planted_radiotap"
    # a caller still short of files gets a campaign seeded with its own
    # seeds only (from the full seed set libFuzzer reached bug 1 through
    # dissect_tunnel in none of 300 runs)
    mkdir -p "$tmp/corpus"
    if [ "$have" -ge "$per_bug" ] && [ "$tun" -lt "$min_path" ]; then seeds=tunnel
    elif [ "$have" -ge "$per_bug" ] && [ "$cap" -lt "$min_path" ]; then seeds=capture
    else seeds=; fi
    cp tests/corpora/planted_radiotap/"$seeds"* "$tmp/corpus/"
    "$tmp/only$bug" -seed="$s" -max_total_time=10 -max_len=512 \
      -artifact_prefix="$tmp/new/crashes/planted_radiotap/" "$tmp/corpus" >"$tmp/log" 2>&1 || true
    f=$(ls "$tmp/new/crashes/planted_radiotap" | head -1)
    [ -n "$f" ] && [ ! -e "$out/$f" ] || continue
    read -r got caller _ < <(bugs_of "$tmp/new/crashes/planted_radiotap")
    [ "$got" = "$bug" ] || continue
    case "$caller" in
      dissect_capture) [ "$have" -lt "$per_bug" ] || [ "$cap" -lt "$min_path" ] || continue; cap=$((cap + 1)) ;;
      dissect_tunnel) [ "$have" -lt "$per_bug" ] || [ "$tun" -lt "$min_path" ] || continue; tun=$((tun + 1)) ;;
      *) continue ;;
    esac
    cp "$tmp/new/crashes/planted_radiotap/$f" "$out/"
    have=$((have + 1))
    echo "bug $bug: $have ($f, $(stat -c %s "$out/$f") bytes, $caller, seed $s)" >&2
    [ "$have" -ge "$per_bug" ] && [ "$cap" -ge "$min_path" ] && [ "$tun" -ge "$min_path" ] && break
  done
done
ls "$out" | wc -l
