#!/bin/bash
# Text from outside never reaches the terminal raw: arguments (getopt's messages too),
# file names, loaded values and nsupdate's output are shown by the engine's one escape
# policy (engine/text.h) in every message: C0 as \xHH, C1 (U+009B CSI) and bidirectional
# or zero-width format characters (U+202E) as \uXXXX, bytes that are not UTF-8 as \xHH.
# Every byte clusterdns writes here is scanned. The JSON keeps the data, with the same
# characters as \u escapes.
# Exit: 0 pass, 1 fail, 77 skipped (no named, no python3).
set -u
. "$top_srcdir/tests/dnslab/lab.sh"
. "$top_srcdir/tests/integration/cli_assert.sh"

PY=${PYTHON3:-python3}
command -v "$PY" >/dev/null || exit 77

# clean FILE NAME: FILE is UTF-8 with no control character but new line and tab, no C1,
# no bidirectional or zero-width format character.
clean() {
  "$PY" - "$1" <<'EOF' || { fail "$2: unsafe text in $(basename "$1")"; od -c "$1" | head -20 | sed 's/^/  | /'; }
import sys
data = open(sys.argv[1], "rb").read()
try:
    text = data.decode("utf-8")
except UnicodeDecodeError as e:
    print("  not UTF-8 at byte", e.start); sys.exit(1)
for i, ch in enumerate(text):
    c = ord(ch)
    if (c < 0x20 and ch not in "\n\t") or 0x7f <= c <= 0x9f or c in (0x61c, 0xfeff) \
            or 0x200b <= c <= 0x200f or 0x2028 <= c <= 0x202e or 0x2066 <= c <= 0x2069:
        print("  U+%04X at character %d" % (c, i)); sys.exit(1)
EOF
}

# both NAME: stdout and stderr of the last run are clean.
both() { clean "$out" "$1"; clean "$err" "$1"; }

lab_init
CLI_DIR=$LAB_DIR
OSC=$'\e]0;owned\a'
CSI8=$'\xc2\x9b2J'       # C1 CSI, U+009B, then "2J": clears the screen on some terminals
RLO=$'\xe2\x80\xae'      # U+202E RIGHT-TO-LEFT OVERRIDE
NAMES=(--zone fabrikam.local --exchange EXSRV=172.16.8.31 --cluster CLUSTER1=172.16.8.30)

# --- arguments, in each command's messages --------------------------------------------
run 2 exchange check --zone fabrikam.local --exchange "$OSC" --cluster CLUSTER1=172.16.8.30
both exchange
has "$err" '\x1b]0;owned\x07' exchange
run 2 getopt-long check "--$OSC"
both getopt-long
has "$err" "unrecognized option '--\\x1b]0;owned\\x07'" getopt-long
run 2 getopt-short check $'-\e'
both getopt-short
has "$err" "invalid option -- '\\x1b'" getopt-short
run 2 getopt-arg check "${NAMES[@]}" --servers
both getopt-arg
has "$err" "option '--servers' requires an argument" getopt-arg
run 2 wizard-option "--$CSI8"
both wizard-option
has "$err" '\u009b2J' wizard-option
run 2 wizard-command "$RLO"txt.exe
both wizard-command
has "$err" '\u202etxt.exe' wizard-command
run 2 wizard-timeout --timeout "$OSC"
both wizard-timeout
run 2 timeout check "${NAMES[@]}" --timeout "$CSI8"
both timeout
run 2 servers check "${NAMES[@]}" --servers "$CSI8"
both servers
run 2 servers-from check "${NAMES[@]}" --servers-from "$LAB_DIR/$OSC$RLO"
both servers-from
# Pasted Windows text: a C1 CSI in the line of an address that cannot be read, quoted.
printf '   DNS %sServers . . . . . . . . . : 10.0.0.300\n' "$CSI8" >"$LAB_DIR/ipconfig.txt"
run 2 servers-from-c1 check "${NAMES[@]}" --servers-from "$LAB_DIR/ipconfig.txt"
both servers-from-c1
has "$err" 'the first line that could not is "DNS ' servers-from-c1
run 2 emit fix --emit "$OSC" "${NAMES[@]}"
both emit
run 2 interface fix --emit netsh --interface "LAN$RLO" "${NAMES[@]}"
both interface
run 2 import-option import "--$OSC"
both import-option
has "$err" "unrecognized option '--\x1b]0;owned\x07'" import-option
run 2 import-file import "$LAB_DIR/$OSC$RLO.txt"
both import-file
# A cluster group named with U+202E: shown escaped, and a \u escape in the JSON.
printf 'Group                Node            Status\n-------------------- --------------- ------\nEX%sexe.txt          NODEA           Online\nExchange Group 1     NODEA           Online\n' \
  "$RLO" >"$LAB_DIR/groups.txt"
run 0 import-rlo import "$LAB_DIR/groups.txt"
both import-rlo
has "$out" 'EX\u202eexe.txt' import-rlo
run 0 import-rlo-json import --json "$LAB_DIR/groups.txt"
both import-rlo-json
has "$out" '"EX\u202eexe.txt' import-rlo-json
run 2 report-file report "$LAB_DIR/$CSI8$RLO.json"
both report-file
has "$err" '\u009b2J\u202e.json' report-file
run 2 report-extra report a "$OSC"
both report-extra

# --- a loaded value: the group name holds U+202E -----------------------------------------
"$PY" - "$LAB_DIR/rlo.json" <<EOF || fail "rlo.json not written"
import json, sys
json.dump({"schema": "clusterdns-checklist/1", "kb": "Q263029",
           "created": "2026-11-25T12:00:00Z", "updated": "2026-11-25T12:00:00Z",
           "group": "EXVS1$RLO" + "exe.txt", "zone": "fabrikam.local",
           "exchange": {"name": "EXSRV", "fqdn": "exsrv.fabrikam.local", "ip": "172.16.8.31"},
           "cluster": {"name": "CLUSTER1", "fqdn": "cluster1.fabrikam.local",
                       "ip": "172.16.8.30"},
           "steps": []}, open(sys.argv[1], "w"), ensure_ascii=False)
EOF
run 0 report-rlo report "$LAB_DIR/rlo.json"
both report-rlo
has "$out" 'EXVS1\u202eexe.txt' report-rlo
# The JSON: the same group, written with a \u escape; port 9 on loopback is closed.
run 1 json-rlo check --load "$LAB_DIR/rlo.json" --servers 127.0.0.1:9 --timeout 300 --json
both json-rlo
has "$out" '"group":	"EXVS1\u202eexe.txt"' json-rlo
"$PY" -c 'import json,sys; sys.exit(json.load(open(sys.argv[1]))["group"] != "EXVS1\u202eexe.txt")' \
  "$out" || fail "json-rlo: the group does not read back as it was"

# --- nsupdate's own words ------------------------------------------------------------------
if lab_have_named; then
  lab_named local LOCAL || exit 99
  cat >"$LAB_DIR/nsupdate" <<EOF
#!/bin/sh
cat >/dev/null
printf 'update failed: %s %s %s\n' '$OSC' '$CSI8' '$RLO' >&2
exit 2
EOF
  chmod +x "$LAB_DIR/nsupdate"
  NSUPDATE=$LAB_DIR/nsupdate run 1 nsupdate fix --apply --yes "${NAMES[@]}" \
    --servers "127.0.0.1:$LOCAL" --timeout 1000
  both nsupdate
  has "$err" 'update failed: \x1b]0;owned\x07 \u009b2J \u202e' nsupdate
else
  echo "skip: no named, nsupdate's output not tried"
fi

cli_done
