#!/bin/bash
# The wizard among hostile and broken DNS servers: a named whose names carry terminal
# escape sequences (tests/dnslab/zones.sh, "hostile"), an oversized and a truncated reply
# with nothing over TCP, garbage, and the local DNS last.  Every byte the wizard writes to
# the terminal is logged (tmux pipe-pane): the hostile names' sequences never reach it; the
# SOA's name is shown escaped, as evidence.
# The servers step says what each bad server did, the records step gives the verdict, the
# saved checklist holds printable text only.  77 without tmux or named.
set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
. "$top_srcdir/tests/dnslab/lab.sh"
. "$top_srcdir/tests/e2e/tmux.sh"

e2e_have_tmux || exit 77
lab_have_named || exit 77
e2e_init || exit 99
lab_named hostile HOSTILE && lab_oversized OVERSIZED && lab_truncated TRUNCATED &&
    lab_garbage GARBAGE && lab_named local LOCAL || exit 99

OUT=$LAB_DIR/hostile.json
RAW=$LAB_DIR/terminal.raw
DNS_WAIT=10
SERVERS="127.0.0.1:$HOSTILE,127.0.0.1:$OVERSIZED,127.0.0.1:$TRUNCATED,127.0.0.1:$GARBAGE"
SERVERS+=",127.0.0.1:$LOCAL"

e2e_begin "to the servers step, every byte logged"
e2e_start hostile 100x30 -- --servers "$SERVERS" --timeout 500 --output "$OUT"
e2e_tmux pipe-pane -t "$E2E_PANE" -o "cat >>'$RAW'"
e2e_walk_to_names && e2e_walk_names_to 4 "$DNS_WAIT" || e2e_abort
e2e_shows "authoritative" "$S: the local DNS answers"
# server_shows PORT TEXT WHAT: the screen line of the server on PORT shows TEXT.
server_shows() {
    local n
    n=$(e2e_line_of "127.0.0.1:$1 ")
    [ -n "$n" ] && e2e_line_shows "$n" "$2" "$3" || e2e_fail "$3: no line for 127.0.0.1:$1"
}
server_shows "$HOSTILE" "unreadable" "$S: the hostile server's reply is unreadable"
server_shows "$GARBAGE" "unreadable" "$S: the garbage is unreadable"
server_shows "$OVERSIZED" "no TCP" "$S: the oversized reply, TCP refused"
server_shows "$TRUNCATED" "no TCP" "$S: the truncated reply, TCP closed"
e2e_not_shows "pwned" "$S: no hostile name on the screen"
e2e_end

e2e_begin "the records step and the saved checklist"
e2e_keys F10
e2e_wait "Verdict: FAIL" "$S: the verdict on step 5" "$DNS_WAIT" || e2e_abort
# The evidence, escaped: the SOA's primary server, as the hostile zone spells it.
e2e_shows_joined 'primary server ns1\027]0\;pwned\007.fabrikam.local: that is' \
    "$S: the hostile SOA name shown escaped"
e2e_keys F2
e2e_wait "Saved to $OUT" "$S: F2 saves" || e2e_abort
e2e_valid "$OUT" "$S"
if LC_ALL=C tr -d '\n\t' <"$OUT" | LC_ALL=C grep -q '[[:cntrl:]]'; then
    e2e_fail_noscreen "$S: a control character in the saved checklist"
fi
e2e_keys C-q
e2e_exit_wait 0 "$S: Ctrl-Q leaves, all saved"
e2e_end

e2e_begin "the raw terminal output"
LC_ALL=C grep -aq "Verdict: FAIL" "$RAW" || e2e_fail_noscreen "$S: pipe-pane did not log the screens"
# The OSC title sequence (ESC ] 0 ; pwned BEL), and the NUL and DEL of the hostile names.
LC_ALL=C grep -aqP '\x1b\]0;pwned|pwned\x07' "$RAW" &&
    e2e_fail_noscreen "$S: a hostile name reached the terminal"
LC_ALL=C grep -aqP '\x00|\x7f' "$RAW" && e2e_fail_noscreen "$S: NUL or DEL reached the terminal"
e2e_end

e2e_done
