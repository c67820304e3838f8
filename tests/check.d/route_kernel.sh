#!/usr/bin/env bash
# netfuzz routes against the Linux kernel, in a throwaway network namespace:
#  - `netfuzz routes --live --json` equals `ip -j route show table all`
#    (IPv4 and IPv6) and `ip -j neigh`;
#  - `netfuzz routes lookup ADDR --live` equals `ip route get ADDR` for 1,000
#    seeded random addresses, with the route types the kernel decides by
#    address class or table local always among them: multicast (224.0.0.0/4,
#    ff00::/8), limited broadcast, 0.0.0.0, local and subnet-broadcast
#    addresses of the namespace's own interfaces, loopback;
#  - the live model written as a Darwin dump and decoded again gives the same
#    tables (what the Darwin format can carry).
# All interfaces are veth pairs with both ends inside the namespace; nothing
# is sent anywhere (ip route get and the dumps only ask the kernel).
# Prints TAP lines.
set -u
cd "$(dirname "$0")/../.."
NF=$PWD/bin/netfuzz
NS=nfroute$$
TMP=$(mktemp -d)
cleanup() { ip netns del "$NS" 2>/dev/null; rm -rf "$TMP"; }
trap cleanup EXIT

if ! ip netns add "$NS" 2>"$TMP/err"; then
  echo "not ok route_kernel: cannot create a network namespace: $(cat "$TMP/err")"
  exit 0
fi
# nsenter only switches the network namespace (cheaper than ip netns exec,
# which also remounts /sys); both are fine for rtnetlink.
if command -v nsenter >/dev/null; then
  in_ns() { nsenter --net="/var/run/netns/$NS" "$@"; }
else
  in_ns() { ip netns exec "$NS" "$@"; }
fi
setup() {
  set -e
  in_ns sysctl -qw net.ipv6.conf.all.accept_ra=0 net.ipv6.conf.default.accept_ra=0 \
    net.ipv6.conf.default.accept_dad=0 net.ipv6.conf.all.accept_dad=0
  ip -n "$NS" link set lo up
  ip -n "$NS" link add va0 type veth peer name vb0
  ip -n "$NS" link add va1 type veth peer name vb1
  for d in va0 vb0 va1 vb1; do ip -n "$NS" link set "$d" up; done
  ip -n "$NS" addr add 10.0.0.2/24 dev va0
  ip -n "$NS" addr add 10.0.1.2/24 dev va1
  ip -n "$NS" addr add 2001:db8::2/64 dev va0 nodad
  ip -n "$NS" addr add 2001:db8:1::2/64 dev va1 nodad
  # neighbours: permanent, reachable, stale, incomplete (IPv4 and IPv6)
  ip -n "$NS" neigh add 10.0.0.1 lladdr 02:00:00:00:00:01 dev va0 nud permanent
  ip -n "$NS" neigh add 10.0.0.5 lladdr 02:00:00:00:00:05 dev va0 nud reachable
  ip -n "$NS" neigh add 10.0.1.1 lladdr 02:00:00:00:01:01 dev va1 nud stale
  ip -n "$NS" neigh add 10.0.0.9 dev va0 nud incomplete
  ip -n "$NS" neigh add 2001:db8::1 lladdr 02:00:00:00:00:61 dev va0 nud permanent
  ip -n "$NS" neigh add 2001:db8:1::1 lladdr 02:00:00:00:01:61 dev va1 nud reachable
  # routes: a default, the OpenVPN def1 pair over it, ECMP, table 1000,
  # blackhole/unreachable/prohibit/throw, host routes, competing metrics
  ip -n "$NS" route add default via 10.0.0.1 dev va0 metric 100
  ip -n "$NS" route add 0.0.0.0/1 via 10.0.1.1 dev va1
  ip -n "$NS" route add 128.0.0.0/1 via 10.0.1.1 dev va1
  ip -n "$NS" route add 172.16.0.0/12 nexthop via 10.0.0.1 dev va0 weight 1 nexthop via 10.0.1.1 dev va1 weight 2
  ip -n "$NS" route add 192.168.100.0/24 via 10.0.0.1 dev va0 table 1000
  ip -n "$NS" route add default via 10.0.1.1 dev va1 table 1000
  ip -n "$NS" route add blackhole 192.0.2.0/24
  ip -n "$NS" route add unreachable 198.51.100.0/24
  ip -n "$NS" route add prohibit 203.0.113.0/24
  ip -n "$NS" route add 198.18.0.1/32 via 10.0.0.1 dev va0
  ip -n "$NS" route add 198.18.0.2/32 dev va1 scope link
  ip -n "$NS" route add 10.20.0.0/16 via 10.0.0.1 dev va0 metric 10
  ip -n "$NS" route add 10.20.0.0/16 via 10.0.1.1 dev va1 metric 5
  ip -n "$NS" route add 10.20.30.0/24 via 10.0.1.1 dev va1
  ip -n "$NS" route add 10.20.30.40/32 via 10.0.0.1 dev va0 onlink
  ip -n "$NS" route add throw 10.30.0.0/16
  # a route for part of 224.0.0.0/4: multicast keeps a gateway only from a
  # route of prefix >= 4 (net/ipv4/route.c __mkroute_output).  Its gateway
  # is one no other route uses: routes with equal nexthops share one
  # fib_info, and the kernel's per-nexthop output-route cache (seen on 6.x)
  # then answers a unicast lookup with a cached multicast route, and back.
  ip -n "$NS" route add 239.0.0.0/8 via 10.0.1.3 dev va1
  ip -n "$NS" route add 10.30.1.0/24 via 10.0.1.1 dev va1 table default
  ip -n "$NS" -6 route add default via 2001:db8::1 dev va0
  ip -n "$NS" -6 route add 2001:db8:100::/48 via 2001:db8:1::1 dev va1
  ip -n "$NS" -6 route add 2001:db8:200::/48 nexthop via 2001:db8::1 dev va0 nexthop via 2001:db8:1::1 dev va1
  ip -n "$NS" -6 route add blackhole 2001:db8:dead::/48
  ip -n "$NS" -6 route add 2001:db8:300::/64 via 2001:db8::1 dev va0 metric 50
  ip -n "$NS" -6 route add 2001:db8:300::/64 via 2001:db8:1::1 dev va1 metric 20
  ip -n "$NS" -6 route add 2001:db8:400::/48 via 2001:db8::1 dev va0 table 1000
  set +e
}
if ! (setup) 2>"$TMP/err"; then
  echo "not ok route_kernel: namespace setup failed: $(tail -1 "$TMP/err")"
  exit 0
