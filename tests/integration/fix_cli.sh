#!/bin/bash
# `clusterdns fix --emit` end to end: the real binary against real named servers on
# loopback. The KB's story: the nsupdate script made from a live check, fed to the real
# nsupdate, makes the check pass (with the local DNS first); a wrong address is corrected
# the same way; a saved checklist (--load, no network) gives the dnscmd golden file's text;
# bad usage, bad files and hostile values exit 2 without a line on standard output.
set -u
. "$top_srcdir/tests/dnslab/lab.sh"
. "$top_srcdir/tests/integration/cli_assert.sh"

GOLDEN="$top_srcdir/tests/golden"

# refused NAME ARGS...: exit 2, nothing on stdout, a message on stderr.
refused() {
  local name=$1; shift
  run 2 "$name" "$@"
  empty "$out" "$name"
  [ -s "$err" ] || fail "$name: no message on stderr"
}
# edit IN OUT PYTHON-STATEMENT: a copy of the checklist IN with the statement run on it (c).
edit() {
  "${PYTHON3:-python3}" -c "import json,sys; c=json.load(open(sys.argv[1])); $3
json.dump(c, open(sys.argv[2], 'w'), indent=2)" "$1" "$2" || fail "edit $1: $3"
}

lab_have_named || exit 77
lab_init
lab_named internet INTERNET || exit 99
lab_named local LOCAL || exit 99

NAMES=(--zone fabrikam.local --exchange EXSRV=172.16.8.31 --cluster CLUSTER1=172.16.8.30)
KB_ORDER="127.0.0.1:$INTERNET,127.0.0.1:$LOCAL"
FIXED_ORDER="127.0.0.1:$LOCAL,127.0.0.1:$INTERNET"

# --- bad usage: exit 2, the message names the option or the field ------------------------
run 0 help fix --help
has "$out" "--emit=FORM" help
has "$out" "nsupdate" help
refused no-emit fix "${NAMES[@]}" --servers "$KB_ORDER"
has "$err" "--emit FORM is required" no-emit
refused bad-form fix --emit bind "${NAMES[@]}" --servers "$KB_ORDER"
has "$err" "--emit: 'bind' is not one of" bad-form
has "$err" "Try 'clusterdns fix --help'" bad-form
refused form-with-a-command fix --emit 'dnscmd;calc' "${NAMES[@]}" --servers "$KB_ORDER"
refused apply-without-a-terminal fix --apply "${NAMES[@]}" --servers "$KB_ORDER" </dev/null
has "$err" "add --yes" apply-without-a-terminal
refused emit-and-apply fix --emit nsupdate --apply --yes "${NAMES[@]}" --servers "$KB_ORDER"
has "$err" "give --emit or --apply, not both" emit-and-apply
refused unexpected-argument fix --emit dnscmd "${NAMES[@]}" --servers "$KB_ORDER" extra
has "$err" "unexpected argument 'extra'" unexpected-argument
refused names-missing fix --emit dnscmd --zone fabrikam.local --servers "$KB_ORDER"
has "$err" "are required" names-missing
refused hostile-zone fix --emit nsupdate --zone 'fabrikam.local;reboot' \
  --exchange EXSRV=172.16.8.31 --cluster CLUSTER1=172.16.8.30 --servers "$KB_ORDER"
has "$err" "Zone" hostile-zone
refused hostile-name fix --emit dnscmd --zone fabrikam.local \
  --exchange 'EX$(id)=172.16.8.31' --cluster CLUSTER1=172.16.8.30 --servers "$KB_ORDER"
has "$err" "Exchange network name" hostile-name
refused hostile-server fix --emit nsupdate "${NAMES[@]}" --servers "127.0.0.1:$LOCAL;reboot"
has "$err" "DNS server" hostile-server
refused hostile-interface fix --emit netsh --interface 'LAN" & calc & "' "${NAMES[@]}" \
  --servers "$KB_ORDER"
has "$err" "Network connection" hostile-interface
refused interface-without-netsh fix --emit dnscmd --interface LAN "${NAMES[@]}" \
  --servers "$KB_ORDER"
