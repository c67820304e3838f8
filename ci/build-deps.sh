#!/usr/bin/env bash
# Build the C libraries netfuzz targets link (OpenSSL, libpcap, libmnl,
# jansson) from the distribution's source packages of the installed
# versions, as static archives, for two uses:
#
#   ci/build-deps.sh --msan PREFIX    MemorySanitizer builds.  MSan reports a
#                                     false "use-of-uninitialized-value" for
#                                     every byte an uninstrumented library
#                                     writes, so MSan targets must link
#                                     instrumented copies of all of them.
#   DEPS_CFLAGS=... ci/build-deps.sh PREFIX
#                                     builds with exactly those flags (and
#                                     $DEPS_CC): ci/oss-fuzz/build.sh passes
#                                     OSS-Fuzz's $CC $CFLAGS.  OSS-Fuzz runs
#                                     targets in its runner image, which has
#                                     none of these libraries, so $OUT must
#                                     not need their .so files (and Debian's
#                                     own libpcap.a needs libdbus+libsystemd).
#   ci/build-deps.sh PREFIX           the same, plain -O1 (no instrumentation).
#   ci/build-deps.sh --fetch-only DIR download the source packages into DIR
#                                     (the Dockerfiles do this at image build
#                                     time; set DEPS_SRC_DIR=DIR to use them).
#
# Compiler: $DEPS_CC (default clang); build.sh passes OSS-Fuzz's $CC.
# PREFIX gets include/ and lib/*.a.  The build is cached machine-wide under
# $NETFUZZ_CACHE (default /var/cache/netfuzz, else ~/.cache/netfuzz) keyed by
# the package versions, the compiler and the flags, so every clone and CI
# run on the machine reuses it; PREFIX becomes a symlink to the cache entry.
#
# `apt-get source` needs deb-src lines: when none are configured, this adds
# /etc/apt/sources.list.d/netfuzz-src.{sources,list} with the same URIs and
# suites as the existing deb lines (the same mirror, nothing else) and runs
# apt-get update once.  A package whose source the mirror cannot serve is
# left out and listed in PREFIX/UNAVAILABLE (retried on the next run); the
# Makefile links it dynamically with --as-needed, so only targets calling it
# depend on it, and ci/check-build.sh names them.
# Exit codes: 0 ok (possibly with UNAVAILABLE entries), 1 a build failed,
# 2 usage error or a -dev package missing.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { echo "build-deps: $*" >&2; }
mode=plain
case ${1:-} in
  --msan) mode=msan; shift ;;
  --fetch-only) mode=fetch; shift ;;
esac
[ $# -eq 1 ] || { echo "usage: ci/build-deps.sh [--msan | --fetch-only] DIR" >&2; exit 2; }
PREFIX=$1
CC=${DEPS_CC:-clang}
JOBS=${DEPS_JOBS:-2}
# -fPIC so the archives link into PIE executables too.
FLAGS="-O1 -g -gline-tables-only -fno-omit-frame-pointer -fPIC"
[ $mode = msan ] && FLAGS="-fsanitize=memory -fsanitize-memory-track-origins $FLAGS"
# DEPS_CFLAGS: the caller's exact flags (build.sh passes OSS-Fuzz's $CFLAGS,
# so the libraries carry the same sanitizer and coverage instrumentation as
# the targets, as OSS-Fuzz projects build their dependencies).
if [ -n "${DEPS_CFLAGS:-}" ]; then
  FLAGS="$DEPS_CFLAGS -fPIC"
  mode=cflags
  case " $FLAGS " in *-fsanitize=memory*) mode=cflags-msan ;; esac
fi
# source package : the -dev package whose installed version we match
PKGS=(openssl:libssl-dev libpcap:libpcap-dev libmnl:libmnl-dev jansson:libjansson-dev)
# Test hooks (tests/check.d/libs.sh): NF_BUILD_DEPS_ONLY=LIB builds that
# library alone; NF_BUILD_DEPS_FAKE_FAIL=STEP makes each library fail at
# STEP without fetching or compiling anything.
if [ -n "${NF_BUILD_DEPS_ONLY:-}" ]; then
  only=(); for pv in "${PKGS[@]}"; do [ "${pv%%:*}" = "$NF_BUILD_DEPS_ONLY" ] && only+=("$pv"); done
  PKGS=("${only[@]}")
