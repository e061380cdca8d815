#!/bin/bash
# The wizard's session and the command line on the same inputs, against the same real
# named servers (the Internet provider's DNS, the local DNS without and with the host
# records, a refusing and a silent server): tests/unit/test_judgements runs both for each
# case and compares every judgement of the two checklists they save.  77 (skip) without
# named or without the cmocka test program.

: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
. "$top_srcdir/tests/dnslab/lab.sh"

TEST=$top_builddir/tests/unit/test_judgements
[ -x "$TEST" ] || {
    echo "judgements.sh: $TEST is not built (cmocka missing?)" >&2
    exit 77
}
lab_have_named || exit 77
lab_init || exit 1

lab_named internet LAB_PORT_INTERNET &&
    lab_named local LAB_PORT_LOCAL &&
    lab_named local-full LAB_PORT_FULL &&
    lab_named refuse LAB_PORT_REFUSE &&
    lab_silent LAB_PORT_SILENT || exit 1
CLUSTERDNS=$top_builddir/clusterdns
# The state folder of the wizard's default target: inside the lab, never the operator's.
XDG_STATE_HOME=$LAB_DIR/state
export LAB_PORT_INTERNET LAB_PORT_LOCAL LAB_PORT_FULL LAB_PORT_REFUSE LAB_PORT_SILENT \
    CLUSTERDNS XDG_STATE_HOME top_srcdir

# Not exec: the EXIT trap stops the servers once the tests end.
"$TEST"
