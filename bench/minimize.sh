#!/usr/bin/env bash
# Crash minimization benchmark (issue 24, docs/triage.md "Minimization").
#
#   bench/minimize.sh [--cases "c1 c2"] [--seconds N] [--work DIR]
#
# bench/minimize_cases.py writes the crafted crashes (long trailing payloads,
# many repeated elements, nested TLS/DER/rtnetlink lengths, a crash deep in
# a valid prefix), each of one planted bug (bench/planted/<bug>.patch), with
# the smallest reproducer known for it.  Each bug's patch is applied to its
# own scratch clone of HEAD under --work (never to this tree) and the
# target built there (standalone and libFuzzer, ASan+UBSan); both files
# must crash.  Then `netfuzz triage INPUT --target T --runs 1` runs with the
# default minimization budget (or --seconds N) and the row gives input size,
# minimized size, smallest known (the hand-built reproducer, or the
# minimized input when that is smaller: marked *), the ratio, the wall
# time of the whole triage (reproduction, symbolized run, minimization)
# and which steps
# shrank it.  Goal (issue 24): ratio <= 2.0 and time < 60 s for each.
# Wall time depends on the machine's load: the load average is on each row.
# Exit 1 if a build fails, a file does not crash, or triage gives no size.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=/tmp/netfuzz-minimize-bench
seconds=
only=
while [ $# -gt 0 ]; do
	case $1 in
	--cases) only=$2; shift 2 ;;
	--seconds) seconds=$2; shift 2 ;;
	--work) work=$2; shift 2 ;;
	*) echo "bench/minimize.sh: unknown argument '$1'" >&2; exit 2 ;;
	esac
done
[ -z "$seconds" ] || [[ $seconds =~ ^[0-9]+$ ]] || { echo "bench/minimize.sh: --seconds '$seconds' is not a number" >&2; exit 2; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
commit=$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src include targets harness Makefile || echo "+dirty")
mkdir -p "$work"
python3 bench/minimize_cases.py "$work/cases" || exit 1

echo "# bench/minimize.sh${seconds:+ --seconds $seconds}: netfuzz triage --runs 1 on crafted crashes of planted bugs"
echo "# commit $commit, $(date -u +%FT%TZ), $(nproc) cores, load $(load)"
echo "# input/minimized/known: bytes; ratio: minimized / known (goal <= 2.0); time: wall s of the whole triage (goal < 60)"
printf '%-15s %-20s %-20s %6s %9s %6s %6s %6s  %-40s %s\n' case target bug input minimized known ratio time steps load
failed=0
while IFS=$'\t' read -r name bug t shape; do
	[ -n "$only" ] && [[ " $only " != *" $name "* ]] && continue
	c=$work/clone-$bug
	if [ ! -x "$c/bin/netfuzz" ] || [ "$(cd "$c" && git rev-parse HEAD)" != "$(git rev-parse HEAD)" ]; then
		rm -rf "$c" && git clone -q --shared "$root" "$c" && (cd "$c" && git checkout -q "$(cd "$root" && git rev-parse HEAD)")
		if ! (cd "$c" && git apply "$root/bench/planted/$bug.patch"); then
			echo "bench/minimize.sh: $bug: patch does not apply" >&2; failed=1; continue
		fi
	fi
	if ! (cd "$c" && nice -n 5 make -s -j2 cli && nice -n 5 make -s -j2 ENGINE=standalone SANITIZER=address "build/standalone-address/$t" &&
		nice -n 5 make -s -j2 ENGINE=libfuzzer SANITIZER=address "build/libfuzzer-address/$t") >"$c/build.log" 2>&1; then
		echo "bench/minimize.sh: $bug: build failed (see $c/build.log)" >&2; failed=1; continue
	fi
	in=$work/cases/$name/input known=$work/cases/$name/known
	for f in "$in" "$known"; do
		if ASAN_OPTIONS=symbolize=0:detect_leaks=0 UBSAN_OPTIONS=halt_on_error=1:symbolize=0 NETFUZZ_QUIET=1 \
			"$c/build/standalone-address/$t" "$f" >/dev/null 2>&1; then
			echo "bench/minimize.sh: $name: $f does not crash the $bug build" >&2; failed=1; continue 2
		fi
	done
	rm -rf "$c/out/triage/$t"
	l=$(load)
	t0=$(date +%s.%N)
	(cd "$c" && bin/netfuzz triage "$in" --target "$t" --runs 1 ${seconds:+--minimize-seconds "$seconds"}) >"$work/$name.out" 2>&1
	t1=$(date +%s.%N)
	line=$(grep -m1 'minimized' "$work/$name.out")
	sizes=$(sed -n 's/.*(\([0-9]*\) -> \([0-9]*\) bytes\(; \(.*\)\)\{0,1\}).*/\1 \2 \4/p' <<<"$line")
	read -r a b steps <<<"$sizes"
	if [ -z "${b:-}" ]; then
		b=$(stat -c %s "$in") steps=$(sed 's/.*minimized *//' <<<"$line")
		[ -n "$line" ] || { echo "bench/minimize.sh: $name: no minimized line (see $work/$name.out)" >&2; failed=1; continue; }
	fi
	# the smallest known: the hand-built one, or the minimizer's when it
	# is smaller (then marked "*": a shorter way to the same bug)
	k=$(stat -c %s "$known") mark=
	[ "$b" -lt "$k" ] && k=$b mark='*'
	printf '%-15s %-20s %-20s %6s %9s %6s %6s %6.1f  %-40s %s\n' "$name" "$t" "$bug" "$(stat -c %s "$in")" "$b" "$k$mark" \
		"$(awk -v a="$b" -v k="$k" 'BEGIN{printf "%.2f", a / k}')" "$(echo "$t1 - $t0" | bc)" "${steps:--}" "$l"
done <"$work/cases/cases"
exit $failed
