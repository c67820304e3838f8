#!/usr/bin/env bash
# Generate certificate fixtures at test time with the openssl CLI (no
# private key is ever committed).  Usage: gen_fixtures.sh OUTDIR
#
# Fixed dates (openssl ca -startdate/-enddate) so tests run with
# --at 2026-06-01 and give the same verdict on any day:
#   roots     2025-01-01 .. 2035-01-01
#   leaves    from 2026-05-01 (after SC-081's 2026-03-15 step) unless noted
# Layout: OUTDIR/<case>.pem is the chain as sent (PEM bundle, leaf first);
# OUTDIR/root.pem is the private anchor, OUTDIR/root2.pem an unrelated one.
# Also writes OUTDIR/leaf.der, OUTDIR/good.p12 (password "test") and
# OUTDIR/good.tls12 / good.tls13 (TLS Certificate handshake messages).
set -euo pipefail
out=$1
mkdir -p "$out"
cd "$out"
W=work
rm -rf "$W" && mkdir -p "$W/newcerts"
: > "$W/index.txt"
echo 1000 > "$W/serial"

cat > "$W/ca.cnf" <<'EOF'
[ ca ]
default_ca = CA_default
[ CA_default ]
dir = work
database = work/index.txt
new_certs_dir = work/newcerts
serial = work/serial
default_md = sha256
policy = pol
unique_subject = no
email_in_dn = no
[ pol ]
commonName = supplied
[ root ]
basicConstraints = critical,CA:true
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[ inter ]
basicConstraints = critical,CA:true,pathlen:1
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ leaf ]
basicConstraints = critical,CA:false
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:www.example.test,DNS:*.apps.example.test,IP:127.0.0.1
[ leaf_nosan ]
basicConstraints = critical,CA:false
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
[ leaf_noeku ]
basicConstraints = critical,CA:false
keyUsage = critical,digitalSignature,keyEncipherment
subjectAltName = DNS:www.example.test,IP:127.0.0.1
[ leaf_clienteku ]
basicConstraints = critical,CA:false
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = clientAuth
subjectAltName = DNS:www.example.test,IP:127.0.0.1
[ leaf_kuenc ]
basicConstraints = critical,CA:false
keyUsage = critical,keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:www.example.test,IP:127.0.0.1
[ leaf_kusig ]
basicConstraints = critical,CA:false
keyUsage = critical,digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:www.example.test,IP:127.0.0.1
EOF

key() { # NAME rsa BITS | ec CURVE
  if [ "$2" = rsa ]; then
    openssl genpkey -algorithm RSA -pkeyopt "rsa_keygen_bits:$3" -out "$W/$1.key" 2>/dev/null
  else
    openssl genpkey -algorithm EC -pkeyopt "ec_paramgen_curve:$3" -out "$W/$1.key" 2>/dev/null
  fi
}

