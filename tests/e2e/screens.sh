#!/bin/bash
# Screens an operator can't trip on: twelve servers at 80x23 (every list scrolls, says
# where it is, keeps the selection in view; a removal names the server it removes), the
# findings paged and the fix on the whole screen, [ Back ] and [ Next ] reached by Tab
# and Enter, the keys of PuTTY, rxvt and the Linux console under the wrong TERM, unknown
# keys said, letter alternatives to the F-keys, 80x22 and below, messages never cut, and
# the whole KB in German and French at 80x23. 77 without tmux or named.
set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
. "$top_srcdir/tests/dnslab/lab.sh"
. "$top_srcdir/tests/e2e/tmux.sh"

e2e_have_tmux || exit 77
lab_have_named || exit 77
e2e_init || exit 99
lab_named internet INTERNET || exit 99
lab_named local LOCAL || exit 99
DNS_WAIT=10
SERVERS=127.0.0.1:$INTERNET,127.0.0.1:$LOCAL
PORTS=("$INTERNET" "$LOCAL")
for i in 3 4 5 6 7 8 9 10 11 12; do # ten more: the Internet DNS behind a 20 ms delay
    lab_delay PORT "$INTERNET" 20 || exit 99
    SERVERS=$SERVERS,127.0.0.1:$PORT
    PORTS+=("$PORT")
done
LAST=${PORTS[11]}

e2e_begin "twelve servers at 80x23: the names step"
OUT=$LAB_DIR/twelve.json
e2e_start twelve 80x23 -- --servers "$SERVERS" --timeout 500 --output "$OUT"
e2e_walk_to_names || e2e_abort
e2e_fill_names
e2e_wait_re "rows 1-[0-9]+ of 12" "$S: the answers say which rows they show" "$DNS_WAIT" || e2e_abort
e2e_line_shows 23 "^Q Quit" "$S: the footer on the last line"
e2e_keys Tab # from the last field to the answers
e2e_keys End
e2e_wait_re ">12 +127\.0\.0\.1:$LAST " "$S: End shows the twelfth server, selected" || e2e_abort
e2e_shows_re "rows [0-9]+-12 of 12" "$S: and says where the rows are"
e2e_keys Home BTab # back to the last field
e2e_keys Enter
e2e_wait_re "\[Next >\]" "$S: the Next button is there" || e2e_abort
e2e_shows "Step 3 of 6" "$S: Enter in the last field moves to a button, not away"
e2e_keys Tab Tab # the list, [< Back], [Next >]: Enter on Next goes on
e2e_keys Enter
e2e_wait "Step 4 of 6" "$S: Enter on [Next >] goes to step 4" || e2e_abort
e2e_end

e2e_begin "twelve servers at 80x23: the DNS order step"
e2e_wait_idle "$S: the check ends" "$DNS_WAIT" || e2e_abort
e2e_shows_re "rows 1-[0-9]+ of 12" "$S: the list says which rows it shows"
e2e_keys End
e2e_wait_re ">12 127\.0\.0\.1:$LAST " "$S: End selects the twelfth server, in view" || e2e_abort
e2e_keys DC
e2e_wait "Remove a DNS server?" "$S: Del asks" || e2e_abort
e2e_shows "Remove 127.0.0.1:$LAST (position 12 of 12)" "$S: it names the server it removes"
e2e_keys n
e2e_wait "Nothing was removed." "$S: no removes nothing" || e2e_abort
e2e_keys DC
e2e_wait "Remove a DNS server?" "$S: Del asks again" || e2e_abort
e2e_keys y
e2e_wait "127.0.0.1:$LAST was removed from the list; U puts it back." "$S: yes removes it" || e2e_abort
e2e_wait_re "rows [0-9]+-11 of 11" "$S: eleven left" || e2e_abort
e2e_keys u
e2e_wait_re "rows [0-9]+-12 of 12" "$S: U puts it back" || e2e_abort
e2e_wait_idle "$S: checked again" "$DNS_WAIT" || e2e_abort
e2e_wait "Recommended order: 127.0.0.1:$LOCAL first" "$S: the recommendation, not cut" "$DNS_WAIT" ||
    e2e_abort
