#!/bin/bash
# The wizard end to end, the whole KB Q263029 walk at 80x24 against real named servers in
# the KB's order (the Internet provider's DNS first, the local DNS without the host records,
# a refusing and a silent server): every screen shows what it must, the live answers
# arrive, R takes the recommended order (a plan: the node still has its own), the records
# added from outside with nsupdate turn the verdict to PASS, F2 saves a checklist that
# follows the schema and holds the walk as a journal, `clusterdns report` says what was
# found, what was done, how it stands and what is left, and Ctrl-Q leaves at once with the
# terminal restored.  77 without tmux or named.
set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
. "$top_srcdir/tests/dnslab/lab.sh"
. "$top_srcdir/tests/e2e/tmux.sh"

e2e_have_tmux || exit 77
lab_have_named || exit 77
e2e_init || exit 99
lab_named internet INTERNET && lab_named local LOCAL && lab_named refuse REFUSE &&
    lab_silent SILENT || exit 99

OUT=$LAB_DIR/walk.json
SERVERS=127.0.0.1:$INTERNET,127.0.0.1:$LOCAL,127.0.0.1:$REFUSE,127.0.0.1:$SILENT
DNS_WAIT=10 # seconds for answers: the silent server costs --timeout per try
re_port() { printf '127\\.0\\.0\\.1:%s' "$1"; }

# help_works N: F1 opens the help over step N, any key closes it and the step stays.
help_works() {
    e2e_keys F1
    e2e_wait "Any other key closes this help." "$S: F1 shows the help" || return 1
    e2e_keys Escape
    e2e_wait_gone "Any other key closes this help." "$S: a key closes the help" || return 1
    e2e_shows "Step $1 of 6" "$S: the key that closes the help does nothing else"
}

e2e_start walk 80x24 LANG=C.UTF-8 -- --servers "$SERVERS" --timeout 500 --output "$OUT"
# --- step 1: the three symptoms ------------------------------------------------------------
e2e_begin "step 1 (symptoms)"
e2e_wait "Step 1 of 6: Symptoms" "$S: the first screen" || e2e_abort
help_works 1
e2e_shows "[?] not checked" "$S: nothing checked at first"
e2e_not_shows "this KB applies" "$S: the KB does not apply before the symptoms are seen"
e2e_keys Space Tab Space Tab Space
e2e_wait "this KB applies" "$S: all three symptoms seen (Space, Tab)" || e2e_abort
e2e_wait_count 3 '\[x\] seen' "$S: three '[x] seen' markers"
e2e_keys F10
e2e_end

# --- step 2: the Exchange group from pasted 'cluster group' output ------------------------
e2e_begin "step 2 (Exchange group)"
e2e_wait "Step 2 of 6: Exchange group" "$S: F10 after the symptoms" || e2e_abort
help_works 2
e2e_shows "none yet" "$S: no group list before a paste"
e2e_keys Tab Tab # the group field, the list: no text field has the focus
e2e_paste "$top_srcdir/tests/samples/cluster-group.txt"
e2e_wait "3 cluster groups read" "$S: the paste is read as 'cluster group' output" || e2e_abort
e2e_shows "> Cluster Group" "$S: the first group is selected"
e2e_shows "Exchange Group 1" "$S: the group with a space in its name is whole"
e2e_shows "Disk Group 2" "$S: the last group is listed"
e2e_keys Down Enter
e2e_wait "[Exchange Group 1 " "$S: Down, Enter puts the group in the field" || e2e_abort
e2e_shows "> Exchange Group 1" "$S: the chosen group is selected"
e2e_keys F10
e2e_end

# --- step 3: names and IPs, with the live answers ----------------------------------------
e2e_begin "step 3 (names and IPs)"
e2e_wait "Step 3 of 6: Names and IPs" "$S: F10 with a group" || e2e_abort
help_works 3
e2e_type fabrikam.local
e2e_keys Tab
e2e_type EXSRV
e2e_keys Tab
e2e_wait_re "[ >] ?1 +$(re_port "$INTERNET") +name does not exist" \
    "$S: the Internet DNS says EXSRV does not exist, beside the name" "$DNS_WAIT" || e2e_abort
e2e_wait_re "[ >] ?2 +$(re_port "$LOCAL") +name does not exist" \
    "$S: the local DNS has no record for EXSRV yet" "$DNS_WAIT"
e2e_wait_re "[ >] ?3 +$(re_port "$REFUSE") +refused" "$S: the refusing server" "$DNS_WAIT"
e2e_wait_re "[ >] ?4 +$(re_port "$SILENT") +no reply" "$S: the silent server times out" "$DNS_WAIT"
e2e_type 172.16.8.31
e2e_keys Tab
e2e_type CLUSTER1
e2e_keys Tab
e2e_type 172.16.8.30
e2e_keys Tab
e2e_wait "[CLUSTER1 " "$S: the cluster name" || e2e_abort
e2e_wait_re "[ >] ?1 +$(re_port "$INTERNET") +name does not exist +name does not exist" \
    "$S: the Internet DNS's answer for CLUSTER1 too, in its column" "$DNS_WAIT"
