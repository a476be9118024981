"""Chat menu file actions: export a chat (Markdown, JSON), import it back, back up and restore."""

from __future__ import annotations

import json
from pathlib import Path

import qasync
from pytestqt.qtbot import QtBot

from app.ui.composition_root import Application
from tests.ui.conftest import TOKEN
from tests.ui.test_history_window import AppMaker, send, titles

SECRET = "sk-export-check-0123456789"


def picking(app: Application, *paths: Path | None) -> list[tuple[str, bool]]:
    """Answer the next file dialogs with these paths; returns what was asked."""
    answers, asked = list(paths), []

    def pick(title: str, suggested: str, filters: str, save: bool) -> Path | None:
        asked.append((suggested, save))
        return answers.pop(0)

    app.file_actions._pick = pick
    return asked


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
    asked = picking(app, md, js, js)
    app.window.file_action_requested.emit("export-markdown")
    app.window.file_action_requested.emit("export-json")
    markdown = md.read_text()
    assert "What is a CSV file?" in markdown and "Hello, world!" in markdown
    assert "Be brief." in markdown
    data = json.loads(js.read_text())
    assert data["system_prompt"] == "Be brief."
    assert [m["text"] for m in data["messages"]][:2] == ["What is a CSV file?", "Hello, world!"]
    for text in (markdown, js.read_text()):
        assert SECRET not in text and TOKEN not in text
    assert asked[0] == ("What-is-a-CSV-file.md", True)
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
    assert "restored" in app.window.status_label.text()
    assert len(titles(app)) == 1 and "first chat" in titles(app)[0].lower()


def test_exporting_with_nothing_open_explains(make_app: AppMaker) -> None:
    app = make_app()
    picking(app)
    app.window.file_action_requested.emit("export-json")
    assert "nothing to export yet" in app.window.status_label.text()
