#!/usr/bin/env bash
# exec/s of every frame fuzz target under libFuzzer + ASan + UBSan, one
# target at a time (the machine is shared): SECONDS each (default 30), with
# each target's seeds, dictionary and options, via ci/fuzz-all.sh.
#
#   bench/fuzz_frame.sh [SECONDS] [TARGET...]
set -uo pipefail
cd "$(dirname "$0")/.."
secs=${1:-30}; shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for t in $(make -s --no-print-directory print-targets); do
    grep -q 'NF_TARGET([^,]*, "frame"' "targets/$t.c" 2>/dev/null && targets+=("$t")
  done
fi
make -s ENGINE=libfuzzer SANITIZER=address targets >/dev/null
echo "libFuzzer + ASan + UBSan, ${secs}s per target, load $(cut -d' ' -f1 /proc/loadavg) on $(nproc) cores"
ci/fuzz-all.sh "$secs" "${targets[@]}"
