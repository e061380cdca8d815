#!/bin/sh
# Installs what clusterdns needs to build, test and run its demo, from Debian's packages.
# Does nothing when everything is there already.
set -eu
PACKAGES="gcc make autoconf automake autopoint gettext pkg-config xz-utils
  libc-ares-dev libcjson-dev libcmocka-dev libncurses-dev
  bind9 bind9-utils bind9-dnsutils python3 python3-jsonschema tmux locales"

missing=""
for p in $PACKAGES; do
  dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' ||
    missing="$missing $p"
done
[ -z "$missing" ] && exit 0

echo "deps: installing$missing"
if [ "$(id -u)" -ne 0 ]; then
  echo "deps: run as root, or: sudo apt-get install$missing" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends $missing >/dev/null
# named's package may start a system server on port 53; the tests never use it.
