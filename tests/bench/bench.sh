#!/bin/bash
# shellcheck disable=SC1091,SC2153 # lab.sh is found at run time and sets NAMED, P_* ...
# The benchmark (`make bench`, issue 6): `clusterdns check` against real named on loopback,
# behind udpfake forwarders that hold each reply a fixed time.  Not part of `make check`.
#
#   Scenario A  three servers at ~1 ms ("local"), 50 ms ("Internet provider") and 150 ms
#               ("slow"): the check, the dig loop an admin would run instead (one dig per
#               question the check sends, one after another) and the floor (the slowest
#               delay).  Targets: check/floor <= 1.3, dig-loop/check >= 5.
#   Scenario B  A plus a silent server, --progress: when each answering server's stderr
#               line arrives (target for the 150 ms one: <= 1.3 x 150 ms) and when the
#               whole check ends (target: about one timeout, <= 1.1 x timeout).
#   Scaling     1 to 32 servers at 50 ms each (the CLI always asks for 2 names), then 2 to
#               16 names on 32 servers through the engine's probe (probe_scale): median
#               time / 50 ms (target: every size <= 1.3).
#   Wizard      the wizard's first paint (start to its first full screen on an 80x24 pty)
#               and its peak RSS, by firstpaint, beside `dialog --msgbox` as the yardstick
#               (targets: < 50 ms, < 10 MB; dialog is optional); and scenario B on its
#               screen: the names typed on step 3 with a 150 ms Internet provider's DNS and
#               a silent server listed, the time until the 150 ms server's answer is on the
#               screen (target: <= 1.3 x 150 ms).
#   Recheck     `clusterdns recheck` of 1000 checklists generated against A's servers (all
#               files share the servers and differ in their Exchange and cluster names),
#               under ulimit -n 256: the wall time (target <= 1.5 x 150 ms + 100 ms), the
#               same with the silent server too (target <= timeout + 20 %), against the
#               shell loop of `check --load` over the same files (50 files timed, scaled
#               to 1000; target >= 50 x), peak RSS (target <= 64 MB), and 10 to 10 000 files.
#
# Environment: top_srcdir, top_builddir (as the tests), NAMED, DIG (as lab.sh),
# FIRSTPAINT, PROBE_SCALE (default: tests/bench/firstpaint, probe_scale in top_builddir),
# DIALOG (default: dialog),
# BENCH_REPS (repetitions per measure, default 7), BENCH_TIMEOUT (ms, default 2000),
# BENCH_STRICT=1 (exit 1 when a target is missed; by default only a setup error fails).
# Traffic goes only to 127.0.0.1.
set -u

: "${top_srcdir:=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
. "$top_srcdir/tests/dnslab/lab.sh"

REPS=${BENCH_REPS:-7}
TIMEOUT=${BENCH_TIMEOUT:-2000}
CLUSTERDNS=$top_builddir/clusterdns
SIZES=(1 2 4 8 16 32)
TARGET_FLOOR=1.3   # check / floor, at most
TARGET_DIG=5       # dig loop / check, at least
TARGET_PROGRESS=1.3 # 150 ms server's progress line / 150 ms, at most
TARGET_TOTAL_B=1.1 # scenario B's whole check / timeout, at most
TARGET_SCALE=1.3   # scaling: time / 50 ms, at most, at every size
TARGET_PAINT_MS=50 # wizard: start to first painted screen, below
TARGET_RSS_MB=10   # wizard: peak RSS, below
TARGET_RECHECK_MS=325  # recheck of 1000 files: 1.5 x 150 ms + 100 ms, at most
TARGET_RECHECK_B=1.2   # the same with a silent server / timeout, at most
TARGET_LOOP=50         # the check --load loop / recheck, at least
TARGET_RECHECK_MB=64   # recheck's peak RSS, at most
RECHECK_SIZES=(10 100 1000 10000)
GEN=${GEN:-$top_builddir/tests/integration/gen_checklists}
FIRSTPAINT=${FIRSTPAINT:-$top_builddir/tests/bench/firstpaint}
PROBE_SCALE=${PROBE_SCALE:-$top_builddir/tests/bench/probe_scale}
NAME_SIZES=(2 4 8 16)
DIALOG=${DIALOG:-dialog}

