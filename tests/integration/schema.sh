#!/bin/bash
# doc/checklist.schema.json against what clusterdns writes:
#   (a) the schema is a valid JSON Schema 2020-12;
#   (b) a fully populated and an empty checklist, written by the engine
#       (tests/unit/test_checklist --write-sample), are valid;
#   (c) documents with one thing wrong are each rejected, naming the right place, and a
#       document with keys from a later 2.x is still valid.
# Exit: 0 pass, 1 fail, 77 skipped (no python3, no jsonschema, or no test_checklist).
# Environment: top_srcdir, top_builddir (absolute; set by make check), PYTHON3.

set -u

here=$(cd "$(dirname "$0")" && pwd)
top_srcdir=${top_srcdir:-$(cd "$here/../.." && pwd)}
top_builddir=${top_builddir:-$(pwd)}
python=${PYTHON3:-python3}
schema=$top_srcdir/doc/checklist.schema.json
validate=$top_srcdir/tests/validate-checklist.py
sample=$top_builddir/tests/unit/test_checklist

skip() { echo "SKIP: $*"; exit 77; }
fail() { echo "FAIL: $*"; failed=1; }
failed=0

command -v "$python" >/dev/null 2>&1 || skip "python3 not found"
"$python" -c 'import jsonschema' 2>/dev/null || skip "python3-jsonschema is not installed"
[ -x "$sample" ] || skip "$sample is not built (cmocka missing?)"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/schema-test.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

# (a) the schema itself
if "$python" - "$schema" <<'EOF'
import json, sys
from jsonschema import Draft202012Validator
Draft202012Validator.check_schema(json.load(open(sys.argv[1], encoding="utf-8")))
EOF
then echo "ok: the schema is valid JSON Schema 2020-12"
else fail "the schema is not valid JSON Schema 2020-12"
fi

# (b) what the engine writes
if ! "$sample" --write-sample "$tmp"; then
    echo "FAIL: $sample --write-sample could not write the samples"
    exit 1
fi
for f in full empty; do
    if "$python" "$validate" "$schema" "$tmp/$f.json"; then
        echo "ok: the $f checklist written by the engine is valid"
    else
        fail "the $f checklist written by the engine is not valid"
    fi
done

# (c) one change each to the full sample: NAME, what must appear in the error, and a
# Python statement on the document d (or raw bytes for "text:" cases).
mutate() {
    "$python" - "$tmp/full.json" "$tmp/$1.json" "$2" <<'EOF'
import json, sys
src, dst, change = sys.argv[1:4]
if change.startswith("text:"):
    data = open(src, "rb").read()
    data = eval(change[5:])
    open(dst, "wb").write(data)
else:
    d = json.load(open(src, encoding="utf-8"))
    exec(change)
    json.dump(d, open(dst, "w", encoding="utf-8"), ensure_ascii=False, indent=1)
EOF
}

rejected() { # NAME EXPECTED CHANGE
    mutate "$1" "$3" || { fail "$1: could not build the document"; return; }
    if "$python" "$validate" "$schema" "$tmp/$1.json" 2>"$tmp/$1.err"; then
        fail "$1: accepted"
    elif [ $? -ne 1 ]; then
        fail "$1: validator error: $(cat "$tmp/$1.err")"
    elif ! grep -qF -- "$2" "$tmp/$1.err"; then
        fail "$1: rejected, but without \"$2\": $(cat "$tmp/$1.err")"
    else
        echo "ok: rejected $1: $(head -n 1 "$tmp/$1.err")"
    fi
}

accepted() { # NAME CHANGE
    mutate "$1" "$2" || { fail "$1: could not build the document"; return; }
    if "$python" "$validate" "$schema" "$tmp/$1.json" 2>"$tmp/$1.err"; then
        echo "ok: accepted $1"
    else
        fail "$1: rejected: $(cat "$tmp/$1.err")"
    fi
}

rejected wrong-type-port       "order_found.servers[0].port: '5353' is not of type 'integer'" \
    'd["order_found"]["servers"][0]["port"] = "5353"'
rejected port-out-of-range     "checks[0].servers[1].port" 'd["checks"][0]["servers"][1]["port"] = 65536'
rejected fractional-position   "order_found.servers[0].position" 'd["order_found"]["servers"][0]["position"] = 1.5'
rejected newer-version         "schema: 'clusterdns-checklist/2' was expected" \
    'd["schema"] = "clusterdns-checklist/3"'