e2e_keys F10
e2e_end

e2e_begin "twelve servers at 80x23: the host records step"
e2e_wait "Step 5 of 6" "$S: step 5" || e2e_abort
e2e_wait "Verdict: FAIL" "$S: the verdict" "$DNS_WAIT" || e2e_abort
e2e_shows_re "rows 1-[0-9]+ of 12" "$S: the table says which rows it shows"
e2e_keys End
e2e_wait_re ">127\.0\.0\.1:[0-9]+ +\[missing\]" "$S: End selects the last server" || e2e_abort
e2e_shows_re "rows [0-9]+-12 of 12" "$S: in view"
e2e_wait_re "findings: lines 1-[0-9]+ of [0-9]+" "$S: the findings say which lines they show" ||
    e2e_abort
first=$(e2e_screen | grep -oE "findings: lines 1-[0-9]+" | grep -oE "[0-9]+$")
e2e_keys NPage
e2e_wait_re "findings: lines $first-" "$S: PgDn pages by what the pane shows" || e2e_abort
e2e_keys f
e2e_wait "The fix as dnscmd (1 of 6)" "$S: F shows the fix on the whole screen" || e2e_abort
e2e_keys Escape
e2e_wait_gone "The fix as dnscmd" "$S: Esc closes it" || e2e_abort
e2e_keys c
e2e_wait_re "findings: lines 1-" "$S: a new check shows the findings from the top" "$DNS_WAIT" ||
    e2e_abort
e2e_wait_idle "$S: the check" "$DNS_WAIT" || e2e_abort
e2e_keys Escape
e2e_end

e2e_begin "twelve servers at 80x23: the recommended order, all of it"
e2e_wait "Step 4 of 6" "$S: Esc goes back to step 4" || e2e_abort
e2e_keys Home r
e2e_wait "Take the recommended order?" "$S: R asks, showing the orders" || e2e_abort
e2e_shows_re "lines 1-[0-9]+ of [0-9]+" "$S: the question scrolls when the orders do not fit"
e2e_keys End
e2e_wait_re "12 +127\.0\.0\.1:[0-9]+ +127\.0\.0\.1:$LAST" "$S: End shows the last of both orders" ||
    e2e_abort
e2e_keys y
e2e_wait_re "> 1 127\.0\.0\.1:$LOCAL +local" "$S: yes takes it: the local DNS first" || e2e_abort
e2e_wait_idle "$S: checked again" "$DNS_WAIT" || e2e_abort
e2e_keys F10
e2e_wait "Step 5 of 6" "$S: step 5" || e2e_abort
e2e_end

e2e_begin "a long message is never cut"
e2e_wait "Verdict:" "$S: step 5's verdict" "$DNS_WAIT" || e2e_abort
e2e_keys F10
e2e_wait "Step 6 of 6" "$S: step 6" || e2e_abort
e2e_keys Tab Tab Tab C-u
LONG=/proc/clusterdns/a/rather/long/path/that/cannot/be/created/by/anyone/checklist.json
e2e_type "$LONG"
e2e_keys F2
e2e_wait "Create a folder?" "$S: a missing folder is asked for" || e2e_abort
e2e_keys y
e2e_wait "Not saved:" "$S: the save fails" || e2e_abort
joined=$(e2e_screen | tr -s ' \n' '  ')
case $joined in
*"Not saved: Save to: cannot create the folder /proc/clusterdns: "*"Change \"Save to\" on the last step."*) ;;
*) e2e_fail "$S: the whole message, folder, cause and advice, is on the screen" ;;
esac
e2e_shows "6 Checklist" "$S: the steps"
e2e_shows_re "6 Checklist +\[pending\]" "$S: a failed save finishes nothing"
e2e_keys C-q
e2e_wait "Unsaved work" "$S: Ctrl-Q asks" || e2e_abort
e2e_keys q
e2e_exit_wait 0 "$S: Q quits"
e2e_end

