#!/bin/bash -eu
# OSS-Fuzz / ClusterFuzzLite build script for netfuzz.
#
# Uses only what the base-builder image sets: $CC $CXX $CFLAGS $CXXFLAGS
# $LIB_FUZZING_ENGINE $SRC $WORK $OUT.  The source tree is $SRC/netfuzz (the
# Dockerfiles clone or COPY it there).  Every target from `make print-targets`
# lands in $OUT with <t>_seed_corpus.zip, <t>.dict and <t>.options beside it,
# so a target added to targets/ needs no edit here.
#
# MemorySanitizer builds (-fsanitize=memory in $CFLAGS) first build OpenSSL,
# libpcap, libmnl and jansson with MSan into $WORK/msan-deps (ci/msan-deps.sh,
# from the distribution's source packages) and link those statically.
SRC_DIR=$SRC/netfuzz
cd "$SRC_DIR"
export CC CXX CFLAGS CXXFLAGS LIB_FUZZING_ENGINE WORK OUT

msan=()
case " $CFLAGS " in
  *-fsanitize=memory*)
    MSAN_CC=$CC ci/msan-deps.sh "$WORK/msan-deps"
    msan=(MSAN_DEPS="$WORK/msan-deps") ;;
esac

make -j"$(nproc)" --no-print-directory targets "${msan[@]}"

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
