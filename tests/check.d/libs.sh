#!/usr/bin/env bash
# Instrumented libraries (issue 14, docs/oracles.md):
#  - the Makefile's library flags equal OSS-Fuzz's CFLAGS as ci/check-build.sh
#    sets them, byte for byte, so make and oss-fuzz-check share the cache;
#  - DEPS=system / DEPS=bogus behave (own build dir; clear error, exit 2);
#  - build-deps.sh names the library, step and log of a failed build, falls
#    back to the system library and records it in STATUS (a fake library
#    build that fails, in a throwaway cache: no download, no compile).
set -u
cd "$(dirname "$0")/../.."
for pair in "libfuzzer address libfuzzer-address" "afl address afl-address" "coverage none libfuzzer-coverage"; do
  read -r eng san cfg <<<"$pair"
  ours=$(make -s --no-print-directory ENGINE=$eng SANITIZER=$san print-deps-flags)
  theirs=$(bash -c 'source <(sed -n "/^config_env()/,/^}/p" ci/check-build.sh); config_env "$1"; printf "%s" "$CFLAGS"' _ "$cfg")
  if [ "$ours" = "$theirs" ]; then echo "ok libs flags $eng-$san = OSS-Fuzz $cfg"
  else echo "not ok libs flags $eng-$san: '$ours' != OSS-Fuzz $cfg '$theirs'"; fi
done

b=$(make -s --no-print-directory DEPS=system ENGINE=libfuzzer libs)
case $b in "libraries: system (DEPS=system)") echo "ok libs DEPS=system links the system libraries" ;;
  *) echo "not ok libs DEPS=system says: $b" ;; esac
err=$(make -s --no-print-directory DEPS=bogus print-targets 2>&1); rc=$?
if [ $rc -eq 2 ] && grep -q "DEPS must be instrumented or system, not 'bogus'" <<<"$err"; then
  echo "ok libs DEPS=bogus: exit 2 with a clear message"
else echo "not ok libs DEPS=bogus: exit $rc: $err"; fi

# A failing library build: a fake source package whose configure fails.
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/src"
out=$(NETFUZZ_CACHE=$tmp/cache DEPS_SRC_DIR=$tmp/src DEPS_CFLAGS="-O1 -DNF_TEST_FAIL_$$" \
      NF_BUILD_DEPS_ONLY=jansson NF_BUILD_DEPS_FAKE_FAIL=configure ci/build-deps.sh "$tmp/prefix" 2>&1); rc=$?
if [ $rc -eq 0 ] && grep -q "jansson: build failed at step configure, log $tmp/cache/logs/" <<<"$out" &&
   grep -q "jansson is linked from the system library instead" <<<"$out" &&
   grep -q "^jansson system (build failed at step configure, log " "$tmp/prefix/STATUS"; then
  echo "ok libs a failed library build names library, step and log, and falls back to the system"
else
  echo "not ok libs failed build: exit $rc; output: $(tr '\n' '|' <<<"$out" | cut -c1-400)"
fi
