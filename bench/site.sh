#!/usr/bin/env bash
# Site-build benchmark: `quangba build` against Hugo on the same synthetic repository.
#
#   bash bench/site.sh [N...]        (default sizes 2000 and 10000 items, 5 languages per item)
#
# Environment:
#   QUANGBA_BIN   use this binary instead of building one (release, into /tmp/qb-bench-build)
#   SEED          generator seed (default 1)
#   RUNS          runs for the no-change and one-item medians (default 5)
#   KEEP=1        keep the temporary folders (their paths are printed)
#
# For each N: bench/generate.py writes a repository, bench/to_hugo.py converts it into an
# equivalent Hugo site (same pages, languages, taxonomies and listings; pages that QuangBa's
# publication gate keeps back become Hugo drafts), then, each under /usr/bin/time -v (wall time
# from bash's EPOCHREALTIME, user+sys CPU, peak RSS):
#   Hugo full build      hugo --quiet --source HUGODIR --destination OUT   (empty OUT, fresh --cacheDir)
#   quangba full build   quangba --root REPO build --out OUT2 --clean
#   quangba no change    quangba --root REPO build --out OUT2              median of RUNS
#   quangba one item     append a sentence to one public item's vi.md (a different item each run;
#                        not a media item: its page does not show the body),
#                        then quangba --root REPO build --out OUT2         median of RUNS
#   the same, with `quangba watch` running (its syncs read only the folders that changed)
# Targets: full build ≤ 0.4× Hugo's wall time and ≤ 0.2× Hugo's peak memory; no-change ≤ 5% of
# quangba's full build; one-item rebuild ≤ 300 ms at 10,000 pages (judged for every size whose
# build makes at least 10,000 HTML pages: 2,000 items × 5 languages make ~10,500, 10,000 make ~52,000).
#
# When the binary has no `build` command yet (or cannot be built), the Hugo half still runs and
# the report says plainly that the quangba half was skipped. `--root REPO` goes after `build`
# when the top-level command has no --root (ArgumentParser: options follow their subcommand).
set -euo pipefail

