#!/bin/bash
# The wizard's end-to-end walk (tests/e2e/walk.sh, unchanged), then the wizard among hostile
# DNS servers (tests/e2e/hostile.sh), with the program under valgrind's memcheck: every
# step must pass as without it, and valgrind must find no error
# (a read of uninitialised memory, a bad read, write or free) and no leak, definite or
# indirect, by the time Ctrl-Q ends the program.  When it finds one it exits 97, not 0, and
# the walk's last check (EXIT=0) fails, showing valgrind's log.  "Possibly lost" and "still
# reachable" memory is not a leak here: ncurses keeps its terminal description and its
# tparm cache (a tsearch tree, reached through interior pointers) until the process ends.
# The file descriptors open at exit are listed in the log too.  77 without valgrind and in
# a sanitizer build (valgrind cannot run an AddressSanitizer program); walk.sh itself skips
# without tmux or named.  VALGRIND_SCALE (5) multiplies E2E_SCALE: the program starts
# about a second later under valgrind; its DNS timeouts need no stretching.
set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
: "${VALGRIND:=$(command -v valgrind || echo valgrind)}"
: "${VALGRIND_SCALE:=5}"
prog=$top_builddir/clusterdns
supp=$top_srcdir/tests/e2e/valgrind.supp
status=97 # valgrind's exit status when it found something; clusterdns uses 0 to 2

command -v "$VALGRIND" >/dev/null 2>&1 || { echo "valgrind: not found, skipping" >&2; exit 77; }
[ -x "$prog" ] || { echo "valgrind: $prog is not built, skipping" >&2; exit 77; }
# A sanitizer build links its runtime: the program names its entry points.
if grep -qa -e __asan_init -e __ubsan_handle_ "$prog"; then
    echo "valgrind: $prog is a sanitizer build, skipping (valgrind cannot run it)" >&2
    exit 77
fi

opts=(--error-exitcode="$status" --leak-check=full "--show-leak-kinds=definite,indirect"
    "--errors-for-leak-kinds=definite,indirect" --track-origins=yes --num-callers=30
    --track-fds=yes)
[ -f "$supp" ] && opts+=(--suppressions="$supp")

# Valgrind runs here at all (an unsupported processor or kernel): a hard error, not a
# failure of the program.
if ! out=$("$VALGRIND" -q "${opts[@]}" "$prog" --version 2>&1); then
    echo "valgrind: cannot run $prog --version under $VALGRIND:"
    printf '%s\n' "$out"
    exit 99
fi

E2E_WRAPPER=$(printf '%q ' "$VALGRIND" "${opts[@]}")
E2E_WRAPPER+='--log-file=%q{LAB_DIR}/wrapper.%p.log' # tmux.sh shows LAB_DIR/wrapper.*.log
E2E_SCALE=$(awk -v s="${E2E_SCALE:-1}" -v k="$VALGRIND_SCALE" 'BEGIN { print s * k }')
export top_srcdir top_builddir E2E_WRAPPER E2E_SCALE
rc=0
for t in walk hostile; do
    echo "== $t.sh under valgrind"
    bash "$top_srcdir/tests/e2e/$t.sh" || rc=1
done
exit "$rc"
