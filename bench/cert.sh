#!/usr/bin/env bash
# Benchmark `netfuzz cert` on a directory of 1,000 generated certificates (200 quick)
# (median of RUNS runs), side by side with `openssl verify` on the same
# files, and the exec/s of the x509_der fuzz target (libFuzzer, ASan+UBSan,
# median of FUZZ_RUNS runs of FUZZ_SECONDS each).
#   bench/cert.sh [RUNS=5] [FUZZ_SECONDS=20] [FUZZ_RUNS=3]   (BENCH_QUICK=1: 3 runs, 5 s)
# Every run's exit status and output count are checked (bench/lib.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
RUNS=${1:-5} FUZZ_SECONDS=${2:-20} FUZZ_RUNS=${3:-3}
NCERTS=1000
if bench_quick; then RUNS=${1:-3} FUZZ_SECONDS=${2:-5} NCERTS=200; fi
[ "$RUNS" -ge 3 ] && [ "$FUZZ_RUNS" -ge 3 ] || { echo "bench/cert.sh: runs must be >= 3" >&2; exit 2; }
N=$PWD/bin/netfuzz
[ -x "$N" ] || make -s cli
tmp=$BENCH_TMP
tests/cert/gen_fixtures.sh "$tmp/fx" >/dev/null 2>&1
mkdir -p "$tmp/certs"
W=$tmp/fx/work
openssl req -new -key "$W/leafk.key" -subj /CN=bench.example.test -out "$tmp/leaf.csr" 2>/dev/null
printf 'basicConstraints=critical,CA:false\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=DNS:bench.example.test\n' > "$tmp/ext"
# NCERTS leaves: every 10th signed with SHA-1, every 7th valid 900 days.
for i in $(seq "$NCERTS"); do
  md=sha256; days=90
  [ $((i % 10)) -eq 0 ] && md=sha1
  [ $((i % 7)) -eq 0 ] && days=900
  openssl x509 -req -in "$tmp/leaf.csr" -CA "$W/inter.crt" -CAkey "$W/intk.key" -set_serial "$i" \
    -days "$days" -"$md" -extfile "$tmp/ext" -out "$tmp/certs/c$i.pem" 2>/dev/null
done
cat "$W/inter.crt" "$tmp/fx/root.pem" > "$tmp/cas.pem"
files=("$tmp"/certs/*.pem)
n=${#files[@]}
# netfuzz cert exits 1 when a rule fails (every 10th certificate is SHA-1):
# that is a result, not an error; its output must still cover every file.
# openssl verify must say OK for every file.
for ((r = 0; r < RUNS; r++)); do
  BENCH_OK_EXIT="0 1" COUNT_PATTERN='^== ' bench_time nf "$n" count_grep \
    "$N" cert --each --ca "$tmp/cas.pem" --host bench.example.test "${files[@]}"
  COUNT_PATTERN=': OK$' bench_time ov "$n" count_grep \
    openssl verify -no-CApath -no-CAstore -CAfile "$tmp/cas.pem" "${files[@]}"
done
m_nf=$(bench_median nf wall)
m_ov=$(bench_median ov wall)
printf 'netfuzz cert --each, %d files:   median %.3f s over %d runs (%.0f certificates/s)\n' "$n" "$m_nf" "$RUNS" "$(echo "$n / $m_nf" | bc -l)"
printf 'openssl verify, same files:      median %.3f s\n' "$m_ov"
printf 'ratio netfuzz/openssl-verify:    %.2fx (netfuzz also builds the model, runs %d rules and prints)\n' \
  "$(echo "$m_nf / $m_ov" | bc -l)" "$("$N" cert --rules --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')"

# x509_der exec/s under libFuzzer with ASan+UBSan.
make -s ENGINE=libfuzzer SANITIZER=address build/libfuzzer-address/x509_der >/dev/null
rates=()
for r in $(seq "$FUZZ_RUNS"); do
  mkdir -p "$tmp/corp$r"
  rc=0
  build/libfuzzer-address/x509_der -dict=targets/x509_der.dict -max_len=65536 -max_total_time="$FUZZ_SECONDS" \
    -print_final_stats=1 -artifact_prefix="$tmp/" "$tmp/corp$r" corpora/x509_der >"$tmp/fuzz$r.log" 2>&1 || rc=$?
  units=$(sed -n 's/^stat::number_of_executed_units: *//p' "$tmp/fuzz$r.log")
  if [ $rc -ne 0 ] || [ -z "$units" ] || [ "$units" -le 0 ]; then
    echo "bench: FAILED: x509_der exited $rc after ${units:-no} executed units" >&2
    exit 1
  fi
  rates+=("$(sed -n 's/^stat::average_exec_per_sec: *//p' "$tmp/fuzz$r.log")")
done
printf 'x509_der (libFuzzer, ASan+UBSan): median %s exec/s over %d runs of %d s (runs: %s)\n' \
  "$(printf '%s\n' "${rates[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')" "$FUZZ_RUNS" "$FUZZ_SECONDS" "${rates[*]}"
