#!/usr/bin/env bash
# XML export benchmark: throughput and peak memory of `quangba export xml` as N grows.
#
#   bash bench/export.sh [N...]        (default sizes 1000 10000 50000, 5 languages per item)
#
# Environment:
#   QUANGBA_BIN   use this binary instead of building one (release, into /tmp/qb-bench-build)
#   SEED          generator seed (default 1)
#   RUNS          export runs per size; the median is reported (default 3)
#   KEEP=1        keep the generated repositories (their paths are printed)
#
# For each N: bench/generate.py writes the repository, `quangba index` builds its index (not
# measured), then `quangba export xml --out FILE` runs RUNS times under /usr/bin/time -v:
# wall time (bash's EPOCHREALTIME), peak RSS, and the size of the document. Throughput is the
# document's size over the wall time (which includes the command's own index check).
# Targets: ≥ 50 MB/s at 10,000 items; peak memory flat in N (the export streams).
set -euo pipefail

SIZES=("$@"); [[ ${#SIZES[@]} -gt 0 ]] || SIZES=(1000 10000 50000)
RUNS=${RUNS:-3}
SEED=${SEED:-1}
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

[[ -x /usr/bin/time ]] || apt_install time
command -v xmllint >/dev/null || apt_install libxml2-utils
build_quangba || exit 1

ROWS=()
for N in "${SIZES[@]}"; do
    DIR=$(mktemp -d /tmp/qb-export-bench.XXXXXX)
    log "== $N items × 5 languages in $DIR"
    python3 "$HERE/generate.py" "$N" "$DIR" --seed "$SEED" >/dev/null 2>&1
    t0=$EPOCHREALTIME
    "$BIN" index --root "$DIR" >/dev/null
    log "   indexed in $(echo "$EPOCHREALTIME - $t0" | bc -l | xargs printf '%.1f') s"
    walls=(); rss=0; bytes=0; items=""
    for ((k = 1; k <= RUNS; k++)); do
        tf=$(mktemp)
        start=$EPOCHREALTIME
        said=$(/usr/bin/time -v -o "$tf" "$BIN" export xml --root "$DIR" --out "$DIR/export.xml" 2>&1 >/dev/null | grep -v '^\s' | tail -1)
        wall=$(echo "$EPOCHREALTIME - $start" | bc -l)
        kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$tf"); rm -f "$tf"
        (( kb > rss )) && rss=$kb
        bytes=$(stat -c %s "$DIR/export.xml")
        walls+=("$wall"); items=$said
        log "   run $k: $(printf '%.3f' "$wall") s, peak RSS $((kb / 1024)) MB — $said"
    done
    # The document must be well-formed XML (the tests validate it against the XSD).
    xmllint --noout --stream "$DIR/export.xml" || { log "the export is not well-formed"; exit 1; }
    med=$(median "${walls[@]}")
    mbps=$(echo "$bytes / 1000000 / $med" | bc -l)
    ROWS+=("$(printf '%-8s %10.1f %10.3f %10.1f %10d' "$N" "$(echo "$bytes / 1000000" | bc -l)" "$med" "$mbps" "$((rss / 1024))")")
    if [[ "${KEEP:-0}" == 1 ]]; then log "   kept $DIR"; else rm -rf "$DIR"; fi
done

echo
echo "QuangBa XML export benchmark (seed $SEED, median of $RUNS runs; binary $BIN)"
printf '%-8s %10s %10s %10s %10s\n' "items" "doc MB" "wall s" "MB/s" "peak MB"
printf '%s\n' "${ROWS[@]}"
echo "Targets: >= 50 MB/s at 10,000 items; peak memory flat in N."
