#!/bin/bash
# `clusterdns report`: the summary of a saved checklist, for a ticket. No DNS needed.
#   - plain text and Markdown equal the golden files byte for byte (LC_ALL=C), for a journal
#     (tests/golden/report-journal.json: the KB walk, two operators) and for a version 1
#     checklist (report-input.json, migrated as it is read);
#   - text from the file is shown, never obeyed: a hostile group name, record and notes
#     stay inside their cell in Markdown and are escaped in both modes; an escape sequence
#     never reaches the terminal (the loader refuses it, and a file name is escaped);
#   - a checklist that cannot be read exits 2 with a message naming the field, and
#     nothing on standard output; --help exits 0.
# Exit: 0 pass, 1 fail, 77 skipped (no python3).
# Environment: top_srcdir, top_builddir (absolute; set by make check), PYTHON3.
set -u

here=$(cd "$(dirname "$0")" && pwd)
top_srcdir=${top_srcdir:-$(cd "$here/../.." && pwd)}
top_builddir=${top_builddir:-$(pwd)}
PY=${PYTHON3:-python3}
GOLDEN="$top_srcdir/tests/golden"
INPUT="$GOLDEN/report-input.json"
JOURNAL="$GOLDEN/report-journal.json"

command -v "$PY" >/dev/null 2>&1 || { echo "SKIP: python3 not found"; exit 77; }
T=$(mktemp -d "${TMPDIR:-/tmp}/report-test.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
CLI_DIR=$T
. "$top_srcdir/tests/integration/cli_assert.sh"
[ -x "$CD" ] || { echo "FAIL: $CD is not built"; exit 1; }

# A failed load: exit 2, a message on stderr holding $3, nothing on stdout.
refused() {
  local name=$1 file=$2 text=$3
  run 2 "$name" report "$file"
  has "$err" "$text" "$name"
  has "$err" "clusterdns report: " "$name"
  empty "$out" "$name"
  run 2 "$name-md" report --markdown "$file"
  empty "$out" "$name-md"
}
# variant NAME PYTHON-STATEMENTS: the golden input changed by the statements (on c), saved
# as $T/NAME.json, with its path in $v.
variant() {
  v="$T/$1.json"
  "$PY" - "$INPUT" "$v" "$2" <<'EOF' || fail "variant $1: could not be written"
import json, sys
c = json.load(open(sys.argv[1], encoding="utf-8"))
exec(sys.argv[3])
with open(sys.argv[2], "w", encoding="utf-8") as f:
    json.dump(c, f, indent=2, ensure_ascii=False)
EOF
}

# --- the golden files: byte for byte, in the C locale ------------------------------------
rc=0
"$PY" "$top_srcdir/tests/validate-checklist.py" "$top_srcdir/doc/checklist.schema.json" \
  "$JOURNAL" || rc=$?
case $rc in
  0) ok "the golden journal is a valid checklist" ;;
  77) echo "skip: python3-jsonschema missing, the golden journal is not validated" ;;
  *) fail "the golden journal breaks doc/checklist.schema.json" ;;
esac
export LC_ALL=C
run 0 golden-plain report "$INPUT"
cmp -s "$out" "$GOLDEN/report.txt" || { fail "plain text differs from tests/golden/report.txt"; diff -u "$GOLDEN/report.txt" "$out" | head -40; }
empty "$err" golden-plain
run 0 golden-markdown report --markdown "$INPUT"
cmp -s "$out" "$GOLDEN/report.md" || { fail "Markdown differs from tests/golden/report.md"; diff -u "$GOLDEN/report.md" "$out" | head -40; }
run 0 golden-markdown-short report -m "$INPUT"
cmp -s "$out" "$GOLDEN/report.md" || fail "-m differs from --markdown"
run 0 option-after-file report "$INPUT" --markdown
cmp -s "$out" "$GOLDEN/report.md" || fail "FILE --markdown differs from --markdown FILE"
run 0 golden-journal-plain report "$JOURNAL"
cmp -s "$out" "$GOLDEN/report-journal.txt" || { fail "plain text differs from tests/golden/report-journal.txt"; diff -u "$GOLDEN/report-journal.txt" "$out" | head -40; }
run 0 golden-journal-markdown report -m "$JOURNAL"
cmp -s "$out" "$GOLDEN/report-journal.md" || { fail "Markdown differs from tests/golden/report-journal.md"; diff -u "$GOLDEN/report-journal.md" "$out" | head -40; }
# What the ticket needs is there (so the golden files cannot drift into saying less).
for text in "INC-4711" "J. Martin" "2026-11-25T14:02:11Z" "2026-11-25T14:41:37Z" \
  "Exchange Group" "exsrv.fabrikam.local" "172.16.8.30" "not checked" \
  "1  198.51.100.53  Local Area Connection" "holds 172.16.8.99" "no reply (timeout)" \
  "Verdict: FAIL" "did not answer (timeout)" "record added by the tool" "correct the record" \
  "change the DNS server order" "4  DNS server order  failed" "CAB change 2211"; do
  has "$GOLDEN/report.txt" "$text" golden-content
