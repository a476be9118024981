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
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "app"
CATALOGUES = ROOT / "resources" / "i18n"
#: Translated languages; English is the source language, its catalogue holds plural forms only.
LANGUAGES = ("de", "en")
PLURAL_ONLY = {"en"}


def _tool(name: str) -> str:
    found = Path(sys.executable).parent / name
    return str(found) if found.exists() else name


def source_files(root: Path = SOURCES) -> list[str]:
    return [str(path) for path in sorted(root.rglob("*.py"))]


def extract(ts_file: Path, *, plural_only: bool = False, root: Path = SOURCES) -> str:
    """Run lupdate over every module under `root` into `ts_file`; its report.

    pyside6-lupdate marks a text as plural only when its count is a literal number, never for
    `translate(ctx, "%n chat(s)", None, count)`: every text with %n is marked here, and the forms
    already written for it are kept."""
    kept = _plural_forms(ts_file) if ts_file.exists() else {}
    result = subprocess.run(
        [
            _tool("pyside6-lupdate"),
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
    _mark_plurals(ts_file, kept, plural_only)
    return result.stdout


def _plural_forms(ts_file: Path) -> dict[tuple[str, str], list[str]]:
    forms = {}
    for context in ET.parse(ts_file).getroot().iter("context"):
        for message in context.iter("message"):
            found = [form.text or "" for form in message.iter("numerusform")]
            if message.get("numerus") == "yes" and all(found):
                forms[(context.findtext("name", ""), message.findtext("source", ""))] = found
    return forms


def _mark_plurals(ts_file: Path, kept: dict[tuple[str, str], list[str]], plural_only: bool) -> None:
    tree = ET.parse(ts_file)
    root = tree.getroot()
    for context in list(root.iter("context")):
        name = context.findtext("name", "")
        for message in list(context.iter("message")):
            source = message.findtext("source", "")
            if "%n" not in source:
                if plural_only:
                    context.remove(message)
                continue
            message.set("numerus", "yes")
            translation = message.find("translation")
            if translation is None:
                translation = ET.SubElement(message, "translation")
            forms = kept.get((name, source))
            for child in list(translation):
                translation.remove(child)
            translation.text = None
            for text in forms or ["", ""]:
                ET.SubElement(translation, "numerusform").text = text
            if forms:
                translation.attrib.pop("type", None)
            else:
                translation.set("type", "unfinished")
        if not context.findall("message"):
            root.remove(context)
    ET.indent(tree, space="    ")
    body = ET.tostring(root, encoding="unicode")
    ts_file.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8"
    )


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
        for language in LANGUAGES:
            ts_file = CATALOGUES / f"llamadesk_{language}.ts"
            print(extract(ts_file, plural_only=language in PLURAL_ONLY).strip())
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
