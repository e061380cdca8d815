#!/bin/bash
# The probe against real servers: starts the DNS lab (named of every kind, udpfake
# responders, a closed port), runs tests/unit/test_probe with their ports, then applies the
# KB's fix with nsupdate and runs the checks that follow it.  77 (skip) without named or
# without the cmocka test program.

: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
. "$top_srcdir/tests/dnslab/lab.sh"

TEST_PROBE=$top_builddir/tests/unit/test_probe
[ -x "$TEST_PROBE" ] || { echo "probe.sh: $TEST_PROBE is not built (cmocka missing?)" >&2; exit 77; }
lab_have_named || exit 77
lab_init || exit 1

LAB_DELAY_MS=200
lab_named local LAB_PORT_LOCAL &&
    lab_named local-full LAB_PORT_FULL &&
    lab_named internet LAB_PORT_INTERNET &&
    lab_named refuse LAB_PORT_REFUSE &&
    lab_named servfail LAB_PORT_SERVFAIL &&
    lab_silent LAB_PORT_SILENT &&
    lab_garbage LAB_PORT_GARBAGE &&
    lab_wrongid LAB_PORT_WRONGID &&
    lab_short LAB_PORT_SHORT &&
    lab_named hostile LAB_PORT_HOSTILE &&
    lab_oversized LAB_PORT_OVERSIZED &&
    lab_truncated LAB_PORT_TRUNCATED &&
    lab_delay LAB_PORT_DELAY "$LAB_PORT_LOCAL" "$LAB_DELAY_MS" &&
    lab_closed_port LAB_PORT_CLOSED || exit 1
export LAB_PORT_LOCAL LAB_PORT_FULL LAB_PORT_INTERNET LAB_PORT_REFUSE LAB_PORT_SERVFAIL \
    LAB_PORT_SILENT LAB_PORT_GARBAGE LAB_PORT_WRONGID LAB_PORT_SHORT LAB_PORT_DELAY \
    LAB_PORT_CLOSED LAB_DELAY_MS LAB_PORT_HOSTILE LAB_PORT_OVERSIZED LAB_PORT_TRUNCATED

"$TEST_PROBE"
rc=$?
[ "$rc" -eq 0 ] || exit "$rc"

lab_add_host_records "$LAB_PORT_LOCAL" || { echo "probe.sh: nsupdate failed" >&2; exit 1; }
LAB_PHASE=updated "$TEST_PROBE"
