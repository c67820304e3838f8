#!/usr/bin/env bash
# netfuzz cert: one generated chain per rule violation (and the good
# chains), each asserting the exact set of FAIL and WARN rule ids; every
# rule has a passing and a failing case; containers (DER, PKCS#12, TLS
# messages) give the same verdict as the PEM; bad input exits 2 naming the
# file and certificate index.  Fixtures: tests/cert/gen_fixtures.sh (openssl
# CLI, at test time, in a temporary directory).
set -u
cd "$(dirname "$0")/../.."
N=$PWD/bin/netfuzz
tmp=$(mktemp -d /tmp/nf-cert-rules.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
if ! tests/cert/fixtures.sh "$tmp" >"$tmp/gen.log" 2>&1; then
  echo "not ok cert fixtures: generation failed: $(tail -3 "$tmp/gen.log" | tr '\n' ' ')"
  exit 0
fi
cd "$tmp"
AT="--at 2026-06-01"
declare -A seen_pass seen_fail

# One python reads every verdict (a coprocess fed one JSON file per line):
# a python start per check was most of this script's 92 s at load 15.
coproc VERDICT { python3 -u -c '
import json, sys
for line in sys.stdin:
    try:
        d = json.load(open(line.rstrip("\n")))
        p = [r["id"] for r in d["rules"] if r["status"] == "PASS"]
        print(" ".join(d["failed"]) + "|" + " ".join(d["warned"]) + "|" + " ".join(p))
    except Exception:
        print("||")  # no JSON verdict: nothing failed, warned or passed
' 2>/dev/null; }
# verdict ARGS... -> "FAILS | WARNS | PASSES" from the JSON output
verdict() {
  local line
  "$N" cert --json "$@" >"$tmp/verdict.json" 2>"$tmp/err"
  echo "$tmp/verdict.json" >&"${VERDICT[1]}"
  IFS= read -r -t 60 line <&"${VERDICT[0]}" && printf '%s\n' "$line"
}

# check NAME "EXPECTED FAILS" "EXPECTED WARNS" EXPECTED_EXIT ARGS...
check() {
  local name=$1 want_f=$2 want_w=$3 want_rc=$4; shift 4
  local v rc f w p
  v=$(verdict "$@"); "$N" cert "$@" >/dev/null 2>&1; rc=$?
  IFS='|' read -r f w p <<<"$v"
  if [ "$f" = "$want_f" ] && [ "$w" = "$want_w" ] && [ "$rc" = "$want_rc" ]; then
    echo "ok cert rules $name: fail=[$f] warn=[$w] exit $rc"
  else
    echo "not ok cert rules $name: got fail=[$f] warn=[$w] exit $rc, want fail=[$want_f] warn=[$want_w] exit $want_rc"
  fi
  for id in $f; do seen_fail[$id]=1; done
  for id in $w; do seen_fail[$id]=1; done
  for id in $p; do seen_pass[$id]=1; done
}

PRIV="--ca root.pem $AT"
PUB="--ca root.pem --public $AT"
H="--host www.example.test"
check good "" "" 0 $PRIV $H --cipher ECDHE-RSA-AES128-GCM-SHA256 good.pem
check good-public "" "" 0 $PUB $H --cipher TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 good_pub.pem
check good-ec "" "" 0 $PRIV $H ecgood.pem
check rsa-1024-intermediate "apple-rsa-2048" "" 1 $PRIV rsa1024.pem
check ec-p224-leaf "ats-key-size" "" 1 $PRIV ec224.pem
check sha1-leaf "apple-sha1 ats-signature-hash" "" 1 $PRIV sha1.pem
check sha224-leaf "ats-signature-hash" "" 1 $PRIV sha224.pem
check no-san "apple-san" "" 1 $PRIV nosan.pem
check cn-only-host "apple-san x509-hostname" "" 1 $PRIV $H nosan.pem
check no-eku "apple-eku-serverauth" "" 1 $PRIV noeku.pem
check client-eku "apple-eku-serverauth" "" 1 $PRIV clienteku.pem
check validity-826-private "apple-validity-825" "" 1 $PRIV v826.pem
check validity-399-public "apple-validity-398" "" 1 $PUB v399.pem
check validity-399-private "" "" 0 $PRIV v399.pem
check ct-one-sct "apple-ct" "" 1 $PUB ct1.pem
check ct-same-log-twice "apple-ct" "" 1 $PUB ctsame.pem
check ct-200-days-two-scts "apple-ct" "" 1 $PUB ct200.pem
check ct-private-ignored "" "" 0 $PRIV ct1.pem
check cabf-250-days "" "cabf-validity" 0 $PUB cabf250.pem
check ku-enc-ecdhe "apple-ku-cipher" "" 1 $PRIV --cipher ECDHE-RSA-AES128-GCM-SHA256 kuenc.pem
check ku-enc-rsa-iana "" "" 0 $PRIV --cipher TLS_RSA_WITH_AES_128_GCM_SHA256 kuenc.pem
check ku-sig-rsa-kx "apple-ku-cipher" "" 1 $PRIV --cipher AES128-SHA kusig.pem
check ku-sig-tls13 "" "" 0 $PRIV --cipher TLS_AES_128_GCM_SHA256 kusig.pem
check expired "x509-expired" "" 1 --ca root.pem --at 2026-12-01 good.pem
check not-yet-valid "x509-not-yet-valid" "" 1 --ca root.pem --at 2026-04-01T12:00:00Z good.pem
check hostname-other "x509-hostname" "" 1 $PRIV --host other.example.test good.pem
check hostname-wildcard "" "" 0 $PRIV --host a.apps.example.test good.pem
check hostname-wildcard-two-labels "x509-hostname" "" 1 $PRIV --host a.b.apps.example.test good.pem
check hostname-wildcard-bare "x509-hostname" "" 1 $PRIV --host apps.example.test good.pem
check hostname-ip "" "" 0 $PRIV --host 127.0.0.1 good.pem
check hostname-ip-other "x509-hostname" "" 1 $PRIV --host 127.0.0.2 good.pem
check hostname-case-dot "" "" 0 $PRIV --host WWW.Example.TEST. good.pem
check untrusted-root "chain-untrusted" "chain-root-sent" 1 $PRIV untrusted.pem
check untrusted-root-not-sent "chain-untrusted" "" 1 $PRIV untrusted_noroot.pem
check self-signed-leaf "chain-untrusted" "" 1 $PRIV selfsigned.pem
check incomplete "chain-incomplete" "" 1 $PRIV incomplete.pem
check order "" "chain-order" 0 $PRIV order.pem
check order-good "" "" 0 $PRIV good_order.pem
check root-sent "" "chain-root-sent" 0 $PRIV rootsent.pem
check readme-rejected "apple-sha1 apple-san apple-eku-serverauth apple-validity-398 apple-ct ats-signature-hash x509-hostname" "chain-root-sent" 1 $PUB --host api.example.test rejected.pem
check trust-override-private "" "" 0 --ca root.pem --private $AT ct1.pem
# Containers of the good chain give the good verdict.
check der-two-files "" "" 0 $PRIV $H leaf.der inter.der
check pkcs12-password "" "" 0 $PRIV $H --password test good.p12
check pkcs12-empty "" "" 0 $PRIV $H good_nopass.p12
check tls12-message "" "" 0 $PRIV $H good.tls12
check tls13-message "" "" 0 $PRIV $H good.tls13

# Every rule has a passing and a failing (or warning) case above.
for id in $("$N" cert --rules --json | python3 -c 'import json,sys; print(" ".join(r["id"] for r in json.load(sys.stdin)))'); do
  if [ -n "${seen_pass[$id]:-}" ] && [ -n "${seen_fail[$id]:-}" ]; then
    echo "ok cert rules coverage $id: passing and failing fixtures"
  else
    echo "not ok cert rules coverage $id: pass=${seen_pass[$id]:-no} fail=${seen_fail[$id]:-no}"
  fi
done

# Bad input: exit 2, message names the file and the certificate index.
bad() { # NAME REGEX ARGS...
  local name=$1 re=$2 msg rc; shift 2
  msg=$("$N" cert "$@" 2>&1 >/dev/null); rc=$?
  if [ $rc -eq 2 ] && [[ "$msg" =~ $re ]]; then echo "ok cert input $name: exit 2: $msg"
  else echo "not ok cert input $name: exit $rc, message '$msg' does not match /$re/"; fi
}
printf 'garbage' > garbage.der
{ cat good.pem; printf -- '-----BEGIN CERTIFICATE-----\nMIIBIjAN!!!\n-----END CERTIFICATE-----\n'; } > badsecond.pem
head -c 300 leaf.der > trunc.der
bad garbage-der "garbage.der: certificate 0: not a DER X.509 certificate" $PRIV garbage.der
bad bad-second-pem "badsecond.pem: certificate 2: bad PEM block" $PRIV badsecond.pem
bad truncated-der "trunc.der: certificate 0: not a DER X.509 certificate: .*too (long|short)|header" $PRIV trunc.der
bad p12-no-password "good.p12: certificate 0: PKCS#12 MAC check failed, wrong or missing --password" $PRIV good.p12
bad tls-truncated "trunc.tls12: TLS Certificate message: at offset 1: a length field runs past the end" $PRIV trunc.tls12
bad missing-file "nope.pem: cannot open" $PRIV nope.pem
bad bad-time "--at 'yesterday'" --at yesterday good.pem
bad bad-cipher "--cipher 'NOPE'" --cipher NOPE good.pem
# A PKCS#12 whose MAC asks for 2^31-1 PBKDF iterations is refused before
# any KDF runs (NF_MAX_P12_WORK), instead of hanging for minutes.
python3 - "$OLDPWD/corpora/pkcs12/fixed-password" huge-iter.p12 <<'PY'
import sys
d = open(sys.argv[1], "rb").read()
def hdr(b, i):  # (tag, header length, content length) of the TLV at i
    l = b[i + 1]
    if l < 0x80: return b[i], 2, l
    n = l & 0x7F; return b[i], 2 + n, int.from_bytes(b[i + 2:i + 2 + n], "big")
def enc(tag, body):
    n = len(body)
    l = bytes([n]) if n < 0x80 else bytes([0x80 | ((n.bit_length() + 7) // 8)]) + n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([tag]) + l + body
_, h, _ = hdr(d, 0)
kids, i = [], h
while i < len(d):
    _, hh, ll = hdr(d, i); kids.append(d[i:i + hh + ll]); i += hh + ll
mac = kids[-1]; _, mh, _ = hdr(mac, 0)
parts, j = [], mh
while j < len(mac):
    _, hh, ll = hdr(mac, j); parts.append(mac[j:j + hh + ll]); j += hh + ll
parts[-1] = b"\x02\x04\x7f\xff\xff\xff"
kids[-1] = enc(0x30, b"".join(parts))
open(sys.argv[2], "wb").write(enc(0x30, b"".join(kids)))
PY
bad p12-huge-iterations "huge-iter.p12: certificate 0: PKCS#12 asks for at least [0-9]+ KDF iterations in total, more than the 10000000 allowed" --ca root.pem --password netfuzz huge-iter.p12
bad ca-garbage "--ca garbage.der: certificate 0" --ca garbage.der good.pem
exit 0
