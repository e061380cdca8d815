#!/bin/bash
# Hostile and broken checklists, loaded by check, fix and report:
#   - "\u0000" in a string (cJSON would cut "al\u0000ice; rm -rf /" to "al") and other
#     control characters are refused, naming the field;
#   - out of memory while parsing a 1.3 MB checklist says "out of memory", never
#     "malformed JSON" (ulimit -v over a range of limits; not in a sanitizer build, whose
#     shadow memory no such limit leaves room for);
#   - a server list naming 0.0.0.0, 255.255.255.255, a multicast address, :: or an
#     IPv4-mapped address is refused by the rules of --servers, naming the entry; these run
#     in a network namespace of their own (unshare -n), so that nothing could leave the
#     machine even while the bug is there;
#   - a load never drops a server: positions 1, 5, 9, 13 keep all four, a lone position 2
#     is asked.
# Exit: 0 pass, 1 fail, 77 skipped (no python3).
set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
. "$top_srcdir/tests/dnslab/lab.sh"
. "$top_srcdir/tests/integration/cli_assert.sh"

PY=${PYTHON3:-python3}
command -v "$PY" >/dev/null || exit 77
lab_init
CLI_DIR=$LAB_DIR
export LC_ALL=C

# checklist FILE PYTHON: a checklist with the KB's names, changed by PYTHON (on c).
checklist() {
  "$PY" - "$1" "$2" <<'EOF' || fail "checklist $1: not written"
import json, sys
c = {"schema": "clusterdns-checklist/1", "kb": "Q263029",
     "created": "2026-11-25T12:00:00Z", "updated": "2026-11-25T12:00:00Z",
     "zone": "fabrikam.local",
     "exchange": {"name": "EXSRV", "fqdn": "exsrv.fabrikam.local", "ip": "172.16.8.31"},
     "cluster": {"name": "CLUSTER1", "fqdn": "cluster1.fabrikam.local", "ip": "172.16.8.30"},
     "dns_servers": [], "steps": []}
exec(sys.argv[2])
open(sys.argv[1], "w").write(json.dumps(c))
EOF
}

# --- NUL and other control characters in loaded text -------------------------------------
F=$LAB_DIR/nul.json
checklist "$F" 'c["operator"] = "al\0ice; rm -rf /"'
grep -qF 'al\u0000ice' "$F" || fail "nul.json does not hold the escape"
run 2 nul-report report "$F"
has "$err" "operator: control characters are not allowed" nul-report
empty "$out" nul-report
run 2 nul-fix fix --emit nt4 --load "$F"
has "$err" "operator: control characters are not allowed" nul-fix
checklist "$F" 'c["steps"] = [{"id": "names", "status": "done\0", "notes": "x"}]'
run 2 nul-enum report "$F"
has "$err" "steps[0].status: unknown value" nul-enum
checklist "$F" 'c["group"] = "Exchange\x1b]0;x\x07Group"'
run 2 esc-report report "$F"
has "$err" "group: control characters are not allowed" esc-report

# --- out of memory while parsing ------------------------------------------------------------
if grep -q -- '-fsanitize' "$top_builddir/Makefile" 2>/dev/null; then
  echo "skip: a sanitizer build, ulimit -v leaves it no room"
else
  BIG=$LAB_DIR/big.json
  checklist "$BIG" 'c["records"] = [{"server": "127.0.0.1", "name": "exsrv%04d.fabrikam.local" % i,
    "type": "A", "expected": "172.16.8.31", "status": "wrong", "outcome": "answer",
    "observed": ["%s.example.%d" % ("x" * 150, k) for k in range(7)]} for i in range(1024)]'
  oom=0 loaded=0
  for kb in $(seq 3000 250 24000); do
    ( ulimit -v "$kb"; "$CD" report "$BIG" >/dev/null 2>"$LAB_DIR/oom.err" )
    rc=$?
    if grep -q "malformed JSON" "$LAB_DIR/oom.err"; then
      fail "oom: at ulimit -v $kb: $(cat "$LAB_DIR/oom.err")"
    elif grep -q "out of memory" "$LAB_DIR/oom.err"; then
      oom=$((oom + 1))
    elif [ "$rc" -eq 0 ]; then
      loaded=$((loaded + 1))
    fi
  done
  [ "$oom" -gt 0 ] && [ "$loaded" -gt 0 ] &&
    ok "oom: $oom limits said out of memory, $loaded loaded, none said malformed JSON" ||
    fail "oom: the limits did not cover both outcomes ($oom out of memory, $loaded loaded)"
fi

# --- server lists: the rules of --servers, in a network namespace of their own -------------
NS=
for opt in -n -rn; do
  if unshare "$opt" true 2>/dev/null; then NS=$opt; break; fi
done
if [ -z "$NS" ]; then
  echo "skip: no network namespace (unshare -n or -rn): server lists not tried"
else
  printf '#!/bin/sh\nexec unshare %s -- "%s" "$@"\n' "$NS" "$CD" >"$LAB_DIR/isolated"
  chmod +x "$LAB_DIR/isolated"
  CD=$LAB_DIR/isolated
  for addr in 0.0.0.0 255.255.255.255 224.0.0.251 239.255.255.250 :: ::ffff:172.16.8.5 ff02::1; do
    checklist "$F" "c['dns_servers'] = [{'address': '127.0.0.1', 'port': 9}, {'address': '$addr'}]"
    run 2 "address-$addr" check --load "$F" --timeout 300
    has "$err" "DNS server: $addr is" "address-$addr"
    empty "$out" "address-$addr"
  done
  # servers POSITIONS...: the servers of a checklist at these positions, on closed ports.
  servers() {
    local list="" p
    for p in "$@"; do list+="{'address': '127.0.0.$p', 'port': 9, 'position': $p},"; done
    checklist "$F" "c['dns_servers'] = [$list]"
  }
  count() {
    "$PY" -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["dns_servers"]))' "$out" 2>/dev/null
  }
  servers 1 5 9 13
  run 1 gaps check --load "$F" --timeout 300 --json
  [ "$(count)" = 4 ] && ok "gaps: all four servers asked" || fail "gaps: $(count) servers asked, not 4"
  servers 2
  run 1 lone-2 check --load "$F" --timeout 300 --json
  hasnt "$err" "no DNS server to ask" lone-2
  [ "$(count)" = 1 ] && ok "lone-2: the server at position 2 is asked" || fail "lone-2: $(count) servers"
fi

cli_done