has "$err" "--interface is for --emit netsh" interface-without-netsh
refused bad-timeout fix --emit dnscmd "${NAMES[@]}" --servers "$KB_ORDER" --timeout 0
has "$err" "clusterdns fix: --timeout" bad-timeout

# --- the KB's case, saved by check ---------------------------------------------------------
run 1 kb-check check "${NAMES[@]}" --servers "$KB_ORDER" --output "$LAB_DIR/kb.json"

# --load: no network, the fix of the saved last check; the dnscmd golden file's text once the
# lab's addresses are put back (the local DNS is 127.0.0.1:$LOCAL here, 172.16.8.5 there).
run 0 load-dnscmd fix --emit dnscmd --load "$LAB_DIR/kb.json"
empty "$err" load-dnscmd
has "$out" "REM 127.0.0.1:$LOCAL was checked on port $LOCAL; dnscmd reaches the DNS server by its address alone." load-dnscmd
has "$out" "dnscmd 127.0.0.1 /RecordAdd fabrikam.local EXSRV A 172.16.8.31" load-dnscmd
grep -v "was checked on port" "$out" | sed -e "s/127\.0\.0\.1:$LOCAL/172.16.8.5/g" \
  -e "s/127\.0\.0\.1/172.16.8.5/g" >"$LAB_DIR/load-dnscmd.norm"
cmp -s "$LAB_DIR/load-dnscmd.norm" "$GOLDEN/dnscmd.txt" ||
  { fail "load-dnscmd: differs from tests/golden/dnscmd.txt"; diff "$GOLDEN/dnscmd.txt" "$LAB_DIR/load-dnscmd.norm"; }
# the same text from a live check of the same state
run 0 flags-dnscmd fix --emit dnscmd "${NAMES[@]}" --servers "$KB_ORDER"
cmp -s "$out" "$LAB_DIR/load-dnscmd.out" || fail "flags-dnscmd: differs from the --load text"
for form in powershell nt4 zone netsh; do
  run 0 "load-$form" fix --emit "$form" --load "$LAB_DIR/kb.json"
done
has "$LAB_DIR/load-nt4.out" "%SystemRoot%\\System32\\Dns\\fabrikam.local.dns" load-nt4
has "$LAB_DIR/load-zone.out" "rndc reload fabrikam.local" load-zone
has "$LAB_DIR/load-netsh.out" 'netsh interface ip set dns name="Local Area Connection" source=static addr=127.0.0.1 register=none' load-netsh
has "$LAB_DIR/load-netsh.out" "answers on port $LOCAL, but Windows asks every DNS server on port 53" load-netsh
run 0 load-netsh-interface fix --emit netsh --interface "LAN-Verbindung" --load "$LAB_DIR/kb.json"
has "$out" 'netsh interface ip set dns name="LAN-Verbindung"' load-netsh-interface
# Servers read from a German 'ipconfig /all' carry their adapter: netsh names it unasked.
edit "$LAB_DIR/kb.json" "$LAB_DIR/kb-de.json" \
  '[s.update(source="LAN-Verbindung") for s in c["order_found"]["servers"]]'
run 0 load-netsh-adapter fix --emit netsh --load "$LAB_DIR/kb-de.json"
has "$out" 'netsh interface ip set dns name="LAN-Verbindung"' load-netsh-adapter
hasnt "$out" "Local Area Connection" load-netsh-adapter

# --- bad and hostile files: exit 2, the file and the value named (the loader checks every
# value by the rule it follows where it is typed, before remedy checks it again) ----------
refused load-missing fix --emit dnscmd --load "$LAB_DIR/missing.json"
printf '{"schema": "clusterdns-checklist/1", "kb": ' >"$LAB_DIR/truncated.json"
refused load-truncated fix --emit dnscmd --load "$LAB_DIR/truncated.json"
printf 'server 127.0.0.1\n' >"$LAB_DIR/not-json.json"
refused load-not-json fix --emit nsupdate --load "$LAB_DIR/not-json.json"
refused load-with-servers fix --emit dnscmd --load "$LAB_DIR/kb.json" --servers "$FIXED_ORDER"
has "$err" "leave out --servers" load-with-servers
refused load-with-names fix --emit dnscmd --load "$LAB_DIR/kb.json" --zone fabrikam.local
edit "$LAB_DIR/kb.json" "$LAB_DIR/evil-server.json" \
  'c["checks"][0]["servers"][1]["address"] = "127.0.0.1 & calc"'
