# A small driver for the wizard's end-to-end tests: the real binary in a private tmux
# server, keys sent with send-keys, the screen read with capture-pane.  Source it from bash
# after tests/dnslab/lab.sh:
#
#     . "$top_srcdir/tests/dnslab/lab.sh"
#     . "$top_srcdir/tests/e2e/tmux.sh"
#     e2e_have_tmux || exit 77            # tmux and the built program
#     lab_have_named || exit 77           # only when the test asks real DNS servers
#     e2e_init || exit 99                 # lab_init; the tmux server dies with the lab
#     e2e_start walk 80x24 LANG=C.UTF-8 -- --servers ... --output "$LAB_DIR/walk.json"
#     e2e_wait "Step 1 of 6" "step 1: the symptoms screen" || e2e_abort
#     e2e_keys Space Tab                  # tmux key names
#     e2e_type "fabrikam.local"           # literal text
#     e2e_shows "this KB applies" "step 1: all symptoms seen"
#     e2e_keys C-q
#     e2e_exit_wait 0 "Ctrl-Q leaves"     # EXIT=0 and the terminal restored
#     e2e_done                            # "N failures", status 0 or 1
#
# The program runs as  bash -c 'clusterdns ARGS; echo EXIT=$?; <terminal modes>; sleep'  so
# the pane keeps the exit status and the terminal's modes ("TTY: icrnl opost isig icanon
# echo", a "-" before any that is off) once the wizard ends.  Every wait polls the screen
# every 50 ms up to a deadline (E2E_WAIT seconds unless given, times E2E_SCALE for slow
# builds); a failed wait or assertion prints the step, what was expected and the screen.
#
# E2E_WRAPPER runs the program under another one, e.g. valgrind (tests/e2e/valgrind.sh):
# shell words put before the program's path, read by sh (quote as on a command line), with
# LAB_DIR in their environment.  A wrapper that writes a log writes it to
# LAB_DIR/wrapper.*.log (valgrind: --log-file=%q{LAB_DIR}/wrapper.%p.log); when the exit
# status is not the one expected, e2e_exit_wait shows those logs.  e2e_pid finds no
# wrapped program.
#
# Two runs never collide: the tmux socket, the output files and the lab live in LAB_DIR.

: "${TMUX_PROGRAM:=$(command -v tmux || echo tmux)}"
: "${E2E_WAIT:=5}"  # seconds a wait may take before it fails
: "${E2E_SCALE:=1}" # multiplies every deadline (sanitizer builds, valgrind, loaded machines)
: "${E2E_WRAPPER:=}" # words before the program (valgrind ...), empty: the program alone
: "${E2E_CD:=$top_builddir/clusterdns}"
: "${E2E_TTYQ:=$top_builddir/tests/e2e/ttyq}"
E2E_SCHEMA=$top_srcdir/doc/checklist.schema.json
E2E_VALIDATE=$top_srcdir/tests/validate-checklist.py
E2E_PYTHON=${PYTHON3:-python3}
E2E_FAILURES=0
E2E_PANE=  # the running session's pane ("walk:0.0"), empty when none
E2E_SOCK=

# --- results ---------------------------------------------------------------------------

# e2e_begin NAME ... e2e_end: a part of a test, named in S for the messages; e2e_end says
# "ok: NAME" when nothing in it failed.
e2e_begin() {
    S=$1
    E2E_SECTION_START=$E2E_FAILURES
}
e2e_end() {
    local n=$((E2E_FAILURES - ${E2E_SECTION_START:-0}))
    if [ "$n" -eq 0 ]; then echo "ok: $S"; else echo "not ok: $S ($n failures)"; fi
}

# e2e_fail MESSAGE: counts a failure and prints it with the screen, when a pane runs.
e2e_fail() {
    E2E_FAILURES=$((E2E_FAILURES + 1))
    echo "FAIL: $*"
    if [ -n "$E2E_PANE" ]; then
        echo "  screen ($E2E_PANE, $(e2e_tmux display-message -p -t "$E2E_PANE" \
            '#{pane_width}x#{pane_height}' 2>/dev/null)):"
        e2e_screen | sed 's/^/  |/'
    fi
    return 1
}

