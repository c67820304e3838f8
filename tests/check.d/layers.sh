#!/usr/bin/env bash
# Layers point down only (docs/layout.md; DESIGN.md "Layout"): every call
# from one library of src/ into another goes to a lower layer, peers (the
# four families; oracle and mutate) never call each other, and no library
# calls into harness/.  Read off the linked objects with nm, so a call
# counts whichever header declared it.  The checker is proven on a planted
# upward call (src/core calling triage) before it judges the tree.
set -u
cd "$(dirname "$0")/../.."
obj=build/cli/obj # make check builds it first (make cli)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

# The objects of the sources that exist now (a stale object of a moved
# file is not the tree), one path per line.
objects() {
  find src harness regressions -name '*.c' | sort | while read -r c; do
    [ -f "$obj/${c%.c}.o" ] && echo "$obj/${c%.c}.o"
  done
}

# Reads object paths on stdin; prints one line per upward or sideways call.
check() {
  python3 -c '
import subprocess, sys
# lowest first; equal numbers are peers
RANK = {"core": 0, "util": 1, "frame": 2, "cert": 2, "route": 2, "sock": 2, "target": 3,
        "oracle": 4, "mutate": 4, "triage": 5, "regress": 6, "regressions": 7, "harness": 8}
def layer(path):
    parts = path.split("/")
    if "src" in parts:
        return parts[parts.index("src") + 1]
    return "harness" if "harness" in parts else "regressions"
objs = [l.strip() for l in sys.stdin if l.strip()]
defs, uses = {}, []
for o in objs:
    out = subprocess.run(["nm", "-g", o], capture_output=True, text=True, check=True).stdout
    for f in (l.split() for l in out.splitlines()):
        if len(f) == 3 and f[1] in "TDBRC":
            defs[f[2]] = o
        elif len(f) == 2 and f[0] == "U":
            uses.append((o, f[1]))
bad = 0
for o, sym in uses:
    d = defs.get(sym)
    if not d:
        continue
    a, b = layer(o), layer(d)
    if a not in RANK or b not in RANK:
        print("unknown layer: %s or %s" % (o, d)); bad += 1
    elif a != b and RANK[b] >= RANK[a]:
        print("%s calls %s (%s): %s (layer %d) -> %s (layer %d)" % (o, sym, d, a, RANK[a], b, RANK[b]))
        bad += 1
print("%d object(s), %d call(s) across objects checked" % (len(objs), len(uses)), file=sys.stderr)
'
}

objects > "$tmp/objs"
n=$(wc -l < "$tmp/objs")
if [ "$n" -lt 100 ]; then
  echo "not ok layers only $n objects under $obj (make cli first)"
  exit 0
fi

# The planted bug: a core object calling up into triage.
mkdir -p "$tmp/src/core"
printf 'struct nf_crash;\nvoid nf_crash_free(struct nf_crash *c);\nvoid nf_planted(struct nf_crash *c) { nf_crash_free(c); }\n' > "$tmp/src/core/planted.c"
if clang -c "$tmp/src/core/planted.c" -o "$tmp/src/core/planted.o" 2>"$tmp/cc"; then
  planted=$( (cat "$tmp/objs"; echo "$tmp/src/core/planted.o") | check 2>/dev/null)
  if grep -q "planted.o calls nf_crash_free .*core (layer 0) -> triage (layer 5)" <<<"$planted"; then
    echo "ok layers the checker reports a planted call from src/core up into triage"
  else
    echo "not ok layers the planted upward call was not reported: $(head -c 300 <<<"$planted")"
  fi
else
  echo "not ok layers cannot compile the planted object: $(head -c 200 "$tmp/cc")"
fi

found=$(check < "$tmp/objs" 2>"$tmp/summary")
if [ -z "$found" ]; then
  echo "ok layers every call between libraries points down ($(cat "$tmp/summary"))"
else
  echo "not ok layers $(wc -l <<<"$found") call(s) point up or sideways: $(head -5 <<<"$found" | tr '\n' ';')"
fi