refused load-hostile-server fix --emit dnscmd --load "$LAB_DIR/evil-server.json"
has "$err" "checks[0].servers[1].address: DNS server" load-hostile-server
edit "$LAB_DIR/kb.json" "$LAB_DIR/evil-name.json" \
  'c["checks"][0]["cluster"]["name"] = "x;reboot"'
refused load-hostile-name fix --emit nsupdate --load "$LAB_DIR/evil-name.json"
has "$err" "checks[0].cluster.name: Cluster network name" load-hostile-name
edit "$LAB_DIR/kb.json" "$LAB_DIR/evil-value.json" \
  'c["checks"][0]["exchange"]["ip"] = "172.16.8.31;$(reboot)"'
refused load-hostile-value fix --emit zone --load "$LAB_DIR/evil-value.json"
has "$err" "checks[0].exchange.ip: Exchange IP address" load-hostile-value
edit "$LAB_DIR/kb.json" "$LAB_DIR/evil-newline.json" \
  'c["checks"][0]["exchange"]["ip"] = "172.16.8.31\nupdate delete fabrikam.local."'
refused load-hostile-newline fix --emit nsupdate --load "$LAB_DIR/evil-newline.json"
has "$err" "checks[0].exchange.ip" load-hostile-newline
edit "$LAB_DIR/kb.json" "$LAB_DIR/evil-zone.json" 'c["checks"][0]["zone"] = "fabrikam.local\"; calc; \""'
refused load-hostile-zone fix --emit powershell --load "$LAB_DIR/evil-zone.json"
has "$err" "checks[0].zone: Zone" load-hostile-zone
edit "$LAB_DIR/kb.json" "$LAB_DIR/evil-order.json" \
  'c["order_found"]["servers"][1]["address"] = "127.0.0.2|calc"'
refused load-hostile-order fix --emit netsh --load "$LAB_DIR/evil-order.json"
has "$err" "order_found.servers[1].address: DNS server" load-hostile-order
edit "$LAB_DIR/kb.json" "$LAB_DIR/unchecked.json" 'c["checks"] = []'
refused load-unchecked fix --emit dnscmd --load "$LAB_DIR/unchecked.json"
has "$err" "holds no check yet" load-unchecked

# --- the text cannot be written: exit 1 -----------------------------------------------------
if [ -w /dev/full ]; then
  "$CD" fix --emit dnscmd --load "$LAB_DIR/kb.json" >/dev/full 2>"$LAB_DIR/full.err"
  rc=$?
  [ "$rc" -eq 1 ] && ok "dev-full: exit 1" || fail "dev-full: exit $rc, expected 1"
  has "$LAB_DIR/full.err" "cannot write the text" dev-full
fi

# --- the nsupdate script from a live check, fed to the real nsupdate ------------------------
run 0 emit-nsupdate fix --emit nsupdate "${NAMES[@]}" --servers "$KB_ORDER"
has "$out" "server 127.0.0.1 $LOCAL" emit-nsupdate
has "$out" "update add exsrv.fabrikam.local. 3600 IN A 172.16.8.31" emit-nsupdate
has "$out" "update add cluster1.fabrikam.local. 3600 IN A 172.16.8.30" emit-nsupdate
hasnt "$out" "$INTERNET" emit-nsupdate
cp "$out" "$LAB_DIR/fix.nsupdate"
if "$NSUPDATE" -t 5 <"$LAB_DIR/fix.nsupdate" >"$LAB_DIR/nsupdate.log" 2>&1; then
  ok "nsupdate took the script"