fi

# ---- 1. live dump vs ip -j route / ip -j neigh (one retry: states age) ----
snapshot() {
  ip -n "$NS" -j -4 route show table all > "$TMP/ip4.json" &&
  ip -n "$NS" -j -6 route show table all > "$TMP/ip6.json" &&
  ip -n "$NS" -j neigh show > "$TMP/neigh.json" &&
  in_ns "$NF" routes --live --json > "$TMP/nf.json"
}
compare_tables() {
  python3 - "$TMP" <<'EOF'
import json, sys
d = sys.argv[1]
PROTO = {"unspec": 0, "redirect": 1, "kernel": 2, "boot": 3, "static": 4, "ra": 9, "dhcp": 16}
SCOPE = {"global": 0, "universe": 0, "site": 200, "link": 253, "host": 254, "nowhere": 255}
TABLE = {"default": 253, "main": 254, "local": 255}
def num(v, names):
    if v is None: return None
    if isinstance(v, int): return v
    return names[v] if v in names else int(v)
def ip_dst(r, fam):
    dst = r["dst"]
    if dst == "default": return "0.0.0.0/0" if fam == 4 else "::/0"
    return dst if "/" in dst else dst + ("/32" if fam == 4 else "/128")
def ip_route(r, fam):
    nh = sorted((n.get("gateway"), n.get("dev"), n.get("weight", 1), tuple(sorted(n.get("flags", []))))
                for n in r.get("nexthops", []))
    return (ip_dst(r, fam), r.get("type", "unicast"), num(r.get("table", "main"), TABLE), r.get("gateway"),
            r.get("dev"), r.get("metric", 0), num(r.get("protocol", "boot"), PROTO),
            num(r.get("scope", "global"), SCOPE), r.get("prefsrc"), tuple(sorted(r.get("flags", []))), tuple(nh))
def nf_route(r):
    nh = sorted((n["gateway"], n["ifname"], n["weight"], tuple(sorted(n["flags"]))) for n in r["nexthops"])
    return (r["dst"], r["type"], r["table"], r["gateway"], r["ifname"] if not nh else None, r["metric"],
            r["protocol"], r["scope"], r["prefsrc"], tuple(sorted(r["flags"])), tuple(nh))
ip = [ip_route(r, 4) for r in json.load(open(d + "/ip4.json"))] + \
     [ip_route(r, 6) for r in json.load(open(d + "/ip6.json"))]
nf = json.load(open(d + "/nf.json"))
ours = [nf_route(r) for r in nf["routes"]]
# ip neigh hides NOARP and NONE entries by default (iproute2 ipneigh.c)
ipn = sorted((n["dst"], n.get("dev"), n.get("lladdr"), tuple(sorted(n.get("state", []))))
             for n in json.load(open(d + "/neigh.json")))
ourn = sorted((n["ip"], n["ifname"], n["lladdr"], tuple(sorted(n["state"]))) for n in nf["neighbors"]
              if set(n["state"]) - {"NOARP", "NONE"})
bad = []
if not ip or not ipn:  # the namespace has both: empty lists compared nothing
    bad.append("compared nothing: ip shows %d routes, %d neighbours" % (len(ip), len(ipn)))
if sorted(ip) != sorted(ours):
    a, b = set(ip), set(ours)
    bad.append("routes differ: ip only %s; netfuzz only %s" % (sorted(a - b)[:3], sorted(b - a)[:3]))
if ipn != ourn:
    bad.append("neighbours differ: ip %s; netfuzz %s" % (ipn, ourn))
print("; ".join(bad) if bad else "OK %d routes %d neighbours" % (len(ip), len(ipn)))
EOF
}
res="snapshot failed"
for attempt in 1 2; do
  snapshot && res=$(compare_tables)
  case "$res" in OK*) break ;; esac
