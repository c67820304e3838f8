#!/usr/bin/env bash
# Throughput of `netfuzz dissect` against tcpdump and tshark, side by side.
#
#   bench/dissect.sh [PACKETS]     (default 1,000,000; RUNS=5, TSHARK_RUNS=3)
#
# Generates a realistic capture (bench/gen_capture.py: TCP/TLS/QUIC/DNS/
# mDNS/ICMP/ND/ARP/DHCP mix over 64 hosts), then times each reader writing to
# /dev/null: netfuzz one-line, netfuzz --stats, netfuzz --json, tcpdump -n -r,
# tshark -n -r.  Prints the median wall time and median CPU time (user+sys)
# per tool, packets/s, and the ratios against tcpdump.  The ratios use CPU
# time, which stays honest on a shared machine (wall time is shown too).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000000}
RUNS=${RUNS:-5}
TSHARK_RUNS=${TSHARK_RUNS:-3}
CAP=${CAP:-/tmp/netfuzz-bench-$N.pcap}
[ -x bin/netfuzz ] || make -s cli
if [ ! -s "$CAP" ]; then
  echo "generating $N packets into $CAP ..."
  python3 bench/gen_capture.py "$CAP" "$N"
fi
TIMES=$(mktemp /tmp/nf-bench-times.$$.XXXXXX)
trap 'rm -f "$TIMES"' EXIT
cat "$CAP" > /dev/null  # warm the page cache: every reader starts equal

# run NAME RUNS CMD...: median wall and CPU seconds -> $NAME_wall $NAME_cpu
run() {
  local name=$1 runs=$2; shift 2
  local walls=() cpus=() t
  for ((i = 0; i < runs; i++)); do
    /usr/bin/time -o "$TIMES" -f "%e %U %S" "$@" >/dev/null 2>/dev/null || true
    t=$(tail -1 "$TIMES")
    walls+=("$(echo "$t" | awk '{print $1}')")
    cpus+=("$(echo "$t" | awk '{printf "%.3f", $2 + $3}')")
  done
  eval "${name}_wall=$(printf '%s\n' "${walls[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')"
  eval "${name}_cpu=$(printf '%s\n' "${cpus[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')"
}

run nf_line "$RUNS" bin/netfuzz dissect "$CAP"
run nf_stats "$RUNS" bin/netfuzz dissect --stats "$CAP"
run nf_json "$RUNS" bin/netfuzz dissect --json "$CAP"
run tcpdump "$RUNS" tcpdump -n -r "$CAP"
run tshark "$TSHARK_RUNS" tshark -n -r "$CAP"

row() { # label wall cpu
  awk -v l="$1" -v w="$2" -v c="$3" -v n="$N" -v tw="$tcpdump_wall" -v tc="$tcpdump_cpu" 'BEGIN {
    printf "%-28s %8.2f s %8.2f s %12.0f %10.1fx %10.1fx\n", l, w, c, n / (c > 0 ? c : 1e-9),
      tc / (c > 0 ? c : 1e-9), tw / (w > 0 ? w : 1e-9) }'
}
echo
echo "capture: $CAP ($N packets, $(du -h "$CAP" | cut -f1)); medians of $RUNS runs (tshark $TSHARK_RUNS); load $(cut -d' ' -f1 /proc/loadavg)"
printf "%-28s %10s %10s %12s %11s %11s\n" "reader (output to /dev/null)" "wall" "cpu" "pkts/cpu-s" "vs tcpdump" "(wall)"
row "netfuzz dissect" "$nf_line_wall" "$nf_line_cpu"
row "netfuzz dissect --stats" "$nf_stats_wall" "$nf_stats_cpu"
row "netfuzz dissect --json" "$nf_json_wall" "$nf_json_cpu"
row "tcpdump -n -r" "$tcpdump_wall" "$tcpdump_cpu"
row "tshark -n -r" "$tshark_wall" "$tshark_cpu"
awk -v a="$tcpdump_cpu" -v b="$nf_line_cpu" -v c="$nf_stats_cpu" 'BEGIN {
  printf "\ngoals: one-line >= 5x tcpdump: %.1fx %s; --stats >= 20x: %.1fx %s\n",
    a / b, (b > 0 && a / b >= 5 ? "MET" : "NOT MET"), a / c, (c > 0 && a / c >= 20 ? "MET" : "NOT MET") }'
