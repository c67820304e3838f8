#!/usr/bin/env bash
# Mutation score of the in-loop oracles (issue 24, docs/benchmarks.md).
#
#   bench/mutants.sh [--seconds S] [--only "id id ..."] [--jobs N] [--work DIR] [--rev REV] [--list]
#   (about an hour for the 35 mutants at 120 s; BENCH_QUICK=1: 5 of them at 30 s)
#
# Each bench/mutants/<id>.mut is one small semantic change (no memory
# error) to a dissector, the certificate model or the route code: a wrong
# offset or length unit, a wrong flag bit, a wrong byte order, a dropped
# protocol rule, an off-by-one, a wrong default.  For each, on a scratch
# clone of REV (default HEAD; never this tree):
#   1. the mutant is applied (its `old:` text must occur exactly once in
#      `file:`) and its target built (libFuzzer + ASan, the default
#      campaign configuration);
#   2. `bin/netfuzz fuzz TARGET --seconds S` runs from the committed seeds
#      (default S = 120), niced;
#   3. the first crash file is replayed on the mutant binary, which must
#      trap in an oracle ("netfuzz oracle" on stderr), and on the clean
#      binary, which must not crash: then the mutant is "caught" and the
#      campaign is stopped (SIGINT).  Any other crash is noted, and fuzzing
#      goes on.
# A mutant of a target that calls no oracle is "not caught (no oracle)"
# without fuzzing; a mutant marked `scope: out REASON` (no oracle could
# ever see it, e.g. a printer's text) is listed with its reason.
# One mutant at a time; --jobs is make's -j and netfuzz's --jobs (default
# 1: the machine is shared).  The table goes to stdout and to
# bench/out/mutants-<commit>[-<S>s].txt; time to first trap is wall seconds
# from the campaign's start (its stats series) to the crash file.
# Exit 0 when every mutant ran (caught or not), 1 when one failed to apply
# or build, 2 on usage errors.
set -uo pipefail
# Run from a copy: bash reads a script as it goes, and this one runs for an
# hour while its tree may be edited.
if [ -z "${NF_MUTANTS_ROOT:-}" ]; then
	cd "$(dirname "$0")/.." || exit 2
	copy=$(mktemp /tmp/nf-mutants.XXXXXX) && cp bench/mutants.sh "$copy" || exit 2
	NF_MUTANTS_ROOT=$(pwd) exec bash "$copy" "$@"
fi
cd "$NF_MUTANTS_ROOT" || exit 2
root=$(pwd)
secs=120 only="" jobs=1 work=/tmp/netfuzz-mutants rev=HEAD list=0
# bench/run --quick (BENCH_QUICK=1): 30 s each for one mutant per area, a
# smoke of the benchmark, not its figures.
if [ "${BENCH_QUICK:-0}" = 1 ]; then
	secs=30 only="vlan_dei_late ipv4_later_frag wlan_type_bit cert_host_case route_prefix_partial"
fi
while [ $# -gt 0 ]; do
	case $1 in
	--seconds) secs=$2; shift 2 ;;
	--only) only=$2; shift 2 ;;
	--jobs) jobs=$2; shift 2 ;;
	--work) work=$2; shift 2 ;;
	--rev) rev=$2; shift 2 ;;
	--list) list=1; shift ;;
	*) echo "bench/mutants.sh: unknown argument '$1'" >&2; exit 2 ;;
	esac
done
for n in "$secs" "$jobs"; do
	[[ $n =~ ^[1-9][0-9]*$ ]] || { echo "bench/mutants.sh: '$n' is not a positive number" >&2; exit 2; }
done
field() { awk -v k="$2:" '$1 == k {sub(/^[^:]*: */, ""); print; exit}' "$1"; }
ids=$(cd bench/mutants && ls *.mut | sed 's/\.mut$//' | sort)
if [ -n "$only" ]; then
	for i in $only; do
		[ -f "bench/mutants/$i.mut" ] || { echo "bench/mutants.sh: no mutant '$i' (bench/mutants/$i.mut)" >&2; exit 2; }
	done
	ids=$only
