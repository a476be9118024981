#!/usr/bin/env bash
# Builds dist/LlamaDesk-<version>-<arch>.dmg on macOS 11+ (the .app for this Mac's architecture):
#   bash packaging/macos/build_dmg.sh
# Needs Python 3.11+ (python3) and Xcode's command line tools (iconutil, codesign, hdiutil).
# Signing-ready: with MACOS_SIGN_IDENTITY="Developer ID Application: Name (TEAMID)" every
# library, the app and the .dmg are signed with the hardened runtime; with MACOS_NOTARY_PROFILE
# (a `xcrun notarytool store-credentials` profile) the .dmg is also notarized and stapled.
# Without them the .dmg is unsigned: Gatekeeper then asks users to right-click > Open once.
# NOT BUILT OR TESTED HERE (Linux): see packaging/README.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ "$(uname -s)" = Darwin ] || { echo "build_dmg: this runs on macOS." >&2; exit 1; }
python=${PYTHON:-python3}
version=$("$python" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
arch=$(uname -m)
work=build/macos
rm -rf "$work" && mkdir -p "$work" dist

"$python" -m venv "$work/venv"
"$work/venv/bin/python" -m pip install --quiet --disable-pip-version-check \
  -r packaging/bundle/requirements.txt .
"$work/venv/bin/python" packaging/bundle/icons.py iconset resources/llamadesk.svg \
  "$work/llamadesk.iconset" >/dev/null
"$work/venv/bin/python" packaging/translations.py compile resources/i18n >/dev/null
iconutil -c icns "$work/llamadesk.iconset" -o "$work/llamadesk.icns"
"$work/venv/bin/python" -m PyInstaller --noconfirm --clean --distpath "$work/dist" \
  --workpath "$work/pyinstaller" packaging/macos/llamadesk.spec
app=$work/dist/LlamaDesk.app
said=$("$app/Contents/MacOS/llamadesk" --version)
[ "$said" = "llamadesk $version" ] || { echo "build_dmg: the app says '$said'." >&2; exit 1; }

if [ -n "${MACOS_SIGN_IDENTITY:-}" ]; then
  sign() { codesign --force --timestamp --options runtime --sign "$MACOS_SIGN_IDENTITY" "$@"; }
  # Inside out: every library and executable first, the app last (no --deep: it signs
  # without the entitlements and in no defined order).
  find "$app/Contents" -type f \( -name '*.so' -o -name '*.dylib' -o -perm -u+x \) \
    ! -path "$app/Contents/MacOS/llamadesk" -print0 | xargs -0 -n 20 codesign --force \
    --timestamp --options runtime --sign "$MACOS_SIGN_IDENTITY"
  sign --entitlements packaging/macos/entitlements.plist "$app"
  codesign --verify --strict --deep --verbose=2 "$app"
fi

staging=$work/dmg
mkdir -p "$staging" && cp -R "$app" "$staging/" && ln -s /Applications "$staging/Applications"
dmg=dist/LlamaDesk-$version-$arch.dmg
rm -f "$dmg"
hdiutil create -volname "LlamaDesk $version" -srcfolder "$staging" -fs HFS+ -format UDZO "$dmg"

if [ -n "${MACOS_SIGN_IDENTITY:-}" ]; then
  codesign --force --timestamp --sign "$MACOS_SIGN_IDENTITY" "$dmg"
  if [ -n "${MACOS_NOTARY_PROFILE:-}" ]; then
    xcrun notarytool submit "$dmg" --keychain-profile "$MACOS_NOTARY_PROFILE" --wait
    xcrun stapler staple "$dmg"
  fi
fi
echo "build_dmg: built $dmg"
