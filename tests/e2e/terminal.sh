#!/bin/bash
# The wizard end to end, the terminal: a resize in the middle of typing loses nothing, a
# terminal below 80x24 says it is too small and the screen comes back whole; the first
# screen draws and the keys work with TERM=vt100, linux, screen and tmux-256color (each
# skipped when its terminfo entry is missing), with NO_COLOR=1 (no colour at all, the title
# in reverse video) and in the C locale (plain ASCII); every exit restores the terminal.
# No DNS server is asked (--servers ""); 77 without tmux.
set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
. "$top_srcdir/tests/dnslab/lab.sh"
. "$top_srcdir/tests/e2e/tmux.sh"

e2e_have_tmux || exit 77
e2e_init || exit 99

# --- resize while typing -------------------------------------------------------------------
e2e_begin "resize while typing"
e2e_start resize 80x24 -- --servers "" --output "$LAB_DIR/resize.json"
e2e_walk_to_names || e2e_abort
e2e_type fabrikam.local
e2e_keys Tab
e2e_type EXS
e2e_wait "[EXS " "$S: half the name typed" || e2e_abort
e2e_resize 100 30
e2e_wait_line 30 "F1/^G Help" "$S: laid out again at 100x30 (the footer on line 30)" || e2e_abort
e2e_shows "[EXS " "$S: the half name survives 100x30"
e2e_shows "[fabrikam.local " "$S: the zone survives 100x30"
e2e_resize 80 24
e2e_wait_line 24 "F1/^G Help" "$S: laid out again at 80x24" || e2e_abort
e2e_type RV
e2e_keys Tab
e2e_wait "[EXSRV " "$S: the rest of the name goes on the same field" || e2e_abort
e2e_not_shows "! Exchange network name" "$S: the whole name is valid"
e2e_resize 70 20
e2e_wait "Terminal too small" "$S: 70x20 says so" || e2e_abort
e2e_shows "80x22 needed" "$S: and says what it needs"
e2e_not_shows "F1/^G Help" "$S: no garbled screen below the minimum"
e2e_resize 80 24
e2e_wait_line 24 "F1/^G Help" "$S: the screen returns at 80x24" || e2e_abort
e2e_not_shows "Terminal too small" "$S: the message is gone"
e2e_shows "Step 3 of 6" "$S: on the same step"
e2e_shows "[EXSRV " "$S: the name is intact"
e2e_shows "[fabrikam.local " "$S: the zone is intact"
# The fields still take keys where they were: the cursor is in the next field, the IP.
e2e_type 172.16.8.31
e2e_wait "[172.16.8.31 " "$S: typing goes on in the Exchange IP field"
e2e_keys C-q
e2e_wait "Unsaved work" "$S: Ctrl-Q asks"
e2e_keys q
e2e_exit_wait 0 "$S: Q quits"
e2e_end

# --- terminal kinds --------------------------------------------------------------------
# kind NAME VAR=VALUE...: the first screen draws, F1 opens the help box (not with
# TERM=linux: tmux sends F1 as xterm does, the console's entry has another sequence), Space
# marks a symptom, Ctrl-N goes on and Ctrl-P back (F10 differs between entries too), the
# quit dialog draws, Q leaves and the terminal is restored.
kind() {
    local name=$1
    shift
    e2e_begin "$name"
    e2e_start "$name" 80x24 "$@" -- --servers "" --output "$LAB_DIR/$name.json"
    e2e_wait "Step 1 of 6: Symptoms" "$S: the first screen" || { e2e_end; return 1; }
    e2e_wait_line 24 "F1/^G Help" "$S: the footer on the last line"
    e2e_shows "[?] not checked" "$S: the symptoms in words"
    if [ "$name" != TERM=linux ]; then
        e2e_keys F1
        e2e_wait "Any other key closes this help." "$S: F1 draws the help box"
        e2e_keys x
        e2e_wait_gone "Any other key closes this help." "$S: a key closes it"
    fi
    e2e_keys Space
    e2e_wait "[x] seen" "$S: Space marks a symptom"
    e2e_keys C-n
    e2e_wait "Step 2 of 6: Exchange group" "$S: Ctrl-N goes on"
    e2e_keys C-p
    e2e_wait "Step 1 of 6" "$S: Ctrl-P goes back"
    e2e_keys C-q
    e2e_wait "Unsaved work" "$S: the quit dialog draws"
    e2e_shows "Q  Quit without saving" "$S: its text"
    e2e_keys q
    e2e_exit_wait 0 "$S: Q quits and restores the terminal"
    e2e_end
}

# colours NAME: the title has colours (white on blue) where the terminal has them.
has_colours() {
    [ -n "$(e2e_colours)" ] || e2e_fail "$S: expected colours (white on blue title)"
}
# no_colours NAME: no colour anywhere, and the title still stands out (reverse video).
no_colours() {
    local c
    c=$(e2e_colours | sort -u | tr '\n' ' ')
    [ -z "$c" ] || e2e_fail "$S: expected no colour, the screen has SGR colours $c"
    e2e_screen_sgr | head -1 | grep -qE $'\e\\[([0-9;]*;)?7[;m]' ||
        e2e_fail "$S: expected the title in reverse video without colour"
}

# kind_draw NAME CHECK VAR=VALUE...: only the first screen and its colours.
kind_draw() {
    local name=$1 check=$2
    shift 2
    e2e_begin "$name (colours)"
    e2e_start "$name-c" 80x24 "$@" -- --servers "" --output "$LAB_DIR/$name-c.json"
    if e2e_wait "Step 1 of 6: Symptoms" "$S: the first screen"; then
        e2e_wait_line 24 "F1/^G Help" "$S: the footer" && "$check"
    fi
    e2e_keys C-q
    e2e_exit_wait 0 "$S: Ctrl-Q without changes leaves at once"
    e2e_end
}

for term in vt100 linux screen tmux-256color; do
    if ! infocmp "$term" >/dev/null 2>&1; then
        echo "skip: TERM=$term (no terminfo entry; ncurses-term has it)"
        continue
    fi
    kind "TERM=$term" "TERM=$term"
done
kind "NO_COLOR=1" NO_COLOR=1
kind "LANG=C" LANG=C
kind_draw "TERM=screen" has_colours TERM=screen
kind_draw "NO_COLOR=1" no_colours NO_COLOR=1
kind_draw "NO_COLOR=1, TERM=tmux-256color" no_colours NO_COLOR=1 TERM=tmux-256color
infocmp vt100 >/dev/null 2>&1 && kind_draw "TERM=vt100" no_colours TERM=vt100

e2e_done