# --- diagnosis: a misspelt zone, an address other than typed ------------------------------
e2e_begin "a zone no server holds is named, and no Internet DNS is blamed"
e2e_start zone 80x24 -- --servers "127.0.0.1:$INTERNET,127.0.0.1:$LOCAL" --timeout 500 \
    --output "$LAB_DIR/zone.json"
e2e_walk_to_names || e2e_abort
for v in fabrikam.lcoal EXSRV 172.16.8.31 CLUSTER1 172.16.8.30; do e2e_type "$v"; e2e_keys Tab; done
e2e_keys F10
e2e_wait "Step 4 of 6" "$S: step 4" || e2e_abort
e2e_wait "No DNS server holds the zone fabrikam.lcoal: check its spelling on step 3" \
    "$S: the zone is named, with what to check" "$DNS_WAIT" || e2e_abort
e2e_not_shows "Why: an Internet DNS" "$S: no Internet DNS is blamed"
e2e_not_shows " internet " "$S: no server is called the Internet's"
e2e_end

e2e_begin "an address other than typed is named, with what to change"
lab_add_host_records "$LOCAL" >/dev/null || e2e_fail_noscreen "$S: nsupdate could not add the records"
e2e_start wrong 80x24 -- --servers "127.0.0.1:$LOCAL" --timeout 500 --output "$LAB_DIR/wrong.json"
e2e_walk_to_names || e2e_abort
for v in fabrikam.local EXSRV 172.16.8.39 CLUSTER1 172.16.8.30; do e2e_type "$v"; e2e_keys Tab; done
e2e_wait_re "127\.0\.0\.1:$LOCAL +wrong: 172\.16\.8\.31" \
    "$S: the names step marks the answer that disagrees with the typed address" "$DNS_WAIT" ||
    e2e_abort
e2e_keys F10
e2e_wait "Step 4 of 6" "$S: step 4" || e2e_abort
e2e_wait_idle "$S: the check" "$DNS_WAIT" || e2e_abort
e2e_keys F10
e2e_wait "Step 5 of 6" "$S: step 5" || e2e_abort
e2e_wait "Verdict: FAIL" "$S: FAIL" "$DNS_WAIT" || e2e_abort
case $(e2e_screen | tr -s ' \n' '  ') in
*"answers for exsrv.fabrikam.local with 172.16.8.31, another address than typed on step 3"*) ;;
*) e2e_fail "$S: the finding names the address found" ;;
esac
e2e_end

# --- keys under the wrong TERM -------------------------------------------------------------
e2e_begin "TERM=xterm with PuTTY's Home and End, rxvt's, the console's F-keys"
e2e_start putty 80x24 TERM=xterm -- --servers "" --output "$LAB_DIR/putty.json"
e2e_walk_to_names || e2e_abort
e2e_type "contoso.test"
e2e_tmux send-keys -t "$E2E_PANE" -l $'\e[1~' # PuTTY's Home
e2e__consumed; e2e__gap
e2e_type x
e2e_tmux send-keys -t "$E2E_PANE" -l $'\e[4~' # PuTTY's End
e2e__consumed; e2e__gap
e2e_type y
e2e_wait "[xcontoso.testy " "$S: Home and End move in the field" || e2e_abort
e2e_not_shows "[4~" "$S: nothing of the sequence lands in the field"
e2e_shows "Step 3 of 6" "$S: the sequence is no Esc: the step stays"
e2e_tmux send-keys -t "$E2E_PANE" -l $'\e[7~' # rxvt's Home
e2e__consumed; e2e__gap
e2e_type z
e2e_wait "[zxcontoso.testy " "$S: rxvt's Home too" || e2e_abort
e2e_tmux send-keys -t "$E2E_PANE" -l $'\e[99~' # no terminal's key we know
e2e__consumed; e2e__gap
e2e_wait "A key sent ESC [ 9 9 ~, which is not known here: nothing was done." \
    "$S: an unknown sequence is said, not typed" || e2e_abort
e2e_tmux send-keys -t "$E2E_PANE" -l $'\e[[A' # the Linux console's F1
e2e__consumed; e2e__gap
e2e_wait "Any other key closes this help." "$S: the console's F1 opens the help" || e2e_abort
e2e_keys Escape
e2e_tmux send-keys -t "$E2E_PANE" -l $'\e[21~' # F10 as vt220 sends it
e2e__consumed; e2e__gap
e2e_wait "Exchange network name: is required" "$S: vt220's F10 is F10 (it says why not)" ||
    e2e_abort