# e2e_fail_noscreen MESSAGE: a failure about something else than the screen (a saved file).
e2e_fail_noscreen() {
    E2E_FAILURES=$((E2E_FAILURES + 1))
    echo "FAIL: $*"
    return 1
}

# e2e_done: the end of a script: prints the count, status 0 when nothing failed, else 1.
e2e_done() {
    echo "$E2E_FAILURES failures"
    [ "$E2E_FAILURES" -eq 0 ]
}

# e2e_abort: ends the script at a failure that the next steps depend on (their waits would
# only time out one after the other).  The EXIT trap stops tmux and the lab.
e2e_abort() {
    echo "stopping here: what follows depends on this step"
    e2e_done
    exit 1
}

# --- set-up ----------------------------------------------------------------------------

# True when tmux and the program are there (else the caller skips with 77).
e2e_have_tmux() {
    command -v "$TMUX_PROGRAM" >/dev/null 2>&1 ||
        { echo "e2e: tmux not found, skipping" >&2; return 1; }
    [ -x "$E2E_CD" ] || { echo "e2e: $E2E_CD is not built, skipping" >&2; return 1; }
}

# e2e_tmux ARGS...: the private server; -f: its configuration (written by e2e_init), -u:
# it draws UTF-8 whatever its own locale.  SHELL=/bin/sh: the pane's command is read by sh
# whatever shell the person running the tests uses.
e2e_tmux() {
    SHELL=/bin/sh "$TMUX_PROGRAM" -f "$LAB_DIR/tmux.conf" -u -S "$E2E_SOCK" "$@"
}

# e2e_cleanup: kills the private tmux server (its programs get SIGHUP), then stops the lab
# (which removes LAB_DIR).  Runs on EXIT, INT, TERM and HUP; safe to call twice.
e2e_cleanup() {
    if [ -n "$E2E_SOCK" ] && [ -S "$E2E_SOCK" ]; then
        e2e_tmux kill-server 2>/dev/null
    fi
    E2E_SOCK='' E2E_PANE=''
    lab_stop
}

# e2e_init: a lab folder (LAB_DIR) with the tmux socket in it, and the traps.
e2e_init() {
    lab_init || return 1
    E2E_SOCK=$LAB_DIR/tmux.sock
    if [ "${#E2E_SOCK}" -gt 100 ]; then # sun_path holds 108 bytes
        echo "e2e: $E2E_SOCK is too long for a socket; use a shorter TMPDIR" >&2
        return 1
    fi
    # No status line: the pane is the whole window.  No history: capture-pane shows the
    # screen only.  The server stays up between sessions: one that is shutting down after
    # its last session was killed would refuse the next new-session.
    cat >"$LAB_DIR/tmux.conf" <<'EOF'
set -g default-shell /bin/sh
set -g status off
set -g history-limit 0
set -g remain-on-exit off
set -s exit-empty off
EOF
    trap e2e_cleanup EXIT
    trap 'e2e_cleanup; exit 130' INT
    trap 'e2e_cleanup; exit 143' TERM
    trap 'e2e_cleanup; exit 129' HUP
    unset TMUX TMUX_PANE
}

e2e_now_ms() {
    local ns
    ns=$(date +%s%N)
    echo $((ns / 1000000))
}

# --- the program in a pane ---------------------------------------------------------------

# What runs after the program, in the pane's bash: its exit status and the terminal's modes
# stay on the screen, on lines of their own (without an alternate screen, endwin leaves the
# cursor on the footer's line).  One line: tmux hands the command to /bin/sh.
E2E_AFTER='s=$?; echo; echo "EXIT=$s"; stty -a | tr " ;" "\n\n" |'
E2E_AFTER+=' grep -xE -- "-?(icanon|echo|isig|icrnl|opost)" | tr "\n" " " | sed "s/^/TTY: /";'
E2E_AFTER+=' echo; exec sleep 600'