done
case "$res" in
  OK*) echo "ok route_kernel live dump equals ip -j route show table all and ip -j neigh (${res#OK })" ;;
  *) echo "not ok route_kernel live dump vs ip: $res" ;;
esac
grep -q '"neighbors"' "$TMP/nf.json" && python3 -c '
import json,sys; j=json.load(open(sys.argv[1]))
need={"dst","gateway","ifindex","ifname","flags","metric","table","nexthops"}
nneed={"ip","lladdr","ifindex","state"}
assert all(need <= set(r) for r in j["routes"]) and all(nneed <= set(n) for n in j["neighbors"])' "$TMP/nf.json" \
  && echo "ok route_kernel JSON has the route and neighbour keys" \
  || echo "not ok route_kernel JSON keys missing"

# ---- 2. lookup vs ip route get, 1000 seeded addresses ----------------------
python3 - > "$TMP/addrs" <<'EOF'
import ipaddress, random
rnd = random.Random(20261129)
v4 = ["10.0.0.0/24", "10.0.1.0/24", "172.16.0.0/12", "192.168.100.0/24", "192.0.2.0/24", "198.51.100.0/24",
      "203.0.113.0/24", "198.18.0.0/30", "10.20.0.0/16", "10.20.30.0/24", "10.20.30.40/31", "127.0.0.0/8",
      "10.30.0.0/16", "10.30.1.0/24"]
v6 = ["2001:db8::/64", "2001:db8:1::/64", "2001:db8:100::/48", "2001:db8:200::/48", "2001:db8:dead::/48",
      "2001:db8:300::/64", "2001:db8:400::/48", "2001:db8::/32", "2001:db9::/32"]
# kinds the kernel answers by address class or from table local (multicast,
# broadcast, local): uniform random addresses hit them rarely or never
v4_special = ["224.0.0.0/4", "224.0.0.0/24", "239.0.0.0/8", "255.255.255.255/32", "0.0.0.0/32",
              "10.0.0.2/32", "10.0.1.2/32", "10.0.0.255/32", "10.0.1.255/32", "10.0.0.0/32", "127.0.0.0/8"]
v6_special = ["ff00::/8", "ff02::/16", "::1/128", "2001:db8::2/128", "2001:db8:1::2/128"]
def pick(net):
    n = ipaddress.ip_network(net)
    return str(n.network_address + rnd.randrange(n.num_addresses))
