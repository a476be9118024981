"""Reads an application's accessibility tree over AT-SPI, as a screen reader does; prints JSON.

Run by tests/ui/test_atspi_tree.py with the system Python (`/usr/bin/python3`), which has
Debian's python3-pyatspi; the project's venv cannot import it. Usage:
`atspi_reader.py APP_NAME TIMEOUT_S`. It waits (bounded) for the application to appear on the
accessibility bus, then prints one JSON object: the application's tree, each node
`{"role", "name", "description", "states", "children"}`. Exit 3 when the application never
appeared (the tree of what did appear is printed, to say why).
"""

from __future__ import annotations

import json
import sys
import threading
import time

import pyatspi  # type: ignore[import-not-found]

#: Bounds: a tree deeper or larger than this is cut (and says so), never walked forever.
MAX_DEPTH = 40
MAX_NODES = 20_000


def node_json(node: object, depth: int, budget: list[int]) -> dict[str, object]:
    budget[0] -= 1
    states = node.getState().getStates()  # type: ignore[attr-defined]
    out: dict[str, object] = {
        "role": node.getRoleName(),  # type: ignore[attr-defined]
        "name": node.name or "",  # type: ignore[attr-defined]
        "description": node.description or "",  # type: ignore[attr-defined]
        "states": sorted(pyatspi.stateToString(state) for state in states),
        "children": [],
    }
    if depth >= MAX_DEPTH or budget[0] <= 0:
        out["cut"] = True
        return out
    children = out["children"]
    assert isinstance(children, list)
    for index in range(node.childCount):  # type: ignore[attr-defined]
        child = node.getChildAtIndex(index)  # type: ignore[attr-defined]
        if child is not None and budget[0] > 0:
            children.append(node_json(child, depth + 1, budget))
    return out


def find_application(name: str) -> object | None:
    desktop = pyatspi.Registry.getDesktop(0)
    for index in range(desktop.childCount):
        app = desktop.getChildAtIndex(index)
        if app is not None and app.name == name:
            return app
    return None


def main(argv: list[str]) -> int:
    name, timeout_s = argv[0], float(argv[1])
    deadline = time.monotonic() + timeout_s
    pause = threading.Event()  # a bounded pause between looks; nothing to wake it early
    app = find_application(name)
    while app is None and time.monotonic() < deadline:
        pause.wait(0.1)
        app = find_application(name)
    if app is None:
        desktop = pyatspi.Registry.getDesktop(0)
        print(json.dumps(node_json(desktop, MAX_DEPTH - 1, [MAX_NODES])))
        return 3
    print(json.dumps(node_json(app, 0, [MAX_NODES])))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
