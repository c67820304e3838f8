#!/usr/bin/env bash
# netfuzz routes on files: format auto-detection for every seed, exit codes
# (0 clean, 1 malformed dump with the record named, 2 usage), valid JSON
# with the issue's keys, and --write/--format round trips.  Prints TAP.
set -u
cd "$(dirname "$0")/../.."
NF=bin/netfuzz
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

expect_fmt() { # dir format
  local f bad=0
  for f in corpora/$1/*; do
    case "$f" in *arp*) want=${2/route/arp} ;; *) want=$2 ;; esac
    "$NF" routes --json "$f" > "$TMP/out" 2>"$TMP/err" || { echo "not ok route_cli $f: exit $? $(cat "$TMP/err")"; bad=1; continue; }
    "$NF" routes --json --format "$want" "$f" | cmp -s - "$TMP/out" || { echo "not ok route_cli $f: auto-detect is not $want"; bad=1; }
    jq -e '(.routes|type=="array") and (.neighbors|type=="array")' "$TMP/out" >/dev/null || { echo "not ok route_cli $f: bad JSON"; bad=1; }
  done
  [ $bad = 0 ] && echo "ok route_cli corpora/$1: detected as $2, clean, valid JSON"
}
expect_fmt rtmsg_darwin darwin
expect_fmt rtmsg_freebsd freebsd
expect_fmt rtnetlink netlink
expect_fmt proc_net proc-route

# route keys from the issue, on a decoded Darwin dump
if "$NF" routes --json corpora/rtmsg_darwin/home-dump | jq -e '
    (.routes | length > 0) and
    all(.routes[]; has("dst") and has("gateway") and has("ifindex") and has("ifname") and has("flags")
        and has("metric") and has("table") and has("nexthops")) and
    all(.neighbors[]; has("ip") and has("lladdr") and has("ifindex") and has("state")) and
    (.routes[] | select(.dst == "192.168.1.0/24") | .flags | index("IFSCOPE") != null) and
    (.neighbors[] | select(.ip == "192.168.1.9") | .lladdr == null)' >/dev/null; then
  echo "ok route_cli JSON keys, IFSCOPE flag name, incomplete neighbour lladdr null"
else
  echo "not ok route_cli JSON keys / flags / incomplete neighbour"
fi

# a malformed dump: decoded up to the bad record, named on stderr, exit 1
"$NF" routes regressions/crashes/rtmsg_darwin/2e8eac520628a18b > "$TMP/out" 2> "$TMP/err"; rc=$?
if [ $rc = 1 ] && grep -q '^10.0.0.1 ' "$TMP/out" &&
   grep -q 'record 1 at offset 108.*msglen-zero.*could not resynchronise' "$TMP/err"; then
  echo "ok route_cli malformed dump: partial table, record/offset/reason/resync on stderr, exit 1"
else
  echo "not ok route_cli malformed dump: rc=$rc $(cat "$TMP/err")"
fi
"$NF" routes --json regressions/crashes/rtnetlink/cc78c56167d538e8 > "$TMP/out" 2>/dev/null; rc=$?
if [ $rc = 1 ] && jq -e '.error.code == "bad-attr-len" and .error.at == 44 and .error.resynced' "$TMP/out" >/dev/null; then
  echo "ok route_cli malformed dump --json: error object, exit 1"
else
  echo "not ok route_cli malformed dump --json: rc=$rc $(cat "$TMP/out")"
fi

# usage errors exit 2
n=0
"$NF" routes > /dev/null 2>&1; [ $? = 2 ] && n=$((n + 1))
"$NF" routes --format bogus x > /dev/null 2>&1; [ $? = 2 ] && n=$((n + 1))
"$NF" routes /etc/hostname > /dev/null 2>&1; [ $? = 2 ] && n=$((n + 1))
"$NF" routes no/such/file > /dev/null 2>&1; [ $? = 2 ] && n=$((n + 1))
"$NF" routes lookup 1.2.3.x corpora/rtnetlink/router > /dev/null 2>&1; [ $? = 2 ] && n=$((n + 1))
[ $n = 5 ] && echo "ok route_cli usage and input errors exit 2" || echo "not ok route_cli usage errors: $n/5 exited 2"

# lookup on a file: def1 beats the default, blackhole answers EINVAL (exit 1)
out=$("$NF" routes lookup 8.8.8.8 corpora/rtmsg_darwin/home-dump)
"$NF" routes lookup 203.0.113.9 --json corpora/rtmsg_darwin/home-dump > "$TMP/bh"; rc=$?
if [ "$out" = "8.8.8.8 unicast via 10.8.0.1 dev utun3 table 254 metric 0 (route 0.0.0.0/1)" ] && [ $rc = 1 ] &&
   jq -e '.result == "EINVAL" and .route.type == "blackhole"' "$TMP/bh" >/dev/null; then
  echo "ok route_cli lookup on a Darwin dump (def1 route, blackhole)"
else
  echo "not ok route_cli lookup: '$out' rc=$rc $(cat "$TMP/bh")"
fi

# --write: Darwin dump -> FreeBSD and netlink dumps -> same routes and neighbours
# (rtnetlink has no link-address gateway: Darwin's "link#N" becomes none)
"$NF" routes corpora/rtmsg_darwin/home-dump --write freebsd "$TMP/fb" &&
"$NF" routes corpora/rtmsg_darwin/home-dump --write netlink "$TMP/nl" &&
key='[.routes[] | [.dst, (.gateway | if . != null and startswith("link#") then null else . end), .ifindex, .ifname, .type]] , [.neighbors[] | [.ip, .lladdr, .ifindex, .state]]'
a=$("$NF" routes --json corpora/rtmsg_darwin/home-dump | jq -c "$key")
b=$("$NF" routes --json "$TMP/fb" | jq -c "$key")
c=$("$NF" routes --json "$TMP/nl" | jq -c "$key")
# (the first line is the route list: an empty one would compare nothing)
if [ -n "$a" ] && [ "$(printf '%s\n' "$a" | head -1)" != "[]" ] && [ "$a" = "$b" ] && [ "$a" = "$c" ]; then
  echo "ok route_cli --write converts Darwin to FreeBSD and netlink without changing the tables"
else
  echo "not ok route_cli --write round trip differs"
fi
