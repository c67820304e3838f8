#!/usr/bin/env bash
# Time and executions to first crash from bench/mutator.sh's raw run
# directories (WORK/run-<bug>-<mutator>[-<seed>]/): the art/ directory is
# created when a run starts (its birth time) and libFuzzer writes crash-*
# there when it stops on the first crash.  1-second resolution.
#   bash bench/mutator-ttfc.sh [WORK]     (default /tmp/netfuzz-mutator-bench; a helper, not a bench: bench/run skips it)
set -uo pipefail
work=${1:-/tmp/netfuzz-mutator-bench}
[ -d "$work" ] || { echo "bench/mutator-ttfc.sh: no directory '$work'" >&2; exit 2; }
printf '%-44s %-8s %s\n' run ttfc_s execs
n=0
for d in "$work"/run-*/; do
	d=${d%/}
	[ -d "$d/art" ] || continue
	execs=$(awk '/stat::number_of_executed_units/{print $2}' "$d/log" 2>/dev/null)
	c=$(compgen -G "$d/art/crash-*" | head -1)
	if [ -n "$c" ]; then
		t=$(($(stat -c %Y "$c") - $(stat -c %W "$d/art")))
	else
		t=miss
	fi
	printf '%-44s %-8s %s\n' "$(basename "$d")" "$t" "${execs:-?}"
	n=$((n + 1))
done
[ "$n" -gt 0 ] || { echo "bench/mutator-ttfc.sh: no runs in $work" >&2; exit 1; }
