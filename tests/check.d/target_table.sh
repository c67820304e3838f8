#!/usr/bin/env bash
# bin/netfuzz knows the fuzz targets from the table ci/gen-target-table.sh
# generates out of targets/<name>.c, and links no target body.
set -u
cd "$(dirname "$0")/../.."
NF=bin/netfuzz
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

want=$(ls targets/*.c | sed 's|targets/||; s|\.c$||' | sort)
got=$($NF list | awk '{print $1}')
if [ -n "$want" ] && [ "$want" = "$got" ]; then
  echo "ok target_table netfuzz list names every targets/*.c ($(echo "$got" | wc -l) targets)"
else
  echo "not ok target_table netfuzz list differs from targets/*.c: $(diff <(echo "$want") <(echo "$got") | head -4 | tr '\n' ' ')"
fi
bodies=$(nm "$NF" 2>/dev/null | grep -cE 'LLVMFuzzerTestOneInput|nf_target_run_')
syms=$(nm "$NF" 2>/dev/null | wc -l)
if [ "$syms" -gt 0 ] && [ "$bodies" -eq 0 ]; then
  echo "ok target_table bin/netfuzz links no target body (0 of $syms symbols)"
else
  echo "not ok target_table bin/netfuzz links $bodies target-body symbols (of $syms)"
fi
# the generator refuses what it cannot read, rather than dropping a target
printf 'NF_TARGET(a b, "x", "y")\n' > "$tmp/bad.c"
printf 'NF_TARGET(a, "x", "y")\nNF_TARGET(b, "x", "y")\n' > "$tmp/two.c"
printf 'NF_META(ok, seed, "pcap")\nNF_TARGET(ok, "fam", "entry()")\n' > "$tmp/ok.c"
if ! ci/gen-target-table.sh "$tmp/o1.c" "$tmp/ok.c" "$tmp/bad.c" 2>"$tmp/e1" &&
   grep -q "bad.c: NF_TARGET line is not" "$tmp/e1" &&
   ! ci/gen-target-table.sh "$tmp/o2.c" "$tmp/two.c" 2>"$tmp/e2" && grep -q "2 NF_TARGET lines" "$tmp/e2" &&
   ci/gen-target-table.sh "$tmp/o3.c" "$tmp/ok.c" &&
   grep -qF '{.name = "ok", .family = "fam", .entry = "entry()", .seed = "pcap"},' "$tmp/o3.c"; then
  echo "ok target_table generator: NF_META becomes a field, malformed or doubled NF_TARGET lines are errors"
else
  echo "not ok target_table generator: $(cat "$tmp/e1" "$tmp/e2" 2>/dev/null | head -2 | tr '\n' ' ')"
fi
