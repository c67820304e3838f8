#!/usr/bin/env bash
# netfuzz fuzz with AFL++ (issue 15, 1): --out relative, absolute and with
# "..", and afl-fuzz refusing to start.  Campaign tier: AFL++ runs need the
# afl-clang-fast build (make check-campaign builds its libraries first).
# The libFuzzer side of these checks is tests/check.d/fuzz_cli.sh.
set -u
cd "$(dirname "$0")/../.."
ROOT=$PWD
NF=${NF:-$ROOT/bin/netfuzz}
T=rtmsg_darwin # small, fast, has seeds and a dictionary
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/cwd" "$tmp/cwd/sub"
# a user's own sanitizer options (make check sets these too) must not stop
# a campaign: afl-fuzz refuses ASAN_OPTIONS without abort_on_error=1
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

# --out relative, absolute and with "..": corpus and log land there
# (AFL++'s afl-cmin ran in another directory and lost both).
for engine in afl; do
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
done

# afl-fuzz refusing to start is an error that says why, not an empty
# campaign (MSAN_OPTIONS without exit_code=86 is one thing it refuses)
(cd "$tmp/cwd" && MSAN_OPTIONS=verbosity=0 "$NF" fuzz $T --engine afl --seconds 1 --out o-afl-bad) >/dev/null 2>"$tmp/bad.err"
rc=$?
[ $rc -eq 2 ] && grep -q "afl-fuzz did not start for $T (log: .*): Custom MSAN_OPTIONS set without exit_code=86" "$tmp/bad.err" &&
  ! grep -q $'\e' "$tmp/bad.err" && echo "ok fuzz: afl-fuzz not starting is exit 2 with its reason" ||
  echo "not ok fuzz: afl-fuzz not starting: exit $rc, '$(grep -v '^\S* *\[' "$tmp/bad.err" | head -c 300)'"

