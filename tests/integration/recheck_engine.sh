#!/bin/bash
# The ask queue and recheck against real servers: starts the DNS lab (a named holding the
# records, the Internet provider's named, a silent server, a forwarder that loses the first
# query of every tenth new question, one that answers after 200 ms) and runs
# tests/unit/test_recheck with their ports.
# 77 (skip) without named or without the cmocka test program.

: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
. "$top_srcdir/tests/dnslab/lab.sh"

TEST_RECHECK=$top_builddir/tests/unit/test_recheck
[ -x "$TEST_RECHECK" ] || { echo "recheck_engine.sh: $TEST_RECHECK is not built (cmocka missing?)" >&2; exit 77; }
lab_have_named || exit 77
lab_init || exit 1

LAB_LOSSY_EVERY=10
lab_named local-full LAB_PORT_FULL &&
    lab_named internet LAB_PORT_INTERNET &&
    lab_silent LAB_PORT_SILENT &&
    lab_lossy LAB_PORT_LOSSY "$LAB_PORT_INTERNET" "$LAB_LOSSY_EVERY" &&
    lab_delay LAB_PORT_SLOW "$LAB_PORT_FULL" 200 || exit 1
export LAB_PORT_FULL LAB_PORT_INTERNET LAB_PORT_SILENT LAB_PORT_LOSSY LAB_LOSSY_EVERY LAB_PORT_SLOW

"$TEST_RECHECK"
