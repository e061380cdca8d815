#!/bin/bash
# The wizard end to end, resumed: a checklist saved mid-way (F2 on step 4) and loaded with
# --load opens at the first unfinished step with every field back and the lookups already
# made; a finished walk opens at the last step; and when a record it found is deleted from
# the local DNS (nsupdate) after the save, the live check on --load sends it back to the
# host records step.  The node asks the local DNS first (its order holds as found), the
# records are added from outside.  Against real named servers; 77 without tmux or named.
set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
. "$top_srcdir/tests/dnslab/lab.sh"
. "$top_srcdir/tests/e2e/tmux.sh"

e2e_have_tmux || exit 77
lab_have_named || exit 77
e2e_init || exit 99
lab_named internet INTERNET && lab_named local LOCAL || exit 99

OUT=$LAB_DIR/resume.json
SERVERS=127.0.0.1:$LOCAL,127.0.0.1:$INTERNET
DNS_WAIT=10

# resume NAME: starts the wizard on the saved checklist and waits until it has checked the
# finished steps again.
resume() {
    e2e_start "$1" 80x24 -- --load "$OUT" --timeout 500
    e2e_wait "Resumed: the finished steps were checked again" "$S: --load $OUT" "$DNS_WAIT"
}

# --- saved on step 4 with F2 ---------------------------------------------------------------
e2e_begin "save mid-way"
e2e_start first 80x24 -- --servers "$SERVERS" --timeout 500 --output "$OUT"
e2e_wait "Step 1 of 6" "$S: the first screen" || e2e_abort
e2e_keys Space Tab Space Tab Space F10
e2e_wait "Step 2 of 6" "$S: step 2" || e2e_abort
e2e_type "Exchange Group 1"
e2e_keys F10
e2e_wait "Step 3 of 6" "$S: step 3" || e2e_abort
e2e_fill_names
e2e_keys F10
e2e_wait "Step 4 of 6" "$S: step 4" || e2e_abort
e2e_keys F2
e2e_wait "Saved to $OUT" "$S: F2 saves on step 4" || e2e_abort
e2e_keys C-q
e2e_exit_wait 0 "$S: Ctrl-Q after the save" || e2e_abort
e2e_valid "$OUT" "$S"
e2e_json_is "$OUT" '[s["status"] for s in c["steps"]]' \
    "['done', 'done', 'done', 'pending', 'pending', 'pending']" "$S: steps 1 to 3 done"
e2e_end

e2e_begin "resume at the first unfinished step"
resume mid || e2e_abort
e2e_line_shows 1 "Step 4 of 6: DNS server order" "$S: opens at step 4"
e2e_wait_re "> 1 127\.0\.0\.1:$LOCAL +local" "$S: the saved server order" "$DNS_WAIT"
e2e_keys Escape
e2e_wait "Step 3 of 6" "$S: Esc goes back to the names" || e2e_abort
e2e_shows "[fabrikam.local " "$S: the zone is back"
e2e_shows "[EXSRV " "$S: the Exchange name is back"
e2e_shows "[172.16.8.31 " "$S: the Exchange IP is back"
e2e_shows "[CLUSTER1 " "$S: the cluster name is back"
e2e_shows "[172.16.8.30 " "$S: the cluster IP is back"
e2e_wait_re "[ >] ?2 +127\.0\.0\.1:$INTERNET +name does not exist" "$S: the lookups are there" "$DNS_WAIT"
e2e_keys Escape
e2e_wait "Step 2 of 6" "$S: Esc to the group" || e2e_abort
e2e_shows "[Exchange Group 1 " "$S: the group is back"
e2e_keys Escape
e2e_wait "Step 1 of 6" "$S: Esc to the symptoms" || e2e_abort
e2e_wait_count 3 '\[x\] seen' "$S: the three symptoms are back"
e2e_keys C-q
e2e_exit_wait 0 "$S: looking back changes nothing, so Ctrl-Q leaves at once"
e2e_end

# --- finished, then a record deleted: the live check sends it back to step 5 ------------
e2e_begin "finish the resumed walk"
resume finish || e2e_abort
e2e_line_shows 1 "Step 4 of 6" "$S: opens at step 4 again" || e2e_abort
e2e_wait_idle "$S: the check" "$DNS_WAIT"
lab_add_host_records "$LOCAL" >/dev/null || e2e_fail "$S: nsupdate could not add the records"
e2e_keys F10
e2e_wait "Step 5 of 6" "$S: step 5" || e2e_abort
e2e_keys c
e2e_wait "Verdict: PASS" "$S: the records added" "$DNS_WAIT" || e2e_abort
e2e_wait_idle "$S: the check" "$DNS_WAIT"
e2e_keys F10
e2e_wait "Step 6 of 6" "$S: step 6" || e2e_abort
e2e_keys F2
e2e_wait "Saved to $OUT" "$S: F2 saves on step 6" || e2e_abort
e2e_keys C-q
e2e_exit_wait 0 "$S: Ctrl-Q after the save"
e2e_json_is "$OUT" '[s["status"] for s in c["steps"]][:5]' \
    "['done', 'done', 'done', 'done', 'done']" "$S: steps 1 to 5 done"
e2e_end

e2e_begin "resume a finished walk"
resume finished || e2e_abort
e2e_line_shows 1 "Step 6 of 6: Checklist" "$S: every step holds: opens at the last"
e2e_keys C-q
e2e_exit_wait 0 "$S: Ctrl-Q"
e2e_end

e2e_begin "resume after a record was deleted"
lab_nsupdate "$LOCAL" >/dev/null <<EOT || e2e_fail_noscreen "$S: nsupdate could not delete"
zone $LAB_ZONE
update delete $LAB_EXCHANGE_NAME.$LAB_ZONE. A
send
EOT
resume deleted || e2e_abort
e2e_line_shows 1 "Step 5 of 6: Host records" "$S: the saved 'done' does not hold: step 5"
e2e_shows "Verdict: FAIL" "$S: the live verdict"
e2e_shows_re "^ +.?127\.0\.0\.1:$LOCAL +\[missing\] +\[ok\]" \
    "$S: the Exchange record is missing, the cluster's is there"
e2e_keys C-q
e2e_exit_wait 0 "$S: Ctrl-Q (nothing typed)"
e2e_end

e2e_begin "resume with nothing to ask again opens without a key"
OUT=$LAB_DIR/nothing.json
e2e_start nothing1 80x24 -- --servers "" --output "$OUT"
e2e_wait "Step 1 of 6" "$S: the first screen" || e2e_abort
e2e_keys Space F2
e2e_wait "Saved to $OUT" "$S: saved" || e2e_abort
e2e_keys C-q
e2e_exit_wait 0 "$S: Ctrl-Q"
e2e_start nothing2 80x24 -- --load "$OUT"
e2e_wait "Resumed: the finished steps were checked again." "$S: opens at once, no key pressed" ||
    e2e_abort
e2e_keys C-q
e2e_exit_wait 0 "$S: Ctrl-Q"
e2e_end

e2e_done
