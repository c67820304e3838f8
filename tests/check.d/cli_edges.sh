#!/usr/bin/env bash
# CLI rough edges (issue 15, 5): --version, "option needs a value" for every
# option that takes one in every command, an empty route table, dissect -.
# NF=/path/to/netfuzz runs the checks against another build.
set -u
cd "$(dirname "$0")/../.."
NF=${NF:-bin/netfuzz}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

# --version and version: the version and the commit the binary was built from
head=$(git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
for v in --version version; do
  out=$("$NF" $v 2>&1); rc=$?
  if [ $rc -eq 0 ] && printf '%s\n' "$out" | grep -Eq "^netfuzz [0-9]+\.[0-9]+\.[0-9]+ \(commit $head(-dirty)?\)$"; then
    echo "ok netfuzz $v names version and commit $head"
  else
    echo "not ok netfuzz $v: exit $rc, '$out' (want commit $head)"
  fi
done

# Every "--option VALUE" in `netfuzz help`, given last without its value.
# The list comes from the usage lines, so a new option is checked too.
"$NF" help | awk '/^  [a-z]/ {cmd=$1} /^ / {print cmd "\t" $0}' |
  grep -oE "^[a-z]+	|--[a-z-]+ ([A-Z][A-Z_:]*|[a-z0-9-]+(\|[a-z0-9-]+)+)" |
  awk -F'\t' 'NF==2 {cmd=$1; next} {split($0, w, " "); print cmd, w[1]}' | sort -u >"$tmp/opts"
n=0 bad=0
while read -r cmd opt; do
  pre=(); [ "$cmd" = corpus ] && pre=(import)
  "$NF" "$cmd" "${pre[@]}" "$opt" >/dev/null 2>"$tmp/err"; rc=$?
  n=$((n + 1))
  if [ $rc -ne 2 ] || ! grep -qF "netfuzz: $cmd: option '$opt' needs a value" "$tmp/err"; then
    echo "not ok $cmd $opt without a value: exit $rc, '$(head -c 200 "$tmp/err")'"; bad=$((bad + 1))
  fi
done <"$tmp/opts"
# cert, corpus, dissect, fuzz, regress, report, routes, triage all take some
if [ "$n" -lt 25 ]; then echo "not ok option-value check found only $n options in netfuzz help"
elif [ $bad -eq 0 ]; then echo "ok all $n value-taking options say 'needs a value' when given last"; fi

# Every integer option says a bad value one way (harness/args.c), whatever
# the command: "netfuzz: CMD: OPT: 'x' is not an integer from LO to HI".
bad=0 n=0
for co in "fuzz --seconds" "fuzz --jobs" "triage --runs" "triage --timeout" "triage --minimize-seconds" \
          "regress --batch" "regress --timeout" "regress --mem-mb" "cert --timeout"; do
  set -- $co
  "$NF" "$1" "$2" x >/dev/null 2>"$tmp/err"; rc=$?
  n=$((n + 1))
  if [ $rc -ne 2 ] || ! grep -qE "^netfuzz: $1: $2: 'x' is not an integer from -?[0-9]+ to [0-9]+" "$tmp/err"; then
    echo "not ok $1 $2 x: exit $rc, '$(head -c 200 "$tmp/err")'"; bad=$((bad + 1))
  fi
done
[ $bad -eq 0 ] && echo "ok all $n integer options word a bad value the same way"

# An empty dump is an empty table, said as such (netstat -rn prints its header)
: >"$tmp/empty"
for f in darwin darwin2 freebsd netlink proc-route proc-arp; do
  out=$("$NF" routes --format $f "$tmp/empty" 2>&1); rc=$?
  [ $rc -eq 0 ] && [ "$out" = "0 routes, 0 neighbours" ] && echo "ok routes --format $f EMPTYFILE says 0 routes, 0 neighbours" ||
    echo "not ok routes --format $f EMPTYFILE: exit $rc, '$out'"
done

# dissect - reads standard input, as tcpdump -r - does
cap=tests/data/odid_wifi_bcn_sample.pcap
for mode in "" --json --stats; do
  "$NF" dissect $mode "$cap" >"$tmp/file.out" 2>&1
  "$NF" dissect $mode - <"$cap" >"$tmp/stdin.out" 2>&1; rc=$?
  [ $rc -eq 0 ] && [ -s "$tmp/file.out" ] && cmp -s "$tmp/file.out" "$tmp/stdin.out" &&
    echo "ok dissect ${mode:+$mode }- gives the same output as the file" ||
    echo "not ok dissect ${mode:+$mode }-: exit $rc, output differs from the file's"
done
tcpdump -r "$cap" -w - 2>/dev/null | "$NF" dissect - >"$tmp/pipe.out" 2>&1; rc=$?
"$NF" dissect "$cap" >"$tmp/file.out" 2>&1
[ $rc -eq 0 ] && cmp -s "$tmp/file.out" "$tmp/pipe.out" && echo "ok tcpdump -w - | netfuzz dissect -" ||
  echo "not ok tcpdump -w - | netfuzz dissect -: exit $rc"
echo garbage | "$NF" dissect - >/dev/null 2>"$tmp/err"; rc=$?
[ $rc -eq 2 ] && grep -q "standard input: not a readable pcap/pcapng capture" "$tmp/err" &&
  echo "ok dissect - on a non-capture: exit 2, names standard input" ||
  echo "not ok dissect - on a non-capture: exit $rc, '$(cat "$tmp/err")'"
