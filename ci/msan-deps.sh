#!/usr/bin/env bash
# Build the C libraries netfuzz targets link (OpenSSL, libpcap, libmnl,
# jansson) with MemorySanitizer, from the Debian source packages of exactly
# the versions installed, as static libraries.  MSan reports a false
# "use-of-uninitialized-value" for every byte an uninstrumented library
# writes, so an MSan build must link instrumented copies of all of them.
#
#   ci/msan-deps.sh [PREFIX]     default PREFIX: build/msan-deps
#
# PREFIX ends up with include/ and lib/*.a.  The build itself is cached
# machine-wide under $NETFUZZ_CACHE (default /var/cache/netfuzz, or
# ~/.cache/netfuzz when that is not writable) keyed by the package versions,
# the compiler version and the flags, so every clone and CI run on the same
# machine reuses it; PREFIX is a symlink to the cache entry.
#
# `apt-get source` needs deb-src lines: when none are configured, this adds
# /etc/apt/sources.list.d/netfuzz-src.sources with the same URIs and suites
# as the existing deb lines (same mirror, nothing else), and runs apt-get
# update once.  Exit codes: 0 ok, 2 when the sources cannot be fetched.
set -euo pipefail
cd "$(dirname "$0")/.."
PREFIX=${1:-build/msan-deps}
CC=${MSAN_CC:-clang}
# -fPIC so the archives also link into PIE executables.
MSAN_CFLAGS="-fsanitize=memory -fsanitize-memory-track-origins -fPIC -O1 -g -gline-tables-only -fno-omit-frame-pointer"
# source package -> the -dev package whose version we match
PKGS=(openssl:libssl-dev libpcap:libpcap-dev libmnl:libmnl-dev jansson:libjansson-dev)
JOBS=${MSAN_JOBS:-2}

say() { echo "msan-deps: $*" >&2; }

versions=""
for pv in "${PKGS[@]}"; do
  src=${pv%%:*} dev=${pv#*:}
  v=$(dpkg-query -W -f '${source:Version}' "$dev" 2>/dev/null) ||
    { say "$dev is not installed (run ci/install-deps.sh)"; exit 2; }
  versions+="$src=$v "
done
key=$(printf '%s|%s|%s' "$versions" "$($CC --version | head -1)" "$MSAN_CFLAGS" | sha256sum | cut -c1-16)

cache=${NETFUZZ_CACHE:-/var/cache/netfuzz}
if ! mkdir -p "$cache" 2>/dev/null || [ ! -w "$cache" ]; then
  cache=${XDG_CACHE_HOME:-$HOME/.cache}/netfuzz
  mkdir -p "$cache"
fi
dest=$cache/msan-deps/$key

link_prefix() {
  mkdir -p "$(dirname "$PREFIX")"
  if [ "$(readlink "$PREFIX" 2>/dev/null)" != "$dest" ]; then
    rm -rf "$PREFIX"
    ln -s "$dest" "$PREFIX"
  fi
}

if [ -f "$dest/.complete" ]; then
  if [ ! -s "$dest/UNAVAILABLE" ] || [ -n "${MSAN_DEPS_NO_RETRY:-}" ]; then
    link_prefix
    say "cached: $dest ($versions)${MSAN_DEPS_NO_RETRY:+; not instrumented: $(cat "$dest/UNAVAILABLE" 2>/dev/null)}"
    exit 0
  fi
  # An earlier run could not fetch some sources: try those again.
  rm -rf "$dest.partial"; mv "$dest" "$dest.partial"; rm -f "$dest.partial/.complete"
fi

# ------------------------------------------------------------ deb-src lines
have_src() {
  grep -rqsE '^(deb-src |Types:.*deb-src)' /etc/apt/sources.list /etc/apt/sources.list.d/
}
if ! have_src; then
  [ "$(id -u)" -eq 0 ] || { say "no deb-src lines in apt sources and not root; add them and rerun"; exit 2; }
  out=/etc/apt/sources.list.d/netfuzz-src.sources
  say "adding deb-src entries (same mirrors as the deb entries) to $out"
  : > "$out.tmp"
  # deb822 files: copy each stanza whose Types include deb, as deb-src.
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -e "$f" ] && [ "$f" != "$out" ] || continue
    awk 'BEGIN{RS=""; ORS="\n\n"}
         /(^|\n)Types:[^\n]*deb([ \n]|$)/ && !/(^|\n)Enabled: *no/ {
           sub(/(^|\n)Types:[^\n]*/, "\nTypes: deb-src"); sub(/^\n/, ""); print }' "$f" >> "$out.tmp"
  done
  # one-line files: deb -> deb-src.
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -e "$f" ] || continue
    sed -n 's/^deb \(.*\)$/deb-src \1/p' "$f" > "${out%.sources}.list.tmp"
    [ -s "${out%.sources}.list.tmp" ] && cat "${out%.sources}.list.tmp" >> "${out%.sources}.list"
    rm -f "${out%.sources}.list.tmp"
  done
  mv "$out.tmp" "$out"
  apt-get update -qq