SIZES=("$@"); [[ ${#SIZES[@]} -gt 0 ]] || SIZES=(2000 10000)
RUNS=${RUNS:-5}
SEED=${SEED:-1}
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
[[ -n "${LC_ALL:-}" ]] && export LC_ALL=C.UTF-8

die() { log "site.sh: $*"; exit 1; }
for n in "${SIZES[@]}"; do [[ $n =~ ^[0-9]+$ && $n -gt 0 ]] || die "sizes must be positive integers, got '$n'"; done
[[ $RUNS =~ ^[0-9]+$ && $RUNS -gt 0 ]] || die "RUNS must be a positive integer"

# --- tools: /usr/bin/time, hugo, PyYAML ----------------------------------------------------
[[ -x /usr/bin/time ]] || apt_install time
command -v hugo >/dev/null || apt_install hugo
command -v hugo >/dev/null || die "no hugo after installing it"
if ! python3 -c 'import yaml' 2>/dev/null; then
    log "installing PyYAML for bench/to_hugo.py…"
    python3 -m pip install -q pyyaml 2>/dev/null || python3 -m pip install -q --user pyyaml 2>/dev/null \
        || apt_install python3-yaml
    python3 -c 'import yaml' 2>/dev/null || die "python3 cannot import yaml (PyYAML)"
fi
HUGO=$(command -v hugo)
HUGO_VERSION=$("$HUGO" version 2>/dev/null | awk '{print $2}')

# --- the binary ----------------------------------------------------------------------------
# QB_SKIP is empty when the quangba half runs, else the reason it does not.
QB_SKIP=""
build_quangba || QB_SKIP="the release build failed (see $SCRATCH.log)"
if [[ -z $QB_SKIP && ! -x "$BIN" ]]; then QB_SKIP="no executable at $BIN"; fi
# (Swift ArgumentParser answers `quangba build --help` with the top-level help, exit 0, when
# there is no such subcommand: look for the subcommand's own usage line.)
if [[ -z $QB_SKIP ]] && [[ $("$BIN" build --help 2>&1 || true) != *"USAGE: quangba build"* ]]; then
    QB_SKIP="$BIN has no 'build' command yet ('$BIN build --help' shows no 'USAGE: quangba build')"
fi
# The command line is `quangba --root REPO build …`. The other subcommands take --root after their
# name (ArgumentParser refuses it before), so when the top level has no --root, put it after `build`.
ROOT_FIRST=1
if [[ -z $QB_SKIP ]] && [[ $("$BIN" --help 2>&1 || true) != *"--root"* ]]; then ROOT_FIRST=0; fi
qb_cmd() { # qb_cmd REPO: sets QB to the command up to and including `build`'s --root
    if [[ $ROOT_FIRST == 1 ]]; then QB=("$BIN" --root "$1" build); else QB=("$BIN" build --root "$1"); fi
}
[[ -n $QB_SKIP ]] && log "quangba half will be SKIPPED: $QB_SKIP"

# --- temporary folders ---------------------------------------------------------------------
WORKS=()
cleanup() {
    ((${#WORKS[@]})) || return 0
    for w in "${WORKS[@]}"; do [[ -d $w/repo ]] && "$BIN" watch stop --root "$w/repo" >/dev/null 2>&1; done  # after an interruption
    if [[ "${KEEP:-0}" == 1 ]]; then log "kept: ${WORKS[*]}"; else rm -rf "${WORKS[@]}"; fi
}
trap cleanup EXIT

# --- helpers -------------------------------------------------------------------------------
# run CMD…: runs it under /usr/bin/time -v; sets WALL (s), CPU (user+sys s), RSS_KB and OUT (its
# output, stdout and stderr). Returns 1 (after logging) when the command fails.
run() {
    local tf; tf=$(mktemp)
    local start=$EPOCHREALTIME status=0
    OUT=$(/usr/bin/time -v -o "$tf" "$@" 2>&1) || status=$?
    WALL=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.6f", b - a }')
    CPU=$(awk -F': ' '/User time \(seconds\)/ {u = $2} /System time \(seconds\)/ {s = $2} END { printf "%.2f", u + s }' "$tf")
    RSS_KB=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$tf")
    rm -f "$tf"
    if ((status)); then log "command failed (exit $status): $*"; log "$OUT"; return 1; fi
}
maximum() { printf '%s\n' "$@" | sort -g | tail -1; }
calc() { awk "BEGIN { printf \"%.6f\", $* }"; }
le() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a <= b) }'; }
met() { if le "$1" "$2"; then echo met; else echo MISSED; fi; }
html_count() { find "$1" -name '*.html' 2>/dev/null | wc -l; }
oneline() { printf '%s' "$1" | tr '\n' ' ' | sed 's/  */ /g; s/^ //; s/ $//'; }

# --- one size ------------------------------------------------------------------------------
bench() {
    local N=$1
    local WORK; WORK=$(mktemp -d /tmp/qb-site-bench.XXXXXX); WORKS+=("$WORK")
    local REPO=$WORK/repo HSITE=$WORK/hugo-site HOUT=$WORK/hugo-out HCACHE=$WORK/hugo-cache QOUT=$WORK/quangba-out
    log ""
    log "=== $N items × 5 languages (seed $SEED) in $WORK"

    local t0=$EPOCHREALTIME
    python3 "$HERE/generate.py" "$N" "$REPO" --seed "$SEED"
    local gen_s; gen_s=$(calc "$EPOCHREALTIME - $t0")
    # `quangba build` needs the site's templates and UI strings; take the package's own when the
    # generator did not copy them.
    local d
    for d in site-templates locales; do
        [[ -e "$REPO/$d" || ! -d "$PKG/$d" ]] || cp -R "$PKG/$d" "$REPO/$d"
    done
    t0=$EPOCHREALTIME
    local conv; conv=$(python3 "$HERE/to_hugo.py" "$REPO" "$HSITE" 2>&1) || { log "$conv"; die "to_hugo.py failed"; }
    log "$conv"
    local conv_s; conv_s=$(calc "$EPOCHREALTIME - $t0")
    local files; files=$(find "$REPO/content" -type f | wc -l)
    local repo_mb; repo_mb=$(du -sm --apparent-size "$REPO/content" | cut -f1)

    # -- Hugo full build: empty destination, a resource cache nobody used before.
    mkdir -p "$HOUT" "$HCACHE"
    log "Hugo full build…"
    run "$HUGO" --quiet --source "$HSITE" --destination "$HOUT" --cacheDir "$HCACHE" || die "Hugo failed"
    local h_wall=$WALL h_cpu=$CPU h_rss=$RSS_KB h_out=$OUT
    local h_html; h_html=$(html_count "$HOUT")
    local h_files; h_files=$(find "$HOUT" -type f | wc -l)
    [[ -z $h_out ]] || log "Hugo said: $h_out"
    log "    $(printf '%.2f' "$h_wall") s wall, $h_cpu s CPU, peak RSS $((h_rss / 1024)) MB, $h_html HTML files"

    # -- quangba
    local q_skip=$QB_SKIP q_wall="" q_cpu="" q_rss="" q_html="" q_out=""
    local nc_walls=() nc_cpus=() nc_rsss=() ed_walls=() ed_cpus=() ed_rsss=() nc_out="" ed_out=""
    local we_walls=() we_cpus=() we_rsss=() we_out=""
    local QB=(); qb_cmd "$REPO"
    if [[ -z $q_skip ]]; then
        log "quangba full build (--clean)…"
        if run "${QB[@]}" --out "$QOUT" --clean; then
            q_wall=$WALL; q_cpu=$CPU; q_rss=$RSS_KB; q_out=$(oneline "$OUT"); q_html=$(html_count "$QOUT")
            log "    $(printf '%.2f' "$q_wall") s wall, $q_cpu s CPU, peak RSS $((q_rss / 1024)) MB, $q_html HTML files — $q_out"
        else
            q_skip="the full build failed (its output is above)"
        fi
    fi
    if [[ -z $q_skip ]]; then
        log "quangba no-change rebuild × $RUNS…"
        for ((k = 1; k <= RUNS; k++)); do
            run "${QB[@]}" --out "$QOUT" || { q_skip="a no-change rebuild failed"; break; }
            nc_walls+=("$WALL"); nc_cpus+=("$CPU"); nc_rsss+=("$RSS_KB"); nc_out=$(oneline "$OUT")
            log "    run $k: $(printf '%.3f' "$WALL") s — $nc_out"
        done
    fi
    if [[ -z $q_skip ]]; then
        log "quangba one-item rebuild × $RUNS…"
        # Public items only (published, public, no embargo), so that every edit reaches the site;
        # not media, whose pages show caption and description but not the body.
        local VIFILES
        mapfile -t VIFILES < <(cd "$REPO" && find content -name item.yaml -print0 | xargs -0 -r grep -l -x 'state: published' \
            | xargs -r grep -l -x 'classification: public' | xargs -r grep -L '^embargo:' \
            | grep -v '^content/media/' | sed 's|item.yaml$|vi.md|' | sort)
        ((${#VIFILES[@]})) || mapfile -t VIFILES < <(cd "$REPO" && find content -name vi.md | sort)
        for ((k = 1; k <= RUNS; k++)); do
            # spread evenly over the sorted list (so over the kinds), a different item each run
            local f=${VIFILES[$(( (k * ${#VIFILES[@]} / (RUNS + 1)) % ${#VIFILES[@]} ))]}
            printf '\nĐây là câu bổ sung số %d để đo thời gian dựng lại trang.\n' "$k" >>"$REPO/$f"
            run "${QB[@]}" --out "$QOUT" || { q_skip="a one-item rebuild failed"; break; }
            ed_walls+=("$WALL"); ed_cpus+=("$CPU"); ed_rsss+=("$RSS_KB"); ed_out=$(oneline "$OUT")
            log "    run $k ($f): $(printf '%.3f' "$WALL") s — $ed_out"
        done
    fi
    if [[ -z $q_skip ]]; then
        # The same with `quangba watch` running: the sync reads only the folders it saw change.
        log "quangba one-item rebuild × $RUNS with quangba watch…"
        "$BIN" watch start --root "$REPO" >&2 || { q_skip="quangba watch start failed"; }
        if [[ -z $q_skip ]]; then
            run "${QB[@]}" --out "$QOUT" || q_skip="a rebuild with the watcher failed"   # its first sync looks at everything
        fi
        for ((k = RUNS + 1; k <= 2 * RUNS && ${#q_skip} == 0; k++)); do
            local f=${VIFILES[$(( (k * ${#VIFILES[@]} / (2 * RUNS + 1)) % ${#VIFILES[@]} ))]}
            printf '\nĐây là câu bổ sung số %d để đo thời gian dựng lại trang.\n' "$k" >>"$REPO/$f"
            run "${QB[@]}" --out "$QOUT" || { q_skip="a one-item rebuild with the watcher failed"; break; }
            we_walls+=("$WALL"); we_cpus+=("$CPU"); we_rsss+=("$RSS_KB"); we_out=$(oneline "$OUT")
            log "    run $((k - RUNS)) ($f): $(printf '%.3f' "$WALL") s — $we_out"
        done
        "$BIN" watch stop --root "$REPO" >&2 || true
    fi

    # -- report
    echo
    echo "QuangBa site benchmark: $N items × 5 languages (seed $SEED), $files content files, ${repo_mb} MB"
    echo "  generated in $(printf '%.1f' "$gen_s") s; Hugo site converted in $(printf '%.1f' "$conv_s") s: $(oneline "${conv#to_hugo: }")"
    echo "  Hugo: $HUGO $HUGO_VERSION     CPUs: $(nproc)"
    echo "  Hugo command:    $HUGO --quiet --source $HSITE --destination $HOUT --cacheDir $HCACHE"
    if [[ -z $QB_SKIP ]]; then echo "  quangba command: ${QB[*]} --out $QOUT [--clean]"; else echo "  quangba: $BIN"; fi
    echo
    local row='%-36s %9s %9s %9s %11s\n'
    printf "$row" "measurement" "wall s" "CPU s" "peak MB" "HTML files"
    printf "$row" "------------------------------------" "---------" "---------" "---------" "-----------"
    printf "$row" "Hugo full build" "$(printf '%.2f' "$h_wall")" "$h_cpu" "$((h_rss / 1024))" "$h_html"
    if [[ -n $q_wall ]]; then
        printf "$row" "quangba full build (--clean)" "$(printf '%.2f' "$q_wall")" "$q_cpu" "$((q_rss / 1024))" "$q_html"
    else
        printf "$row" "quangba full build (--clean)" "skipped" "" "" ""
    fi
    if ((${#nc_walls[@]} == RUNS)); then
        printf "$row" "quangba no-change, median of $RUNS" "$(printf '%.3f' "$(median "${nc_walls[@]}")")" \
            "$(printf '%.2f' "$(median "${nc_cpus[@]}")")" "$(( $(maximum "${nc_rsss[@]}") / 1024 ))" "$(html_count "$QOUT")"
    else
        printf "$row" "quangba no-change" "skipped" "" "" ""
    fi
    if ((${#ed_walls[@]} == RUNS)); then
        printf "$row" "quangba one-item, median of $RUNS" "$(printf '%.3f' "$(median "${ed_walls[@]}")")" \
            "$(printf '%.2f' "$(median "${ed_cpus[@]}")")" "$(( $(maximum "${ed_rsss[@]}") / 1024 ))" "$(html_count "$QOUT")"
    else
        printf "$row" "quangba one-item" "skipped" "" "" ""
    fi
    if ((${#we_walls[@]} == RUNS)); then
        printf "$row" "quangba one-item, quangba watch" "$(printf '%.3f' "$(median "${we_walls[@]}")")" \
            "$(printf '%.2f' "$(median "${we_cpus[@]}")")" "$(( $(maximum "${we_rsss[@]}") / 1024 ))" "$(html_count "$QOUT")"
    fi
    echo "  (medians of wall and CPU; peak MB is the largest of the runs; HTML files: find OUT -name '*.html')"
    echo "  Hugo wrote $h_files files in all, $h_html of them HTML (these include Hugo's redirect pages:"
    echo "  the root index.html and one page/1/ alias per paginated list)."
    echo
    row='%-44s %12s %12s  %s\n'
    printf "$row" "target" "result" "target" "met?"
    printf "$row" "--------------------------------------------" "------------" "------------" "------"
    if [[ -n $q_wall ]]; then
        local rw rr; rw=$(calc "$q_wall / $h_wall"); rr=$(calc "$q_rss / $h_rss")
        printf "$row" "full build wall time, quangba / Hugo" "$(printf '%.2fx' "$rw")" "<= 0.40x" "$(met "$rw" 0.4)"
        printf "$row" "full build peak memory, quangba / Hugo" "$(printf '%.2fx' "$rr")" "<= 0.20x" "$(met "$rr" 0.2)"
    else
        printf "$row" "full build wall time, quangba / Hugo" "skipped" "<= 0.40x" "—"
        printf "$row" "full build peak memory, quangba / Hugo" "skipped" "<= 0.20x" "—"
    fi
    if ((${#nc_walls[@]} == RUNS)); then
        local pc; pc=$(calc "100 * $(median "${nc_walls[@]}") / $q_wall")
        printf "$row" "no-change rebuild, % of quangba full build" "$(printf '%.1f %%' "$pc")" "<= 5 %" "$(met "$pc" 5)"
    else
        printf "$row" "no-change rebuild, % of quangba full build" "skipped" "<= 5 %" "—"
    fi
    if ((${#ed_walls[@]} == RUNS)); then
        local ms; ms=$(calc "1000 * $(median "${ed_walls[@]}")")
        if ((${q_html:-0} >= 10000)); then
            printf "$row" "one-item rebuild (target at 10,000 pages)" "$(printf '%.0f ms' "$ms")" "<= 300 ms" "$(met "$ms" 300)"
        else
            printf "$row" "one-item rebuild (target at 10,000 pages)" "$(printf '%.0f ms' "$ms")" "<= 300 ms" "— (< 10,000 pages)"
        fi
    else
        printf "$row" "one-item rebuild (target at 10,000 pages)" "skipped" "<= 300 ms" "—"
    fi
    if ((${#we_walls[@]} == RUNS)); then
        local wms; wms=$(calc "1000 * $(median "${we_walls[@]}")")
        printf "$row" "  the same with quangba watch running" "$(printf '%.0f ms' "$wms")" "<= 300 ms" \
            "$( ((${q_html:-0} >= 10000)) && met "$wms" 300 || echo "— (< 10,000 pages)")"
    fi
    if [[ -n $q_skip ]]; then
        echo
        echo "  quangba half SKIPPED: $q_skip."
    else
        echo
        echo "  runs, no-change (s): $(printf '%.3f ' "${nc_walls[@]}")"
        echo "  runs, one-item (s):  $(printf '%.3f ' "${ed_walls[@]}")"
        echo "  runs, one-item with quangba watch (s): $(printf '%.3f ' "${we_walls[@]}")"
        echo "  quangba said, full build: $q_out"
        echo "  quangba said, no-change:  $nc_out"
        echo "  quangba said, last edit:  $ed_out"
    fi
    if [[ "${KEEP:-0}" != 1 ]]; then rm -rf "$WORK"; fi
}

for n in "${SIZES[@]}"; do bench "$n"; done
