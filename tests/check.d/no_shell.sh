#!/usr/bin/env bash
# issue 26: no shell command built from strings anywhere in the product.
# A quote, a space or "$(...)" in a path ended the quoting of
# "rm -rf '%s'" and removed a sibling directory, or ran as a command.
# Every child process goes through the argv runner (src/util/proc.c), every
# tree is removed by nf_rm_tree.  This greps the product's C sources for
# system( and popen( (and the exec'ing of a shell) and fails on any hit.
set -u
cd "$(dirname "$0")/../.."
dirs=(src harness targets regressions)
# nf_trust_store_system is a function name, not a call to system(3)
hits=$(grep -rnE '(^|[^A-Za-z0-9_"])(system|popen)[[:space:]]*\(' --include='*.c' --include='*.h' "${dirs[@]}" 2>/dev/null |
  grep -vE '^[^:]*:[0-9]+:[[:space:]]*(/?\*|//)')
if [ -n "$hits" ]; then
  echo "not ok no system()/popen() in ${dirs[*]}: $(echo "$hits" | wc -l) call(s): $(echo "$hits" | head -5 | tr '\n' ' ')"
else
  echo "ok no system()/popen() in ${dirs[*]}"
fi
sh=$(grep -rnE 'exec[lv]p?e?[[:space:]]*\([[:space:]]*"(/bin/)?(ba)?sh"' --include='*.c' "${dirs[@]}" 2>/dev/null)
[ -z "$sh" ] && echo "ok no shell exec'd with a command string in ${dirs[*]}" ||
  echo "not ok a shell is exec'd with a command string: $(echo "$sh" | head -3 | tr '\n' ' ')"
# the same check must see a call where there is one (a test that cannot
# fail is no test): run it on a copy with one planted
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/src" && printf 'int f(void) { return system("rm -rf x"); }\n' > "$tmp/src/x.c"
(cd "$tmp" && grep -rqE '(^|[^A-Za-z0-9_])(system|popen)[[:space:]]*\(' --include='*.c' src) &&
  echo "ok the system() check finds a planted call" || echo "not ok the system() check misses a planted call"
