#!/usr/bin/env bash
# make coverage: replay each target's corpora through its coverage build
# (ENGINE=coverage SANITIZER=none: clang -fprofile-instr-generate
# -fcoverage-mapping), merge the profiles with llvm-profdata, write
# llvm-cov's HTML to out/coverage/<target>/index.html and print a
# per-target summary (llvm-cov report) in the terminal.  The coverage build
# links OpenSSL, libpcap and jansson built with the same coverage flags
# (DEPS=instrumented, issue 14): their coverage is reported on its own line
# ("libraries"), apart from the project's (src/, targets/).
#   ci/coverage.sh TARGET...
set -uo pipefail
cd "$(dirname "$0")/.."
B=build/coverage-none
OUT=out/coverage
rc=0
mkdir -p "$OUT"
summary=()
for t in "$@"; do
  inputs=()
  for d in "corpora/$t" "out/corpus/$t"; do
    [ -d "$d" ] && [ -n "$(ls -A "$d")" ] && inputs+=("$d")
  done
  if [ ${#inputs[@]} -eq 0 ]; then
    echo "coverage: $t has no corpus (corpora/$t, out/corpus/$t); skipped" >&2; continue
  fi
  prof="$B/profraw/$t"
  rm -rf "$prof"; mkdir -p "$prof"
  # regressions hold open crashes too: replay them one by one so a crash
  # does not stop the corpus replay; their profile still counts.
  LLVM_PROFILE_FILE="$prof/corpus-%p.profraw" NETFUZZ_QUIET=1 "$B/$t" "${inputs[@]}" >/dev/null 2>&1 ||
    echo "coverage: replaying ${inputs[*]} through $B/$t failed (exit $?)" >&2
  if [ -d "regressions/crashes/$t" ]; then
    for f in regressions/crashes/"$t"/*; do
      case "$f" in *.json) continue ;; esac
      [ -f "$f" ] || continue
      LLVM_PROFILE_FILE="$prof/case-%p.profraw" NETFUZZ_QUIET=1 timeout 30 "$B/$t" "$f" >/dev/null 2>&1
    done
  fi
  if ! ls "$prof"/*.profraw >/dev/null 2>&1; then
    echo "coverage: no profile written for $t" >&2; rc=1; continue
  fi
  llvm-profdata merge -sparse "$prof"/*.profraw -o "$B/$t.profdata" || { rc=1; continue; }
  llvm-cov show "$B/$t" -instr-profile="$B/$t.profdata" -format=html -output-dir="$OUT/$t" \
    -show-line-counts-or-regions src include targets >/dev/null || rc=1
  echo "== $t (inputs: ${inputs[*]})"
  llvm-cov report "$B/$t" -instr-profile="$B/$t.profdata" src targets | sed 's/^/  /'
  total=$(llvm-cov report "$B/$t" -instr-profile="$B/$t.profdata" src targets | awk '/^TOTAL/ {print "regions " $4 ", functions " $7 ", lines " $10}')
  # Everything that is not ours nor a system header: the libraries built
  # from source by ci/build-deps.sh (their build tree paths).
  libtotal=$(llvm-cov report "$B/$t" -instr-profile="$B/$t.profdata" \
               -ignore-filename-regex='^(src|targets|include|tests)/|^/usr/' 2>/dev/null |
             awk '/^TOTAL/ && $2 > 0 {print "regions " $4 ", functions " $7 ", lines " $10}')
  summary+=("$(printf '%-22s project:   %s   out/coverage/%s/index.html' "$t" "$total" "$t")")
  summary+=("$(printf '%-22s libraries: %s' "" "${libtotal:-none instrumented (DEPS=system, or the target calls none)}")")
done
echo
echo "coverage summary (llvm-cov report; project = src/ targets/, libraries = OpenSSL, libpcap, jansson from source):"
printf '  %s\n' "${summary[@]}"
exit $rc
