#!/bin/bash
# Few file descriptors: `ulimit -n 16` and 32 answering DNS servers (udpfake relays to one
# named that holds both records). Running out of descriptors never reads as an answer: the
# servers are asked in waves as descriptors free, every one answers, none reads as "port
# closed", and the verdict is the real one (PASS). The engine's probe tests
# (tests/unit/test_probe.c) cover the case where nothing can be opened at all: not asked,
# with the reason, and never a pass.
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
lab_init
lab_named local LOCAL || exit 99
lab_add_host_records "$LOCAL" || exit 99
SERVERS=
for i in $(seq 1 32); do
  lab_delay "PORT_$i" "$LOCAL" 20 || exit 99
  port=PORT_$i
  SERVERS+=${SERVERS:+,}127.0.0.1:${!port}
done
NAMES=(--zone fabrikam.local --exchange EXSRV=172.16.8.31 --cluster CLUSTER1=172.16.8.30)

# limited N NAME ARGS...: clusterdns ARGS with at most N descriptors, out and err kept.
limited() {
  local n=$1 name=$2
  shift 2
  out=$LAB_DIR/$name.out err=$LAB_DIR/$name.err
  ( ulimit -n "$n" && exec "$CD" "$@" ) </dev/null >"$out" 2>"$err"
}

run 0 plenty check "${NAMES[@]}" --servers "$SERVERS" --timeout 2000 --json
limited 16 few check "${NAMES[@]}" --servers "$SERVERS" --timeout 2000 --json
rc=$?
[ "$rc" -eq 0 ] && ok "few: exit 0" || { fail "few: exit $rc, expected 0"; sed 's/^/  | /' "$err"; }
"$PY" - "$out" <<'EOF' && ok "few: all 32 servers reachable, no record unanswered, PASS" || fail "few: not every server was asked"
import json, sys
run = json.load(open(sys.argv[1]))["checks"][-1] # the check just made
servers = run["servers"]
bad = [s["address"] + ":" + str(s["port"]) for s in servers if s["reachable"] is not True]
outcomes = {r["outcome"] for r in run["records"]} | {s["zone_reply"] for s in servers}
print("  servers:", len(servers), "not reachable:", bad[:5], "outcomes:", sorted(outcomes),
      "verdict:", run["verdict"])
sys.exit(0 if len(servers) == 32 and not bad and outcomes <= {"answer"}
         and run["verdict"] == "pass" else 1)
EOF
hasnt "$out" connrefused few
empty "$err" few

limited 16 few-report check "${NAMES[@]}" --servers "$SERVERS" --timeout 2000
hasnt "$out" "port closed" few-report
has "$out" "Verdict: PASS" few-report

cli_done
