#!/bin/bash
# The key storm: the real wizard on a pty (tests/storm/storm) under random keys, pastes
# (bracketed and not, real Windows text mixed with control bytes, C1 controls and bytes
# that are not UTF-8) and resizes, against real named servers; the wizard's fix sends go
# to a fake nsupdate, its files to the lab's folder. It fails on a crash, a sanitizer
# report (ASan and UBSan write to the lab's folder) or a hang (keys left unread, or F1 not
# answered).
# STORM_SECONDS: how long (default 60 in a sanitizer build, where `make check` runs it as
# the short storm, else 15); `make fuzz` runs it for FUZZ_SECONDS. STORM_SEED: the seed of
# a storm to run again. 77 without named.
set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
. "$top_srcdir/tests/dnslab/lab.sh"

STORM=$top_builddir/tests/storm/storm
[ -x "$STORM" ] || { echo "storm: $STORM is not built" >&2; exit 77; }
lab_have_named || exit 77
if grep -q -- '-fsanitize' "$top_builddir/Makefile" 2>/dev/null; then
  : "${STORM_SECONDS:=60}"
  HANG_MS=10000 # an ASan build is slower; a hang is still a hang
else
  : "${STORM_SECONDS:=15}"
  HANG_MS=5000
fi
lab_init || exit 99
lab_named internet INTERNET && lab_named local LOCAL || exit 99

cat >"$LAB_DIR/nsupdate" <<'EOS'
#!/bin/sh
cat >/dev/null
exit 0
EOS
chmod +x "$LAB_DIR/nsupdate"
mkdir -p "$LAB_DIR/state"
SAN=$LAB_DIR/sanitizer
export TERM=xterm-256color LANG=C.UTF-8 LC_ALL= LANGUAGE= HOME=$LAB_DIR \
  XDG_STATE_HOME=$LAB_DIR/state NSUPDATE=$LAB_DIR/nsupdate
export ASAN_OPTIONS="log_path=$SAN:detect_leaks=1:abort_on_error=0:${ASAN_OPTIONS:-}"
export UBSAN_OPTIONS="log_path=$SAN:print_stacktrace=1:halt_on_error=1:${UBSAN_OPTIONS:-}"
unset NO_COLOR TMUX

args=(-t "$STORM_SECONDS" -p "$top_srcdir/tests/samples" -l "$SAN" -w "$HANG_MS")
[ -n "${STORM_SEED:-}" ] && args+=(-s "$STORM_SEED")
"$STORM" "${args[@]}" -- "$top_builddir/clusterdns" \
  --servers "127.0.0.1:$INTERNET,127.0.0.1:$LOCAL" --timeout 300 --output "$LAB_DIR/storm.json"