e2e_keys C-g
e2e_wait "Any other key closes this help." "$S: Ctrl-G is the help where F1 is taken" || e2e_abort
e2e_keys Escape
e2e_keys C-s
e2e_wait "Saved to $LAB_DIR/putty.json" "$S: Ctrl-S saves" || e2e_abort
e2e_shows "F1/^G Help" "$S: the footer names the letter alternatives"
e2e_keys C-q
e2e_exit_wait 0 "$S: Ctrl-Q leaves"
e2e_end

# --- sizes ----------------------------------------------------------------------------------
e2e_begin "80x22 works; below it, only quitting"
e2e_start small 80x22 -- --servers "" --output "$LAB_DIR/small.json"
e2e_wait "Step 1 of 6" "$S: 80x22 draws the wizard" || e2e_abort
e2e_line_shows 22 "^Q Quit" "$S: the footer on line 22"
e2e_keys Space
e2e_wait "[x] seen" "$S: keys work at 80x22" || e2e_abort
e2e_resize 60 22
e2e_wait "Terminal too small: 80x22 needed" "$S: 60 columns say so" || e2e_abort
case $(e2e_screen | tr -s ' \n' '  ') in
*"this one is 60x22. Make it larger to go on; Ctrl-Q quits."*) ;;
*) e2e_fail "$S: the message is wrapped whole to 60 columns" ;;
esac
e2e_keys F10
e2e_resize 80 22
e2e_wait "Step 1 of 6" "$S: back at 80x22" || e2e_abort
e2e_shows "[x] seen" "$S: F10 did nothing while too small"
e2e_resize 60 22
e2e_wait "Terminal too small" "$S: small again" || e2e_abort
e2e_keys C-q
e2e_wait "Unsaved work" "$S: Ctrl-Q's question is shown in words" || e2e_abort
e2e_shows "Q  Quit without saving" "$S: with its answers"
e2e_keys q
e2e_exit_wait 0 "$S: Q quits"
e2e_end

