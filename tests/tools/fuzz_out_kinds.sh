# Sourced by tests/check.d/fuzz_cli.sh (libFuzzer) and
# tests/campaign.d/fuzz_afl.sh (AFL++): one --out check for both engines.
# check_out_kinds ENGINE: `netfuzz fuzz $T --engine ENGINE` with --out
# relative, absolute and with "..", run from $tmp/cwd; the corpus and the
# log must land there (AFL++'s afl-cmin once ran in another directory and
# lost both).  Leaves $tmp/ENGINE-KIND.{out,err}.
# Sourcing it sets up what both scripts use: NF (the netfuzz under test; NF=
# runs another build), T (a small, fast target with seeds and a dictionary
# that links no library), $tmp with cwd/ and cwd/sub/ in it (removed on
# exit), and sanitizer options a campaign accepts.
ROOT=$PWD
NF=${NF:-$ROOT/bin/netfuzz}
T=rtmsg_darwin # small, fast, has seeds and a dictionary
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/cwd" "$tmp/cwd/sub"
# a user's own sanitizer options (make check sets these too) must not stop
# a campaign: afl-fuzz refuses ASAN_OPTIONS without abort_on_error=1
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
check_out_kinds() {
  local engine=$1 kind out where rc n after
  for kind in relative absolute dotdot; do
    case $kind in
      relative) out=o-$engine; where=$tmp/cwd/o-$engine ;;
      absolute) out=$tmp/abs-$engine; where=$out ;;
      dotdot) out=sub/../dd-$engine; where=$tmp/cwd/dd-$engine ;;
    esac
    (cd "$tmp/cwd" && "$NF" fuzz $T --engine $engine --seconds 2 --out "$out") >"$tmp/$engine-$kind.out" 2>"$tmp/$engine-$kind.err"
    rc=$?
    n=$(find "$where/corpus/$T" -type f 2>/dev/null | wc -l)
    after=$(sed -n "s/^$T .* \([0-9]*\) -> \([0-9]*\) .*/\2/p" "$tmp/$engine-$kind.out")
    if [ $rc -ne 0 ]; then echo "not ok fuzz --out $kind ($engine): exit $rc: $(grep -v '^\S* *\[' "$tmp/$engine-$kind.err" | head -c 300)"
    elif grep -q 'cannot create\|Directory nonexistent' "$tmp/$engine-$kind.err"; then echo "not ok fuzz --out $kind ($engine): $(grep -m1 'cannot create\|nonexistent' "$tmp/$engine-$kind.err")"
    elif [ "$n" -eq 0 ] || [ "${after:-0}" -ne "$n" ]; then echo "not ok fuzz --out $kind ($engine): $n inputs in $where/corpus/$T, summary says '${after:-nothing}'"
    elif [ ! -s "$where/logs/$T.log" ]; then echo "not ok fuzz --out $kind ($engine): no log at $where/logs/$T.log"
    else echo "ok fuzz --out $kind ($engine): $n inputs in the corpus, log kept"; fi
  done
}
