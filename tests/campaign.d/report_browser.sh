#!/usr/bin/env bash
# The report page as users see it (issue 22, 6): a live campaign of three
# targets (two calm, nf_buggy with findings), `netfuzz report`, and the page
# rendered by Debian's headless chromium (ci/install-deps.sh --campaign
# installs it; make check-campaign runs that when it is missing):
#  - loading the page logs no console message (the page has no script, so
#    any message is an error: a blocked resource, a parse error);
#  - no error event while loading (a probe copy of the page records error
#    events, resource errors included, from its first line on);
#  - every SVG chart is laid out with a non-zero width and height;
#  - the summary table has one row per target of the campaign;
#  - a screenshot of the page is kept: build/report-browser/report.png
#    (CI keeps build/ as its artifacts).
# tests/check.d/report_page.sh checks the page's HTML itself.
set -u
cd "$(dirname "$0")/../.."
ROOT=$PWD
NF=${NF:-$ROOT/bin/netfuzz}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/nf-report-browser.$$.XXXX")
trap 'rm -rf "$tmp"' EXIT
keep=$ROOT/build/report-browser
mkdir -p "$keep"
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  echo "not ok report_browser: no chromium (ci/install-deps.sh --campaign installs it)"; exit 0
fi
# As root (CI) chromium needs --no-sandbox; HOME in the scratch folder keeps
# its profile out of the user's.
chrome() { HOME=$tmp/home timeout 90 "$browser" --headless --no-sandbox --disable-gpu --no-first-run \
             --disable-extensions --allow-file-access-from-files --enable-logging=stderr --v=0 "$@"; }

targets="dns rtmsg_darwin nf_buggy"
"$NF" fuzz $targets --seconds 4 --out "$tmp/c" >"$tmp/fuzz.out" 2>"$tmp/fuzz.err"; rc=$?
if [ $rc -gt 1 ]; then echo "not ok report_browser campaign: exit $rc: $(grep -v '\[' "$tmp/fuzz.err" | tail -3 | tr '\n' ' ')"; exit 0; fi
"$NF" report --out "$tmp/c" >"$tmp/report.out" 2>&1; rc=$?
page=$tmp/c/report/index.html
if [ $rc -ne 0 ] || [ ! -s "$page" ]; then echo "not ok report_browser report: exit $rc: $(head -c 300 "$tmp/report.out")"; exit 0; fi
cp "$page" "$keep/index.html"

# 1. the page as it is: no console message while it loads
chrome --dump-dom "file://$page" >"$tmp/page.dom" 2>"$tmp/page.err"; rc=$?
console=$(grep -E ':CONSOLE(:|\()' "$tmp/page.err" | sed 's/^\[[^]]*\] *//' | head -3 | tr '\n' ' ')
if [ $rc -ne 0 ] || ! grep -q '<h1>netfuzz campaign report</h1>' "$tmp/page.dom"; then
  echo "not ok report_browser chromium did not load the page: exit $rc: $(grep -v dbus "$tmp/page.err" | tail -2 | tr '\n' ' ')"
elif [ -n "$console" ]; then echo "not ok report_browser console messages while loading: $console"
else echo "ok report_browser chromium loads the page with no console message"; fi

# 2. a probe copy: error events from the first line on, then the layout of
#    every chart and the table's rows, written into the DOM for --dump-dom
python3 - "$page" "$tmp/probe.html" <<'PY'
import sys
html = open(sys.argv[1], encoding="utf-8").read()
head = """<script>window.nfErrors=[];addEventListener('error',function(e){
nfErrors.push(e.message||('failed to load '+((e.target&&(e.target.src||e.target.href))||'a resource')))},true);</script>"""
tail = """<script>addEventListener('load',function(){var r={errors:nfErrors,svgs:[],rows:-1};
document.querySelectorAll('svg').forEach(function(s){var b=s.getBoundingClientRect();
r.svgs.push([Math.round(b.width),Math.round(b.height),(s.querySelector('title')||{}).textContent||'']);});
var t=document.querySelector('table');if(t)r.rows=t.rows.length-1;
var p=document.createElement('pre');p.id='nf-probe';p.textContent=JSON.stringify(r);document.body.appendChild(p);});</script>"""
assert "<head>" in html and "</body>" in html, "page has no <head> or </body>"
open(sys.argv[2], "w", encoding="utf-8").write(html.replace("<head>", "<head>" + head, 1).replace("</body>", tail + "</body>", 1))
PY
chrome --virtual-time-budget=3000 --dump-dom "file://$tmp/probe.html" >"$tmp/probe.dom" 2>"$tmp/probe.err"
python3 - "$tmp/probe.dom" "$(echo $targets | wc -w)" >"$tmp/probe.txt" 2>&1 <<'PY'
import html, json, re, sys
m = re.search(r'<pre id="nf-probe">(.*?)</pre>', open(sys.argv[1], encoding="utf-8").read(), re.S)
if not m:
    print("errors: no probe result in the DOM (the load handler did not run)"); print("svgs: -"); print("rows: -"); sys.exit()
r = json.loads(html.unescape(m.group(1)))
print("errors:", "; ".join(r["errors"]) if r["errors"] else "none")
bad = [f"{t or '?'} {w}x{h}" for w, h, t in r["svgs"] if w <= 0 or h <= 0]
print("svgs:", f"{len(r['svgs'])} charts" + (", zero-sized: " + "; ".join(bad) if bad else "") if r["svgs"] else "no charts")
print("rows:", r["rows"], "of", sys.argv[2])
PY
errors=$(sed -n 's/^errors: //p' "$tmp/probe.txt")
svgs=$(sed -n 's/^svgs: //p' "$tmp/probe.txt")
rows=$(sed -n 's/^rows: //p' "$tmp/probe.txt")
[ "$errors" = none ] && echo "ok report_browser no error event while the page loads" ||
  echo "not ok report_browser error events: ${errors:-$(head -c 300 "$tmp/probe.txt")}"
case $svgs in
  *"zero-sized"*|"no charts"|"-"|"") echo "not ok report_browser SVG charts: ${svgs:-none measured}" ;;
  *) echo "ok report_browser every SVG chart has a non-zero size ($svgs)" ;;
esac
n=$(echo $targets | wc -w)
[ "$rows" = "$n of $n" ] && echo "ok report_browser the table has one row per target ($n)" ||
  echo "not ok report_browser table rows: ${rows:-none} (targets: $targets)"

# 3. the screenshot, kept under build/
rm -f "$keep/report.png"
chrome --hide-scrollbars --window-size=1500,2400 --screenshot="$keep/report.png" "file://$page" >/dev/null 2>"$tmp/shot.err"
if [ -s "$keep/report.png" ] && [ "$(head -c 8 "$keep/report.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ]; then
  echo "ok report_browser screenshot kept: build/report-browser/report.png ($(stat -c %s "$keep/report.png") bytes)"
else
  echo "not ok report_browser no screenshot: $(grep -v dbus "$tmp/shot.err" | tail -2 | tr '\n' ' ')"
fi
