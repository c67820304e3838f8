#!/usr/bin/env bash
# Differential test of the frame dissectors against tshark (the oracle):
# every corpora/gen_*.py that supports `--pcap DIR` writes captures covering
# its protocols (corpora/gen_frames.py: Ethernet to TLS/QUIC on every
# non-802.11 link type; gen_frame_radiotap.py: 802.11/radiotap/NAN), then
# tests/frame_tshark_compare.py compares `netfuzz dissect --json` with
# `tshark -T fields` field by field and needs >= 99.9 % agreement.
# Also checks the CLI contract of `netfuzz dissect` on bad input.
set -u
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d "${TMPDIR:-/tmp}/nf-frame-tshark.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

if ! command -v tshark >/dev/null; then
  echo "not ok frame_tshark: tshark not installed (ci/install-deps.sh)"; exit 0
fi
# A generator's --pcap argument is a directory for some (gen_frames.py writes
# DIR/<linktype>.pcap) and a file for others (gen_frame_radiotap.py writes
# FILE, no suffix), so captures are found by content, not by name: every
# regular file the generator wrote that starts with a pcap or pcapng magic
# number.  A generator that wrote no capture with at least one packet fails.
is_capture() { # FILE: pcap (either byte order, us or ns) or pcapng, and longer than a bare header
  local magic
  magic=$(od -An -N4 -tx1 "$1" 2>/dev/null | tr -d ' \n')
  case "$magic" in
    d4c3b2a1|a1b2c3d4|4d3cb2a1|a1b23c4d|0a0d0d0a) [ "$(stat -c %s "$1")" -gt 32 ] ;;
    *) return 1 ;;
  esac
}
caps=()
mkdir -p "$tmp/gen"
for g in corpora/gen_*.py; do
  grep -q -- '--pcap' "$g" || continue
  name=$(basename "$g" .py)
  if ! python3 "$g" --pcap "$tmp/gen/$name" 2>"$tmp/gen.err"; then
    echo "not ok frame_tshark: $g --pcap failed: $(head -c 200 "$tmp/gen.err")"; continue
  fi
  mine=()
  while IFS= read -r f; do is_capture "$f" && mine+=("$f"); done \
    < <(find "$tmp/gen/$name" -type f 2>/dev/null | sort)
  if [ ${#mine[@]} -eq 0 ]; then
    echo "not ok frame_tshark: $g --pcap wrote no capture with packets"
  else
    echo "# $g: ${#mine[@]} capture(s)"
  fi
  caps+=("${mine[@]}")
done
if [ ${#caps[@]} -eq 0 ]; then
  echo "not ok frame_tshark differential: no captures to compare"; out=""
elif out=$(python3 tests/frame_tshark_compare.py bin/netfuzz "${caps[@]}" 2>&1); then
  echo "ok frame_tshark differential: $(printf '%s\n' "$out" | tail -1) over ${#caps[@]} captures"
else
  echo "not ok frame_tshark differential: $(printf '%s\n' "$out" | grep -c DISAGREE) disagreement(s); $(printf '%s\n' "$out" | grep -E '^(agreement|no field)' | tail -2 | paste -sd';')"
fi
printf '%s\n' "$out" | grep -E 'DISAGREE|TSHARK-DIFFERS' | sed 's/^/# /'

# Line mode agrees with tcpdump -n on addresses for every IP packet.
cap="$tmp/gen/gen_frames/lt1.pcap"
[ -s "$cap" ] || echo "not ok frame_tshark line mode: gen_frames.py wrote no $cap"
# (tcpdump prints IPv6 extension headers before the ports; those lines and
# fragments are left out.)
skip=$(tcpdump -n -r "$cap" 2>/dev/null | grep -E 'HBH|frag' | cut -d' ' -f1 | paste -sd'|')
ours=$(bin/netfuzz dissect "$cap" | grep -vE "^(${skip:-none}) " | grep -oE '^[0-9:.]+ IP6? [^ ]+ > [^ ]+' | sort)
theirs=$(tcpdump -n -r "$cap" 2>/dev/null | grep -vE "^(${skip:-none}) " | grep -oE '^[0-9:.]+ IP6? [^ ]+ > [^ ]+' | sort)
if [ "$ours" = "$theirs" ] && [ -n "$ours" ]; then
  echo "ok frame_tshark line mode: timestamps, addresses and ports match tcpdump -n ($(printf '%s\n' "$ours" | wc -l) packets)"
else
  echo "not ok frame_tshark line mode: differs from tcpdump -n"; diff <(echo "$ours") <(echo "$theirs") | head -5 | sed 's/^/# /'
fi

# Bad input: missing file, not a capture (exit 2); a capture cut inside a
# record prints every good packet, names record and offset, exits 1.
bin/netfuzz dissect "$tmp/nope.pcap" >/dev/null 2>"$tmp/err"; rc=$?
[ $rc -eq 2 ] && grep -q "nope.pcap" "$tmp/err" && echo "ok frame_tshark dissect missing file: exit 2, names the file" \
  || echo "not ok frame_tshark dissect missing file: rc=$rc $(cat "$tmp/err")"
printf 'hello, not a capture\n' > "$tmp/text.pcap"
bin/netfuzz dissect "$tmp/text.pcap" >/dev/null 2>"$tmp/err"; rc=$?
[ $rc -eq 2 ] && grep -q "text.pcap" "$tmp/err" && echo "ok frame_tshark dissect not a capture: exit 2" \
  || echo "not ok frame_tshark dissect not a capture: rc=$rc $(cat "$tmp/err")"
size=$(stat -c %s "$cap")
head -c $((size - 30)) "$cap" > "$tmp/cut.pcap"
bin/netfuzz dissect "$tmp/cut.pcap" >"$tmp/cut.txt" 2>"$tmp/err"; rc=$?
n=$(wc -l < "$tmp/cut.txt")
total=$(bin/netfuzz dissect "$cap" | wc -l)
if [ $rc -eq 1 ] && [ "$n" -eq $((total - 1)) ] && grep -q "record $total (reading stopped at file offset" "$tmp/err"; then
  echo "ok frame_tshark dissect truncated capture: $n good packets printed, exit 1, record and offset named"
else
  echo "not ok frame_tshark dissect truncated capture: rc=$rc lines=$n/$total: $(cat "$tmp/err")"
fi
bin/netfuzz dissect --filter 'tcp port 443' "$cap" > "$tmp/f.txt"; rc=$?
want=$(tcpdump -n -r "$cap" 'tcp port 443' 2>/dev/null | wc -l)
[ $rc -eq 0 ] && [ "$(wc -l < "$tmp/f.txt")" -eq "$want" ] && [ "$want" -gt 0 ] \
  && echo "ok frame_tshark dissect --filter: $want packets, as tcpdump" \
  || echo "not ok frame_tshark dissect --filter: rc=$rc, $(wc -l < "$tmp/f.txt") vs $want"
bin/netfuzz dissect --filter 'tcp port' "$cap" >/dev/null 2>"$tmp/err"; rc=$?
[ $rc -eq 2 ] && grep -q "bad filter" "$tmp/err" && echo "ok frame_tshark dissect bad filter: exit 2" \
  || echo "not ok frame_tshark dissect bad filter: rc=$rc"
stats=$(bin/netfuzz dissect --stats "$cap")
[ "$(printf '%s\n' "$stats" | awk '$1=="packets"{print $2}')" -eq "$total" ] && printf '%s\n' "$stats" | grep -q '^tls ' \
  && echo "ok frame_tshark dissect --stats: counts $total packets by protocol" \
  || echo "not ok frame_tshark dissect --stats: $stats"
# pcapng (converted by editcap) reads to the same NDJSON as the pcap.
if command -v editcap >/dev/null && editcap -F pcapng "$cap" "$tmp/c.pcapng" 2>/dev/null; then
  bin/netfuzz dissect --json "$tmp/c.pcapng" > "$tmp/ng.json"; bin/netfuzz dissect --json "$cap" > "$tmp/pcap.json"
  # (two empty outputs would be "the same": require every packet)
  if [ "$(wc -l < "$tmp/pcap.json")" -eq "$total" ] && [ "$total" -gt 0 ] && cmp -s "$tmp/ng.json" "$tmp/pcap.json"; then
    echo "ok frame_tshark dissect pcapng: same output as the pcap ($total packets)"
  else
    echo "not ok frame_tshark dissect pcapng: output differs from the pcap"
  fi
fi
