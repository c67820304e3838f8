#!/bin/bash -eu
# OSS-Fuzz / ClusterFuzzLite build script for netfuzz.
#
# Uses only what the base-builder image sets: $CC $CXX $CFLAGS $CXXFLAGS
# $LIB_FUZZING_ENGINE $SRC $WORK $OUT.  The source tree is $SRC/netfuzz (the
# Dockerfiles clone or COPY it there).  Every target from `make print-targets`
# lands in $OUT with <t>_seed_corpus.zip, <t>.dict and <t>.options beside it,
# so a target added to targets/ needs no edit here.
#
# The runner image that executes the targets has none of our libraries, and
# MSan needs them instrumented: so OpenSSL, libpcap, libmnl and jansson are
# first built with $CC $CFLAGS (this configuration's sanitizer and coverage
# instrumentation, so the fuzzer also sees coverage inside them) from the
# distribution's source packages into $WORK/deps (ci/build-deps.sh; sources
# fetched at image build time into $SRC/deps-src when present; cached per
# flags) and linked statically.
cd "$SRC/netfuzz"
export CC CXX CFLAGS CXXFLAGS LIB_FUZZING_ENGINE WORK OUT

DEPS_CC=$CC DEPS_CFLAGS=$CFLAGS DEPS_SRC_DIR=$SRC/deps-src ci/build-deps.sh "$WORK/deps"

make -j"$(nproc)" --no-print-directory targets DEPS_PREFIX="$WORK/deps"

for t in $(make -s --no-print-directory print-targets); do
  [ -x "$OUT/$t" ] || { echo "build.sh: $OUT/$t was not built" >&2; exit 1; }
  cp "targets/$t.dict" "targets/$t.options" "$OUT/"
  # Seeds plus the inputs of fixed regression cases (open ones would crash
  # the seed corpus check), flat: ClusterFuzz unpacks into one directory.
  seeds=()
  [ -d "corpora/$t" ] && seeds+=("corpora/$t")
  for meta in regressions/crashes/"$t"/*.json; do
    [ -e "$meta" ] && grep -q '"status" *: *"fixed"' "$meta" && seeds+=("${meta%.json}")
  done
  [ ${#seeds[@]} -gt 0 ] || { echo "build.sh: no seeds for $t (corpora/$t)" >&2; exit 1; }
  rm -f "$OUT/${t}_seed_corpus.zip"
  find "${seeds[@]}" -type f ! -name '.*' -print0 | xargs -0 zip -q -j "$OUT/${t}_seed_corpus.zip"
done
