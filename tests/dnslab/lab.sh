# The DNS lab: real BIND named servers and udpfake responders on free loopback ports, all
# under one mktemp folder, for the probe and end-to-end tests.  Source it from bash:
#
#     . "$top_srcdir/tests/dnslab/lab.sh"
#     lab_have_named || exit 77
#     lab_init                      # LAB_DIR; lab_stop runs on EXIT, INT, TERM and HUP
#     lab_named local PORT_LOCAL    # sets PORT_LOCAL
#     lab_silent PORT_SILENT
#
# Environment: top_srcdir, top_builddir (for udpfake), NAMED, NSUPDATE, DIG.  Two labs may
# run at once (make -j2 check, two checkouts): every port is picked free and retried when
# taken, every file lives in the lab's own folder.  lab_init replaces the caller's EXIT,
# INT, TERM and HUP traps.

: "${top_srcdir:=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
: "${NAMED:=$(command -v named || echo /usr/sbin/named)}"
: "${NSUPDATE:=$(command -v nsupdate || echo /usr/bin/nsupdate)}"
: "${DIG:=$(command -v dig || echo /usr/bin/dig)}"
UDPFAKE=$top_builddir/tests/dnslab/udpfake

# The KB's names (Q263029): the cluster zone, the Exchange and the cluster network names.
: "${LAB_ZONE:=fabrikam.local}"
: "${LAB_REVERSE_ZONE:=8.16.172.in-addr.arpa}"
: "${LAB_NS1_IP:=172.16.8.2}"
: "${LAB_EXCHANGE_NAME:=EXSRV}"
: "${LAB_EXCHANGE_IP:=172.16.8.31}"
: "${LAB_CLUSTER_NAME:=CLUSTER1}"
: "${LAB_CLUSTER_IP:=172.16.8.30}"
: "${LAB_SERIAL:=2024010101}"
export LAB_ZONE LAB_REVERSE_ZONE LAB_NS1_IP LAB_EXCHANGE_NAME LAB_EXCHANGE_IP \
    LAB_CLUSTER_NAME LAB_CLUSTER_IP LAB_SERIAL

LAB_START_SECONDS=10 # how long a named may take to answer
LAB_PORT_TRIES=5     # another process may take a free port before we bind it

. "$top_srcdir/tests/dnslab/zones.sh"

lab_fail() {
    echo "lab: $*" >&2
    return 1
}

# True when named, nsupdate, dig and udpfake are all there (else the caller skips).
lab_have_named() {
    local p
    for p in "$NAMED" "$NSUPDATE" "$DIG"; do
        [ -x "$p" ] || { echo "lab: $p not found, skipping" >&2; return 1; }
    done
    [ -x "$UDPFAKE" ] || { echo "lab: $UDPFAKE is not built" >&2; return 1; }
}

lab_init() {
    LAB_DIR=$(mktemp -d "${TMPDIR:-/tmp}/clusterdns-lab.XXXXXX") || return 1
    export LAB_DIR
    trap lab_stop EXIT
    trap 'lab_stop; exit 130' INT
    trap 'lab_stop; exit 143' TERM
    trap 'lab_stop; exit 129' HUP
}

lab_free_port() {
    "$UDPFAKE" freeport
}

# lab__start DIR CMD...: runs CMD in the background, output to DIR/log, pid to DIR/lab.pid
# (named writes its own pid file only once it runs; this one exists from the start).
lab__start() {
    local dir=$1
    shift
    "$@" >"$dir/log" 2>&1 </dev/null &
    echo $! >"$dir/lab.pid"
}

lab__pid() {
    cat "$1/lab.pid"
}

# lab__alive PID: the process runs and is one of this lab's (its command line names
# LAB_DIR), so a pid recycled by another program is never signalled.  It may end while its
# command line is read: that error (no file, read error) says nothing the status does not.
lab__alive() {
    { tr '\0' ' ' <"/proc/$1/cmdline"; } 2>/dev/null | grep -qF "$LAB_DIR"
}

lab__kill() {
    local pid
    pid=$(lab__pid "$1") || return 0
    lab__alive "$pid" && kill "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    rm -f "$1/lab.pid"
}