rejected other-kb              "kb:"                       'd["kb"] = "Q263030"'
rejected missing-updated       "'updated' is a required property" 'del d["updated"]'
rejected missing-journal       "'checks' is a required property" 'del d["checks"]'
rejected missing-nested-key    "checks[0].records[0]: 'outcome' is a required property" \
    'del d["checks"][0]["records"][0]["outcome"]'
rejected unknown-status        "checks[0].records[0].status: 'fine' is not one of" \
    'd["checks"][0]["records"][0]["status"] = "fine"'
rejected unknown-role          "checks[0].servers[2].role" 'd["checks"][0]["servers"][2]["role"] = "lan"'
rejected unknown-zone-reply    "checks[0].servers[0].zone_reply" 'd["checks"][0]["servers"][0]["zone_reply"] = "ok"'
rejected tri-as-string         "symptoms.setup_hangs"      'd["symptoms"]["setup_hangs"] = "yes"'
rejected negative-rtt          "checks[0].servers[0].rtt_ms" 'd["checks"][0]["servers"][0]["rtt_ms"] = -1'
rejected time-with-space       "created"                   'd["created"] = "2026-11-25 12:00:00Z"'
rejected time-without-zone     "steps[0].completed_at"     'd["steps"][0]["completed_at"] = "2026-11-25T12:01:00"'
rejected time-before-1970      "updated"                   'd["updated"] = "1969-12-31T23:59:59Z"'
rejected check-without-time    "checks[1]: 'at' is a required property" 'del d["checks"][1]["at"]'
rejected action-without-who    "actions[0]: 'operator' is a required property" 'del d["actions"][0]["operator"]'
rejected unknown-action-status "actions[1].status"         'd["actions"][1]["status"] = "todo"'
rejected negative-check-index  "actions[0].check"          'd["actions"][0]["check"] = -1'
rejected steps-out-of-order    "steps[0].id: 'symptoms' was expected" \
    'd["steps"][0], d["steps"][1] = d["steps"][1], d["steps"][0]'
rejected seventh-step          "steps"                     'd["steps"].append(dict(d["steps"][5]))'
rejected missing-step          "steps"                     'd["steps"].pop()'
rejected name-too-long         "exchange.name: 16 characters, expected at most 15"          'd["exchange"]["name"] = "ABCDEFGHIJKLMNOP"'
rejected control-in-operator   "operator"                  'd["operator"] = "Jane\u0007Doe"'
rejected newline-in-finding    "checks[0].findings[0]"     'd["checks"][0]["findings"][0] = "two\nlines"'
rejected carriage-return-notes "steps[0].notes"            'd["steps"][0]["notes"] = "a\rb"'
rejected too-many-observed     "checks[1].records[0].observed" 'd["checks"][1]["records"][0]["observed"] = ["192.0.2.1"] * 17'
rejected unknown-action-type   "actions[1].type"           'd["actions"][1]["type"] = "MX"'
rejected top-level-array       "(top)"                     'd = [d]'
rejected duplicate-key         "duplicate key \"kb\"" \
    'text:data.replace(b"\"kb\":", b"\"kb\":\t\"Q263029\",\n\t\"kb\":", 1)'
rejected not-utf8              "not UTF-8"                 'text:data.replace(b"Zo\xc3\xab", b"Zo\xeb", 1)'
rejected truncated             "not JSON"                  'text:data[:len(data) // 2]'

accepted keys-from-a-later-2x  'd["future"] = {"x": 1}; d["checks"][0]["servers"][0]["dnssec"] = True; d["steps"][0]["by"] = "ops"'
accepted notes-with-lines      'd["steps"][1]["notes"] = "line 1\n\tline 2\n"'
accepted whole-number-as-float 'd["order_found"]["servers"][0]["port"] = 5353.0'
accepted no-order-found        'd["order_found"] = None'

# the validator's own contract
"$python" "$validate" "$schema" >/dev/null 2>&1
[ $? -eq 2 ] && echo "ok: usage error exits 2" || fail "a usage error does not exit 2"
"$python" "$validate" "$schema" "$tmp/full.json" "$tmp/none.json" 2>"$tmp/multi.err"
[ $? -eq 1 ] && grep -qF "none.json: cannot read" "$tmp/multi.err" && ! grep -qF "full.json" "$tmp/multi.err" &&
    echo "ok: one message per invalid file, none for valid ones" ||
    fail "several files: $(cat "$tmp/multi.err")"

exit $failed
