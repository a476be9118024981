"""Prints, one per line, LlamaDesk's requirements and test tools minus everything Qt.

Read from pyproject.toml, so the Qt-free test environment never drifts from the real one.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

QT = re.compile(r"^(pyside6|shiboken6|qasync|pytest-qt)\b", re.IGNORECASE)
NOT_NEEDED_FOR_TESTS = re.compile(r"^(ruff|mypy)\b", re.IGNORECASE)  # the gates run once, in .venv


def main() -> None:
    project = tomllib.loads((Path(__file__).resolve().parents[1] / "pyproject.toml").read_text())[
        "project"
    ]
    wanted = [*project["dependencies"], *project["optional-dependencies"]["test"]]
    for requirement in wanted:
        if not QT.match(requirement) and not NOT_NEEDED_FOR_TESTS.match(requirement):
            print(requirement)


if __name__ == "__main__":
    main()
