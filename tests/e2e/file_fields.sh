#!/bin/bash
# The wizard's file fields (the group step's "or read it from file") go through the engine's
# reader: a FIFO with no writer, /dev/tty and a folder are refused and named at once, a
# file over 16 MiB too; the wizard never blocks on them (F1 still answers), and a regular
# file is read. 77 without tmux.
set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
. "$top_srcdir/tests/dnslab/lab.sh"
. "$top_srcdir/tests/e2e/tmux.sh"

e2e_have_tmux || exit 77
e2e_init || exit 99
mkfifo "$LAB_DIR/group.fifo"
truncate -s 17M "$LAB_DIR/huge.txt"
cp "$top_srcdir/tests/samples/cluster-group.txt" "$LAB_DIR/groups.txt"

# read_file PATH EXPECTED WHAT: types PATH in the file field (focused), Enter, and waits for
# EXPECTED; then F1 must open the help at once, and any key close it.
read_file() {
    e2e_keys C-u
    e2e_type "$1"
    e2e_keys Enter
    e2e_wait "$2" "$3" 3 || return 1
    e2e_keys F1
    e2e_wait "Ctrl-Q" "$3: F1 still answers" 2 || return 1
    e2e_keys Escape
}

e2e_begin "the group step's file field"
e2e_start files 200x30 -- --servers 127.0.0.1:9 --output "$LAB_DIR/out.json"
e2e_wait "Step 1 of 6" "$S: the first screen" || e2e_abort
e2e_keys F10
e2e_wait "Step 2 of 6" "$S: the group step" || e2e_abort
e2e_keys BTab BTab BTab # back past [Next >] and [< Back] to the file field

read_file "$LAB_DIR/group.fifo" "it is a named pipe (FIFO), not a regular file" "$S: a FIFO" ||
    e2e_abort
read_file /dev/tty "cannot read /dev/tty: it is a character device" "$S: /dev/tty" || e2e_abort
read_file "$LAB_DIR" "it is a folder, not a file" "$S: a folder" || e2e_abort
read_file "$LAB_DIR/huge.txt" "larger than 16 MiB" "$S: a file over 16 MiB" || e2e_abort
read_file "$LAB_DIR/groups.txt" "3 cluster groups read" "$S: a regular file is read" || e2e_abort
e2e_keys C-q q
e2e_exit_wait 0 "$S: Ctrl-Q, Q leaves"
e2e_end

e2e_done
