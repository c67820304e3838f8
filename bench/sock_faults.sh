#!/usr/bin/env bash
# bench/sock_faults.sh [FAULT...]: issue 23's figures for the sock_udp target.
#   - per UDP fault of `netfuzz regress --list-faults`: time from start to
#     the first divergence (the libFuzzer build, structure mutator, the
#     committed seeds, no repro among them), RUNS runs (default 3), median,
#     with the rule and op each run trapped on;
#   - per fault, the first run's divergence minimized by
#     `netfuzz triage --inject FAULT --runs 1` (bounded: TRIAGE_S seconds
#     of minimization, default 10): the program in hex (6-byte records
#     "op slot a b c d", docs/sockets.md), bytes before -> after, and the
#     op/rule state it still diverges on;
#   - exec/s with no fault (30 s, libFuzzer + ASan, one core) and the
#     divergences such a run reports (expected: none).
# The fault is applied as `netfuzz fuzz --inject` applies it: libnetfault
# preloaded (kept in the fork jobs) or, for a kernel fault, handed to the
# target, which loads it in its own namespace.  Prints the commit and the
# load beside every figure.  BUDGET=seconds per run (default 90).
set -u
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3} BUDGET=${BUDGET:-90} TRIAGE_S=${TRIAGE_S:-10}
bin=build/libfuzzer-address/sock_udp
make -s -j2 ENGINE=libfuzzer SANITIZER=address "$bin" >/dev/null && make -s cli >/dev/null || exit 1
tmp=$(mktemp -d /tmp/nf-sockbench.XXXXXX); trap 'rm -rf "$tmp"' EXIT
export ASAN_OPTIONS=detect_leaks=0:symbolize=0 NETFUZZ_MUTATOR=structure
commit=$(git rev-parse --short HEAD)
echo "# bench/sock_faults.sh at $commit on $(uname -sr), $(nproc) cores; RUNS=$RUNS BUDGET=${BUDGET}s TRIAGE_S=${TRIAGE_S}s"

# The variables `--inject FAULT` gives the target, read from netfuzz itself
# (regress --list-faults --json: target_env), so the bench applies each
# fault exactly as `netfuzz fuzz --inject` does.
bin/netfuzz regress --list-faults --json >"$tmp/faults.json" || exit 1
fault_env() { # FAULT -> VAR=value words for env(1)
  python3 -c 'import json, sys
env = {f["name"]: f["target_env"] for f in json.load(open(sys.argv[1]))}
if not env.get(sys.argv[2]):
    sys.exit("bench/sock_faults.sh: no fault %r applies to a socket target (netfuzz regress --list-faults)" % sys.argv[2])
print(" ".join(env[sys.argv[2]]))' "$tmp/faults.json" "$1"
}

one_run() { # FAULT RUN -> "seconds rule op artifact" or "none"
  local f=$1 k=$2 e t0 t1 log=$tmp/$1.$2.log art=$tmp/art.$1.$2
  rm -rf "$tmp/c" "$art" && mkdir -p "$tmp/c" "$art" && cp corpora/sock_udp/* "$tmp/c/"
  e=$(fault_env "$f")
  t0=$(date +%s.%N)
  # shellcheck disable=SC2086
  timeout $((BUDGET + 30)) env $e "$bin" -max_total_time="$BUDGET" -seed="$k" -dict=targets/sock_udp.dict \
    -max_len=288 -artifact_prefix="$art/" "$tmp/c" >"$log" 2>&1
  t1=$(date +%s.%N)
  if grep -q "netfuzz oracle sock-model" "$log"; then
    printf '%.1f %s %s %s\n' "$(echo "$t1 - $t0" | bc)" "$(sed -n 's/^  state: sock-model \([a-z]*\) \(.*\)/\2/p' "$log" | head -1)" \
      "$(sed -n 's/^  state: sock-model \([a-z]*\) .*/\1/p' "$log" | head -1)" "$(ls "$art"/crash-* 2>/dev/null | head -1)"
  else
    echo none
  fi
}