[[ $REPS =~ ^[1-9][0-9]*$ ]] || { echo "bench: BENCH_REPS must be a positive integer" >&2; exit 2; }
[[ $TIMEOUT =~ ^[1-9][0-9]*$ ]] || { echo "bench: BENCH_TIMEOUT must be a positive integer" >&2; exit 2; }
[ -x "$CLUSTERDNS" ] || { echo "bench: $CLUSTERDNS is not built" >&2; exit 1; }
[ -x "$FIRSTPAINT" ] || { echo "bench: $FIRSTPAINT is not built" >&2; exit 1; }
[ -x "$PROBE_SCALE" ] || { echo "bench: $PROBE_SCALE is not built" >&2; exit 1; }
[ -x "$GEN" ] || { echo "bench: $GEN is not built" >&2; exit 1; }
lab_have_named || { echo "bench: the DNS lab cannot run here (named, dig, udpfake)" >&2; exit 1; }

# --- helpers -----------------------------------------------------------------------------

# stamp VAR: wall clock in microseconds into VAR, without a fork (bash 5's EPOCHREALTIME;
# date +%s%N elsewhere).
stamp() {
    if [ -n "${EPOCHREALTIME:-}" ]; then
        local stamp__t=${EPOCHREALTIME/[.,]/}
        printf -v "$1" '%s' "$((10#$stamp__t))"
    else
        printf -v "$1" '%s' "$(($(date +%s%N) / 1000))"
    fi
}

median() { # median N... -> the middle value (the lower middle for an even count)
    local sorted
    mapfile -t sorted < <(printf '%s\n' "$@" | sort -n)
    printf '%s' "${sorted[$(((${#sorted[@]} - 1) / 2))]}"
}

ms() { # ms MICROSECONDS -> "123.4"
    awk -v u="$1" 'BEGIN { printf "%.1f", u / 1000 }'
}

mb() { # mb KB -> "3.1" (MiB)
    awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'
}

ratio() { # ratio A B -> A/B with two decimals
    awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'
}

le() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a <= b) }'; }
lt() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a < b) }'; }
ge() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a >= b) }'; }

VERDICTS=()
MISSED=0
verdict() { # verdict OK|MISS TEXT
    if [ "$1" = OK ]; then
        VERDICTS+=("met     $2")
    else
        VERDICTS+=("MISSED  $2")
        MISSED=$((MISSED + 1))
    fi
}

die() {
    echo "bench: $*" >&2
    exit 1
}

NAMES=(--zone "$LAB_ZONE" --exchange "$LAB_EXCHANGE_NAME=$LAB_EXCHANGE_IP"
    --cluster "$LAB_CLUSTER_NAME=$LAB_CLUSTER_IP")
EXSRV_FQDN=${LAB_EXCHANGE_NAME,,}.${LAB_ZONE,,}
CLUSTER_FQDN=${LAB_CLUSTER_NAME,,}.${LAB_ZONE,,}
# The five questions the check asks each server, as "NAME TYPE".
QUESTIONS=("$LAB_ZONE SOA" "$EXSRV_FQDN A" "$CLUSTER_FQDN A"
    "$(zones_ptr_name "$LAB_EXCHANGE_IP") PTR" "$(zones_ptr_name "$LAB_CLUSTER_IP") PTR")

# run_check OK_CODES SERVERS [ARGS...]: one timed `clusterdns check`; sets ELAPSED (us).
# Fails when the exit status is not one of OK_CODES (e.g. "0" or "0 1").
run_check() {
    local ok=$1 servers=$2 t0 t1 rc
    shift 2
    stamp t0
    "$CLUSTERDNS" check "${NAMES[@]}" --servers "$servers" --timeout "$TIMEOUT" "$@" \
        >"$LAB_DIR/check.out" 2>"$LAB_DIR/check.err"
    rc=$?
    stamp t1
    ELAPSED=$((t1 - t0))
    [[ " $ok " == *" $rc "* ]] ||
        die "clusterdns check exited $rc (expected $ok); servers $servers; output:
$(cat "$LAB_DIR/check.out" "$LAB_DIR/check.err")"
}

