#!/usr/bin/env bash
# OSS-Fuzz integration, the fast part (make oss-fuzz-check does the full run):
#  - ci/oss-fuzz/build.sh with OSS-Fuzz's libFuzzer+ASan variables emits every
#    target of `make print-targets` with its dict, options and seed zip, and
#    writes nothing into the source tree;
#  - ci/check-build.sh's per-target check passes that build after $OUT moved,
#    and rejects a build linked without coverage instrumentation.
set -u
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
T=$(mktemp -d "${TMPDIR:-/tmp}/nf-ossfuzz.$$.XXXXXX")
trap '[ -n "${KEEP:-}" ] || rm -rf "$T"' EXIT
mkdir -p "$T/src" "$T/work" "$T/out" "$T/work2" "$T/bad"
ln -s "$ROOT" "$T/src/netfuzz"
# Keep make check fast: instead of the static libraries from source that
# build.sh normally builds into $WORK/deps (ci/build-deps.sh, minutes when
# cold; make oss-fuzz-check does that), a prebuilt prefix that declares all
# four unavailable, so targets link the system's with --as-needed.
mkdir -p "$T/work/deps/include" "$T/work/deps/lib"
printf '%s\n' openssl libpcap libmnl jansson > "$T/work/deps/UNAVAILABLE"
touch "$T/work/deps/.complete"
export NF_DEPS_UNAVAILABLE="openssl libpcap libmnl jansson"
before=$(git status --porcelain --untracked-files=all 2>/dev/null | grep -v '^?? build/' | sort)

base="-O1 -fno-omit-frame-pointer -gline-tables-only"
env -i PATH="$PATH" HOME="$HOME" CC=clang CXX=clang++ \
  CFLAGS="$base -fsanitize=address -fsanitize=fuzzer-no-link" CXXFLAGS="$base" \
  LIB_FUZZING_ENGINE=-fsanitize=fuzzer SRC="$T/src" WORK="$T/work" OUT="$T/out" \
  bash -eu ci/oss-fuzz/build.sh >"$T/build.log" 2>&1
rc=$?
targets=$(make -s --no-print-directory print-targets)
if [ $rc -ne 0 ]; then
  echo "not ok ossfuzz build.sh: exit $rc: $(tail -3 "$T/build.log" | tr '\n' ' ')"
else
  missing=""
  for t in $targets; do
    for f in "$t" "$t.dict" "$t.options" "${t}_seed_corpus.zip"; do
      [ -s "$T/out/$f" ] || missing+=" $f"
    done
  done
  if [ -z "$missing" ]; then echo "ok ossfuzz build.sh emits binary, dict, options, seed zip for: $targets"
  else echo "not ok ossfuzz build.sh: missing in \$OUT:$missing"; fi
fi

after=$(git status --porcelain --untracked-files=all 2>/dev/null | grep -v '^?? build/' | sort)
if [ "$before" = "$after" ]; then echo "ok ossfuzz build.sh writes nothing into the source tree"
else echo "not ok ossfuzz build.sh changed the source tree: $(diff <(echo "$before") <(echo "$after") | tr '\n' ' ')"; fi

# The check on the relocated $OUT ($WORK gone) must pass...
mv "$T/out" "$T/moved"; rm -rf "$T/work"
for t in $targets; do
  line=$(ci/check-build.sh --check-one libfuzzer-address "$T/moved" "$t")
  case $line in ok*) echo "ok ossfuzz check after relocation: $line" ;;
                *) echo "not ok ossfuzz check after relocation: $line" ;; esac
done

# ...and must fail on a build without -fsanitize=fuzzer-no-link (no edges).
t=$(echo "$targets" | awk '{print $1}')
env -i PATH="$PATH" HOME="$HOME" CC=clang CFLAGS="$base -fsanitize=address" \
  LIB_FUZZING_ENGINE=-fsanitize=fuzzer WORK="$T/work2" OUT="$T/bad" \
  make -s -j2 --no-print-directory "$T/bad/$t" >"$T/bad.log" 2>&1
cp "targets/$t.dict" "targets/$t.options" "$T/bad/"
cp "$T/moved/${t}_seed_corpus.zip" "$T/bad/" 2>/dev/null
if [ -x "$T/bad/$t" ]; then
  line=$(ci/check-build.sh --check-one libfuzzer-address "$T/bad" "$t")
else
  line="build of the uninstrumented $t failed: $(tail -2 "$T/bad.log" | tr '\n' ' ')"
fi
case $line in
  "not ok"*"not instrumented"*) echo "ok ossfuzz check rejects an uninstrumented $t" ;;
  *) echo "not ok ossfuzz check accepted an uninstrumented $t: $line" ;;
esac
