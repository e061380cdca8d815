#!/bin/bash
# `clusterdns import --json` over every sample of tests/samples against its expected reading
# (tests/samples/expected/NAME.json), the exit status (0 when something usable was read, 2
# when nothing was), the JSON against doc/import.schema.json, standard input, and escaping
# of hostile text in the plain output.
set -u
. "$top_srcdir/tests/integration/cli_assert.sh"
bin=$top_builddir/clusterdns
samples=$top_srcdir/tests/samples
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fail=0
n=0
for f in "$samples"/*.txt; do
    name=$(basename "$f" .txt)
    n=$((n + 1))
    "$bin" import --json "$f" >"$tmp/out.json" 2>"$tmp/err"
    rc=$?
    if ! cmp -s "$tmp/out.json" "$samples/expected/$name.json"; then
        echo "FAIL $name: reading differs from expected/$name.json"
        diff "$samples/expected/$name.json" "$tmp/out.json" | head -20
        fail=1
    fi
    want=$("${PYTHON3:-python3}" -c '
import json, sys
j = json.load(open(sys.argv[1]))
print(0 if j["dns_servers"] or j["groups"] or j["resources"] or j["properties"] else 2)' "$tmp/out.json")
    if [ "$rc" != "$want" ]; then
        echo "FAIL $name: exit $rc, expected $want"
        fail=1
    fi
done
echo "import: $n samples compared"
# Every reading follows the schema.
"${PYTHON3:-python3}" - "$top_srcdir/doc/import.schema.json" "$samples"/expected/*.json <<'PY' || fail=1
import json, sys
import jsonschema
schema = json.load(open(sys.argv[1]))
jsonschema.Draft202012Validator.check_schema(schema)
v = jsonschema.Draft202012Validator(schema)
bad = 0
for p in sys.argv[2:]:
    for e in v.iter_errors(json.load(open(p))):
        print("FAIL schema", p, e.message)
        bad = 1
sys.exit(bad)
PY
# Standard input reads as the file does.
"$bin" import --json - <"$samples/cluster-res.txt" >"$tmp/stdin.json" || fail=1
cmp -s "$tmp/stdin.json" "$samples/expected/cluster-res.json" || { echo "FAIL stdin"; fail=1; }
# Nothing usable: exit 2 and a message.
printf 'hello\n' >"$tmp/prose.txt"
"$bin" import "$tmp/prose.txt" >/dev/null 2>"$tmp/err"
[ $? = 2 ] && grep -q "Pasted text" "$tmp/err" || { echo "FAIL prose: exit or message"; fail=1; }
# Bad usage: exit 2.
"$bin" import >/dev/null 2>&1
[ $? = 2 ] || { echo "FAIL no file: exit"; fail=1; }
"$bin" import "$tmp/missing.txt" >/dev/null 2>&1
[ $? = 2 ] || { echo "FAIL missing file: exit"; fail=1; }
# Hostile names reach the terminal escaped: ESC, C1 and a bidi override.
printf 'Group                Node            Status\n-------------------- --------------- ------\nEvil\033[2J\xc2\x9b\xe2\x80\xaeGrp   NODEA           Online\n' >"$tmp/evil.txt"
"$bin" import "$tmp/evil.txt" >"$tmp/evil.out" 2>&1
if LC_ALL=C grep -q $'\033\|\xc2\x9b\|\xe2\x80\xae' "$tmp/evil.out"; then
    echo "FAIL escaping: raw control or bidi bytes in the output"
    fail=1
fi
grep -q 'u202e' "$tmp/evil.out" || { echo "FAIL escaping: bidi override not shown"; cat "$tmp/evil.out"; fail=1; }
[ $fail = 0 ] && echo "PASS import_cli" || echo "FAIL import_cli"
exit $fail
