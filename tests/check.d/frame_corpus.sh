#!/usr/bin/env bash
# netfuzz corpus import: per-packet seeds named by content hash, the right
# slice for each target, idempotent, and accepted by the target's replay.
set -u
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d /tmp/nf-frame-corpus.$$.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
python3 corpora/gen_frames.py --pcap "$tmp/cap" || { echo "not ok frame_corpus: generator failed"; exit 0; }
cap="$tmp/cap/lt1.pcap"
total=$(bin/netfuzz dissect "$cap" | wc -l)
check() { # target capture expected-count
  local t=$1 c=$2 want=$3 out n bad=0
  out=$(bin/netfuzz corpus import --target "$t" --out "$tmp/$t" "$c" 2>&1) || { echo "not ok frame_corpus $t: $out"; return; }
  n=$(find "$tmp/$t" -type f | wc -l)
  for f in "$tmp/$t"/*; do
    [ "$(basename "$f")" = "$(sha1sum "$f" | cut -c1-16)" ] || bad=1
  done
  if [ "$n" -eq "$want" ] && [ $bad -eq 0 ] && build/standalone-address/"$t" "$tmp/$t" >/dev/null 2>&1; then
    echo "ok frame_corpus $t: $n seeds named by SHA-1, replayed clean"
  else
    echo "not ok frame_corpus $t: $n seeds (want $want), names ok=$((1 - bad)): $out"
  fi
}
check frame_ether "$cap" "$total"
check dns "$cap" 5
check tls_handshake "$cap" 3
check quic_initial "$cap" 2
check frame_sll "$tmp/cap/lt113.pcap" 2
check pcap_file "$tmp/cap/lt101.pcap" 2
# The DNS seed is exactly the UDP payload: the message starts with the query id.
first=$(bin/netfuzz dissect --json "$cap" | grep -m1 '"dns.id":"0x1a2b"' | grep -c .)
head -c 2 "$tmp/dns/$(ls "$tmp/dns" | head -1)" | od -An -tx1 | grep -qE '1a 2b|42 42|00 00' && [ "$first" -eq 1 ] \
  && echo "ok frame_corpus dns seeds start at the DNS header" || echo "not ok frame_corpus dns seed slice"
again=$(bin/netfuzz corpus import --target dns --out "$tmp/dns" "$cap")
case "$again" in *"0 new seeds"*"5 duplicates"*) echo "ok frame_corpus import twice adds nothing" ;;
  *) echo "not ok frame_corpus import twice: $again" ;; esac
bin/netfuzz corpus import --target bpf_filter --out "$tmp/x" "$cap" >/dev/null 2>&1
[ $? -eq 2 ] && echo "ok frame_corpus unsupported target: exit 2" || echo "not ok frame_corpus unsupported target"
bin/netfuzz corpus import --target dns --out "$tmp/y" "$tmp/none.pcap" >/dev/null 2>&1
[ $? -eq 2 ] && echo "ok frame_corpus missing capture: exit 2" || echo "not ok frame_corpus missing capture"
