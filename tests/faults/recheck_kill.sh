#!/bin/bash
# kill -9 at random moments during `clusterdns recheck --update` of a folder of checklists,
# RECHECK_KILLS times (60): every file is always whole, either as it was or with exactly one
# check more, and loads (a recheck of the folder reads every one of them). As the save test
# (save_kill.sh) does for one file, here for forty saved one after another by one process.
# The kills must land on both sides: runs cut in the middle of the folder (some files
# updated, some not) and saves cut between mkstemp() and rename() (a temporary file left).
set -u
. "$top_srcdir/tests/dnslab/lab.sh"

PY=${PYTHON3:-python3}
CD=$top_builddir/clusterdns
GEN=$top_builddir/tests/integration/gen_checklists
KILLS=${RECHECK_KILLS:-60}
FILES=40

lab_have_named || exit 77
[ -x "$GEN" ] || { echo "recheck_kill: $GEN is not built" >&2; exit 99; }
lab_init
lab_named local-full FULL || exit 99
D=$LAB_DIR/tickets
mkdir "$D"
"$GEN" "$D" "$FILES" "127.0.0.1:$FULL" --names lab || exit 99

failures=0 cut=0 temps=0 runs_done=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# checks DIR: "name count" for each checklist of DIR
checks() {
    "$PY" -c '
import json, os, sys
d = sys.argv[1]
for n in sorted(os.listdir(d)):
    if n.endswith(".json") and not n.startswith("."):
        print(n, len(json.load(open(os.path.join(d, n)))["checks"]))' "$1"
}

# How long a whole run takes here, so that the kills spread over it.
t0=$(date +%s%N)
"$CD" recheck --update "$D" >/dev/null 2>&1
span=$((($(date +%s%N) - t0) / 1000000 + 1))
echo "a run over $FILES files takes $span ms"

for ((i = 1; i <= KILLS; i++)); do
    rm -rf "$LAB_DIR/snap"
    cp -a "$D" "$LAB_DIR/snap"
    checks "$D" >"$LAB_DIR/before"
    "$CD" recheck --update "$D" >/dev/null 2>&1 &
    pid=$!
    sleep "$(awk -v r=$RANDOM -v s="$span" 'BEGIN { printf "%.3f", r % (s + 1) / 1000 }')"
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    # Whole: the same bytes as before, or one check more; never anything else.
    checks "$D" >"$LAB_DIR/after" 2>"$LAB_DIR/after.err" ||
        { fail "kill $i: a file does not read as JSON: $(cat "$LAB_DIR/after.err")"; continue; }
    updated=0 same=0
    while read -r name was && read -r name2 now <&3; do
        [ "$name" = "$name2" ] || { fail "kill $i: $name and $name2"; break; }
        if cmp -s "$D/$name" "$LAB_DIR/snap/$name"; then
            same=$((same + 1))
        elif [ "$now" -eq $((was + 1)) ]; then
            updated=$((updated + 1))
        else
            fail "kill $i: $name holds $now checks, was $was"
        fi
    done <"$LAB_DIR/before" 3<"$LAB_DIR/after"
    [ $((same + updated)) -eq "$FILES" ] || fail "kill $i: $same same + $updated updated != $FILES"
    [ "$same" -gt 0 ] && [ "$updated" -gt 0 ] && cut=$((cut + 1))
    [ "$same" -eq 0 ] && runs_done=$((runs_done + 1))
    left=$(find "$D" -name '.*.json.*' | wc -l)
    temps=$((temps + left))
    find "$D" -name '.*.json.*' -delete
    # Every file loads: a recheck of the folder reads each of them.
    "$CD" recheck --json "$D" >"$LAB_DIR/load.out" 2>"$LAB_DIR/load.err"
    rc=$?
    [ "$rc" -le 1 ] || fail "kill $i: a file does not load: $(head -3 "$LAB_DIR/load.err")"
    [ "$(grep -c '"status":"checked"' "$LAB_DIR/load.out")" -eq "$FILES" ] ||
        fail "kill $i: not every file was checked"
done

echo "$KILLS kills: $cut cut a run in the middle of the folder, $runs_done came after it" \
    "ended; $temps landed between mkstemp() and rename() (a temporary file left behind)"
[ "$cut" -gt 0 ] || fail "no kill cut a run in the middle of the folder"
[ "$temps" -gt 0 ] || fail "no kill landed inside a save"
echo "$failures failures"
[ "$failures" -eq 0 ]
