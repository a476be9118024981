"""The installer recipes hold together: the Linux lock satisfies pyproject, and the Windows and
macOS recipes (not run here) name files that exist and parse. Fast; no root, no network."""

from __future__ import annotations

import ast
import re
import subprocess
import tomllib
from pathlib import Path

import pytest
from packaging.markers import default_environment
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
LINUX_311 = {**default_environment(), "sys_platform": "linux", "python_version": "3.11"}


def pins(path: Path) -> dict[str, str]:
    found = {}
    for line in path.read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, version = line.split("==")
            found[re.sub(r"[-_.]+", "-", name).lower()] = version.strip()
    return found


def test_the_linux_lock_satisfies_pyproject_and_pins_the_same_pyinstaller() -> None:
    lock = pins(PACKAGING / "linux" / "requirements-lock.txt")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    for text in project["dependencies"]:
        requirement = Requirement(text)
        if requirement.marker and not requirement.marker.evaluate(LINUX_311):
            continue
        name = re.sub(r"[-_.]+", "-", requirement.name).lower()
        assert name in lock, f"{name} is missing from the lock: regenerate it (see its header)"
        assert requirement.specifier.contains(lock[name], prereleases=True), (
            f"the lock pins {name}=={lock[name]}, pyproject asks for {requirement.specifier}"
        )
    for name, version in pins(PACKAGING / "bundle" / "requirements.txt").items():
        assert lock.get(name) == version, f"{name}: lock {lock.get(name)}, requirements {version}"


REFERENCES = re.compile(
    r"(?:packaging|resources)[\\/][\w./\\-]+\.(?:spec|ps1|iss|sh|py|txt|svg|plist)"
)


@pytest.mark.parametrize(
    "recipe",
    [
        "packaging/windows/build.ps1",
        "packaging/macos/build_dmg.sh",
        ".github/workflows/installers.yml",
        "packaging/build_deb.sh",
        ".ci/run",
    ],
)
def test_every_file_a_recipe_names_exists(recipe: str) -> None:
    text = (ROOT / recipe).read_text()
    named = {match.replace("\\", "/") for match in REFERENCES.findall(text)}
    assert named, f"{recipe} names no file of the checkout: the pattern no longer fits it"
    missing = [name for name in named if not (ROOT / name).exists()]
    assert not missing, f"{recipe} names {missing}"


@pytest.mark.parametrize("system", ["linux", "windows", "macos"])
def test_each_spec_parses_and_uses_the_shared_options(system: str) -> None:
    spec = (PACKAGING / system / "llamadesk.spec").read_text()
    ast.parse(spec)
    for shared in ("options.hidden_imports()", "options.datas()", "options.EXCLUDES"):
        assert shared in spec
    assert "upx=True" not in spec


@pytest.mark.parametrize("script", ["build_deb.sh", "setup.sh", "macos/build_dmg.sh"])
def test_shell_scripts_parse(script: str) -> None:
    done = subprocess.run(["bash", "-n", str(PACKAGING / script)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
