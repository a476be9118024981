"""A damaged history file: the app opens, says what happened, and offers the newest backup."""

from __future__ import annotations

from pathlib import Path

import qasync
from pytestqt.qtbot import QtBot

from app.storage.history.store import HistoryStore, history_path
from tests.ui.test_history_window import AppMaker, close, send, titles


def test_the_newest_backup_is_offered_and_restores_the_history(
    make_app: AppMaker, qtbot: QtBot, aio_loop: qasync.QEventLoop, tmp_path: Path
) -> None:
    first = make_app()
    send(first, qtbot, "Remember the llamas")
    store = first.history.store
    assert store is not None
    store.backup_to(history_path(tmp_path).with_name("history.db.bak-manual"))
    close(first, aio_loop, qtbot)
    db = history_path(tmp_path)
    for side in ("-wal", "-shm"):
        db.with_name(db.name + side).unlink(missing_ok=True)
    garbage = b"this is not a database" * 100
    db.write_bytes(garbage)

    app = make_app()
    assert app.history.store is None and "History is off" in app.window.status_label.text()
    offer = app.backup_offer
    assert offer is not None
    app.show()  # as at start-up: the window, then the offer on top of it
    qtbot.waitUntil(offer.box.isVisible, timeout=2000)
    assert "A backup from" in offer.box.informativeText()
    offer.use_button.click()
    assert "History is back on" in app.window.status_label.text()
    assert titles(app) and "llamas" in titles(app)[0].lower()
    aside = [
        p
        for p in tmp_path.iterdir()
        if ".damaged" in p.name and not p.name.endswith(("-wal", "-shm"))
    ]
    assert len(aside) == 1 and aside[0].read_bytes() == garbage  # kept, never overwritten
    send(app, qtbot, "Still here?")  # and new messages are stored again
    close(app, aio_loop, qtbot)
    reopened = HistoryStore.open(db)
    try:
        assert len(reopened.conversations()) == 2
    finally:
        reopened.close()


def test_without_a_backup_nothing_is_offered(make_app: AppMaker, tmp_path: Path) -> None:
    history_path(tmp_path).write_bytes(b"garbage" * 50)
    app = make_app()
    assert app.backup_offer is None and "History is off" in app.window.status_label.text()


def test_a_reply_cut_by_a_crash_is_shown_as_interrupted(make_app: AppMaker, tmp_path: Path) -> None:
    store = HistoryStore.open(history_path(tmp_path))
    record = store.new_conversation()
    store.add_user_message(record.id, "Tell me a long story")
    writer = store.start_reply(record.id)
    writer.append("Once upon a time")
    store.close()  # as if the app died here: the reply was never finished
    app = make_app()
    app.history.open_conversation(record.id)
    shown = app.window.conversation_view.plain_text()
    assert "Once upon a time" in shown
    assert "closed before this reply finished" in shown and "Retry" in shown