# time_check OK_CODES SERVERS: REPS timed checks after one warm-up; sets MEDIAN (us).
time_check() {
    local i all=()
    run_check "$@" # warm-up: page cache, named's first answers
    for ((i = 0; i < REPS; i++)); do
        run_check "$@"
        all+=("$ELAPSED")
    done
    MEDIAN=$(median "${all[@]}")
}

# dig_loop PORT...: every question to every server, one dig each, one after another, as
# an admin would; sets ELAPSED (us).  The answers are checked after the clock stops.
dig_loop() {
    local t0 t1 port q
    : >"$LAB_DIR/dig.out"
    stamp t0
    for port in "$@"; do
        for q in "${QUESTIONS[@]}"; do
            # shellcheck disable=SC2086 # q is "NAME TYPE"
            "$DIG" @127.0.0.1 -p "$port" +tries=1 +time=2 $q >>"$LAB_DIR/dig.out" 2>&1
        done
    done
    stamp t1
    ELAPSED=$((t1 - t0))
    local want=$(($# * ${#QUESTIONS[@]})) got
    got=$(grep -c 'status: NOERROR' "$LAB_DIR/dig.out")
    [ "$got" -eq "$want" ] || die "dig loop: $got of $want answers were NOERROR"
}

# stamp_lines T0: each line of standard input, prefixed by the microseconds since T0 at
# which it arrived.
stamp_lines() {
    local t0=$1 line t
    while IFS= read -r line; do
        stamp t
        printf '%s %s\n' "$((t - t0))" "$line"
    done
}

# --- the lab -----------------------------------------------------------------------------

lab_init
# Thousands of questions reach the one named behind the forwarders at once (recheck).
export LAB_NAMED_OPTIONS="udp-receive-buffer 8388608;"
echo "bench: starting the lab (named local-full, forwarders)..." >&2
lab_named local-full NAMED_PORT || die "named did not start"
lab_delay P_LOCAL "$NAMED_PORT" 1 || die "forwarder"
lab_delay P_ISP "$NAMED_PORT" 50 || die "forwarder"
lab_delay P_SLOW "$NAMED_PORT" 150 || die "forwarder"
lab_silent P_SILENT || die "silent server"
lab_named internet INTERNET_PORT || die "named (internet) did not start"
lab_delay P_SLOW_ISP "$INTERNET_PORT" 150 || die "forwarder"
SCALE_PORTS=()
for ((i = 0; i < ${SIZES[-1]}; i++)); do
    lab_delay p "$NAMED_PORT" 50 || die "forwarder"
    SCALE_PORTS+=("$p")
done

A_SERVERS=127.0.0.1:$P_LOCAL,127.0.0.1:$P_ISP,127.0.0.1:$P_SLOW
B_SERVERS=$A_SERVERS,127.0.0.1:$P_SILENT
FLOOR_US=150000

echo "clusterdns benchmark: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPUs," \
    "$("$NAMED" -v 2>/dev/null | head -n 1), $REPS repetitions (medians), timeout $TIMEOUT ms"
echo "clusterdns: $CLUSTERDNS"
echo

# --- scenario A --------------------------------------------------------------------------

echo "bench: scenario A..." >&2
time_check 0 "127.0.0.1:$P_LOCAL"
A_FIXED=$MEDIAN
time_check 0 "$A_SERVERS"
A_CHECK=$MEDIAN
dig_loop "$P_LOCAL" "$P_ISP" "$P_SLOW" # warm-up
all=()
for ((r = 0; r < REPS; r++)); do
    dig_loop "$P_LOCAL" "$P_ISP" "$P_SLOW"
    all+=("$ELAPSED")
done
A_DIG=$(median "${all[@]}")
A_IDEAL=$(((1000 + 50000 + 150000) * ${#QUESTIONS[@]})) # the delays alone, one after another

R_FLOOR=$(ratio "$A_CHECK" "$FLOOR_US")
R_DIG=$(ratio "$A_DIG" "$A_CHECK")
echo "Scenario A: 3 servers (~1, 50, 150 ms), ${#QUESTIONS[@]} questions each"
printf '  %-48s %10s  %s\n' "measure" "median" "ratio"
printf '  %-48s %7s ms\n' "floor (slowest server's delay)" "$(ms $FLOOR_US)"
printf '  %-48s %7s ms\n' "clusterdns check, ~1 ms server alone (overhead)" "$(ms "$A_FIXED")"
printf '  %-48s %7s ms  check/floor     %s  (target <= %s)\n' "clusterdns check, 3 servers" \
    "$(ms "$A_CHECK")" "$R_FLOOR" "$TARGET_FLOOR"
printf '  %-48s %7s ms  dig-loop/check  %s  (target >= %s; delays alone: %s)\n' \
    "dig loop, $((3 * ${#QUESTIONS[@]})) digs one after another" "$(ms "$A_DIG")" "$R_DIG" \
    "$TARGET_DIG" "$(ratio "$A_IDEAL" "$FLOOR_US")"
echo
if le "$R_FLOOR" "$TARGET_FLOOR"; then s=OK; else s=MISS; fi
verdict $s "A  check/floor    $R_FLOOR <= $TARGET_FLOOR"
if ge "$R_DIG" "$TARGET_DIG"; then s=OK; else s=MISS; fi
verdict $s "A  dig-loop/check $R_DIG >= $TARGET_DIG"

# --- scenario B --------------------------------------------------------------------------

echo "bench: scenario B..." >&2
declare -A B_AT=()  # port -> space-separated arrival times (us), one per repetition
B_TOTALS=()
for ((r = 0; r <= REPS; r++)); do # r = 0 is the warm-up
    stamp t0
    { "$CLUSTERDNS" check "${NAMES[@]}" --servers "$B_SERVERS" --timeout "$TIMEOUT" \
        --progress 2>&1 >/dev/null; echo "exit $?"; } | stamp_lines "$t0" >"$LAB_DIR/progress"
    stamp t1
    rc=$(awk '$2 == "exit" { print $3 }' "$LAB_DIR/progress")
    [ "$rc" = 0 ] || [ "$rc" = 1 ] || die "scenario B: clusterdns check exited $rc:
$(cat "$LAB_DIR/progress")"
    [ "$r" -eq 0 ] && continue
    B_TOTALS+=($((t1 - t0)))
    for port in "$P_LOCAL" "$P_ISP" "$P_SLOW" "$P_SILENT"; do
        t=$(awk -v p="127.0.0.1:$port:" '$3 == p { print $1; exit }' "$LAB_DIR/progress")
        [ -n "$t" ] || die "scenario B: no --progress line for 127.0.0.1:$port:
$(cat "$LAB_DIR/progress")"
        B_AT[$port]+="$t "
    done
done
B_TOTAL=$(median "${B_TOTALS[@]}")
echo "Scenario B: A plus a silent server, --timeout $TIMEOUT, --progress (time of each stderr line)"
printf '  %-28s %8s  %10s  %s\n' "server" "delay" "line at" "line/delay"
for spec in "$P_LOCAL local 1" "$P_ISP provider 50" "$P_SLOW slow 150" "$P_SILENT silent $TIMEOUT"; do
    read -r port label delay <<<"$spec"
    # shellcheck disable=SC2086
    at=$(median ${B_AT[$port]})
    printf '  %-28s %5s ms  %7s ms  %s\n' "$label (127.0.0.1:$port)" "$delay" "$(ms "$at")" \
        "$(ratio "$at" $((delay * 1000)))"
    [ "$label" = slow ] && B_SLOW=$at
done
printf '  %-28s %5s ms  %7s ms  %s\n' "whole check" "$TIMEOUT" "$(ms "$B_TOTAL")" \
    "$(ratio "$B_TOTAL" $((TIMEOUT * 1000)))"
echo
R_B=$(ratio "$B_SLOW" "$FLOOR_US")
R_BT=$(ratio "$B_TOTAL" $((TIMEOUT * 1000)))
if le "$R_B" "$TARGET_PROGRESS"; then s=OK; else s=MISS; fi
verdict $s "B  150 ms server's line $(ms "$B_SLOW") ms = ${R_B} x 150 ms <= $TARGET_PROGRESS"
if le "$R_BT" "$TARGET_TOTAL_B" && ge "$R_BT" 1; then s=OK; else s=MISS; fi
verdict $s "B  whole check $(ms "$B_TOTAL") ms = ${R_BT} x timeout, in [1, $TARGET_TOTAL_B]"

# --- scaling -----------------------------------------------------------------------------

echo "bench: scaling..." >&2
echo "Scaling: N servers at 50 ms each, 2 names (5 questions a server)"
printf '  %8s %10s %10s  %s\n' "servers" "questions" "median" "time/50 ms"
worst=0
for n in "${SIZES[@]}"; do
    list=
    for ((i = 0; i < n; i++)); do list+=${list:+,}127.0.0.1:${SCALE_PORTS[$i]}; done
    time_check 0 "$list"
    rr=$(ratio "$MEDIAN" 50000)
    printf '  %8s %10s %7s ms  %s\n' "$n" "$((n * ${#QUESTIONS[@]}))" "$(ms "$MEDIAN")" "$rr"
    ge "$rr" "$worst" && worst=$rr
done
echo
if le "$worst" "$TARGET_SCALE"; then s=OK; else s=MISS; fi
verdict $s "S  worst time/50 ms over 1..${SIZES[-1]} servers $worst <= $TARGET_SCALE"

# The check always asks for the KB's two names (the Exchange and the cluster network
# names); more names go through the same probe, driven here as the front ends drive it.
ALL_SCALE=
for p in "${SCALE_PORTS[@]}"; do ALL_SCALE+=${ALL_SCALE:+,}127.0.0.1:$p; done
echo "Scaling in names: N names (A queries) on ${#SCALE_PORTS[@]} servers at 50 ms, the engine's probe"
printf '  %8s %10s %10s  %s\n' "names" "questions" "median" "time/50 ms"
worst_n=0
for n in "${NAME_SIZES[@]}"; do
    all=()
    for ((r = 0; r <= REPS; r++)); do # r = 0: warm-up
        out=$("$PROBE_SCALE" "$TIMEOUT" "$n" "$ALL_SCALE") || die "probe_scale $n: $out"
        [ "$r" -gt 0 ] && all+=("$(sed -E 's/^elapsed_us=([0-9]+) .*/\1/' <<<"$out")")
    done
    med=$(median "${all[@]}")
    rr=$(ratio "$med" 50000)
    printf '  %8s %10s %7s ms  %s\n' "$n" "$((n * ${#SCALE_PORTS[@]}))" "$(ms "$med")" "$rr"
    ge "$rr" "$worst_n" && worst_n=$rr
done
echo
if le "$worst_n" "$TARGET_SCALE"; then s=OK; else s=MISS; fi
verdict $s "S  worst time/50 ms over ${NAME_SIZES[0]}..${NAME_SIZES[-1]} names $worst_n <= $TARGET_SCALE"

# --- recheck ------------------------------------------------------------------------------

# recheck_once DIR [ARGS...]: one timed `clusterdns recheck --json DIR` under ulimit -n 256;
# sets ELAPSED (us) and RSS_KB. Every file must be checked (exit 1: the generated names are
# on no server).
recheck_once() {
    local dir=$1 t0 t1 rc
    shift
    stamp t0
    (ulimit -n 256 && exec /usr/bin/time -f '%M' -o "$LAB_DIR/rss" "$CLUSTERDNS" recheck --json \
        --timeout "$TIMEOUT" "$@" "$dir" >"$LAB_DIR/recheck.out" 2>"$LAB_DIR/recheck.err")
    rc=$?
    stamp t1
    ELAPSED=$((t1 - t0))
    RSS_KB=$(tail -n 1 "$LAB_DIR/rss")
    [ "$rc" = 1 ] || die "recheck of $dir exited $rc: $(head -c 500 "$LAB_DIR/recheck.err")"
    [ "$(grep -c '"status":"checked"' "$LAB_DIR/recheck.out")" -eq "$(ls "$dir" | wc -l)" ] ||
        die "recheck of $dir: not every file was checked"
}

# time_recheck DIR: REPS timed runs after a warm-up; sets MEDIAN (us) and RSS_MAX (KB).
time_recheck() {
    local i all=()
    RSS_MAX=0
    recheck_once "$1"
    for ((i = 0; i < REPS; i++)); do
        recheck_once "$1"
        all+=("$ELAPSED")
        [ "$RSS_KB" -gt "$RSS_MAX" ] && RSS_MAX=$RSS_KB
    done
    MEDIAN=$(median "${all[@]}")
}

if [ -x /usr/bin/time ]; then
    echo "bench: recheck..." >&2
    for n in "${RECHECK_SIZES[@]}"; do
        mkdir "$LAB_DIR/recheck-$n"
        "$GEN" "$LAB_DIR/recheck-$n" "$n" "$A_SERVERS" || die "gen_checklists $n"
    done
    mkdir "$LAB_DIR/recheck-b"
    "$GEN" "$LAB_DIR/recheck-b" 1000 "$B_SERVERS" || die "gen_checklists B"
    time_recheck "$LAB_DIR/recheck-1000"
    RA=$MEDIAN RA_RSS=$RSS_MAX
    time_recheck "$LAB_DIR/recheck-b"
    RB=$MEDIAN RB_RSS=$RSS_MAX
    # The shell loop a helpdesk would run instead, on the first 50 files, scaled to 1000.
    loop() {
        local f
        for f in $(ls "$LAB_DIR/recheck-1000" | head -n 50); do
            "$CLUSTERDNS" check --load "$LAB_DIR/recheck-1000/$f" --timeout "$TIMEOUT" \
                >/dev/null 2>&1
            [ $? -le 1 ] || die "check --load $f failed"
        done
    }
    loop # warm-up
    stamp t0
    loop
    stamp t1
    LOOP=$(((t1 - t0) * 20))
    R_RA=$(ratio "$RA" 1000)
    R_RB=$(ratio "$RB" $((TIMEOUT * 1000)))
    R_LOOP=$(ratio "$LOOP" "$RA")
    echo "Recheck: 1000 checklists sharing A's servers, names differing, ulimit -n 256"
    printf '  %-52s %9s  %s\n' "measure" "median" "ratio, peak RSS"
    printf '  %-52s %6s ms  %s, %s MB\n' "recheck, servers at ~1, 50, 150 ms" "$(ms "$RA")" \
        "$(ratio "$RA" "$FLOOR_US") x 150 ms" "$(mb "$RA_RSS")"
    printf '  %-52s %6s ms  %s x timeout, %s MB\n' "recheck, the same and a silent server" \
        "$(ms "$RB")" "$R_RB" "$(mb "$RB_RSS")"
    printf '  %-52s %6s ms  loop/recheck %s\n' "check --load loop, 50 files timed, x 20" \
        "$(ms "$LOOP")" "$R_LOOP"
    echo
    echo "Recheck scaling: N checklists, A's servers, ulimit -n 256"
    printf '  %8s %10s %12s %10s\n' "files" "median" "per file" "peak RSS"
    for n in "${RECHECK_SIZES[@]}"; do
        time_recheck "$LAB_DIR/recheck-$n"
        printf '  %8s %7s ms %9s us %7s MB\n' "$n" "$(ms "$MEDIAN")" \
            "$((MEDIAN / n))" "$(mb "$RSS_MAX")"
    done
    echo
    if le "$(ms "$RA")" "$TARGET_RECHECK_MS"; then s=OK; else s=MISS; fi
    verdict $s "R  recheck of 1000 files $(ms "$RA") ms <= $TARGET_RECHECK_MS ms"
    if le "$R_RB" "$TARGET_RECHECK_B"; then s=OK; else s=MISS; fi
    verdict $s "R  with a silent server $(ms "$RB") ms = $R_RB x timeout <= $TARGET_RECHECK_B"
    if ge "$R_LOOP" "$TARGET_LOOP"; then s=OK; else s=MISS; fi
    verdict $s "R  check --load loop / recheck $R_LOOP >= $TARGET_LOOP"
    RMAX=$RA_RSS
    [ "$RB_RSS" -gt "$RMAX" ] && RMAX=$RB_RSS
    if le "$(mb "$RMAX")" "$TARGET_RECHECK_MB"; then s=OK; else s=MISS; fi
    verdict $s "R  recheck's peak RSS $(mb "$RMAX") MB <= $TARGET_RECHECK_MB MB"
else
    echo "bench: /usr/bin/time (GNU time) not found: recheck not measured" >&2
fi

# --- wizard: first paint and peak RSS ----------------------------------------------------

# paint VAR MARKER KEYS PROGRAM [ARGS...]: one run of PROGRAM on an 80x24 pty under
# firstpaint, in the C.UTF-8 locale (the markers are the untranslated texts) with colour;
# appends "PAINT_US RSS_KB" to the array VAR.
paint() {
    local -n paint__runs=$1
    local marker=$2 keys=$3 out rc p rss st
    shift 3
    out=$(cd "$LAB_DIR" && env -u NO_COLOR -u LANGUAGE LC_ALL=C.UTF-8 \
        "$FIRSTPAINT" --cols 80 --rows 24 --log "$LAB_DIR/paint.log" "$marker" "$keys" -- "$@")
    rc=$?
    [ "$rc" = 0 ] || die "firstpaint $* exited $rc; the screen it got:
$(tr -c '[:print:]\n' '.' <"$LAB_DIR/paint.log")"
    p=$(awk -v l="$out" 'BEGIN { if (match(l, /first_paint_ms=[0-9.]+/))
        printf "%d", substr(l, RSTART + 15, RLENGTH - 15) * 1000 }')
    rss=${out##*maxrss_kb=}
    rss=${rss%% *}
    st=${out##*status=}
    [ "$st" = 0 ] || die "$1 exited $st: $out"
    paint__runs+=("$p $rss")
}

echo "bench: wizard first paint..." >&2
have_dialog=0
command -v "$DIALOG" >/dev/null 2>&1 && have_dialog=1
DIALOG_TEXT="clusterdns first paint yardstick"
W_CD=()
W_DLG=()
for ((r = 0; r <= REPS; r++)); do # r = 0 is the warm-up; the two take turns
    # The first step needs no DNS: nothing is asked, and the lab's server is the only one
    # named anyway.  Ctrl-Q leaves at once: a fresh session has nothing unsaved.
    paint W_CD '^Q Quit' '\x11' "$CLUSTERDNS" --servers "127.0.0.1:$P_LOCAL" \
        --output "$LAB_DIR/wizard.json"
    [ "$have_dialog" = 1 ] &&
        paint W_DLG "$DIALOG_TEXT" '\r' "$DIALOG" --msgbox "$DIALOG_TEXT" 10 40
    if [ "$r" -eq 0 ]; then
        W_CD=()
        W_DLG=()
    fi
done
[ -e "$LAB_DIR/wizard.json" ] && die "the wizard saved a checklist when it only quit"
# shellcheck disable=SC2046 # the pairs split into words on purpose
W_CD_PAINT=$(median $(printf '%s\n' "${W_CD[@]}" | cut -d' ' -f1))
# shellcheck disable=SC2046
W_CD_RSS=$(median $(printf '%s\n' "${W_CD[@]}" | cut -d' ' -f2))
echo "Wizard: start to first painted screen (80x24 pty, TERM=xterm-256color) and peak RSS"
printf '  %-48s %10s  %10s\n' "program" "first paint" "peak RSS"
printf '  %-48s %7s ms  %7s MB\n' "clusterdns (step 1, then Ctrl-Q)" "$(ms "$W_CD_PAINT")" \
    "$(mb "$W_CD_RSS")"
if [ "$have_dialog" = 1 ]; then
    # shellcheck disable=SC2046
    W_DLG_PAINT=$(median $(printf '%s\n' "${W_DLG[@]}" | cut -d' ' -f1))
    # shellcheck disable=SC2046
    W_DLG_RSS=$(median $(printf '%s\n' "${W_DLG[@]}" | cut -d' ' -f2))
    printf '  %-48s %7s ms  %7s MB\n' "dialog --msgbox (yardstick, then Enter)" \
        "$(ms "$W_DLG_PAINT")" "$(mb "$W_DLG_RSS")"
    printf '  %-48s %10s  %10s\n' "clusterdns/dialog" "$(ratio "$W_CD_PAINT" "$W_DLG_PAINT")" \
        "$(ratio "$W_CD_RSS" "$W_DLG_RSS")"
else
    echo "  dialog: not installed ($DIALOG), no yardstick; scripts/deps.sh installs it"
fi
echo
if lt "$W_CD_PAINT" $((TARGET_PAINT_MS * 1000)); then s=OK; else s=MISS; fi
verdict $s "W  first paint $(ms "$W_CD_PAINT") ms < $TARGET_PAINT_MS ms"
if lt "$W_CD_RSS" $((TARGET_RSS_MB * 1024)); then s=OK; else s=MISS; fi
verdict $s "W  peak RSS $(mb "$W_CD_RSS") MB < $TARGET_RSS_MB MB"

# --- wizard: scenario B on the screen ----------------------------------------------------

# Step 1 painted: F10; the group, F10; the zone and the Exchange name, each followed by Tab
# (the lookups start). The texts come as bracketed pastes, as a terminal sends a paste: all
# of it written at once would be one paste (the wizard takes input faster than typing as
# one), Tabs and F10 included.  Then the first "name does not exist" on the screen can only be the
# 150 ms Internet provider's (the local DNS has the records, the silent one never answers).
# Ctrl-Q and "quit without saving" end it.
echo "bench: wizard scenario B..." >&2
WB=()
WB_END=()
for ((r = 0; r <= REPS; r++)); do
    out=$(cd "$LAB_DIR" && env -u NO_COLOR -u LANGUAGE LC_ALL=C.UTF-8 \
        "$FIRSTPAINT" --timeout $((TIMEOUT * 5)) --log "$LAB_DIR/wizard-b.log" \
        '^Q Quit' '\e[21~\e[200~Exchange Group 1\e[201~\e[21~\e[200~fabrikam.local\e[201~\t\e[200~EXSRV\e[201~\t' \
        'name does not exist' '\x11' 'Quit without saving' 'q' -- "$CLUSTERDNS" \
        --servers "127.0.0.1:$P_LOCAL,127.0.0.1:$P_SLOW_ISP,127.0.0.1:$P_SILENT" \
        --timeout "$TIMEOUT" --output "$LAB_DIR/wizard-b.json") ||
        die "wizard scenario B: $out; the screen: $(tr -c '[:print:]\n' '.' <"$LAB_DIR/wizard-b.log" | tail -c 2000)"
    [ "$r" -eq 0 ] && continue
    WB+=("$(awk -v l="$out" 'BEGIN { match(l, /step2_ms=[0-9.]+/); printf "%d", substr(l, RSTART + 9, RLENGTH - 9) * 1000 }')")
    WB_END+=("$(awk -v l="$out" 'BEGIN { match(l, /total_ms=[0-9.]+/); printf "%d", substr(l, RSTART + 9, RLENGTH - 9) * 1000 }')")
done
WB_MED=$(median "${WB[@]}")
echo "Wizard, scenario B: step 3 with a local DNS (~1 ms), a 150 ms Internet provider's DNS and"
echo "a silent server (--timeout $TIMEOUT)"
printf '  %-56s %7s ms  %s x 150 ms\n' "keys typed to the 150 ms server's answer on the screen" \
    "$(ms "$WB_MED")" "$(ratio "$WB_MED" "$FLOOR_US")"
printf '  %-56s %7s ms\n' "start to exit (Ctrl-Q while the silent server is asked)" \
    "$(ms "$(median "${WB_END[@]}")")"
echo
R_WB=$(ratio "$WB_MED" "$FLOOR_US")
if le "$R_WB" "$TARGET_PROGRESS"; then s=OK; else s=MISS; fi
verdict $s "W  150 ms server's answer on the wizard's screen $(ms "$WB_MED") ms = ${R_WB} x 150 ms <= $TARGET_PROGRESS"

echo "Targets"
printf '  %s\n' "${VERDICTS[@]}"
if [ "$MISSED" -gt 0 ] && [ "${BENCH_STRICT:-0}" = 1 ]; then
    exit 1
fi
exit 0
