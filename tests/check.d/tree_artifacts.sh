#!/usr/bin/env bash
# No fuzzer artifact is tracked outside regressions/ and tests/.  libFuzzer
# names what it finds crash-*, leak-*, timeout-*, oom-* and writes it into
# the current directory; such a file left at the root or in bench/ is a
# finding nobody triaged.  A real one is filed with `netfuzz triage --file`
# (regressions/crashes/<t>/) or kept as test data under tests/.
set -u
cd "$(dirname "$0")/../.."

# artifacts_in DIR: the tracked artifact-named files under DIR (a git tree).
artifacts_in() {
  git -C "$1" ls-files -- ':(glob)**/crash-*' ':(glob)**/leak-*' ':(glob)**/timeout-*' ':(glob)**/oom-*' |
    grep -vE '^(regressions|tests)/'
}

if ! git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  echo "ok tree artifacts # SKIP not a git checkout"
  exit 0
fi
found=$(artifacts_in .)
if [ -z "$found" ]; then echo "ok tree artifacts: no crash-/leak-/timeout-/oom- file tracked outside regressions/ and tests/"
else echo "not ok tree artifacts: tracked outside regressions/ and tests/: $(printf '%s ' $found)"; fi

# The check itself: in a throwaway repository, a root crash- file and a
# bench/ leak- file are found; the same names under regressions/ and tests/
# are not.
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
git -C "$tmp" init -q
mkdir -p "$tmp/bench/out" "$tmp/regressions/crashes/t" "$tmp/tests/data"
for f in crash-1 bench/out/leak-2 regressions/crashes/t/crash-3 tests/data/oom-4 bench/timeout.txt; do
  echo x > "$tmp/$f"
done
git -C "$tmp" add -A
got=$(artifacts_in "$tmp" | tr '\n' ' ')
if [ "$got" = "bench/out/leak-2 crash-1 " ]; then echo "ok tree artifacts: the check finds a planted crash-/leak- file and passes regressions/, tests/"
else echo "not ok tree artifacts: planted crash-1, bench/out/leak-2; the check found '$got'"; fi
