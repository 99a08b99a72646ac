#!/usr/bin/env bash
# The main job: build the quangba tool and check the sample repository (Lạng Sơn, sample data).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
swift build -c release --product quangba
bin=".build/release/quangba"

echo "== quangba validate"
"$bin" validate
echo "== quangba status"
"$bin" status
echo
echo "Built $bin. Try:"
echo "  $bin list --sort title"
echo "  $bin show gioi-thieu-tinh-lang-son"
echo "  $bin search mau son"
