# Small file systems of the tests' own, for the faults tests (sourced by bash).
#
#     faults_private_mounts "$0" "$@"   # first: runs the test again in a mount namespace
#     faults_full DIR                   # a 64 KB tmpfs on DIR, filled to the last byte
#     faults_readonly DIR               # the tmpfs on DIR made read-only, files kept
#     trap 'faults_umount; lab_stop' EXIT  # unmounted before the lab folder is removed
#
# The test runs in a mount namespace of its own (unshare -m as root, else -rm: a user
# namespace), so its mounts vanish with it whatever happens, and nobody else sees them.
# 77 (skip) when neither can be made.

faults_private_mounts() {
    [ -n "${FAULTS_PRIVATE_MOUNTS:-}" ] && return 0
    local opt
    for opt in -m -rm; do
        if unshare "$opt" --propagation private true 2>/dev/null; then
            FAULTS_PRIVATE_MOUNTS=1 exec unshare "$opt" --propagation private "$BASH" "$@"
        fi
    done
    echo "faults: no mount namespace (unshare -m or -rm); skipping" >&2
    exit 77
}

FAULTS_MOUNTS=()

# faults_tmpfs DIR KB: an empty tmpfs of KB kilobytes on DIR (made if missing).
faults_tmpfs() {
    mkdir -p "$1" && mount -t tmpfs -o "size=${2}k,mode=0755" clusterdns-faults "$1" ||
        { echo "faults: cannot mount a tmpfs on $1" >&2; return 1; }
    FAULTS_MOUNTS+=("$1")
}

faults_umount() {
    local m
    for m in "${FAULTS_MOUNTS[@]}"; do umount -l "$m" 2>/dev/null; done
    FAULTS_MOUNTS=()
}

# faults_full DIR: what the DIR holds stays; the rest of its tmpfs is taken by a filler.
faults_full() {
    dd if=/dev/zero of="$1/.filler" bs=1k 2>/dev/null
    [ "$(df -k --output=avail "$1" | tail -1 | tr -d ' ')" -eq 0 ] ||
        { echo "faults: $1 is not full" >&2; return 1; }
}

faults_readonly() {
    mount -o remount,ro "$1" || { echo "faults: cannot make $1 read-only" >&2; return 1; }
}
