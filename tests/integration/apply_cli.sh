#!/bin/bash
# `clusterdns fix --apply` end to end: the real binary, the real nsupdate and real named
# servers on loopback. The KB's case with the local DNS first: the missing host records are
# added by dynamic update, the check made after it passes, and the saved checklist says the
# actions were applied. An update the server turns down (signed with a key it does not know)
# names the server and nsupdate's reason, changes no record and marks the actions failed.
# A key other users may read is used with a warning, as ssh gives; a FIFO as key is refused.
# Without a terminal and without --yes, nothing is checked or sent.
set -u
. "$top_srcdir/tests/dnslab/lab.sh"
. "$top_srcdir/tests/integration/cli_assert.sh"


# a_records PORT: the A records of the zone on that named, sorted, one a line.
a_records() {
  "$DIG" @127.0.0.1 -p "$1" +time=2 +tries=1 +noall +answer fabrikam.local AXFR |
    awk '$4 == "A" { print $1, $5 }' | sort
}
# statuses FILE KIND: the statuses of the journal's actions of that kind, one a line.
statuses() {
  "${PYTHON3:-python3}" -c 'import json,sys
for a in json.load(open(sys.argv[1]))["actions"]:
    if a["kind"] == sys.argv[2]: print(a["server"], a["name"], a["status"])' "$1" "$2"
}

lab_have_named || exit 77
command -v "${PYTHON3:-python3}" >/dev/null || exit 77
lab_init
lab_named internet INTERNET || exit 99
lab_named local LOCAL || exit 99
lab_named local REFUSING || exit 99
export NSUPDATE

NAMES=(--zone fabrikam.local --exchange EXSRV=172.16.8.31 --cluster CLUSTER1=172.16.8.30)

# --- bad usage: exit 2, nothing checked, nothing sent -----------------------------------
before=$(a_records "$LOCAL")
run 2 no-tty-no-yes fix --apply "${NAMES[@]}" --servers "127.0.0.1:$LOCAL,127.0.0.1:$INTERNET"
empty "$out" no-tty-no-yes
has "$err" "add --yes" no-tty-no-yes
[ "$(a_records "$LOCAL")" = "$before" ] || fail "no-tty-no-yes: the zone changed"
run 2 apply-and-emit fix --apply --emit nsupdate --yes "${NAMES[@]}" --servers "127.0.0.1:$LOCAL"
has "$err" "give --emit or --apply, not both" apply-and-emit
run 2 yes-without-apply fix --emit nsupdate --yes "${NAMES[@]}" --servers "127.0.0.1:$LOCAL"
has "$err" "are for --apply" yes-without-apply
run 2 key-missing fix --apply --yes --key "$LAB_DIR/none.key" "${NAMES[@]}" \
  --servers "127.0.0.1:$LOCAL"
has "$err" "--key: cannot read" key-missing
[ "$(a_records "$LOCAL")" = "$before" ] || fail "bad usage: the zone changed"

# --- a server that turns the update down: a key it does not know ------------------------
tsig-keygen -a hmac-sha256 clusterdns-unknown >"$LAB_DIR/unknown.key" 2>/dev/null ||
  "$(dirname "$NAMED")/tsig-keygen" -a hmac-sha256 clusterdns-unknown >"$LAB_DIR/unknown.key" ||
  fail "tsig-keygen"

# --- the key's mode: open to other users is said, as ssh says it; a FIFO is refused ------
chmod 644 "$LAB_DIR/unknown.key"
run 2 key-open fix --apply --yes --key "$LAB_DIR/unknown.key"
has "$err" "warning: the TSIG key $LAB_DIR/unknown.key can be read or written by other users (mode 0644)" key-open
chmod 600 "$LAB_DIR/unknown.key"
run 2 key-private fix --apply --yes --key "$LAB_DIR/unknown.key"
hasnt "$err" "warning" key-private
mkfifo "$LAB_DIR/key.fifo"
run 2 key-fifo fix --apply --yes --key "$LAB_DIR/key.fifo" "${NAMES[@]}" \
  --servers "127.0.0.1:$REFUSING"
has "$err" "--key: cannot read $LAB_DIR/key.fifo: it is a named pipe (FIFO)" key-fifo
before=$(a_records "$REFUSING")
run 1 refused fix --apply --yes --key "$LAB_DIR/unknown.key" "${NAMES[@]}" \
  --servers "127.0.0.1:$REFUSING,127.0.0.1:$INTERNET" --output "$LAB_DIR/refused.json"
