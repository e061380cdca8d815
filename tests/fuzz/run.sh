#!/bin/bash
# Builds the libFuzzer targets of tests/fuzz with clang (libFuzzer + ASan + UBSan) straight
# from the engine sources each one needs, and runs each for FUZZ_SECONDS seconds on a copy
# of its seed corpus. Nothing is written into the source tree.
#
#   bash tests/fuzz/run.sh [OUTDIR]
#
# OUTDIR (default: a new mktemp folder) receives the binaries, the working corpora, the
# logs and any crash file. Environment: FUZZ_SECONDS (default 600), CC (default clang,
# else clang-14), FUZZ_TARGETS (default all: checklist servers_text cluster_text import
# server_list names). Prints per target the executions, the time and the coverage
# (cov: and ft: of libFuzzer's last "#N DONE" line); exits 1 when a target crashed (the
# crash file's path is printed), 2 when a target does not build.
set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
seconds=${FUZZ_SECONDS:-600}
targets=${FUZZ_TARGETS:-"checklist servers_text cluster_text import server_list names"}
out=${1:-}
if [ -z "$out" ]; then
    out=$(mktemp -d "${TMPDIR:-/tmp}/clusterdns-fuzz.XXXXXX") || exit 2
fi
mkdir -p "$out" || exit 2
out=$(cd "$out" && pwd)

cc=${CC:-}
if [ -z "$cc" ] || ! "$cc" -v 2>&1 | grep -q clang; then
    cc=
    for c in clang clang-14 clang-15 clang-16; do
        if command -v "$c" >/dev/null 2>&1; then cc=$c; break; fi
    done
fi
if [ -z "$cc" ]; then
    echo "fuzz: clang not found (libFuzzer needs clang)" >&2
    exit 2
fi

# The engine sources include "config.h": a minimal one, so that no configured tree is
# needed (no NLS: the fuzzers never translate).
mkdir -p "$out/include"
cat > "$out/include/config.h" <<'EOH'
#define _GNU_SOURCE 1
#define ENABLE_NLS 0
#define PACKAGE "clusterdns"
#define PACKAGE_VERSION "fuzz"
#define VERSION "fuzz"
EOH

# Engine sources, libraries and -max_len of each target.
sources() {
    case $1 in
    checklist)
        # A loaded check is judged again by the engine's rules (records, rules), its names
        # and servers read by theirs (check, names, servers; check links probe).
        echo "checklist.c checklist_json.c checklist_read.c json_read.c rules.c records.c check.c probe.c $(sources servers_text)" ;;
    servers_text | cluster_text | import | server_list)
        # servers.c reads pasted text through import: every target that links it needs it.
        echo "servers.c names.c diag.c text.c fileio.c cluster_text.c import.c import_lines.c import_netcfg.c import_table.c import_fit.c import_names.c" ;;
    names) echo "names.c diag.c" ;;
    esac
}
pkg() { # pkg-config flags of a library, or the given fallback
    pkg-config "$1" "$2" 2>/dev/null || echo "$3"
}
libs() {
    case $1 in
    checklist) echo "$(pkg --cflags libcjson -I/usr/include/cjson) $(pkg --libs libcjson -lcjson) $(libs servers_text)" ;;
    servers_text | server_list | cluster_text | import) echo "$(pkg --cflags libcares '') $(pkg --libs libcares -lcares)" ;;
    esac
}
max_len() {
    case $1 in
    checklist) echo 16384 ;;
    servers_text | cluster_text | import) echo 8192 ;;
    server_list) echo 2048 ;;
    names) echo 1024 ;;
    esac
}

cflags="-g -O1 -fno-omit-frame-pointer -fsanitize=fuzzer,address,undefined
        -fno-sanitize-recover=all -Wall -I$out/include -I$top/engine"

echo "fuzz: $cc, $seconds s per target, in $out"
pids=
for t in $targets; do
    src=$(sources "$t")
    if [ -z "$src" ]; then
        echo "fuzz: unknown target $t" >&2
        exit 2
    fi
    files="$here/fuzz_$t.c"
    for s in $src; do files="$files $top/engine/$s"; done
    # shellcheck disable=SC2086,SC2046 # flag lists, split on purpose
    $cc $cflags -o "$out/fuzz_$t" $files $(libs "$t") >"$out/build-$t.log" 2>&1 &
    pids="$pids $!:$t"
done
for p in $pids; do
    if ! wait "${p%%:*}"; then
        echo "fuzz: fuzz_${p#*:} does not build:" >&2
        cat "$out/build-${p#*:}.log" >&2
        exit 2
    fi
done

status=0
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=0:detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
printf '%-14s %12s %8s %8s %8s %9s  %s\n' target executions seconds cov ft corpus result
for t in $targets; do
    rm -rf "$out/corpus/$t"
    mkdir -p "$out/corpus/$t" "$out/crashes"
    cp "$here/corpus/$t"/* "$out/corpus/$t/"
    log=$out/fuzz-$t.log
    start=$(date +%s.%N)
    (cd "$out" && "./fuzz_$t" -max_len="$(max_len "$t")" -max_total_time="$seconds" \
        -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$out/crashes/$t-" "$out/corpus/$t") >"$log" 2>&1
    rc=$?
    end=$(date +%s.%N)
    done_line=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -n 1)
    [ -n "$done_line" ] || done_line=$(grep -E '^#[0-9]+' "$log" | tail -n 1)
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    [ -n "$execs" ] || execs=$(printf '%s\n' "$done_line" | sed -n 's/^#\([0-9]*\).*/\1/p')
    cov=$(printf '%s\n' "$done_line" | sed -n 's/.*cov: \([0-9]*\).*/\1/p')
    ft=$(printf '%s\n' "$done_line" | sed -n 's/.*ft: \([0-9]*\).*/\1/p')
    units=$(printf '%s\n' "$done_line" | sed -n 's/.*corp: \([0-9]*\).*/\1/p')
    secs=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')
    if [ "$rc" -eq 0 ]; then
        result=ok
    else
        result="CRASH (exit $rc)"
        status=1
    fi
    printf '%-14s %12s %8s %8s %8s %9s  %s\n' "$t" "${execs:-?}" "$secs" "${cov:-?}" \
        "${ft:-?}" "${units:-?}" "$result"
    if [ "$rc" -ne 0 ]; then
        grep -E 'ERROR: |runtime error:|SUMMARY:|Test unit written to|^artifact_prefix' "$log" |
            sed 's/^/    /'
        echo "    log: $log"
        echo "    reproduce: $out/fuzz_$t <crash file>"
    fi
done
echo "fuzz: logs, corpora and any crash file in $out"
exit $status
