"""A data folder nothing can be saved in: the window opens, says why, chats in memory, closes.

Faults are real (tests/storage/disk_faults.py): a file where the folder should be, a folder the
kernel refuses writes to (also as root), a history SQLite cannot grow. That the process then
exits is tested on the real app in a subprocess (test_app_process.py).
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
import qasync
from pytestqt.qtbot import QtBot

from app.storage.history.store import HistoryStore, history_path
from app.ui.composition_root import Application
from tests.loopback import LoopbackServer
from tests.storage.disk_faults import full_disk_connect, read_only_folder
from tests.ui.conftest import AppFactory
from tests.ui.test_history_window import HELLO, close, send, titles


def open_app(app_factory: AppFactory, loopback: LoopbackServer, data_dir: Path) -> Application:
    endpoint = ("--backend", "openai", "--base-url", f"{loopback.url}/v1", "--model", "m")
    return app_factory("--data-dir", str(data_dir), *endpoint, show=True)


def chats_in_memory(app: Application, qtbot: QtBot) -> None:
    """Both messages are shown although nothing can be stored."""
    send(app, qtbot, "Are you there?")
    shown = app.window.conversation_view.plain_text()
    assert "Are you there?" in shown and HELLO in shown
    assert titles(app) == []


def test_a_file_in_place_of_the_data_folder(
    app_factory: AppFactory,
    loopback: LoopbackServer,
    qtbot: QtBot,
    aio_loop: qasync.QEventLoop,
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    data.write_text("my notes")
    app = open_app(app_factory, loopback, data)
    status = app.window.status_label.text()
    assert f"LlamaDesk cannot keep its data in {data}: that is a file, not a folder." in status
    assert app.history.store is None
    chats_in_memory(app, qtbot)
    assert "that is a file" in app.window.status_label.text()  # still said after the reply
    close(app, aio_loop, qtbot)  # an exception while closing would fail this test
    assert data.read_text() == "my notes"


def test_a_read_only_data_folder_keeps_what_it_holds(
    app_factory: AppFactory,
    loopback: LoopbackServer,
    qtbot: QtBot,
    aio_loop: qasync.QEventLoop,
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    first = open_app(app_factory, loopback, data)
    send(first, qtbot, "Remember me")
    close(first, aio_loop, qtbot)
    before = {p.name: p.read_bytes() for p in data.iterdir()}
    geometry = json.loads(before["settings.json"])["ui"]["window_geometry"]

    with read_only_folder(data):
        app = open_app(app_factory, loopback, data)
        status = app.window.status_label.text()
        assert f"cannot write to its data folder {data}: it is read-only." in status
        assert "kept in memory only" in status
        assert geometry and app.settings.ui.window_geometry == geometry  # settings still read
        chats_in_memory(app, qtbot)
        close(app, aio_loop, qtbot)  # saving the settings fails, and closing goes on
    assert {p.name: p.read_bytes() for p in data.iterdir()} == before


def test_a_full_disk_during_a_chat_is_called_full(
    app_factory: AppFactory,
    loopback: LoopbackServer,
    qtbot: QtBot,
    aio_loop: qasync.QEventLoop,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = tmp_path / "data"
    store = HistoryStore.open(history_path(data))
    store.add_user_message(store.new_conversation().id, "An earlier chat")
    store.close()
    monkeypatch.setattr(sqlite3, "connect", full_disk_connect(sqlite3.connect))

    app = open_app(app_factory, loopback, data)
    assert titles(app) == ["An earlier chat"]  # reading needs no space
    send(app, qtbot, "A long question " + "x" * 20_000)
    status = app.window.status_label.text()
    assert status.startswith("History could not be saved: the disk is full.")
    assert "damaged" not in status and "kept in memory only" in status
    assert HELLO in app.window.conversation_view.plain_text()
    send(app, qtbot, "And another one")  # the chat goes on, in memory
    assert app.window.status_label.text() == status
    close(app, aio_loop, qtbot)
    saved = json.loads((data / "settings.json").read_text())  # settings are not on that disk
    assert "profiles" in saved
