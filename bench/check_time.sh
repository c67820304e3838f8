#!/usr/bin/env bash
# The fresh-clone budget (issue 22): the README's two commands, timed as a
# new user meets them.  Clones the repository into a new mktemp -d folder,
# points NETFUZZ_CACHE at a new empty folder (the machine's own library cache
# is left alone), then times `make fuzz` and `make check` (and, with
# --campaign, `make check-campaign`), each with the load average before and
# after.  Budget: make fuzz + make check under 15 minutes on a 2-core machine.
#
#   bench/check_time.sh [--jobs N] [--campaign] [--keep] [REPO]
#
# REPO: what to clone (default: this checkout's committed HEAD, via its
# path).  --jobs N: make -jN for both commands (default 2, as .ci/run).
# --keep: leave the clone and the cache (their paths are printed).
# Output: one line per step, then a summary table; every figure with the
# load average beside it.  Exit 1 if a step failed.
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
jobs=2 campaign="" keep="" repo=$here
while [ $# -gt 0 ]; do
  case $1 in
    --jobs) jobs=$2; shift 2 ;;
    --campaign) campaign=1; shift ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    -*) echo "usage: bench/check_time.sh [--jobs N] [--campaign] [--keep] [REPO]" >&2; exit 2 ;;
    *) repo=$1; shift ;;
  esac
done
load() { cut -d' ' -f1-3 /proc/loadavg; }
dir=$(mktemp -d "${TMPDIR:-/tmp}/nf-fresh.XXXXXX")
export NETFUZZ_CACHE
NETFUZZ_CACHE=$(mktemp -d "${TMPDIR:-/tmp}/nf-fresh-cache.XXXXXX")
[ -n "$keep" ] || trap 'rm -rf "$dir" "$NETFUZZ_CACHE"' EXIT
echo "check_time: clone of $repo in $dir; empty library cache $NETFUZZ_CACHE; $(nproc) CPUs; load $(load)"
rows=() failed=0 total=0

# run NAME CMD...: time CMD in the clone, output to $dir/NAME.log (its
# progress lines shown as they come: lines from build-deps, make's LD, the
# fuzz and check summaries).
run() {
  local name=$1 t0 rc l0; shift
  l0=$(load); t0=$(date +%s)
  echo "check_time: $name: $* (load $l0)"
  ( cd "$dir/netfuzz" && "$@" ) > "$dir/$name.log" 2>&1 &
  local pid=$! n=0
  while kill -0 $pid 2>/dev/null; do
    sleep 1; n=$((n + 1))
    [ $((n % 30)) -eq 0 ] && echo "check_time: $name ... ${n}s: $(tail -1 "$dir/$name.log" | cut -c1-120)"
  done
  wait $pid; rc=$?
  local took=$(( $(date +%s) - t0 ))
  total=$((total + took))
  [ $rc -eq 0 ] || failed=1
  local summary; summary=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$dir/$name.log" | tail -1)
  rows+=("$(printf '%-22s %6ss  exit %-3s load %s -> %s  %s' "$name" "$took" "$rc" "$l0" "$(load)" "$summary")")
  echo "check_time: $name: ${took}s, exit $rc${summary:+, $summary}"
}

t0=$(date +%s)
git clone -q "$repo" "$dir/netfuzz" || { echo "check_time: git clone failed" >&2; exit 1; }
rows+=("$(printf '%-22s %6ss' "git clone" $(( $(date +%s) - t0 )))")
echo "check_time: at commit $(git -C "$dir/netfuzz" rev-parse --short=12 HEAD)"
run "make fuzz" make -j"$jobs" fuzz
run "make check" make -j"$jobs" check
budget=$total
[ -n "$campaign" ] && run "make check-campaign" make -j"$jobs" check-campaign

echo "== check_time: $(git -C "$dir/netfuzz" rev-parse --short=12 HEAD), $(nproc) CPUs, make -j$jobs"
printf '  %s\n' "${rows[@]}"
echo "  make fuzz + make check: ${budget}s (budget 900s: $([ "$budget" -le 900 ] && echo within || echo OVER))"
grep -h '^#.*tier \|^#  *[0-9]' "$dir/make check.log" 2>/dev/null | head -60 | sed 's/^/  /'
[ -n "$keep" ] && echo "check_time: kept $dir and $NETFUZZ_CACHE"
exit $failed