# e2e_start NAME COLSxROWS [VAR=VALUE...] -- [ARGS...]: a new tmux session NAME of that size
# running clusterdns ARGS in the environment given (LANG is C.UTF-8 and TERM is screen
# unless given), under E2E_WRAPPER if set, its output logged to E2E_LOG if set.  The
# previous session, if any, ends first.
e2e_start() {
    local name=$1 size=$2 cols rows cmd a
    shift 2
    cols=${size%x*} rows=${size#*x}
    cmd="exec env -u TMUX -u TMUX_PANE -u LANGUAGE LC_ALL= LANG=C.UTF-8 TERM=screen"
    while [ $# -gt 0 ] && [ "$1" != -- ]; do
        cmd+=" $(printf '%q' "$1")"
        shift
    done
    [ "${1:-}" = -- ] && shift
    if [ -n "$E2E_WRAPPER" ]; then cmd+=" LAB_DIR=$(printf '%q' "$LAB_DIR")"; fi
    # E2E_LOG: every byte the program writes is logged there (tmux pipe-pane), from its
    # first: the pane waits for the log to be attached before it starts the program.
    local hold=
    if [ -n "${E2E_LOG:-}" ]; then
        hold="until [ -e $(printf '%q' "$E2E_LOG.go") ]; do sleep 0.01; done; "
    fi
    cmd+=" bash --norc --noprofile -c $(printf '%q' "$hold\"\$@\"; $E2E_AFTER") clusterdns"
    if [ -n "$E2E_WRAPPER" ]; then cmd+=" $E2E_WRAPPER"; fi
    cmd+=" $(printf '%q' "$E2E_CD")"
    for a in "$@"; do cmd+=" $(printf '%q' "$a")"; done
    e2e_stop
    if ! e2e_tmux new-session -d -s "$name" -x "$cols" -y "$rows" "$cmd"; then
        e2e_fail "$name: tmux new-session failed"
        return 1
    fi
    E2E_PANE=$name:0.0
    E2E_TTY=$(e2e_tmux display-message -p -t "$E2E_PANE" '#{pane_tty}')
    if [ -n "${E2E_LOG:-}" ]; then
        e2e_tmux pipe-pane -t "$E2E_PANE" -o "cat >>$(printf '%q' "$E2E_LOG")" &&
            touch "$E2E_LOG.go"
    fi
    # Without a client, the window keeps the size given; resize-window changes it.
    e2e_tmux resize-window -t "$name" -x "$cols" -y "$rows" >/dev/null 2>&1
    # A pane in a mode (tmux shows a configuration error in view mode) takes the keys.
    if [ "$(e2e_tmux display-message -p -t "$E2E_PANE" '#{pane_in_mode}')" != 0 ]; then
        e2e_fail "$name: the tmux pane is in $(e2e_tmux display-message -p -t "$E2E_PANE" \
            '#{pane_mode}'), keys would not reach the program"
        return 1
    fi
}

# e2e_stop: ends the current session; its programs get SIGHUP as from a closed terminal.
e2e_stop() {
    if [ -n "$E2E_PANE" ]; then
        e2e_tmux kill-session -t "${E2E_PANE%%:*}" 2>/dev/null
        E2E_PANE=
    fi
}

# e2e_screen: the pane's text now.  e2e_screen_sgr: the same with its attributes as SGR
# escape sequences (capture-pane -e).
e2e_screen() {
    e2e_tmux capture-pane -p -t "$E2E_PANE" 2>/dev/null
}
e2e_screen_sgr() {
    e2e_tmux capture-pane -p -e -t "$E2E_PANE" 2>/dev/null
}

# The wizard takes several characters read at once as a paste, as it should: keys are
# sent one at a time, each once the program has read the one before (ttyq watches the
# terminal's input queue; without it, a short pause), and typed text ends with a pause
# longer than the wizard's paste window (input.h: 50 ms), so what follows is a key again.
# After Escape, a pause longer than the escape delay (25 ms): else Esc and the next key
# read as one escape sequence.
e2e__consumed() {
    # A round trip first: the tmux server has then written what it was sent to the terminal.
    e2e_tmux display-message -p -t "$E2E_PANE" '' >/dev/null 2>&1
    if [ -x "$E2E_TTYQ" ] && [ -n "${E2E_TTY:-}" ]; then
        "$E2E_TTYQ" "$E2E_TTY" "$(awk -v k="$E2E_SCALE" 'BEGIN { printf "%d", 5000 * k }')" \
            2>/dev/null && return 0
    fi
    sleep "$(awk -v k="$E2E_SCALE" 'BEGIN { print 0.02 * k }')"
}
e2e__gap() {
    sleep "$(awk -v k="$E2E_SCALE" 'BEGIN { print 0.08 * k }')"
}

# e2e_keys KEY...: tmux key names (Tab, BTab, Enter, Space, Escape, F2, F10, C-q, Down...),
# one at a time.
e2e_keys() {
    local k
    for k in "$@"; do
        e2e_tmux send-keys -t "$E2E_PANE" "$k" || return 1
        e2e__consumed
        case $k in Escape|Esc|C-\[) e2e__gap ;; esac
    done
}

# e2e_type TEXT: TEXT as typed, literally (three characters or more arrive as a paste, as
# a fast typist's or a paste's would).
e2e_type() {
    e2e_tmux send-keys -t "$E2E_PANE" -l -- "$1" || return 1
    e2e__consumed
    e2e__gap
}

# e2e_burst TEXT: TEXT in one write, as a terminal without bracketed paste sends a paste
# (new lines as carriage returns); then the paste window passes.
e2e_burst() {
    e2e_tmux send-keys -t "$E2E_PANE" -l -- "$(printf '%s' "$1" | tr '\n' '\r')" || return 1
    e2e__consumed
    e2e__gap
}

# e2e_fill_names: on step 3, types the KB scenario's zone, names and IPs, a field each.
e2e_fill_names() {
    local v first=1
    for v in fabrikam.local EXSRV 172.16.8.31 CLUSTER1 172.16.8.30; do
        [ "$first" ] || e2e_keys Tab
        first=
        e2e_type "$v"
    done
}

# e2e_walk_to_names: from the first screen to the names step the usual way (F10; the group
# "Exchange Group 1", F10).  e2e_walk_names_to 4|5 [SECONDS]: from the names step,
# e2e_fill_names and F10 to step 4 until its check ends, then for 5 F10 to the host records
# until a verdict shows.  Each returns 1 at the first wait that fails (it says which).
e2e_walk_to_names() {
    e2e_wait "Step 1 of 6" "$S: the first screen" || return 1
    e2e_keys F10
    e2e_wait "Step 2 of 6" "$S: F10 on step 1" || return 1
    e2e_type "Exchange Group 1"
    e2e_keys F10
    e2e_wait "Step 3 of 6" "$S: F10 with a group" || return 1
}

e2e_walk_names_to() {
    local wait=${2:-$E2E_WAIT}
    e2e_fill_names
    e2e_keys F10
    e2e_wait "Step 4 of 6" "$S: F10 with the names" || return 1
    e2e_wait_idle "$S: the check of step 4 ends" "$wait" || return 1
    [ "$1" -le 4 ] && return 0
    e2e_keys F10
    e2e_wait "Step 5 of 6" "$S: F10 on step 4" || return 1
    e2e_wait "Verdict:" "$S: the verdict on step 5" "$wait"
}

# e2e_apply_confirm [TITLE]: on the host records step with records missing, A and yes to
# its question (TITLE: the question's title in the language of the test): the fix is sent
# by dynamic update.  e2e_take_recommended [TITLE]: on the DNS order step once the check
# ended, R and yes: the recommended order is taken.  e2e_quit_unsaved [TITLE]: Ctrl-Q and
# "quit without saving".  Each returns 1 at the first wait that fails.
e2e_apply_confirm() {
    e2e_keys a
    e2e_wait "${1:-Send these updates?}" "$S: A asks before sending" || return 1
    e2e_keys y
}
e2e_take_recommended() {
    e2e_keys r
    e2e_wait "${1:-Take the recommended order?}" "$S: R asks first" || return 1
    e2e_keys y
}
e2e_quit_unsaved() {
    e2e_keys C-q
    e2e_wait "${1:-Unsaved work}" "$S: Ctrl-Q asks" || return 1
    e2e_keys q
}

# e2e_next_to TEXT WHAT [SECONDS]: F10 until the screen shows TEXT (the next step): F10 is
# refused, and says so, while a check still waits for answers (a re-check after an apply
# may start as the last one ends); each refusal waits for the DNS work to end and tries
# again, five times at most.
e2e_next_to() {
    local i
    for i in 1 2 3 4 5; do
        e2e_keys F10
        e2e__poll 2 e2e__has "$1" && return 0
        e2e__poll "${3:-$E2E_WAIT}" e2e__idle
    done
    e2e_fail "$2: expected '$1' on the screen after F10"
}

# e2e_paste FILE: FILE through a tmux buffer, as a terminal's paste arrives (new lines as
# carriage returns), bracketed when the program asked for it (tmux paste-buffer -p).
# e2e_paste_plain FILE: the same without the brackets.
e2e_paste() {
    e2e_tmux load-buffer -b e2e-paste "$1" &&
        e2e_tmux paste-buffer -p -d -b e2e-paste -t "$E2E_PANE" || return 1
    e2e__consumed
    e2e__gap
}
e2e_paste_plain() {
    e2e_tmux load-buffer -b e2e-paste "$1" &&
        e2e_tmux paste-buffer -d -b e2e-paste -t "$E2E_PANE" || return 1
    e2e__consumed
    e2e__gap
}

# e2e_resize COLS ROWS: the terminal changes size (the program gets SIGWINCH).
e2e_resize() {
    e2e_tmux resize-window -t "${E2E_PANE%%:*}" -x "$1" -y "$2"
}

# e2e__poll SECONDS COMMAND...: runs COMMAND every 50 ms until it succeeds (0) or the
# deadline passes (1).
e2e__poll() {
    local secs=$1 end
    shift
    end=$(awk -v s="$secs" -v k="$E2E_SCALE" 'BEGIN { printf "%d", s * k * 1000 }')
    end=$(($(e2e_now_ms) + end))
    while :; do
        "$@" && return 0
        [ "$(e2e_now_ms)" -ge "$end" ] && return 1
        sleep 0.05
    done
}

e2e__has() { e2e_screen | grep -qF -- "$1"; }
e2e__lacks() { ! e2e_screen | grep -qF -- "$1"; }
e2e__has_re() { e2e_screen | grep -qE -- "$1"; }
e2e__line_has() { e2e_screen | sed -n "${1}p" | grep -qF -- "$2"; }
# Not busy: no DNS spinner ("| DNS") in the title line's last 11 columns, where app.c draws
# it (the title itself stops short of them).
e2e__idle() {
    local w
    w=$(e2e_tmux display-message -p -t "$E2E_PANE" '#{pane_width}') || return 1
    ! e2e_screen | head -1 | cut -c"$((w - 10))-$((w - 9))" | grep -qE -- '^[-|/\\] $'
}

# e2e_wait TEXT WHAT [SECONDS]: waits until the screen shows TEXT.
e2e_wait() {
    e2e__poll "${3:-$E2E_WAIT}" e2e__has "$1" && return 0
    e2e_fail "$2: expected '$1' on the screen within ${3:-$E2E_WAIT} s"
}

# e2e_wait_re REGEX WHAT [SECONDS]: waits until a screen line matches the extended REGEX.
e2e_wait_re() {
    e2e__poll "${3:-$E2E_WAIT}" e2e__has_re "$1" && return 0
    e2e_fail "$2: expected a line matching /$1/ within ${3:-$E2E_WAIT} s"
}

# e2e_wait_count N REGEX WHAT [SECONDS]: waits until exactly N screen lines match REGEX.
e2e__count_is() { [ "$(e2e_screen | grep -cE -- "$2")" -eq "$1" ]; }
e2e_wait_count() {
    e2e__poll "${4:-$E2E_WAIT}" e2e__count_is "$1" "$2" && return 0
    e2e_fail "$3: expected $1 lines matching /$2/ within ${4:-$E2E_WAIT} s"
}

# e2e_wait_gone TEXT WHAT [SECONDS]: waits until the screen no longer shows TEXT.
e2e_wait_gone() {
    e2e__poll "${3:-$E2E_WAIT}" e2e__lacks "$1" && return 0
    e2e_fail "$2: expected '$1' to leave the screen within ${3:-$E2E_WAIT} s"
}

# e2e_wait_line N TEXT WHAT [SECONDS]: waits until screen line N (from 1) shows TEXT; after
# a resize, the footer on the new last line says the program drew the new size.
e2e_wait_line() {
    e2e__poll "${4:-$E2E_WAIT}" e2e__line_has "$1" "$2" && return 0
    e2e_fail "$3: expected '$2' on line $1 within ${4:-$E2E_WAIT} s"
}

# e2e_wait_idle WHAT [SECONDS]: waits until no DNS lookup or check is running (the title's
# spinner is gone).
e2e_wait_idle() {
    e2e__poll "${2:-$E2E_WAIT}" e2e__idle && return 0
    e2e_fail "$1: the DNS work (spinner in the title) should end within ${2:-$E2E_WAIT} s"
}

# e2e_shows TEXT WHAT / e2e_not_shows TEXT WHAT / e2e_shows_re REGEX WHAT: the screen now.
e2e_shows() {
    e2e__has "$1" && return 0
    e2e_fail "$2: expected '$1' on the screen"
}
e2e_not_shows() {
    e2e__lacks "$1" && return 0
    e2e_fail "$2: '$1' should not be on the screen"
}
e2e_shows_re() {
    e2e__has_re "$1" && return 0
    e2e_fail "$2: expected a line matching /$1/ on the screen"
}

# e2e_shows_joined TEXT WHAT: the screen shows TEXT, lines the terminal wrapped joined again
# (for what a shell prints after the wizard, such as a long path).
e2e_shows_joined() {
    e2e_tmux capture-pane -p -J -t "$E2E_PANE" 2>/dev/null | grep -qF -- "$1" && return 0
    e2e_fail "$2: expected '$1' on the screen"
}

# e2e_line_shows N TEXT WHAT: screen line N (from 1) shows TEXT now.
e2e_line_shows() {
    e2e__line_has "$1" "$2" && return 0
    e2e_fail "$3: expected '$2' on line $1"
}

# e2e_line_of TEXT: the number of the first screen line showing TEXT, or nothing.
e2e_line_of() {
    e2e_screen | grep -nF -- "$1" | head -1 | cut -d: -f1
}

# e2e_colours: the SGR colour parameters on the screen (foreground, background, 256 and
# direct colours; 39 and 49, the defaults, are not colours), one per line.
e2e_colours() {
    e2e_screen_sgr | grep -oE $'\e\\[[0-9;]*m' | sed -E 's/^.\[//; s/m$//' | tr ';' '\n' |
        grep -xE '3[0-8]|4[0-8]|9[0-7]|10[0-7]'
}

# e2e_exit_wait STATUS WHAT: waits for the wizard to end, checks that it left the terminal
# as it found it (what endwin() restores: canonical input, echo, signals, CR to NL on
# input, output processing) and its exit status.
e2e_exit_wait() {
    local want=$1 what=$2 text got tty m
    e2e__poll "$E2E_WAIT" e2e__has_re 'TTY: .*(echo|isig|icrnl|opost)' ||
        { e2e_fail "$what: the wizard should end (no exit status and terminal modes shown)"
          return 1; }
    # Joined: a terminal left raw prints them where the cursor was, wrapped.
    text=$(e2e_tmux capture-pane -p -J -t "$E2E_PANE" 2>/dev/null)
    got=$(printf '%s\n' "$text" | grep -oE 'EXIT=[0-9]+' | tail -1)
    tty=$(printf '%s\n' "$text" | grep -oE 'TTY: .*' | tail -1)
    for m in icanon echo isig icrnl opost; do
        case " $tty " in
        *" $m "*) ;;
        *) e2e_fail "$what: the terminal is not restored: '$m' is off or missing ($tty)"
            return 1 ;;
        esac
    done
    [ "$got" = "EXIT=$want" ] ||
        { e2e_fail "$what: expected the exit status $want, got ${got:-none}"
          e2e_wrapper_logs
          return 1; }
}

