"""The layer rules of STYLE.md, enforced: Qt-free core/net/storage/cli, one-way dependencies."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parents[1] / "app"
QT = ("PySide6", "shiboken6", "qasync")
# layer -> app packages it must not import
FORBIDDEN = {
    "core": ("app.net", "app.storage", "app.cli", "app.ui"),
    "net": ("app.storage", "app.cli", "app.ui"),
    "storage": ("app.net", "app.cli", "app.ui"),
    "cli": ("app.ui",),
}


def imports_of(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports(layer: str) -> None:
    files = sorted((APP / layer).rglob("*.py"))
    assert files, layer
    for path in files:
        for name in imports_of(path):
            assert not name.startswith(QT), f"{path.name} imports {name}"
            assert not name.startswith(FORBIDDEN[layer]), f"{path.name} imports {name}"


def test_headless_command_never_loads_qt() -> None:
    code = (
        "import sys, app.main, app.cli.ask, app.cli.token_cmd, app.storage.secrets;"
        "import app.cli.evals.command, app.storage.history.library_reader;"
        "from app.cli.ask import build_parser; build_parser();"
        "bad=[m for m in sys.modules if m.split('.')[0] in ('PySide6','shiboken6','qasync')];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _module_graph() -> dict[str, set[str]]:
    """Every app module and the app modules it imports (TYPE_CHECKING and local imports too)."""
    modules = {
        ".".join(p.relative_to(APP.parent).with_suffix("").parts).removesuffix(".__init__"): p
        for p in APP.rglob("*.py")
    }
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        deps: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                deps.add(node.module)
                deps.update(f"{node.module}.{alias.name}" for alias in node.names)
            elif isinstance(node, ast.Import):
                deps.update(alias.name for alias in node.names)
        graph[name] = {d for d in deps if d in modules and d != name}
    return graph


def test_no_import_circles() -> None:
    graph = _module_graph()
    done: set[str] = set()

    def visit(node: str, trail: list[str]) -> None:
        if node in trail:
            cycle = [*trail[trail.index(node) :], node]
            raise AssertionError("import circle: " + " -> ".join(cycle))
        if node in done:
            return
        for dep in sorted(graph[node]):
            visit(dep, [*trail, node])
        done.add(node)

    for module in sorted(graph):
        visit(module, [])


def test_ui_root_holds_only_the_composition_root_and_shared_modules() -> None:
    root = sorted(p.name for p in (APP / "ui").glob("*.py"))
    assert root == ["__init__.py", "composition_root.py", "style.py", "task_set.py"]
