#!/bin/sh
# Installs what clusterdns needs to build, test and run its demo, from Debian's packages,
# and the German and French locales the translation tests run in. Does nothing when
# everything is there already.
set -eu
PACKAGES="gcc make autoconf automake autopoint gettext pkg-config xz-utils
  libc-ares-dev libcjson-dev libcmocka-dev libncurses-dev ncurses-term
  bind9 bind9-utils bind9-dnsutils python3 python3-jsonschema tmux locales
  clang libclang-rt-14-dev dialog valgrind time"
LOCALES="de_DE.UTF-8 fr_FR.UTF-8"

missing=""
for p in $PACKAGES; do
  dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' ||
    missing="$missing $p"
done
missing_locales=""
for l in $LOCALES; do
  # locale -a spells them de_DE.utf8
  norm=$(echo "$l" | sed 's/UTF-8/utf8/')
  locale -a 2>/dev/null | grep -qx "$norm" || missing_locales="$missing_locales $l"
done
[ -z "$missing$missing_locales" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  [ -n "$missing" ] && echo "deps: run as root, or: sudo apt-get install$missing" >&2
  [ -n "$missing_locales" ] && echo "deps: locales missing (tests skip them):$missing_locales" >&2
  [ -z "$missing" ]
  exit
fi
if [ -n "$missing" ]; then
  echo "deps: installing$missing"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
if [ -n "$missing_locales" ]; then
  echo "deps: generating locales$missing_locales"
  for l in $missing_locales; do
    sed -i "s/^# *$l UTF-8/$l UTF-8/" /etc/locale.gen
    grep -q "^$l UTF-8" /etc/locale.gen || echo "$l UTF-8" >>/etc/locale.gen
  done
  locale-gen >/dev/null
fi
