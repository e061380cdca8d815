#!/bin/bash
# `clusterdns check` end to end: the real binary against real named servers on loopback,
# through the KB's story: records missing, records added (nsupdate), order fixed.
set -u
. "$top_srcdir/tests/dnslab/lab.sh"
. "$top_srcdir/tests/integration/cli_assert.sh"

json() { # json FILE PYTHON-EXPR -> prints the value of the expression on the checklist c,
  # its last check run as k
  "${PYTHON3:-python3}" -c "import json,sys; c=json.load(open(sys.argv[1])); k=(c['checks'] or [{}])[-1]; print($2)" "$1"
}
json_is() { local v; v=$(json "$1" "$2") || v="(unreadable)"; [ "$v" = "$3" ] || fail "$4: $2 is '$v', expected '$3'"; }

lab_have_named || exit 77
lab_init
lab_named internet INTERNET || exit 99
lab_named local LOCAL || exit 99
lab_named refuse REFUSE || exit 99
lab_silent SILENT || exit 99

NAMES=(--zone fabrikam.local --exchange EXSRV=172.16.8.31 --cluster CLUSTER1=172.16.8.30)
KB_ORDER="127.0.0.1:$INTERNET,127.0.0.1:$LOCAL"
FIXED_ORDER="127.0.0.1:$LOCAL,127.0.0.1:$INTERNET"

# --- bad usage and input: exit 2, a message naming the field and the rule ---------------
run 2 no-arguments check
has "$err" "are required" no-arguments
run 2 exchange-without-ip check --zone fabrikam.local --exchange EXSRV --cluster C=172.16.8.30
has "$err" "expected NAME=IP" exchange-without-ip
run 2 netbios-too-long check --zone fabrikam.local --exchange EXSRV=172.16.8.31 \
  --cluster CLUSTERNAMETOOLONG=172.16.8.30 --servers "$KB_ORDER"
has "$err" "Cluster network name" netbios-too-long
run 2 same-ip check --zone fabrikam.local --exchange EXSRV=172.16.8.31 \
  --cluster CLUSTER1=172.16.8.31 --servers "$KB_ORDER"
has "$err" "differ" same-ip
run 2 loopback-resource-ip check --zone fabrikam.local --exchange EXSRV=127.0.0.5 \
  --cluster CLUSTER1=172.16.8.30 --servers "$KB_ORDER"
has "$err" "Exchange IP address" loopback-resource-ip
run 2 bad-server-list check "${NAMES[@]}" --servers "127.0.0.1:$LOCAL,,127.0.0.1"
run 2 bad-timeout check "${NAMES[@]}" --servers "$KB_ORDER" --timeout 0
has "$err" "timeout" bad-timeout
printf 'nothing to see here\n' >"$LAB_DIR/empty.txt"
run 2 servers-from-without-servers check "${NAMES[@]}" --servers-from "$LAB_DIR/empty.txt"
run 2 load-missing-file check --load "$LAB_DIR/missing.json"
[ ! -e "$LAB_DIR/missing.json" ] || fail "a failed load created the file"
printf '{"schema": "clusterdns-checklist/1", "kb": ' >"$LAB_DIR/truncated.json"
cp "$LAB_DIR/truncated.json" "$LAB_DIR/truncated.orig"
run 2 load-truncated check --load "$LAB_DIR/truncated.json" --output "$LAB_DIR/truncated.json"
cmp -s "$LAB_DIR/truncated.json" "$LAB_DIR/truncated.orig" || fail "a failed load wrote its file"
run 0 help check --help
has "$out" "--servers-from" help
run 0 version --version
has "$out" "clusterdns" version

# --- the KB's case: Internet DNS first, records missing on the local DNS -----------------
run 1 kb-case check "${NAMES[@]}" --servers "$KB_ORDER" --output "$LAB_DIR/kb.json"
has "$out" "Verdict: FAIL" kb-case
has "$out" "an Internet provider's DNS listed before the local DNS" kb-case
has "$out" "Add a host (A) record for exsrv.fabrikam.local on the local DNS 127.0.0.1:$LOCAL" kb-case
valid "$LAB_DIR/kb.json"
json_is "$LAB_DIR/kb.json" 'len(c["checks"])' 1 kb-case
json_is "$LAB_DIR/kb.json" 'k["verdict"]' fail kb-case
json_is "$LAB_DIR/kb.json" '[s["role"] for s in k["servers"]]' "['internet', 'local']" kb-case
json_is "$LAB_DIR/kb.json" '[s["authoritative"] for s in k["servers"]]' "[False, True]" kb-case
json_is "$LAB_DIR/kb.json" \
  '[r["status"] for r in k["records"] if r["type"] == "A" and r["server"].endswith(":'$LOCAL'")]' \
  "['missing', 'missing']" kb-case
json_is "$LAB_DIR/kb.json" 'k["recommended_order"]' "['127.0.0.1:$LOCAL', '127.0.0.1:$INTERNET']" kb-case
# the servers given for the node: its order as found
json_is "$LAB_DIR/kb.json" '[s["port"] for s in c["order_found"]["servers"]]' "[$INTERNET, $LOCAL]" kb-case
json_is "$LAB_DIR/kb.json" '[s["status"] for s in c["steps"]][2:5]' "['done', 'failed', 'failed']" kb-case
has "$out" "change the DNS server order" kb-case

