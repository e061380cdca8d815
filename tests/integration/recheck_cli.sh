#!/bin/bash
# `clusterdns recheck` end to end: the real binary against real named servers on loopback.
#   - a folder of checklists: some pass, some fail, one truncated, one of a future version,
#     a version 1 file (migrated), a FIFO named on the command line: every file reported,
#     in the table and as one JSON line each (valid against doc/recheck.schema.json); exit 0
#     when all hold, 1 when one does not, 2 when one cannot be read; nothing on stderr but
#     the errors, and a progress line only when stderr is a terminal;
#   - --update adds one check to each readable file, as `check --load F --output F` does,
#     and leaves the others byte for byte;
#   - what changed: the records deleted from the local DNS (nsupdate) turn missing and the
#     verdict flips; a server that answered stops answering;
#   - 1000 files under ulimit -n 256, and 200 files with a server each of their own under
#     ulimit -n 64 (servers asked in waves): every file judged, nothing "not asked".
set -u
. "$top_srcdir/tests/dnslab/lab.sh"
. "$top_srcdir/tests/integration/cli_assert.sh"

PY=${PYTHON3:-python3}
GEN=$top_builddir/tests/integration/gen_checklists
RSCHEMA=$top_srcdir/doc/recheck.schema.json

lab_have_named || exit 77
[ -x "$GEN" ] || { echo "recheck_cli: $GEN is not built" >&2; exit 99; }
lab_init
lab_named local-full FULL || exit 99
lab_named internet INTERNET || exit 99
lab_silent SILENT || exit 99

NAMES=(--zone fabrikam.local --exchange EXSRV=172.16.8.31 --cluster CLUSTER1=172.16.8.30)
D=$LAB_DIR/tickets
mkdir "$D"

# jq-like checks of the JSON lines: lines FILE PYTHON-EXPR, with L the list of objects.
lines() {
    "$PY" -c "import json,sys; L=[json.loads(l) for l in open(sys.argv[1])]; print($2)" "$1"
}
lines_are() { local v; v=$(lines "$1" "$2") || v="(unreadable)"; [ "$v" = "$3" ] || fail "$4: $2 is '$v', expected '$3'"; }
# every line of FILE valid against doc/recheck.schema.json
lines_valid() {
    "$PY" - "$RSCHEMA" "$1" <<'EOF' || fail "$2: a line does not validate"
import json, sys
try:
    from jsonschema import Draft202012Validator
except ImportError:
    sys.exit(0)
v = Draft202012Validator(json.load(open(sys.argv[1])))
bad = 0
for n, line in enumerate(open(sys.argv[2]), 1):
    for e in v.iter_errors(json.loads(line)):
        print(f"line {n}: {e.message}"); bad += 1
sys.exit(1 if bad else 0)
EOF
}
checks() { "$PY" -c "import json,sys; print(len(json.load(open(sys.argv[1]))['checks']))" "$1"; }

# --- the tickets ----------------------------------------------------------------------------
run 0 make-pass check "${NAMES[@]}" --servers "127.0.0.1:$FULL,127.0.0.1:$INTERNET" --output "$D/a-pass.json"
run 1 make-fail check "${NAMES[@]}" --servers "127.0.0.1:$INTERNET,127.0.0.1:$FULL" --output "$D/b-fail.json"
run 0 make-silent check "${NAMES[@]}" --timeout 300 \
    --servers "127.0.0.1:$FULL,127.0.0.1:$SILENT" --output "$D/c-silent.json"
cat >"$D/d-v1.json" <<EOF
{"schema": "clusterdns-checklist/1", "kb": "Q263029", "created": "2026-11-25T14:02:11Z",
 "updated": "2026-11-25T14:41:37Z", "ticket": "INC-V1", "steps": [],
 "zone": "fabrikam.local", "exchange": {"name": "EXSRV", "ip": "172.16.8.31"},
 "cluster": {"name": "CLUSTER1", "ip": "172.16.8.30"},
 "dns_servers": [{"address": "127.0.0.1", "port": $FULL, "position": 1}]}
