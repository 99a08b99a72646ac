# Shared by the benchmarks in bench/: source it after `set -euo pipefail`.
#
# Sets HERE (bench/), PKG (the package), SCRATCH (the release build folder) and defines:
#   log MSG…          to standard error
#   apt_install PKG…  Debian packages (sudo when not root; waits for the package lock)
#   build_quangba     sets BIN: $QUANGBA_BIN, or a release build into $SCRATCH (3 attempts);
#                     returns 1 when the build fails
#   median N…         the median of the numbers
HERE=$(cd "$(dirname "${BASH_SOURCE[1]}")" && pwd)
PKG=$(cd "$HERE/.." && pwd)
SCRATCH=/tmp/qb-bench-build
# EPOCHREALTIME and printf follow the locale's decimal separator; keep it a point.
export LC_NUMERIC=C

log() { printf '%s\n' "$*" >&2; }

SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
apt_updated=0
apt_install() {
    log "installing the Debian package(s) $* …"
    if [[ $apt_updated == 0 ]]; then $SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq; apt_updated=1; fi
    $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq "$@" >/dev/null
}

build_quangba() {
    if [[ -n "${QUANGBA_BIN:-}" ]]; then BIN=$QUANGBA_BIN; return 0; fi
    log "building quangba (release) into $SCRATCH…"
    BIN=$SCRATCH/release/quangba
    for attempt in 1 2 3; do
        if (cd "$PKG" && swift build -c release --product quangba --scratch-path "$SCRATCH" >"$SCRATCH.log" 2>&1); then return 0; fi
        log "  build failed (attempt $attempt, see $SCRATCH.log)"
        [[ $attempt == 3 ]] || { log "  retrying in 60 s"; sleep 60; }
    done
    tail -30 "$SCRATCH.log" >&2
    return 1
}

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
