#!/bin/sh
# The whole test suite, as CI runs it: installs what is missing, builds, runs `make check`
# in a plain build and in an AddressSanitizer + UndefinedBehaviorSanitizer build, a short
# fuzzing run, then `make distcheck`. Before all that, README command (1) runs alone in a
# fresh clone of this commit, without a terminal and in one (tests/newcomer.sh).
# Ends with one line "tests: N passed, N failed, N skipped".
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
passed=0 failed=0 skipped=0
newcomer() { # README command (1) in a fresh clone of this commit, nothing built
  echo "== README command (1) as a newcomer runs it: $1"
  if bash tests/newcomer.sh "$1"; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
}
# First, before anything is built here: command (1) alone also installs what it needs.
newcomer notty
sh scripts/deps.sh || exit 1
newcomer tty
count() { # $1 = build folder: add the harness's totals from its test-suite.log
  log="$1/test-suite.log"
  [ -f "$log" ] || { failed=$((failed + 1)); return; }
  p=$(sed -n 's/^# PASS: *//p' "$log"); f=$(sed -n 's/^# FAIL: *//p' "$log")
  x=$(sed -n 's/^# XPASS: *//p' "$log"); e=$(sed -n 's/^# ERROR: *//p' "$log")
  s=$(sed -n 's/^# SKIP: *//p' "$log")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0} + ${x:-0} + ${e:-0}))
  skipped=$((skipped + ${s:-0}))
}
suite() { # $1 = build folder, then configure options
  dir=$1; shift
  echo "== make check in $dir $*"
  if ! sh scripts/build.sh "$top/$dir" "$@"; then
    echo "build failed in $dir"; failed=$((failed + 1)); return
  fi
  if (cd "$dir" && make -j2 check); then
    count "$dir"
  else
    cat "$dir"/tests/*/*.log "$dir"/tests/*.log 2>/dev/null | tail -n 80
    before=$failed
    count "$dir"
    # make check failed outside the tests (check-local: layering, POTFILES): a failure too.
    [ "$failed" -gt "$before" ] || { echo "make check failed in $dir"; failed=$((failed + 1)); }
  fi
}

suite _build
suite _build-asan --enable-sanitizers CFLAGS="-g -O1"
echo "== make fuzz FUZZ_SECONDS=10 (libFuzzer, every target)"
if (cd _build && make fuzz FUZZ_SECONDS=10 >fuzz.log 2>&1); then
  passed=$((passed + 1)); tail -n 7 _build/fuzz.log
else
  tail -n 40 _build/fuzz.log; failed=$((failed + 1))
fi
echo "== make distcheck"
if ! (cd _build && make -j2 distcheck >distcheck.log 2>&1); then
  tail -n 40 _build/distcheck.log; failed=$((failed + 1))
fi

# A skip in CI hides a missing server or package: count it as a failure there.
if [ "${CI:-}" = true ] && [ "$skipped" -gt 0 ]; then failed=$((failed + skipped)); fi
echo "tests: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
