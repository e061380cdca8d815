#!/bin/bash
# Pastes change nothing by themselves. On every step of the KB walk, with the focus where an
# operator leaves it, an `ipconfig /all` block, `cluster group` text and a line holding
# every command letter of every screen are pasted, bracketed (tmux paste-buffer -p) and
# unbracketed (one burst, as a terminal without bracketed paste sends it). Afterwards no
# record changed on any server (dig), no file was written, the step is the same, and the
# server list changed only where the operator said yes to an import. Then the terminal is
# left with bracketed paste off on every way out (the bytes written are logged).
# 77 without tmux or named.
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
OUT=$LAB_DIR/paste.json
SERVERS=127.0.0.1:$INTERNET,127.0.0.1:$LOCAL

# The texts. The ipconfig block names loopback servers only: a test sends nothing off this
# machine, even when a bug took an import it should not have.
IPCONFIG=$LAB_DIR/ipconfig.txt
sed -e 's/198\.51\.100\.53/127.0.0.1/; s/198\.51\.100\.54/127.0.0.2/; s/172\.16\.8\.5$/127.0.0.3/' \
    "$top_srcdir/tests/samples/ipconfig-all-win2000.txt" >"$IPCONFIG"
GROUPS_TXT=$top_srcdir/tests/samples/cluster-group.txt
LETTERS=$LAB_DIR/letters.txt
# Every command letter of every screen, the answers of every question (y, j, o, n, s, q),
# Enter and the letters again.
printf 'Default Gateway . . . : 172.16.8.1 crafwu+-yjonsq\nay+-rcfwsq\n' >"$LETTERS"

records_unchanged() {
    local h
    for h in exsrv cluster1; do
        [ -z "$("$DIG" +short -p "$LOCAL" @127.0.0.1 "$h.fabrikam.local" A)" ] ||
            e2e_fail_noscreen "$S: $h.fabrikam.local was added to the local DNS"
    done
    ls "$OUT".*.txt >/dev/null 2>&1 && e2e_fail_noscreen "$S: a fix file was written: $(ls "$OUT".*.txt)"
    return 0
}

# paste_both FILE STEP WHAT: FILE pasted bracketed, then as a burst; after each the wizard
# is on step STEP and no question is open.
paste_both() {
    local how
    for how in e2e_paste e2e_paste_plain; do
        "$how" "$1"
        e2e_wait_idle "$S: $3 ($how)" "$DNS_WAIT"
        e2e_shows "Step $2 of 6" "$S: $3 ($how): the step stays"
        e2e_not_shows "Send these updates?" "$S: $3 ($how): A never runs from a paste"
        e2e_not_shows "Write the fix" "$S: $3 ($how): W never runs from a paste"
        e2e_not_shows "Unsaved work" "$S: $3 ($how): Ctrl-Q never runs from a paste"
        e2e_not_shows "Remove a DNS server?" "$S: $3 ($how): Del never runs from a paste"
        e2e_not_shows "Take the recommended order?" "$S: $3 ($how): R never runs from a paste"
    done
}

# ipconfig_declined STEP: the ipconfig block offered, twice; the question answered no.
ipconfig_declined() {
    local how
    for how in e2e_paste e2e_paste_plain; do
        "$how" "$IPCONFIG"
        e2e_wait "Replace what is there?" "$S: the ipconfig text ($how) asks first" || return 1
        e2e_shows "127.0.0.1" "$S: the question lists the servers read"
        e2e_paste "$LETTERS" # a paste never answers it
        e2e_shows "A paste does not answer this question" "$S: a paste answers nothing"
        e2e_keys n
        e2e_wait "Nothing was replaced" "$S: no replaces nothing ($how)" || return 1
        e2e_shows "Step $1 of 6" "$S: the step stays"
    done
}

servers_are_the_lab() {
    e2e_json_is "$OUT" '[s["address"] + ":" + str(s["port"]) for s in c["dns_servers"]]' \
        "['127.0.0.1:$INTERNET', '127.0.0.1:$LOCAL']" "$S: the server list is unchanged"
}

e2e_start paste 80x24 -- --servers "$SERVERS" --timeout 500 --output "$OUT"

e2e_begin "step 1: pastes on the symptoms"
e2e_wait "Step 1 of 6" "$S: the first screen" || e2e_abort
paste_both "$LETTERS" 1 "the command letters"
paste_both "$GROUPS_TXT" 1 "cluster group"
e2e_shows "3 cluster groups read" "$S: the groups are read for step 2"
ipconfig_declined 1 || e2e_abort
records_unchanged
e2e_end

