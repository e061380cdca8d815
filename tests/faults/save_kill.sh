#!/bin/bash
# kill -9 at random moments during a save, SAVE_KILLS times (200): the file is always the
# old or the new version, complete, and `clusterdns report` loads it.  The subject is
# tests/faults/save_loop, which does nothing but save (checklist_save: temporary file,
# fsync, rename) from the moment it says it is ready, so every kill lands in a save.  A
# kill between mkstemp() and rename() leaves the hidden temporary file behind; their count
# shows how many kills hit the window that matters.
set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
SAVE_LOOP=$top_builddir/tests/faults/save_loop
CD=$top_builddir/clusterdns
KILLS=${SAVE_KILLS:-200}
[ -x "$SAVE_LOOP" ] || { echo "save_kill: $SAVE_LOOP is not built" >&2; exit 99; }

dir=$(mktemp -d "${TMPDIR:-/tmp}/clusterdns-savekill.XXXXXX") || exit 99
trap 'kill -9 "${pid:-}" 2>/dev/null; rm -rf "$dir"' EXIT
f=$dir/checklist.json
failures=0 old=0 new=0 mid=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

for ((i = 1; i <= KILLS; i++)); do
    rm -f "$f.ready"
    "$SAVE_LOOP" "$f" "$top_srcdir/tests/golden/report-input.json" &
    pid=$!
    w=0
    while [ ! -e "$f.ready" ] && [ $((w += 1)) -le 1000 ] && kill -0 "$pid" 2>/dev/null; do
        sleep 0.005
    done
    [ -e "$f.ready" ] || { fail "kill $i: save_loop did not start"; wait "$pid"; continue; }
    sleep "$(printf '0.%03d' $((RANDOM % 40)))"
    kill -9 "$pid"
    wait "$pid" 2>/dev/null
    if cmp -s "$f" "$f.old"; then
        old=$((old + 1))
    elif cmp -s "$f" "$f.new"; then
        new=$((new + 1))
    else
        fail "kill $i: the file is neither the old nor the new version ($(wc -c <"$f") bytes)"
    fi
    "$CD" report "$f" >"$dir/report.out" 2>"$dir/report.err" ||
        fail "kill $i: the file does not load: $(cat "$dir/report.err")"
    left=$(find "$dir" -name '.checklist.json.*' | wc -l)
    mid=$((mid + left))
    find "$dir" -name '.checklist.json.*' -delete
done

echo "$KILLS kills: $old left the old version, $new the new one; $mid landed between" \
    "mkstemp() and rename() (a temporary file left behind)"
# Kills that never met a save would prove nothing.
[ "$old" -gt 0 ] && [ "$new" -gt 0 ] || fail "the kills did not land on both versions"
[ "$mid" -ge $((KILLS / 10)) ] || fail "only $mid kills landed inside a save's window"
echo "$failures failures"
[ "$failures" -eq 0 ]
