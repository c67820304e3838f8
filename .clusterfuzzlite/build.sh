#!/bin/bash -eu
# ClusterFuzzLite build: the same script OSS-Fuzz runs (ci/oss-fuzz/build.sh),
# so both stay one build; it uses only $CC $CXX $CFLAGS $CXXFLAGS
# $LIB_FUZZING_ENGINE $SRC $WORK $OUT.
exec bash -eu "$SRC/netfuzz/ci/oss-fuzz/build.sh"
