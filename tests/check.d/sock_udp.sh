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
#      (build/standalone-address/tests/test_sock_exec, also a unit test);
#   6. a divergence input found by fuzzing under a fault
#      (tests/data/sock_udp/ignore-reuseport-bind) triages with
#      `--inject FAULT` to one Socket-behaviour-divergence group and is
#      filed with its fault; without --inject it does not reproduce; an
#      unknown fault is exit 2 with one message and nothing written;
#   7. every rule traps at one place, so triage keys divergences by their
#      op and rule too: seeds that diverge on two rules under one fault are
#      two buckets (they were one), and minimizing keeps the rule (the
#      dualstack seed under v6only-forced-on had shrunk to another one).
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

# 6. triage and replay under a fault (netfuzz triage|replay --inject).
div=tests/data/sock_udp/ignore-reuseport-bind
if [ ! -x bin/netfuzz ]; then
  echo "ok sock_udp triage --inject # SKIP bin/netfuzz not built"
else
  mkdir -p "$tmp/reg/crashes" "$tmp/reg/os"
  timeout 300 bin/netfuzz triage "$div" --inject ignore-reuseport --runs 1 --minimize-seconds 5 --json --file \
    --regressions-dir "$tmp/reg/crashes" >"$tmp/inj.json" 2>"$tmp/inj.err"; rc=$?
  if why=$(python3 - "$tmp/inj.json" "$rc" "$tmp/reg/os" 2>&1 <<'PY'
import json, os, sys
d = json.load(open(sys.argv[1])); rc = int(sys.argv[2]); osdir = sys.argv[3]
assert rc == 1, f"exit {rc}"
g, b = d["groups"], d["buckets"]
assert len(g) == 1 and len(b) == 1, f"{len(g)} groups, {len(b)} buckets"
assert g[0]["crash_type"] == "Socket-behaviour-divergence", g[0]["crash_type"]
assert b[0]["reproduced"] == 1, b[0]
assert b[0].get("minimized_signature", b[0]["signature"]) == b[0]["signature"], "minimized into another rule"
files = os.listdir(osdir)
assert len(files) == 1 and files[0].endswith(".sockprog"), files
text = open(os.path.join(osdir, files[0])).read()
assert "\nfault: ignore-reuseport\n" in text and "\nexpect: linux: pass\n" in text, text
print(f"state '{g[0]['crash_state']}', {g[0]['smallest_size']} -> {g[0].get('minimized_size', '?')} bytes, filed with 'fault: ignore-reuseport'")
PY
  ); then echo "ok sock_udp triage --inject ignore-reuseport: one Socket-behaviour-divergence group, $why"
  else echo "not ok sock_udp triage --inject ignore-reuseport: $why $(tail -2 "$tmp/inj.err")"; fi

  timeout 120 bin/netfuzz triage "$div" --runs 1 --json >"$tmp/noinj.json" 2>"$tmp/noinj.err"; rc=$?
  ng=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["groups"]))' "$tmp/noinj.json" 2>/dev/null)
  if [ $rc -eq 0 ] && [ "$ng" = 0 ] && grep -q "did not reproduce" "$tmp/noinj.err"; then
    echo "ok sock_udp triage without --inject: the same input does not reproduce (exit 0, 0 groups)"
  else echo "not ok sock_udp triage without --inject: exit $rc, ${ng:-?} groups"; fi

  mkdir -p "$tmp/bad/crashes" "$tmp/bad/os"
  bin/netfuzz triage "$div" --inject no-such-fault --file --regressions-dir "$tmp/bad/crashes" >"$tmp/bad.out" 2>"$tmp/bad.err"; rc=$?
  if [ $rc -eq 2 ] && [ "$(cat "$tmp/bad.err")" = "netfuzz: triage: unknown fault 'no-such-fault' (netfuzz regress --list-faults shows them)" ] &&
     [ ! -s "$tmp/bad.out" ] && [ -z "$(find "$tmp/bad" -type f)" ]; then
    echo "ok sock_udp triage --inject no-such-fault: exit 2, one message, nothing written"
  else echo "not ok sock_udp triage --inject no-such-fault: exit $rc: $(head -2 "$tmp/bad.err")"; fi

  timeout 60 bin/netfuzz replay --inject ignore-reuseport sock_udp "$div" >/dev/null 2>"$tmp/rp.err"; rc1=$?
  timeout 60 bin/netfuzz replay sock_udp "$div" >/dev/null 2>&1; rc0=$?
  bin/netfuzz replay --inject no-such-fault sock_udp "$div" >/dev/null 2>&1; rc2=$?
  if [ $rc1 -eq 1 ] && grep -q "state: sock-model bind BIND" "$tmp/rp.err" && [ $rc0 -eq 0 ] && [ $rc2 -eq 2 ]; then
    echo "ok sock_udp replay --inject: divergence with the fault (exit 1), none without (exit 0), unknown fault exit 2"
  else echo "not ok sock_udp replay --inject: exit $rc1 with, $rc0 without, $rc2 unknown fault"; fi
fi

# 7. one bucket per op + rule, and minimization keeps the rule.
if [ -x bin/netfuzz ]; then
  mkdir -p "$tmp/two/sock_udp" "$tmp/ds/sock_udp"
  cp corpora/sock_udp/connected4 corpora/sock_udp/udp4-loopback corpora/sock_udp/dualstack "$tmp/two/sock_udp/"
  timeout 120 bin/netfuzz triage "$tmp/two/sock_udp" --inject swallow-first-sendto --runs 1 --minimize-seconds 0 --json \
    >"$tmp/two.json" 2>/dev/null
  got=$(python3 -c 'import json,sys; print(sorted((b["crash_state"], b["count"]) for b in json.load(open(sys.argv[1]))["buckets"]))' "$tmp/two.json" 2>&1)
  if [ "$got" = "[('recv DELIVER', 1), ('sendto AUTOBIND', 2)]" ]; then
    echo "ok sock_udp triage buckets by op and rule: 3 seeds under swallow-first-sendto, $got"
  else echo "not ok sock_udp triage buckets by op and rule: $got"; fi
  cp corpora/sock_udp/dualstack "$tmp/ds/sock_udp/"
  timeout 300 bin/netfuzz triage "$tmp/ds/sock_udp" --inject v6only-forced-on --runs 1 --json >"$tmp/ds.json" 2>/dev/null
  got=$(python3 -c 'import json,sys; b=json.load(open(sys.argv[1]))["buckets"][0]; print(b["crash_state"], b["smallest_size"], b.get("minimized_size"), b.get("minimized_signature") == b["signature"])' "$tmp/ds.json" 2>&1)
  case $got in
    "recv DUAL-STACK 36 "*" True") echo "ok sock_udp minimization keeps the rule: dualstack under v6only-forced-on, $got";;
    *) echo "not ok sock_udp minimization keeps the rule: $got";;
  esac
fi
