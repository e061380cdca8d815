#!/bin/bash
# Saving from the command line onto a full disk and into a read-only folder (small tmpfs
# mounts of the test's own), and loading corrupt, truncated and future-version files: a
# clear error naming the file and the cause, the report still printed, the file that was
# there left as it was, no temporary file left behind, nothing written on a failed load.
set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
. "$top_srcdir/tests/faults/mounts.sh"
faults_private_mounts "$0" "$@"
. "$top_srcdir/tests/dnslab/lab.sh"
. "$top_srcdir/tests/integration/cli_assert.sh"
export NSUPDATE

lab_have_named || exit 77
lab_init
lab_named local LOCAL || exit 99
FULL=$LAB_DIR/full RO=$LAB_DIR/ro
faults_tmpfs "$FULL" 64 && faults_tmpfs "$RO" 64 || exit 99
trap 'faults_umount; lab_stop' EXIT
NAMES=(--zone fabrikam.local --exchange EXSRV=172.16.8.31 --cluster CLUSTER1=172.16.8.30)
CHECK=(check "${NAMES[@]}" --servers "127.0.0.1:$LOCAL" --timeout 1000)

# no_temp DIR NAME: no hidden temporary file of a save is left in DIR.
no_temp() {
    local left
    left=$(find "$1" -name '.*.json.*' | head -3)
    [ -z "$left" ] && ok "$2: no temporary file left" || fail "$2: left behind: $left"
}

# --- a checklist on each file system while there is room, to be kept -------------------
run 1 first-save "${CHECK[@]}" --output "$FULL/kept.json"
run 1 first-save-ro "${CHECK[@]}" --output "$RO/kept.json"
cp "$FULL/kept.json" "$LAB_DIR/kept.orig"
faults_full "$FULL" && faults_readonly "$RO" || exit 99

# --- a full disk ------------------------------------------------------------------------
run 2 full-new "${CHECK[@]}" --output "$FULL/new.json"
has "$err" "cannot save $FULL/new.json: No space left on device" full-new
has "$out" "Verdict: FAIL" full-new # the report is out before the save
[ ! -e "$FULL/new.json" ] && ok "full-new: no file made" || fail "full-new: $FULL/new.json exists"
no_temp "$FULL" full-new

run 2 full-replace "${CHECK[@]}" --output "$FULL/kept.json"
has "$err" "cannot save $FULL/kept.json: No space left on device" full-replace
cmp -s "$FULL/kept.json" "$LAB_DIR/kept.orig" && ok "full-replace: the old file is intact" ||
    fail "full-replace: the old file changed"
run 0 full-still-loads report "$FULL/kept.json"
no_temp "$FULL" full-replace

# The same check saved elsewhere: what the operator does next.
run 1 full-elsewhere "${CHECK[@]}" --output "$LAB_DIR/elsewhere.json"
valid "$LAB_DIR/elsewhere.json" full-elsewhere

# --- a read-only folder -----------------------------------------------------------------
cp "$RO/kept.json" "$LAB_DIR/kept-ro.orig"
run 2 ro-replace "${CHECK[@]}" --output "$RO/kept.json"
has "$err" "cannot save $RO/kept.json: Read-only file system" ro-replace
cmp -s "$RO/kept.json" "$LAB_DIR/kept-ro.orig" && ok "ro-replace: the old file is intact" ||
    fail "ro-replace: the old file changed"
# The worst moment: the records are sent, then the file cannot be written.
run 1 ro-apply fix --load "$RO/kept.json" --apply --yes --output "$RO/fixed.json"
has "$err" "cannot save $RO/fixed.json: Read-only file system" ro-apply
has "$err" "the updates were sent all the same" ro-apply
has "$out" "the update was applied" ro-apply
has "$out" "Verdict: PASS" ro-apply # the check after the update, printed before the save
[ "$("$DIG" +short -p "$LOCAL" @127.0.0.1 exsrv.fabrikam.local A)" = 172.16.8.31 ] &&
    ok "ro-apply: the record is on the server" || fail "ro-apply: the record was not sent"

# --- loads that fail write nothing ------------------------------------------------------
J=$LAB_DIR/elsewhere.json
head -c 300 "$J" >"$LAB_DIR/truncated.json"
sed 's/"clusterdns-checklist\/2"/"clusterdns-checklist\/9"/' "$J" >"$LAB_DIR/future.json"
printf '\x00\xff{"schema"' >"$LAB_DIR/corrupt.json"
for bad in truncated future corrupt; do
    f=$LAB_DIR/$bad.json
    cp "$f" "$f.orig"
    before=$(stat -c %Y.%i "$f")
    run 2 "load-$bad" check --load "$f" --output "$f" --servers "127.0.0.1:$LOCAL"
    has "$err" "$f" "load-$bad"
    run 2 "report-$bad" report "$f"
    run 2 "fix-$bad" fix --load "$f" --emit zone --output "$f"
    cmp -s "$f" "$f.orig" && [ "$(stat -c %Y.%i "$f")" = "$before" ] &&
        ok "load-$bad: the file was not written" || fail "load-$bad: the file was written"
done
has "$LAB_DIR/load-future.err" "was written by a newer clusterdns" load-future
has "$LAB_DIR/load-truncated.err" "the file is truncated" load-truncated
no_temp "$LAB_DIR" loads

cli_done
