#!/usr/bin/env bash
# Every shipped target has what OSS-Fuzz expects beside it: a valid name, a
# dictionary libFuzzer can parse, an .options INI with a [libfuzzer] section,
# and seeds.  Dictionary grammar (libFuzzer FuzzerDictionary / AFL): blank,
# "# comment", or [name=]"..." where the only escapes are \\ \" \xNN.
set -u
cd "$(dirname "$0")/../.."
for t in $(make -s --no-print-directory print-targets); do
  problems=""
  [[ $t =~ ^[A-Za-z0-9_-]+$ ]] || problems+=" bad-name"
  if [ -f "targets/$t.dict" ]; then
    bad=$(grep -nvP '^\s*$|^\s*#|^\s*([A-Za-z0-9_]+\s*=\s*)?"(?:[^"\\]|\\\\|\\"|\\x[0-9A-Fa-f]{2})*"\s*$' "targets/$t.dict" | head -1)
    [ -n "$bad" ] && problems+=" dict-line:${bad%%:*}"
  else
    problems+=" no-dict"
  fi
  if [ -f "targets/$t.options" ]; then
    grep -q '^\[libfuzzer\]' "targets/$t.options" || problems+=" options-without-[libfuzzer]"
    bad=$(grep -nvE '^\s*$|^\s*[#;]|^\[[A-Za-z]+\]$|^[A-Za-z_]+ *= *[^ ].*$' "targets/$t.options" | head -1)
    [ -n "$bad" ] && problems+=" options-line:${bad%%:*}"
  else
    problems+=" no-options"
  fi
  [ -n "$(find "corpora/$t" -type f 2>/dev/null | head -1)" ] || problems+=" no-seeds"
  if [ -z "$problems" ]; then echo "ok target files $t"; else echo "not ok target files $t:$problems"; fi
done
