"""What every LlamaDesk bundle (Linux, Windows, macOS) holds beyond what PyInstaller finds itself.

Imported by the three .spec files, inside the build environment where PyInstaller is installed.
The traps it answers (see packaging/README.md): keyring finds its backends through entry-point
metadata, which a bundle drops unless it is copied; Pygments and keyring import modules by name
at run time; the icon is read from a file next to the code.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from pathlib import Path

from PyInstaller.utils.hooks import collect_submodules, copy_metadata

ROOT = Path(__file__).resolve().parents[2]
ENTRY = str(ROOT / "packaging" / "bundle" / "llamadesk_main.py")
NAME = "llamadesk"

#: Standard-library and tool modules nothing in LlamaDesk imports at run time, plus the Qt
#: modules it does not use (PySide6-Essentials ships QML, Quick, OpenGL and more).
EXCLUDES = [
    "tkinter",
    "_tkinter",
    "unittest",
    "pydoc",
    "pydoc_data",
    "lib2to3",
    "idlelib",
    "test",
    "distutils",
    "setuptools",
    "pip",
    "PyInstaller",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuickWidgets",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtPrintSupport",
    "PySide6.QtSql",
    "PySide6.QtTest",
    "PySide6.QtXml",
    "PySide6.QtConcurrent",
    "PySide6.QtDesigner",
    "PySide6.QtHelp",
    "PySide6.QtUiTools",
    "PySide6.QtDBus",
]


def hidden_imports() -> list[str]:
    """Modules imported by name at run time, which PyInstaller's import scan cannot see."""
    modules = [
        # keyring loads its backends from entry points (the classic frozen-app trap:
        # jaraco/keyring #324, #399); every backend module must be inside the bundle.
        *collect_submodules("keyring.backends"),
        # All of LlamaDesk, so a module imported lazily (after the first paint) is never missing.
        *collect_submodules("app"),
    ]
    if sys.platform.startswith("linux"):
        # The Secret Service backend talks D-Bus in pure Python through these.
        modules += ["secretstorage", "jeepney", "jeepney.io.blocking"]
    return modules


def datas() -> list[tuple[str, str]]:
    """Files the code reads at run time, and the metadata `importlib.metadata` looks up."""
    return [
        (str(ROOT / "resources" / "llamadesk.svg"), "resources"),
        # The window's translations (compiled by translations.py before freezing) and Qt's own
        # for the same languages, where app/ui/window/language.py looks first.
        *translation_files(),
        # The policy file's schema, read with importlib.resources from the app.storage package.
        (str(ROOT / "app" / "storage" / "policy.schema.json"), "app/storage"),
        # `llamadesk --version` reads the version from the installed metadata (app/version.py).
        *copy_metadata(NAME),
        # keyring's backends are found through its entry points, which live in its metadata.
        *copy_metadata("keyring"),
    ]


def translation_files() -> list[tuple[str, str]]:
    """LlamaDesk's compiled catalogues, and Qt's qtbase_<lang>.qm for each translated language."""
    from PySide6.QtCore import QLibraryInfo

    catalogues = ROOT / "resources" / "i18n"
    compiled = sorted(catalogues.glob("llamadesk_*.qm"))
    if not compiled:
        raise SystemExit("no compiled translations: run packaging/translations.py compile first")
    qt_dir = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    languages = {qm.stem.split("_", 1)[1] for qm in compiled} - {"en"}
    qt_own = [qt_dir / f"qtbase_{language}.qm" for language in sorted(languages)]
    return [(str(path), "resources/i18n") for path in [*compiled, *qt_own] if path.exists()]


#: What LlamaDesk never uses, matched against each file's path in the bundle: Qt's pieces for
#: systems it does not run on (framebuffer, VNC, embedded EGL, evdev input without a desktop),
#: network-status plugins (nothing asks Qt whether the network is up), Qt's TLS plugins (Python
#: speaks TLS; Qt only carries the single-instance socket), Wayland's OpenGL buffer plugins (the
#: window draws in software; shared-memory buffers need no plugin), image formats other than SVG (the only image the window shows
#: is its icon: an image in a reply becomes a link, never fetched), the GTK platform theme (it would carry GTK, Pango, Cairo and
#: GLib of the build machine, whose themes and loaders then clash with the user's; Qt's own style
#: and the XDG portal theme remain), and Qt's translations where PySide6 keeps them (the ones
#: LlamaDesk uses, qtbase_<lang>.qm, go to resources/i18n with its own: translation_files()).
UNNEEDED = [
    r"platforms/libq(eglfs|linuxfb|vnc|vkkhrdisplay|minimal|minimalegl)\.so",
    r"egldeviceintegrations/",
    r"libQt6EglFs\w*\.so",
    r"libQt6EglFSDeviceIntegration\.so",
    r"plugins/generic/",
    r"plugins/networkinformation/",
    r"plugins/tls/",
    r"plugins/wayland-graphics-integration-client/",
    r"libQt6OpenGL\.so",
    r"imageformats/libq(?!svg)\w+\.so",
    r"platformthemes/libqgtk3\.so",
    r"translations/[^/]+\.qm$",
]