fi
if [ "$list" = 1 ]; then
	for i in $ids; do
		printf '%-22s %-15s %-9s %s\n' "$i" "$(field "bench/mutants/$i.mut" target)" \
			"$(field "bench/mutants/$i.mut" kind)" "$(field "bench/mutants/$i.mut" what)"
	done
	exit 0
fi
commit=$(git rev-parse --short "$rev") || exit 2
load() { cut -d' ' -f1-3 /proc/loadavg; }
mkdir -p "$work" bench/out
tag=$commit
[ "$secs" = 120 ] || tag=$commit-${secs}s
[ -z "$only" ] || tag=$tag-subset
out=bench/out/mutants-$tag.txt

# The scratch tree: a shared clone of REV, built once (bin/netfuzz, then each
# target clean once, kept as the reference binary).
tree=$work/tree
if [ ! -d "$tree/.git" ] || [ "$(git -C "$tree" rev-parse HEAD 2>/dev/null)" != "$(git rev-parse "$rev")" ]; then
	rm -rf "$tree" "$work/clean"
	git clone -q --shared "$root" "$tree" && git -C "$tree" checkout -q --detach "$(git rev-parse "$rev")" || exit 1
fi
git -C "$tree" checkout -q -- . # a mutant left behind by an interrupted run
(cd "$tree" && nice -n 10 make -s -j"$jobs" cli >"$work/build-cli.log" 2>&1) ||
	{ echo "bench/mutants.sh: make cli failed in $tree (see $work/build-cli.log)" >&2; exit 1; }
mkdir -p "$work/clean"

# apply FILE.mut: replace the one occurrence of old: by new: in file:
# (\n and \t in both are newline and tab).
apply() {
	python3 - "$1" "$tree" <<'EOF'
import sys
spec, tree = sys.argv[1], sys.argv[2]
kv = {}
for line in open(spec, encoding="utf-8"):
    if ":" in line and not line.startswith((" ", "\t")):
        k, v = line.split(":", 1)
        kv.setdefault(k.strip(), v.strip() if k.strip() not in ("old", "new") else v[1:].rstrip("\n"))
dec = lambda s: s.replace("\\n", "\n").replace("\\t", "\t")
old, new, path = dec(kv["old"]), dec(kv["new"]), tree + "/" + kv["file"]
text = open(path, encoding="utf-8").read()
n = text.count(old)
if n != 1:
    sys.exit("old text occurs %d times in %s" % (n, kv["file"]))
open(path, "w", encoding="utf-8").write(text.replace(old, new))
EOF
}

# oracle_trap BIN FILE: BIN traps in an oracle on FILE.
oracle_trap() { # (no pipe into grep -q: the crashing binary would fail the pipeline)
	local o
	o=$(timeout 60 "$1" -runs=1 "$2" 2>&1)
	grep -q 'netfuzz oracle' <<<"$o"
}
clean_ok() { timeout 60 "$1" -runs=1 "$2" >/dev/null 2>&1; }

