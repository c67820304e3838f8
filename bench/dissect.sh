#!/usr/bin/env bash
# Throughput of `netfuzz dissect` against tcpdump and tshark, side by side,
# on two generated captures (bench/gen_capture.py):
#   realistic  the issue-11 mix (IPv4 67%/IPv6 25%, DNS 17%, mDNS/TLS/DHCP/
#              VLAN/ARP/ICMP/ICMPv6 8% each, 8% cut by the snap length);
#   classic    the earlier TCP-heavy mix, for comparison with older figures.
#
#   bench/dissect.sh [PACKETS]    default 400,000 (100,000 with BENCH_QUICK=1)
#
# Each reader runs BENCH_RUNS times (default 3), alternately, its output
# piped to a counter: a run that exits non-zero or does not print one line
# per packet (--stats: a "packets N" line equal to the capture's count)
# fails the bench.  Ratios use CPU time (user+sys), which stays honest on a
# shared machine; wall time is shown too.  tshark runs on the first 1/4 of
# the packets only (it is ~50x slower); its row is scaled and marked.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
if bench_quick; then N=${1:-100000}; else N=${1:-400000}; fi
make -s --no-print-directory cli >/dev/null
NF=bin/netfuzz

one_capture() { # MIX
  local mix=$1 cap=$BENCH_TMP/$1.pcap small=$BENCH_TMP/$1-small.pcap q=$((N / 4))
  python3 bench/gen_capture.py "$cap" "$N" --mix "$mix"
  python3 bench/gen_capture.py "$small" "$q" --mix "$mix"
  cat "$cap" > /dev/null # page cache: every reader starts equal
  local load0
  load0=$(bench_load)
  for ((r = 0; r < BENCH_RUNS; r++)); do
    bench_time "$mix-line" "$N" count_lines "$NF" dissect "$cap"
    bench_time "$mix-stats" "$N" count_stats_packets "$NF" dissect --stats "$cap"
    bench_time "$mix-json" "$N" count_lines "$NF" dissect --json "$cap"
    bench_time "$mix-tcpdump" "$N" count_lines tcpdump -n -r "$cap"
    bench_time "$mix-tshark" "$q" count_lines tshark -n -r "$small"
  done
  local tc tw
  tc=$(bench_median "$mix-tcpdump" cpu)
  tw=$(bench_median "$mix-tcpdump" wall)
  echo
  echo "capture: $mix mix, $N packets, $(du -h "$cap" | cut -f1); medians of $BENCH_RUNS alternating runs; load $load0 -> $(bench_load)"
  printf '| %-32s | %8s | %8s | %12s | %10s | %10s |\n' "reader (output counted, then dropped)" "wall s" "cpu s" "packets/cpu-s" "vs tcpdump" "(wall)"
  printf '|%s|%s|%s|%s|%s|%s|\n' "----------------------------------" "----------" "----------" "--------------" "------------" "------------"
  for row in "line:netfuzz dissect" "stats:netfuzz dissect --stats" "json:netfuzz dissect --json" \
             "tcpdump:tcpdump -n -r" "tshark:tshark -n -r (1/4 capture, x4)"; do
    local key=${row%%:*} label=${row#*:} c w scale=1
    [ "$key" = tshark ] && scale=4
    c=$(awk -v v="$(bench_median "$mix-$key" cpu)" -v s=$scale 'BEGIN {printf "%.6f", v * s}')
    w=$(awk -v v="$(bench_median "$mix-$key" wall)" -v s=$scale 'BEGIN {printf "%.6f", v * s}')
    printf '| %-32s | %8.3f | %8.3f | %12.0f | %9sx | %9sx |\n' "$label" "$w" "$c" \
      "$(awk -v n="$N" -v c="$c" 'BEGIN {print (c > 0 ? n / c : 0)}')" "$(bench_ratio "$tc" "$c")" "$(bench_ratio "$tw" "$w")"
  done
  local l s j
  l=$(bench_ratio "$tc" "$(bench_median "$mix-line" cpu)")
  s=$(bench_ratio "$tc" "$(bench_median "$mix-stats" cpu)")
  j=$(bench_ratio "$tc" "$(bench_median "$mix-json" cpu)")
  awk -v m="$mix" -v l="$l" -v s="$s" -v j="$j" 'BEGIN {
    printf "goals (%s, cpu): line >= 5x tcpdump: %sx %s; --stats >= 20x: %sx %s; --json >= 1x: %sx %s\n", m,
      l, (l >= 5 ? "MET" : "NOT MET"), s, (s >= 20 ? "MET" : "NOT MET"), j, (j >= 1 ? "MET" : "NOT MET") }'
}

echo "## dissect: netfuzz vs tcpdump and tshark"
one_capture realistic
one_capture classic
