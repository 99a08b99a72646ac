#!/usr/bin/env bash
# OAI-PMH server benchmark: `quangba serve` under load on loopback, and a full harvest.
#
#   bash bench/oai.sh [N]          (default N = 10000 items × 5 languages)
#
# Environment:
#   QUANGBA_BIN   use this binary instead of building one (release, into /tmp/qb-bench-build)
#   SEED          generator seed (default 1)
#   DURATION      wrk duration (default 30s); CONNECTIONS (default 32)
#   SYNC_EVERY    the server's check of content/ for edits, in seconds (default 30)
#   EDITS=1       also the editing mode: the repository is made a git repository, and wrk runs a
#                 second time while an editor (bench/editor.sh) commits a change to a published
#                 item every second, alternating items, `quangba set` and hand edits of the text
#   WATCH=1       run `quangba watch` for the repository (as a server with editors on it should):
#                 syncs, the server's and the editor's commands', then look only at what changed
#   KEEP=1        keep the generated repository
#
# Generates the repository, indexes it, starts `quangba serve` on a free port, collects the URLs
# of the first 50 ListRecords pages (oai_dc, 100 records each, following resumption tokens),
# and runs wrk (Debian's) with CONNECTIONS connections for DURATION over those pages, printing
# requests/s and the latency distribution (target p99 <= 20 ms), with EDITS=1 a second time
# while content/ changes under the server, each run with its own peak memory. Then it times a complete
# harvest of every record with Sickle (PyPI), following every token. wrk, the server and Sickle
# share the machine's cores.
set -euo pipefail

N=${1:-10000}
SEED=${SEED:-1}
DURATION=${DURATION:-30s}
CONNECTIONS=${CONNECTIONS:-32}
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

command -v wrk >/dev/null || apt_install wrk
python3 -c 'import sickle' 2>/dev/null || python3 -m pip install -q sickle 2>/dev/null || python3 -m pip install -q --break-system-packages sickle

build_quangba || exit 1

DIR=$(mktemp -d /tmp/qb-oai-bench.XXXXXX)
SERVER=""
cleanup() {
    [[ -n "$SERVER" ]] && kill "$SERVER" 2>/dev/null
    [[ "${WATCH:-0}" == 1 ]] && "$BIN" watch stop --root "$DIR" >/dev/null 2>&1
    if [[ "${KEEP:-0}" == 1 ]]; then log "kept $DIR"; else rm -rf "$DIR"; fi; }
trap cleanup EXIT
log "generating $N items × 5 languages into $DIR…"
python3 "$HERE/generate.py" "$N" "$DIR" --seed "$SEED" >/dev/null 2>&1
"$BIN" index --root "$DIR" >/dev/null
if [[ "${EDITS:-0}" == 1 ]]; then
    log "committing the repository to git (for the editing mode)…"
    printf '.quangba/\n/*.log\n/*.txt\n/*.lua\n' >"$DIR/.gitignore"
    git -C "$DIR" init -q
    git -C "$DIR" add -A
    git -C "$DIR" -c user.name=bench -c user.email=bench@localhost commit -q -m "Generated repository"
    git -C "$DIR" config user.name "Biên tập viên (benchmark)"
    git -C "$DIR" config user.email bench@localhost
fi

if [[ "${WATCH:-0}" == 1 ]]; then "$BIN" watch start --root "$DIR" >/dev/null; fi
"$BIN" serve --root "$DIR" --port 0 --sync-every "${SYNC_EVERY:-30}" >"$DIR/serve.log" 2>&1 &
SERVER=$!
for _ in $(seq 100); do grep -q '/oai' "$DIR/serve.log" && break; sleep 0.1; done
URL=$(grep -o 'http://[^ ]*/oai' "$DIR/serve.log" | head -1)
[[ -n "$URL" ]] || { log "the server did not start:"; cat "$DIR/serve.log" >&2; exit 1; }
log "server at $URL"

# The pages to load: the first ListRecords page and the next 49, by their tokens.
python3 - "$URL" >"$DIR/paths.txt" <<'PY'
import re, sys, urllib.parse, urllib.request
url = sys.argv[1]
path = urllib.parse.urlparse(url).path
query = "verb=ListRecords&metadataPrefix=oai_dc"
for _ in range(50):
    print(path + "?" + query)
    body = urllib.request.urlopen(url + "?" + query).read().decode()
    m = re.search(r"<resumptionToken[^>]*>([^<]+)</resumptionToken>", body)
    if not m:
        break
    query = "verb=ListRecords&resumptionToken=" + urllib.parse.quote(m.group(1))