e2e_begin "step 2: pastes on the group step"
e2e_keys F10
e2e_wait "Step 2 of 6" "$S: step 2" || e2e_abort
# The groups read on step 1 are there to choose from: the focus is on their list.
e2e_shows "> Cluster Group" "$S: the groups read on step 1"
paste_both "$LETTERS" 2 "the command letters"
ipconfig_declined 2 || e2e_abort
e2e_keys BTab
e2e_paste "$LETTERS"
e2e_wait ": 172.16.8.1 crafwu+-yjonsq ]" "$S: in a field a paste is its first line" ||
    e2e_abort
e2e_shows "1 more line was left out" "$S: and says what it left out"
e2e_keys C-u
e2e_type "Exchange Group 1"
records_unchanged
e2e_end

e2e_begin "step 3: pastes on the names"
e2e_keys F10
e2e_wait "Step 3 of 6" "$S: step 3" || e2e_abort
ipconfig_declined 3 || e2e_abort
e2e_shows_re "Zone +\[ +\]" "$S: the zone field stays empty"
e2e_walk_names_to 4 "$DNS_WAIT" || e2e_abort
records_unchanged
e2e_end

e2e_begin "step 4: pastes on the DNS order"
e2e_wait "Recommended order" "$S: a recommended order" "$DNS_WAIT" || e2e_abort
paste_both "$LETTERS" 4 "the command letters"
paste_both "$GROUPS_TXT" 4 "cluster group"
ipconfig_declined 4 || e2e_abort
e2e_shows_re "> 1 127\.0\.0\.1:$INTERNET " "$S: the order is as it was (R did not run)"
e2e_keys F2
e2e_wait "Saved to" "$S: saved" || e2e_abort
servers_are_the_lab
records_unchanged
e2e_end

e2e_begin "step 5: pastes on the host records"
e2e_keys F10
e2e_wait "Step 5 of 6" "$S: step 5" || e2e_abort
e2e_wait "Verdict: FAIL" "$S: the records are missing" "$DNS_WAIT" || e2e_abort
paste_both "$LETTERS" 5 "the command letters"
paste_both "$GROUPS_TXT" 5 "cluster group"
ipconfig_declined 5 || e2e_abort
e2e_not_shows "Sending the records" "$S: nothing was sent"
e2e_not_shows "applied by dynamic update" "$S: nothing was applied"
records_unchanged
e2e_end

e2e_begin "step 6: pastes on the checklist; an import said yes to"
e2e_keys F10
e2e_wait "Step 6 of 6" "$S: step 6" || e2e_abort
e2e_keys Tab Tab Tab Tab # the Save button: no text field
paste_both "$LETTERS" 6 "the command letters"
paste_both "$GROUPS_TXT" 6 "cluster group"
ipconfig_declined 6 || e2e_abort
e2e_keys F2
e2e_wait "Saved to" "$S: saved" || e2e_abort
servers_are_the_lab
records_unchanged
e2e_paste_plain "$IPCONFIG"
e2e_wait "Replace what is there?" "$S: the ipconfig text asks" || e2e_abort
e2e_keys y
e2e_wait "3 DNS servers read from 'ipconfig /all'" "$S: yes takes the servers" || e2e_abort
e2e_keys F2
e2e_wait "Saved to" "$S: saved" || e2e_abort
e2e_json_is "$OUT" '[s["address"] for s in c["dns_servers"]]' \
    "['127.0.0.1', '127.0.0.2', '127.0.0.3']" "$S: the list is what was accepted, in order"
records_unchanged
e2e_keys C-q
e2e_exit_wait 0 "$S: Ctrl-Q leaves"
e2e_end

