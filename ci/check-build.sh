#!/usr/bin/env bash
# make oss-fuzz-check: simulate OSS-Fuzz's build and its bad_build_check
# locally, without Docker.
#
#   ci/check-build.sh [CONFIG...]     default: every config below
#
# For each CONFIG it exports the variables base-builder's `compile` sets
# (CC CXX CFLAGS CXXFLAGS LIB_FUZZING_ENGINE SANITIZER FUZZING_ENGINE
# ARCHITECTURE FUZZING_LANGUAGE, plus SRC WORK OUT), runs ci/oss-fuzz/build.sh
# into a fresh $OUT, moves $OUT to a new path and hides $WORK (so a binary
# that needs its build paths fails), then checks every target found there
# the way infra/base-images/base-runner/bad_build_check does:
#   arch     `file` says x86-64
#   libs     no shared library beyond the C/C++ runtime (OSS-Fuzz's runner
#            image has none of ours; build.sh links them statically), except
#            one whose source ci/build-deps.sh could not fetch: noted, and
#            under MSan the target is reported "ok ... # SKIP"
#   san      calls into the sanitizer runtime counted in `objdump -d`, with
#            bad_build_check's thresholds (ASan build: >= 1000 __asan calls,
#            <= 3 __msan, <= 200 __ubsan; UBSan: 0 __asan, >= 168 __ubsan;
#            MSan: >= 1000 __msan, 0 __asan); coverage: profile runtime linked
#   edges    libFuzzer: `-seed=1337 -runs=4` ends "Done 4 runs" and reports
#            >= 100 instrumented edges ("INFO: Loaded N modules (M ...): M");
#            coverage build: >= 100 instrumented regions in llvm-cov's report
#   seeds    libFuzzer: -runs=4 over the unzipped <t>_seed_corpus.zip with
#            <t>.dict exits 0 (coverage build: -runs=0 writes a profile)
#   afl      AFL++: afl-fuzz with AFL_NO_UI (and AFL_MAP_SIZE when the target
#            outgrows the default map) reaches "All set and ready to roll",
#            the target neither crashed nor terminated, and its "Target map
#            size" (edges) is >= 100
# Results are TAP lines "ok CONFIG TARGET: ..." / "not ok CONFIG TARGET: ...";
# exit 1 when any fails.  Objects persist per config in
# build/oss-fuzz-check/CONFIG/work, so a rerun only rebuilds what changed.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
BASE=$ROOT/build/oss-fuzz-check
ALL_CONFIGS="libfuzzer-address libfuzzer-undefined libfuzzer-coverage libfuzzer-memory afl-address"
MIN_EDGES=100
AFL_DRIVER=${AFL_DRIVER:-/usr/lib/afl/libAFLDriver.a}

# --------------------------------------------------------------- environment
# The flags of base-clang / base-builder (infra/base-images) for each config.
config_env() { # CONFIG -> exports
  local cfg=$1 san_flags cov_flags
  export FUZZING_LANGUAGE=c ARCHITECTURE=x86_64
  export FUZZING_ENGINE=${cfg%%-*} SANITIZER=${cfg#*-}
  case $SANITIZER in
    address)   san_flags="-fsanitize=address -fsanitize-address-use-after-scope" ;;
    undefined) local u=array-bounds,bool,builtin,enum,float-divide-by-zero,function,integer-divide-by-zero,null,object-size,return,returns-nonnull-attribute,shift,signed-integer-overflow,unsigned-integer-overflow,unreachable,vla-bound,vptr
               san_flags="-fsanitize=$u -fno-sanitize-recover=${u/unsigned-integer-overflow,/}" ;;
    memory)    san_flags="-fsanitize=memory -fsanitize-memory-track-origins" ;;
    coverage)  san_flags="" ;;
  esac
  cov_flags="-fsanitize=fuzzer-no-link"
  [ "$SANITIZER" = coverage ] &&
    cov_flags="-fprofile-instr-generate -fcoverage-mapping -pthread -Wl,--no-as-needed -Wl,-ldl -Wl,-lm -Wno-unused-command-line-argument"
  if [ "$FUZZING_ENGINE" = afl ]; then
    export CC=afl-clang-fast CXX=afl-clang-fast++ LIB_FUZZING_ENGINE=$AFL_DRIVER
    cov_flags=""
  else
    export CC=clang CXX=clang++ LIB_FUZZING_ENGINE=-fsanitize=fuzzer
  fi
  export CFLAGS="-O1 -fno-omit-frame-pointer -gline-tables-only -DFUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION $san_flags $cov_flags"
  export CXXFLAGS="$CFLAGS"
  export UBSAN_OPTIONS=silence_unsigned_overflow=1:print_stacktrace=1
  export AFL_QUIET=1
}

