#!/bin/bash
# README command (1), `sh scripts/demo.sh`, run as a newcomer runs it: in a fresh clone of
# this commit with nothing built, in a clean environment (no variable points at this tree
# or a build of it). scripts/test.sh runs it before anything else is built, so on a fresh
# machine it also proves that command (1) installs what it needs.
#
#   tests/newcomer.sh notty   without a terminal: the story plays to PASS, exit 0
#   tests/newcomer.sh tty     in a terminal (tmux), in German: the wizard opens on the demo
#                             and the KB walk applies the fix to PASS; leaving stops the demo
#
# Each prints "ok: ..." or "FAIL: ..." lines and ends with "N failures"; status 0 or 1.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
mode=${1:-notty}
work=$(mktemp -d "${TMPDIR:-/tmp}/clusterdns-newcomer.XXXXXX") || exit 99
failures=0
fail() { failures=$((failures + 1)); echo "FAIL: $*"; }

# A fresh clone of the commit (what is committed, not the working tree) and the environment
# a newcomer's root shell has: PATH, HOME, a locale; nothing else of ours.
git clone -q "$top" "$work/clone" || { echo "newcomer: git clone $top failed"; exit 99; }
[ ! -e "$work/clone/_build" ] || fail "the clone has a build already"
mkdir "$work/tmp"
clean_env=(env -i "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
           "HOME=${HOME:-/root}" "TMPDIR=$work/tmp")

# The demo's servers are gone: no lab folder left in TMPDIR, no process naming one.
demo_stopped() {
    local left
    left=$(find "$work/tmp" -maxdepth 1 -name 'clusterdns-lab.*' 2>/dev/null)
    [ -z "$left" ] || fail "$1: the demo left $left behind"
    if pgrep -f -- "$work/tmp/clusterdns-lab" >/dev/null; then
        fail "$1: processes of the demo still run: $(pgrep -af -- "$work/tmp/clusterdns-lab")"
        pkill -f -- "$work/tmp/clusterdns-lab"
    fi
}

case $mode in
notty)
    log=$work/demo.log
    (cd "$work/clone" && "${clean_env[@]}" LANG=C.UTF-8 sh scripts/demo.sh </dev/null >"$log" 2>&1)
    rc=$?
    if [ "$rc" -ne 0 ]; then
        fail "sh scripts/demo.sh without a terminal exits $rc, expected 0; its output ends:"
        tail -n 40 "$log" | sed 's/^/  |/'
    else
        echo "ok: sh scripts/demo.sh without a terminal builds and exits 0"
    fi
    # The story: FAIL first (the Internet DNS first, the records missing), PASS at the end.
    grep -q 'Verdict: FAIL' "$log" || fail "the story does not show the KB's failure first"
    [ "$(grep -o 'Verdict: [A-Z]*' "$log" | tail -n 1)" = "Verdict: PASS" ] ||
        fail "the story does not end in PASS: $(grep -o 'Verdict: [A-Z]*' "$log" | tr '\n' ' ')"
    [ -f "$work/clone/_build/demo-checklist.json" ] || fail "no checklist saved by the story"
    demo_stopped "without a terminal"
    ;;
tty)
    export top_srcdir=$top top_builddir=$work/clone/_build
    . "$top/tests/dnslab/lab.sh"
    . "$top/tests/e2e/tmux.sh"
    command -v "$TMUX_PROGRAM" >/dev/null || { echo "FAIL: tmux is not installed"; exit 1; }
    e2e_init || exit 99
    trap 'e2e_cleanup; rm -rf "$work"' EXIT
    E2E_CD=$(command -v env)
    DNS_WAIT=10
    E2E_MO=$work/clone/_build/share/locale/de/LC_MESSAGES/clusterdns.mo

    e2e_begin "sh scripts/demo.sh in a terminal, in German, opens the wizard on the demo"
    # The build takes a while: wait for the briefing up to 10 minutes (a fresh machine).
    e2e_start newcomer 100x30 -- "${clean_env[@]}" LANG=de_DE.UTF-8 TERM=xterm \
        sh -c "cd $(printf '%q' "$work/clone") && exec sh scripts/demo.sh"
    e2e_wait "Press Enter to open the wizard." "$S: the briefing" 600 || e2e_abort
    [ -f "$E2E_MO" ] || { e2e_fail "$S: the build made no German catalogue ($E2E_MO)"; e2e_abort; }
    e2e_expect STEP1 "clusterdns - KB Q263029 - Step %d of %d: %s" 1 6 Symptoms
    e2e_keys Enter
    e2e_wait "$STEP1" "$S: the wizard opens in German" || e2e_abort
    e2e_end

    e2e_begin "the KB walk on the demo, in German, to PASS"
    e2e_expect FAIL_TEXT "Verdict: FAIL: the node does not get the right host records."
    e2e_expect PASS_TEXT "Verdict: PASS: the node resolves both names to the right addresses."
    e2e_expect AUTH "authoritative"
    e2e_expect STEP5 "clusterdns - KB Q263029 - Step %d of %d: %s" 5 6 "Host records"
    e2e_expect ASK_ORDER "Take the recommended order?"
    e2e_expect ASK_SEND "Send these updates?"
    e2e_expect ASK_QUIT "Unsaved work"
    e2e_keys F10
    e2e_type "Exchange Group 1"
    e2e_keys F10
    e2e_fill_names
    e2e_keys F10
    e2e_wait "$AUTH" "$S: the local DNS answers for the zone" "$DNS_WAIT" || e2e_abort
    e2e_wait_idle "$S: the check ends" "$DNS_WAIT"
    e2e_take_recommended "$ASK_ORDER" || e2e_abort
    e2e_wait_idle "$S: checked again in the recommended order" "$DNS_WAIT"
    e2e_keys F10
    e2e_wait "$STEP5" "$S: step 5" || e2e_abort
    e2e_wait "$FAIL_TEXT" "$S: the records are missing" "$DNS_WAIT" || e2e_abort
    e2e_apply_confirm "$ASK_SEND" || e2e_abort
    e2e_wait "$PASS_TEXT" "$S: the fix applied, every record ok" "$DNS_WAIT" || e2e_abort
    e2e_end

    e2e_begin "leaving the wizard stops the demo"
    e2e_quit_unsaved "$ASK_QUIT"
    e2e_wait "EXIT=0" "$S: the demo ends" "$DNS_WAIT" || e2e_abort
    demo_stopped "in a terminal"
    e2e_end
    failures=$E2E_FAILURES
    ;;
*)
    echo "usage: tests/newcomer.sh notty|tty" >&2
    exit 2
    ;;
esac
[ "$mode" = tty ] || rm -rf "$work"
echo "$failures failures"
[ "$failures" -eq 0 ]
