"""LlamaDesk's version, from one place: pyproject.toml's `version`, as the installed metadata says."""

from __future__ import annotations

import re
from importlib import metadata
from pathlib import Path

DISTRIBUTION = "llamadesk"
#: What a build that lost both its metadata and pyproject.toml says rather than guessing.
UNKNOWN = "unknown"

_PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"


def app_version() -> str:
    """The installed distribution's version (pip, pipx, and the bundles, which carry its
    metadata); else, for a source checkout run without installing, pyproject.toml's own."""
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return _from_pyproject(_PYPROJECT)


def version_line(program: str = "llamadesk") -> str:
    """What `--version` prints: `llamadesk 0.1.0`."""
    return f"{program} {app_version()}"


def _from_pyproject(path: Path) -> str:
    """The [project] table's version; UNKNOWN for a missing or unreadable file, or a version
    that is not a plain version string (it is printed to terminals)."""
    import tomllib  # only a bare checkout gets here

    try:
        project = tomllib.loads(path.read_text(encoding="utf-8")).get("project", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return UNKNOWN
    version = project.get("version") if isinstance(project, dict) else None
    if isinstance(version, str) and re.fullmatch(r"[0-9A-Za-z.+!_-]{1,64}", version):
        return version
    return UNKNOWN