# lab__wait_named DIR PORT TAG: 0 when this named answers, 2 when its port was taken,
# 1 when it died or stayed silent for LAB_START_SECONDS.
lab__wait_named() {
    local dir=$1 port=$2 tag=$3 pid answer deadline=$((SECONDS + LAB_START_SECONDS))
    pid=$(lab__pid "$dir")
    while [ "$SECONDS" -le "$deadline" ]; do
        grep -qi 'address in use' "$dir/log" && return 2
        kill -0 "$pid" 2>/dev/null || return 1
        answer=$("$DIG" @127.0.0.1 -p "$port" +time=1 +tries=1 +short version.bind CH TXT \
            2>/dev/null)
        [ "$answer" = "\"$tag\"" ] && return 0
        sleep 0.1
    done
    return 1
}

# lab_named KIND PORT_VAR: starts a named of KIND on a free port and stores the port in the
# variable named PORT_VAR once it answers.  Kinds:
#   local       authoritative for $LAB_ZONE (SOA, NS, ns1's A only) and $LAB_REVERSE_ZONE
#               (no PTRs); nsupdate from 127.0.0.1 may change both
#   local-full  the same with the Exchange and cluster A records and their PTRs
#   internet    the Internet provider's: only the root zone, so NXDOMAIN for internal names
#   refuse      no zones and no recursion: REFUSED
#   servfail    $LAB_ZONE from a file that does not load: SERVFAIL
lab_named() {
    local kind=$1 var=$2 try port dir tag rc
    [ -n "${LAB_DIR:-}" ] || lab_fail "lab_init first" || return 1
    for ((try = 1; try <= LAB_PORT_TRIES; try++)); do
        port=$(lab_free_port) || return 1
        dir=$LAB_DIR/named-$kind-$port
        tag=clusterdns-lab-$kind-$port-$$
        mkdir "$dir" && zones_named "$kind" "$dir" "$port" "$tag" || return 1
        # -g: foreground, log to stderr; -n 1: one worker is plenty; no -u, so it keeps
        # the caller's user (root or not; the ports are high).
        lab__start "$dir" "$NAMED" -g -4 -n 1 -c "$dir/named.conf"
        lab__wait_named "$dir" "$port" "$tag"
        rc=$?
        if [ "$rc" -eq 0 ]; then
            printf -v "$var" '%s' "$port"
            return 0
        fi
        lab__kill "$dir"
        [ "$rc" -eq 2 ] && continue
        echo "lab: named ($kind, port $port) did not answer within ${LAB_START_SECONDS}s;" \
            "its log ($dir/log):" >&2
        sed 's/^/    /' "$dir/log" >&2
        return 1
    done
    lab_fail "named ($kind): no free port after $LAB_PORT_TRIES tries"
}

# lab__fake PORT_VAR MODE [ARGS...]: an udpfake responder on a free port.  udpfake writes
# its pid file once bound and exits with 2 when the port was taken.
lab__fake() {
    local var=$1 mode=$2 try port dir pid i
    shift 2
    [ -n "${LAB_DIR:-}" ] || lab_fail "lab_init first" || return 1
    for ((try = 1; try <= LAB_PORT_TRIES; try++)); do
        port=$(lab_free_port) || return 1
        dir=$LAB_DIR/fake-$mode-$port
        mkdir "$dir" || return 1
        lab__start "$dir" "$UDPFAKE" --pidfile "$dir/udpfake.pid" "$mode" "$port" "$@"
        pid=$(lab__pid "$dir")
        for ((i = 0; i < 50; i++)); do
            if [ -e "$dir/udpfake.pid" ]; then
                printf -v "$var" '%s' "$port"
                return 0
            fi
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        wait "$pid" 2>/dev/null
        [ $? -eq 2 ] && continue
        lab__kill "$dir"
        lab_fail "udpfake $mode did not start: $(cat "$dir/log")"
        return 1
    done
    lab_fail "udpfake $mode: no free port after $LAB_PORT_TRIES tries"
}

lab_silent() { lab__fake "$1" silent; }
lab_garbage() { lab__fake "$1" garbage; }
lab_wrongid() { lab__fake "$1" wrongid; }
lab_short() { lab__fake "$1" short; }
lab_oversized() { lab__fake "$1" oversized; }
lab_truncated() { lab__fake "$1" truncated; }
# lab_delay PORT_VAR UPSTREAM_PORT MS
lab_delay() { lab__fake "$1" delay "$2" "$3"; }
# lab_lossy PORT_VAR UPSTREAM_PORT N: forwards at once, but loses the first query of every
# Nth new question (asked again, it goes through): a packet lost on the way.
lab_lossy() { lab__fake "$1" delay "$2" 0 "$3"; }

