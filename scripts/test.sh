#!/usr/bin/env bash
# The whole test suite: unit tests of every module and end-to-end tests of the built CLI.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh --test
# Each target imports exactly what Package.swift declares for it.
python3 scripts/check-imports.py
swift build --build-tests
swift test
