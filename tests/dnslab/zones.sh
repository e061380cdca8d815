# Zone files and named.conf text for the DNS lab (sourced by lab.sh; bash).
#
# Every function writes into the folder it is given and nowhere else, so two labs never
# share a file.  The names and addresses come from the LAB_* variables that lab.sh sets.

# The reverse-lookup owner name of an IPv4 address: 172.16.8.31 -> 31.8.16.172.in-addr.arpa
zones_ptr_name() {
    local a b c d
    IFS=. read -r a b c d <<<"$1"
    printf '%s.%s.%s.%s.in-addr.arpa\n' "$d" "$c" "$b" "$a"
}

# zones_soa_ns ZONE: the SOA and NS records every lab zone starts with ($LAB_SERIAL).
zones_soa_ns() {
    cat <<EOF
\$TTL 300
@ IN SOA ns1.$LAB_ZONE. hostmaster.$LAB_ZONE. ( $LAB_SERIAL 3600 600 86400 300 )
@ IN NS ns1.$LAB_ZONE.
EOF
}

# zones_forward FILE full|empty: the cluster's own zone.  "empty" holds only what a DNS
# server needs (SOA, NS and the A of ns1), like the KB's Windows NT 4.0 DNS before the fix;
# "full" also holds the A records of the Exchange and cluster network names.
zones_forward() {
    {
        zones_soa_ns
        printf 'ns1 IN A %s\n' "$LAB_NS1_IP"
        if [ "$2" = full ]; then
            printf '%s IN A %s\n' "$LAB_EXCHANGE_NAME" "$LAB_EXCHANGE_IP"
            printf '%s IN A %s\n' "$LAB_CLUSTER_NAME" "$LAB_CLUSTER_IP"
            # 40 addresses: more than 512 octets, so UDP says "truncated" and TCP answers.
            for i in $(seq 1 40); do printf 'roundrobin IN A 192.0.2.%s\n' "$i"; done
        fi
    } >"$1"
}

# zones_reverse FILE full|empty: $LAB_REVERSE_ZONE, with the two PTRs when "full".
zones_reverse() {
    {
        zones_soa_ns
        if [ "$2" = full ]; then
            printf '%s. IN PTR %s.%s.\n' "$(zones_ptr_name "$LAB_EXCHANGE_IP")" \
                "$LAB_EXCHANGE_NAME" "$LAB_ZONE"
            printf '%s. IN PTR %s.%s.\n' "$(zones_ptr_name "$LAB_CLUSTER_IP")" \
                "$LAB_CLUSTER_NAME" "$LAB_ZONE"
        fi
    } >"$1"
}

# zones_root FILE: the Internet provider's view, the root zone alone.  Its NS needs an
# address in the zone or named refuses to load it, hence the one A record.
zones_root() {
    cat >"$1" <<EOF
\$TTL 300
. IN SOA a.root-lab. hostmaster.root-lab. ( $LAB_SERIAL 3600 600 86400 300 )
. IN NS a.root-lab.
a.root-lab. IN A 127.0.0.1
EOF
}