# --- the names step from the cluster's own properties -------------------------------------
e2e_begin "cluster res and /priv pasted: the names step filled after a yes, nothing typed replaced"
PRIV=$top_srcdir/tests/samples/combined-res-priv-written.txt
e2e_start priv 80x24 -- --servers "" --output "$LAB_DIR/priv.json"
e2e_wait "Step 1 of 6" "$S: the first screen" || e2e_abort
e2e_keys F10
e2e_wait "Step 2 of 6" "$S: step 2" || e2e_abort
e2e_paste "$PRIV"
e2e_wait "Take what was read?" "$S: the values are offered, not taken" || e2e_abort
e2e_shows "The Exchange group is taken to be \"Exchange Group 1\"" "$S: the group is named for a yes"
e2e_shows_re "Exchange IP address +172\.16\.8\.31 +EXSRV IP Address" "$S: each value with its resource"
e2e_keys n
e2e_wait "Nothing was replaced" "$S: no takes nothing" || e2e_abort
e2e_shows_re "Exchange group +\[ +\]" "$S: the group field stays empty"
e2e_paste_plain "$PRIV"
e2e_wait "Take what was read?" "$S: offered again" || e2e_abort
e2e_keys y
e2e_wait "the Exchange group is \"Exchange Group 1\"" "$S: yes takes the group" || e2e_abort
e2e_shows "[Exchange Group 1 " "$S: in its field"
e2e_keys F10
e2e_wait "Step 3 of 6" "$S: step 3" || e2e_abort
e2e_shows "[EXSRV " "$S: the Exchange name"
e2e_shows "[172.16.8.31 " "$S: its address"
e2e_shows "[CLUSTER1 " "$S: the cluster's name"
e2e_shows "[172.16.8.30 " "$S: its address"
e2e_keys Tab Tab C-u # the Exchange IP, typed anew
e2e_type 172.16.8.99
e2e_paste "$PRIV"
e2e_wait "Replace what is there?" "$S: a paste that would replace a typed value asks" || e2e_abort
e2e_shows "replaces what is typed: 172.16.8.99" "$S: and says what it would replace"
e2e_keys n
e2e_wait "Nothing was replaced" "$S: no keeps it" || e2e_abort
e2e_shows "[172.16.8.99 " "$S: the typed address stays"
e2e_keys C-q
e2e_wait "Unsaved work" "$S: Ctrl-Q asks" || e2e_abort
e2e_keys q
e2e_exit_wait 0 "$S: Q quits"
e2e_end

# --- bracketed paste off on every way out -------------------------------------------------
# paste_mode_off_at_exit WHAT: in the bytes the wizard wrote, the last "ESC [ ? 2004 h" is
# followed by an "ESC [ ? 2004 l".
paste_mode_off_at_exit() {
    local log=$LAB_DIR/raw-$1.log
    grep -aq $'\e\[?2004h' "$log" || { e2e_fail_noscreen "$S: bracketed paste was never on"; return; }
    "$E2E_PYTHON" - "$log" <<'PY' || e2e_fail_noscreen "$S: bracketed paste is left on"
import sys
b = open(sys.argv[1], "rb").read()
sys.exit(0 if b.rfind(b"\x1b[?2004l") > b.rfind(b"\x1b[?2004h") else 1)
PY
}

leave() { # leave NAME HOW STATUS: starts the wizard, leaves it by HOW, checks the bytes
    local name=$1 how=$2 status=$3 pid
    e2e_begin "bracketed paste off after $name"
    E2E_LOG=$LAB_DIR/raw-$name.log e2e_start "x$name" 80x24 -- --servers "" \
        --output "$LAB_DIR/$name.json"
    e2e_wait "Step 1 of 6" "$S: the first screen" || { e2e_end; return; }
    pid=$(e2e_pid "$LAB_DIR/$name.json")
    case $how in
    keys) e2e_keys C-q ;;
    *) kill -"$how" "$pid" ;;
    esac
    e2e_exit_wait "$status" "$S: exits with $status and restores the terminal"
    sleep 0.2 # pipe-pane's last bytes
    paste_mode_off_at_exit "$name"
    e2e_end
}
leave ctrl-q keys 0
leave sigint INT 130
leave sigterm TERM 143
leave sighup HUP 129
leave crash ABRT 134

# A suspend gives the terminal back (bracketed paste off) and takes it again on SIGCONT.
# In the pane the wizard's process group is orphaned (no job control): the kernel does not
# stop it, so it takes the terminal back at once; in a shell it stops until fg.
e2e_begin "a suspend gives the terminal back with bracketed paste off"
LOG=$LAB_DIR/raw-tstp.log
E2E_LOG=$LOG e2e_start xtstp 80x24 -- --servers "" --output "$LAB_DIR/tstp.json"
e2e_wait "Step 1 of 6" "$S: the first screen" || e2e_abort
pid=$(e2e_pid "$LAB_DIR/tstp.json")
before=$(stat -c %s "$LOG")
kill -TSTP "$pid"
suspended() {
    tail -c +"$((before + 1))" "$LOG" | "$E2E_PYTHON" -c '
import sys
b = sys.stdin.buffer.read()
off = b.find(b"\x1b[?2004l")
sys.exit(0 if off >= 0 and b.find(b"\x1b[?2004h", off) > off else 1)'
}
e2e__poll 5 suspended || e2e_fail_noscreen "$S: SIGTSTP turns bracketed paste off, then on again"
kill -CONT "$pid"
e2e_wait "Step 1 of 6" "$S: the wizard is there after SIGCONT" || e2e_abort
e2e_keys C-q
e2e_exit_wait 0 "$S: Ctrl-Q leaves after the suspend"
e2e_end

e2e_done
