#!/usr/bin/env bash
# Socket programs (issue 23, docs/sockets.md), through the standalone ASan
# build of sock_udp:
#   1. model vs kernel on the committed seeds: no divergence;
#   2. one injected fault (libnetfault swallow-first-sendto) is found by a
#      short bounded replay of a committed seed: trap with the rule;
#   3. malformed programs (deterministic random bytes, truncated records,
#      unknown opcodes) replay with exit 0 or the divergence trap, never a
#      hang or another crash, through the target and `netfuzz replay`;
#   4. without a namespace (NF_SOCK_NO_NETNS=1) one sentence, then the
#      seeds run on loopback only;
#   5. the fd count after 100,000 executions and determinism
#      (build/standalone-address/tests/test_sock_exec, also a unit test).
set -u
cd "$(dirname "$0")/../.."
B=build/standalone-address
bin=$B/sock_udp
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
if [ ! -x "$bin" ]; then echo "not ok sock_udp: $bin not built"; exit 0; fi
n=$(ls corpora/sock_udp | wc -l)

if out=$(timeout 60 "$bin" corpora/sock_udp 2>&1); then
  echo "ok sock_udp model vs kernel: $n committed seeds, no divergence"
else
  echo "not ok sock_udp model vs kernel: the seeds diverge"; printf '%s\n' "$out" | grep -A12 "netfuzz oracle" | head -20 >&2
fi

shim=build/libnetfault.so
[ -f "$shim" ] || make -s "$shim" >/dev/null 2>&1
if [ ! -f "$shim" ]; then
  echo "not ok sock_udp fault: $shim missing"
else
  # timeout first: the shim removes LD_PRELOAD from its own process's children
  err=$(timeout 20 env NETFAULT_SWALLOW_SENDTO=1 LD_PRELOAD=$PWD/$shim "$bin" corpora/sock_udp/udp4-loopback 2>&1); rc=$?
  if [ $rc -eq 132 ] && grep -q "netfuzz oracle sock-model: divergence" <<<"$err" && grep -q "^  rule [A-Z]" <<<"$err" && grep -q "^  cite: " <<<"$err"; then
    echo "ok sock_udp fault: swallow-first-sendto found by replaying a seed (trap, rule $(sed -n 's/^  rule \([A-Z0-9-]*\):.*/\1/p' <<<"$err"))"
  else
    echo "not ok sock_udp fault: swallow-first-sendto: exit $rc, expected 132 with a rule and a citation"
  fi
fi

tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
python3 - "$tmp" <<'PY'
import os, random, sys
out = sys.argv[1]; r = random.Random(23)
for i in range(150):
    n = r.choice([0, 1, 5, 6, 7, 35, 36, 200, 287, 288, 289, 600])
    data = bytes(r.randrange(256) for _ in range(n))
    if i % 3 == 0:  # mostly valid opcodes and slots, wild arguments
        data = bytes((b % 9 if j % 6 == 0 else b % 5 if j % 6 == 1 else b) for j, b in enumerate(data))
    open(os.path.join(out, "m%03d" % i), "wb").write(data)
PY
bad=0 traps=0 ran=0
for f in "$tmp"/m*; do
  timeout 20 "$bin" "$f" >/dev/null 2>"$tmp/err"; rc=$?
  ran=$((ran + 1))
  if [ $rc -eq 0 ]; then :;
  elif [ $rc -eq 132 ] && grep -q "netfuzz oracle sock-model" "$tmp/err"; then traps=$((traps + 1)); cp "$f" "$tmp/trap-$(basename "$f")"
  else bad=$((bad + 1)); echo "# $(basename "$f"): exit $rc" >&2; fi
done
if [ $bad -eq 0 ]; then
  echo "ok sock_udp malformed programs: $ran replayed, exit 0 or the divergence trap ($traps traps), no hang"
else
  echo "not ok sock_udp malformed programs: $bad of $ran ended otherwise (hang or crash)"
fi
if [ -x bin/netfuzz ]; then
  timeout 120 bin/netfuzz replay sock_udp "$tmp"/m0[0-4]* >/dev/null 2>&1; rc=$?
  if [ $rc -eq 0 ] || [ $rc -eq 1 ]; then
    echo "ok sock_udp netfuzz replay of malformed programs: exit $rc (0 ran, 1 findings)"
  else
    echo "not ok sock_udp netfuzz replay of malformed programs: exit $rc"
  fi
else
  echo "ok sock_udp netfuzz replay # SKIP bin/netfuzz not built"
fi

err=$(NF_SOCK_NO_NETNS=1 timeout 60 "$bin" corpora/sock_udp 2>&1); rc=$?
lines=$(grep -c "^netfuzz sock: no network namespace" <<<"$err")
if [ $rc -eq 0 ] && [ "$lines" = 1 ]; then
  echo "ok sock_udp loopback only: one sentence, seeds run without a divergence"
else
  echo "not ok sock_udp loopback only: exit $rc, $lines sentences"
fi

t=$B/tests/test_sock_exec
if [ -x "$t" ]; then
  out=$("$t" 2>&1); rc=$?
  fd=$(grep -o "sock: [0-9]* executions, open fds [0-9]* before, [0-9]* after" <<<"$out")
  if [ $rc -eq 0 ] && [ -n "$fd" ]; then echo "ok sock_udp fd count and determinism: $fd"
  else echo "not ok sock_udp fd count and determinism: exit $rc"; printf '%s\n' "$out" | tail -5 >&2; fi
else
  echo "not ok sock_udp fd count: $t not built"
fi
