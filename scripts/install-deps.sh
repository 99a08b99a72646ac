#!/usr/bin/env bash
# Installs what QuangBa needs from Debian (and PyPI), if anything is missing.
#
#   scripts/install-deps.sh          the libraries the build links against
#   scripts/install-deps.sh --test   also the real tools the tests check output with:
#                                    xmllint (XSD), jing (RELAX NG, Atom), Chromium with
#                                    chromedriver and Selenium, CJK fonts for screenshots
set -euo pipefail

packages=(libicu-dev libsqlite3-dev libxml2-dev libcmark-gfm-dev libcmark-gfm-extensions-dev libssl-dev zlib1g-dev pkg-config python3)
if [ "${1:-}" = "--test" ]; then
  packages+=(libxml2-utils jing chromium chromium-driver fonts-noto-cjk)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Python packages for the python3 the tests run (which may be a pyenv one, not Debian's):
# Selenium drives Chromium; Sickle is a real OAI-PMH harvester; the Translate Toolkit has an
# XLIFF 2.0 reader of its own (translate.storage.xliff2), which reads the exported files.
pip_install() {
  python3 -m pip install -q "$1" 2>/dev/null || python3 -m pip install -q --break-system-packages "$1" 2>/dev/null
}
if [ "${1:-}" = "--test" ]; then
  if ! python3 -c 'import selenium' 2>/dev/null; then
    echo "Installing Selenium from PyPI"
    pip_install selenium || { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq python3-selenium; }
  fi
  if ! python3 -c 'import sickle' 2>/dev/null; then
    echo "Installing Sickle from PyPI"
    pip_install sickle
  fi
  if ! python3 -c 'import translate.storage.xliff2' 2>/dev/null; then
    echo "Installing the Translate Toolkit from PyPI"
    pip_install translate-toolkit
  fi
fi