faults=("$@")
[ ${#faults[@]} -gt 0 ] || faults=(swallow-first-sendto zero-len-error v6only-forced-on v6only-forced-off
  hide-econnrefused send-unconnected-ok strip-msg-trunc ignore-reuseport ignore-mcast-loop
  drop-first-udp drop-icmp-unreach drop-empty-udp drop-multicast-udp bindv6only)
for f in "${faults[@]}"; do fault_env "$f" >/dev/null || exit 2; done # a typo is not a fault-free run
# The first divergence of a fault, minimized under that fault; one line.
minimize() { # FAULT ARTIFACT
  local f=$1 a=$2 t0 t1 rc
  t0=$(date +%s.%N)
  timeout $((TRIAGE_S + 120)) bin/netfuzz triage "$a" --target sock_udp --inject "$f" --runs 1 \
    --minimize-seconds "$TRIAGE_S" --json >"$tmp/tri.json" 2>"$tmp/tri.err"; rc=$?
  t1=$(date +%s.%N)
  if ! python3 - "$tmp/tri.json" "$rc" "$(echo "$t1 - $t0" | bc)" "$(cut -d' ' -f1 /proc/loadavg)" 2>"$tmp/py.err" <<'PY'

import json, sys
d = json.load(open(sys.argv[1])); rc, secs, load = int(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
g = d["groups"]
assert rc == 1 and len(g) == 1, f"exit {rc}, {len(g)} groups"
g = g[0]
path = g.get("minimized_input") or g["smallest_input"]
prog = open(path, "rb").read()
recs = " ".join(prog[i:i + 6].hex() for i in range(0, len(prog) - len(prog) % 6, 6))
b = [x for x in d["buckets"] if x["signature"] == g["signature"]][0]
same = b.get("minimized_signature", g["signature"]) == g["signature"]
assert same, f"the minimized input diverges on another rule ({b.get('minimized_signature')})"
print(f"  minimized: {g['smallest_size']} -> {len(prog)} bytes, {len(prog) // 6} calls, state '{g['crash_state']}'"
      f" (kept), triage {secs:.1f} s, load {load}: {recs}")
PY
  then echo "  minimized: FAILED: triage exit $rc: $(tail -1 "$tmp/py.err") $(tail -1 "$tmp/tri.err")"; bad=$((bad + 1)); fi
}
bad=0

printf '%-22s %8s  %-40s %s\n' FAULT MEDIAN_S "RUNS (seconds rule/op)" LOAD
for f in "${faults[@]}"; do
  [ "$f" = none ] && continue
  ts=() desc="" first=""
  for k in $(seq 1 "$RUNS"); do
    r=$(one_run "$f" "$k")
    if [ "$r" = none ]; then ts+=(99999); desc+=" >${BUDGET}s"
    else set -- $r; ts+=("$1"); desc+=" $1s:$2/$3"; [ -n "$first" ] || first=${4:-}; fi
  done
  med=$(printf '%s\n' "${ts[@]}" | sort -g | sed -n "$(( (RUNS + 1) / 2 ))p")
  [ "$med" = 99999 ] && med=">$BUDGET"
  printf '%-22s %8s  %-40s load %s\n' "$f" "$med" "$desc" "$(cut -d' ' -f1 /proc/loadavg)"
  if [ -n "$first" ]; then minimize "$f" "$first"; else echo "  minimized: no divergence to minimize"; fi
done

if [ "${NOFAULT:-1}" = 1 ]; then
  rm -rf "$tmp/c" && mkdir -p "$tmp/c" && cp corpora/sock_udp/* "$tmp/c/"
  timeout 90 "$bin" -max_total_time=30 -dict=targets/sock_udp.dict -max_len=288 -print_final_stats=1 \
    -artifact_prefix="$tmp/" "$tmp/c" >"$tmp/nofault.log" 2>&1
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$tmp/nofault.log")
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$tmp/nofault.log")
  div=$(grep -c "netfuzz oracle sock-model" "$tmp/nofault.log")
  echo "no fault: ${execs:-0} executions in 30 s, ${rate:-0} exec/s (libFuzzer+ASan, 1 core), divergences: $div, load $(cut -d' ' -f1 /proc/loadavg)"
  # The model must be exact with no fault: a divergence here is a model
  # bug (or a kernel rule missing), and every fault's figure above may be
  # that bug rather than the fault.
  if [ "$div" != 0 ]; then
    echo "no fault: divergence on '$(sed -n 's/^  state: sock-model //p' "$tmp/nofault.log" | head -1)': the figures above are not valid"
    bad=$((bad + 1))
  fi
fi
[ $bad -eq 0 ] || { echo "$bad check(s) failed: a minimization, or a divergence with no fault" >&2; exit 1; }
