#!/usr/bin/env bash
# Creates .venv beside this repository and installs LlamaDesk into it (with --test: and its
# test tools). Idempotent: a second run only checks. Needs Python 3.11+ with venv and pip.
set -euo pipefail
cd "$(dirname "$0")/.."

extras=""
[ "${1:-}" = "--test" ] && extras="[test]"

python=""
for candidate in python3.13 python3.12 python3.11 python3; do
  if command -v "$candidate" >/dev/null 2>&1 &&
     "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    python=$candidate
    break
  fi
done
if [ -z "$python" ]; then
  echo "LlamaDesk needs Python 3.11 or newer (python3 --version shows what you have)." >&2
  exit 1
fi

# As root on Debian/Ubuntu: the system packages (Qt's X11/EGL libraries; with --test also a real
# Secret Service for the keyring test, a compiler for the llama.cpp test server, and an X server,
# xdotool and the CA tools for the tests of the installed .deb; the accessibility bus, Debian's
# AT-SPI reader and Qt's xcb helpers for the test that reads the window as a screen reader does).
# Only what is missing is installed; elsewhere, README says what to install by hand.
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && command -v dpkg >/dev/null 2>&1; then
  packages=(python3-venv libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3)
  [ -n "$extras" ] && packages+=(dbus gnome-keyring libsecret-tools cmake g++ make openssl
    ca-certificates xvfb xauth xdotool at-spi2-core python3-pyatspi libxcb-cursor0
    libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-shape0 libxcb-xkb1
    libxkbcommon-x11-0)
  missing=()
  for package in "${packages[@]}"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
  done
  if ((${#missing[@]})); then
    echo "Installing ${missing[*]} (apt-get)..."
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      "${missing[@]}" >/dev/null
  fi
fi

if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade "pip>=24"
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".${extras}"
# The window's translations: resources/i18n/*.ts compiled to .qm beside them (not committed).
.venv/bin/python packaging/translations.py compile resources/i18n >/dev/null

if [ -n "$extras" ]; then
  # A second environment without Qt: the core, net, storage and cli tests run there too
  # (tests/test_qt_free.py), proving those layers need no PySide6 at all.
  [ -x .venv-noqt/bin/python ] || "$python" -m venv .venv-noqt
  noqt=()  # (no mapfile: macOS ships bash 3.2)
  while IFS= read -r requirement; do noqt+=("$requirement"); done \
    < <(.venv/bin/python packaging/requirements_without_qt.py)
  .venv-noqt/bin/python -m pip install --quiet --disable-pip-version-check "pip>=24" "${noqt[@]}"
  .venv-noqt/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
fi
echo "LlamaDesk is installed in .venv (run .venv/bin/llamadesk)."