EOF
printf '{"schema": "clusterdns-checklist/9", "kb": "Q263029"}\n' >"$D/e-future.json"
printf '{"schema": "clusterdns-checklist/2", "kb": ' >"$D/f-truncated.json"
printf 'not a checklist\n' >"$D/notes.txt"
mkfifo "$LAB_DIR/fifo.json"
mkdir "$LAB_DIR/orig"
cp -p "$D"/*.json "$LAB_DIR/orig/"

# --- bad usage ------------------------------------------------------------------------------
run 2 no-files recheck
has "$err" "FILE" no-files
run 2 bad-timeout recheck --timeout 0 "$D"
has "$err" "timeout" bad-timeout
run 2 bad-option recheck --frobnicate "$D"
run 0 help recheck --help
has "$out" "--update" help
mkdir "$LAB_DIR/empty"
run 2 empty-folder recheck "$LAB_DIR/empty"
has "$err" "no checklist" empty-folder

# --- exit status: all hold, one fails, one unreadable ----------------------------------------
run 0 all-pass recheck --timeout 300 "$D/a-pass.json" "$D/c-silent.json" "$D/d-v1.json"
empty "$err" all-pass
has "$out" "3 checklists: 3 PASS, 0 FAIL" all-pass
run 1 one-fails recheck "$D/a-pass.json" "$D/b-fail.json"
empty "$err" one-fails
run 2 folder recheck --timeout 300 "$D" "$LAB_DIR/fifo.json"
for f in a-pass b-fail c-silent d-v1 e-future f-truncated; do has "$out" "$D/$f.json" folder; done
hasnt "$out" notes.txt folder
has "$out" "$LAB_DIR/fifo.json" folder
has "$out" "7 checklists: 3 PASS, 1 FAIL, 0 INCOMPLETE, 3 not checked." folder
has "$err" "e-future.json" folder
has "$err" "newer clusterdns" folder
has "$err" "f-truncated.json" folder
has "$err" "not a regular file" folder
[ "$(wc -l <"$err")" -eq 3 ] || fail "folder: stderr holds more than the three errors: $(cat "$err")"

# --- JSON: a line a file, in order, valid -----------------------------------------------------
run 2 json recheck --json --timeout 300 "$D"
lines_valid "$out" json
lines_are "$out" 'len(L)' 6 json
lines_are "$out" '[o["file"].rsplit("/", 1)[1] for o in L]' \
    "['a-pass.json', 'b-fail.json', 'c-silent.json', 'd-v1.json', 'e-future.json', 'f-truncated.json']" json
lines_are "$out" '[o.get("verdict") for o in L]' "['pass', 'fail', 'pass', 'pass', None, None]" json
lines_are "$out" '[o["status"] for o in L][4:]' "['unreadable', 'unreadable']" json
lines_are "$out" '[o["first_check"] for o in L[:4]]' "[False, False, False, True]" json
lines_are "$out" 'L[3]["ticket"]' INC-V1 json
lines_are "$out" '[o["changes"] for o in L[:4]]' "[[], [], [], []]" json

# --- progress: on a terminal only ---------------------------------------------------------------
script -qec "'$CD' recheck --timeout 300 '$D/a-pass.json' '$D/c-silent.json' >'$LAB_DIR/tty.out'" \
    "$LAB_DIR/tty.log" >/dev/null 2>&1
has "$LAB_DIR/tty.log" "checklists checked" progress-on-a-terminal
has "$LAB_DIR/tty.out" "2 checklists: 2 PASS" progress-on-a-terminal
hasnt "$LAB_DIR/tty.out" "checked," progress-on-a-terminal

# --- --update: one check more, as check --load --output adds it; the rest untouched ----------
cp "$D/b-fail.json" "$LAB_DIR/b-by-check.json"
run 1 check-load check --load "$LAB_DIR/b-by-check.json" --output "$LAB_DIR/b-by-check.json"
run 2 update recheck --update --timeout 300 "$D"
for f in a-pass b-fail c-silent; do
    [ "$(checks "$D/$f.json")" = 2 ] || fail "update: $f.json holds $(checks "$D/$f.json") checks, expected 2"
    valid "$D/$f.json" update
done
[ "$(checks "$D/d-v1.json")" = 1 ] || fail "update: d-v1.json holds $(checks "$D/d-v1.json") checks, expected 1"
has "$D/d-v1.json" '"clusterdns-checklist/2"' update
for f in e-future f-truncated; do
    cmp -s "$D/$f.json" "$LAB_DIR/orig/$f.json" || fail "update: $f.json was written"
done
"$PY" - "$D/b-fail.json" "$LAB_DIR/b-by-check.json" <<'EOF' || fail "update: recheck --update and check --load --output differ"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:])
def facts(c):
    k = c["checks"][-1]
    return (len(c["checks"]), k["verdict"], [s["role"] for s in k["servers"]],
            [(r["server"], r["type"], r["status"]) for r in k["records"]],
            [s["status"] for s in c["steps"]], [(x["kind"], x["status"]) for x in c["actions"]],
            c["dns_servers"] == c["dns_servers"] and [s["port"] for s in c["dns_servers"]])
fa, fb = facts(a), facts(b)
if fa != fb:
    print("recheck:", fa); print("check:  ", fb); sys.exit(1)
EOF
run 1 updated-json recheck --json --update "$D/b-fail.json"
lines_are "$out" 'L[0]["updated"]' True updated-json
# who rechecks, and for which ticket: on the new check, and the file's from now on
run 2 operator-without-update recheck --operator "J. Martin" "$D/b-fail.json"
has "$err" "--update" operator-without-update
run 2 operator-bad recheck --update --operator "$(printf 'J.\tMartin')" "$D/b-fail.json"
has "$err" "--operator" operator-bad
run 1 operator recheck --update --operator "J. Martin" --ticket CHG-9 "$D/b-fail.json"
"$PY" - "$D/b-fail.json" <<'EOF' || fail "operator: the new check is not J. Martin's for CHG-9"
import json, sys
c = json.load(open(sys.argv[1]))
k = c["checks"]
assert (k[-1]["operator"], k[-1]["ticket"]) == ("J. Martin", "CHG-9"), k[-1]
assert (k[-2]["operator"], k[-2]["ticket"]) != ("J. Martin", "CHG-9"), k[-2]
assert (c["operator"], c["ticket"]) == ("J. Martin", "CHG-9")
EOF

# --- what changed: records deleted, a server gone silent --------------------------------------
lab_nsupdate "$FULL" <<EOF || fail "nsupdate"
zone fabrikam.local
update delete exsrv.fabrikam.local. A
send
EOF
run 1 record-gone recheck --json "$D/a-pass.json"
lines_valid "$out" record-gone
lines_are "$out" '(L[0]["verdict"], L[0]["verdict_before"])' "('fail', 'pass')" record-gone
lines_are "$out" '[(c["change"], c.get("type"), c.get("name"), c.get("before"), c.get("after")) for c in L[0]["changes"]]' \
    "[('verdict', None, None, 'pass', 'fail'), ('record', 'A', 'exsrv.fabrikam.local', 'ok', 'missing')]" record-gone
run 1 record-gone-table recheck "$D/a-pass.json"
has "$out" "exsrv.fabrikam.local A on 127.0.0.1:$FULL: missing, was ok" record-gone-table
has "$out" "was PASS" record-gone-table
# the last check said both servers answered; one of them is silent now
mkdir "$LAB_DIR/gone"
"$GEN" "$LAB_DIR/gone" 1 "127.0.0.1:$FULL,127.0.0.1:$SILENT" --names lab || fail "gen_checklists"
run 1 server-gone recheck --json --timeout 300 "$LAB_DIR/gone"
lines_are "$out" '[(c["change"], c.get("server")) for c in L[0]["changes"] if c["change"].startswith("server")]' \
    "[('server_silent', '127.0.0.1:$SILENT')]" server-gone

# --- a thousand files, 256 descriptors ----------------------------------------------------------
mkdir "$LAB_DIR/many"
"$GEN" "$LAB_DIR/many" 1000 "127.0.0.1:$FULL,127.0.0.1:$INTERNET" || fail "gen_checklists"
(ulimit -n 256 && "$CD" recheck --json "$LAB_DIR/many" >"$LAB_DIR/many.out" 2>"$LAB_DIR/many.err")
rc=$?
[ "$rc" = 1 ] || fail "many: exit $rc, expected 1: $(head -5 "$LAB_DIR/many.err")"
empty "$LAB_DIR/many.err" many
lines_are "$LAB_DIR/many.out" '(len(L), len({o["file"] for o in L}))' "(1000, 1000)" many
# EXnnnnn is nowhere; the PTRs name EXSRV and CLUSTER1: missing and wrong, never unanswered
lines_are "$LAB_DIR/many.out" \
    'sorted({(c.get("type"), c.get("after")) for o in L for c in o["changes"] if c["change"] == "record"})' \
    "[('A', 'missing'), ('PTR', 'wrong')]" many

# --- a server each, 64 descriptors: servers asked in waves --------------------------------------
# 200 files, each with the local DNS and a port of its own that nothing listens on.
mkdir "$LAB_DIR/waves"
for ((i = 0; i < 200; i++)); do
    lab_closed_port p || fail "closed port"
    mkdir "$LAB_DIR/waves/$i" &&
        "$GEN" "$LAB_DIR/waves/$i" 1 "127.0.0.1:$FULL,127.0.0.1:$p" --names lab --before none &&
        mv "$LAB_DIR/waves/$i/ticket-00001.json" "$LAB_DIR/waves/t$i.json" &&
        rmdir "$LAB_DIR/waves/$i" || fail "waves: file $i"
done
(ulimit -n 64 && "$CD" recheck --json "$LAB_DIR/waves" >"$LAB_DIR/waves.out" 2>"$LAB_DIR/waves.err")
rc=$?
[ "$rc" = 1 ] || fail "waves: exit $rc, expected 1 (exsrv deleted above): $(head -5 "$LAB_DIR/waves.err")"
empty "$LAB_DIR/waves.err" waves
lines_are "$LAB_DIR/waves.out" '(len(L), sorted({o["status"] for o in L}))' "(200, ['checked'])" waves
run 1 waves-update recheck --update "$LAB_DIR/waves/t7.json"
"$PY" - "$LAB_DIR/waves/t7.json" <<'EOF' || fail "waves: the closed port is not 'connrefused'"
import json, sys
k = json.load(open(sys.argv[1]))["checks"][-1]
assert [s["zone_reply"] for s in k["servers"]] == ["answer", "connrefused"], k["servers"]
EOF

cli_done