{
	echo "# bench/mutants.sh --seconds $secs${only:+ --only \"$only\"} --jobs $jobs"
	echo "# commit $commit (oracles and dissectors as built from it), $(date -u +%FT%TZ), $(nproc) cores, load at start $(load)"
	echo "# caught: the first oracle trap that the clean build does not reproduce; time: wall seconds from the"
	echo "# campaign's start to that crash file (1 s resolution); execs: libFuzzer's count at the stop"
	printf '%-22s %-15s %-9s %-26s %-8s %-10s %-16s %s\n' mutant target kind file result time_s execs "load / note"
} | tee "$out"
failed=0 caught=0 inscope=0
for id in $ids; do
	m=$root/bench/mutants/$id.mut
	t=$(field "$m" target) f=$(field "$m" file) kind=$(field "$m" kind) scope=$(field "$m" scope)
	row() { printf '%-22s %-15s %-9s %-26s %-8s %-10s %-16s %s\n' "$id" "$t" "$kind" "$f" "$1" "$2" "$3" "$4" | tee -a "$out"; }
	if [[ $scope == out* ]]; then
		row out - - "out of oracle scope: ${scope#out }"
		continue
	fi
	inscope=$((inscope + 1))
	git -C "$tree" checkout -q -- .
	# an oracle call in the target, or the route targets' shared header
	if ! grep -qE 'nf_oracle_|route_common\.h' "$tree/targets/$t.c"; then
		row missed - - "target runs no oracle at $commit"
		continue
	fi
	clean=$work/clean/$t
	if [ ! -x "$clean" ]; then
		(cd "$tree" && nice -n 10 make -s -j"$jobs" "build/libfuzzer-address/$t" >"$work/build-$t.log" 2>&1) &&
			cp "$tree/build/libfuzzer-address/$t" "$clean" ||
			{ row error - - "clean build failed ($work/build-$t.log)"; failed=1; continue; }
	fi
	if ! err=$(apply "$m" 2>&1); then
		row error - - "apply: $err"
		failed=1
		continue
	fi
	if ! (cd "$tree" && nice -n 10 make -s -j"$jobs" "build/libfuzzer-address/$t" >"$work/build-$id.log" 2>&1); then
		row error - - "build failed ($work/build-$id.log)"
		failed=1
		git -C "$tree" checkout -q -- .
		continue
	fi
	bin=$tree/build/libfuzzer-address/$t
	if cmp -s "$bin" "$clean"; then
		row error - - "the mutant did not change the binary"
		failed=1
		git -C "$tree" checkout -q -- .
		continue
	fi
	run=$work/run-$id
	rm -rf "$run"
	l0=$(load)
	t0=$(date +%s)
	(cd "$tree" && exec nice -n 10 bin/netfuzz fuzz "$t" --seconds "$secs" --jobs "$jobs" --out "$run") >"$work/fuzz-$id.log" 2>&1 &
	pid=$!
	result=missed when=- note="" seen=""
	# The campaign's budget and its start-up; the corpus merge that follows
	# it is not waited for (it finds nothing the fuzzing phase did not run).
	for ((w = 0; w < secs + 20; w++)); do
		kill -0 "$pid" 2>/dev/null || break
		for c in "$run/crashes/$t"/crash-*; do
			[ -f "$c" ] || continue
			case " $seen " in *" $c "*) continue ;; esac
			seen="$seen $c"
			if oracle_trap "$bin" "$c" && clean_ok "$clean" "$c"; then
				start=$(awk -F, 'NR == 2 {printf "%d", $10 - $1}' "$run/stats/$t.csv" 2>/dev/null)
				[ -n "$start" ] || start=$t0
				when=$(($(stat -c %Y "$c") - start))
				result=caught
				note=$(timeout 60 "$bin" -runs=1 "$c" 2>&1 | grep -m1 -o 'netfuzz oracle [a-z-]*: [^(]*' | cut -c16-160)
				kill -INT "$pid" 2>/dev/null
				break 2
			else
				note="other crash $(basename "$c")"
			fi
		done
		sleep 1
	done
	kill -INT "$pid" 2>/dev/null
	for ((w = 0; w < 90; w++)); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
	kill -KILL "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	execs=$(awk -F, 'END {print $2}' "$run/stats/$t.csv" 2>/dev/null)
	[ "$result" = caught ] && caught=$((caught + 1))
	row "$result" "$when" "${execs:-?}" "load $l0${note:+; $note}"
	git -C "$tree" checkout -q -- .
done
{
	echo "# in scope: $inscope, caught: $caught ($(awk -v c=$caught -v n=$inscope 'BEGIN {printf "%.0f", n ? 100 * c / n : 0}')%); load at end $(load)"
} | tee -a "$out"
exit $failed