fi

versions=""
for pv in "${PKGS[@]}"; do
  src=${pv%%:*} dev=${pv#*:}
  v=$(dpkg-query -W -f '${source:Version}' "$dev" 2>/dev/null) ||
    { say "$dev is not installed (run ci/install-deps.sh)"; exit 2; }
  versions+="$src=$v "
done

# ------------------------------------------------------------ deb-src lines
have_src() {
  grep -rqsE '^(deb-src |Types:.*deb-src)' /etc/apt/sources.list /etc/apt/sources.list.d/
}
ensure_deb_src() {
  have_src && return 0
  [ "$(id -u)" -eq 0 ] || { say "no deb-src lines in the apt sources and not root: add them and rerun"; return 1; }
  local out=/etc/apt/sources.list.d/netfuzz-src f
  say "adding deb-src entries (same mirrors as the deb entries) to $out.*"
  : > "$out.sources.tmp"; : > "$out.list.tmp"
  # deb822 files: each enabled stanza whose Types include deb, as deb-src.
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -e "$f" ] && [ "$f" != "$out.sources" ] || continue
    awk 'BEGIN{RS=""; ORS="\n\n"}
         /(^|\n)Types:[^\n]*deb([ \n]|$)/ && !/(^|\n)Enabled: *no/ {
           sub(/(^|\n)Types:[^\n]*/, "\nTypes: deb-src"); sub(/^\n/, ""); print }' "$f" >> "$out.sources.tmp"
  done
  # one-line files: deb -> deb-src.
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -e "$f" ] && [ "$f" != "$out.list" ] || continue
    sed -n 's/^deb \(.*\)$/deb-src \1/p' "$f" >> "$out.list.tmp"
  done
  for f in sources list; do
    if [ -s "$out.$f.tmp" ]; then mv "$out.$f.tmp" "$out.$f"; else rm -f "$out.$f.tmp"; fi
  done
  apt-get update -qq
}

# fetch SRC VERSION DIR: the source package into DIR (download only).
# A security update can leave the installed version no longer in the
# archive, and a mirror may list versions whose files it lacks: then the
# newest fetchable version of the same package is used (same upstream
# series; linked statically with its own headers).
fetch() {
  local src=$1 v=$2 dir=$3 alt
  ( cd "$dir" && apt-get source -qq --download-only --only-source "$src=$v" ) >/dev/null 2>>"$dir/$src.fetch.log" && return 0
  for alt in $(apt-cache showsrc "$src" | sed -n 's/^Version: //p' | sort -Vr); do
    [ "$alt" = "$v" ] && continue
    if ( cd "$dir" && apt-get source -qq --download-only --only-source "$src=$alt" ) >/dev/null 2>>"$dir/$src.fetch.log"; then
      say "$src=$v is not fetchable from the mirror; using source version $alt"
      return 0
    fi
  done
  return 1
}

if [ $mode = fetch ]; then
  mkdir -p "$PREFIX"
  ensure_deb_src
  for pv in $versions; do
    fetch "${pv%%=*}" "${pv#*=}" "$PREFIX" || say "cannot fetch the source of ${pv%%=*}: $(grep -h '^E:' "$PREFIX/${pv%%=*}.fetch.log" | sort -u | tr '\n' ' ')"
  done
  exit 0
fi

# A caller-made prefix (a directory, not our cache symlink) is used as is.
if [ -d "$PREFIX" ] && [ ! -L "$PREFIX" ] && [ -f "$PREFIX/.complete" ]; then
  say "using the prebuilt $PREFIX"
  exit 0
fi

# OpenSSL's ./Configure options (see the openssl case below): part of the
# key, so an entry built with other options is never reused.
OPENSSL_OPTS="no-shared no-asm no-tests no-engine no-dso no-module no-legacy no-cmp no-ts no-ocsp no-cms no-comp no-autoload-config"
key=$(printf '%s|%s|%s|openssl %s' "$versions" "$($CC --version 2>/dev/null | head -1)" "$FLAGS" "$OPENSSL_OPTS" |
      sha256sum | cut -c1-16)