has "$err" "127.0.0.1:$REFUSING: nsupdate: " refused
grep -qE "NOTAUTH|BADKEY|REFUSED|tsig" "$err" || { fail "refused: no reason from nsupdate"; sed 's/^/  | /' "$err"; }
has "$out" "server 127.0.0.1 $REFUSING" refused
has "$out" "Verdict: FAIL" refused
hasnt "$out" "the update was applied" refused
[ "$(a_records "$REFUSING")" = "$before" ] || fail "refused: the zone changed"
run 1 refused-check-again check "${NAMES[@]}" --servers "127.0.0.1:$REFUSING" --json
"${PYTHON3:-python3}" -c 'import json,sys
rs=[r for r in json.load(open(sys.argv[1]))["checks"][-1]["records"] if r["type"]=="A"]
sys.exit(0 if rs and all(r["status"]=="missing" for r in rs) else 1)' "$out" ||
  fail "refused-check-again: the A records are not all missing"
valid "$LAB_DIR/refused.json" refused
[ "$(statuses "$LAB_DIR/refused.json" add_record)" = "127.0.0.1:$REFUSING exsrv.fabrikam.local failed
127.0.0.1:$REFUSING cluster1.fabrikam.local failed" ] ||
  { fail "refused: the add_record actions are not 'failed'"; statuses "$LAB_DIR/refused.json" add_record; }

# --- the KB's case, the local DNS first: applied, and the check passes ------------------
run 1 kb-before check "${NAMES[@]}" --servers "127.0.0.1:$LOCAL,127.0.0.1:$INTERNET"
has "$out" "Verdict: FAIL" kb-before
run 0 apply fix --apply --yes "${NAMES[@]}" --servers "127.0.0.1:$LOCAL,127.0.0.1:$INTERNET" \
  --output "$LAB_DIR/applied.json"
empty "$err" apply
has "$out" "server 127.0.0.1 $LOCAL" apply
has "$out" "update add exsrv.fabrikam.local. 3600 IN A 172.16.8.31" apply
has "$out" "127.0.0.1:$LOCAL: the update was applied." apply
has "$out" "Verdict: PASS" apply
hasnt "$out" "$INTERNET (nsupdate)" apply
[ "$(a_records "$LOCAL" | grep -v '^ns1')" = "cluster1.fabrikam.local. 172.16.8.30
exsrv.fabrikam.local. 172.16.8.31" ] || { fail "apply: the zone does not hold both records"; a_records "$LOCAL"; }
valid "$LAB_DIR/applied.json" apply
[ "$(statuses "$LAB_DIR/applied.json" add_record)" = "127.0.0.1:$LOCAL exsrv.fabrikam.local applied
127.0.0.1:$LOCAL cluster1.fabrikam.local applied" ] ||
  { fail "apply: the add_record actions are not 'applied'"; statuses "$LAB_DIR/applied.json" add_record; }
# The journal: the check the updates rest on, the updates (when, on it), the check after
# them; what the tool applied is not "seen done outside the tool".
"${PYTHON3:-python3}" -c 'import json,sys
c=json.load(open(sys.argv[1]))
acts = [a for a in c["actions"] if a["kind"] == "add_record"]
ok = len(c["checks"]) == 2 and len(acts) == 2 and all(a["at"] and a["check"] == 0 for a in acts)
sys.exit(0 if ok and all(a["status"] == "applied" for a in c["actions"]) else 1)' \
  "$LAB_DIR/applied.json" || fail "apply: the journal does not hold two checks and the updates between"
"${PYTHON3:-python3}" -c 'import json,sys
c=json.load(open(sys.argv[1]))["checks"][-1]
rs=[r for r in c["records"] if r["type"]=="A" and r["server"]=="127.0.0.1:"+sys.argv[2]]
sys.exit(0 if c["verdict"]=="pass" and len(rs)==2 and all(r["status"]=="ok" for r in rs) else 1)' \
  "$LAB_DIR/applied.json" "$LOCAL" ||
  fail "apply: the saved check does not pass with both records ok on the local DNS"
run 0 applied-check check "${NAMES[@]}" --servers "127.0.0.1:$LOCAL,127.0.0.1:$INTERNET"

# Nothing left to add: nothing sent, the check's verdict is the exit status.
run 0 nothing-to-apply fix --apply --yes "${NAMES[@]}" \
  --servers "127.0.0.1:$LOCAL,127.0.0.1:$INTERNET"
has "$out" "Nothing to add" nothing-to-apply
hasnt "$out" "the update was applied" nothing-to-apply

cli_done