fixed = [pick(n) for n in v4_special + v6_special]  # each kind at least once
for a in fixed: print(a)
for i in range(1000 - len(fixed)):
    k = rnd.random()
    if k < 0.38: print(ipaddress.IPv4Address(rnd.getrandbits(32)))
    elif k < 0.70: print(pick(rnd.choice(v4)))
    elif k < 0.83: print(pick(rnd.choice(v6)))
    elif k < 0.93: print(pick(rnd.choice(v4_special)))
    else: print(pick(rnd.choice(v6_special)))
EOF
# ours: one process for all 1000 (lookup @LIST); ip: one `ip route get` each
in_ns "$NF" routes lookup @"$TMP/addrs" --live --json > "$TMP/ours" 2>"$TMP/err"
[ "$(wc -l < "$TMP/ours")" -eq 1000 ] || echo "# lookup @LIST gave $(wc -l < "$TMP/ours") lines: $(head -c 300 "$TMP/err")"
: > "$TMP/lookups"
n=0
start=$SECONDS
while read -r a && IFS= read -r ours <&3; do
  n=$((n + 1))
  [ $((SECONDS - start)) -lt 150 ] || { echo "not ok route_kernel lookup: time bound hit after $n addresses"; break; }
  ipout=$(ip -n "$NS" -j route get "$a" 2>&1)
  printf '%s\t%s\t%s\n' "$a" "$ipout" "$ours" >> "$TMP/lookups"
done < "$TMP/addrs" 3< "$TMP/ours"
res=$(python3 - "$TMP/lookups" <<'EOF'
import json, sys
ERR = {"Network is unreachable": "ENETUNREACH", "No route to host": "EHOSTUNREACH",
       "Permission denied": "EACCES", "Invalid argument": "EINVAL"}
bad, n = [], 0
for line in open(sys.argv[1]):
    addr, ipout, ours = line.rstrip("\n").split("\t")
    n += 1
    o = json.loads(ours)
    r = o["route"]
    if ipout.startswith("RTNETLINK answers:") or ipout.startswith("Error"):
        want = next((v for k, v in ERR.items() if k in ipout), ipout)
        if o["result"] != want:
            bad.append("%s: ip %s, netfuzz %s" % (addr, want, o["result"]))
        continue
    k = json.loads(ipout)[0]
    ktype = k.get("type", "unicast")
    if o["result"] != "OK" or ktype != o["type"]:
        bad.append("%s: ip %s %s, netfuzz %s %s" % (addr, ktype, k.get("dev"), o["result"], o["type"]))
        continue
    if ktype in ("local",):  # delivered through lo; the route names the address's device
        continue
    hops = r["nexthops"] or [r]
    choices = [(h["gateway"] if o["use_gateway"] else None, h["ifname"]) for h in hops]
    if (k.get("gateway"), k.get("dev")) not in choices:
        bad.append("%s: ip via %s dev %s, netfuzz %s" % (addr, k.get("gateway"), k.get("dev"), choices))
print("%d addresses, %d differ%s" % (n, len(bad), (": " + "; ".join(bad[:4])) if bad else ""))
EOF
)
case "$res" in
  "1000 addresses, 0 differ") echo "ok route_kernel lookup equals ip route get ($res)" ;;
  *) echo "not ok route_kernel lookup vs ip route get: $res" ;;
esac

