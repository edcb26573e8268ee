#!/bin/sh
# The planner's board in a real browser: headless Chromium opens the page of the demo plan
# and the DOM it built is checked against plan.json (operations drawn, late orders listed
# with their why, the supply chain highlighted from the URL), with no console message and
# no script error; a screenshot is left in OUT as the test's artefact.
#   browser_board.sh ORDO OUT [ORDO_GEN]
# With ORDO_GEN, the page of a generated plan of about 100,000 operations is opened too and
# its load time printed. Exit 77 (skipped) when no Chromium is installed.
set -u
ORDO=$1 OUT=$2 GEN=${3:-}
CHROME=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)}
if [ -z "$CHROME" ]; then
  echo "SKIP: no Chromium found (scripts/deps.sh installs Debian's chromium); the board was not tested in a browser"
  exit 77
fi
case $OUT in /*) ;; *) OUT=$PWD/$OUT ;; esac
rm -rf "$OUT" && mkdir -p "$OUT" || exit 1
fail() { echo "FAIL: $*"; exit 1; }

# chrome URL FILE: dump the DOM of URL into FILE, the browser's log into FILE.log
chrome() {
  profile=$(mktemp -d "$OUT/profile.XXXXXX")
  timeout 240 "$CHROME" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync --user-data-dir="$profile" \
    --window-size=1400,1000 --enable-logging=stderr --v=0 --dump-dom "$1" >"$2" 2>"$2.log"
  rc=$?
  rm -rf "$profile"
  [ $rc -eq 0 ] || fail "chromium exited with $rc on $1 (see $2.log)"
  if grep -q "CONSOLE" "$2.log"; then grep "CONSOLE" "$2.log"; fail "console messages on $1"; fi
  grep -q 'data-errors="0"' "$2" || { grep -o '<div id="errors">.\{0,600\}' "$2"; fail "script errors on $1"; }
}
attr() { grep -o "$1=\"[^\"]*\"" "$2" | head -n 1 | sed 's/.*="\(.*\)"/\1/'; }

# the demo plan, with the scheduler's why on its late orders
"$ORDO" plan datasets/demo/factory.json -o "$OUT/demo" >/dev/null 2>&1 || fail "ordo plan"
cp "$OUT/demo/plan.json" "$OUT/plan.json"
"$ORDO" report "$OUT/plan.json" --html "$OUT/board.html" >/dev/null || fail "ordo report --html"
if grep -Eq '(src|href)="(https?:)?//' "$OUT/board.html"; then fail "the page loads something from the network"; fi

ops=$(grep -c '"seq": ' "$OUT/plan.json")
late=$(grep -c '"status": "late"' "$OUT/plan.json")
id=$(grep -m 1 '"status": "late"' "$OUT/plan.json" | sed 's/.*"id": "\([^"]*\)".*/\1/')
chain=$(awk -v id="$id" '
  /"pegging": \[/ && index($0, "{\"order\": \"" id "\"") { match($0, /"id": "[^"]*"/); po[substr($0, RSTART + 7, RLENGTH - 8)] = 1 }
  /"seq": / { match($0, /"order": "[^"]*"/); if (substr($0, RSTART + 10, RLENGTH - 11) in po) n++ }
  END { print n + 0 }' "$OUT/plan.json")

chrome "file://$OUT/board.html#order=$id" "$OUT/dom.html"
dom="$OUT/dom.html"
[ "$(attr data-bars "$dom")" = "$ops" ] || fail "$(attr data-bars "$dom") operations drawn, plan.json has $ops"
[ "$(grep -o 'class="late late-order"' "$dom" | wc -l)" -eq "$late" ] || fail "late orders listed: expected $late"
for o in $(grep '"status": "late"' "$OUT/plan.json" | sed 's/.*"id": "\([^"]*\)".*/\1/'); do
  grep -q "order=$o\">$o</a>" "$dom" || fail "late order $o not listed"
done
binding=$(grep -m 1 '"status": "late"' "$OUT/plan.json" | sed 's/.*"why": {"binding": "\([^"]*\)", "by": "\([^"]*\)".*/\1 \2/')
grep -q "why: $binding" "$dom" || fail "the why of $id ($binding) is not shown with its chain"
grep -q "Supply chain of $id</b>" "$dom" || fail "no chain panel for $id"
[ "$chain" -gt 0 ] && [ "$(grep -Eo '<tr class="chain-op"><td>[[:alnum:]]' "$dom" | wc -l)" -eq "$chain" ] ||
  fail "$(grep -Eo '<tr class="chain-op"><td>[[:alnum:]]' "$dom" | wc -l) operations in the chain of $id, plan.json pegs $chain"
echo "demo board: $ops operations drawn, $late late orders listed, chain of $id: $chain operations," \
  "load $(attr data-load-ms "$dom") ms ($(attr data-marks "$dom"))"

# the page's own handlers driven as a user would (?selftest): a click on a bar selects its
# order's chain, a click on a heading sorts, a click on an exception kind filters
chrome "file://$OUT/board.html?selftest" "$OUT/selftest_dom.html"
st=$(attr data-selftest "$OUT/selftest_dom.html")
echo "$st" | grep -Eq '^click selects [^;]+; sort [a-z]+ by [^;]+ ok; filter [a-z_]+ shows [1-9][0-9]*$' || fail "selftest: $st"
echo "interaction: $st"

# an insertion: the inserted order listed with its method, the slipped orders' table
"$ORDO" insert datasets/demo/factory.json --base "$OUT/demo" --quiet -o "$OUT/ins" \
  --order '{"id": "RUSH-1", "item": "MCB-C16", "qty": 600, "due": "2026-12-01", "urgent": true}' >/dev/null 2>&1 || fail "ordo insert"
"$ORDO" report "$OUT/ins/plan.json" --html "$OUT/ins.html" >/dev/null || fail "ordo report --html (insertion)"
chrome "file://$OUT/ins.html" "$OUT/ins_dom.html"
method=$(sed -n 's/.*{"order": "RUSH-1", "method": "\([a-z_]*\)".*/\1/p' "$OUT/ins/plan.json")
grep -q "order=RUSH-1\">RUSH-1</a></td><td>MCB-C16</td><td class=\"n\">600</td><td>2026-12-01</td>.*<td>$method</td>" "$OUT/ins_dom.html" ||
  fail "the inserted order RUSH-1 ($method) is not listed"
grep -q '<h2>Orders that slipped</h2>' "$OUT/ins_dom.html" || fail "no table of slipped orders"
echo "insertion board: RUSH-1 listed ($method)"

# direct pegging (supply_of): the chain of SO-1 climbs down two levels, PL-1 <- PL-2 <- PL-3,
# four operations on R and S, and leaves SO-2's PL-4 out; the why given as an object
"$ORDO" report tests/data/direct_plan.json --html "$OUT/direct.html" >/dev/null || fail "ordo report --html (direct)"
chrome "file://$OUT/direct.html#order=SO-1" "$OUT/direct_dom.html"
[ "$(grep -Eo '<tr class="chain-op"><td>PL-[123]<' "$OUT/direct_dom.html" | wc -l)" -eq 4 ] &&
  ! grep -q '<tr class="chain-op"><td>PL-4<' "$OUT/direct_dom.html" || fail "the chain of SO-1 through supply_of"
grep -q 'why: reason: capacity, resource: R' "$OUT/direct_dom.html" || fail "the why object of SO-1"
echo "direct pegging board: chain of SO-1 over 3 levels"

profile=$(mktemp -d "$OUT/profile.XXXXXX")
timeout 240 "$CHROME" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$profile" --hide-scrollbars --window-size=1400,1400 \
  --screenshot="$OUT/board.png" "file://$OUT/board.html#order=$id" >/dev/null 2>&1
rm -rf "$profile"
[ -s "$OUT/board.png" ] || fail "no screenshot"
echo "screenshot: $OUT/board.png"

if [ -n "$GEN" ]; then
  "$GEN" --items 2500 --orders 2500 --seed 1 -o "$OUT/large.json" || fail "ordo_gen"
  "$ORDO" plan "$OUT/large.json" -o "$OUT/large" >/dev/null 2>&1 || fail "ordo plan (large)"
  "$ORDO" report "$OUT/large/plan.json" --html "$OUT/large.html" >/dev/null || fail "ordo report (large)"
  ops=$(grep -c '"seq": ' "$OUT/large/plan.json")
  bytes=$(wc -c <"$OUT/large.html")
  chrome "file://$OUT/large.html?bench" "$OUT/large_dom.html"
  [ "$(attr data-bars "$OUT/large_dom.html")" = "$ops" ] || fail "large: not every operation read"
  echo "large board: $ops operations, $bytes bytes ($((bytes / ops)) per operation)," \
    "load $(attr data-load-ms "$OUT/large_dom.html") ms ($(attr data-marks "$OUT/large_dom.html"))," \
    "redraw ms: $(attr data-zoom-ms "$OUT/large_dom.html")"
  [ $((bytes / ops)) -le 60 ] || fail "more than 60 bytes per operation"
  rm -rf "$OUT/large.json" "$OUT/large" # 100 MB of data set and plan; the page stays
fi
echo "browser board ok"
