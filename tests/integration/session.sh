#!/bin/bash
# The wizard's session against real servers: starts named as the Internet provider's DNS,
# as the local DNS without the host records (the KB's situation) and as the local DNS with
# them (after the fix), then runs tests/unit/test_session with SESSION_LAB=1, which adds the
# tests that drive the session's own poll loop against them.  77 (skip) without named or
# without the cmocka test program.

: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
. "$top_srcdir/tests/dnslab/lab.sh"

TEST_SESSION=$top_builddir/tests/unit/test_session
[ -x "$TEST_SESSION" ] || {
    echo "session.sh: $TEST_SESSION is not built (cmocka missing?)" >&2
    exit 77
}
lab_have_named || exit 77
lab_init || exit 1

lab_named internet LAB_PORT_INTERNET &&
    lab_named local LAB_PORT_LOCAL &&
    lab_named local-full LAB_PORT_FULL || exit 1
export LAB_PORT_INTERNET LAB_PORT_LOCAL LAB_PORT_FULL top_srcdir

# Not exec: the EXIT trap stops the servers once the tests end.
SESSION_LAB=1 "$TEST_SESSION"