# ---- 2b. the same lookup vs the kernel's FIB entry (RTM_GETROUTE fibmatch,
# decoded by our rtnetlink decoder via nf_route_live_get), first 200 addresses
head -200 "$TMP/addrs" > "$TMP/addrs200"
in_ns "$NF" routes lookup @"$TMP/addrs200" --kernel --json > "$TMP/kernel" 2>"$TMP/err"
paste "$TMP/addrs200" "$TMP/kernel" <(head -200 "$TMP/ours") > "$TMP/fib"
res=$(python3 - "$TMP/fib" <<'EOF'
import json, sys
bad, n = [], 0
for line in open(sys.argv[1]):
    addr, k, o = line.rstrip("\n").split("\t")
    n += 1
    k, o = json.loads(k), json.loads(o)
    kr, r = k["route"], o["route"]
    # 0.0.0.0 is answered before any FIB lookup (local, no route), so
    # fibmatch has no entry to show: the kernel says EHOSTUNREACH
    if o["result"] == "OK" and r is None and o["type"] == "local":
        if k["result"] != "EHOSTUNREACH":
            bad.append("%s: kernel %s, netfuzz local without a FIB route" % (addr, k["result"]))
        continue
    # the kernel answers reject routes with their errno, like our lookup
    if k["result"] != "OK" or o["result"] != "OK":
        if k["result"] != o["result"]:
            bad.append("%s: kernel %s, netfuzz %s" % (addr, k["result"], o["result"]))
        continue
    # the answer's type (fibmatch reports the output route's, e.g. multicast)
    same = (kr["dst"], kr["type"], kr["metric"]) == (r["dst"], o["type"], r["metric"])
    # (the fibmatch answer names table main for a match found in table
    # default, as seen on kernel 6.x: accept 254 for 253)
    if same and kr["type"] == "unicast":
        same = kr["table"] == r["table"] or (kr["table"], r["table"]) == (254, 253)
    if not same:
        bad.append("%s: kernel %s %s t%s m%s, netfuzz %s %s t%s m%s" % (addr, kr["dst"], kr["type"], kr["table"],
                   kr["metric"], r["dst"], o["type"], r["table"], r["metric"]))
print("%d addresses, %d differ%s" % (n, len(bad), (": " + "; ".join(bad[:4])) if bad else ""))
EOF
)
case "$res" in
  "200 addresses, 0 differ") echo "ok route_kernel lookup picks the kernel's FIB entry (RTM_GETROUTE fibmatch, $res)" ;;
  *) echo "not ok route_kernel lookup vs RTM_GETROUTE fibmatch: $res" ;;
esac

# ---- 3. Darwin encode/decode round trip of the live model -----------------
if in_ns "$NF" routes --live --json > "$TMP/live3.json" &&
   in_ns "$NF" routes --live --write darwin "$TMP/live.darwin" &&
   in_ns "$NF" routes --live --write netlink "$TMP/live.nl" &&
   "$NF" routes --json "$TMP/live.darwin" > "$TMP/darwin.json" &&
   "$NF" routes --json --format netlink "$TMP/live.nl" > "$TMP/nl.json"; then
  res=$(python3 - "$TMP/live3.json" "$TMP/darwin.json" "$TMP/nl.json" <<'EOF'
import json, sys
live, dar, nl = (json.load(open(p)) for p in sys.argv[1:4])
# what rt_msghdr carries: dst, gateway (a link gateway = none), interface,
# reject/blackhole/local/broadcast/multicast kind; one message per nexthop
KIND = {"prohibit": "unreachable", "anycast": "unicast", "throw": "unicast", "nat": "unicast"}
def routes(j, darwin):
    out = []
    for r in j["routes"]:
        hops = r["nexthops"] or [r]
        for h in hops:
            gw = h["gateway"]
            if gw is not None and gw.startswith("link#"):
                gw = None
            t = r["type"] if darwin else KIND.get(r["type"], r["type"])
            out.append((r["dst"], gw, h["ifindex"], h["ifname"], t))
    return sorted(out)
def neighs(j, darwin):
    out = []
    for n in j["neighbors"]:
        s = set(n["state"])
        if darwin: cls = s.pop()
        elif s & {"INCOMPLETE", "FAILED"} or n["lladdr"] is None: cls = "INCOMPLETE"
        elif s & {"PERMANENT", "NOARP"}: cls = "PERMANENT"
        else: cls = "REACHABLE"
        out.append((n["ip"], n["lladdr"], n["ifindex"], n["ifname"], cls))
    return sorted(out)
bad = []
if not live["routes"] or not live["neighbors"]:
    bad.append("compared nothing: the live model has %d routes, %d neighbours" % (len(live["routes"]), len(live["neighbors"])))
if routes(live, False) != routes(dar, True): bad.append("darwin routes differ")
if neighs(live, False) != neighs(dar, True): bad.append("darwin neighbours differ")
strip = lambda j: json.dumps({"r": sorted(json.dumps(r, sort_keys=True) for r in j["routes"]),
                              "n": sorted(json.dumps(n, sort_keys=True) for n in j["neighbors"])})
if strip(live) != strip(nl): bad.append("netlink re-encode differs")
print("; ".join(bad) if bad else "OK %d routes %d neighbours" % (len(dar["routes"]), len(dar["neighbors"])))
EOF
)
  case "$res" in
    OK*) echo "ok route_kernel Darwin and netlink encode/decode round trip of the live model (${res#OK })" ;;
    *) echo "not ok route_kernel round trip: $res" ;;
  esac
else
  echo "not ok route_kernel round trip: encode or decode failed"
fi