cache=${NETFUZZ_CACHE:-/var/cache/netfuzz}
if ! mkdir -p "$cache/deps" 2>/dev/null || [ ! -w "$cache/deps" ]; then
  cache=${XDG_CACHE_HOME:-$HOME/.cache}/netfuzz
  mkdir -p "$cache/deps"
fi
dest=$cache/deps/$mode-$key

link_prefix() {
  mkdir -p "$(dirname "$PREFIX")"
  if [ "$(readlink "$PREFIX" 2>/dev/null)" != "$dest" ]; then
    rm -rf "$PREFIX"
    ln -s "$dest" "$PREFIX"
  fi
}

# STATUS for entries made before it existed: every library instrumented
# except those listed in UNAVAILABLE.
write_status() { # DIR
  local pv src reason
  : > "$1/STATUS.tmp"
  for pv in "${PKGS[@]}"; do
    src=${pv%%:*}
    reason=$(sed -n "s/^$src\( \|$\)//p" "$1/UNAVAILABLE" 2>/dev/null | head -1)
    if grep -q "^$src\( \|$\)" "$1/UNAVAILABLE" 2>/dev/null; then
      echo "$src system (${reason:-no source})" >> "$1/STATUS.tmp"
    else
      echo "$src instrumented" >> "$1/STATUS.tmp"
    fi
  done
  mv "$1/STATUS.tmp" "$1/STATUS"
}

# Only one builder per entry: the others wait here, then find it complete.
exec 9>"$dest.lock"
if ! flock -n 9; then
  say "waiting for another build of $(basename "$dest") (lock $dest.lock)"
  flock 9
fi

stage=$dest.partial  # packages finished by an interrupted run stay (.done-<src>)
if [ -f "$dest/.complete" ]; then
  [ -f "$dest/STATUS" ] || write_status "$dest"
  # Retry sources that could not be fetched once a day (the mirror may
  # have them again); failed builds stay failed for this key (retrying
  # would cost minutes on every make).  Until then: silent, said once.
  if ! grep -q ' *(no source)$' "$dest/STATUS" || [ -z "$(find "$dest/UNAVAILABLE" -mmin +1440 2>/dev/null)" ]; then
    link_prefix
    say "cached: $dest ($(sed -n 's/^built: *//p' "$dest/VERSIONS"))"
    exit 0
  fi
  # An earlier run could not fetch some sources: try those again.
  rm -rf "$stage"; mv "$dest" "$stage"; rm -f "$stage/.complete"
  sed -i '/^[^ ]*$/d' "$stage/UNAVAILABLE" 2>/dev/null || true  # bare name = no source
  # keep the failed builds (and their reasons) recorded
fi
mkdir -p "$stage"

work=$(mktemp -d "${TMPDIR:-/tmp}/netfuzz-deps.XXXXXX")
trap 'rm -rf "$work"' EXIT
LDFLAGS=""; case $mode in *msan) LDFLAGS="-fsanitize=memory" ;; esac
export CC CFLAGS="$FLAGS" LDFLAGS
built="" unavailable=""
ensure_deb_src || true

logs=$cache/logs; mkdir -p "$logs"
t_all=$(date +%s)
# step SRC STEP LOG CMD...: run CMD in the library's tree, log to LOG, print
# "<lib>: <step>" and a heartbeat with the elapsed time every 30 s.
step() {
  local src=$1 st=$2 log=$3 pid rc t0 n=0; shift 3
  t0=$(date +%s)
  say "$src: $st (library ${src_t0:+$(( t0 - src_t0 )) s, }total $(( t0 - t_all )) s)"
  echo "== $st: $*" >> "$log"
  ( "$@" ) >> "$log" 2>&1 &
  pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    sleep 1; n=$((n + 1))
    [ $((n % 30)) -eq 0 ] && say "$src: $st ... $(( $(date +%s) - t0 )) s"
  done
  wait "$pid"; rc=$?
  [ $rc -eq 0 ] || failed_step=$st
  return $rc
}
# A failed library: said once, recorded, linked from the system.
give_up() { # SRC WHY
  say "$1: $2; $1 is linked from the system library instead"
  echo "$1 $2" >> "$stage/UNAVAILABLE"
}

