# Assertions for the command-line tests: run the real binary, keep what it printed, compare.
# Source it from bash after setting CLI_DIR (a folder of the test's own; $LAB_DIR when unset).
# The test ends with `cli_done`, which prints the count and returns the status.
: "${CD:=$top_builddir/clusterdns}"
: "${VALIDATE:=$top_srcdir/tests/validate-checklist.py}"
: "${SCHEMA:=$top_srcdir/doc/checklist.schema.json}"
failures=0

fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
ok() { echo "ok: $*"; }

# run EXPECTED_STATUS NAME ARGS...: runs clusterdns with no terminal on standard input,
# keeps stdout and stderr in $out and $err.
run() {
    local want=$1 name=$2 dir=${CLI_DIR:-$LAB_DIR} got
    shift 2
    out="$dir/$name.out" err="$dir/$name.err"
    "$CD" "$@" </dev/null >"$out" 2>"$err"
    got=$?
    if [ "$got" -ne "$want" ]; then
        fail "$name: exit $got, expected $want"
        sed 's/^/  stdout: /' "$out" | head -60
        sed 's/^/  stderr: /' "$err" | head -20
    else
        ok "$name: exit $got"
    fi
}

# has FILE TEXT NAME, hasnt FILE TEXT NAME: TEXT (a fixed string) is, or is not, in FILE.
has() { grep -qF -- "$2" "$1" || { fail "$3: '$2' not in $(basename "$1")"; sed 's/^/  | /' "$1" | head -40; }; }
hasnt() { ! grep -qF -- "$2" "$1" || { fail "$3: '$2' in $(basename "$1")"; sed 's/^/  | /' "$1" | head -40; }; }
# empty FILE NAME: nothing was written there.
empty() { [ ! -s "$1" ] || { fail "$2: $(basename "$1") is not empty"; sed 's/^/  | /' "$1" | head -20; }; }

# valid FILE [NAME]: the checklist validates against the JSON Schema.
valid() {
    local log=${CLI_DIR:-$LAB_DIR}/validate.log
    "${PYTHON3:-python3}" "$VALIDATE" "$SCHEMA" "$1" >"$log" 2>&1 ||
        { fail "${2:-schema}: $(basename "$1") does not validate"; sed 's/^/  | /' "$log"; }
}

cli_done() {
    echo "$failures failures"
    [ "$failures" -eq 0 ]
}