done
# The journal's report says what was found, what was done (who, when), how it stands and
# what is left: the issue's lab walk.
for text in "What was found" "The node's DNS server order as found (2026-11-25T12:02:10Z, J. Martin (INC-4711))" \
  "1  198.51.100.53  Local Area Connection" "Verdict: FAIL" \
  "an Internet provider's DNS listed before the local DNS" \
  "What was done" "J. Martin (INC-4711)  DNS server order planned" \
  "A. Dupont (INC-4711)  record added outside the tool  172.16.8.5" \
  "(not there in check 2, there in check 3)" \
  "How it stands now" "Verdict: PASS" "What is left to do" \
  "change the DNS server order  the node" "until the operator confirms it was changed there" \
  "Took part            J. Martin (INC-4711), A. Dupont (INC-4711)"; do
  has "$GOLDEN/report-journal.txt" "$text" golden-journal-content
done
hasnt "$GOLDEN/report.txt" "$(printf '\t')" golden-content

# --- hostile text: shown, never obeyed ---------------------------------------------------
HOSTILE='# Ops | `rm -rf /` **bold** [x](http://e.example) <img src=x onerror=alert(1)> _u_ ~~s~~ &amp; \ \u202egnp.exe'
variant hostile "
g = r'''$HOSTILE'''.replace('\\\\u202e', '\u202e')
c['group'] = g
c['operator'] = g[:120]
c['dns_servers'][0]['source'] = '1.2.3.4|x|\`y\`'
c['records'][2]['observed'] = ['a|b']
c['records'][2]['outcome'] = 'answer'
c['steps'][0]['notes'] = '# heading\n> quote\n1. item\n    code\n|a|b|\n\u202etxt'
"
run 0 hostile-plain report "$v"
has "$out" '# Ops | `rm -rf /` **bold** [x](http://e.example) <img src=x onerror=alert(1)>' hostile-plain
has "$out" '\u202egnp.exe' hostile-plain
has "$out" '1.2.3.4|x|`y`' hostile-plain
grep -q "$(printf '\342\200\256')" "$out" && fail "hostile-plain: a raw U+202E reached the output"
run 0 hostile-markdown report --markdown "$v"
has "$out" '\# Ops \| \`rm -rf /\` \*\*bold\*\* \[x\](http://e.example) \<img src=x onerror=alert(1)\> \_u\_ \~\~s\~\~ \&amp; \\ \u202egnp.exe' hostile-markdown
has "$out" '| 1.2.3.4\|x\|\`y\`' hostile-markdown
has "$out" 'holds a\|b' hostile-markdown
has "$out" '> \# heading\' hostile-markdown
has "$out" '> 1\. item\' hostile-markdown
has "$out" '> code\' hostile-markdown
grep -q "$(printf '\342\200\256')" "$out" && fail "hostile-markdown: a raw U+202E reached the output"
# Every row of every table has as many cell separators (unescaped |) as its header.
"$PY" - "$out" <<'EOF' || fail "hostile-markdown: a table row has a cell too many or too few"
import re, sys
bad, want = 0, None
for n, line in enumerate(open(sys.argv[1], encoding="utf-8"), 1):
    if not line.startswith("|"):
        want = None
        continue
    cells = len(re.findall(r"(?<!\\)(?:\\\\)*\|", line))
    if want is None:
        want = cells
    elif cells != want:
        print("  line %d: %d separators, the header has %d: %s" % (n, cells, want, line.rstrip()))
        bad = 1
sys.exit(bad)
EOF

# Notes keep their lines: a break between lines of text, a blank line between paragraphs.
variant notes "c['steps'][0]['notes'] = 'first\\n  \\t \\nsecond\\nthird   \\n\\n'"
run 0 notes-markdown report --markdown "$v"
printf '> first\n>\n> second\\\n> third\n\n' >"$T/notes.want"
grep -A4 -x '> first' "$out" | cmp -s - "$T/notes.want" || { fail "notes-markdown: lines not kept"; grep -A4 -x '> first' "$out"; }
run 0 notes-plain report "$v"
printf '    first\n\n    second\n    third\n\n' >"$T/notes.want"
grep -A4 -x '    first' "$out" | cmp -s - "$T/notes.want" || { fail "notes-plain: lines not kept"; grep -A4 -x '    first' "$out" | cat -A; }

# An escape sequence: the loader refuses control characters, naming the field ...
variant escape "c['group'] = '\x1b]0;owned\x07\x1b[2J|\`x\`|'"
refused escape-in-group "$v" "group: control characters are not allowed"
grep -q "$(printf '\033')" "$err" && fail "escape-in-group: a raw ESC reached stderr"
# ... and a file name is escaped where a message quotes it.
refused escape-in-file-name "$T/$(printf 'x\033[2Jy').json" 'x\x1b[2Jy.json'
grep -q "$(printf '\033')" "$err" && fail "escape-in-file-name: a raw ESC reached stderr"