#: Linux libraries taken from the user's system (the .deb depends on their packages) rather than
#: copied from the build machine: the C++ runtime, X11 and the xcb extensions, fontconfig and
#: its kin, GLib, D-Bus, Kerberos and OpenSSL 3. The system's OpenGL driver loads its own copies
#: of many of them, and an older copy already loaded from the bundle breaks it (newer symbols
#: missing); fontconfig must match the system's font configuration; OpenSSL gets the
#: distribution's security fixes and looks for certificates where the system keeps them. All are
#: on every desktop that has the C library this bundle needs (Debian 12, Ubuntu 22.04 and
#: later). Qt's own xcb helpers, SQLite (the history's features are tested with this version),
#: libffi and xkbcommon stay in the bundle.
SYSTEM_LIBRARIES = [
    r"libstdc\+\+\.so",
    r"libgcc_s\.so",
    r"libX11(-xcb)?\.so",
    r"libX(au|dmcp|ext|fixes|render|i|randr|cursor|inerama|composite|damage)\.so",
    r"libxcb\.so",
    r"libxcb-(glx|dri2|dri3|present|sync|xfixes|shm|randr)\.so",
    r"lib(fontconfig|freetype|png16|expat|z|bz2|lzma|zstd|lz4|brotli\w*)\.so",
    r"lib(glib|gthread|gobject|gmodule|gio)-2\.0\.so",
    r"libpcre2-8\.so",
    r"lib(dbus-1|systemd|gcrypt|gpg-error|cap|bsd|md|uuid)\.so",
    r"lib(gssapi_krb5|krb5|k5crypto|krb5support|com_err|keyutils)\.so",
    r"lib(ssl|crypto)\.so\.3",
]


def _matcher(patterns: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{pattern})" for pattern in patterns))


_UNNEEDED = _matcher(UNNEEDED)
_SYSTEM = _matcher([rf"^{pattern}" for pattern in SYSTEM_LIBRARIES])


def _unneeded(entry: tuple[str, str, str]) -> bool:
    return _UNNEEDED.search(entry[0].replace("\\", "/")) is not None


def keep_datas(entries: Iterable[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """The data files (destination, source, kind) LlamaDesk can use."""
    return [entry for entry in entries if not _unneeded(entry)]


def keep_binaries(entries: Iterable[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """The libraries LlamaDesk can use: UNNEEDED dropped; on Linux also SYSTEM_LIBRARIES, and the
    libraries PyInstaller copied only because a dropped file links them (GTK for the GTK theme).

    A library that nothing in the bundle links (one loaded through ctypes) stays."""
    entries = list(entries)
    kept = [entry for entry in entries if not _unneeded(entry)]
    if not sys.platform.startswith("linux"):
        return kept
    kept = [entry for entry in kept if not (_copied_for_a_link(entry) and _SYSTEM.search(entry[0]))]
    needs = {dest: _needed(source) for dest, source, kind in entries if kind != "SYMLINK"}
    for dest, source, kind in entries:  # a link needs what its target needs
        if kind == "SYMLINK":
            needs[dest] = needs.get(str(Path(dest).parent / source).lstrip("./"), set())
    linked_at_all = set().union(*needs.values())
    copied = {entry[0] for entry in kept if _copied_for_a_link(entry)}
    reached: set[str] = set()
    todo = [entry[0] for entry in kept if not _copied_for_a_link(entry)]
    while todo:
        for name in needs.get(todo.pop(), set()) & copied - reached:
            reached.add(name)
            todo.append(name)
    return [
        entry
        for entry in kept
        if not _copied_for_a_link(entry) or entry[0] in reached or entry[0] not in linked_at_all
    ]


def _copied_for_a_link(entry: tuple[str, str, str]) -> bool:
    """PyInstaller puts the libraries it copies by following links at the top of the bundle."""
    return "/" not in entry[0] and entry[0].startswith("lib") and ".so" in entry[0]


def _needed(path: str) -> set[str]:
    """The libraries an ELF file links directly (its DT_NEEDED entries), read with readelf."""
    import subprocess

    out = subprocess.run(
        ["readelf", "--dynamic", "--wide", path], capture_output=True, text=True, check=False
    ).stdout
    return set(re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", out))
