#!/usr/bin/env bash
# netfuzz list / replay: the CLI contract (exit codes 0/1/2, clear messages).
set -u
cd "$(dirname "$0")/../.."
NF=bin/netfuzz
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

t() { # name, expected exit code, expected stderr substring, command...
  local name=$1 want=$2 msg=$3; shift 3
  "$@" >"$tmp/out" 2>"$tmp/err"; local rc=$?
  if [ "$rc" -ne "$want" ]; then echo "not ok $name: exit $rc, expected $want ($(head -c 300 "$tmp/err"))"
  elif [ -n "$msg" ] && ! grep -qF -- "$msg" "$tmp/err"; then echo "not ok $name: stderr lacks '$msg'"
  else echo "ok $name"; fi
}

t "list names frame_ether" 0 "" $NF list
grep -q '^frame_ether  *frame ' "$tmp/out" || echo "not ok list output lacks frame_ether row"
t "replay corpus" 0 "" $NF replay frame_ether corpora/frame_ether
t "replay unknown target" 2 "unknown target 'nope'" $NF replay nope corpora/frame_ether
t "replay missing file" 2 "cannot read $tmp/missing: No such file or directory" $NF replay frame_ether "$tmp/missing"
mkdir "$tmp/dir"; printf 'x' >"$tmp/dir/a"; ln -s "$tmp/nowhere" "$tmp/dir/b"; mkfifo "$tmp/dir/c"
t "replay dir with unreadable entries" 2 "2 input(s) unreadable; nothing was run" $NF replay frame_ether "$tmp/dir"
t "replay usage" 2 "usage: netfuzz replay [--inject FAULT] TARGET FILE|DIR..." $NF replay frame_ether
t "unknown command" 2 "unknown command 'frobnicate'" $NF frobnicate

# A crash is reported with the input that caused it: a test-only target with
# an off-by-one over-read on a magic input (tests/targets/nf_overread.c).
make -s --no-print-directory ENGINE=standalone SANITIZER=address build/standalone-address/nf_overread >/dev/null 2>&1
printf 'ok' >"$tmp/fine"; printf 'BOOM' >"$tmp/boom"
NETFUZZ_ROOT=$PWD build/standalone-address/nf_overread "$tmp/fine" >/dev/null 2>&1 &&
  echo "ok standalone driver runs a clean input" || echo "not ok standalone driver failed a clean input"
NETFUZZ_QUIET= env -u NETFUZZ_QUIET build/standalone-address/nf_overread "$tmp/fine" "$tmp/boom" >"$tmp/out" 2>"$tmp/err"; rc=$?
if [ $rc -ne 0 ] && grep -q 'heap-buffer-overflow' "$tmp/err" && grep -q "Running: $tmp/boom" "$tmp/err"; then
  echo "ok crash names the input (exit $rc)"
else
  echo "not ok crash not detected or input not named (exit $rc)"
fi
# The same through the CLI: a fake project root whose frame_ether binary is
# the over-reading test target, so the CLI's attribution is exercised.
mkdir -p "$tmp/root/build/standalone-address"
ln -s "$PWD/build/standalone-address/nf_overread" "$tmp/root/build/standalone-address/frame_ether"
t "replay reports the crashing input" 1 "frame_ether crashed on input $tmp/boom (exit code" \
  env NETFUZZ_ROOT="$tmp/root" $NF replay frame_ether "$tmp/fine" "$tmp/boom"
grep -q 'AddressSanitizer: heap-buffer-overflow' "$tmp/err" && echo "ok replay passes the sanitizer report through" ||
  echo "not ok replay lost the sanitizer report"
