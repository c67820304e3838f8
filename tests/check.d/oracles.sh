#!/usr/bin/env bash
# Differential oracles (issue 14, docs/oracles.md).  Per oracle, through the
# standalone ASan build of a target that runs it, on its committed seeds:
#   1. clean: the seeds replay with the oracle on and nothing traps;
#   2. corrupted: NF_ORACLE_CORRUPT=<oracle> makes the oracle compare a
#      deliberately wrong model value; the process must die by the trap
#      (SIGILL from __builtin_trap) after printing both sides;
#   3. off: the same with NF_ORACLE=0 must not trap (the cost switch works).
# If an oracle compared nothing on the seeds, step 2 fails.
set -u
cd "$(dirname "$0")/../.."
B=build/standalone-address
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} NETFUZZ_QUIET=1

# oracle  target  text printed for our side, then the other side ("+" = space)
cases=(
  "frame frame_ether netfuzz+model libpcap+pcap_offline_filter"
  "frame pcap_file netfuzz+model libpcap+pcap_offline_filter"
  "frame frame_radiotap netfuzz+model libpcap+pcap_offline_filter"
  "cert x509_der netfuzz+model OpenSSL"
  "route-lookup rtnetlink nf_route_lookup naive+scan"
  "route-roundtrip rtnetlink decoded: re-decoded:"
  "route-roundtrip rtmsg_darwin decoded: re-decoded:"
  "route-roundtrip rtmsg_freebsd decoded: re-decoded:"
)
for c in "${cases[@]}"; do
  read -r o t ours theirs <<<"$c"
  ours=${ours//+/ } theirs=${theirs//+/ }
  bin=$B/$t
  if [ ! -x "$bin" ]; then echo "not ok oracle $o ($t): $bin not built"; continue; fi
  if "$bin" "corpora/$t" >/dev/null 2>&1; then
    echo "ok oracle $o ($t): seeds replay clean with the oracle on"
  else
    echo "not ok oracle $o ($t): seeds trap or fail with the oracle on"
  fi
  err=$(NF_ORACLE_CORRUPT=$o "$bin" "corpora/$t" 2>&1 >/dev/null); rc=$?
  if [ $rc -eq 132 ] && grep -q "netfuzz oracle" <<<"$err" && grep -qF "$ours" <<<"$err" && grep -qF "$theirs" <<<"$err"; then
    echo "ok oracle $o ($t): a wrong model value traps and prints both sides"
  else
    echo "not ok oracle $o ($t): corrupted model: exit $rc, expected 132 (SIGILL) with '$ours' and '$theirs' on stderr"
    printf '%s\n' "$err" | head -5 >&2
  fi
  if NF_ORACLE=0 NF_ORACLE_CORRUPT=$o "$bin" "corpora/$t" >/dev/null 2>&1; then
    echo "ok oracle $o ($t): NF_ORACLE=0 turns it off"
  else
    echo "not ok oracle $o ($t): NF_ORACLE=0 still traps"
  fi
done

# Documented library differences (docs/oracles.md rules): inputs that once
# trapped because the oracle compared past what the library prints.  Each
# must replay clean; without its rule it traps (tests/data/oracle-rules/).
for f in tests/data/oracle-rules/*/*; do
  t=$(basename "$(dirname "$f")") r=$(basename "$f")
  if "$B/$t" "$f" >/dev/null 2>&1; then echo "ok oracle rule $t $r: replays clean"
  else echo "not ok oracle rule $t $r: traps (exit $?): the rule in docs/oracles.md is not applied"; fi
done

# netfuzz list names the oracles a target runs: its NF_META oracles line
# must match the source (a target calling an oracle, or using route_common.h).
if [ -x bin/netfuzz ]; then
  for f in targets/*.c; do
    t=$(basename "$f" .c)
    runs=no
    grep -qE 'nf_oracle_(frame|cert)\(|route_common\.h|nf_sock_trap\(' "$f" && runs=yes
    listed=no
    bin/netfuzz list | grep -E "^$t " | grep -q '\[oracles:' && listed=yes
    if [ $runs = $listed ]; then echo "ok oracle list $t: oracles listed=$listed"
    else echo "not ok oracle list $t: source runs an oracle=$runs, netfuzz list says $listed"; fi
    # a target that prints certificate JSON (jansson) says it fuzzes jansson
    if grep -qE 'cert_sink\.h|nf_cert_print_json' "$f"; then
      if bin/netfuzz list | grep -E "^$t " | grep -q 'jansson '; then
        echo "ok oracle list $t: jansson listed"
      else echo "not ok oracle list $t: builds jansson objects but netfuzz list names no jansson"; fi
    fi
    # a route target over a binary format (one with an encoder) runs the round trip
    if grep -q 'route_common\.h' "$f" && ! grep -q 'NF_RTFMT_PROC' "$f"; then
      if bin/netfuzz list | grep -E "^$t " | grep -q 'route-roundtrip'; then
        echo "ok oracle list $t: route-roundtrip listed"
      else echo "not ok oracle list $t: encodes its format but netfuzz list names no route-roundtrip"; fi
    fi
  done
else
  echo "not ok oracle list: bin/netfuzz not built"
fi
