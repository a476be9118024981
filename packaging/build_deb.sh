#!/usr/bin/env bash
# Builds dist/llamadesk_<version>_amd64.deb: LlamaDesk frozen by PyInstaller (onedir) into
# /opt/llamadesk, with /usr/bin/llamadesk, a menu entry, hicolor icons and AppStream metainfo.
#
#   bash packaging/build_deb.sh [--no-cache]
#
# Needs Debian or Ubuntu (dpkg-deb, dpkg-shlibdeps) and Python 3.11+ with venv; run as root, it
# installs the build packages it lacks with apt-get, elsewhere it names them. The finished .deb
# is kept in ${LLAMADESK_BUILD_CACHE:-~/.cache/llamadesk-packaging}, keyed by a hash of
# everything it is built from (app/, packaging/, resources/, pyproject.toml, README.md, the
# Python used), and reused while the system libraries it copied are at the same versions;
# --no-cache builds afresh. See packaging/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
WORK=$ROOT/build/deb
CACHE=${LLAMADESK_BUILD_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/llamadesk-packaging}
APP_ID=io.github.llamadesk.LlamaDesk # AppStream id (reverse DNS); the menu entry is llamadesk.desktop
use_cache=1
[ "${1:-}" = "--no-cache" ] && use_cache=0

say() { echo "build_deb: $*" >&2; }
fail() {
  say "$*"
  exit 1
}

# -- the build machine -------------------------------------------------------------------------
command -v dpkg-deb >/dev/null 2>&1 ||
  fail "this builds a Debian package: it needs Debian or Ubuntu (dpkg-deb was not found)."
[ "$(dpkg --print-architecture)" = amd64 ] ||
  fail "this builds the amd64 package; this machine is $(dpkg --print-architecture)."

# Tools, and the libraries the bundle copies (Qt's xcb helpers, xkbcommon, SQLite) or takes from
# the system (dpkg-shlibdeps must find each one to name its package in Depends).
BUILD_PACKAGES=(
  python3-venv dpkg-dev binutils desktop-file-utils appstream
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-shape0
  libxcb-util1 libxcb-xkb1 libxkbcommon0 libxkbcommon-x11-0 libsqlite3-0 libffi8
  libegl1 libgl1 libfontconfig1 libfreetype6 libdbus-1-3 libglib2.0-0
  libgssapi-krb5-2 libssl3 libx11-6 libx11-xcb1 libxcb1 libxcb-glx0 libxcb-randr0 libxcb-shm0
  libxcb-sync1 libxcb-xfixes0 libxcb-render0 libwayland-client0 libwayland-cursor0 libstdc++6
  zlib1g
)
missing=()
for package in "${BUILD_PACKAGES[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if ((${#missing[@]})); then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing ${missing[*]} (apt-get)..."
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      "${missing[@]}" >/dev/null
  else
    fail "missing build packages: ${missing[*]}. Install them (sudo apt-get install ...) or run as root."
  fi
fi

# The distribution's own Python first: its libpython and modules go into the bundle.
python=${LLAMADESK_BUILD_PYTHON:-}
if [ -z "$python" ]; then
  for candidate in /usr/bin/python3 python3.13 python3.12 python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
      "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      python=$candidate
      break
    fi
  done
fi
[ -n "$python" ] || fail "needs Python 3.11 or newer (python3 --version shows what you have)."

