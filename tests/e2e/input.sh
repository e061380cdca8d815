#!/bin/bash
# The wizard end to end, what it does with the operator's input: a name that breaks the
# NetBIOS/DNS rules shows its error under the field as the operator leaves it, F10 stays
# on the step and the status line says why, fixing the name clears the error; and Ctrl-Q
# with unsaved work asks (another key stays, Q quits without saving, S saves and quits).
# No DNS server is asked (--servers ""), so only tmux is needed; 77 without it.
set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
. "$top_srcdir/tests/dnslab/lab.sh"
. "$top_srcdir/tests/e2e/tmux.sh"

e2e_have_tmux || exit 77
e2e_init || exit 99

# cursor_on LINE WHAT: the terminal's cursor is on screen line LINE (from 1), where the
# focused field draws it.
cursor_on() {
    local y
    y=$(e2e_tmux display-message -p -t "$E2E_PANE" '#{cursor_y}')
    [ -n "$1" ] && [ "$((y + 1))" = "$1" ] || e2e_fail "$2: the cursor is on line $((y + 1)), not ${1:-?}"
}

# --- a bad name: the error under the field, F10 blocked, the fix clears it ---------------
e2e_begin "invalid input (step 3)"
OUT=$LAB_DIR/input.json
e2e_start input 80x24 -- --servers "" --output "$OUT"
e2e_walk_to_names || e2e_abort
e2e_type fabrikam.local
e2e_keys Tab
e2e_type EX_SRV
e2e_wait "[EX_SRV " "$S: the name as typed" || e2e_abort
e2e_not_shows "! Exchange network name" "$S: no error while typing"
e2e_keys Tab
e2e_wait "! Exchange network name: contains _ at position 3" \
    "$S: Tab out of 'EX_SRV' shows the rule it breaks" || e2e_abort
field=$(e2e_line_of "Exchange network name   [EX_SRV ")
error=$(e2e_line_of "! Exchange network name")
if [ -z "$field" ] || [ "$error" != "$((field + 1))" ]; then
    e2e_fail "$S: the error should be under the field (lines '$field' and '$error')"
fi
e2e_keys F10
e2e_wait "! Exchange IP address: is required" "$S: F10 checks the field in focus, the empty IP"
e2e_shows "Step 3 of 6" "$S: F10 with a bad name stays on step 3"
e2e_not_shows "Step 4 of 6" "$S: F10 with a bad name must not go on"
e2e_shows "Exchange network name: contains _" "$S: the status line says why F10 stays"
cursor_on "$field" "$S: F10 takes the cursor to the field at fault, the name"
# Fix it: erase the name, type a good one, leave it.
for _ in 1 2 3 4 5 6; do e2e_keys BSpace; done
e2e_type EXSRV
e2e_keys Tab
e2e_wait_gone "! Exchange network name" "$S: a good name clears the error" || e2e_abort
e2e_shows "[EXSRV " "$S: the fixed name is in the field"
e2e_shows "! Exchange IP address: is required" "$S: the other field's error stays"
# 16 characters: the field takes 15 (a NetBIOS name's limit) or says the name is too long;
# it never holds a 16-character name without an error.
e2e_keys BTab
for _ in 1 2 3 4 5; do e2e_keys BSpace; done
e2e_type ABCDEFGHIJKLMNOP
e2e_keys Tab
e2e_wait "[ABCDEFGHIJKLMNO" "$S: 16 characters typed" || e2e_abort
if e2e__has "[ABCDEFGHIJKLMNOP"; then
    e2e_wait "! Exchange network name" "$S: a 16-character name must show its error"
fi
e2e_keys BTab
for _ in $(seq 16); do e2e_keys BSpace; done
e2e_type EXSRV
e2e_keys Tab
e2e_type 172.16.8.31
e2e_keys Tab
e2e_type CLUSTER1
e2e_keys Tab
e2e_type 172.16.8.31
e2e_keys Tab
e2e_wait "! Cluster IP address" "$S: the KB's rule: the cluster IP must differ from the Exchange IP"
e2e_keys F10
e2e_shows_re "^ Cluster IP address: " "$S: F10 says which field blocks"
e2e_shows "Step 3 of 6" "$S: a repeated IP blocks F10"
cursor_on "$(e2e_line_of "Cluster IP address      [")" "$S: F10 takes the cursor to the cluster IP"
e2e_keys BSpace
e2e_type 0
e2e_keys Tab
e2e_wait_gone "! " "$S: every field holds now"
e2e_keys F10
e2e_wait "Step 4 of 6" "$S: F10 goes on once every field holds"
e2e_end

# --- Ctrl-Q with unsaved work asks -------------------------------------------------------
e2e_begin "quit with unsaved work"
OUT=$LAB_DIR/quit.json
e2e_start quit 80x24 -- --servers "" --output "$OUT"
e2e_wait "Step 1 of 6" "$S: the first screen" || e2e_abort
e2e_keys Space
e2e_wait "[x] seen" "$S: a symptom marked" || e2e_abort
e2e_keys C-q
e2e_wait "Unsaved work" "$S: Ctrl-Q asks" || e2e_abort
e2e_shows "S  Save and quit" "$S: the dialog names its keys"
e2e_keys x
e2e_wait_gone "Unsaved work" "$S: another key closes the dialog" || e2e_abort
e2e_shows "Quit cancelled." "$S: and says so"
e2e_shows "Step 1 of 6" "$S: the wizard stays"
e2e_not_shows "EXIT=" "$S: the wizard must not end"
e2e_shows "[x] seen" "$S: nothing is lost"
e2e_keys C-q
e2e_wait "Unsaved work" "$S: Ctrl-Q asks again" || e2e_abort
e2e_keys q
e2e_exit_wait 0 "$S: Q quits without saving"
[ ! -e "$OUT" ] || e2e_fail_noscreen "$S: Q must not save ($OUT exists)"
[ ! -e "$OUT.unsaved.json" ] || e2e_fail_noscreen "$S: Q must not save beside ($OUT.unsaved.json)"
e2e_end

e2e_begin "quit with unsaved work, saving"
e2e_start quit2 80x24 -- --servers "" --output "$OUT"
e2e_wait "Step 1 of 6" "$S: the first screen" || e2e_abort
e2e_keys Space
e2e_wait "[x] seen" "$S: a symptom marked" || e2e_abort
e2e_keys C-q
e2e_wait "Unsaved work" "$S: Ctrl-Q asks" || e2e_abort
e2e_keys s
e2e_exit_wait 0 "$S: S saves and quits"
e2e_valid "$OUT" "$S"
e2e_json_is "$OUT" 'c["symptoms"]["setup_hangs"]' True "$S: the symptom is saved"
e2e_end

e2e_done
