#!/usr/bin/env bash
# Install every Debian package netfuzz builds, tests or benchmarks with.
# Idempotent: does nothing when all are present; runs `apt-get update` only
# when a package is missing (or the lists are empty).  Non-root users get the
# exact command to run instead.
#   ci/install-deps.sh [-v] [--campaign]
# --campaign adds what only `make check-campaign` needs: Debian's headless
# chromium, which renders the report page (tests/campaign.d/report_browser.sh).
set -euo pipefail
verbose="" campaign=""
for a in "$@"; do
  case $a in
    -v) verbose=1 ;;
    --campaign) campaign=1 ;;
    *) echo "usage: ci/install-deps.sh [-v] [--campaign]" >&2; exit 2 ;;
  esac
done

PKGS=(
  clang llvm libclang-rt-dev lld
  afl++
  libssl-dev openssl libpcap-dev libmnl-dev libjansson-dev libcmocka-dev
  tshark tcpdump nftables iproute2 zip unzip file
  strace   # tests/check.d/bpf_filter_offline.sh: a target must not reach the network
  python3 python3-scapy
  pkg-config make
  time bc   # bench/mutator.sh: CPU seconds of each fuzz run (/usr/bin/time), arithmetic
  flex bison dpkg-dev cmake   # ci/build-deps.sh: apt-get source, libpcap's and jansson's builds

  # certificates (issue 4): corpora/gen_cert.py rebuilds the cert seeds
  python3-cryptography
)
[ -n "$campaign" ] && PKGS+=(chromium fonts-dejavu-core)

missing=()
for p in "${PKGS[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  [ -n "$verbose" ] && echo "install-deps: all ${#PKGS[@]} packages present"
  exit 0
fi

cmd="apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps: missing packages: ${missing[*]}" >&2
  echo "install-deps: run as root:  sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive $cmd" >&2
  exit 1
fi

echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
# Refresh the package lists only when a package cannot be found in them.
if ! apt-cache show "${missing[@]}" >/dev/null 2>&1; then
  apt-get update -qq
fi
# tshark asks whether non-root users may capture; answer no, non-interactively.
echo "wireshark-common wireshark-common/install-setuid boolean false" | debconf-set-selections 2>/dev/null || true
if ! $cmd -qq >/dev/null; then
  apt-get update -qq
  $cmd -qq
fi
echo "install-deps: done" >&2
