#!/bin/bash
# The wizard end to end, ended by a signal with unsaved work: SIGTERM and SIGHUP save it
# beside the target ("<output>.unsaved.json", valid, with what was typed, the field being
# edited included), leave the target alone, exit 128+signal and restore the terminal; a
# closed terminal (the tmux session killed) saves the same way; SIGINT exits 130 without
# writing anything.  No DNS server is asked (--servers ""); 77 without tmux.
set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
. "$top_srcdir/tests/dnslab/lab.sh"
. "$top_srcdir/tests/e2e/tmux.sh"

e2e_have_tmux || exit 77
e2e_init || exit 99

# gone OUT: no clusterdns names OUT any more.
gone() { [ -z "$(e2e_pid "$1")" ]; }

# unsaved_work NAME OUT: starts the wizard, marks a symptom, goes to step 2 and types a group
# without leaving the field (so only the exit can hand it to the session).
unsaved_work() {
    e2e_start "$1" 80x24 -- --servers "" --output "$2"
    e2e_wait "Step 1 of 6" "$S: the first screen" || return 1
    e2e_keys Space F10
    e2e_wait "Step 2 of 6" "$S: step 2" || return 1
    e2e_type "Exchange Group 1"
    e2e_wait "[Exchange Group 1 " "$S: the group typed" || return 1
}

# signal_saves SIG STATUS: the wizard gets SIG with unsaved work.
signal_saves() {
    local sig=$1 status=$2 out pid
    e2e_begin "SIG$sig with unsaved work"
    out=$LAB_DIR/sig$sig.json
    unsaved_work "sig$sig" "$out" || { e2e_end; return; }
    pid=$(e2e_pid "$out")
    [ -n "$pid" ] || { e2e_fail "$S: no clusterdns process names $out"; e2e_end; return; }
    kill -"$sig" "$pid"
    e2e_exit_wait "$status" "$S: exits with $status and restores the terminal"
    e2e_shows_joined "unsaved work saved to $out.unsaved.json" "$S: says where the work went"
    e2e_valid "$out.unsaved.json" "$S: the work saved beside the target"
    e2e_json_is "$out.unsaved.json" 'c["group"], c["symptoms"]["setup_hangs"]' \
        "('Exchange Group 1', True)" "$S: the symptom and the group being typed"
    e2e_json_is "$out.unsaved.json" '[s["status"] for s in c["steps"]][:2]' \
        "['done', 'pending']" "$S: step 1 done, step 2 not"
    [ ! -e "$out" ] || e2e_fail_noscreen "$S: the target $out must be left alone"
    e2e_end
}

signal_saves TERM 143
signal_saves HUP 129

e2e_begin "the terminal closed with unsaved work"
OUT=$LAB_DIR/closed.json
if unsaved_work closed "$OUT"; then
    e2e_stop # the pane's terminal goes away: SIGHUP, and the terminal reads fail
    e2e__poll 5 test -e "$OUT.unsaved.json" ||
        e2e_fail_noscreen "$S: expected $OUT.unsaved.json within 5 s"
    e2e__poll 5 gone "$OUT" ||
        e2e_fail_noscreen "$S: clusterdns should end"
    e2e_valid "$OUT.unsaved.json" "$S"
    e2e_json_is "$OUT.unsaved.json" 'c["group"]' "Exchange Group 1" "$S: the group being typed"
fi
e2e_end

e2e_begin "SIGINT with unsaved work"
OUT=$LAB_DIR/sigINT.json
if unsaved_work sigINT "$OUT"; then
    pid=$(e2e_pid "$OUT")
    if [ -z "$pid" ]; then
        e2e_fail "$S: no clusterdns process names $OUT"
    else
        kill -INT "$pid"
        e2e_exit_wait 130 "$S: exits with 130 and restores the terminal"
        [ ! -e "$OUT" ] || e2e_fail_noscreen "$S: SIGINT must not save ($OUT)"
        [ ! -e "$OUT.unsaved.json" ] ||
            e2e_fail_noscreen "$S: SIGINT must not save beside ($OUT.unsaved.json)"
        e2e_not_shows "unsaved work saved" "$S: nothing to say about a save"
    fi
fi
e2e_end

e2e_done