PY
log "$(wc -l <"$DIR/paths.txt") page URLs"
cat >"$DIR/pages.lua" <<LUA
local paths = {}
for line in io.lines("$DIR/paths.txt") do paths[#paths + 1] = line end
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
LUA
log "wrk: $CONNECTIONS connections for $DURATION…"
wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$DIR/pages.lua" "${URL%/oai}" >"$DIR/wrk.txt"
rss=$(awk '/VmHWM/ {print int($2 / 1024)}' /proc/$SERVER/status)
if [[ "${EDITS:-0}" == 1 ]]; then
    seconds=${DURATION%s}
    [[ "$seconds" =~ ^[0-9]+$ ]] || { log "EDITS=1 takes DURATION in seconds (30s), not $DURATION"; exit 1; }
    # The peak of this run alone (Linux: 5 resets VmHWM to the current RSS).
    echo 5 >/proc/$SERVER/clear_refs
    log "wrk again while an editor commits a change every second…"
    bash "$HERE/editor.sh" "$BIN" "$DIR" "$seconds" >"$DIR/editor.txt" 2>&1 &
    EDITOR=$!
    wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$DIR/pages.lua" "${URL%/oai}" >"$DIR/wrk-edits.txt"
    wait "$EDITOR" || { log "the editor failed:"; cat "$DIR/editor.txt" >&2; exit 1; }
    rss_edits=$(awk '/VmHWM/ {print int($2 / 1024)}' /proc/$SERVER/status)
fi

log "full harvest with Sickle…"
start=$EPOCHREALTIME
count=$(python3 - "$URL" <<'PY'
import sys
from sickle import Sickle
n = 0
for _ in Sickle(sys.argv[1], timeout=120).ListRecords(metadataPrefix="oai_dc", ignore_deleted=False):
    n += 1
print(n)
PY
)
harvest=$(echo "$EPOCHREALTIME - $start" | bc -l)

echo
echo "QuangBa OAI-PMH benchmark: $N items × 5 languages (seed $SEED), binary $BIN"
echo "wrk over the first $(wc -l <"$DIR/paths.txt") ListRecords pages (oai_dc, 100 records each), $CONNECTIONS connections, $DURATION:"
grep -E "Requests/sec|Transfer/sec|Non-2xx|Socket errors" "$DIR/wrk.txt" | sed 's/^/  /'
grep -A4 "Latency Distribution" "$DIR/wrk.txt" | sed 's/^/  /'
echo "  server peak RSS: $rss MB"
# "p50 p99" of a wrk --latency report, in ms.
percentiles() { awk '/^ +(50|99)%/ {v = $2; if (v ~ /us$/) v = v / 1000; else if (v ~ /ms$/) v = v + 0; else if (v ~ /s$/) v = v * 1000; printf "%s ", v}' "$1"; }
if [[ "${EDITS:-0}" == 1 ]]; then
    echo "the same while an editor commits a change every second ($(cat "$DIR/editor.txt")):"
    grep -E "Requests/sec|Non-2xx|Socket errors" "$DIR/wrk-edits.txt" | sed 's/^/  /'
    grep -A4 "Latency Distribution" "$DIR/wrk-edits.txt" | sed 's/^/  /'
    echo "  server peak RSS during this run: $rss_edits MB"
    read -r p50 p99 <<<"$(percentiles "$DIR/wrk.txt")"
    read -r e50 e99 <<<"$(percentiles "$DIR/wrk-edits.txt")"
    printf '  p50 / p99 / peak RSS: %.2f / %.2f ms / %d MB unedited, %.2f / %.2f ms / %d MB with edits (p99 ×%.2f)\n' \
        "$p50" "$p99" "$rss" "$e50" "$e99" "$rss_edits" "$(echo "$e99 / $p99" | bc -l)"
fi
printf '  full harvest with Sickle: %d records in %.1f s\n' "$count" "$harvest"
echo "Target: p99 <= 20 ms."
