#!/bin/sh
# Bootstraps (autoreconf) when needed and builds in _build/ (or $1), out of the source tree.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$top/_build}
if [ $# -gt 0 ]; then shift; fi
cd "$top"
[ -x configure ] && [ configure -nt configure.ac ] || autoreconf -fi >/dev/null 2>&1 || autoreconf -fi
mkdir -p "$build"
cd "$build"
[ -f Makefile ] || "$top/configure" --quiet "$@"
make -j"$(nproc)" >/dev/null
