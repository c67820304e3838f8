#!/usr/bin/env bash
# check-group: regress (netfuzz regress at the project root writes build/regress/*.log)
# issue 26: hostile path names.  fuzz (libFuzzer), triage --file, regress,
# report and corpus import, given paths holding a single quote, a double
# quote, a space, a newline, a leading dash, "$(...)", a backslash, 8-bit
# UTF-8, or 4,000+ characters, either work or refuse with a clear message;
# none runs a path as a command (no INJ file appears) and a sibling
# directory survives untouched.  Then the same from a copy of the checkout
# under a hostile name (the make -C calls), a missing $TMPDIR (row 6), an
# existing 4,094-character --out full of the user's files (row 2), and a
# campaign that runs nothing (exit 1 with the engine's own error).
# 1-second campaigns of rtmsg_darwin (links no third-party library).
# NF=/path/to/netfuzz runs it against another build (how the rows were
# shown to fail on the old code).  The AFL++ half: tests/campaign.d/.
set -u
cd "$(dirname "$0")/../.."
ROOT=$PWD
NF=${NF:-$ROOT/bin/netfuzz}
T=rtmsg_darwin
tmp=$(mktemp -d /tmp/nf-hostile.XXXXXX)
cleanup() { chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
S=$tmp/s
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
declare -A NAME=(
  [quote]="keep' 'z"
  [dquote]='keep" "z'
  [space]='keep z2'
  [newline]=$'keep\nz'
  [subst]='o$(touch INJ)'
  [backslash]='keep\ z'
  [utf8]=$'caf\xc3\xa9 \xe2\x82\xac'
)
KINDS="quote dquote space newline subst backslash utf8"
# One path holding every hostile name, one directory level each, with
# the directories a mangled name would hit beside each level: keep/, z/,
# "keep z"/ (what a backslash or a cut quote leaves), and "o" (a cut $(...)).
P=$S
SIBS=()
for k in $KINDS; do
  for sib in keep z "keep z" o; do mkdir -p "$P/$sib" && echo "$P/$sib" >"$P/$sib/file" && SIBS+=("$P/$sib/file"); done
  P=$P/${NAME[$k]}
done
mkdir -p "$P"
long=$S/$(printf 'L%.0s' $(seq 1 200))
for i in $(seq 1 19); do long=$long/$(printf 'L%.0s' $(seq 1 200)); done # 4,000+ characters
[ "${#long}" -ge 4000 ] || echo "not ok hostile: the long path is only ${#long} characters"

intact() { # CONTEXT
  local bad="" f
  for f in "${SIBS[@]}"; do [ "$(cat "$f" 2>/dev/null)" = "${f%/file}" ] || { bad="$f was removed or changed"; break; }; done
  for d in "$S" "$tmp" "$ROOT" "$PWD" "$P"; do [ -e "$d/INJ" ] && bad="$bad; a path ran as a command ($d/INJ)"; done
  [ -z "$bad" ] && echo "ok hostile $1: the ${#SIBS[@]} sibling directories untouched, nothing injected" || echo "not ok hostile $1: $bad"
}
count() { find "$@" -type f -printf x 2>/dev/null | wc -c; }

# fuzz: libFuzzer's fork and merge modes go through its own shell (rows 1, 3, 4)
fuzz_ok() { # LABEL OUT (relative to $S)
  local label=$1 out=$2 rc execs
  (cd "$S" && "$NF" fuzz $T --seconds 1 --out "$out") >"$tmp/f.out" 2>"$tmp/f.err"; rc=$?
  execs=$(awk -v t=$T '$1 == t {print $3; exit}' "$tmp/f.out")
  case $out in /*) ;; *) out=./$out ;; esac # find takes "-keep" for an option
  n=$(cd "$S" && count "$out/corpus/$T")
  if [ $rc -eq 0 ] && [ "${execs:-0}" -gt 0 ] && [ "$n" -gt 0 ]; then
    echo "ok hostile fuzz --out ($label): exit 0, $execs executions, $n inputs in the corpus"
  else
    echo "not ok hostile fuzz --out ($label): exit $rc, ${execs:-no} executions, $n corpus inputs: $(grep -v '^\S* *\[' "$tmp/f.err" | tail -2 | tr '\n' ' ')"
  fi
  intact "fuzz ($label)"
}
fuzz_ok "$KINDS" "$P/out"
fuzz_ok "leading dash" "-keep"
# NF_HOSTILE_EACH=1: one campaign per name as well (slower)
if [ "${NF_HOSTILE_EACH:-0}" = 1 ]; then for k in $KINDS; do fuzz_ok "$k" "${NAME[$k]}"; done; fi

# 4,000+ characters: refused before anything is created
"$NF" fuzz $T --seconds 1 --out "$long" >/dev/null 2>"$tmp/long.err"; rc=$?
[ $rc -eq 2 ] && grep -q 'too long' "$tmp/long.err" && [ ! -e "$long" ] &&
  echo "ok hostile fuzz --out (${#long} characters): exit 2, '$(head -c 60 "$tmp/long.err")...', nothing created" ||
  echo "not ok hostile fuzz --out (${#long} characters): exit $rc: $(head -c 300 "$tmp/long.err")"
intact "fuzz (long)"

# report, corpus import, triage --file, regress with the same names
cp tests/data/odid_wifi_bcn_sample.pcap "$tmp/cap.pcap"
printf 'HEAPxxxxxxxx' >"$tmp/crash"
for k in all dash long; do
  case $k in all) d=$P/out ;; dash) d=$S/-keep ;; long) d=$long ;; esac
  mkdir -p "$d" 2>/dev/null
  if [ $k != long ]; then
    "$NF" report --out "$d" >/dev/null 2>"$tmp/r.err"; rc=$?
    [ $rc -eq 0 ] && [ -s "$d/report/index.html" ] && echo "ok hostile report --out ($k)" ||
      echo "not ok hostile report --out ($k): exit $rc: $(head -c 200 "$tmp/r.err")"
  fi
  # a capture, a crash and a JUnit file under the hostile name
  cp "$tmp/cap.pcap" "$d/c.pcap" 2>/dev/null
  "$NF" corpus import --target frame_radiotap --out "$d/seeds" "$d/c.pcap" >/dev/null 2>"$tmp/c.err"; rc=$?
  n=$(count "$d/seeds")
  if [ $rc -eq 0 ] && [ "$n" -eq 21 ]; then echo "ok hostile corpus import ($k): 21 seeds"
  else echo "not ok hostile corpus import ($k): exit $rc, $n seeds: $(head -c 200 "$tmp/c.err")"; fi
  cp "$tmp/crash" "$d/crash-HEAP" 2>/dev/null
  "$NF" triage --target nf_buggy "$d/crash-HEAP" --runs 1 --minimize-seconds 1 --file --regressions-dir "$d/reg" \
    >"$tmp/t.out" 2>"$tmp/t.err"; rc=$?
  n=$(find "$d/reg/nf_buggy" -name '*.json' -printf x 2>/dev/null | wc -c)
  if [ $rc -eq 1 ] && [ "$n" -eq 1 ]; then echo "ok hostile triage --file ($k): filed"
  else echo "not ok hostile triage --file ($k): exit $rc, $n filed: $(tail -2 "$tmp/t.err" | head -c 300)"; fi
  "$NF" regress --only dualstack-bind-conflict --junit "$d/r.xml" >/dev/null 2>"$tmp/g.err"; rc=$?
  if [ $rc -eq 0 ] && grep -q '<testsuite' "$d/r.xml" 2>/dev/null; then echo "ok hostile regress --junit ($k)"
  else echo "not ok hostile regress --junit ($k): exit $rc: $(tail -2 "$tmp/g.err" | head -c 300)"; fi
  intact "report/corpus/triage/regress ($k)"
done

# just too long for what goes below it: refused, nothing written (a seed
# path or report/index.html was cut short by snprintf before)
near=$S/n
while [ ${#near} -lt 4085 ]; do near=$near/$(printf 'n%.0s' $(seq 1 100)); done
near=${near:0:4085}
"$NF" corpus import --target frame_radiotap --out "$near" "$tmp/cap.pcap" >/dev/null 2>"$tmp/c.err"; rc=$?
[ $rc -eq 2 ] && grep -q 'too long' "$tmp/c.err" && [ ! -e "$S/n" ] &&
  echo "ok hostile corpus import --out of ${#near} characters: exit 2, '$(head -c 70 "$tmp/c.err")...', nothing written" ||
  echo "not ok hostile corpus import --out of ${#near} characters: exit $rc: $(head -c 200 "$tmp/c.err")"
mkdir -p "$near/stats" 2>/dev/null && (cd "$near/stats" && printf 'elapsed_s,execs\n1,1\n' >x.csv)
"$NF" report --out "$near" >/dev/null 2>"$tmp/r.err"; rc=$?
[ $rc -eq 2 ] && grep -q 'too long' "$tmp/r.err" && [ ! -e "$near/report" ] &&
  echo "ok hostile report --out of ${#near} characters: exit 2, '$(head -c 70 "$tmp/r.err")...'" ||
  echo "not ok hostile report --out of ${#near} characters: exit $rc: $(head -c 200 "$tmp/r.err")"
rm -rf "$S/n"

# row 6: $TMPDIR missing: libFuzzer gets a TMPDIR netfuzz made
TMPDIR=$tmp/missing "$NF" fuzz $T --seconds 1 --out "$tmp/o-tmpdir" >"$tmp/f.out" 2>"$tmp/f.err"; rc=$?
execs=$(awk -v t=$T '$1 == t {print $3; exit}' "$tmp/f.out")
[ $rc -eq 0 ] && [ "${execs:-0}" -gt 0 ] && echo "ok hostile TMPDIR missing: exit 0, $execs executions" ||
  echo "not ok hostile TMPDIR missing: exit $rc, ${execs:-no} executions: $(grep -v '^\S* *\[' "$tmp/f.err" | tail -2 | tr '\n' ' ')"

# row 2: an existing --out of 4,094 characters with the user's files in it
deep=$S/d
while [ ${#deep} -lt 3900 ]; do deep=$deep/$(printf 'D%.0s' $(seq 1 190)); done
deep=$deep/$(printf 'E%.0s' $(seq 1 $((4094 - ${#deep} - 1))))
mkdir -p "$deep/work/$T" && (cd "$deep" && echo mine >user-file && echo mine >"work/$T/user-file")
"$NF" fuzz $T --seconds 1 --out "$deep" >/dev/null 2>"$tmp/deep.err"; rc=$?
left=$(count "$S/d")
[ $rc -eq 2 ] && grep -q 'too long' "$tmp/deep.err" && [ "$left" -eq 2 ] && [ ! -e "$deep/.netfuzz.lock" ] &&
  echo "ok hostile --out of ${#deep} characters holding files: exit 2, refused, both files kept" ||
  echo "not ok hostile --out of ${#deep} characters: exit $rc, $left of 2 files left: $(head -c 300 "$tmp/deep.err")"
rm -rf "$S/d"

# the checkout itself under a hostile name: make -C gets it as one argument
unset NETFUZZ_ROOT # the copy finds itself
C=$tmp/$'ne\'t "fz" $(touch INJ) \xc3\xa9'/netfuzz
mkdir -p "$C/build"
git ls-files -z | xargs -0 cp -a --parents -t "$C" 2>/dev/null
mkdir -p "$C/bin" && cp -a "$NF" "$C/bin/netfuzz" && cp -a build/libfuzzer-address build/cli build/regress "$C/build/" 2>/dev/null
mkdir -p "$C/build/standalone-address" && cp -a build/standalone-address/$T "$C/build/standalone-address/"
(cd "$tmp" && "$C/bin/netfuzz" fuzz $T --seconds 1 --out o3) >"$tmp/f.out" 2>"$tmp/f.err"; rc=$?
execs=$(awk -v t=$T '$1 == t {print $3; exit}' "$tmp/f.out")
[ $rc -eq 0 ] && [ "${execs:-0}" -gt 0 ] && echo "ok hostile checkout name: fuzz exit 0, $execs executions" ||
  echo "not ok hostile checkout name: fuzz exit $rc, ${execs:-no} executions: $(grep -v '^\S* *\[' "$tmp/f.err" | tail -3 | tr '\n' ' ')"
# a preload fault: regress builds the shim with make -C (src/regress/os.c)
case_=$("$C/bin/netfuzz" regress --list-faults 2>/dev/null | grep -A3 '^swallow-first-sendto' | grep -o 'used by: [a-z0-9-]*' | head -1 | cut -d' ' -f3)
"$C/bin/netfuzz" regress --only "${case_:-udp-v4mapped-first-sendto}" --inject swallow-first-sendto >"$tmp/g.out" 2>"$tmp/g.err"; rc=$?
[ $rc -eq 0 ] && [ -s "$C/build/libnetfault.so" ] && echo "ok hostile checkout name: regress --inject built its shim with make -C, exit 0" ||
  echo "not ok hostile checkout name: regress --inject exit $rc, shim $(ls "$C/build/libnetfault.so" 2>&1): $(tail -2 "$tmp/g.err")"
"$C/bin/netfuzz" replay $T corpora/$T >/dev/null 2>"$tmp/p.err"; rc=$?
[ $rc -eq 0 ] && echo "ok hostile checkout name: replay exit 0" || echo "not ok hostile checkout name: replay exit $rc: $(tail -2 "$tmp/p.err")"
[ ! -e "$tmp/INJ" ] && [ ! -e "$C/INJ" ] && [ ! -e "$S/INJ" ] && echo "ok hostile checkout name: nothing injected" ||
  echo "not ok hostile checkout name: a path ran as a command"
intact "checkout name"

# step 4: a campaign that runs nothing is exit 1 with the engine's own
# error (a dictionary libFuzzer cannot parse stops it before fuzzing)
printf 'not a dictionary line\n' >"$C/targets/$T.dict"
(cd "$tmp" && "$C/bin/netfuzz" fuzz $T --seconds 2 --out o2) >"$tmp/f.out" 2>"$tmp/f.err"; rc=$?
[ $rc -eq 1 ] && grep -q 'RAN NOTHING' "$tmp/f.out" && grep -q 'nothing was fuzzed: .*ParseDictionaryFile' "$tmp/f.out" &&
  echo "ok hostile a campaign that runs nothing: exit 1, '$(grep -m1 'nothing was fuzzed' "$tmp/f.out" | head -c 120)'" ||
  echo "not ok hostile a campaign that runs nothing: exit $rc: $(tail -3 "$tmp/f.out" | tr '\n' ' ')"
