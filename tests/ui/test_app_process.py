"""The real app as a process: Quit ends it whatever the disk did, and one window per data folder.

Each test drives `llamadesk` (its own run()) in a subprocess, offscreen, through
tests/ui/app_driver.py, and bounds every wait: a process that does not exit fails the test.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLockFile

from app.storage.history.store import HistoryStore, history_path
from app.ui.window.single_instance import LOCK_NAME
from tests.cli.runner import ask, cli_env, openai_args
from tests.loopback import LoopbackServer
from tests.storage.disk_faults import read_only_folder
from tests.ui.app_driver import DrivenApp

#: Quit to exit: closing the history and writing settings take milliseconds.
EXIT_S = 10.0


@pytest.fixture
def apps() -> Iterator[list[DrivenApp]]:
    started: list[DrivenApp] = []
    yield started
    for app in started:
        app.close()  # kills what a failed test left running


def start(apps: list[DrivenApp], server: LoopbackServer, data: Path, *faults: str) -> DrivenApp:
    endpoint = ("--backend", "openai", "--base-url", f"{server.url}/v1", "--model", "m")
    app = DrivenApp("--data-dir", str(data), *endpoint, faults=faults)
    apps.append(app)
    return app


def quit_and_exit(app: DrivenApp) -> None:
    app.command("quit")
    assert app.wait(EXIT_S) == 0
    assert app.expect("exit")["code"] == 0
    assert "Traceback" not in app.stderr()


def test_quit_exits_after_the_full_disk_refused_a_write(
    apps: list[DrivenApp], loopback: LoopbackServer, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    HistoryStore.open(history_path(data)).close()
    app = start(apps, loopback, data, "--disk-full")
    app.expect("ready")
    app.command("send " + "A long question " + "x" * 20_000)
    status = app.expect("status")["status"]
    assert status.startswith("History could not be saved: the disk is full.")
    quit_and_exit(app)


def test_quit_exits_when_the_data_folder_is_read_only(
    apps: list[DrivenApp], loopback: LoopbackServer, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    with read_only_folder(data):  # the folder's mode; the child drops root's override itself
        app = start(apps, loopback, data, "--no-root-override")
        assert "it is read-only" in app.expect("ready")["status"]
        app.command("send Hello?")
        assert "it is read-only" in app.expect("status")["status"]
        quit_and_exit(app)
    assert "settings were not saved" in app.stderr() and list(data.iterdir()) == []


def test_quit_exits_when_the_data_folder_is_a_file(
    apps: list[DrivenApp], loopback: LoopbackServer, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    data.write_text("")
    app = start(apps, loopback, data)
    assert "that is a file, not a folder" in app.expect("ready")["status"]
    app.command("send Hello?")
    app.expect("status")
    quit_and_exit(app)


def test_a_second_start_brings_the_first_forward_and_ask_still_runs(
    apps: list[DrivenApp], loopback: LoopbackServer, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    first = start(apps, loopback, data)
    first.expect("ready")
    first.command("minimize")
    assert first.expect("state")["minimized"] is True

    second = start(apps, loopback, data)
    assert second.wait(EXIT_S) == 0
    assert "already running" in second.stderr() and "brought forward" in second.stderr()
    first.command("state")
    assert first.expect("state")["minimized"] is False

    result = ask(*openai_args(loopback), "Hello", env=cli_env())  # no data folder involved
    assert result.code == 0 and "Hello, world!" in result.stdout
    quit_and_exit(first)


def test_a_lock_left_by_a_killed_instance_does_not_block_the_next(
    apps: list[DrivenApp], loopback: LoopbackServer, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    first = start(apps, loopback, data)
    first.expect("ready")
    os.kill(first.proc.pid, signal.SIGKILL)
    first.wait(EXIT_S)
    assert (data / LOCK_NAME).exists()  # left behind, naming a dead process

    second = start(apps, loopback, data)
    second.expect("ready")
    quit_and_exit(second)
    assert not (data / LOCK_NAME).exists()


def test_a_lock_whose_pid_now_belongs_to_another_program_is_taken_over(
    apps: list[DrivenApp], loopback: LoopbackServer, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    path = data / LOCK_NAME
    lock = QLockFile(str(path))  # a lock naming this test process: alive, a python, no LlamaDesk
    assert lock.tryLock(0)
    written = path.read_bytes()
    lock.unlock()
    path.write_bytes(written)  # as a dead owner leaves it: its PID since reused by a python
    app = start(apps, loopback, data)
    app.expect("ready")  # after asking the "owner" for its window, which never answers
    quit_and_exit(app)
    assert not path.exists()