# zones_hostile FORWARD REVERSE: the cluster's zones as a hostile server could serve them.
# Every name that reaches the client carries terminal escape sequences or other control
# characters (master-file \DDD escapes): the SOA's primary master and mailbox, the CNAME
# targets the A queries get (ESC, BEL, NUL, DEL) and the PTR answers.  The OSC sequence
# "set the window title to pwned" makes a raw leak easy to find in a terminal's log.
zones_hostile() {
    local esc='\027' bel='\007'
    {
        printf '$TTL 300\n'
        printf '@ IN SOA ns1%s]0\\059pwned%s.%s. host%s[2Jmaster.%s. ( %s 3600 600 86400 300 )\n' \
            "$esc" "$bel" "$LAB_ZONE" "$esc" "$LAB_ZONE" "$LAB_SERIAL"
        printf '@ IN NS ns1.%s.\n' "$LAB_ZONE"
        printf 'ns1 IN A %s\n' "$LAB_NS1_IP"
        printf '%s IN CNAME x%s]0\\059pwned%s%s[2J.%s.\n' \
            "$LAB_EXCHANGE_NAME" "$esc" "$bel" "$esc" "$LAB_ZONE"
        printf '%s IN CNAME nul\\000del\\127%s[31m.%s.\n' "$LAB_CLUSTER_NAME" "$esc" "$LAB_ZONE"
        # The targets hold the right addresses: only the names are wrong.
        printf 'x%s]0\\059pwned%s%s[2J IN A %s\n' "$esc" "$bel" "$esc" "$LAB_EXCHANGE_IP"
        printf 'nul\\000del\\127%s[31m IN A %s\n' "$esc" "$LAB_CLUSTER_IP"
    } >"$1"
    {
        zones_soa_ns
        printf '%s. IN PTR ex%s]0\\059pwned%s.%s.\n' "$(zones_ptr_name "$LAB_EXCHANGE_IP")" \
            "$esc" "$bel" "$LAB_ZONE"
        printf '%s. IN PTR cl\\000%s[2J.%s.\n' "$(zones_ptr_name "$LAB_CLUSTER_IP")" \
            "$esc" "$LAB_ZONE"
    } >"$2"
}

# zones_broken FILE: a zone file named cannot load, so it answers SERVFAIL for the zone.
zones_broken() {
    printf 'this is not a zone file\n' >"$1"
}

# zones_zone_stanza NAME FILE [update|lax]: one primary zone; "update" lets nsupdate change
# it from the loopback address, "lax" lets it hold names that are not host names.
zones_zone_stanza() {
    printf 'zone "%s" {\n    type primary;\n    file "%s";\n' "$1" "$2"
    [ "${3:-}" = update ] && printf '    allow-update { 127.0.0.1; };\n'
    [ "${3:-}" = lax ] && printf '    check-names ignore;\n'
    printf '};\n'
}

# zones_named KIND DIR PORT TAG: writes DIR/named.conf and the zone files of KIND.
# LAB_NAMED_OPTIONS, when set, goes into its options block as it is (the benchmark's
# "udp-receive-buffer 8388608;": thousands of queries from one client at once).  Every
# path named writes (pid, lock, keys, journals) lives in DIR; `controls { }` keeps named off
# the rndc port that every instance would otherwise share.  TAG answers version.bind, so
# the lab knows it reached this named and not another one on the same port.
zones_named() {
    local kind=$1 dir=$2 port=$3 tag=$4
    {
        cat <<EOF
options {
    directory "$dir";
    pid-file "$dir/named.pid";
    lock-file "$dir/named.lock";
    session-keyfile "$dir/session.key";
    managed-keys-directory "$dir";
    dump-file "$dir/named_dump.db";
    statistics-file "$dir/named.stats";
    listen-on port $port { 127.0.0.1; };
    listen-on-v6 { none; };
    recursion no;
    dnssec-validation no;
    notify no;
    version "$tag";
${LAB_NAMED_OPTIONS:-}
};
controls { };
EOF
        case $kind in
        local | local-full)
            local fill=empty
            [ "$kind" = local-full ] && fill=full
            zones_forward "$dir/forward.zone" "$fill"
            zones_reverse "$dir/reverse.zone" "$fill"
            zones_zone_stanza "$LAB_ZONE" "$dir/forward.zone" update
            zones_zone_stanza "$LAB_REVERSE_ZONE" "$dir/reverse.zone" update
            ;;
        internet)
            zones_root "$dir/root.zone"
            zones_zone_stanza . "$dir/root.zone"
            ;;
        hostile)
            zones_hostile "$dir/forward.zone" "$dir/reverse.zone"
            zones_zone_stanza "$LAB_ZONE" "$dir/forward.zone" lax
            zones_zone_stanza "$LAB_REVERSE_ZONE" "$dir/reverse.zone" lax
            ;;
        servfail)
            zones_broken "$dir/broken.zone"
            zones_zone_stanza "$LAB_ZONE" "$dir/broken.zone"
            ;;
        refuse) ;;
        *)
            echo "lab: unknown named kind '$kind'" >&2
            return 1
            ;;
        esac
    } >"$dir/named.conf"
}