e2e_shows "[172.16.8.30 " "$S: the cluster IP"
e2e_not_shows "! " "$S: no field has an error"
e2e_keys F10
e2e_end

# --- step 4: the server order ------------------------------------------------------------
e2e_begin "step 4 (DNS server order)"
e2e_wait "Step 4 of 6: DNS server order" "$S: F10 with valid names" || e2e_abort
help_works 4
e2e_wait_re "> 1 $(re_port "$INTERNET") +internet +zone unknown" \
    "$S: the Internet DNS first, as the node has it" "$DNS_WAIT" || e2e_abort
e2e_wait_re "  2 $(re_port "$LOCAL") +local +authoritative" \
    "$S: the local DNS is authoritative for the zone" "$DNS_WAIT"
e2e_wait "Recommended order: 127.0.0.1:$LOCAL first" \
    "$S: a recommended order, the local DNS first" "$DNS_WAIT" || e2e_abort
e2e_shows "both names: from 127.0.0.1:$INTERNET, missing" \
    "$S: the node takes the Internet DNS's answer for both names"
e2e_shows "Why: an Internet DNS listed first says the name does not exist." "$S: why"
e2e_take_recommended || e2e_abort
e2e_wait_re "> 1 $(re_port "$LOCAL") +local" "$S: R moves the local DNS to the top" || e2e_abort
e2e_shows_re "  2 $(re_port "$INTERNET") " "$S: the Internet DNS second"
e2e_wait_idle "$S: the check after R" "$DNS_WAIT" || e2e_abort
e2e_shows "both names: from 127.0.0.1:$LOCAL, missing" \
    "$S: now the local DNS decides (and has no record yet)"
e2e_not_shows "Recommended order" "$S: the order is the recommended one now"
e2e_keys F10
e2e_end

# --- step 5: the host records, missing, then added with nsupdate ------------------------
e2e_begin "step 5 (host records)"
e2e_wait "Step 5 of 6: Host records" "$S: F10 after the check" || e2e_abort
help_works 5
e2e_wait "Verdict: FAIL" "$S: the records are missing" "$DNS_WAIT" || e2e_abort
e2e_shows "The local DNS must hold the host (A) records of both names." "$S: the heading whole"
e2e_shows_re "^ +.?$(re_port "$LOCAL") +\[missing\] +\[missing\] +\[missing\]" \
    "$S: the local DNS lacks both A records and the PTRs"
e2e_shows "Add a host (A) record for exsrv.fabrikam.local on the local DNS" "$S: what to add where"
lab_add_host_records "$LOCAL" >/dev/null || e2e_fail "$S: nsupdate could not add the records"
e2e_keys c
e2e_wait "Verdict: PASS" "$S: C checks again after nsupdate" "$DNS_WAIT" || e2e_abort
e2e_shows_re "^ +.?$(re_port "$LOCAL") +\[ok\] +\[ok\] +\[ok\]" "$S: the local DNS holds the records"
e2e_not_shows "Verdict: FAIL" "$S: the old verdict is gone"
e2e_wait_idle "$S: the check" "$DNS_WAIT"
e2e_keys F10
e2e_end

# --- step 6: the checklist ----------------------------------------------------------------
e2e_begin "step 6 (checklist)"
e2e_wait "Step 6 of 6: Checklist" "$S: F10 after the records" || e2e_abort
help_works 6
e2e_shows "[$OUT" "$S: Save to holds --output"
e2e_wait_count 4 '\[done\]' "$S: steps 1 to 3 and 5 are [done]"
e2e_shows_re "4 DNS server order +\[failed\]" \
    "$S: the order is only planned: the node still asks the Internet DNS first"
e2e_shows "Not saved yet" "$S: unsaved before F2"
e2e_type "Jane Operator"
e2e_keys Tab
e2e_type "TICKET-4711"
e2e_keys F2
e2e_wait "Saved to $OUT" "$S: F2 saves" || e2e_abort

J="$S: the saved checklist"
e2e_valid "$OUT" "$J"
e2e_json_is "$OUT" 'c["operator"], c["ticket"]' "('Jane Operator', 'TICKET-4711')" "$J"
e2e_json_is "$OUT" 'c["group"]' "Exchange Group 1" "$J"
e2e_json_is "$OUT" '[s["status"] for s in c["steps"]]' \
    "['done', 'done', 'done', 'failed', 'done', 'done']" "$J: F2 on the last step finishes it"
e2e_json_is "$OUT" 'c["zone"]' "fabrikam.local" "$J"
e2e_json_is "$OUT" \
    'c["exchange"]["name"], c["exchange"]["ip"], c["cluster"]["name"], c["cluster"]["ip"]' \
    "('EXSRV', '172.16.8.31', 'CLUSTER1', '172.16.8.30')" "$J"
e2e_json_is "$OUT" 'sorted(c["symptoms"].items())' \
    "[('event_4058', True), ('overlapped_io', True), ('setup_hangs', True)]" "$J"
