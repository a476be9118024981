"""LlamaDesk's translation catalogues: extract the words (lupdate) and compile them (lrelease).

    python packaging/translations.py update            # app/ -> resources/i18n/*.ts
    python packaging/translations.py compile [DIR]     # resources/i18n/*.ts -> DIR/*.qm

`update` is for developers after changing words; the .ts files are committed, with the German
written by hand. `compile` runs at install and build time (setup.sh, build_deb.sh): the .qm files
are not committed. The English catalogue holds only plural forms ("1 chat" / "2 chats").
Uses pyside6-lupdate and pyside6-lrelease beside this Python (PySide6 ships them).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "app"
CATALOGUES = ROOT / "resources" / "i18n"
#: language -> extra lupdate options; English is the source language: plural forms only.
LANGUAGES = {"de": [], "en": ["-pluralonly"]}


def _tool(name: str) -> str:
    found = Path(sys.executable).parent / name
    return str(found) if found.exists() else name


def source_files(root: Path = SOURCES) -> list[str]:
    return [str(path) for path in sorted(root.rglob("*.py"))]


def extract(ts_file: Path, *options: str, root: Path = SOURCES) -> str:
    """Run lupdate over every module under `root` into `ts_file`; its report."""
    result = subprocess.run(
        [
            _tool("pyside6-lupdate"),
            *options,
            "-locations",
            "none",
            "-no-obsolete",
            *source_files(root),
            "-ts",
            str(ts_file),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"lupdate failed: {result.stderr or result.stdout}")
    return result.stdout


def compile_catalogue(ts_file: Path, qm_file: Path) -> None:
    """Compile one .ts into a .qm (unfinished entries stay out: they show in English)."""
    result = subprocess.run(
        [_tool("pyside6-lrelease"), "-silent", str(ts_file), "-qm", str(qm_file)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0 or not qm_file.exists():
        raise SystemExit(f"lrelease failed on {ts_file.name}: {result.stderr or result.stdout}")


def compile_all(destination: Path) -> list[Path]:
    destination.mkdir(parents=True, exist_ok=True)
    made = []
    for language in LANGUAGES:
        qm_file = destination / f"llamadesk_{language}.qm"
        compile_catalogue(CATALOGUES / f"llamadesk_{language}.ts", qm_file)
        made.append(qm_file)
    return made


def main(argv: list[str]) -> int:
    if argv[:1] == ["update"]:
        for language, options in LANGUAGES.items():
            print(extract(CATALOGUES / f"llamadesk_{language}.ts", *options).strip())
        return 0
    if argv[:1] == ["compile"] and len(argv) <= 2:
        destination = Path(argv[1]) if len(argv) == 2 else CATALOGUES
        for qm_file in compile_all(destination):
            print(f"compiled {qm_file}")
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
