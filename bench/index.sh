#!/usr/bin/env bash
# Index benchmark: how long `quangba index` takes on a synthetic repository of N items.
#
#   bash bench/index.sh [N]          (default N = 10000, 5 languages per item)
#
# Environment:
#   QUANGBA_BIN   use this binary instead of building one (release, into /tmp/qb-bench-build)
#   SEED          generator seed (default 1)
#   KEEP=1        keep the generated repository (its path is printed)
#   RUNS          runs for the no-change and single-edit medians (default 5)
#
# Measures, with /usr/bin/time -v for memory and bash's EPOCHREALTIME for wall time:
#   (a) full build   `quangba index --rebuild`   wall time, peak RSS      target ≤ 10 s, ≤ 300 MB
#   (b) no change    `quangba index`             median of RUNS           target ≤ 0.5 s
#   (c) one edit     append a sentence to one vi.md, then `quangba index`;
#                    a different item each run, median of RUNS             target ≤ 100 ms
#       (c) is measured twice: without a watcher (the sync stats every file of content/) and
#       with `quangba watch` running (the sync reads only the folders it saw change).
set -euo pipefail

N=${1:-10000}
RUNS=${RUNS:-5}
SEED=${SEED:-1}
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

[[ -x /usr/bin/time ]] || apt_install time
build_quangba || exit 1
[[ -x "$BIN" ]] || { log "no executable at $BIN"; exit 1; }

# --- the repository -----------------------------------------------------------------------
DIR=$(mktemp -d /tmp/qb-bench-repo.XXXXXX)
cleanup() {
    "$BIN" watch stop --root "$DIR" >/dev/null 2>&1 || true   # a watcher left by an interrupted run
    if [[ "${KEEP:-0}" == 1 ]]; then log "kept $DIR"; else rm -rf "$DIR"; fi
}
trap cleanup EXIT
log "generating $N items × 5 languages into $DIR…"
t0=$EPOCHREALTIME
python3 "$HERE/generate.py" "$N" "$DIR" --seed "$SEED"
gen_s=$(echo "$EPOCHREALTIME - $t0" | bc -l)

# --- helpers ------------------------------------------------------------------------------
# run CMD…: runs it under /usr/bin/time -v; sets WALL (seconds), RSS_KB and OUT (its stdout).
run() {
    local tf; tf=$(mktemp)
    local start=$EPOCHREALTIME
    if ! OUT=$(/usr/bin/time -v -o "$tf" "$@" 2>&1); then
        log "command failed: $*"; log "$OUT"; cat "$tf" >&2; rm -f "$tf"; exit 1
    fi
    OUT=$(printf '%s' "$OUT" | tr '\n' ' ')
    WALL=$(echo "$EPOCHREALTIME - $start" | bc -l)
    RSS_KB=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$tf")
    rm -f "$tf"
}
fmt() { printf '%.3f' "$1"; }

# --- (a) full build -----------------------------------------------------------------------
log "(a) full build: quangba index --rebuild…"
run "$BIN" index --rebuild --root "$DIR"
full_wall=$WALL; full_rss_kb=$RSS_KB; full_out=$OUT
log "    $(fmt "$full_wall") s, peak RSS $((full_rss_kb / 1024)) MB — $full_out"

# --- (b) no-change sync -------------------------------------------------------------------
log "(b) no-change sync × $RUNS…"
nochange=(); nochange_rss=0
for ((k = 1; k <= RUNS; k++)); do
    run "$BIN" index --root "$DIR"
    nochange+=("$WALL"); nochange_out=$OUT
    if (( RSS_KB > nochange_rss )); then nochange_rss=$RSS_KB; fi
    log "    run $k: $(fmt "$WALL") s — $OUT"
done
nochange_med=$(median "${nochange[@]}")