# --- the whole KB in German and French at 80x23, twelve servers, PuTTY's keys ---------------
# kb_walk LANG: from the symptoms to a saved PASS with no detour: the group from a paste,
# the zone edited with PuTTY's Home and End under TERM=xterm, the recommended order taken,
# the records sent, the checklist saved. Every text waited for comes from the catalogue.
kb_walk() {
    local lang=$1 ll=${1%%_*} out
    e2e_begin "the whole KB in $lang at 80x23, twelve servers, TERM=xterm with PuTTY's keys"
    if ! grep -q '^#define ENABLE_NLS 1' "$top_builddir/config.h" 2>/dev/null ||
        ! locale -a 2>/dev/null | grep -qixE "${lang%%.*}\.utf-?8" ||
        [ ! -f "$top_builddir/share/locale/$ll/LC_MESSAGES/clusterdns.mo" ]; then
        e2e_fail_noscreen "$S: no $lang catalogue or locale here (scripts/deps.sh makes them)"
        e2e_end
        return
    fi
    E2E_MO=$top_builddir/share/locale/$ll/LC_MESSAGES/clusterdns.mo
    e2e_expect QUIT "Quit"
    e2e_expect NEXT "Next >"
    e2e_expect HELP "Help"
    e2e_expect STEP2 "clusterdns - KB Q263029 - Step %d of %d: %s" 2 6 "Exchange group"
    e2e_expect STEP3 "clusterdns - KB Q263029 - Step %d of %d: %s" 3 6 "Names and IPs"
    e2e_expect STEP4 "clusterdns - KB Q263029 - Step %d of %d: %s" 4 6 "DNS server order"
    e2e_expect STEP5 "clusterdns - KB Q263029 - Step %d of %d: %s" 5 6 "Host records"
    e2e_expect STEP6 "clusterdns - KB Q263029 - Step %d of %d: %s" 6 6 "Checklist"
    e2e_expect ASK_ORDER "Take the recommended order?"
    e2e_expect ASK_SEND "Send these updates?"
    e2e_expect PASS_TEXT "Verdict: PASS: the node resolves both names to the right addresses."
    e2e_expect SAVED "Saved to %s" "$LAB_DIR/kb-$ll.json"
    out=$LAB_DIR/kb-$ll.json
    lab_named local "KB_LOCAL_$ll" || { e2e_fail_noscreen "$S: a local DNS"; e2e_end; return; }
    local_port=$(eval echo "\$KB_LOCAL_$ll")
    servers=127.0.0.1:$INTERNET,127.0.0.1:$local_port,${SERVERS#*,*,}
    e2e_start "kb$ll" 80x23 LANG="$lang" TERM=xterm \
        CLUSTERDNS_LOCALEDIR="$top_builddir/share/locale" -- \
        --servers "$servers" --timeout 500 --output "$out"
    e2e_wait "KB Q263029" "$S: the first screen" || { e2e_end; return; }
    e2e_line_shows 23 "^Q $QUIT" "$S: the footer whole, its last key at 80 columns"
    e2e_line_shows 23 "F1/^G $HELP" "$S: its first"
    e2e_shows "[$NEXT]" "$S: the Next button"
    e2e_keys Space Tab Space Tab Space F10
    e2e_wait "$STEP2" "$S: step 2" || { e2e_end; return; }
    e2e_paste "$top_srcdir/tests/samples/cluster-group.txt"
    e2e_wait "> Cluster Group" "$S: the groups from the paste" || { e2e_end; return; }
    e2e_keys Down Enter F10
    e2e_wait "$STEP3" "$S: step 3" || { e2e_end; return; }
    e2e_type "abrikam.local"
    e2e_tmux send-keys -t "$E2E_PANE" -l $'\e[1~' # PuTTY's Home: the missing first letter
    e2e__consumed; e2e__gap
    e2e_type f
    e2e_tmux send-keys -t "$E2E_PANE" -l $'\e[4~' # PuTTY's End
    e2e__consumed; e2e__gap
    e2e_keys Tab
    for v in EXSRV 172.16.8.31 CLUSTER1 172.16.8.30; do e2e_type "$v"; e2e_keys Tab; done
    e2e_shows "[fabrikam.local " "$S: the zone edited with Home and End"
    e2e_keys F10
    e2e_wait "$STEP4" "$S: step 4" || { e2e_end; return; }
    e2e_wait_idle "$S: the check" "$DNS_WAIT" || { e2e_end; return; }
    e2e_take_recommended "$ASK_ORDER" || { e2e_end; return; }
    e2e_wait_re "> 1 127\.0\.0\.1:$local_port " "$S: the local DNS first" || { e2e_end; return; }
    e2e_wait_idle "$S: checked again" "$DNS_WAIT" || { e2e_end; return; }
    e2e_keys F10
    e2e_wait "$STEP5" "$S: step 5" || { e2e_end; return; }
    e2e_wait_idle "$S: the check" "$DNS_WAIT"
    e2e_apply_confirm "$ASK_SEND" || { e2e_end; return; }
    e2e_wait "$PASS_TEXT" "$S: the records sent, PASS" "$DNS_WAIT" || { e2e_end; return; }
    e2e_wait_idle "$S: the check after the update" "$DNS_WAIT" || { e2e_end; return; }
    e2e_next_to "$STEP6" "$S: step 6" "$DNS_WAIT" || { e2e_end; return; }
    e2e_type "Jane Operator"
    e2e_keys Tab
    e2e_type "TICKET-4711"
    e2e_keys F2
    e2e_wait "$SAVED" "$S: saved" || { e2e_end; return; }
    e2e_valid "$out" "$S"
    e2e_json_is "$out" 'c["checks"][-1]["verdict"]' "pass" "$S: the last check passes"
    e2e_keys C-q
    e2e_exit_wait 0 "$S: Ctrl-Q leaves"
    e2e_end
}
kb_walk de_DE.UTF-8
kb_walk fr_FR.UTF-8

e2e_done
