#!/bin/bash
# The wizard saving onto a full disk and into a read-only folder (tmpfs mounts of the
# test's own): F2 says why the save failed and keeps every answer; "Save to" on the last
# step takes another path (Ctrl-U clears the field) and F2 saves there, with all that was
# typed before the failures.  The file already in the read-only folder stays as it was.
# A truncated, future-version or corrupt file to resume stops the wizard before it starts,
# with the file and the cause named, and is not written.
set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
. "$top_srcdir/tests/faults/mounts.sh"
faults_private_mounts "$0" "$@"
. "$top_srcdir/tests/dnslab/lab.sh"
. "$top_srcdir/tests/e2e/tmux.sh"

e2e_have_tmux || exit 77
lab_have_named || exit 77
e2e_init || exit 99
trap 'faults_umount; e2e_cleanup' EXIT
lab_named local LOCAL || exit 99
FULL=$LAB_DIR/full RO=$LAB_DIR/ro ELSEWHERE=$LAB_DIR/elsewhere.json
faults_tmpfs "$FULL" 64 && faults_tmpfs "$RO" 64 || exit 99
echo '{"kept": "this file is not a checklist and must not change"}' >"$RO/w.json"
cp "$RO/w.json" "$LAB_DIR/ro-w.orig"
faults_full "$FULL" && faults_readonly "$RO" || exit 99
DNS_WAIT=10

e2e_begin "a full disk: F2 says why, nothing is lost"
e2e_start nospace 120x30 -- --servers "127.0.0.1:$LOCAL" --timeout 500 --output "$FULL/w.json"
e2e_wait "Step 1 of 6" "$S: the first screen" || e2e_abort
e2e_keys F10
e2e_wait "Step 2 of 6" "$S: step 2" || e2e_abort
e2e_type "Exchange Group 1"
e2e_keys F2
e2e_wait "No space left on device" "$S: F2 on a full disk says why" || e2e_abort
e2e_shows "Not saved: cannot save $FULL/w.json" "$S: the message names the file"
e2e_shows "Exchange Group 1" "$S: the group is still there"
[ -z "$(find "$FULL" -name '.w.json.*')" ] || e2e_fail_noscreen "$S: a temporary file was left"
[ ! -e "$FULL/w.json" ] || e2e_fail_noscreen "$S: a file was made on the full disk"
e2e_end

e2e_begin "on to the last step"
e2e_keys F10
e2e_wait "Step 3 of 6" "$S: step 3" || e2e_abort
e2e_walk_names_to 5 "$DNS_WAIT" || e2e_abort
e2e_keys F10
e2e_wait "Step 6 of 6" "$S: step 6" || e2e_abort
e2e_shows "Not saved: cannot save $FULL/w.json" "$S: the last step says the save failed, and why"
e2e_shows_re "6 Checklist +\[pending\]" "$S: a failed save finishes nothing"
e2e_end

e2e_begin "a read-only folder, then elsewhere"
e2e_type "Jane Operator"
e2e_keys Tab Tab Tab C-u
e2e_type "$RO/w.json"
e2e_keys F2
e2e_wait "Read-only file system" "$S: F2 in a read-only folder says why" || e2e_abort
cmp -s "$RO/w.json" "$LAB_DIR/ro-w.orig" || e2e_fail_noscreen "$S: the file there changed"
e2e_keys C-u
e2e_type "$ELSEWHERE"
e2e_keys F2
e2e_wait "Saved to $ELSEWHERE" "$S: saved elsewhere" || e2e_abort
e2e_valid "$ELSEWHERE" "$S"
e2e_json_is "$ELSEWHERE" 'c["group"], c["operator"], c["exchange"]["name"]' \
    "('Exchange Group 1', 'Jane Operator', 'EXSRV')" "$S: everything typed is in the file"
e2e_keys C-q
e2e_exit_wait 0 "$S: Ctrl-Q leaves, all saved"
e2e_end

e2e_begin "resuming a truncated, a future-version and a corrupt file"
head -c 300 "$ELSEWHERE" >"$LAB_DIR/truncated.json"
sed 's/"clusterdns-checklist\/2"/"clusterdns-checklist\/9"/' "$ELSEWHERE" >"$LAB_DIR/future.json"
printf '\x00\xff{"schema"' >"$LAB_DIR/corrupt.json"
for bad in truncated:"the file is truncated" future:"was written by a newer clusterdns" \
    corrupt:"malformed JSON"; do
    f=$LAB_DIR/${bad%%:*}.json
    cp "$f" "$f.orig"
    e2e_start "resume-${bad%%:*}" 120x30 -- --load "$f" --output "$f"
    e2e_exit_wait 2 "$S: ${bad%%:*}: the wizard does not start"
    e2e_shows_joined "clusterdns: $f: " "$S: ${bad%%:*}: the message names the file"
    e2e_shows_joined "${bad#*:}" "$S: ${bad%%:*}: and says what is wrong"
    cmp -s "$f" "$f.orig" || e2e_fail_noscreen "$S: ${bad%%:*}: the file was written"
done
e2e_end

e2e_done
