#!/usr/bin/env bash
# netfuzz fuzz with AFL++ (issue 15, 1): --out relative, absolute and with
# "..", and afl-fuzz refusing to start.  Campaign tier: AFL++ runs need the
# afl-clang-fast build (make check-campaign builds its libraries first).
# The libFuzzer side of these checks is tests/check.d/fuzz_cli.sh.
set -u
cd "$(dirname "$0")/../.."
# The set-up both engines' --out checks share ($ROOT, $NF, $T, $tmp and
# the sanitizer options), then: --out relative, absolute and with "..".
. tests/tools/fuzz_out_kinds.sh
check_out_kinds afl

# afl-fuzz refusing to start is an error that says why, not an empty
# campaign (MSAN_OPTIONS without exit_code=86 is one thing it refuses)
(cd "$tmp/cwd" && MSAN_OPTIONS=verbosity=0 "$NF" fuzz $T --engine afl --seconds 1 --out o-afl-bad) >/dev/null 2>"$tmp/bad.err"
rc=$?
[ $rc -eq 2 ] && grep -q "afl-fuzz did not start for $T (log: .*): Custom MSAN_OPTIONS set without exit_code=86" "$tmp/bad.err" &&
  ! grep -q $'\e' "$tmp/bad.err" && echo "ok fuzz: afl-fuzz not starting is exit 2 with its reason" ||
  echo "not ok fuzz: afl-fuzz not starting: exit $rc, '$(grep -v '^\S* *\[' "$tmp/bad.err" | head -c 300)'"