# --- (c) single-edit sync, without and with `quangba watch` ------------------------------
mapfile -t VIFILES < <(cd "$DIR" && find content -name vi.md | sort)
# edits LABEL FIRST: RUNS single edits, each to another item; sets EDITS (seconds), EDIT_OUT, EDIT_RSS.
edits() {
    EDITS=(); EDIT_OUT=""; EDIT_RSS=0
    local k f
    for ((k = $2; k < $2 + RUNS; k++)); do
        f=${VIFILES[$(( (k * 7919) % ${#VIFILES[@]} ))]}
        printf '\nĐây là câu bổ sung số %d để đo thời gian đồng bộ chỉ mục.\n' "$k" >>"$DIR/$f"
        run "$BIN" index --root "$DIR"
        EDITS+=("$WALL"); EDIT_OUT=$OUT; if (( RSS_KB > EDIT_RSS )); then EDIT_RSS=$RSS_KB; fi
        log "    $1 run $((k - $2 + 1)) ($f): $(fmt "$WALL") s — $OUT"
    done
}
log "(c) single-edit sync × $RUNS, no watcher…"
edits "no watcher" 1
edit=("${EDITS[@]}"); edit_out=$EDIT_OUT; edit_rss=$EDIT_RSS
edit_med=$(median "${edit[@]}")

log "(c) single-edit sync × $RUNS, with quangba watch…"
watch_start_s=$EPOCHREALTIME
"$BIN" watch start --root "$DIR" >&2
watch_start_s=$(echo "$EPOCHREALTIME - $watch_start_s" | bc -l)
run "$BIN" index --root "$DIR"   # the first sync with a watcher looks at everything once
edits "watched" 1001
wedit=("${EDITS[@]}"); wedit_out=$EDIT_OUT; wedit_rss=$EDIT_RSS
wedit_med=$(median "${wedit[@]}")
watcher_rss_kb=$(ps -o rss= -p "$("$BIN" watch status --root "$DIR" | sed -n 's/.*pid \([0-9]*\).*/\1/p')" | tr -d ' ')
"$BIN" watch stop --root "$DIR" >&2

# --- sizes --------------------------------------------------------------------------------
files=$(find "$DIR/content" -type f | wc -l)
repo_du=$(du -sh --exclude=.quangba "$DIR" | cut -f1)
repo_app=$(du -sh --apparent-size --exclude=.quangba "$DIR" | cut -f1)
db=$DIR/.quangba/index.sqlite
db_size=$(du -h --apparent-size "$db" | cut -f1)
wal_size=$( [[ -f "$db-wal" ]] && du -h --apparent-size "$db-wal" | cut -f1 || echo 0)

# --- report -------------------------------------------------------------------------------
met() { if [[ $(echo "$1 <= $2" | bc -l) == 1 ]]; then echo yes; else echo "NO"; fi; }
full_rss_mb=$(echo "$full_rss_kb / 1024" | bc -l)
edit_ms=$(echo "$edit_med * 1000" | bc -l)
wedit_ms=$(echo "$wedit_med * 1000" | bc -l)

echo
echo "QuangBa index benchmark: $N items × 5 languages, $files files (generated in $(printf '%.1f' "$gen_s") s)"
echo "binary: $BIN"
echo
printf '%-34s %12s %12s  %s\n' "measure" "result" "target" "met"
printf '%-34s %12s %12s  %s\n' "----------------------------------" "------------" "------------" "---"
printf '%-34s %10.2f s %12s  %s\n' "(a) full build, wall" "$full_wall" "<= 10 s" "$(met "$full_wall" 10)"
printf '%-34s %9.0f MB %12s  %s\n' "(a) full build, peak RSS" "$full_rss_mb" "<= 300 MB" "$(met "$full_rss_mb" 300)"
printf '%-34s %10.3f s %12s  %s\n' "(b) no-change sync, median of $RUNS" "$nochange_med" "<= 0.5 s" "$(met "$nochange_med" 0.5)"
printf '%-34s %9.0f ms %12s  %s\n' "(c) single edit, no watcher" "$edit_ms" "<= 100 ms" "$(met "$edit_ms" 100)"
printf '%-34s %9.0f ms %12s  %s\n' "(c) single edit, quangba watch" "$wedit_ms" "<= 100 ms" "$(met "$wedit_ms" 100)"
echo
echo "runs, no-change (s):   $(printf '%.3f ' "${nochange[@]}")"
echo "runs, single-edit (s): $(printf '%.3f ' "${edit[@]}")"
echo "runs, single-edit with quangba watch (s): $(printf '%.3f ' "${wedit[@]}")"
echo "peak RSS: no-change sync $((nochange_rss / 1024)) MB, single-edit sync $((edit_rss / 1024)) MB, with watcher $((wedit_rss / 1024)) MB"
echo "quangba watch: started in $(printf '%.3f' "$watch_start_s") s, $((watcher_rss_kb / 1024)) MB resident"
echo "tool output, full build: $full_out"
echo "tool output, no-change:  $nochange_out"
echo "tool output, last edit:  $edit_out"
echo "tool output, last watched edit: $wedit_out"
echo
echo "repository on disk (without .quangba): $repo_du allocated, $repo_app apparent"
echo ".quangba/index.sqlite: $db_size (WAL: $wal_size)"
