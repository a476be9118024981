"""Chat menu file actions: export a chat (Markdown, JSON), import it back, back up and restore."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
import qasync
from PySide6 import QtGui
from PySide6.QtCore import QDir, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.storage.history.store import history_path
from app.ui.composition_root import Application
from tests.ui.conftest import TOKEN
from tests.ui.test_history_window import AppMaker, send, titles

SECRET = "sk-export-check-0123456789"


def picking(app: Application, *paths: Path | None) -> list[tuple[str, str, bool]]:
    """Answer the next file dialogs with these paths; returns (suggested, filters, save?)."""
    answers, asked = list(paths), []

    def pick(title: str, suggested: str, filters: str, save: bool) -> Path | None:
        asked.append((suggested, filters, save))
        return answers.pop(0)

    app.file_actions._pick = pick
    return asked


def answer(app: Application, qtbot: QtBot, button_text: str) -> QMessageBox:
    """Click a button of the open "Restore all chats" question; returns the question."""
    question = app.file_actions.restore_question
    assert question is not None
    qtbot.waitUntil(question.isVisible, timeout=2000)
    button = next(b for b in question.buttons() if b.text().replace("&", "") == button_text)
    button.click()
    return question


def test_export_markdown_and_json_then_import_round_trip(
    make_app: AppMaker, qtbot: QtBot, tmp_path: Path, monkeypatch: object
) -> None:
    import pytest

    assert isinstance(monkeypatch, pytest.MonkeyPatch)
    monkeypatch.setenv("OPENAI_API_KEY", SECRET)  # the token the endpoint uses
    app = make_app()
    app.window.system_prompt_editor.setPlainText("Be brief.")
    send(app, qtbot, "What is a CSV file?")
    md, js = tmp_path / "out" / "chat.md", tmp_path / "out" / "chat.json"
    md.parent.mkdir()
    md.write_text("an older export")
    md.chmod(0o640)
    old_inode = md.stat().st_ino
    asked = picking(app, md, js, js)
    app.window.file_action_requested.emit("export-markdown")
    # Written whole beside it and renamed over it (never half-written), keeping its mode.
    assert md.stat().st_ino != old_inode and md.stat().st_mode & 0o777 == 0o640
    app.window.file_action_requested.emit("export-json")
    markdown = md.read_text()
    assert "What is a CSV file?" in markdown and "Hello, world!" in markdown
    assert "Be brief." in markdown
    data = json.loads(js.read_text())
    assert data["system_prompt"] == "Be brief."
    assert [m["text"] for m in data["messages"]][:2] == ["What is a CSV file?", "Hello, world!"]
    for text in (markdown, js.read_text()):
        assert SECRET not in text and TOKEN not in text
    assert asked[0] == ("What-is-a-CSV-file.md", "Markdown (*.md)", True)
    assert "Exported" in app.window.status_label.text()

    app.window.file_action_requested.emit("import-json")
    assert "Imported" in app.window.status_label.text()
    assert len(titles(app)) == 2
    shown = app.window.conversation_view.plain_text()
    assert "What is a CSV file?" in shown and "Hello, world!" in shown


def test_importing_a_file_that_is_not_a_chat_says_so(make_app: AppMaker, tmp_path: Path) -> None:
    app = make_app()
    bad = tmp_path / "notes.json"
    bad.write_text('{"hello": "world"}')
    picking(app, bad, tmp_path / "missing.json")
    app.window.file_action_requested.emit("import-json")
    assert "could not be imported" in app.window.status_label.text()
    app.window.file_action_requested.emit("import-json")
    assert "does not exist" in app.window.status_label.text()
    assert titles(app) == []


def test_back_up_everything_then_restore_it(
    make_app: AppMaker, qtbot: QtBot, tmp_path: Path, aio_loop: qasync.QEventLoop
) -> None:
    app = make_app()
    send(app, qtbot, "first chat")
    backup = tmp_path / "backup.db"
    picking(app, backup, backup)
    app.window.file_action_requested.emit("backup-all")
    assert backup.exists() and "backed up" in app.window.status_label.text()
    app.window.new_chat_requested.emit()
    send(app, qtbot, "second chat, after the backup")
    assert len(titles(app)) == 2
    app.window.file_action_requested.emit("restore-all")
    answer(app, qtbot, "Replace all chats")
    assert "restored" in app.window.status_label.text()
    assert len(titles(app)) == 1 and "first chat" in titles(app)[0].lower()


def test_exporting_with_nothing_open_explains(make_app: AppMaker) -> None:
    app = make_app()
    picking(app)
    app.window.file_action_requested.emit("export-json")
    assert "nothing to export yet" in app.window.status_label.text()


# -- imports are bounded, and what they bring is text ------------------------------------------


@pytest.mark.parametrize("kind", ["device", "pipe", "huge"])
def test_importing_a_device_a_pipe_or_a_huge_file_is_refused_at_once(
    kind: str, make_app: AppMaker, tmp_path: Path
) -> None:
    path = {"device": Path("/dev/zero"), "pipe": tmp_path / "x.json", "huge": tmp_path / "x.json"}[
        kind
    ]
    if kind == "pipe":
        os.mkfifo(path)  # nobody writes to it: a plain read would wait forever
    elif kind == "huge":
        with path.open("wb") as file:
            file.truncate(2_000_000_000)  # sparse
    app = make_app()
    picking(app, path)
    started = time.monotonic()
    app.window.file_action_requested.emit("import-json")
    assert time.monotonic() - started < 1.0
    said = {
        "device": "it is a device, not a file",
        "pipe": "it is a pipe, not a file",
        "huge": "it is too large (2 GB; LlamaDesk reads at most 50 MB)",
    }[kind]
    assert app.window.status_label.text() == (
        f"{path.name} could not be imported: {said}. Choose a chat exported by LlamaDesk as JSON."
    )
    assert titles(app) == []


MARKUP_TITLE = '<img src="file:///etc/hostname"><b>Bold</b> & <i>co</i>'


def rendered(tooltip: object) -> str:
    """What a tooltip shows: Qt renders any text that looks like markup as rich text."""
    assert isinstance(tooltip, str)
    if not QtGui.Qt.mightBeRichText(tooltip):
        return tooltip
    document = QTextDocument()
    document.setHtml(tooltip)
    return document.toPlainText()


def test_an_imported_title_that_looks_like_html_is_shown_as_text(
    make_app: AppMaker, qtbot: QtBot, tmp_path: Path
) -> None:
    app = make_app()
    send(app, qtbot, "A question about llamas")
    exported = tmp_path / "chat.json"
    picking(app, exported)
    app.window.file_action_requested.emit("export-json")
    data = json.loads(exported.read_text())
    data["title"], data["title_is_auto"] = MARKUP_TITLE, False
    exported.write_text(json.dumps(data))

    picking(app, exported)
    app.window.file_action_requested.emit("import-json")
    label = app.window.status_label
    assert label.text() == f"Imported “{MARKUP_TITLE}”."
    assert label.textFormat() == Qt.TextFormat.PlainText  # the <img> is never loaded
    model = app.history.model
    row = model.row_of(app.history.conversation_id)
    assert model.index(row, 0).data() == MARKUP_TITLE
    assert rendered(model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)) == MARKUP_TITLE

    app.history.search.delay_ms = 1
    app.window.history_pane.search_edit.setText("llamas")
    results = app.window.history_pane.search_results.model()
    qtbot.waitUntil(lambda: results.rowCount() == 2)
    tips = {rendered(results.index(r, 0).data(Qt.ItemDataRole.ToolTipRole)) for r in range(2)}
    assert f"{MARKUP_TITLE}: A question about «llamas»" in tips


# -- back up and restore: findable files, and a question before every chat is replaced ---------


def test_a_backup_named_without_db_gets_it_and_never_replaces_another_file(
    make_app: AppMaker, qtbot: QtBot, tmp_path: Path
) -> None:
    app = make_app()
    send(app, qtbot, "first chat")
    asked = picking(app, tmp_path / "my-backup", tmp_path / "my-backup")
    app.window.file_action_requested.emit("backup-all")
    assert asked[0] == ("llamadesk-backup.db", "LlamaDesk backup (*.db)", True)
    assert (tmp_path / "my-backup.db").exists() and not (tmp_path / "my-backup").exists()
    assert f"backed up to {tmp_path / 'my-backup.db'}" in app.window.status_label.text()
    kept = (tmp_path / "my-backup.db").read_bytes()
    app.window.file_action_requested.emit("backup-all")  # the dialog confirmed "my-backup" only
    assert "already exists" in app.window.status_label.text()
    assert (tmp_path / "my-backup.db").read_bytes() == kept


def test_restore_asks_first_says_what_is_replaced_and_where_the_safety_copy_goes(
    make_app: AppMaker, qtbot: QtBot, tmp_path: Path
) -> None:
    app = make_app()
    send(app, qtbot, "first chat")
    backup = tmp_path / "backup.db"
    picking(app, backup)
    app.window.file_action_requested.emit("backup-all")
    for text in ("second chat", "third chat"):
        app.window.new_chat_requested.emit()
        send(app, qtbot, text)
    before = titles(app)

    asked = picking(app, backup, backup)
    app.window.file_action_requested.emit("restore-all")
    question = answer(app, qtbot, "Cancel")
    assert question.text() == "Replace all your chats with the ones in backup.db?"
    data = history_path(tmp_path).parent
    assert question.informativeText().startswith(
        "Your 3 chats will be replaced by the 1 chat in this backup. A safety copy of your "
        f"current chats is kept first, in {data} (named history.db.bak-v"
    )
    assert question.defaultButton() is question.button(QMessageBox.StandardButton.Cancel)
    assert question.textFormat() == Qt.TextFormat.PlainText  # file names are not markup
    assert titles(app) == before and not list(data.glob("history.db.bak-*"))  # nothing done

    app.window.file_action_requested.emit("restore-all")
    answer(app, qtbot, "Replace all chats")
    assert titles(app) == ["first chat"]
    safety = list(data.glob("history.db.bak-*"))
    assert len(safety) == 1 and safety[0].suffix == ".db"
    assert f"The chats you had are kept in {safety[0]}." in app.window.status_label.text()

    # The restore dialog lists that safety copy (and older ones named without ".db").
    old_style = data / "history.db.bak-v1-20260101T000000Z"
    _name, filters, save = asked[1]
    assert not save
    for copy in (safety[0], old_style, backup):
        assert any(QDir.match(pattern, copy.name) for pattern in _patterns(filters))

    picking(app, safety[0])
    app.window.file_action_requested.emit("restore-all")
    answer(app, qtbot, "Replace all chats")  # and restoring it brings the three chats back
    assert sorted(titles(app)) == sorted(before)


def _patterns(filters: str) -> list[str]:
    """The name patterns of the first filter in a Qt file-dialog filter list."""
    first = filters.split(";;")[0]
    return first[first.index("(") + 1 : first.index(")")].split()


@pytest.mark.parametrize("content", [b"not a database", None])
def test_restoring_from_something_that_is_not_a_backup_asks_nothing(
    content: bytes | None, make_app: AppMaker, qtbot: QtBot, tmp_path: Path
) -> None:
    app = make_app()
    send(app, qtbot, "keep me")
    path = tmp_path / "x.db"
    if content is None:
        os.mkfifo(path)
    else:
        path.write_bytes(content)
    picking(app, path)
    app.window.file_action_requested.emit("restore-all")
    assert app.file_actions.restore_question is None
    said = "is not a LlamaDesk history database" if content else "could not be read (it is not a"
    assert app.window.status_label.text().startswith(f"x.db could not be restored: it {said}")
    assert app.window.status_label.text().endswith("Nothing was changed.")
    assert titles(app) == ["keep me"]


def test_import_and_restore_while_a_reply_streams_keep_the_reply_on_screen(
    make_app: AppMaker, qtbot: QtBot, tmp_path: Path, loopback: object
) -> None:
    from tests.loopback import LoopbackServer, Reply

    assert isinstance(loopback, LoopbackServer)
    app = make_app()
    send(app, qtbot, "first chat")
    exported = tmp_path / "first.json"
    picking(app, exported)
    app.window.file_action_requested.emit("export-json")
    app.window.new_chat_button.click()
    loopback.queue("POST", "/chat/completions", Reply(body=[b": thinking\n\n"], stall_after=1))
    app.window.composer.setPlainText("a long answer, please")
    app.window.send_button.click()
    qtbot.waitUntil(lambda: app.controller.chat.busy, timeout=2000)
    streaming = app.controller.session

    picking(app, exported)
    app.window.file_action_requested.emit("import-json")  # was a RuntimeError in the slot
    assert "it is in the list" in app.window.status_label.text()
    assert app.controller.session is streaming and len(titles(app)) == 3
    app.window.file_action_requested.emit("restore-all")  # no file dialog: refused first
    assert "stop it before restoring" in app.window.status_label.text()
    assert app.file_actions.restore_question is None
    with qtbot.waitSignal(app.controller.chat.reply_ended, timeout=5000):
        app.window.stop_button.click()
