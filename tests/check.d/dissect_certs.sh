#!/usr/bin/env bash
# The frame -> certificate hand-off: certificates found in a TLS Certificate
# message are decoded by the certificate module (netfuzz dissect --certs),
# checked against `openssl x509` on the same certificates.
set -u
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$tmp/k.pem" -subj "/CN=handoff.example" \
  -days 90 -outform DER -out "$tmp/leaf.der" 2>/dev/null
printf 'not a certificate' >"$tmp/junk.der"
python3 tests/tools/tls_cert_pcap.py "$tmp/c.pcap" "$tmp/leaf.der" "$tmp/junk.der"
bin/netfuzz dissect --certs "$tmp/c.pcap" >"$tmp/out" 2>"$tmp/err"; rc=$?
[ $rc -eq 0 ] && echo "ok dissect --certs exit 0" || echo "not ok dissect --certs exit $rc: $(cat "$tmp/err")"
grep -q 'TLS Certificate' "$tmp/out" && echo "ok dissect names the Certificate message" ||
  echo "not ok dissect line lacks the Certificate message: $(head -1 "$tmp/out")"
want_subject=$(openssl x509 -inform DER -in "$tmp/leaf.der" -noout -subject -nameopt RFC2253 | sed 's/^subject=//')
line=$(grep 'certificate 0:' "$tmp/out")
case "$line" in
  *"subject $want_subject;"*"(90 days)"*"key RSA 2048"*) echo "ok certificate 0 decoded by the cert module" ;;
  *) echo "not ok certificate 0: '$line' (want subject $want_subject, 90 days, RSA 2048)" ;;
esac
grep -q 'certificate 1: not one DER certificate (17 bytes' "$tmp/out" && echo "ok junk certificate reported" ||
  echo "not ok junk certificate: $(grep 'certificate 1' "$tmp/out")"
bin/netfuzz dissect --certz "$tmp/c.pcap" >/dev/null 2>&1; [ $? -eq 2 ] && echo "ok unknown option exits 2" ||
  echo "not ok unknown option"
