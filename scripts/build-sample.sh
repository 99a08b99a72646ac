#!/usr/bin/env bash
# The main job: build the quangba tool, check the sample repository (Lạng Sơn, sample data)
# and build its public site into _site/.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
swift build -c release --product quangba
bin=".build/release/quangba"

echo "== quangba validate"
"$bin" validate
echo "== quangba status"
"$bin" status
echo "== quangba build"
"$bin" build
echo "== quangba check"
"$bin" check
echo
echo "The site is in _site/. To look at it, with the OAI-PMH endpoint beside it:"
echo "  $bin serve        then open http://127.0.0.1:8080/ (OAI-PMH: http://127.0.0.1:8080/oai)"
echo "Try the tool:"
echo "  $bin list --sort title"
echo "  $bin show gioi-thieu-tinh-lang-son"
echo "  $bin search mau son"