version=$("$python" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
[[ $version =~ ^[0-9][0-9A-Za-z.+~-]*$ ]] || fail "pyproject.toml's version '$version' is not a Debian version."
deb_name="llamadesk_${version}_amd64.deb"
mkdir -p dist

# -- the cache ---------------------------------------------------------------------------------
# Everything the package is made from; a change anywhere builds afresh.
source_key=$(
  {
    find app packaging resources -type f ! -path '*/__pycache__/*' ! -name '*.pyc' -print0 |
      LC_ALL=C sort -z | xargs -0 sha256sum
    sha256sum pyproject.toml README.md
    "$python" -VV
    command -v "$python"
  } | sha256sum | cut -c1-20
)
cached=$CACHE/deb-$source_key

# The Debian packages whose libraries the bundle copied (Python, SQLite, xcb helpers...), with
# their versions: a cached .deb is reused only while these are unchanged. Reads library names,
# one a line, on stdin.
copied_packages() {
  local name patterns=()
  while IFS= read -r name; do patterns+=("*/$name"); done
  ((${#patterns[@]})) || return 0
  { dpkg -S "${patterns[@]}" 2>/dev/null || true; } | cut -d: -f1 | tr ', ' '\n\n' |
    sed '/^$/d' | LC_ALL=C sort -u | xargs -r dpkg-query -W -f='${Package}=${Version}\n'
}
copied_libraries() { find "$1/_internal" -maxdepth 1 -type f -name 'lib*.so*' -printf '%f\n' | LC_ALL=C sort; }

if ((use_cache)) && [ -f "$cached/$deb_name" ] && [ -f "$cached/copied-packages.txt" ]; then
  if [ "$(copied_packages <"$cached/copied-libraries.txt")" = "$(cat "$cached/copied-packages.txt")" ]; then
    cp "$cached/$deb_name" "dist/.$deb_name.partial" && mv "dist/.$deb_name.partial" "dist/$deb_name"
    say "reused dist/$deb_name from the build cache ($cached): nothing it is built from changed."
    exit 0
  fi
  say "the system libraries the cached build copied were updated: building afresh."
fi

# -- the build environment: exactly the pinned set, then LlamaDesk itself ----------------------
started=$(date +%s)
lock=packaging/linux/requirements-lock.txt
venv=$CACHE/venv-$({
  sha256sum "$lock"
  "$python" -VV
  command -v "$python"
} | sha256sum | cut -c1-20)
if [ ! -f "$venv/complete" ]; then # a venv cannot be moved, so it is marked when complete
  say "making the build environment ($venv)..."
  rm -rf "$venv"
  mkdir -p "$CACHE"
  "$python" -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "pip>=24"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$lock"
  touch "$venv/complete"
fi
touch "$venv" # the cache keeps the newest environments
# From a clean copy: setuptools' build/lib in the checkout could hold modules deleted since.
rm -rf "$WORK"
mkdir -p "$WORK/src"
cp -r app pyproject.toml README.md "$WORK/src/"
find "$WORK/src" -name __pycache__ -prune -exec rm -rf {} +
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps --force-reinstall \
  "$WORK/src"
"$venv/bin/python" -m pip check >/dev/null || fail "the pinned set does not satisfy pyproject.toml: $("$venv/bin/python" -m pip check)"

# -- the bundle --------------------------------------------------------------------------------
# The window's translations, compiled from resources/i18n/*.ts; the spec ships them.
"$venv/bin/python" packaging/translations.py compile resources/i18n >/dev/null
say "freezing LlamaDesk $version with PyInstaller..."
(cd "$WORK" && "$venv/bin/python" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$WORK/dist" --workpath "$WORK/pyinstaller" "$ROOT/packaging/linux/llamadesk.spec")
bundle=$WORK/dist/llamadesk
said=$("$bundle/llamadesk" --version) || fail "the bundle does not start: $bundle/llamadesk --version failed."
[ "$said" = "llamadesk $version" ] || fail "the bundle says '$said', not 'llamadesk $version'."

# -- the package tree --------------------------------------------------------------------------
tree=$WORK/root
share=$tree/usr/share
mkdir -p "$tree/opt" "$tree/usr/bin" "$share/applications" "$share/metainfo" \
  "$share/doc/llamadesk" "$tree/DEBIAN"
cp -a "$bundle" "$tree/opt/llamadesk"
ln -s /opt/llamadesk/llamadesk "$tree/usr/bin/llamadesk"
cp packaging/linux/llamadesk.desktop "$share/applications/llamadesk.desktop"
release_date=$(git log -1 --format=%cs 2>/dev/null || date -u +%F)
sed -e "s/@APP_ID@/$APP_ID/" -e "s/@DEVELOPER_ID@/${APP_ID%.*}/" -e "s/@VERSION@/$version/" \
  -e "s/@DATE@/$release_date/" packaging/linux/metainfo.xml.in >"$share/metainfo/$APP_ID.metainfo.xml"
"$venv/bin/python" packaging/bundle/icons.py hicolor resources/llamadesk.svg \
  "$share/icons/hicolor" llamadesk >/dev/null
"$venv/bin/python" packaging/linux/notices.py "$share/doc/llamadesk"
# Files readable by all, written by root; only the program itself is executable (libraries
# need no execute bit to be loaded).
find "$tree" -type d -exec chmod 0755 {} +
find "$tree" -type f -exec chmod 0644 {} +
chmod 0755 "$tree/opt/llamadesk/llamadesk"

desktop-file-validate "$share/applications/llamadesk.desktop" ||
  fail "the menu entry is not valid (desktop-file-validate above)."
appstreamcli validate --no-net --pedantic "$share/metainfo/$APP_ID.metainfo.xml" >&2 ||
  fail "the AppStream metainfo is not valid (appstreamcli above)."

# Depends: the package of every library the bundle links but does not carry, as
# dpkg-shlibdeps finds them (with the lowest versions that have the symbols used). -S and the -l
# folders (as installed) make it count the bundle's own libraries as the package's.
mkdir -p "$WORK/shlibdeps/debian"
printf 'Source: llamadesk\n\nPackage: llamadesk\nArchitecture: amd64\n' >"$WORK/shlibdeps/debian/control"
mapfile -t elves < <(find "$tree/opt" -type f \( -name '*.so*' -o -path '*/opt/llamadesk/llamadesk' \))
mapfile -t private_dirs < <(find "$tree/opt" -type f -name '*.so*' -printf '%h\n' |
  sed "s|^$tree||" | sort -u)
depends=$(cd "$WORK/shlibdeps" && dpkg-shlibdeps -O -S"$tree" "${private_dirs[@]/#/-l}" \
  -e"${elves[@]}" 2>"$WORK/shlibdeps.log" | sed -n 's/^shlibs:Depends=//p') ||
  fail "dpkg-shlibdeps could not name the packages of every library: $(tail -5 "$WORK/shlibdeps.log")"
[ -n "$depends" ] || fail "dpkg-shlibdeps found no dependencies: $(tail -5 "$WORK/shlibdeps.log")"

installed_kb=$(du -s --apparent-size --block-size=1024 "$tree/opt" "$tree/usr" | awk '{s += $1} END {print s}')
cat >"$tree/DEBIAN/control" <<EOF
Package: llamadesk
Version: $version
Architecture: amd64
Maintainer: The LlamaDesk developers <llamadesk@localhost>
Installed-Size: $installed_kb
Depends: $depends
Section: utils
Priority: optional
Description: desktop chat client for Llama 3.1 8B Instruct
 LlamaDesk is a chat window for Llama 3.1 8B Instruct FP8 on Cloudflare Workers AI
 or on an OpenAI-compatible server on your own GPU (vLLM, SGLang, llama.cpp),
 with streamed replies, a searchable local history, and API tokens kept in the
 system keyring. Also the command "llamadesk ask" for scripts.
 .
 This package carries its own Python and Qt in /opt/llamadesk. Removing it
 leaves your chats, settings and keyring entries in place.
EOF
# Written aside and renamed: nothing ever finds half a package under the final name.
dpkg-deb --root-owner-group -Zxz --build "$tree" "dist/.$deb_name.partial" >/dev/null
mv "dist/.$deb_name.partial" "dist/$deb_name"

# -- into the cache ----------------------------------------------------------------------------
rm -rf "$cached.partial" && mkdir -p "$cached.partial"
cp "dist/$deb_name" "$cached.partial/"
copied_libraries "$tree/opt/llamadesk" >"$cached.partial/copied-libraries.txt"
copied_packages <"$cached.partial/copied-libraries.txt" >"$cached.partial/copied-packages.txt"
rm -rf "$cached" && mv "$cached.partial" "$cached"
# Bounded: the three newest packages and two newest build environments stay.
find "$CACHE" -mindepth 1 -maxdepth 1 -type d -name 'deb-*' -printf '%T@ %p\n' | sort -rn |
  tail -n +4 | cut -d' ' -f2- | xargs -r rm -rf
find "$CACHE" -mindepth 1 -maxdepth 1 -type d -name 'venv-*' -printf '%T@ %p\n' |
  sort -rn | tail -n +3 | cut -d' ' -f2- | xargs -r rm -rf

say "built dist/$deb_name ($(du -k "dist/$deb_name" | cut -f1) KiB; installed $installed_kb KiB) in $(($(date +%s) - started)) s."
