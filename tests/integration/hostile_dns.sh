#!/bin/bash
# Hostile and broken DNS servers, end to end through the real binary: a named whose every
# name carries terminal escape sequences and control characters (tests/dnslab/zones.sh,
# "hostile": CNAME targets of the A queries, PTR answers, the SOA's names), and udpfake's
# malformed, cut-short, oversized, truncated, wrong-ID, too-short and silent replies.
# Nothing crashes; no control character reaches standard output, standard error, the saved
# JSON or the reports made from it; each server is reported as malformed or unanswered.
set -u
. "$top_srcdir/tests/dnslab/lab.sh"
. "$top_srcdir/tests/integration/cli_assert.sh"

json() { "${PYTHON3:-python3}" -c "import json,sys; c=json.load(open(sys.argv[1])); print($2)" "$1"; }

# clean FILE NAME: no control character but newline and tab (cJSON indents with tabs), no
# DEL, and no "pwned" right after an escape byte, however it got there.
clean() {
    if LC_ALL=C grep -q '[^[:print:][:space:]]\|[[:cntrl:]]pwned' "$1" ||
        LC_ALL=C tr -d '\n\t' <"$1" | LC_ALL=C grep -q '[[:cntrl:]]'; then
        fail "$2: a control character in $(basename "$1")"
        LC_ALL=C cat -v "$1" | LC_ALL=C grep -n '\^' | head -10 | sed 's/^/  | /'
    else
        ok "$2: $(basename "$1") holds printable text only"
    fi
}

lab_have_named || exit 77
lab_init
lab_named local LOCAL || exit 99
lab_named hostile HOSTILE || exit 99
lab_garbage GARBAGE || exit 99
lab_oversized OVERSIZED || exit 99
lab_truncated TRUNCATED || exit 99
lab_wrongid WRONGID || exit 99
lab_short SHORT || exit 99
lab_silent SILENT || exit 99

NAMES=(--zone fabrikam.local --exchange EXSRV=172.16.8.31 --cluster CLUSTER1=172.16.8.30)
ALL="127.0.0.1:$HOSTILE,127.0.0.1:$GARBAGE,127.0.0.1:$OVERSIZED,127.0.0.1:$TRUNCATED"
ALL="$ALL,127.0.0.1:$WRONGID,127.0.0.1:$SHORT,127.0.0.1:$SILENT,127.0.0.1:$LOCAL"
J=$LAB_DIR/hostile.json

# --- the report, the progress lines and the saved checklist ------------------------------
run 1 hostile-check check "${NAMES[@]}" --servers "$ALL" --timeout 500 --progress --output "$J"
clean "$out" hostile-check
clean "$err" hostile-check
clean "$J" hostile-check
valid "$J" hostile-check
# The evidence, escaped: the SOA's primary server as the hostile zone spells it.
EVIDENCE='127.0.0.1:'$HOSTILE' names the zone'"'"'s primary server ns1\027]0\;pwned\007.fabrikam.local: that is no host name.'
has "$out" "$EVIDENCE" hostile-check
[ "$(json "$J" "sum(1 for f in c['checks'][-1]['findings'] if 'ns1\\\\027]0' in f)")" = 1 ] &&
    ok "the finding, escaped, is in the checklist" || fail "the escaped finding is not in the checklist"
has "$out" "127.0.0.1:$GARBAGE sent a reply that could not be read." hostile-check
has "$out" "127.0.0.1:$OVERSIZED sent a truncated reply and did not answer over TCP" hostile-check
has "$out" "127.0.0.1:$TRUNCATED sent a truncated reply and did not answer over TCP" hostile-check
has "$out" "127.0.0.1:$SILENT did not answer (timeout)." hostile-check
hasnt "$out" "refused the connection" hostile-check
has "$out" "Verdict: FAIL" hostile-check

# Every record asked of a bad server is unanswered, with the outcome that says why.
want() { # want PORT OUTCOME
    local got
    got=$(json "$J" "' '.join(sorted(set(r['status']+'/'+r['outcome'] for r in c['checks'][-1]['records'] if r['server']=='127.0.0.1:$1')))")
    [ "$got" = "unanswered/$2" ] && ok "records of $2 server: $got" ||
        fail "records of the server on $1: '$got', expected 'unanswered/$2'"
}
want "$HOSTILE" malformed
want "$GARBAGE" malformed
want "$OVERSIZED" truncated
want "$TRUNCATED" truncated
want "$WRONGID" timeout
want "$SHORT" timeout
want "$SILENT" timeout
# None of the hostile names is kept as if it were an answer.
[ "$(json "$J" "sum(len(r['observed']) for r in c['checks'][-1]['records'])")" = 0 ] &&
    ok "no observed value from a bad server" || fail "an observed value was kept from a bad server"
# The hostile server's CNAMEs lead to the right addresses; they must not count as ok.
hasnt "$out" "from 127.0.0.1:$HOSTILE: ok" hostile-check

run 1 hostile-json check "${NAMES[@]}" --servers "$ALL" --timeout 500 --json
clean "$out" hostile-json
"${PYTHON3:-python3}" -c 'import json,sys; json.load(open(sys.argv[1]))' "$out" ||
    fail "hostile-json: standard output is not JSON"

# --- what is made from the saved file ---------------------------------------------------
run 0 hostile-report report "$J"
clean "$out" hostile-report
run 0 hostile-report-md report --markdown "$J"
clean "$out" hostile-report-md
for form in dnscmd powershell nt4 zone nsupdate netsh; do
    run 0 "hostile-fix-$form" fix --load "$J" --emit "$form"
    clean "$out" "hostile-fix-$form"
done

# --- the hostile server alone, asked again from the file: still malformed --------------
run 1 hostile-again check --load "$J" --servers "127.0.0.1:$HOSTILE" --timeout 500
clean "$out" hostile-again
has "$out" "unreadable reply" hostile-again

cli_done
