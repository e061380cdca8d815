#!/bin/bash
# README command (1): installs what is missing, builds, brings up the KB Q263029 situation
# on loopback with real BIND named servers, and opens the wizard on it. Leaving the wizard
# stops every demo server. Without a terminal it plays the same story with `clusterdns check`.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@" # the lab is bash
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
sh scripts/deps.sh
sh scripts/build.sh
build=$top/_build

export top_srcdir=$top top_builddir=$build
# The catalogues this build made (Makefile.am's all-local): the wizard speaks $LANG uninstalled.
export CLUSTERDNS_LOCALEDIR=$build/share/locale
. tests/dnslab/lab.sh
CD=$top_builddir/clusterdns
SAVED=$top_builddir/demo-checklist.json
NAMES=(--zone "$LAB_ZONE" --exchange "$LAB_EXCHANGE_NAME=$LAB_EXCHANGE_IP"
       --cluster "$LAB_CLUSTER_NAME=$LAB_CLUSTER_IP")

lab_init
lab_demo

# What the local DNS administrator would do in DNS Manager, as a script for a second terminal.
cat >"$LAB_DIR/add-records.sh" <<SCRIPT
#!/bin/bash
export top_srcdir=$top top_builddir=$top_builddir LAB_DIR=$LAB_DIR
. $top/tests/dnslab/lab.sh
lab_add_host_records $LAB_PORT_LOCAL && echo "Host records added on the local DNS 127.0.0.1:$LAB_PORT_LOCAL."
SCRIPT

if [ -t 0 ] && [ -t 1 ]; then
  cat <<INTRO

The KB's situation is running on loopback:
  127.0.0.1:$LAB_PORT_INTERNET  an Internet provider's DNS, listed first: "name does not exist"
  127.0.0.1:$LAB_PORT_LOCAL  the local DNS (NT 4.0 in the KB), without the two host records
  127.0.0.1:$LAB_PORT_SLOW  a slow server (400 ms), 127.0.0.1:$LAB_PORT_REFUSE one that refuses,
  127.0.0.1:$LAB_PORT_SILENT a silent one

In the wizard, use:  zone $LAB_ZONE
                     Exchange $LAB_EXCHANGE_NAME $LAB_EXCHANGE_IP, cluster $LAB_CLUSTER_NAME $LAB_CLUSTER_IP
                     group "Exchange Group 1" (or paste tests/samples/cluster-group.txt)
On the host records step, F shows the fix in each form (the KB's NT 4.0 DNS Manager steps
among them) and A adds the records by dynamic update: the demo's local DNS takes updates
from loopback, as a Windows 2000 DNS would. Or add them as an administrator would, in
another terminal:  bash $LAB_DIR/add-records.sh  and press C to check again.

INTRO
  read -r -p "Press Enter to open the wizard. " _
  "$CD" --servers "$LAB_SERVERS" --timeout 1000 --output "$SAVED" || true
  echo "The checklist is in $SAVED (if you saved it). The demo's servers are stopped now."
  exit 0
fi

status=0
show() { printf '\n$ %s\n' "$*"; "$@" && status=0 || status=$?; }
echo "== The KB's situation: the Internet provider's DNS first, the local DNS without the records."
show "$CD" check "${NAMES[@]}" --servers "$LAB_SERVERS" --timeout 1000 --output "$SAVED"
echo "== The host records added on the local DNS (nsupdate), then checked again."
bash "$LAB_DIR/add-records.sh"
show "$CD" check --load "$SAVED" --timeout 1000 --output "$SAVED"
ORDER=$("${PYTHON3:-python3}" -c 'import json,sys; print(",".join(json.load(open(sys.argv[1]))["checks"][-1]["recommended_order"]))' "$SAVED")
echo "== The servers in the recommended order, local DNS first."
show "$CD" check --load "$SAVED" --servers "$ORDER" --timeout 1000 --output "$SAVED"
echo "The checklist is in $SAVED. The demo's servers are stopped now."
exit "$status" # 0: the last check passed, as the story should end