# --- failed loads: exit 2, the field named, nothing on standard output -------------------
refused missing "$T/missing.json" "cannot read $T/missing.json"
[ ! -e "$T/missing.json" ] || fail "missing: the report created the file"
printf '{"schema": "clusterdns-checklist/1", "kb": "Q263029", "created": ' >"$T/truncated.json"
cp "$T/truncated.json" "$T/truncated.orig"
refused truncated "$T/truncated.json" "the file is truncated"
cmp -s "$T/truncated.json" "$T/truncated.orig" || fail "truncated: the report changed the file"
printf '{"schema": "clusterdns-checklist/1",, "kb": "Q263029"}\n' >"$T/malformed.json"
refused malformed "$T/malformed.json" "malformed JSON at line 1, column"
: >"$T/empty.json"
refused empty-file "$T/empty.json" "the checklist is empty"
variant future "c['schema'] = 'clusterdns-checklist/3'"
refused future-version "$v" 'schema: "clusterdns-checklist/3" was written by a newer clusterdns'
variant foreign "c['schema'] = 'something-else/1'"
refused foreign "$v" "is not a clusterdns checklist"
variant bad-port "c['dns_servers'][1]['port'] = 70000"
refused bad-port "$v" "dns_servers[1].port"
variant bad-status "c['remediation'][2]['status'] = 'done'"
refused bad-action-status "$v" "remediation[2].status: unknown value"
variant no-steps "del c['steps']"
refused no-steps "$v" "steps is missing"
refused directory "$T" "cannot read"

# --- usage -------------------------------------------------------------------------------
run 0 help report --help
has "$out" "Usage: clusterdns report" help
has "$out" "--markdown" help
empty "$err" help
run 2 no-file report
has "$err" "Try 'clusterdns report --help'" no-file
empty "$out" no-file
run 2 two-files report "$INPUT" "$INPUT"
has "$err" "unexpected argument" two-files
empty "$out" two-files
run 2 unknown-option report --html "$INPUT"
empty "$out" unknown-option
if [ -w /dev/full ]; then
  "$CD" report "$INPUT" >/dev/full 2>"$T/full.err"
  st=$?
  [ "$st" -eq 2 ] && ok "write-error: exit 2" || fail "write-error: exit $st, expected 2"
  has "$T/full.err" "cannot write the summary" write-error
fi

# --- the model, read as the engine means it ----------------------------------------------
# The node's order is each server's position, not its place in the file; a gap closes up.
variant shuffled "c['dns_servers'].reverse(); c['dns_servers'][0]['position'] = 7"
run 0 by-position report "$v"
has "$out" "1  198.51.100.53  Local Area Connection" by-position
has "$out" "4  172.16.8.7     Local Area Connection" by-position
# A checklist with only the required keys: every section says there is nothing.
printf '{"schema": "clusterdns-checklist/1", "kb": "Q263029", "created": "2026-11-25T12:00:00Z",
 "updated": "2026-11-25T12:00:00Z", "steps": []}\n' >"$T/bare.json"
run 0 bare report "$T/bare.json"
for text in "Ticket               -" "No check was run." "Nothing was done." \
  "Check the DNS servers: no check was run." "1  Symptoms          pending"; do
  has "$out" "$text" bare
done
run 0 bare-markdown report --markdown "$T/bare.json"
has "$out" "- **Ticket:** -" bare-markdown
# The operator confirms the order was changed on the node: nothing is left.
INPUT=$JOURNAL variant done "
c['actions'].append(dict(c['actions'][0], status='confirmed', at='2026-11-25T13:00:00Z', operator='A. Dupont'))
for s in c['steps']: s['status'] = 'done'
"
run 0 nothing-left report "$v"
has "$out" "Nothing is left to do." nothing-left
has "$out" "The node's order needs no change." nothing-left
has "$out" "DNS server order changed on the node, as the operator confirms" nothing-left

# --- columns by display width (a UTF-8 locale with wide characters) ----------------------
utf8=$(locale -a 2>/dev/null | grep -ixE 'c\.utf-?8' | head -n1)
if [ -n "$utf8" ]; then
  INPUT=$JOURNAL variant wide "c['checks'][0]['operator'] = '東京 Zoë'"
  LC_ALL=$utf8 "$CD" report "$v" >"$T/wide.out" 2>&1 || fail "wide: exit $?"
  "$PY" - "$T/wide.out" <<'EOF' && ok "wide: columns aligned by display width" || fail "wide: columns not aligned by display width"
import sys, unicodedata
def width(s):
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
head = next(l for l in lines if l.lstrip().startswith("when ") and "what" in l)
row = next(l for l in lines if "東京" in l and "check 1" in l)
col = width(head[:head.index("what")])
sys.exit(0 if width(row[:row.index("check 1")]) == col else 1)
EOF
else
  echo "skip: no C.UTF-8 locale, display widths not checked"
fi

cli_done
