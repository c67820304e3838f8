#!/usr/bin/env bash
# issue 26, the AFL++ half of tests/check.d/hostile_paths.sh (campaign
# tier: AFL++ builds and runs are slower).  `netfuzz fuzz --engine afl`
# with an --out holding a single quote, a double quote, a space, a newline,
# "$(...)", a backslash and 8-bit UTF-8 (one directory level each), and
# with a leading dash: afl-fuzz runs, afl-cmin (a shell script that uses
# its paths unquoted) merges into the corpus through netfuzz's shell-safe
# view, no path runs as a command, and the directories a mangled name
# would hit survive.  TAP output.  NF=/path/to/netfuzz for another build.
set -u
cd "$(dirname "$0")/../.."
ROOT=$PWD
NF=${NF:-$ROOT/bin/netfuzz}
T=rtmsg_darwin
command -v afl-fuzz >/dev/null && command -v afl-cmin >/dev/null ||
  { echo "ok hostile afl # SKIP afl-fuzz or afl-cmin not installed"; exit 0; }
tmp=$(mktemp -d /tmp/nf-hostile-afl.XXXXXX); trap 'rm -rf "$tmp"' EXIT
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
S=$tmp/s
P=$S
SIBS=()
for name in "keep' 'z" 'keep" "z' 'keep z2' $'keep\nz' 'o$(touch INJ)' 'keep\ z' $'caf\xc3\xa9 \xe2\x82\xac'; do
  for sib in keep z "keep z" o; do mkdir -p "$P/$sib" && echo "$P/$sib" >"$P/$sib/file" && SIBS+=("$P/$sib/file"); done
  P=$P/$name
done
mkdir -p "$P"
count() { find "$@" -type f -printf x 2>/dev/null | wc -c; }
for label in "all names" "leading dash"; do
  case $label in "all names") out=$P/out ;; *) out=-keep ;; esac
  (cd "$S" && "$NF" fuzz $T --engine afl --seconds 2 --out "$out") >"$tmp/f.out" 2>"$tmp/f.err"; rc=$?
  case $out in /*) ;; *) out=$S/$out ;; esac
  execs=$(awk -v t=$T '$1 == t {print $3; exit}' "$tmp/f.out")
  n=$(count "$out/corpus/$T")
  if [ $rc -eq 0 ] && [ "${execs:-0}" -gt 0 ] && [ "$n" -gt 0 ] && ! grep -q 'afl-cmin failed' "$tmp/f.err"; then
    echo "ok hostile afl fuzz --out ($label): exit 0, $execs executions, afl-cmin kept $n inputs"
  else
    echo "not ok hostile afl fuzz --out ($label): exit $rc, ${execs:-no} executions, $n corpus inputs: $(grep -v '^\S* *\[' "$tmp/f.err" | tail -3 | tr '\n' ' ')"
  fi
  bad=""
  for f in "${SIBS[@]}"; do [ "$(cat "$f" 2>/dev/null)" = "${f%/file}" ] || { bad="$f was removed or changed"; break; }; done
  for d in "$S" "$tmp" "$ROOT" "$P"; do [ -e "$d/INJ" ] && bad="$bad; a path ran as a command ($d/INJ)"; done
  [ -z "$bad" ] && echo "ok hostile afl ($label): the ${#SIBS[@]} sibling directories untouched, nothing injected" ||
    echo "not ok hostile afl ($label): $bad"
done

# issue 26 row 8 with AFL++: SIGKILL of netfuzz leaves no afl-fuzz (main,
# secondary, fork server) behind within 2 s
O=$tmp/kill
"$NF" fuzz $T --engine afl --seconds 60 --jobs 2 --out "$O" >/dev/null 2>"$tmp/k.err" &
k=$!
for _ in $(seq 1 300); do grep -q "^$T .*exec/s" "$tmp/k.err" 2>/dev/null && break; sleep 0.2; done
n0=$(pgrep -f -- "$O" | wc -l)
kill -9 $k; wait $k 2>/dev/null
left=""
for _ in $(seq 1 20); do left=$(pgrep -f -- "$O"); [ -z "$left" ] && break; sleep 0.1; done
if [ "$n0" -gt 0 ] && [ -z "$left" ]; then
  echo "ok hostile afl SIGKILL: the $n0 AFL++ process(es) were gone within 2 s"
else
  echo "not ok hostile afl SIGKILL: $n0 AFL++ process(es) before, left after 2 s: $(echo $left | head -c 100)"
  for p in $left; do kill -9 "$p" 2>/dev/null; done
fi
