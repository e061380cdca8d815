#!/bin/bash
# The wizard's fix file (W on the host records step) is written as checklists are: atomically,
# mode 0600, never through a symbolic link. Another user (runuser nobody) plants a link in a
# sticky folder, like /tmp, where the fix file goes, pointing at a file only root may read:
# W refuses and names the link, and that file is untouched. Against real named servers;
# 77 without tmux or named, or when not root (no second user).
set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
. "$top_srcdir/tests/dnslab/lab.sh"
. "$top_srcdir/tests/e2e/tmux.sh"

e2e_have_tmux || exit 77
lab_have_named || exit 77
[ "$(id -u)" -eq 0 ] && command -v runuser >/dev/null && id nobody >/dev/null 2>&1 ||
    { echo "SKIP: needs root and runuser for a second user"; exit 77; }
e2e_init || exit 99
lab_named local LOCAL || exit 99

chmod 711 "$LAB_DIR"
mkdir -m 1777 "$LAB_DIR/tmp"
OUT=$LAB_DIR/tmp/ticket.json
printf 'root only\n' >"$LAB_DIR/secret" && chmod 600 "$LAB_DIR/secret"
runuser -u nobody -- ln -s "$LAB_DIR/secret" "$OUT.nsupdate.txt" || exit 99
DNS_WAIT=10

e2e_begin "to the host records step"
e2e_start fixfile 200x30 -- --servers "127.0.0.1:$LOCAL" --timeout 500 --output "$OUT"
e2e_walk_to_names && e2e_walk_names_to 5 "$DNS_WAIT" || e2e_abort
e2e_end

e2e_begin "W on a planted link"
for _ in 1 2 3 4 5 6 7; do
    e2e_screen | grep -qF "The fix as nsupdate" && break
    e2e_keys f
    sleep 0.2
done
e2e_wait "The fix as nsupdate" "$S: the nsupdate form" || e2e_abort
e2e_keys w
e2e_wait "Write the fix as nsupdate" "$S: W asks first" || e2e_abort
e2e_keys y
e2e_wait "symbolic link" "$S: W refuses the link and says so" || e2e_abort
[ "$(cat "$LAB_DIR/secret")" = "root only" ] ||
    e2e_fail_noscreen "$S: the root-only file was overwritten"
[ -L "$OUT.nsupdate.txt" ] || e2e_fail_noscreen "$S: the link was replaced"
e2e_end

e2e_begin "W where nothing is planted"
for _ in 1 2 3 4 5 6 7; do
    e2e_screen | grep -qF "The fix as netsh" && break
    e2e_keys f
    sleep 0.2
done
e2e_wait "The fix as netsh" "$S: the netsh form" || e2e_abort
e2e_keys w
e2e_wait "Write the fix as netsh" "$S: W asks first" || e2e_abort
e2e_keys y
e2e_wait "Written to $OUT.netsh.txt" "$S: W writes" || e2e_abort
[ "$(stat -c %a "$OUT.netsh.txt")" = 600 ] ||
    e2e_fail_noscreen "$S: the fix file is $(stat -c %a "$OUT.netsh.txt"), not 600"
e2e_keys C-q q
e2e_exit_wait 0 "$S: Ctrl-Q, Q leaves"
e2e_end

e2e_done