# --------------------------------------------------------------- one target
# check_one CONFIG DIR TARGET: prints one TAP line; exit status = result.
check_one() {
  local cfg=$1 dir=$2 t=$3
  local bin=$dir/$t s=$dir/.check/$t fails=() info=()
  config_env "$cfg"
  [ -x "$bin" ] || { echo "not ok $cfg $t: build.sh left no executable \$OUT/$t"; return 1; }
  rm -rf "$s"; mkdir -p "$s/seeds" "$s/new"
  cd "$s" || return 1

  file -L "$bin" | grep -q 'x86-64' || fails+=("file does not say x86-64")

  # Shared libraries: OSS-Fuzz's runner image has only the C/C++ runtime, so
  # build.sh links OpenSSL, libpcap, libmnl and jansson statically from
  # ci/build-deps.sh.  A library whose source the apt mirror could not serve
  # (NF_DEPS_UNAVAILABLE, from $WORK/deps/UNAVAILABLE) is linked from the
  # system: noted here, and under MSan (uninstrumented: false reports) the
  # target is skipped.  Any other shared library fails the check.
  local lib pkg extra="" unavail=""
  for lib in $(readelf -d "$bin" 2>/dev/null | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
    case $lib in
      libc.so*|libm.so*|libdl.so*|libpthread.so*|librt.so*|libgcc_s.so*|libstdc++.so*|libresolv.so*|ld-linux*) continue ;;
      libssl.so*|libcrypto.so*) pkg=openssl ;;
      libpcap.so*) pkg=libpcap ;; libmnl.so*) pkg=libmnl ;; libjansson.so*) pkg=jansson ;;
      *) pkg="" ;;
    esac
    if [ -n "$pkg" ] && [[ " ${NF_DEPS_UNAVAILABLE:-} " == *" $pkg "* ]]; then unavail+="$lib "
    else extra+="$lib "; fi
  done
  [ -z "$extra" ] || fails+=("needs ${extra% } (OSS-Fuzz's runner image lacks it: link it statically)")
  if [ -n "$unavail" ]; then
    if [ "$SANITIZER" = memory ] && [ ${#fails[@]} -eq 0 ]; then
      echo "ok $cfg $t # SKIP calls uninstrumented ${unavail% } (its source was not fetchable; see build.log)"
      return 0
    fi
    info+=("system:${unavail% }")
  fi

  # sanitizer runtime calls (bad_build_check: check_mixed_sanitizers)
  local counts asan msan ubsan
  counts=$(objdump -d "$bin" | awk '
    /call[q]? +[0-9a-f]+ <__asan/ {a++} /call[q]? +[0-9a-f]+ <__msan/ {m++}
    /call[q]? +[0-9a-f]+ <__ubsan/ {u++} END {print a+0, m+0, u+0}')
  read -r asan msan ubsan <<<"$counts"
  case $SANITIZER in
    address)   ((asan >= 1000)) || fails+=("only $asan __asan calls (< 1000)")
               ((msan <= 3)) || fails+=("$msan __msan calls in an ASan build")
               ((ubsan <= 200)) || fails+=("$ubsan __ubsan calls in an ASan build") ;;
    undefined) ((asan == 0)) || fails+=("$asan __asan calls in a UBSan build")
               ((msan <= 3)) || fails+=("$msan __msan calls in a UBSan build")
               ((ubsan >= 168)) || fails+=("only $ubsan __ubsan calls (< 168)") ;;
    memory)    ((msan >= 1000)) || fails+=("only $msan __msan calls (< 1000)")
               ((asan == 0)) || fails+=("$asan __asan calls in an MSan build")
               ((ubsan <= 200)) || fails+=("$ubsan __ubsan calls in an MSan build") ;;
    coverage)  [ "$(nm "$bin" 2>/dev/null | grep -c ' __llvm_profile_runtime$')" -gt 0 ] ||
                 fails+=("no profile runtime linked") ;;
  esac
  info+=("asan=$asan msan=$msan ubsan=$ubsan")

  local nseeds=0
  if [ -f "$dir/${t}_seed_corpus.zip" ]; then
    unzip -q -o "$dir/${t}_seed_corpus.zip" -d seeds && nseeds=$(find seeds -type f | wc -l)
  fi
  ((nseeds > 0)) || fails+=("empty or missing ${t}_seed_corpus.zip")
  [ -f "$dir/$t.dict" ] && [ -f "$dir/$t.options" ] || fails+=("$t.dict or $t.options missing from \$OUT")
  info+=("seeds=$nseeds")

  if [ "$FUZZING_ENGINE" = libfuzzer ] && [ "$SANITIZER" != coverage ]; then
    local edges
    "$bin" -seed=1337 -runs=4 >startup.log 2>&1
    grep -q 'Done 4 runs' startup.log || fails+=("startup: no 'Done 4 runs' (see $s/startup.log)")
    edges=$(sed -n 's/^INFO: Loaded [0-9]* modules\{0,1\} *([0-9]* [^)]*): *\([0-9]*\).*/\1/p' startup.log | head -1)
    if [ -z "$edges" ]; then fails+=("no 'INFO: Loaded' line (not instrumented?)")
    elif ((edges < MIN_EDGES)); then fails+=("only $edges edges (< $MIN_EDGES)"); fi
    info+=("edges=${edges:-?}")
    if ((nseeds > 0)); then
      "$bin" -seed=1337 -runs=4 -dict="$dir/$t.dict" new seeds >seeds.log 2>&1 ||
        fails+=("crash or error on the seed corpus (see $s/seeds.log)")
    fi
  elif [ "$SANITIZER" = coverage ]; then
    local regions covered
    LLVM_PROFILE_FILE=$s/cov-%p.profraw "$bin" -runs=0 seeds >seeds.log 2>&1 ||
      fails+=("crash or error on the seed corpus (see $s/seeds.log)")
    if ls cov-*.profraw >/dev/null 2>&1 && llvm-profdata merge -sparse cov-*.profraw -o cov.profdata 2>>seeds.log; then
      read -r regions covered < <(llvm-cov report "$bin" -instr-profile=cov.profdata 2>>seeds.log |
        awk '/^TOTAL/ {print $2, $2 - $3}')
      if [ -z "${regions:-}" ] || ((regions < MIN_EDGES)); then
        fails+=("only ${regions:-0} instrumented regions (< $MIN_EDGES)")
      fi
      info+=("regions=${regions:-?} covered=${covered:-?}")
    else
      fails+=("no coverage profile written (see $s/seeds.log)")
    fi
  elif [ "$FUZZING_ENGINE" = afl ]; then
    # As bad_build_check: AFL_NO_UI, a generous fork-server timeout, stop
    # with SIGINT; -V bounds the run to a few seconds once it is fuzzing.
    mkdir -p in
    if ((nseeds > 0)); then cp seeds/* in/; else printf 'x' > in/x; fi
    # Targets with more edges than AFL++'s default map (64 Ki, e.g. with an
    # instrumented OpenSSL) need AFL_MAP_SIZE, as afl-fuzz itself says: the
    # size the target reports under AFL_DEBUG (__afl_final_loc), rounded up.
    local loc
    loc=$(AFL_DEBUG=1 "$bin" "$(ls -d in/* | head -1)" 2>&1 | sed -n 's/.*__afl_final_loc = \([0-9]*\).*/\1/p' | head -1)
    if [ -n "$loc" ] && ((loc > 65536)); then export AFL_MAP_SIZE=$(( (loc + 63) / 64 * 64 )); info+=("AFL_MAP_SIZE=$AFL_MAP_SIZE"); fi
    AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 \
    AFL_FORKSRV_INIT_TMOUT=30000 AFL_NO_CRASH_README=1 AFL_SKIP_BIN_CHECK=0 \
      timeout --preserve-status -s INT 35s afl-fuzz -V 1 -i in -o afl-out -x "$dir/$t.dict" -- "$bin" >afl.log 2>&1
    grep -q 'All set and ready to roll' afl.log || fails+=("afl-fuzz never 'All set and ready to roll' (see $s/afl.log)")
    grep -Eq 'target binary (crashed|terminated)' afl.log && fails+=("afl-fuzz: target crashed or terminated (see $s/afl.log)")
    # afl-fuzz prints "Target map size: N": the instrumented edges.
    local execs edges
    edges=$(sed 's/\x1b\[[0-9;]*m//g' afl.log | sed -n 's/.*Target map size: \([0-9]*\).*/\1/p' | head -1)
    if [ -z "$edges" ]; then fails+=("afl-fuzz printed no 'Target map size'")
    elif ((edges < MIN_EDGES)); then fails+=("only $edges edges (< $MIN_EDGES)"); fi
    execs=$(sed -n 's/^execs_done *: *//p' afl-out/default/fuzzer_stats 2>/dev/null)
    info+=("edges=${edges:-?} afl_execs=${execs:-?}")
  fi

  if [ ${#fails[@]} -eq 0 ]; then
    echo "ok $cfg $t: ${info[*]}"
  else
    local msg f
    msg=$(for f in "${fails[@]}"; do printf '%s; ' "$f"; done)
    echo "not ok $cfg $t: ${msg%; }  [${info[*]}]"
    return 1
  fi
}

if [ "${1:-}" = --check-one ]; then
  shift; check_one "$@"; exit $?
fi

# --------------------------------------------------------------- main
configs=${*:-$ALL_CONFIGS}
for c in $configs; do
  case " $ALL_CONFIGS " in *" $c "*) ;; *) echo "check-build: unknown config '$c' (one of: $ALL_CONFIGS)" >&2; exit 2 ;; esac
