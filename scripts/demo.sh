#!/bin/bash
# README command (1): installs what is missing, builds, and plays the KB Q263029 scenario
# on loopback with real BIND named servers, then stops them all.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@" # the lab is bash
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
sh scripts/deps.sh
sh scripts/build.sh

export top_srcdir=$top top_builddir=$top/_build
. tests/dnslab/lab.sh
CD=$top_builddir/clusterdns
SAVED=$top_builddir/demo-checklist.json
NAMES=(--zone "$LAB_ZONE" --exchange "$LAB_EXCHANGE_NAME=$LAB_EXCHANGE_IP"
       --cluster "$LAB_CLUSTER_NAME=$LAB_CLUSTER_IP")

step() {
  printf '\n\033[1m== %s\033[0m\n' "$*"
  if [ -t 0 ]; then read -r -p "(Enter to go on) " _; fi
}
show() { printf '$ %s\n' "$*"; "$@" || true; }

lab_init
lab_demo
step "The KB's situation: the node asks an Internet provider's DNS (127.0.0.1:$LAB_PORT_INTERNET) first, then the local DNS (127.0.0.1:$LAB_PORT_LOCAL) that lacks the host records; a refusing and a silent server follow."
show "$CD" check "${NAMES[@]}" --servers "$LAB_SERVERS" --timeout 1000 --output "$SAVED"

step "Add the two host (A) records on the local DNS (it takes dynamic updates from loopback)."
lab_add_host_records "$LAB_PORT_LOCAL"
echo "records added with nsupdate on 127.0.0.1:$LAB_PORT_LOCAL"

step "Check the saved checklist again: the records are there, but the Internet DNS still answers first."
show "$CD" check --load "$SAVED" --timeout 1000 --output "$SAVED"

ORDER=$("${PYTHON3:-python3}" -c 'import json,sys; print(",".join(json.load(open(sys.argv[1]))["recommended_order"]))' "$SAVED")
step "Put the servers in the recommended order ($ORDER) and check again."
show "$CD" check --load "$SAVED" --servers "$ORDER" --timeout 1000 --output "$SAVED"

echo
echo "The checklist is in $SAVED. The demo's servers are stopped now."
