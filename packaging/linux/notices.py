"""Writes the package's copyright file: LlamaDesk's licence and every bundled component's.

Run by packaging/build_deb.sh with the build environment's Python (it sees what was bundled):
    python notices.py DOC_DIR
writes DOC_DIR/copyright and each Python distribution's licence files to DOC_DIR/licenses/<name>/.
"""

from __future__ import annotations

import re
import shutil
import sys
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement

MIT = """Permission is hereby granted, free of charge, to any person obtaining a copy of this
software and associated documentation files (the "Software"), to deal in the Software without
restriction, including without limitation the rights to use, copy, modify, merge, publish,
distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the
Software is furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or
substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING
BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND
NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM,
DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE."""

#: Bundled pieces that are not Python distributions: the interpreter, Qt inside PySide6, ICU,
#: the launcher, and the libraries PyInstaller copied from the build system.
NOT_ON_PYPI = [
    ("Python (interpreter and standard library)", "PSF-2.0"),
    ("Qt 6 libraries and plugins (inside PySide6; replaceable shared libraries)", "LGPL-3.0-only"),
    ("ICU (inside PySide6)", "Unicode-3.0"),
    (
        "PyInstaller bootloader (the llamadesk launcher)",
        "GPL-2.0-or-later WITH Bootloader-exception",
    ),
    ("SQLite", "public-domain"),
    ("libffi", "MIT"),
    ("libxcb utility libraries, libxkbcommon", "MIT"),
]


def bundled(root: str = "llamadesk") -> list[metadata.Distribution]:
    """LlamaDesk's distribution and everything it requires on this system, each once."""
    seen: dict[str, metadata.Distribution] = {}
    todo = [root]
    while todo:
        name = _normal(todo.pop())
        if name in seen:
            continue
        dist = metadata.distribution(name)
        seen[name] = dist
        for text in dist.requires or []:
            requirement = Requirement(text)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                todo.append(requirement.name)
    return sorted(seen.values(), key=lambda d: _normal(d.metadata["Name"]))


def licence_of(dist: metadata.Distribution) -> str:
    meta = dist.metadata
    if expression := meta.get("License-Expression"):
        return str(expression)
    classifiers = [
        c.rsplit(" :: ", 1)[-1] for c in meta.get_all("Classifier") or [] if c.startswith("License")
    ]
    if classifiers:
        return " / ".join(classifiers)
    first_line = (meta.get("License") or "").strip().splitlines()[:1]
    return first_line[0][:80] if first_line else "see its licence files"


def copy_licence_files(dist: metadata.Distribution, target: Path) -> list[str]:
    copied = []
    for file in dist.files or []:
        parts = file.parts
        if ".dist-info" in parts[0] and (
            "licenses" in parts or re.match(r"(LICEN[CS]E|COPYING|NOTICE)", parts[-1], re.I)
        ):
            target.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(Path(str(dist.locate_file(file))), target / parts[-1])
            copied.append(parts[-1])
    return copied


def main(doc_dir: Path) -> None:
    lines = [
        "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/",
        "Upstream-Name: LlamaDesk",
        "",
        "Files: *",
        "Copyright: The LlamaDesk developers",
        "License: MIT",
        "Comment: /opt/llamadesk carries these components, under their own licences:",
    ]
    for dist in bundled():
        name, version = dist.metadata["Name"], dist.version
        if _normal(name) == "llamadesk":
            continue
        files = copy_licence_files(dist, doc_dir / "licenses" / _normal(name))
        where = f" (licenses/{_normal(name)}/)" if files else ""
        lines.append(f" {name} {version}: {licence_of(dist)}{where}")
    lines += [f" {name}: {licence}" for name, licence in NOT_ON_PYPI]
    lines += [
        " .",
        " The full texts of the GNU licences named here (LGPL-3, GPL-2, GPL-3) are in",
        " /usr/share/common-licenses/ on every Debian and Ubuntu system.",
    ]
    lines += ["", "License: MIT", *(f" {line}" if line else " ." for line in MIT.splitlines())]
    (doc_dir / "copyright").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: notices.py DOC_DIR")
    main(Path(sys.argv[1]))
