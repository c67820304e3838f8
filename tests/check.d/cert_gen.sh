#!/usr/bin/env bash
# corpora/gen_cert.py runs with the interpreter ci/install-deps.sh provides
# and rebuilds exactly the committed certificate seeds: a seed edited by
# hand, or a generator that no longer runs (as happened when a newer
# python cryptography refused SHA-1), fails here.  Prints TAP.
set -u
cd "$(dirname "$0")/../.."
TMP=$(mktemp -d "${TMPDIR:-/tmp}/nf-cert-gen.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$TMP/corpora"
cp corpora/gen_cert.py "$TMP/corpora/"          # it writes beside itself
if ! "$TMP/corpora/gen_cert.py" >"$TMP/gen.log" 2>&1; then
  echo "not ok cert_gen runs: $(grep -v Warning "$TMP/gen.log" | tail -2 | tr '\n' ' ')"
  exit 0
fi
echo "ok cert_gen runs with $(head -1 corpora/gen_cert.py | cut -c3-)"
for d in x509_der cert_chain_pem tls_certificate_msg sct_list pkcs12; do
  n=0 bad=0
  for f in "$TMP/corpora/$d"/*; do
    [ -f "$f" ] || continue
    n=$((n + 1)); rel=corpora/$d/$(basename "$f")
    if [ ! -f "$rel" ]; then echo "not ok cert_gen $rel: written but not committed"; bad=1
    elif ! cmp -s "$f" "$rel"; then echo "not ok cert_gen $rel: differs from the committed seed"; bad=1; fi
  done
  for f in corpora/$d/*; do
    [ -f "$TMP/$f" ] || { echo "not ok cert_gen $f: committed but no longer generated"; bad=1; }
  done
  if [ $n -eq 0 ]; then echo "not ok cert_gen $d: wrote no file"
  elif [ $bad -eq 0 ]; then echo "ok cert_gen $d: $n seeds, each equal to the committed one"; fi
done
