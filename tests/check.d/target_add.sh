#!/usr/bin/env bash
# A target is added by writing targets/<t>.c (+ .dict, .options) and nothing
# else (docs/adding-a-target.md): in a throwaway copy of the tree, a new
# target file whose NF_META lines name the structure mutator, an oracle and
# a library is seen by `netfuzz list` (all three columns), by its --json,
# and by the Makefile's list of targets that link the mutator.  Then: the
# target registry is a library (src/target/), so src/regress links without
# harness/.
set -u
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
t=zz_added_target

if ! git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  echo "ok target_add # SKIP not a git checkout (the copy is of the tracked files)"
  exit 0
fi
# The tracked and new (not ignored) files as they are now, and the CLI's
# objects (so only the table and the link are redone).
git ls-files -z -co --exclude-standard | tar --null -T - -cf - 2>/dev/null | tar -xf - -C "$tmp"
mkdir -p "$tmp/build" && cp -a build/cli "$tmp/build/" 2>/dev/null
cat > "$tmp/targets/$t.c" <<C
/* Throwaway target written by tests/check.d/target_add.sh. */
#include "netfuzz/cursor.h"
#include "netfuzz/target.h"

NF_META($t, mutator, "structure")
NF_META($t, oracles, "frame-bpf")
NF_META($t, libraries, "libpcap")

NF_TARGET($t, "frame", "nf_added_entry()")
{
	struct nf_cur c;
	uint8_t b;

	nf_cur_init(&c, data, size);
	(void)nf_cur_get_u8(&c, &b);
	return 0;
}
C
printf '"\\x00"\n' > "$tmp/targets/$t.dict"
printf '[libfuzzer]\nmax_len = 64\n' > "$tmp/targets/$t.options"

if ! make -C "$tmp" -s cli >"$tmp/make.log" 2>&1; then
  echo "not ok target_add the copy with a new target does not build: $(tail -3 "$tmp/make.log" | tr '\n' ' ')"
  exit 0
fi
line=$("$tmp/bin/netfuzz" list | grep -E "^$t ")
if [ -n "$line" ]; then echo "ok target_add netfuzz list sees the new target"
else echo "not ok target_add netfuzz list does not name $t"; fi
if [ "$(echo "$line" | awk '{print $2, $3, $4}')" = "frame structure nf_added_entry()" ]; then
  echo "ok target_add mutator column: structure (from its NF_META line)"
else echo "not ok target_add mutator column: '$line'"; fi
if echo "$line" | grep -qF '[oracles: frame-bpf]' && echo "$line" | grep -q 'libpcap'; then
  echo "ok target_add oracle and library columns: frame-bpf, libpcap"
else echo "not ok target_add oracle/library columns: '$line'"; fi
if "$tmp/bin/netfuzz" list --json | python3 -c '
import json, sys
t = [x for x in json.load(sys.stdin) if x["name"] == sys.argv[1]]
assert len(t) == 1 and t[0]["mutator"] == "structure" and t[0]["oracles"] == "frame-bpf" and t[0]["libraries"] == "libpcap", t
' "$t" 2>"$tmp/why"; then echo "ok target_add netfuzz list --json: mutator, oracles, libraries"
else echo "not ok target_add netfuzz list --json: $(tail -1 "$tmp/why")"; fi
if make -C "$tmp" -s --no-print-directory print-mutator-targets | tr ' ' '\n' | grep -qx "$t"; then
  echo "ok target_add the Makefile links the mutator into the new target (print-mutator-targets)"
else echo "not ok target_add print-mutator-targets does not name $t"; fi
# control: the tree itself does not know the throwaway name
if ! bin/netfuzz list | grep -qE "^$t "; then echo "ok target_add the real tree does not list $t"
else echo "not ok target_add the real tree lists $t"; fi

# src/regress finds targets through the registry library: a program that
# calls it links against the standalone build's libnetfuzz.a alone.
lib=build/standalone-address/obj/libnetfuzz.a
if [ -f "$lib" ]; then
  cat > "$tmp/reg.c" <<'C'
#include "netfuzz/target.h"
#include <stdio.h>
int main(void)
{
	const struct nf_target *t = nf_target_find("frame_ether");
	printf("%s %s %s\n", t ? t->family : "-", nf_mutate_supported("frame_ether") ? "structure" : "bytes",
	       t && t->oracles ? t->oracles : "-");
	return !t;
}
C
  if clang -Iinclude -fsanitize=address,undefined "$tmp/reg.c" "$lib" -lpcap -lssl -lcrypto -lmnl -ljansson -lm \
       -o "$tmp/reg" 2>"$tmp/reg.err" && [ "$("$tmp/reg")" = "frame structure frame-bpf" ]; then
    echo "ok target_add the registry links from libnetfuzz.a, without harness/"
  else echo "not ok target_add registry link: $(head -2 "$tmp/reg.err" | tr '\n' ' ')"; fi
else
  echo "ok target_add registry link # SKIP $lib not built"
fi
