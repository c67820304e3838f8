#!/usr/bin/env bash
# netfuzz cert --connect against `openssl s_server` on 127.0.0.1: one
# server per failure class, each on a random free port, killed by the trap;
# every wait is bounded.  Asserts the exact failing/warning rule ids, that
# the chain is reported exactly as sent, and the TLS version / suite.
set -u
cd "$(dirname "$0")/../.."
N=$PWD/bin/netfuzz
tmp=$(mktemp -d /tmp/nf-cert-connect.XXXXXX)
pids=()
cleanup() { local q; for q in "${pids[@]}"; do kill "$q" 2>/dev/null; wait "$q" 2>/dev/null; done; rm -rf "$tmp"; }
trap cleanup EXIT
if ! tests/cert/fixtures.sh "$tmp" >"$tmp/gen.log" 2>&1; then
  echo "not ok cert connect: fixture generation failed"; exit 0
fi
cd "$tmp"
W=work

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# serve NAME LEAF KEY [s_server args...]: start a server and set $p to its
# port once it listens (<= 5 s), else 0.  Runs in this shell (not in $(...))
# so the trap knows every server's pid.
serve() {
  local name=$1 leaf=$2 key=$3; shift 3
  local port; port=$(free_port)
  openssl s_server -quiet -accept "127.0.0.1:$port" -cert "$W/$leaf.crt" -key "$W/$key.key" "$@" \
    >"$tmp/$name.srv.log" 2>&1 </dev/null &
  pids+=($!)
  p=0
  for _ in $(seq 50); do
    if python3 -c "import socket,sys; s=socket.socket(); s.settimeout(0.2); sys.exit(s.connect_ex(('127.0.0.1',$port)))" 2>/dev/null; then
      p=$port; return 0
    fi
    sleep 0.1
  done
}

# check NAME PORT "FAILS" "WARNS" EXIT [extra netfuzz args...]
check() {
  local name=$1 port=$2 want_f=$3 want_w=$4 want_rc=$5; shift 5
  local json rc got
  if [ "$port" = 0 ]; then echo "not ok cert connect $name: server did not start"; return; fi
  json=$(timeout 20 "$N" cert --json --ca root.pem --at 2026-06-01 --timeout 3000 --connect "127.0.0.1:$port" "$@" 2>"$tmp/err"); rc=$?
  got=$(printf '%s' "$json" | python3 -c '
import json, sys
d = json.load(sys.stdin)
print(" ".join(d["failed"]) + "|" + " ".join(d["warned"]) + "|" + str(d["sent"]) + "|" + d["tls"]["version"] + "|" + d["tls"]["cipher"])' 2>/dev/null)
  IFS='|' read -r f w sent ver cipher <<<"$got"
  if [ "$f" = "$want_f" ] && [ "$w" = "$want_w" ] && [ "$rc" = "$want_rc" ] && [ -n "$ver" ]; then
    echo "ok cert connect $name: fail=[$f] warn=[$w] sent=$sent $ver $cipher exit $rc"
  else
    echo "not ok cert connect $name: got fail=[$f] warn=[$w] exit $rc ($(head -c 200 "$tmp/err")), want fail=[$want_f] warn=[$want_w] exit $want_rc"
  fi
}

serve good good leafk -cert_chain "$W/inter.crt"
check good "$p" "" "" 0 --servername www.example.test
# Chain exactly as sent: 2 certificates, leaf first, subjects in order.
subs=$("$N" cert --json --ca root.pem --at 2026-06-01 --connect "127.0.0.1:$p" --servername www.example.test 2>/dev/null |
  python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["sent"], [c["subject"] for c in d["certificates"][:d["sent"]]])')
[ "$subs" = "2 ['CN=www.example.test', 'CN=Test Intermediate']" ] && echo "ok cert connect chain-as-sent: $subs" ||
  echo "not ok cert connect chain-as-sent: got $subs"
check hostname-mismatch "$p" "x509-hostname" "" 1 --servername other.example.test

serve incomplete good leafk
check incomplete "$p" "chain-incomplete" "" 1 --servername www.example.test

serve untrusted other eck -cert_chain "$W/inter2.crt"
check untrusted "$p" "chain-untrusted" "" 1 --servername www.example.test

serve sha1 sha1 leafk -cert_chain "$W/inter.crt" -cipher 'DEFAULT:@SECLEVEL=0'
check sha1 "$p" "apple-sha1 ats-signature-hash" "" 1 --servername www.example.test

# keyUsage keyEncipherment only, server forced to an ECDHE_RSA suite in TLS 1.2:
# the negotiated suite drives apple-ku-cipher.
serve ku-ecdhe kuenc leafk -cert_chain "$W/inter.crt" -cipher ECDHE-RSA-AES128-GCM-SHA256 -no_tls1_3
check ku-cipher-ecdhe "$p" "apple-ku-cipher" "" 1 --servername www.example.test
serve ku-rsa kuenc leafk -cert_chain "$W/inter.crt" -cipher AES128-GCM-SHA256 -no_tls1_3
check ku-cipher-rsa-kx "$p" "" "" 0 --servername www.example.test

cat "$W/inter.crt" root.pem > "$tmp/inter_root.pem"
serve rootsent good leafk -cert_chain "$tmp/inter_root.pem"
check root-sent "$p" "" "chain-root-sent" 0 --servername www.example.test

# Input errors: refused port and a silent server, both exit 2 within bounds.
cp=$(free_port)
msg=$(timeout 20 "$N" cert --connect "127.0.0.1:$cp" --timeout 2000 2>&1 >/dev/null); rc=$?
[ $rc -eq 2 ] && [[ "$msg" == *"cannot connect"* ]] && echo "ok cert connect refused: exit 2: $msg" ||
  echo "not ok cert connect refused: exit $rc: $msg"
sp=$(free_port)
# Listens but never speaks: connections complete in the backlog, the
# handshake gets no answer.  Killed by the trap; lives at most 30 s.
python3 -c "
import socket, time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(('127.0.0.1', $sp)); s.listen(8); time.sleep(30)" &
pids+=($!)
for _ in $(seq 50); do
  ss -ltn 2>/dev/null | grep -q "127.0.0.1:$sp " && break
  sleep 0.1
done
start=$(date +%s)
msg=$(timeout 20 "$N" cert --connect "127.0.0.1:$sp" --timeout 1000 2>&1 >/dev/null); rc=$?
el=$(( $(date +%s) - start ))
[ $rc -eq 2 ] && [[ "$msg" == *"handshake"* ]] && [ $el -le 5 ] && echo "ok cert connect silent-server: exit 2 after bounded wait: $msg" ||
  echo "not ok cert connect silent-server: exit $rc after ${el}s: $msg"
exit 0