done
mkdir -p "$BASE/src"
ln -sfn "$ROOT" "$BASE/src/netfuzz"
pass=0 fail=0 skip=0 t_all=$(date +%s)
summary=()

for cfg in $configs; do
  d=$BASE/$cfg
  mkdir -p "$d/work"
  rm -rf "$d/out.build" "$d/out"
  mkdir -p "$d/out.build"
  t0=$(date +%s)
  # build.sh runs in a clean environment holding only what base-builder sets.
  ( config_env "$cfg"
    export SRC=$BASE/src WORK=$d/work OUT=$d/out.build
    env -i PATH="$PATH" HOME="$HOME" TMPDIR="${TMPDIR:-/tmp}" \
      CC="$CC" CXX="$CXX" CFLAGS="$CFLAGS" CXXFLAGS="$CXXFLAGS" LIB_FUZZING_ENGINE="$LIB_FUZZING_ENGINE" \
      SANITIZER="$SANITIZER" FUZZING_ENGINE="$FUZZING_ENGINE" ARCHITECTURE="$ARCHITECTURE" \
      FUZZING_LANGUAGE="$FUZZING_LANGUAGE" SRC="$SRC" WORK="$WORK" OUT="$OUT" AFL_QUIET=1 \
      bash -eu "$SRC/netfuzz/ci/oss-fuzz/build.sh" ) >"$d/build.log" 2>&1
  rc=$?
  t1=$(date +%s)
  NF_DEPS_UNAVAILABLE=$(cat "$d/work/deps/UNAVAILABLE" 2>/dev/null | tr '\n' ' ')
  export NF_DEPS_UNAVAILABLE
  # The relocation: $OUT moves, $WORK disappears while the checks run.
  mv "$d/out.build" "$d/out"
  mv "$d/work" "$d/work.hidden"
  targets=$(make -s --no-print-directory print-targets)
  if [ $rc -ne 0 ]; then
    for t in $targets; do
      echo "not ok $cfg $t: build.sh failed (exit $rc, see $d/build.log)"; fail=$((fail + 1))
    done
    tail -5 "$d/build.log" | sed 's/^/#   /'
  else
    # One fuzzer at a time for AFL; the short libFuzzer checks two at a time.
    par=2; [ "${cfg%%-*}" = afl ] && par=1
    while IFS= read -r line; do
      echo "$line"
      case $line in *"# SKIP"*) skip=$((skip + 1)) ;; ok*) pass=$((pass + 1)) ;; *) fail=$((fail + 1)) ;; esac
    done < <(printf '%s\n' $targets | xargs -P"$par" -I{} bash "$ROOT/ci/check-build.sh" --check-one "$cfg" "$d/out" {})
  fi
  mv "$d/work.hidden" "$d/work"
  t2=$(date +%s)
  summary+=("$(printf '%-20s build %4ss  checks %4ss' "$cfg" $((t1 - t0)) $((t2 - t1)))")
done

echo "# timing"
printf '#   %s\n' "${summary[@]}"
echo "# oss-fuzz-check: $(echo $configs | wc -w) configs, $((pass + fail + skip)) target checks ($skip skipped), $(( $(date +%s) - t_all ))s"
echo "oss-fuzz-check: $pass passed, $fail failed"
[ $fail -eq 0 ]
