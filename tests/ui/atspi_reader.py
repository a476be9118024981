"""Reads an application's accessibility tree over AT-SPI, as a screen reader does; prints JSON.

Run by tests/ui/test_atspi_tree.py with the system Python (`/usr/bin/python3`), which has
Debian's python3-pyatspi; the project's venv cannot import it. Usage:

* `atspi_reader.py tree APP_NAME TIMEOUT_S`: waits (bounded) for the application to appear on
  the accessibility bus, then prints one JSON object: the application's tree, each node
  `{"role", "name", "description", "states", "children"}`. Exit 3 when the application never
  appeared (the tree of what did appear is printed, to say why).
* `atspi_reader.py announcements APP_NAME TIMEOUT_S`: prints `listening` once it listens,
  then the first announcement APP_NAME makes as `{"announced": text}`, and exits; exit 4 when
  none came in time.
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


def first_announcement(name: str, timeout_s: float) -> int:
    from gi.repository import GLib  # type: ignore[import-not-found]

    heard: list[str] = []

    def on_event(event: object) -> None:
        source = event.source  # type: ignore[attr-defined]
        app = source.getApplication() if source is not None else None
        if app is not None and app.name == name:
            heard.append(str(event.any_data))  # type: ignore[attr-defined]
            pyatspi.Registry.stop()

    pyatspi.Registry.registerEventListener(on_event, "object:announcement")
    print("listening", flush=True)
    GLib.timeout_add(int(timeout_s * 1000), pyatspi.Registry.stop)
    pyatspi.Registry.start()
    if not heard:
        return 4
    print(json.dumps({"announced": heard[0]}), flush=True)
    return 0


def main(argv: list[str]) -> int:
    mode, name, timeout_s = argv[0], argv[1], float(argv[2])
    if mode == "announcements":
        return first_announcement(name, timeout_s)
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
