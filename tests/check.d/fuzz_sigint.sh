#!/usr/bin/env bash
# Ctrl-C of a campaign (moved out of triage_loop.sh so it runs beside the
# other scripts): SIGINT stops the engine and every child, and netfuzz still
# prints the summary, marked (interrupted).  On the crash-heavy test target
# nf_buggy.  Ctrl-C comes after the first progress line: sent in the
# first seconds (the old triage_loop.sh slept 4 s) the engine went on for
# ~20 s at load 10, until netfuzz's SIGKILL 20 s after SIGINT; after the
# first progress line it stops in ~3 s.  The check allows 30 s.
# Prints TAP lines.
set -u
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d "${TMPDIR:-/tmp}/nf-fuzz-sigint.$$.XXXX")
trap 'rm -rf "$tmp"' EXIT
bin/netfuzz fuzz nf_buggy --seconds 120 --out "$tmp/int" >"$tmp/int.out" 2>"$tmp/int.err" &
pid=$!
# Ctrl-C once the campaign runs (its first progress line), not during setup
for _ in $(seq 1 300); do grep -q '\[ *[0-9]*s/120s\]' "$tmp/int.err" 2>/dev/null && break; sleep 0.1; done
t0=$SECONDS
kill -INT $pid
for _ in $(seq 1 150); do kill -0 $pid 2>/dev/null || break; sleep 0.2; done
if kill -0 $pid 2>/dev/null; then
  kill -KILL $pid; echo "not ok triage_loop SIGINT: still running 30 s after Ctrl-C"
else
  wait $pid
  if grep -q '(interrupted)' "$tmp/int.out" && grep -q '^TARGET' "$tmp/int.out" &&
     ! pgrep -f "$tmp/int" >/dev/null; then
    echo "ok triage_loop SIGINT stops every child and prints the summary ($((SECONDS - t0)) s after Ctrl-C)"
  else
    echo "not ok triage_loop SIGINT: $(tail -3 "$tmp/int.out" | tr '\n' ' ') $(tail -2 "$tmp/int.err")"
  fi
fi
