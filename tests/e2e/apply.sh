#!/bin/bash
# The fix from the wizard: on the host records step, F shows the fix in each form, W writes
# it beside the checklist, A asks and then sends the missing records by dynamic update
# (the real nsupdate) to the local DNS, checks again and records what was applied; a "no"
# sends nothing. Against real named servers; 77 without tmux or named.
set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
. "$top_srcdir/tests/dnslab/lab.sh"
. "$top_srcdir/tests/e2e/tmux.sh"

e2e_have_tmux || exit 77
lab_have_named || exit 77
e2e_init || exit 99
lab_named local LOCAL && lab_named internet INTERNET || exit 99

OUT=$LAB_DIR/apply.json
DNS_WAIT=10
export NSUPDATE

e2e_begin "to the host records step"
e2e_start apply 80x24 -- --servers "127.0.0.1:$LOCAL,127.0.0.1:$INTERNET" --timeout 500 \
    --output "$OUT"
e2e_walk_to_names && e2e_walk_names_to 5 "$DNS_WAIT" || e2e_abort
e2e_shows "Verdict: FAIL" "$S: the records are missing"
e2e_end

e2e_begin "the fix as commands"
e2e_keys f
e2e_wait "The fix as dnscmd (1 of 6)" "$S: F shows the dnscmd form on the whole screen" || e2e_abort
e2e_shows "REM Microsoft KB Q263029" "$S: the form's first line"
e2e_keys w
e2e_wait "Write the fix to a file?" "$S: W asks first" || e2e_abort
e2e_shows "$OUT.dnscmd.txt" "$S: the question names the file"
[ ! -e "$OUT.dnscmd.txt" ] || e2e_fail_noscreen "$S: the file is written before the answer"
e2e_keys y
e2e_wait "Written to $OUT.dnscmd.txt" "$S: W writes the dnscmd form" || e2e_abort
grep -q "/RecordAdd fabrikam.local EXSRV A 172.16.8.31" "$OUT.dnscmd.txt" ||
    e2e_fail_noscreen "$S: the dnscmd file holds the /RecordAdd line"
e2e_keys f
e2e_wait "The fix as dnscmd (1 of 6)" "$S: F shows it again" || e2e_abort
e2e_keys f f
e2e_wait "The fix as nt4 (3 of 6)" "$S: F goes on to the next forms" || e2e_abort
e2e_shows "Microsoft KB Q263029" "$S: the NT 4.0 steps' first line"
e2e_shows_re "lines 1-[0-9]+ of [0-9]+" "$S: it says which lines it shows"
e2e_keys NPage
e2e_wait_gone "Microsoft KB Q263029" "$S: PgDn pages the fix" || e2e_abort
e2e_keys f f
e2e_wait "The fix as nsupdate (5 of 6)" "$S: F goes through the forms" || e2e_abort
e2e_keys w
e2e_wait "Write the fix to a file?" "$S: W asks first" || e2e_abort
e2e_keys y
e2e_wait "Written to $OUT.nsupdate.txt" "$S: W writes the form shown" || e2e_abort
grep -q "update add cluster1.fabrikam.local. 3600 IN A 172.16.8.30" "$OUT.nsupdate.txt" ||
    e2e_fail_noscreen "$S: the written file holds the script"
e2e_end

e2e_begin "apply: no sends nothing"
e2e_keys a
e2e_wait "Send these updates?" "$S: A asks first" || e2e_abort
e2e_shows "To 127.0.0.1:$LOCAL:" "$S: the question names the server"
e2e_shows "zone fabrikam.local" "$S: the zone, as sent"
e2e_shows "update add exsrv.fabrikam.local. 3600 IN A 172.16.8.31" "$S: each update, as sent"
e2e_shows "update add cluster1.fabrikam.local. 3600 IN A 172.16.8.30" "$S: each update, as sent"
e2e_not_shows "To 127.0.0.1:$INTERNET" "$S: nothing goes to the Internet DNS"
e2e_keys n
e2e_wait "Nothing was sent." "$S: n sends nothing" || e2e_abort
"$DIG" +short -p "$LOCAL" @127.0.0.1 exsrv.fabrikam.local A | grep -q . &&
    e2e_fail_noscreen "$S: the record was sent after a no"
e2e_end

e2e_begin "apply: yes sends, checks again, records it"
e2e_apply_confirm || e2e_abort
e2e_wait "2 records applied by dynamic update." "$S: both records applied" "$DNS_WAIT" || e2e_abort
e2e_wait "Verdict: PASS" "$S: checked again, the verdict holds" "$DNS_WAIT" || e2e_abort
[ "$("$DIG" +short -p "$LOCAL" @127.0.0.1 cluster1.fabrikam.local A)" = 172.16.8.30 ] ||
    e2e_fail_noscreen "$S: the local DNS holds the cluster record"
e2e_keys F2
e2e_wait "Saved to $OUT" "$S: F2 saves" || e2e_abort
e2e_valid "$OUT" "$S"
e2e_json_is "$OUT" '[(a["kind"], a["status"]) for a in c["actions"]]' \
    "[('add_record', 'applied'), ('add_record', 'applied')]" "$S: the checklist says what was applied"
e2e_json_is "$OUT" '[k["verdict"] for k in c["checks"]][-2:]' "['fail', 'pass']" \
    "$S: the check the updates rest on, and the one after them"
e2e_keys C-q
e2e_exit_wait 0 "$S: Ctrl-Q after the save" || e2e_abort
e2e_end

e2e_done
