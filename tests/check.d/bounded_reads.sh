#!/usr/bin/env bash
# issue 26 rows 9 and 10: every command that reads a file has a stated cap
# and enforces it before it allocates.  /dev/zero never ends: each command
# must refuse it with a clear message, inside a virtual-memory limit
# (ulimit -v) that reading past its cap would hit.
#   routes   dumps up to 1 GiB (the buffer never grows past cap + 1 byte;
#            it doubled first and reached 2 GiB before)
#   triage --from-log   logs up to 64 MiB (was SIZE_MAX / 2)
#   cert     16 MiB; dissect, corpus import: captures are streamed
#   triage FILE, replay: a crash input must be a regular file
# NF=/path/to/netfuzz runs it against another build.
set -u
cd "$(dirname "$0")/../.."
NF=${NF:-$PWD/bin/netfuzz}
tmp=$(mktemp -d /tmp/nf-bounded.XXXXXX); trap 'rm -rf "$tmp"' EXIT

check() { # NAME LIMIT_KB EXPECTED_MESSAGE_RE ARGS...
  local name=$1 kb=$2 want=$3 rc
  shift 3
  ( [ "$kb" -gt 0 ] && ulimit -v "$kb"; exec timeout 120 "$NF" "$@" ) >/dev/null 2>"$tmp/err"; rc=$?
  if [ $rc -eq 2 ] && grep -Eq "$want" "$tmp/err"; then
    echo "ok bounded $name /dev/zero: exit 2, '$(grep -Em1 "$want" "$tmp/err" | head -c 120)'"
  else
    echo "not ok bounded $name /dev/zero: exit $rc: $(tail -2 "$tmp/err" | tr '\n' ' ' | head -c 300)"
  fi
}
# 1.5 GiB: room for the 1 GiB cap plus the program, not for 2 GiB
check routes 1572864 '/dev/zero: more than 1073741824 bytes' routes --format darwin /dev/zero
check "triage --from-log" 1048576 'more than 64 MiB' triage --from-log /dev/zero
check cert 1048576 '/dev/zero: more than 16777216 bytes' cert /dev/zero
check dissect 1048576 'not a readable pcap' dissect /dev/zero
check "corpus import" 1048576 'not a readable pcap' corpus import --target frame_ether --out "$tmp/seeds" /dev/zero
check "triage FILE" 1048576 'not a regular file' triage --target rtmsg_darwin /dev/zero
# replay runs an ASan build, which cannot start under ulimit -v: a time bound instead
check replay 0 'not a regular file' replay rtmsg_darwin /dev/zero

# The pkcs12 target's KDF bound (NF_FUZZ_P12_WORK, 4,096 iterations) stops
# before it decrypts a safe that would pass it: tests/data/pkcs12/
# kdf-2pow20-safe asks for 2^20 PBKDF2 iterations in one safe; counting its
# keys used to decrypt it first (4.3 CPU seconds under ASan, a timeout in
# CI's smoke run).  A CPU-time limit, not wall time: load does not inflate it.
P12BIN=build/standalone-address/pkcs12
make -s --no-print-directory ENGINE=standalone SANITIZER=address "$P12BIN" >/dev/null 2>&1
( ulimit -t 2; exec "$P12BIN" tests/data/pkcs12/kdf-2pow20-safe ) >/dev/null 2>"$tmp/err"; rc=$?
if [ $rc -eq 0 ]; then
  echo "ok bounded pkcs12 KDF work: a 2^20-iteration safe is refused before it is decrypted (under 2 CPU s)"
else
  echo "not ok bounded pkcs12 KDF work: exit $rc under a 2 CPU-second limit: $(tail -2 "$tmp/err" | tr '\n' ' ' | head -c 200)"
fi