# fetch_lib SRC VERSION: the source package into $work/SRC (one at a time:
# two apt-get runs at once could trip over each other's locks, and a failed
# fetch falls back to the system library).
fetch_lib() {
  local src=$1 v=$2 dsc
  mkdir -p "$work/$src"
  [ -z "${NF_BUILD_DEPS_FAKE_FAIL:-}" ] || { touch "$work/$src/.fetched"; return 0; }
  # Sources the image fetched at build time (DEPS_SRC_DIR), else the mirror.
  dsc=$(ls "${DEPS_SRC_DIR:-/nonexistent}/${src}_"*.dsc 2>/dev/null | sort -V | tail -1 || true)
  if [ -n "$dsc" ]; then
    cp "${dsc%/*}/${src}_"* "$work/$src/"
  else
    say "$src: fetch (total $(( $(date +%s) - t_all )) s)"
    if ! fetch "$src" "$v" "$work/$src"; then
      say "cannot fetch the source of $src from the apt mirror:"
      grep -hE '^E:' "$work/$src/$src.fetch.log" | sort -u | sed 's/^/build-deps:   /' >&2
      say "$src is linked from the system library instead"
      echo "$src" >> "$stage/UNAVAILABLE"   # "(no source)": retried next run
      return 0
    fi
  fi
  touch "$work/$src/.fetched"
}

# build_lib SRC: unpack, configure, compile and install one fetched library
# into the stage; leaves $stage/.done-SRC or an UNAVAILABLE line.
build_lib() {
  local src=$1 log d name inst ok
  src_t0=$(date +%s)
  log=$logs/$mode-$key-$src.log
  : > "$log"
  failed_step=""
  if [ -n "${NF_BUILD_DEPS_FAKE_FAIL:-}" ]; then
    step "$src" "$NF_BUILD_DEPS_FAKE_FAIL" "$log" false ||
      { give_up "$src" "build failed at step ${failed_step:-?}, log $log"; return 0; }
  fi
  [ -f "$work/$src/.fetched" ] || return 0   # fetch_lib said why
  # Upstream source as released (Debian's packaging patches are not needed
  # for a static library build).
  failed_step=""
  if ! step "$src" unpack "$log" sh -c "cd '$work/$src' && dpkg-source -x --skip-patches \"\$(ls ./*.dsc | sort -V | tail -1)\" tree"; then
    give_up "$src" "build failed at step unpack, log $log"; return 0
  fi
  d=$work/$src/tree
  name=$(basename "$(ls "$work/$src/"*.dsc | sort -V | tail -1)" .dsc)
  say "$src: building $name ($mode, flags: $FLAGS)"
  # Each library installs into its own directory first, so a failure
  # leaves nothing half-installed in the shared prefix.
  inst=$work/$src/inst
  ok=1
  cd "$d"
  case $src in
    openssl)
      # Upstream ./Configure, not Debian's rules ($OPENSSL_OPTS).  no-asm: assembly is not
      # instrumented; no-shared: static archives.  Left out, as no target
      # reaches them (issue 22; the targets call X509, PKCS12/PKCS7, CT, PEM,
      # EVP and libssl's cipher tables): engines and dynamic loading
      # (no-engine no-dso no-module; no-legacy keeps the legacy provider
      # out, as before, when it was a module that was never installed), CMP,
      # TS, OCSP, CMS, compression, the automatic openssl.cnf load.  Only
      # libcrypto.a and libssl.a are built (build_libs also built the apps'
      # library) and installed with the public headers.  Measured in
      # docs/fuzzing.md ("Instrumented libraries").
      step "$src" configure "$log" ./Configure linux-x86_64 $OPENSSL_OPTS --prefix="$inst" --libdir=lib $FLAGS $(case $mode in *msan) echo -DPURIFY ;; esac) &&
      step "$src" compile "$log" sh -c "make -j'$JOBS' build_generated && make -j'$JOBS' libcrypto.a libssl.a" &&
      step "$src" install "$log" sh -c "mkdir -p '$inst/include/openssl' '$inst/lib' && cp include/openssl/*.h '$inst/include/openssl/' && cp libcrypto.a libssl.a '$inst/lib/'" || ok=0 ;;
    libpcap)
      # No D-Bus, libnl, RDMA, USB, Bluetooth: nothing beyond libc to link.
      step "$src" configure "$log" ./configure --prefix="$inst" --disable-shared --without-libnl --disable-dbus \
         --disable-rdma --disable-bluetooth --disable-usb --disable-netmap --without-dpdk &&
      step "$src" compile "$log" make -j"$JOBS" &&
      step "$src" install "$log" make install || ok=0 ;;
    jansson)
      # Debian's jansson source has no generated configure: its CMake build.
      step "$src" configure "$log" cmake -S . -B nf-build -DCMAKE_INSTALL_PREFIX="$inst" -DCMAKE_C_COMPILER="$CC" \
         -DCMAKE_C_FLAGS="$FLAGS" -DJANSSON_BUILD_SHARED_LIBS=OFF -DJANSSON_BUILD_DOCS=OFF \
         -DJANSSON_EXAMPLES=OFF -DJANSSON_WITHOUT_TESTS=ON -DCMAKE_INSTALL_LIBDIR=lib &&
      step "$src" compile "$log" cmake --build nf-build -j"$JOBS" &&
      step "$src" install "$log" cmake --install nf-build || ok=0 ;;
    *)
      { [ -x configure ] || step "$src" autoreconf "$log" autoreconf -fi; } &&
      step "$src" configure "$log" ./configure --prefix="$inst" --disable-shared --enable-static &&
      step "$src" compile "$log" make -j"$JOBS" &&
      step "$src" install "$log" make install || ok=0 ;;
  esac
  cd - >/dev/null
  if [ $ok = 0 ]; then
    give_up "$src" "build failed at step ${failed_step:-?}, log $log"; return 0
  fi
  cp -a "$inst"/. "$stage"/
  echo "$name" > "$stage/.done-$src"
  say "$src: done in $(( $(date +%s) - src_t0 )) s (total $(( $(date +%s) - t_all )) s)"
}

