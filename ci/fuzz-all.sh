#!/usr/bin/env bash
# Short libFuzzer run of each target (make fuzz): SECONDS per target, with
# the target's seeds, dictionary and [libfuzzer] options.  New inputs go to
# out/corpus/<t>, crashes to out/crashes/<t>/ (libFuzzer artifact names).
set -uo pipefail
cd "$(dirname "$0")/.."
secs=$1; shift
B=build/libfuzzer-address
found=0
for t in "$@"; do
  mkdir -p "out/corpus/$t" "out/crashes/$t"
  opts=()
  if [ -f "targets/$t.options" ]; then
    # [libfuzzer] section: key = value  ->  -key=value (dict relative to targets/)
    while IFS='=' read -r k v; do
      k=$(echo "$k" | tr -d ' '); v=$(echo "$v" | sed 's/^ *//; s/ *$//')
      [ "$k" = dict ] && v="targets/$v"
      opts+=("-$k=$v")
    done < <(awk '/^\[/{s=$0; next} s=="[libfuzzer]" && /=/' "targets/$t.options")
  fi
  log="out/fuzz-$t.log"
  "$B/$t" "${opts[@]}" -max_total_time="$secs" -print_final_stats=1 \
    -artifact_prefix="out/crashes/$t/" "out/corpus/$t" "corpora/$t" >"$log" 2>&1
  rc=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
  n=$(find "out/crashes/$t" -type f | wc -l)
  printf '%-22s %8s execs %7s exec/s  %-10s crashes: %d%s\n' "$t" "${execs:-?}" "${rate:-?}" "$cov" "$n" \
    "$([ $rc -ne 0 ] && echo "  (exit $rc, see $log)")"
  [ "$n" -gt 0 ] && found=1
done
[ $found -eq 0 ] && echo "no crashes; corpora in out/corpus/, logs in out/" || echo "crashes in out/crashes/"
exit $found
