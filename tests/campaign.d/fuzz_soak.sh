#!/usr/bin/env bash
# netfuzz fuzz --soak HOURS (issue 15, 6): targets round-robin until the time
# is spent, one statistics series per target across its turns, then triage
# and the report.  A 18-second soak of two small targets, 3 s turns.
set -u
cd "$(dirname "$0")/../.."
NF=${NF:-bin/netfuzz}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
s=$tmp/soak
start=$(date +%s)
"$NF" fuzz rtmsg_darwin bpf_filter --soak 0.005 --seconds 3 --out "$s" >"$tmp/out" 2>"$tmp/err"; rc=$?
took=$(($(date +%s) - start))
if [ $rc -ne 0 ]; then echo "not ok fuzz --soak: exit $rc: $(grep -v '\[' "$tmp/err" | head -c 300)"; exit 0; fi
grep -q "soak round 2, rtmsg_darwin" "$tmp/err" && grep -q "soak: [0-9]* round(s) over 2 target(s)" "$tmp/err" &&
  echo "ok fuzz --soak goes back to the first target for a second round" ||
  echo "not ok fuzz --soak did not start a second round: $(grep 'soak' "$tmp/err" | tr '\n' '|')"
# 18 s of soak: it ends within the time plus the last turn's wind-down,
# merge, triage and report, not after another round
[ $took -ge 17 ] && [ $took -le 60 ] && echo "ok fuzz --soak 0.005 took ${took}s" ||
  echo "not ok fuzz --soak 0.005 took ${took}s, expected 18 s plus the wrap-up"
# one series per target across its turns: elapsed never goes back, and
# covers more than one turn
for t in rtmsg_darwin; do # the first target always gets a second turn
  # (and a later turn does not start from zero coverage before the
  # engine's first status line)
  awk -F, 'NR > 1 { if ($1 < prev || (cov > 0 && $4 == 0)) bad = 1; prev = $1; cov = $4 } END { exit (bad || prev < 4) }' "$s/stats/$t.csv" &&
    echo "ok fuzz --soak $t statistics continue across turns" ||
    echo "not ok fuzz --soak $t statistics restart or stop at one turn: $(cut -d, -f1,4 "$s/stats/$t.csv" | tr '\n' ' ')"
done
row=$(grep '^rtmsg_darwin ' "$tmp/out")
fz=$(printf '%s' "$row" | awk '{print $2}' | cut -ds -f1)
[ -n "$fz" ] && [ "$fz" -ge 4 ] && echo "ok fuzz --soak summary adds up the turns (rtmsg_darwin ${fz}s of fuzzing)" ||
  echo "not ok fuzz --soak summary row: '$row'"
grep -q "soak: triaging" "$tmp/err" && grep -q "nothing to triage" "$tmp/err" "$tmp/out" &&
  echo "ok fuzz --soak triages what it found" || echo "not ok fuzz --soak did not triage"
[ -s "$s/report/index.html" ] && grep -q "$s/report/index.html" "$tmp/out" &&
  echo "ok fuzz --soak writes the report" || echo "not ok fuzz --soak wrote no report"
"$NF" fuzz --soak 0 >/dev/null 2>"$tmp/err"; rc=$?
[ $rc -eq 2 ] && grep -q "soak needs a number of hours" "$tmp/err" && echo "ok fuzz --soak 0 is a usage error" ||
  echo "not ok fuzz --soak 0: exit $rc"
