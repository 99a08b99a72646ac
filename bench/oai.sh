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
#   KEEP=1        keep the generated repository
#
# Generates the repository, indexes it, starts `quangba serve` on a free port, collects the URLs
# of the first 50 ListRecords pages (oai_dc, 100 records each, following resumption tokens),
# and runs wrk (Debian's) with CONNECTIONS connections for DURATION over those pages, printing
# requests/s and the latency distribution (target p99 <= 20 ms). Then it times a complete
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
cleanup() { [[ -n "$SERVER" ]] && kill "$SERVER" 2>/dev/null; if [[ "${KEEP:-0}" == 1 ]]; then log "kept $DIR"; else rm -rf "$DIR"; fi; }
trap cleanup EXIT
log "generating $N items × 5 languages into $DIR…"
python3 "$HERE/generate.py" "$N" "$DIR" --seed "$SEED" >/dev/null 2>&1
"$BIN" index --root "$DIR" >/dev/null

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
printf '  full harvest with Sickle: %d records in %.1f s\n' "$count" "$harvest"
echo "Target: p99 <= 20 ms."
