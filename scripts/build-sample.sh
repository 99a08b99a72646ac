#!/usr/bin/env bash
# The main job: build the quangba tool and check the sample repository (Lạng Sơn, sample data).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
swift build -c release --product quangba
bin="$(swift build -c release --show-bin-path)/quangba"

echo "== quangba validate"
"$bin" validate
echo "== quangba status"
"$bin" status
echo
echo "Built $bin. Try: $bin list --sort title, $bin show gioi-thieu-tinh-lang-son, $bin search mau son"