fi

# ------------------------------------------------------------ fetch + build
work=$(mktemp -d "${TMPDIR:-/tmp}/netfuzz-msan.XXXXXX")
trap 'rm -rf "$work"' EXIT
# Packages finished in an interrupted run are kept (stage/.done-<src>).
stage=$dest.partial
mkdir -p "$stage"
export CC CFLAGS="$MSAN_CFLAGS" LDFLAGS="-fsanitize=memory"
built="" unavailable=""

fetch() { # fetch SRC VERSION -> echoes the unpacked directory
  local src=$1 v=$2
  # A security update can leave the installed version no longer in the
  # archive: then take the archive's current source of the same package
  # (same upstream series; we link it statically with its own headers).
  if ! ( cd "$work" && apt-get source -qq --only-source "$src=$v" >/dev/null 2>>"$work/$src.fetch.log" ); then
    # Newest first; a mirror may list a version whose files it no longer has.
    local alt ok=""
    for alt in $(apt-cache showsrc "$src" | sed -n 's/^Version: //p' | sort -Vr); do
      if ( cd "$work" && apt-get source -qq --only-source "$src=$alt" >/dev/null 2>>"$work/$src.fetch.log" ); then
        say "$src=$v is not fetchable from the archive; using source version $alt"
        ok=1; break
      fi
    done
    [ -n "$ok" ] || return 1
  fi
  find "$work" -maxdepth 1 -type d -name "$src-*" | head -1
}

for pv in $versions; do
  src=${pv%%=*} v=${pv#*=}
  [ -f "$stage/.done-$src" ] && { built+="$(cat "$stage/.done-$src") "; continue; }
  t0=$(date +%s)
  if ! d=$(fetch "$src" "$v") || [ -z "$d" ]; then
    # Nothing to build it from: targets that call into it cannot run under
    # MSan; the list lets the Makefile and check-build.sh say so.
    say "cannot fetch the source of $src from the apt mirror; it stays uninstrumented:"
    grep -E '^E:' "$work/$src.fetch.log" | sort -u | sed 's/^/msan-deps:   /' >&2
    unavailable+="$src "
    continue
  fi
  built+="$(basename "$d") "
  log=$work/$src.build.log
  say "building $(basename "$d") with MSan"
  case $src in
    openssl)
      # no-asm: assembly is not instrumented; no-shared: static archives.
      (cd "$d" && ./Configure linux-x86_64 no-shared no-asm no-tests \
         --prefix="$stage" --libdir=lib $MSAN_CFLAGS -DPURIFY \
         && make -j"$JOBS" build_libs && make install_dev) >"$log" 2>&1 ;;
    libpcap)
      (cd "$d" && ./configure --prefix="$stage" --disable-shared --without-libnl --disable-dbus \
         --disable-rdma --disable-bluetooth --disable-usb --disable-netmap --without-dpdk \
         && make -j"$JOBS" && make install) >"$log" 2>&1 ;;
    jansson)
      # Debian's jansson source has no generated configure: use its CMake build.
      (cd "$d" && cmake -S . -B msan-build -DCMAKE_INSTALL_PREFIX="$stage" -DCMAKE_C_COMPILER="$CC" \
         -DCMAKE_C_FLAGS="$MSAN_CFLAGS" -DJANSSON_BUILD_SHARED_LIBS=OFF -DJANSSON_BUILD_DOCS=OFF \
         -DJANSSON_EXAMPLES=OFF -DJANSSON_WITHOUT_TESTS=ON -DCMAKE_INSTALL_LIBDIR=lib \
         && cmake --build msan-build -j"$JOBS" && cmake --install msan-build) >"$log" 2>&1 ;;
    *)
      (cd "$d" && { [ -x configure ] || autoreconf -fi; } \
         && ./configure --prefix="$stage" --disable-shared --enable-static \
         && make -j"$JOBS" && make install) >"$log" 2>&1 ;;
  esac || { say "$src build failed; last lines of $log:"; tail -30 "$log" >&2; cp "$log" "$cache/msan-$src.log" 2>/dev/null; exit 1; }
  basename "$d" > "$stage/.done-$src"
  say "$src done in $(( $(date +%s) - t0 )) s"
done

# Keep only what linking needs.
rm -rf "$stage"/share "$stage"/bin "$stage"/lib/pkgconfig "$stage"/lib/*.so* "$stage"/lib/*.la
echo "installed: $versions" > "$stage/VERSIONS"
echo "built:     $built" >> "$stage/VERSIONS"
echo "$unavailable" | xargs -n1 2>/dev/null > "$stage/UNAVAILABLE"
touch "$stage/.complete"
rm -rf "$dest"; mv "$stage" "$dest"
link_prefix
say "built into $dest: $built${unavailable:+ (NOT instrumented, source unavailable: $unavailable)}"
