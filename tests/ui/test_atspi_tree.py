"""The real accessibility stack: the app under Xvfb with the AT-SPI bridge on, its tree read from
another process over D-Bus (Debian's python3-pyatspi), as Orca would read it.

Each test starts its own X server, session bus and accessibility bus (activated on that bus),
runs the real app (`llamadesk`'s own run()) against a loopback server, chats once, then reads
the tree with tests/ui/atspi_reader.py under the system Python. Every wait is bounded.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.loopback import LoopbackServer
from tests.packaging.installed import xvfb
from tests.ui.app_driver import DrivenApp

READER = Path(__file__).with_name("atspi_reader.py")
SYSTEM_PYTHON = "/usr/bin/python3"
TIMEOUT_S = 30.0
#: Roles a user acts on: each must have a name a screen reader can say.
ACTIONABLE = {
    "push button",
    "toggle button",
    "check box",
    "radio button",
    "combo box",
    "text",
    "spin button",
    "menu item",
    "check menu item",
    "radio menu item",
    "menu",
    "page tab",
    "list",
    "table",
    "tree",
    "tree table",
    "slider",
}


def _needs(tool: str, package: str) -> None:
    assert shutil.which(tool) or os.path.exists(tool), (
        f"{tool} is missing: apt-get install {package} (packaging/setup.sh --test does)"
    )


@pytest.fixture
def accessibility_bus() -> Iterator[dict[str, str]]:
    """A private X server and session bus with the accessibility bus up on it; the variables
    a process needs to use them."""
    _needs("dbus-daemon", "dbus")
    _needs("dbus-send", "dbus")
    _needs("/usr/libexec/at-spi-bus-launcher", "at-spi2-core")
    _needs(SYSTEM_PYTHON, "python3")
    probe = subprocess.run(
        [SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True, text=True, timeout=30
    )
    assert probe.returncode == 0, f"python3-pyatspi is missing: {probe.stderr[-500:]}"
    with xvfb() as display:
        # Its own process group: the services it starts (the accessibility bus, its registry)
        # end with it.
        bus = subprocess.Popen(
            ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            env={**os.environ, "DISPLAY": display},
        )
        try:
            assert bus.stdout is not None
            address = bus.stdout.readline().decode().strip()
            assert address, "dbus-daemon did not start"
            env = {"DISPLAY": display, "DBUS_SESSION_BUS_ADDRESS": address}
            # Asking the accessibility bus for its address starts it (D-Bus activation) and
            # returns once it is up: the app then finds it at once.
            up = subprocess.run(
                [
                    "dbus-send",
                    "--session",
                    "--print-reply",
                    "--reply-timeout=20000",
                    "--dest=org.a11y.Bus",
                    "/org/a11y/bus",
                    "org.a11y.Bus.GetAddress",
                ],
                capture_output=True,
                text=True,
                timeout=TIMEOUT_S,
                env={**os.environ, **env},
            )
            assert up.returncode == 0, f"the accessibility bus did not start: {up.stderr}"
            yield env
        finally:
            os.killpg(bus.pid, signal.SIGTERM)
            bus.wait(10)
            if bus.stdout is not None:
                bus.stdout.close()


def read_tree(env: dict[str, str], app_name: str = "LlamaDesk") -> dict[str, Any]:
    done = subprocess.run(
        [SYSTEM_PYTHON, str(READER), "tree", app_name, "20"],
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S + 30,
        env={"PATH": "/usr/bin:/bin", **env},
    )
    assert done.returncode == 0, f"{app_name} not on the bus: {done.stdout[-3000:]}{done.stderr}"
    tree: dict[str, Any] = json.loads(done.stdout)
    return tree


def nodes(tree: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield tree
    for child in tree["children"]:
        yield from nodes(child)


def read_line(reader: subprocess.Popen[bytes], timeout_s: float = TIMEOUT_S) -> str:
    """The reader's next line; fails (with what it said on stderr) when none comes in time."""
    assert reader.stdout is not None
    ready, _, _ = select.select([reader.stdout], [], [], timeout_s)
    line = reader.stdout.readline().decode().strip() if ready else ""
    assert line, f"the reader said nothing in {timeout_s:g} s (exit {reader.poll()})"
    return line


