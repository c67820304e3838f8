#!/usr/bin/env bash
# bench/routes.sh: route decoder throughput and live-dump time, side by side.
#
#  1. Decode throughput (records/s, median of 5 in-process runs) of a
#     100,000-route dump (+10,000 ARP entries) written by the encoder
#     (build/tools/route_gen) as Darwin, Darwin rt_msghdr2, FreeBSD and
#     rtnetlink, plus `netfuzz routes` end to end on the Darwin file.
#  2. `netfuzz routes --live` against `ip route show table all` in one run:
#     a throwaway namespace gets N routes (default 20,000), then both run
#     alternately REPS times (default 7) inside it; medians and the ratio.
#
# usage: bench/routes.sh [N_LIVE_ROUTES] [REPS]      (root; creates/deletes a netns)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-20000}
REPS=${2:-7}
if [ "${BENCH_QUICK:-0}" = 1 ]; then N=${1:-5000}; REPS=${2:-3}; fi
NS=nfbench$$
TMP=$(mktemp -d)
cleanup() { ip netns del "$NS" 2>/dev/null || true; rm -rf "$TMP"; }
trap cleanup EXIT

make -s cli build/tools/route_gen >/dev/null
GEN=build/tools/route_gen
NF=$PWD/bin/netfuzz

now_ns() { date +%s%N; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

echo "== decode throughput: 100000 routes + 10000 neighbours, median of 5"
printf '%-10s %10s %12s %14s\n' format bytes records records/s
for f in darwin darwin2 freebsd netlink; do
  "$GEN" big 100000 "$f" "$TMP/big.$f"
  "$GEN" decode-bench "$TMP/big.$f" "$f" 5 > "$TMP/db.$f" ||
    { echo "bench: FAILED: route_gen decode-bench $f exited $?" >&2; exit 1; }
  read -r rec rate < "$TMP/db.$f"
  # 100,000 routes + 10,000 neighbours must all decode.
  [ "${rec:-0}" -ge 110000 ] || { echo "bench: FAILED: $f decoded ${rec:-no} records, expected 110000" >&2; exit 1; }
  printf '%-10s %10s %12s %14s\n' "$f" "$(stat -c %s "$TMP/big.$f")" "$rec" "$rate"
done
for i in 1 2 3; do
  t0=$(now_ns); "$NF" routes "$TMP/big.darwin" > "$TMP/routes.out"; t1=$(now_ns)
  lines=$(wc -l < "$TMP/routes.out")
  [ "$lines" -ge 100000 ] || { echo "bench: FAILED: netfuzz routes printed $lines lines for 100000 routes" >&2; exit 1; }
  echo $(( (t1 - t0) / 1000000 ))
done | median | awk '{printf "netfuzz routes (decode + netstat-style print) on the Darwin dump: %d ms median of 3\n", $1}'

echo
echo "== live dump: $N routes in a namespace, $REPS alternating runs each"
ip netns add "$NS"
ip -n "$NS" link set lo up
ip -n "$NS" link add va0 type veth peer name vb0
ip -n "$NS" link set va0 up
ip -n "$NS" link set vb0 up
ip -n "$NS" addr add 10.255.0.2/16 dev va0
awk -v n="$N" 'BEGIN { for (i = 0; i < n; i++) printf "route add 10.%d.%d.0/24 via 10.255.0.1 dev va0\n", int(i / 256) % 255, i % 256 }' \
  > "$TMP/batch"
ip -n "$NS" -batch "$TMP/batch"
have=$(ip -n "$NS" route show table all | wc -l)
: > "$TMP/nf"; : > "$TMP/ip"
for i in $(seq "$REPS"); do
  t0=$(now_ns); ip netns exec "$NS" "$NF" routes --live > "$TMP/live.out"; t1=$(now_ns)
  [ "$(wc -l < "$TMP/live.out")" -ge "$N" ] || { echo "bench: FAILED: netfuzz routes --live printed fewer than $N lines" >&2; exit 1; }
  ip netns exec "$NS" ip route show table all > /dev/null; t2=$(now_ns)
  echo $(( (t1 - t0) / 1000 )) >> "$TMP/nf"
  echo $(( (t2 - t1) / 1000 )) >> "$TMP/ip"
done
nf=$(median < "$TMP/nf"); ipm=$(median < "$TMP/ip")
echo "routes in the namespace (ip route show table all lines): $have"
printf 'netfuzz routes --live         median %8d us\n' "$nf"
printf 'ip route show table all       median %8d us\n' "$ipm"
awk -v a="$nf" -v b="$ipm" 'BEGIN { printf "ratio netfuzz/ip: %.2f (netfuzz also dumps links, IPv6 routes and neighbours)\n", a / b }'
