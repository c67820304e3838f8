#!/usr/bin/env bash
# Build only what a target needs (issue 22): the CLI and the targets that
# link no third-party library (NF_META(id, links, "none"), which the Makefile
# collects as NOLIB_TARGETS) never wait for a
# configuration's instrumented libraries, and the list is right both ways.
# Dry runs (make -n -B) and the standalone binaries make check built.
set -u
cd "$(dirname "$0")/../.."
B=build/standalone-address
nolib=$(make -s --no-print-directory print-nolib-targets)
gate_runs() { make -n -B --no-print-directory "$@" 2>/dev/null | grep -c 'ci/build-deps.sh'; }

n=$(gate_runs cli)
[ "$n" -eq 0 ] && echo "ok build_needs make cli builds no instrumented library" ||
  echo "not ok build_needs make cli runs ci/build-deps.sh ($n times)"
# make check's own builds (the scripts' campaigns use library-free targets)
n=$(gate_runs check)
[ "$n" -eq 0 ] && echo "ok build_needs make check builds no instrumented library" ||
  echo "not ok build_needs make check runs ci/build-deps.sh ($n times)"
n=$(gate_runs ENGINE=libfuzzer build/libfuzzer-address/rtmsg_darwin)
m=$(gate_runs ENGINE=libfuzzer build/libfuzzer-address/x509_der)
[ "$n" -eq 0 ] && [ "$m" -gt 0 ] && echo "ok build_needs libFuzzer rtmsg_darwin waits for no library build; x509_der waits for OpenSSL's" ||
  echo "not ok build_needs rtmsg_darwin runs build-deps $n times, x509_der $m times"
n=$(gate_runs ENGINE=afl build/afl-address/rtmsg_darwin build/afl-address/rtmsg_darwin.cmplog build/afl-address/mutators/rtmsg_darwin.so)
[ "$n" -eq 0 ] && echo "ok build_needs AFL++ rtmsg_darwin (binary, cmplog, mutator) waits for no library build" ||
  echo "not ok build_needs AFL++ rtmsg_darwin runs build-deps $n times"
out=$(make -s --no-print-directory ENGINE=afl libs LIBS_FOR="rtmsg_darwin nf_buggy" 2>&1)
[ "$out" = "libraries: none linked by rtmsg_darwin nf_buggy" ] && echo "ok build_needs make libs LIBS_FOR=<library-free targets> builds nothing" ||
  echo "not ok build_needs make libs LIBS_FOR=rtmsg_darwin: '$out'"

# The list against the binaries: every NOLIB target is built (its link has
# no library, so it is built at all only if it needs none) and calls no
# library function.  A target outside the list that calls none is named
# (it may belong in the list; mutator_selftest does not: it links
# src/cert/sct.c, which includes OpenSSL's headers).
third='^(SSL|X509|EVP|BIO|OPENSSL|ERR|PEM|ASN1|d2i|i2d|PKCS|CRYPTO|pcap|mnl|json)_'
bad="" checked=0
for t in $(make -s --no-print-directory print-targets); do
  [ -x "$B/$t" ] || { bad+=" $t(not built)"; continue; }
  checked=$((checked + 1))
  uses=$(nm -D --undefined-only "$B/$t" 2>/dev/null | awk '{print $NF}' | grep -cE "$third")
  case " $nolib " in
    *" $t "*) [ "$uses" -eq 0 ] || bad+=" $t(listed, calls $uses library functions)" ;;
    *) [ "$uses" -gt 0 ] || echo "# build_needs: $t calls no library function but has no NF_META(links, \"none\") line" ;;
  esac
done
[ -z "$bad" ] && echo "ok build_needs every NOLIB target links without a library ($checked targets checked)" ||
  echo "not ok build_needs NOLIB_TARGETS:$bad"