# The journal: the node's order as found, every check acted on (the first FAIL, with the
# Internet DNS first; the last PASS, with the order planned), the plan, the records seen
# added outside the tool between two checks, each with who.
e2e_json_is "$OUT" '[s["port"] for s in c["order_found"]["servers"]]' \
    "[$INTERNET, $LOCAL, $REFUSE, $SILENT]" "$J: the order as found"
e2e_json_is "$OUT" '[k["verdict"] for k in c["checks"]]' "['fail', 'fail', 'pass']" "$J: three checks"
e2e_json_is "$OUT" '[(s["position"], s["port"]) for s in c["checks"][-1]["servers"]]' \
    "[(1, $LOCAL), (2, $INTERNET), (3, $REFUSE), (4, $SILENT)]" "$J: the last check, the local DNS first"
e2e_json_is "$OUT" 'c["checks"][-1]["servers"][0]["role"], c["checks"][-1]["servers"][0]["authoritative"]' \
    "('local', True)" "$J"
e2e_json_is "$OUT" '[(a["kind"], a["status"], a["since_check"], a["check"]) for a in c["actions"]]' \
    "[('reorder', 'planned', None, 0), ('add_record', 'seen_done', 1, 2), ('add_record', 'seen_done', 1, 2)]" \
    "$J: the order planned, the records added outside the tool"
e2e_json_is "$OUT" '{k["operator"] for k in c["checks"]} | {a["operator"] for a in c["actions"]}' \
    "{'Jane Operator'}" "$J: who, on every event"

# What the ticket reads.
"$top_builddir/clusterdns" report "$OUT" >"$LAB_DIR/walk-report.txt" 2>&1 ||
    e2e_fail_noscreen "$J: clusterdns report failed: $(cat "$LAB_DIR/walk-report.txt")"
for text in "What was found" "Verdict: FAIL" \
    "an Internet provider's DNS listed before the local DNS, says \"name does not exist\"" \
    "Add a host (A) record for exsrv.fabrikam.local on the local DNS 127.0.0.1:$LOCAL" \
    "What was done" "DNS server order planned" "record added outside the tool" \
    "(not there in check 2, there in check 3)" \
    "How it stands now" "Verdict: PASS" \
    "What is left to do" "change the DNS server order" "until the operator confirms"; do
    grep -qF -- "$text" "$LAB_DIR/walk-report.txt" ||
        e2e_fail_noscreen "$J: the report does not say '$text'"
done

# F10 on the last step finishes it and saves; then nothing is unsaved and Ctrl-Q leaves.
e2e_keys F10
e2e_wait_re "6 Checklist +\[done\]" "$S: F10 on the last step finishes it"
e2e_json_is "$OUT" '[s["status"] for s in c["steps"]]' \
    "['done', 'done', 'done', 'failed', 'done', 'done']" "$J: after F10"
e2e_valid "$OUT" "$J: after F10"
e2e_end

# --- the node's order changed by the operator, confirmed in the wizard --------------------
e2e_begin "the order confirmed as changed on the node"
e2e_keys Escape Escape
e2e_wait "Step 4 of 6" "$S: back on step 4" || e2e_abort
e2e_shows "The node still has its own order: change it on its DNS tab, then O" \
    "$S: what is left on the node"
e2e_keys o
e2e_wait "Is the order changed on the node?" "$S: O asks" || e2e_abort
e2e_shows_re " 1  127\.0\.0\.1:$LOCAL +127\.0\.0\.1:$INTERNET" "$S: the order now beside the node's"
e2e_keys n
e2e_wait "Not confirmed" "$S: no confirms nothing" || e2e_abort
e2e_keys o
e2e_wait "Is the order changed on the node?" "$S: O asks again" || e2e_abort
e2e_keys y
e2e_wait "Confirmed: the checklist records" "$S: yes confirms it" || e2e_abort
e2e_not_shows "The node still has its own order" "$S: nothing is left on the node"
e2e_keys F10
e2e_wait "Step 5 of 6" "$S: step 5" || e2e_abort
e2e_wait "Verdict: PASS" "$S: still PASS" "$DNS_WAIT" || e2e_abort
e2e_keys F10
e2e_wait "Step 6 of 6" "$S: step 6" || e2e_abort
e2e_wait_re "4 DNS server order +\[done\]" "$S: step 4 holds by the confirmation" || e2e_abort
e2e_keys F2
e2e_wait "Saved to $OUT" "$S: saved" || e2e_abort
e2e_json_is "$OUT" '[(a["kind"], a["status"]) for a in c["actions"] if a["kind"] == "reorder"]' \
    "[('reorder', 'planned'), ('reorder', 'confirmed')]" "$S: the journal has the plan and the confirmation"
"$top_builddir/clusterdns" report "$OUT" >"$LAB_DIR/walk-report2.txt" 2>&1
grep -qF "change the DNS server order" "$LAB_DIR/walk-report2.txt" &&
    e2e_fail_noscreen "$S: the report still says to change the order on the node"
e2e_keys C-q
e2e_exit_wait 0 "$S: Ctrl-Q with everything saved leaves at once"
e2e_end

e2e_done