# OpenSSL is most of the time (its compile keeps both cores busy); the
# small libraries build beside it, so their single-threaded configure steps
# overlap its Configure and compile instead of following them.
todo=()
for pv in $versions; do
  src=${pv%%=*}
  [ -f "$stage/.done-$src" ] && continue
  grep -q "^$src " "$stage/UNAVAILABLE" 2>/dev/null && continue   # failed build: stays failed
  todo+=("$pv")
done
for pv in "${todo[@]}"; do fetch_lib "${pv%%=*}" "${pv#*=}"; done
bg=""
for pv in "${todo[@]}"; do
  if [ "${pv%%=*}" = openssl ] && [ ${#todo[@]} -gt 1 ]; then
    build_lib openssl &
    bg=$!
  fi
done
for pv in "${todo[@]}"; do
  [ -n "$bg" ] && [ "${pv%%=*}" = openssl ] && continue
  build_lib "${pv%%=*}"
done
[ -z "$bg" ] || wait "$bg"
for pv in $versions; do
  src=${pv%%=*}
  if [ -f "$stage/.done-$src" ]; then built+="$(cat "$stage/.done-$src") "
  elif grep -q "^$src\( \|$\)" "$stage/UNAVAILABLE" 2>/dev/null; then unavailable+="$src "; fi
done

# Keep only what linking needs.
rm -rf "$stage"/share "$stage"/bin "$stage"/lib/pkgconfig "$stage"/lib/cmake "$stage"/lib/*.so* "$stage"/lib/*.la
{ echo "installed: $versions"; echo "built: $built"; echo "flags: $FLAGS"; echo "cc: $CC"; } > "$stage/VERSIONS"
touch "$stage/UNAVAILABLE"
write_status "$stage"
touch "$stage/.complete"
rm -rf "$dest"; mv "$stage" "$dest"
link_prefix
say "built into $dest in $(( $(date +%s) - t_all )) s: $built${unavailable:+(linked from the system: $unavailable)}"