@pytest.fixture
def chatted(
    accessibility_bus: dict[str, str], loopback: LoopbackServer, tmp_path: Path
) -> Iterator[tuple[dict[str, Any], DrivenApp]]:
    """The app after one exchange ("Hello?" and the loopback's reply), and its tree."""
    env = {**accessibility_bus, "QT_QPA_PLATFORM": "xcb", "QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1"}
    endpoint = ("--backend", "openai", "--base-url", f"{loopback.url}/v1", "--model", "m")
    app = DrivenApp("--data-dir", str(tmp_path / "data"), *endpoint, env=env)
    try:
        app.expect("ready")
        app.command("send Hello?")
        app.expect("status")
        yield read_tree(accessibility_bus), app
    finally:
        app.close()


def test_the_window_s_controls_have_names_and_roles_on_the_bus(
    chatted: tuple[dict[str, Any], DrivenApp],
) -> None:
    tree, _ = chatted
    assert tree["role"] == "application" and tree["name"] == "LlamaDesk"
    frames = [n for n in tree["children"] if n["role"] == "frame" and n["name"] == "LlamaDesk"]
    assert len(frames) == 1, [(n["role"], n["name"]) for n in tree["children"]]
    shown = [n for n in nodes(frames[0]) if "showing" in n["states"]]
    named = {(n["role"], n["name"]) for n in shown}
    for expected in (
        ("push button", "Send"),
        ("push button", "New chat"),
        ("push button", "Endpoints…"),
        ("text", "Message"),
        ("text", "System prompt"),
        ("combo box", "Command line (local)"),  # on Linux a combo box says its choice
        ("list", "Conversation"),
        ("menu item", "View"),
    ):
        assert expected in named, (expected, sorted(named))
    described = {n["name"]: n["description"] for n in shown}
    assert described["Message"].startswith("Type a message")
    unnamed = [n["role"] for n in shown if n["role"] in ACTIONABLE and not n["name"].strip()]
    assert not unnamed, f"controls a screen reader cannot name: {unnamed}"
    assert len([n for n in shown if n["role"] in ACTIONABLE]) > 20
    # The menus' items, there before a menu opens: each says what it does.
    items = [n for n in nodes(frames[0]) if n["role"].endswith("menu item")]
    assert {"New chat", "Stop reply", "High contrast", "Larger text"} <= {n["name"] for n in items}
    assert all(n["name"].strip() for n in items), [n for n in items if not n["name"].strip()]


def test_each_message_is_a_node_with_its_author_and_text(
    chatted: tuple[dict[str, Any], DrivenApp],
) -> None:
    tree, _ = chatted
    [conversation] = [n for n in nodes(tree) if n["role"] == "list" and n["name"] == "Conversation"]
    items = [(n["role"], n["name"], n["description"]) for n in conversation["children"]]
    assert items == [
        ("list item", "You: Hello?", "Your message"),
        ("list item", "Llama: Hello, world!", "Reply from the assistant"),
    ], items


def test_a_finished_reply_is_announced_on_the_bus(
    chatted: tuple[dict[str, Any], DrivenApp], accessibility_bus: dict[str, str]
) -> None:
    _, app = chatted
    reader = subprocess.Popen(
        [SYSTEM_PYTHON, str(READER), "announcements", "LlamaDesk", "20"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env={"PATH": "/usr/bin:/bin", **accessibility_bus},
    )
    try:
        assert read_line(reader) == "listening"
        app.command("send And again?")
        assert json.loads(read_line(reader)) == {"announced": "Reply finished."}
        app.expect("status")
    finally:
        if reader.poll() is None:
            reader.kill()
        reader.wait(10)
        assert reader.stdout is not None
        reader.stdout.close()