run 1 kb-case-json check "${NAMES[@]}" --servers "$KB_ORDER" --json
valid "$out"
[ ! -s "$err" ] || fail "kb-case-json: unexpected stderr: $(head -c 300 "$err")"

# --- the records added with nsupdate: ok on the local DNS, but the order still fails -----
lab_add_host_records "$LOCAL" || fail "nsupdate"
run 1 records-added check "${NAMES[@]}" --servers "$KB_ORDER" --json
json_is "$out" \
  '[r["status"] for r in k["records"] if r["type"] == "A" and r["server"].endswith(":'$LOCAL'")]' \
  "['ok', 'ok']" records-added
# The records are the local DNS's now (that step is done), the order is still the node's to
# change: the two steps are judged each by its own rule.
json_is "$out" '[s["status"] for s in c["steps"]][3:5]' "['failed', 'done']" records-added

# --- who: --operator and --ticket on the journal's events, earlier ones kept --------------
run 1 who-first check "${NAMES[@]}" --servers "$KB_ORDER" --operator "J. Martin" --ticket INC-1 \
  --output "$LAB_DIR/who.json"
run 1 who-second check --load "$LAB_DIR/who.json" --operator "A. Dupont" --ticket INC-2 \
  --output "$LAB_DIR/who.json"
valid "$LAB_DIR/who.json"
json_is "$LAB_DIR/who.json" '[(k["operator"], k["ticket"]) for k in c["checks"]]' \
  "[('J. Martin', 'INC-1'), ('A. Dupont', 'INC-2')]" who
json_is "$LAB_DIR/who.json" 'c["operator"] + "/" + c["ticket"]' "A. Dupont/INC-2" who
run 2 who-control check --load "$LAB_DIR/who.json" --operator "$(printf 'A\001B')"
has "$err" "--operator: contains a control character at character 2" who-control
run 2 who-long check --load "$LAB_DIR/who.json" --ticket "$(printf '%0200d' 0)"
has "$err" "--ticket: is 200 bytes long" who-long

# --- the local DNS first: the verdict holds ----------------------------------------------
run 0 order-fixed check "${NAMES[@]}" --servers "$FIXED_ORDER" --output "$LAB_DIR/fixed.json"
has "$out" "Verdict: PASS" order-fixed
valid "$LAB_DIR/fixed.json"
json_is "$LAB_DIR/fixed.json" '[s["status"] for s in c["steps"]][2:5]' "['done', 'done', 'done']" order-fixed

# --- a refusing and a silent server before the local one: the node moves on -------------
run 0 moves-on check "${NAMES[@]}" --timeout 400 --progress \
  --servers "127.0.0.1:$REFUSE,127.0.0.1:$SILENT,127.0.0.1:$LOCAL" --json
valid "$out"
json_is "$out" '[s["reachable"] for s in k["servers"]]' "[True, False, True]" moves-on
json_is "$out" '[s["role"] for s in k["servers"]]' "['unknown', 'unknown', 'local']" moves-on
json_is "$out" '[r["outcome"] for r in k["records"] if r["server"].endswith(":'$SILENT'")][0]' timeout moves-on
json_is "$out" '[r["outcome"] for r in k["records"] if r["server"].endswith(":'$REFUSE'")][0]' refused moves-on
[ "$(grep -c '^server ' "$err")" -eq 3 ] || fail "moves-on: --progress should print 3 server lines"

# --- only a silent server: still pure JSON on stdout ------------------------------------
run 1 silent-only check "${NAMES[@]}" --timeout 300 --servers "127.0.0.1:$SILENT" --json
valid "$out"
json_is "$out" 'k["verdict"]' fail silent-only

# --- a saved checklist checked again ----------------------------------------------------
run 1 load-again check --load "$LAB_DIR/kb.json" --output "$LAB_DIR/kb2.json"
has "$out" "Verdict: FAIL" load-again
valid "$LAB_DIR/kb2.json"
# Appended to the journal: the first check kept, the records seen added outside the tool.
json_is "$LAB_DIR/kb2.json" 'len(c["checks"])' 2 load-again
json_is "$LAB_DIR/kb2.json" \
  '[r["status"] for r in k["records"] if r["type"] == "A" and r["server"].endswith(":'$LOCAL'")]' \
  "['ok', 'ok']" load-again
json_is "$LAB_DIR/kb2.json" '[(a["kind"], a["status"], a["since_check"], a["check"]) for a in c["actions"]]' \
  "[('add_record', 'seen_done', 0, 1), ('add_record', 'seen_done', 0, 1)]" load-again
# Another order for the node: planned, checked; the node's own still to change.
run 0 load-with-servers check --load "$LAB_DIR/kb2.json" --servers "$FIXED_ORDER" --output "$LAB_DIR/kb3.json"
valid "$LAB_DIR/kb3.json"
json_is "$LAB_DIR/kb3.json" '[(a["kind"], a["status"]) for a in c["actions"]][-1]' "('reorder', 'planned')" load-with-servers
json_is "$LAB_DIR/kb3.json" '[s["status"] for s in c["steps"]][3:5]' "['failed', 'done']" load-with-servers
has "$out" "change the DNS server order" load-with-servers
run 0 netsh-after-plan fix --emit netsh --load "$LAB_DIR/kb3.json"
hasnt "$out" "already right" netsh-after-plan
has "$out" "127.0.0.1" netsh-after-plan

cli_done