# lab_closed_port PORT_VAR: a port nothing listens on (a query there gets ICMP unreachable).
lab_closed_port() {
    local port
    port=$(lab_free_port) || return 1
    printf -v "$1" '%s' "$port"
}

# lab_nsupdate PORT: sends the nsupdate script on stdin (zone, update and send lines) to
# the named on 127.0.0.1:PORT.
lab_nsupdate() {
    { printf 'server 127.0.0.1 %s\n' "$1"; cat; } | "$NSUPDATE" -t 5
}

# lab_add_host_records PORT: the KB's fix, step 6: the A records of the Exchange and the
# cluster network names, and their PTRs.
lab_add_host_records() {
    lab_nsupdate "$1" <<EOF
zone $LAB_ZONE
update add $LAB_EXCHANGE_NAME.$LAB_ZONE. 300 IN A $LAB_EXCHANGE_IP
update add $LAB_CLUSTER_NAME.$LAB_ZONE. 300 IN A $LAB_CLUSTER_IP
send
zone $LAB_REVERSE_ZONE
update add $(zones_ptr_name "$LAB_EXCHANGE_IP"). 300 IN PTR $LAB_EXCHANGE_NAME.$LAB_ZONE.
update add $(zones_ptr_name "$LAB_CLUSTER_IP"). 300 IN PTR $LAB_CLUSTER_NAME.$LAB_ZONE.
send
EOF
}

# lab_demo: the KB's situation.  The node asks the Internet provider's DNS first (which
# says the internal names do not exist), then the local DNS (which lacks the host records
# and takes dynamic updates from loopback), then a slow server (the Internet DNS behind a
# 400 ms delay), a refusing one and a silent one.  Exports LAB_PORT_* and LAB_SERVERS in
# that order.
lab_demo() {
    lab_named internet LAB_PORT_INTERNET &&
        lab_named local LAB_PORT_LOCAL &&
        lab_delay LAB_PORT_SLOW "$LAB_PORT_INTERNET" 400 &&
        lab_named refuse LAB_PORT_REFUSE &&
        lab_silent LAB_PORT_SILENT || return 1
    export LAB_PORT_INTERNET LAB_PORT_LOCAL LAB_PORT_SLOW LAB_PORT_REFUSE LAB_PORT_SILENT
    LAB_SERVERS=127.0.0.1:$LAB_PORT_INTERNET,127.0.0.1:$LAB_PORT_LOCAL,127.0.0.1:$LAB_PORT_SLOW
    LAB_SERVERS=$LAB_SERVERS,127.0.0.1:$LAB_PORT_REFUSE,127.0.0.1:$LAB_PORT_SILENT
    export LAB_SERVERS
}

# lab_stop: stops every process that left a pid file under LAB_DIR, waits for them (5 s,
# then SIGKILL) and removes the folder.  Safe to call twice.
lab_stop() {
    local f pid pids=() i
    if [ -z "${LAB_DIR:-}" ] || [ ! -d "$LAB_DIR" ]; then
        LAB_DIR=
        return 0
    fi
    while IFS= read -r f; do
        { read -r pid <"$f"; } 2>/dev/null || continue
        [[ $pid =~ ^[0-9]+$ ]] && lab__alive "$pid" && pids+=("$pid")
    done < <(find "$LAB_DIR" -name '*.pid' -type f)
    if [ "${#pids[@]}" -gt 0 ]; then
        kill "${pids[@]}" 2>/dev/null
        for ((i = 0; i < 50; i++)); do
            for pid in "${pids[@]}"; do
                lab__alive "$pid" && break
                pid=
            done
            [ -z "$pid" ] && break
            sleep 0.1
        done
        for pid in "${pids[@]}"; do
            lab__alive "$pid" && kill -KILL "$pid" 2>/dev/null
        done
        wait "${pids[@]}" 2>/dev/null
    fi
    rm -rf "$LAB_DIR"
    LAB_DIR=
}
