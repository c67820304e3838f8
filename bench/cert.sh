#!/usr/bin/env bash
# Benchmark `netfuzz cert` on a directory of 1,000 generated certificates
# (median of RUNS runs), side by side with `openssl verify` on the same
# files, and the exec/s of the x509_der fuzz target (libFuzzer, ASan+UBSan,
# median of FUZZ_RUNS runs of FUZZ_SECONDS each).
#   bench/cert.sh [RUNS=5] [FUZZ_SECONDS=20] [FUZZ_RUNS=3]
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-5} FUZZ_SECONDS=${2:-20} FUZZ_RUNS=${3:-3}
N=$PWD/bin/netfuzz
[ -x "$N" ] || make -s cli
tmp=$(mktemp -d /tmp/nf-cert-bench.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
tests/cert/gen_fixtures.sh "$tmp/fx" >/dev/null 2>&1
mkdir -p "$tmp/certs"
W=$tmp/fx/work
openssl req -new -key "$W/leafk.key" -subj /CN=bench.example.test -out "$tmp/leaf.csr" 2>/dev/null
printf 'basicConstraints=critical,CA:false\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=DNS:bench.example.test\n' > "$tmp/ext"
# 1,000 leaves: every 10th signed with SHA-1, every 7th valid 900 days.
for i in $(seq 1000); do
  md=sha256; days=90
  [ $((i % 10)) -eq 0 ] && md=sha1
  [ $((i % 7)) -eq 0 ] && days=900
  openssl x509 -req -in "$tmp/leaf.csr" -CA "$W/inter.crt" -CAkey "$W/intk.key" -set_serial "$i" \
    -days "$days" -"$md" -extfile "$tmp/ext" -out "$tmp/certs/c$i.pem" 2>/dev/null
done
cat "$W/inter.crt" "$tmp/fx/root.pem" > "$tmp/cas.pem"
median() { sort -n | awk '{a[NR]=$1} END{print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
secs() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s.%N); echo "$e - $s" | bc -l; }
files=("$tmp"/certs/*.pem)
nf=() ov=()
for r in $(seq "$RUNS"); do
  nf+=("$(secs "$N" cert --each --ca "$tmp/cas.pem" --host bench.example.test "${files[@]}")")
  ov+=("$(secs openssl verify -no-CApath -no-CAstore -CAfile "$tmp/cas.pem" "${files[@]}")")
done
m_nf=$(printf '%s\n' "${nf[@]}" | median)
m_ov=$(printf '%s\n' "${ov[@]}" | median)
printf 'netfuzz cert --each, %d files:   median %.3f s over %d runs (%.0f certificates/s)\n' "${#files[@]}" "$m_nf" "$RUNS" "$(echo "${#files[@]} / $m_nf" | bc -l)"
printf 'openssl verify, same files:      median %.3f s\n' "$m_ov"
printf 'ratio netfuzz/openssl-verify:    %.2fx (netfuzz also builds the model, runs %d rules and prints)\n' \
  "$(echo "$m_nf / $m_ov" | bc -l)" "$("$N" cert --rules --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')"

# x509_der exec/s under libFuzzer with ASan+UBSan.
make -s ENGINE=libfuzzer SANITIZER=address build/libfuzzer-address/x509_der >/dev/null
rates=()
for r in $(seq "$FUZZ_RUNS"); do
  mkdir -p "$tmp/corp$r"
  build/libfuzzer-address/x509_der -dict=targets/x509_der.dict -max_len=65536 -max_total_time="$FUZZ_SECONDS" \
    -print_final_stats=1 -artifact_prefix="$tmp/" "$tmp/corp$r" corpora/x509_der >"$tmp/fuzz$r.log" 2>&1 || true
  rates+=("$(sed -n 's/^stat::average_exec_per_sec: *//p' "$tmp/fuzz$r.log")")
done
printf 'x509_der (libFuzzer, ASan+UBSan): median %s exec/s over %d runs of %d s (runs: %s)\n' \
  "$(printf '%s\n' "${rates[@]}" | median)" "$FUZZ_RUNS" "$FUZZ_SECONDS" "${rates[*]}"