else
  fail "nsupdate refused the script:"; sed 's/^/  | /' "$LAB_DIR/nsupdate.log"
fi
run 0 fixed-check check "${NAMES[@]}" --servers "$FIXED_ORDER"
has "$out" "Verdict: PASS" fixed-check
# the order is still the KB's: the record forms say so, netsh says what to do
run 1 still-kb-order check "${NAMES[@]}" --servers "$KB_ORDER"
run 0 after-nsupdate fix --emit nsupdate "${NAMES[@]}" --servers "$KB_ORDER"
[ "$(cat "$out")" = "; Nothing to add: the DNS servers that hold the zone fabrikam.local have both host records.
; The node's DNS server order must change too: clusterdns fix --emit netsh" ] ||
  { fail "after-nsupdate: unexpected text"; sed 's/^/  | /' "$out"; }
run 0 after-netsh fix --emit netsh "${NAMES[@]}" --servers "$KB_ORDER"
has "$out" "Under \"DNS server addresses, in order of use\"" after-netsh
run 0 all-done-dnscmd fix --emit dnscmd "${NAMES[@]}" --servers "$FIXED_ORDER"
[ "$(cat "$out")" = "REM Nothing to add: the DNS servers that hold the zone fabrikam.local have both host records." ] ||
  { fail "all-done-dnscmd: unexpected text"; sed 's/^/  | /' "$out"; }
run 0 all-done-netsh fix --emit netsh "${NAMES[@]}" --servers "$FIXED_ORDER"
[ "$(cat "$out")" = "REM The node's DNS server order is already right: nothing to change." ] ||
  { fail "all-done-netsh: unexpected text"; sed 's/^/  | /' "$out"; }

# --- a wrong address: fix_record deletes, then adds ----------------------------------------
lab_nsupdate "$LOCAL" <<EOF || fail "nsupdate (wrong address)"
zone fabrikam.local
update delete exsrv.fabrikam.local. IN A
update add exsrv.fabrikam.local. 300 IN A 172.16.8.99
send
EOF
run 1 wrong-check check "${NAMES[@]}" --servers "$FIXED_ORDER"
run 0 wrong-nsupdate fix --emit nsupdate "${NAMES[@]}" --servers "$FIXED_ORDER"
has "$out" "update delete exsrv.fabrikam.local. IN A" wrong-nsupdate
hasnt "$out" "cluster1" wrong-nsupdate
hasnt "$out" "order must change" wrong-nsupdate
cp "$out" "$LAB_DIR/wrong.nsupdate"
run 0 wrong-dnscmd fix --emit dnscmd "${NAMES[@]}" --servers "$FIXED_ORDER"
grep -A1 -F "dnscmd 127.0.0.1 /RecordDelete fabrikam.local EXSRV A 172.16.8.99 /f" "$out" |
  grep -qxF "dnscmd 127.0.0.1 /RecordAdd fabrikam.local EXSRV A 172.16.8.31" ||
  { fail "wrong-dnscmd: no RecordDelete of 172.16.8.99 then RecordAdd"; sed 's/^/  | /' "$out"; }
"$NSUPDATE" -t 5 <"$LAB_DIR/wrong.nsupdate" >"$LAB_DIR/nsupdate2.log" 2>&1 ||
  { fail "nsupdate refused the fix_record script"; sed 's/^/  | /' "$LAB_DIR/nsupdate2.log"; }
run 0 corrected-check check "${NAMES[@]}" --servers "$FIXED_ORDER" --json
"${PYTHON3:-python3}" -c 'import json,sys; c=json.load(open(sys.argv[1]))
r=[x for x in c["checks"][-1]["records"] if x["name"]=="exsrv.fabrikam.local" and x["server"].endswith(":"+sys.argv[2])][0]
sys.exit(0 if r["observed"]==["172.16.8.31"] else 1)' "$out" "$LOCAL" ||
  fail "corrected-check: the local DNS does not hold exactly 172.16.8.31 for exsrv"

cli_done
