#!/bin/bash
# Standard output that cannot be written. A write error there is an error (GNU's
# close_stdout): --version, --help, check, check --json, report, import and fix to /dev/full or to
# a closed descriptor exit with their failure status and say "write error" (or what could
# not be written) on stderr. `check --output F | true` keeps F: the checklist is saved
# before the report is written. `fix --apply` on a terminal whose standard output cannot be
# written sends nothing: what was not shown is not sent.
# Exit: 0 pass, 1 fail, 77 skipped (no named, no python3).
set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
. "$top_srcdir/tests/dnslab/lab.sh"
. "$top_srcdir/tests/integration/cli_assert.sh"
export NSUPDATE

PY=${PYTHON3:-python3}
lab_have_named || exit 77
command -v "$PY" >/dev/null || exit 77
[ -w /dev/full ] || { echo "SKIP: no /dev/full"; exit 77; }
lab_init
lab_named local LOCAL || exit 99
NAMES=(--zone fabrikam.local --exchange EXSRV=172.16.8.31 --cluster CLUSTER1=172.16.8.30)
CHECK=(check "${NAMES[@]}" --servers "127.0.0.1:$LOCAL" --timeout 1000)
GOLDEN=$top_srcdir/tests/golden/report-input.json

# unwritable WANT NAME ARGS...: run with stdout on /dev/full, then closed: exit WANT both
# times, and a message on stderr.
unwritable() {
  local want=$1 name=$2 rc
  shift 2
  "$CD" "$@" </dev/null >/dev/full 2>"$LAB_DIR/$name.full.err"
  rc=$?
  [ "$rc" -eq "$want" ] && ok "$name >/dev/full: exit $rc" ||
    { fail "$name >/dev/full: exit $rc, expected $want"; sed 's/^/  | /' "$LAB_DIR/$name.full.err"; }
  grep -qE "write error: No space left on device|cannot write" "$LAB_DIR/$name.full.err" ||
    fail "$name >/dev/full: no message"
  "$CD" "$@" </dev/null >&- 2>"$LAB_DIR/$name.closed.err"
  rc=$?
  [ "$rc" -eq "$want" ] && ok "$name >&-: exit $rc" ||
    { fail "$name >&-: exit $rc, expected $want"; sed 's/^/  | /' "$LAB_DIR/$name.closed.err"; }
  grep -qE "write error|cannot write" "$LAB_DIR/$name.closed.err" || fail "$name >&-: no message"
}

unwritable 2 version --version
unwritable 2 help --help
unwritable 2 check-help check --help
unwritable 2 report-help report --help
unwritable 1 fix-help fix --help
unwritable 2 check "${CHECK[@]}"
unwritable 2 check-json "${CHECK[@]}" --json
unwritable 2 report report "$GOLDEN"
unwritable 2 import-help import --help
unwritable 2 import import "$top_srcdir/tests/samples/cluster-group.txt"
run 1 kb "${CHECK[@]}" --output "$LAB_DIR/kb.json"
unwritable 1 fix-emit fix --emit nsupdate --load "$LAB_DIR/kb.json"

# --- the checklist is saved before the report: a closed pipe cannot cost it ------------
for mode in report json; do
  out_file=$LAB_DIR/pipe-$mode.json
  extra=()
  [ "$mode" = json ] && extra=(--json)
  "$CD" "${CHECK[@]}" "${extra[@]}" --output "$out_file" </dev/null 2>"$LAB_DIR/pipe.err" | true
  [ -s "$out_file" ] && ok "check --output F | true ($mode): F saved" ||
    fail "check --output F | true ($mode): F was not saved"
  [ -s "$out_file" ] && valid "$out_file" "pipe-$mode"
done

# --- fix --apply on a terminal whose standard output cannot be written ------------------
# apply_on_tty NAME STDOUT: fix --apply with a pty as standard input (the operator's
# terminal, answering y to any question) and STDOUT ("full" or "pipe", a pipe closed at
# once); prints the exit status, the question asked or not, and stderr.
apply_on_tty() {
  "$PY" - "$CD" "$2" "$LAB_DIR/$1.err" fix --apply "${NAMES[@]}" --servers "127.0.0.1:$LOCAL" \
    --timeout 1000 <<'EOF'
import os, pty, select, subprocess, sys, time
cd, how, errfile, args = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
master, slave = pty.openpty()
if how == "full":
    out = open("/dev/full", "w")
else:
    r, out = os.pipe()
    os.close(r)
err = open(errfile, "w")
p = subprocess.Popen([cd] + args, stdin=slave, stdout=out, stderr=err)
os.close(slave)
asked, deadline = False, time.time() + 20
while p.poll() is None and time.time() < deadline:
    # The question goes to stderr; the pty only carries the answer. Say yes, repeatedly.
    if open(errfile).read().find("[y/N]") >= 0 and not asked:
        asked = True
        os.write(master, b"y\n")
    time.sleep(0.05)
if p.poll() is None:
    p.kill()
print("exit=%s asked=%s" % (p.wait(), asked))
EOF
}

a_records() {
  "$DIG" @127.0.0.1 -p "$LOCAL" +time=2 +tries=1 +noall +answer fabrikam.local AXFR |
    awk '$4 == "A" { print $1, $5 }' | sort
}
before=$(a_records)
for how in full pipe; do
  result=$(apply_on_tty "apply-$how" "$how")
  case $result in
    "exit=0 "*|"exit=-"*) fail "apply-$how: $result" ;;
    *"asked=True") fail "apply-$how: asked to apply updates it could not show ($result)" ;;
    *) ok "apply-$how: $result" ;;
  esac
  has "$LAB_DIR/apply-$how.err" "nothing was sent" "apply-$how"
  [ "$(a_records)" = "$before" ] && ok "apply-$how: the zone is unchanged" ||
    fail "apply-$how: the zone changed: $(a_records | tr '\n' ' ')"
done

cli_done