# e2e_wrapper_logs: prints the wrapper's logs (LAB_DIR/wrapper.*.log), the first 150 lines
# of each (valgrind: the errors, each with its stack) and its summary lines.
e2e_wrapper_logs() {
    local f
    [ -n "$E2E_WRAPPER" ] || return 0
    for f in "$LAB_DIR"/wrapper.*.log; do
        [ -f "$f" ] || continue
        echo "  $(basename "$f"):"
        if [ "$(wc -l <"$f")" -le 150 ]; then
            sed 's/^/  :/' "$f"
        else
            sed -n '1,150s/^/  :/p' "$f"
            echo "  : ... ($(wc -l <"$f") lines; the summaries:)"
            grep -E 'SUMMARY|definitely lost|indirectly lost|possibly lost|still reachable' \
                "$f" | sed 's/^/  :/'
        fi
    done
}

# e2e_pid OUTPUT: the pid of the clusterdns whose command line names OUTPUT (anchored on the
# program's path: the bash around it names OUTPUT too).
e2e_pid() {
    pgrep -f "^$E2E_CD .*$1" | head -1
}

# --- translations ----------------------------------------------------------------------

# e2e_tr MSGID [ARGS...]: the translation of MSGID in the compiled catalogue E2E_MO, with
# printf-style ARGS put in by Python's % (an ARG that is not a number is translated too);
# status 1 and a message when MSGID has no translation there.
e2e_tr() {
    "$E2E_PYTHON" - "$E2E_MO" "$@" <<'PY'
import gettext, sys
t = gettext.GNUTranslations(open(sys.argv[1], "rb"))
s = t.gettext(sys.argv[2])
if s == sys.argv[2]:
    sys.exit("not translated: %r" % sys.argv[2])
args = [int(a) if a.isdigit() else t.gettext(a) for a in sys.argv[3:]]
print(s % tuple(args) if args else s)
PY
}

