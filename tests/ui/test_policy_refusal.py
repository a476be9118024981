"""A policy that exists but cannot be used keeps the window closed: exit 78, and a message that
says what is wrong, where, that LlamaDesk stays closed, and whom to ask."""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from app.storage.policy_file import load_policy
from app.ui.composition_root import run
from app.ui.window.main_window import MainWindow

ME = frozenset({os.getuid()})
CONTACT = "IT helpdesk, extension 1234"
GOOD = {"allow_export": False, "support_contact": CONTACT}


def write(text: str) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        path.write_text(text)
        path.chmod(0o644)

    return make


def world_writable(path: Path) -> None:
    write(json.dumps(GOOD))(path)
    path.chmod(0o666)


def linked(path: Path) -> None:
    real = path.with_name("real.json")
    write(json.dumps(GOOD))(real)
    path.symlink_to(real)


def fifo(path: Path) -> None:
    os.mkfifo(path, 0o644)


CASES = {
    "broken JSON": (write('{\n  "allow_export": false,\n  "support_contact": \n}'), ["line 4"]),
    "schema error": (
        write(json.dumps({**GOOD, "params": {"temperature": {"value": 7}}}, indent=2)),
        ["line", "params › temperature › value", CONTACT],
    ),
    "a folder in its place": (lambda p: p.mkdir(), ["not a plain file"]),
    "a FIFO in its place": (fifo, ["not a plain file"]),
    "world-writable": (world_writable, ["writ"]),
    "a symbolic link": (linked, ["link"]),
}


@pytest.mark.parametrize("case", CASES)
def test_an_unusable_policy_keeps_the_window_closed_and_says_why(
    qapp: QApplication, tmp_path: Path, case: str, capsys: pytest.CaptureFixture[str]
) -> None:
    make, words = CASES[case]
    policy_file = tmp_path / "policy.json"
    make(policy_file)
    shown: list[str] = []
    data_dir = tmp_path / "data"
    code = run(
        ["--data-dir", str(data_dir)],
        read_policy=functools.partial(load_policy, policy_file, trusted_owners=ME),
        show_refusal=shown.append,
    )
    assert code == 78
    (message,) = shown
    assert str(policy_file) in message
    assert "does not start" in message and "nothing your organization locked is left open" in (
        message
    )
    for word in words:
        assert word in message, message
    if CONTACT not in words:  # the file could not be read: who looks after the computer
        assert "whoever looks after this computer" in message or CONTACT in message
    assert message in capsys.readouterr().err
    windows: list[Any] = [w for w in qapp.topLevelWidgets() if isinstance(w, MainWindow)]
    assert not any(w.isVisible() for w in windows)  # the window never opened
    assert not (data_dir / "history.db").exists() and not (data_dir / "settings.json").exists()
