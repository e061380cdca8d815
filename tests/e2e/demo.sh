#!/bin/bash
# README command (1), the demo: it brings the KB's situation up, opens the wizard on it, the
# wizard is usable through the whole KB (the fix applied with A turns the verdict to PASS),
# and leaving it stops every server the demo started. 77 without tmux or named.
set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
. "$top_srcdir/tests/dnslab/lab.sh"
. "$top_srcdir/tests/e2e/tmux.sh"

e2e_have_tmux || exit 77
lab_have_named || exit 77
e2e_init || exit 99
DNS_WAIT=10

e2e_begin "the demo opens the wizard"
E2E_CD=bash e2e_start demo 100x30 CLUSTERDNS_DEMO_BUILD="$top_builddir" TMPDIR="$LAB_DIR" \
    NSUPDATE="$NSUPDATE" -- "$top_srcdir/scripts/demo.sh"
e2e_wait "Press Enter to open the wizard." "$S: the briefing" "$DNS_WAIT" || e2e_abort
demo_lab=$(e2e_screen | grep -o "$LAB_DIR/clusterdns-lab\.[A-Za-z0-9]*" | head -n 1)
[ -n "$demo_lab" ] && [ -d "$demo_lab" ] || e2e_fail "$S: the demo's lab folder is named"
e2e_keys Enter
e2e_wait "Step 1 of 6" "$S: the wizard opens" || e2e_abort
e2e_end

e2e_begin "the demo walks the KB"
e2e_keys F10
e2e_wait "Step 2 of 6" "$S: step 2" || e2e_abort
e2e_type "Exchange Group 1"
e2e_keys F10
e2e_wait "Step 3 of 6" "$S: step 3" || e2e_abort
e2e_fill_names
e2e_keys F10
e2e_wait "Step 4 of 6" "$S: step 4" || e2e_abort
e2e_wait "authoritative" "$S: the local DNS answers for the zone" "$DNS_WAIT" || e2e_abort
e2e_wait_idle "$S: the check ends" "$DNS_WAIT"
e2e_keys r
e2e_wait_idle "$S: checked again in the recommended order" "$DNS_WAIT"
e2e_keys F10
e2e_wait "Step 5 of 6" "$S: step 5" || e2e_abort
e2e_wait "Verdict: FAIL" "$S: the records are missing" "$DNS_WAIT" || e2e_abort
e2e_keys a
e2e_wait "y/n" "$S: A asks" || e2e_abort
e2e_keys y
e2e_wait "Verdict: PASS" "$S: the fix applied, every record ok" "$DNS_WAIT" || e2e_abort
e2e_end

e2e_begin "leaving the wizard stops the demo"
e2e_keys C-q
e2e_wait "Unsaved work" "$S: Ctrl-Q asks" || e2e_abort
e2e_keys q
e2e_wait "EXIT=0" "$S: the demo ends" "$DNS_WAIT" || e2e_abort
[ -n "$demo_lab" ] && [ -e "$demo_lab" ] && e2e_fail_noscreen "$S: $demo_lab is left behind"
if [ -n "$demo_lab" ] && pgrep -f -- "$demo_lab" >/dev/null; then
    e2e_fail_noscreen "$S: processes of the demo are still running: $(pgrep -af -- "$demo_lab")"
fi
e2e_end

e2e_done