# SCT extension (RFC 6962 3.3): OCTET STRING { u16 list { u16 SCT } }.
# Each v1 SCT: version 0, 32-byte log id (byte N repeated), timestamp,
# no extensions, sha256/ecdsa, an 8-byte dummy signature.
sct_ext() { # LOGBYTE...
  local list="" s
  for b in "$@"; do
    s="00$(printf "$b%.0s" $(seq 32))0000019dd6b3f00000000403000801020304050607 08"
    s=${s// /}
    list+=$(printf '%04x' $((${#s} / 2)))$s
  done
  list=$(printf '%04x' $((${#list} / 2)))$list
  local n=$((${#list} / 2))
  if [ $n -lt 128 ]; then printf '04%02x%s' $n "$list"; else printf '0481%02x%s' $n "$list"; fi
}

# mk NAME CN ISSUER(cert name or -self) KEY START END SECTION [MD] [EXTRA-EXT-LINES]
mk() {
  local name=$1 cn=$2 issuer=$3 k=$4 start=$5 end=$6 sect=$7 md=${8:-sha256} extra=${9:-}
  local ext="$W/$name.ext"
  awk -v s="[ $sect ]" '$0==s{p=1;print "[ x ]";next} /^\[/{p=0} p' "$W/ca.cnf" > "$ext"
  [ -n "$extra" ] && printf '%s\n' "$extra" >> "$ext"
  openssl req -new -key "$W/$k.key" -subj "/CN=$cn" -out "$W/$name.csr" 2>/dev/null
  if [ "$issuer" = -self ]; then
    openssl ca -batch -config "$W/ca.cnf" -selfsign -keyfile "$W/$k.key" -in "$W/$name.csr" \
      -out "$W/$name.crt" -startdate "$start" -enddate "$end" -md "$md" -extfile "$ext" -extensions x -notext 2>/dev/null
  else
    openssl ca -batch -config "$W/ca.cnf" -cert "$W/$issuer.crt" -keyfile "$W/$issuer.ikey" -in "$W/$name.csr" \
      -out "$W/$name.crt" -startdate "$start" -enddate "$end" -md "$md" -extfile "$ext" -extensions x -notext 2>/dev/null
  fi
  cp "$W/$k.key" "$W/$name.ikey" # the key this certificate's holder signs with
}

key rootk rsa 2048
key intk rsa 2048
key weakk rsa 1024
key leafk rsa 2048
key eck ec P-256
key ec224k ec P-224
key root2k ec P-256

R0=20250101000000Z R1=20350101000000Z
L0=20260501000000Z
mk root "Test Root" -self rootk $R0 $R1 root
mk inter "Test Intermediate" root intk $R0 $R1 inter
mk root2 "Other Root" -self root2k $R0 $R1 root
mk inter2 "Other Intermediate" root2 eck $R0 $R1 inter
mk interweak "Weak Intermediate" root weakk $R0 $R1 inter
mk interA "Intermediate A" root intk $R0 $R1 inter
mk interB "Intermediate B" interA eck $R0 $R1 inter

# Leaf validity ends: 180 days from 2026-05-01 = 2026-10-28; 200 = 2026-11-17;
# 250 = 2027-01-06; 399 from 2026-01-10 = 2027-02-13; 826 = 2028-08-04.
E180=20261028000000Z
sct2=$(sct_ext aa bb) sct3=$(sct_ext aa bb cc) sct1=$(sct_ext aa) sctsame=$(sct_ext aa aa)
S="1.3.6.1.4.1.11129.2.4.2 = DER:"
mk good "www.example.test" inter leafk $L0 $E180 leaf
mk good_pub "www.example.test" inter leafk $L0 $E180 leaf sha256 "$S$sct2"
mk rsa1024 "www.example.test" interweak leafk $L0 $E180 leaf
mk ec224 "www.example.test" inter ec224k $L0 $E180 leaf
mk sha1 "www.example.test" inter leafk $L0 $E180 leaf sha1
mk sha224 "www.example.test" inter leafk $L0 $E180 leaf sha224
mk nosan "www.example.test" inter leafk $L0 $E180 leaf_nosan
mk noeku "www.example.test" inter leafk $L0 $E180 leaf_noeku
mk clienteku "www.example.test" inter leafk $L0 $E180 leaf_clienteku
mk v826 "www.example.test" inter leafk $L0 20280804000000Z leaf
mk v399 "www.example.test" inter leafk 20260110000000Z 20270213000000Z leaf sha256 "$S$sct3"
mk ct1 "www.example.test" inter leafk $L0 $E180 leaf sha256 "$S$sct1"
mk ctsame "www.example.test" inter leafk $L0 $E180 leaf sha256 "$S$sctsame"
mk ct200 "www.example.test" inter leafk $L0 20261117000000Z leaf sha256 "$S$sct2"
mk cabf250 "www.example.test" inter leafk $L0 20270106000000Z leaf sha256 "$S$sct3"
mk kuenc "www.example.test" inter leafk $L0 $E180 leaf_kuenc
mk kusig "www.example.test" inter leafk $L0 $E180 leaf_kusig
mk other "www.example.test" inter2 eck $L0 $E180 leaf
mk selfleaf "www.example.test" -self eck $L0 $E180 leaf
mk ordered "www.example.test" interB eck $L0 $E180 leaf
mk ecgood "www.example.test" inter eck $L0 $E180 leaf
# For docs/cert.md: several problems at once (SHA-1, 399 days, one SCT, no EKU).
mk rejected "api.example.test" inter leafk 20260110000000Z 20270213000000Z leaf_noeku sha1 "$S$sct1"

bundle() { # NAME CERT...
  local n=$1; shift
  : > "$n.pem"
  for x in "$@"; do cat "$W/$x.crt" >> "$n.pem"; done
}
cp "$W/root.crt" root.pem
cp "$W/root2.crt" root2.pem
for x in good good_pub sha224 nosan noeku clienteku v826 v399 ct1 ctsame ct200 cabf250 kuenc kusig ec224 ecgood; do
  bundle "$x" "$x" inter
done
bundle rsa1024 rsa1024 interweak
# Only the leaf is signed with SHA-1; the intermediate is the SHA-256 one.
bundle sha1 sha1 inter
bundle untrusted other inter2 root2
bundle untrusted_noroot other inter2
bundle selfsigned selfleaf
bundle incomplete good
bundle order ordered interA interB
bundle good_order ordered interB interA
bundle rootsent good inter root
bundle rejected rejected inter root

# Other containers of the good chain.
openssl x509 -in "$W/good.crt" -outform DER -out leaf.der
openssl pkcs12 -export -passout pass:test -inkey "$W/leafk.key" -in "$W/good.crt" -certfile "$W/inter.crt" \
  -out good.p12 2>/dev/null
openssl pkcs12 -export -passout pass: -inkey "$W/leafk.key" -in "$W/good.crt" -certfile "$W/inter.crt" \
  -out good_nopass.p12 2>/dev/null
openssl x509 -in "$W/inter.crt" -outform DER -out inter.der
python3 - <<'EOF'
import struct
leaf = open("leaf.der", "rb").read(); inter = open("inter.der", "rb").read()
u24 = lambda n: struct.pack("!I", n)[1:]
# RFC 5246 7.4.2
lst = b"".join(u24(len(c)) + c for c in (leaf, inter))
body = u24(len(lst)) + lst
open("good.tls12", "wb").write(b"\x0b" + u24(len(body)) + body)
# RFC 8446 4.4.2: empty context, entries with empty extensions
lst = b"".join(u24(len(c)) + c + b"\0\0" for c in (leaf, inter))
body = b"\0" + u24(len(lst)) + lst
open("good.tls13", "wb").write(b"\x0b" + u24(len(body)) + body)
open("trunc.tls12", "wb").write((b"\x0b" + u24(len(body)) + body)[:40])
EOF
# Keys for the s_server tests stay in work/ (deleted with OUTDIR).
rm -f "$W"/*.csr "$W"/*.ext
