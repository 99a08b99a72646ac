#!/usr/bin/env bash
# An editor at work, for bench/oai.sh: commits a change to a published item every second for
# SECONDS seconds, going through the published items in turn and alternating the two ways content
# changes: `quangba set ID topics=…` (the CLI, which brings the index up to date itself) and a
# hand edit of the item's Vietnamese text; each followed by `git commit`. It knows nothing of the
# server: only the repository's files, git and the CLI.
#
#   bash bench/editor.sh BIN REPO SECONDS      (REPO: a git repository)
#
# Prints "N commits, M failed" at the end.
set -euo pipefail
BIN=$1
REPO=$2
DURATION=$3
export LC_NUMERIC=C
export QUANGBA_USER="Biên tập viên (benchmark)"

# Published, public items with a Vietnamese text; the first two topics of quangba.yaml.
mapfile -t items < <(python3 - "$REPO" <<'PY'
import pathlib, sys
n = 0
for item in sorted(pathlib.Path(sys.argv[1], "content").glob("*/*/item.yaml")):
    lines = item.read_text(encoding="utf-8").splitlines()
    if "state: published" in lines and "classification: public" in lines and (item.parent / "vi.md").exists():
        print(item.parent)
        n += 1
        if n == 50:
            break
PY
)
mapfile -t topics < <(awk '/^topics:/ {t = 1; next} t && /^  [a-z]/ {sub(/:.*/, ""); print $1} t && /^[^ #]/ {exit}' "$REPO/quangba.yaml" | head -2)
(( ${#items[@]} > 0 && ${#topics[@]} == 2 )) || { echo "editor: no published item or fewer than two topics in $REPO" >&2; exit 1; }

end=$((SECONDS + DURATION))
i=0 commits=0 failed=0
while (( SECONDS < end )); do
    start=$EPOCHREALTIME
    dir=${items[i % ${#items[@]}]}
    id=${dir##*/}
    if (( i % 2 == 0 )); then
        changed=$("$BIN" set --root "$REPO" "$id" "topics=${topics[(i / 2) % 2]}" >/dev/null 2>&1 && echo 1 || echo 0)
    else
        printf '\nĐoạn bổ sung của biên tập viên, lần %d.\n' "$i" >>"$dir/vi.md"
        changed=1
    fi
    if [[ $changed == 1 ]] && git -C "$REPO" add -A content audit && git -C "$REPO" commit -q -m "Bench edit $i: $id" >/dev/null; then
        commits=$((commits + 1))
    else
        failed=$((failed + 1))
    fi
    i=$((i + 1))
    rest=$(echo "1 - ($EPOCHREALTIME - $start)" | bc -l)
    if (( $(echo "$rest > 0" | bc -l) )); then sleep "$rest"; fi
done
echo "$commits commits, $failed failed"
