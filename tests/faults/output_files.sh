#!/bin/bash
# Where --output points, and who else can read what is saved. In a private mount namespace
# (tests/faults/mounts.sh) with a /dev of its own, so that nothing here can touch the
# machine's device nodes even while a bug is there:
#   - a FIFO and /dev/null as --output are refused, named ("named pipe", "character
#     device"), before any DNS server is asked or any update sent, and stay what they were;
#   - a link another user planted where the checklist goes (a sticky folder like /tmp) is
#     refused: the root-only file it points to is untouched;
#   - a new checklist is 0600 under umask 022 (it names operators, tickets, internal
#     addresses); one that is there keeps its mode.
# Exit: 0 pass, 1 fail, 77 skipped (no named, no mount namespace).
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
trap 'faults_umount; lab_stop' EXIT
NAMES=(--zone fabrikam.local --exchange EXSRV=172.16.8.31 --cluster CLUSTER1=172.16.8.30)
CHECK=(check "${NAMES[@]}" --servers "127.0.0.1:$LOCAL" --timeout 1000)
umask 022

a_records() {
  "$DIG" @127.0.0.1 -p "$LOCAL" +time=2 +tries=1 +noall +answer fabrikam.local AXFR |
    awk '$4 == "A" { print $1, $5 }' | sort
}
# is_type PATH TEST WHAT NAME: PATH still passes test -TEST.
is_type() { test "-$2" "$1" && ok "$4: $1 is still a $3" || fail "$4: $1 is no longer a $3"; }

# --- a FIFO -----------------------------------------------------------------------------
mkfifo "$LAB_DIR/out.fifo"
run 2 fifo "${CHECK[@]}" --output "$LAB_DIR/out.fifo"
has "$err" "cannot save $LAB_DIR/out.fifo: it is a named pipe (FIFO), not a regular file" fifo
empty "$out" fifo
is_type "$LAB_DIR/out.fifo" p FIFO fifo
before=$(a_records)
run 2 fifo-apply fix --apply --yes "${NAMES[@]}" --servers "127.0.0.1:$LOCAL" \
  --output "$LAB_DIR/out.fifo"
has "$err" "named pipe (FIFO)" fifo-apply
[ "$(a_records)" = "$before" ] && ok "fifo-apply: nothing sent" || fail "fifo-apply: updates sent"
is_type "$LAB_DIR/out.fifo" p FIFO fifo-apply

# --- /dev/null, in a /dev of this namespace's own ----------------------------------------
if mount -t tmpfs -o mode=0755 clusterdns-dev /dev 2>/dev/null; then
  FAULTS_MOUNTS+=(/dev)
  if mknod -m 666 /dev/null c 1 3 && mknod -m 666 /dev/full c 1 7; then
    run 2 devnull "${CHECK[@]}" --output /dev/null
    has "$err" "cannot save /dev/null: it is a character device, not a regular file" devnull
    is_type /dev/null c "character device" devnull
    run 2 devnull-apply fix --apply --yes "${NAMES[@]}" --servers "127.0.0.1:$LOCAL" \
      --output /dev/null
    [ "$(a_records)" = "$before" ] && ok "devnull-apply: nothing sent" ||
      fail "devnull-apply: updates sent"
    is_type /dev/null c "character device" devnull-apply
  else
    echo "skip: no mknod here (a user namespace), /dev/null not tried"
  fi
  umount -l /dev
  FAULTS_MOUNTS=("${FAULTS_MOUNTS[@]/\/dev/}")
else
  echo "skip: no tmpfs on /dev here, /dev/null not tried"
fi

# --- a link planted by another user in a sticky folder ---------------------------------
if [ "$(id -u)" -eq 0 ] && command -v runuser >/dev/null && id nobody >/dev/null 2>&1; then
  chmod 711 "$LAB_DIR"
  mkdir -m 1777 "$LAB_DIR/tmp"
  printf 'root only\n' >"$LAB_DIR/secret" && chmod 600 "$LAB_DIR/secret"
  runuser -u nobody -- ln -s "$LAB_DIR/secret" "$LAB_DIR/tmp/ticket.json" ||
    fail "planted: nobody could not plant the link"
  run 2 planted "${CHECK[@]}" --output "$LAB_DIR/tmp/ticket.json"
  has "$err" "it is a symbolic link" planted
  [ "$(cat "$LAB_DIR/secret")" = "root only" ] && ok "planted: the root-only file is untouched" ||
    fail "planted: the root-only file was overwritten"
  [ -L "$LAB_DIR/tmp/ticket.json" ] || fail "planted: the link was replaced"
else
  echo "skip: not root, or no runuser: the planted link not tried"
fi

# --- modes ----------------------------------------------------------------------------
run 1 new "${CHECK[@]}" --output "$LAB_DIR/new.json"
[ "$(stat -c %a "$LAB_DIR/new.json")" = 600 ] && ok "new: a new checklist is 0600" ||
  fail "new: a new checklist is $(stat -c %a "$LAB_DIR/new.json") under umask 022"
chmod 640 "$LAB_DIR/new.json"
run 1 again "${CHECK[@]}" --output "$LAB_DIR/new.json"
[ "$(stat -c %a "$LAB_DIR/new.json")" = 640 ] && ok "again: the mode it had is kept" ||
  fail "again: the mode became $(stat -c %a "$LAB_DIR/new.json")"

cli_done