# e2e_expect VAR MSGID [ARGS...]: VAR = e2e_tr MSGID ARGS, or a failure when untranslated
# (so a test fails on an English text where a translation belongs).
e2e_expect() {
    local var=$1 text
    shift
    if ! text=$(e2e_tr "$@" 2>&1); then
        e2e_fail_noscreen "$S: ${E2E_MO##*/}: $text"
        text="<$1 untranslated>"
    fi
    printf -v "$var" '%s' "$text"
}

# --- the saved checklist ---------------------------------------------------------------

# e2e_valid FILE WHAT: FILE exists and follows doc/checklist.schema.json.
e2e_valid() {
    local out rc
    [ -f "$1" ] || { e2e_fail_noscreen "$2: $1 was not written"; return 1; }
    out=$("$E2E_PYTHON" "$E2E_VALIDATE" "$E2E_SCHEMA" "$1" 2>&1)
    rc=$?
    [ "$rc" -eq 0 ] && return 0
    if [ "$rc" -eq 77 ]; then
        echo "note: $out (schema check skipped)"
        return 0
    fi
    e2e_fail_noscreen "$2: $1 does not follow the schema: $out"
}

# e2e_json FILE EXPR: prints the Python expression EXPR on the checklist c.
e2e_json() {
    "$E2E_PYTHON" -c 'import json, sys
c = json.load(open(sys.argv[1]))
print(eval(sys.argv[2]))' "$1" "$2" 2>&1
}

# e2e_json_is FILE EXPR EXPECTED WHAT
e2e_json_is() {
    local v
    v=$(e2e_json "$1" "$2")
    [ "$v" = "$3" ] && return 0
    e2e_fail_noscreen "$4: in $(basename "$1"), $2 is '$v', expected '$3'"
}
