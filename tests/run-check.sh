#!/usr/bin/env bash
# make check's runner.  Every check prints TAP ("ok ..." / "not ok ...");
# this counts them and ends with the line "N passed, N failed, N skipped".
# A line with a TAP SKIP directive ("ok ... # SKIP reason") is counted as
# skipped, never as passed; "not ok ... # SKIP" is still a failure.
#  1. cmocka unit tests (build/standalone-address/tests/*), TAP output;
#  2. replay of every seed corpus and every fixed regression case through
#     the standalone ASan+UBSan build of its target;
#  3. scripted tests: tests/check.d/*.sh, each printing TAP lines.
set -u
cd "$(dirname "$0")/.."
B=build/standalone-address
LOG=build/check.log
mkdir -p build
: > "$LOG"
pass=0 fail=0 skip=0

# is_skip LINE: the line carries a TAP SKIP directive (TAP 13: "# SKIP",
# case-insensitive, after the description).
is_skip() { printf '%s\n' "$1" | grep -qiE '#[[:space:]]*skip([^a-z]|$)'; }

count() { # read TAP on stdin, echo it, count it
  local line
  while IFS= read -r line; do
    case "$line" in
      "ok "*) if is_skip "$line"; then skip=$((skip + 1)); else pass=$((pass + 1)); fi; echo "$line" ;;
      "not ok "*) fail=$((fail + 1)); echo "$line" ;;
    esac
  done
}

echo "== unit tests"
for t in "$B"/tests/test_*; do
  [ -x "$t" ] || continue
  name=$(basename "$t")
  out=$(CMOCKA_MESSAGE_OUTPUT=TAP "$t" 2>>"$LOG"); rc=$?
  # cmocka's TAP: "ok N - test", "not ok N - test", and for skip() "not ok N # SKIP test"
  count < <(printf '%s\n' "$out" | sed -n -e "s/^\(not ok\|ok\) [0-9]* - /\1 $name: /p" \
                                         -e "s/^\(not \)\{0,1\}ok [0-9]* # SKIP \(.*\)/ok $name: \2 # SKIP/p")
  if [ $rc -ne 0 ] && ! printf '%s\n' "$out" | grep -q '^not ok'; then
    echo "not ok $name: exited $rc (see $LOG)"; fail=$((fail + 1))
  fi
done

echo "== corpus and regression replay ($B)"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export NETFUZZ_QUIET=1
for t in $(make -s --no-print-directory print-targets); do
  inputs=()
  [ -d "corpora/$t" ] && inputs+=("corpora/$t")
  if [ -d "regressions/crashes/$t" ]; then
    for meta in regressions/crashes/"$t"/*.json; do
      [ -e "$meta" ] || continue
      grep -q '"status" *: *"fixed"' "$meta" && inputs+=("${meta%.json}")
    done
  fi
  [ ${#inputs[@]} -gt 0 ] || { echo "not ok replay $t: no seeds in corpora/$t"; fail=$((fail + 1)); continue; }
  n=$(find "${inputs[@]}" -type f ! -name '.*' | wc -l)
  if "$B/$t" "${inputs[@]}" >>"$LOG" 2>&1; then
    echo "ok replay $t: $n inputs"; pass=$((pass + 1))
  else
    echo "not ok replay $t: crash or error replaying $n inputs (see $LOG)"; fail=$((fail + 1))
  fi
done

echo "== scripted tests"
# Each script's name is printed as it starts, and all their wall times are
# listed at the end, slowest first, so a slow make check shows where its time
# went (README, "Set up and run").
times=()
for s in tests/check.d/*.sh; do
  [ -e "$s" ] || continue
  echo "-- $(basename "$s")"
  t0=$SECONDS
  out=$(bash "$s" 2>>"$LOG"); rc=$?
  count < <(printf '%s\n' "$out")
  if [ $rc -ne 0 ] && ! printf '%s\n' "$out" | grep -q '^not ok'; then
    echo "not ok $(basename "$s"): exited $rc without reporting a failure (see $LOG)"; fail=$((fail + 1))
  fi
  times+=("$((SECONDS - t0)) $(basename "$s")")
done
echo "== scripted tests by wall time (s), slowest first"
printf '%s\n' "${times[@]}" | sort -rn | awk '{printf "#   %5d  %s\n", $1, $2}'
echo "# make check's runner took ${SECONDS}s"

echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
