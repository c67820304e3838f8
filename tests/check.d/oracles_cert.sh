#!/usr/bin/env bash
# The cert oracle's host probes (issue 24, docs/oracles.md C3, C5, C7, C8):
# certificates made here with openssl(1), with more SAN names than the
# former limit of 4, wildcards with one and two labels after the '*'
# (RFC 6125 6.4.3), mixed case (6.4.1) and an IP entry, replay clean through
# x509_der with the oracle on: our matcher and X509_check_host agree on
# every probe (the name, its upper-case form, with a trailing dot, a
# wildcard's replaced label and its parent, a name's subdomain).  With the
# corrupt hook the same certificate traps, so the oracle compared it.
set -u
cd "$(dirname "$0")/../.."
B=build/standalone-address
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} NETFUZZ_QUIET=1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
[ -x "$B/x509_der" ] || { echo "not ok oracles_cert: $B/x509_der not built"; exit 0; }
command -v openssl >/dev/null || { echo "ok oracles_cert # SKIP no openssl(1)"; exit 0; }

mk() { # NAME SAN
  openssl req -x509 -newkey rsa:2048 -nodes -keyout "$tmp/$1.key" -out "$tmp/$1.pem" -days 30 -subj "/CN=$1" \
    -addext "subjectAltName=$2" >/dev/null 2>&1 &&
    openssl x509 -in "$tmp/$1.pem" -outform DER -out "$tmp/$1.der"
}
mk many "DNS:a.example.test,DNS:b.example.test,DNS:c.example.test,DNS:d.example.test,DNS:e.example.test,DNS:Www.Example.Test,IP:192.0.2.7"
mk wild "DNS:*.apps.example.test,DNS:*.test,DNS:x.*.example.test,DNS:api.example.test"
for c in many wild; do
  if [ ! -s "$tmp/$c.der" ]; then echo "not ok oracles_cert $c: openssl could not make the certificate"; continue; fi
  if "$B/x509_der" "$tmp/$c.der" >/dev/null 2>&1; then echo "ok oracles_cert $c: every host probe agrees with X509_check_host"
  else echo "not ok oracles_cert $c: the oracle traps on a certificate made by openssl(1)"; "$B/x509_der" "$tmp/$c.der" 2>&1 | grep -A3 'netfuzz oracle' | head -4 >&2; fi
  err=$(NF_ORACLE_CORRUPT=cert "$B/x509_der" "$tmp/$c.der" 2>&1 >/dev/null); rc=$?
  if [ $rc -eq 132 ] && grep -q 'netfuzz oracle cert' <<<"$err"; then echo "ok oracles_cert $c: compared (the corrupt hook traps)"
  else echo "not ok oracles_cert $c: the corrupt hook did not trap (exit $rc)"; fi
done
