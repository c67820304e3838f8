#!/usr/bin/env bash
# netfuzz report (issue 15, 4): "No crashes" under a target without any; one
# crash timeline of all targets and one coverage plot of all targets, both
# above the per-target charts.  A made-up campaign: calm (no findings) and
# buggy (findings at 5 s and 9 s, not triaged), with statistics as
# netfuzz fuzz writes them (wall clock in the last column).
set -u
cd "$(dirname "$0")/../.."
NF=${NF:-bin/netfuzz}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/c/stats"
h=elapsed_s,execs,exec_per_s,cov,ft,corpus,crashes,timeouts,ooms,unix_time
{ echo $h; for t in 1 2 3 4 5 6 7 8 9 10; do echo "$t,$((t * 1000)),1000,$((100 + t * 10)),200,$t,0,0,0,$((1700000000 + t))"; done; } >"$tmp/c/stats/calm.csv"
{ echo $h; for t in 1 2 3 4 5 6 7 8 9 10; do
    c=0; [ $t -ge 5 ] && c=1; [ $t -ge 9 ] && c=3
    echo "$t,$((t * 500)),500,$((40 + t)),90,$t,$c,0,0,$((1700000020 + t))"; done; } >"$tmp/c/stats/buggy.csv"
"$NF" report --out "$tmp/c" >/dev/null 2>"$tmp/err"; rc=$?
page=$tmp/c/report/index.html
if [ $rc -ne 0 ] || [ ! -s "$page" ]; then echo "not ok report: exit $rc $(head -c 200 "$tmp/err")"; exit 0; fi

# the per-target sections, in document order
calm=$(sed -n '/<h2 id="calm">/,/<h2 id=\|<\/body>/p' "$page" | sed '$d')
buggy=$(sed -n '/<h2 id="buggy">/,/<h2 id=\|<\/body>/p' "$page" | sed '$d')
printf '%s' "$calm" | grep -q 'No crashes' && ! printf '%s' "$calm" | grep -q 'triage' &&
  echo "ok report: a target without crashes says No crashes" ||
  echo "not ok report: a target without crashes does not say No crashes"
printf '%s' "$buggy" | grep -q '3 finding(s), not triaged yet' &&
  echo "ok report: a target with untriaged crashes says so" ||
  echo "not ok report: a target with untriaged crashes is not shown as such"

first_target=$(grep -n '<h2 id="buggy">' "$page" | cut -d: -f1)
tl=$(grep -n '<title>crash timeline, every target</title>' "$page" | cut -d: -f1)
cov=$(grep -n '<title>coverage over fuzzing time, every target</title>' "$page" | cut -d: -f1)
if [ -n "$tl" ] && [ -n "$cov" ] && [ -n "$first_target" ] && [ "$tl" -lt "$cov" ] && [ "$cov" -lt "$first_target" ]; then
  echo "ok report: crash timeline, then all-target coverage, above the per-target charts"
else
  echo "not ok report: timeline (line ${tl:-none}) and coverage plot (line ${cov:-none}) not above the targets (line ${first_target:-none})"
fi
# the timeline: two new-finding dots for buggy (at 24 s and 28 s of the
# campaign's clock), none for calm
dots=$(grep -o '<title>buggy: [0-9]* new finding(s) at [0-9]* s</title>' "$page" | tr '\n' ' ')
[ "$dots" = "<title>buggy: 1 new finding(s) at 24 s</title> <title>buggy: 2 new finding(s) at 28 s</title> " ] &&
  ! grep -q '<title>calm: ' "$page" && echo "ok report: crash timeline dots on the campaign clock" ||
  echo "not ok report: crash timeline dots are '$dots'"
# the coverage plot: one line per target
n=$(sed -n '/coverage over fuzzing time, every target/,/<\/svg>/p' "$page" | grep -c '<polyline.*<title>\(calm\|buggy\)</title>')
[ "$n" -eq 2 ] && echo "ok report: coverage plot has a line for each target" ||
  echo "not ok report: coverage plot has $n target lines, expected 2"
