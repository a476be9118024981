"""The prompt library window in the real app: search, versions, diff, revert, fork, rename,
delete and undo, labels, use in the chat, and files in and out (file dialogs answered by tests)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.storage.history.prompt_store import PromptStore
from app.ui.composition_root import Application
from app.ui.prompts.library_window import LibraryWindow
from tests.ui.prompt_helpers import (
    announce,
    answering,
    files_picked,
    key,
    library_of,
    open_library,
    pick,
    select_prompt,
    select_versions,
    status,
)

AppMaker = Callable[[], Application]
V1 = "You are a support bot.\nAnswer briefly."
V2 = "You are a support bot.\nAnswer briefly and kindly."
V3 = "You are a support bot for staff.\nAnswer briefly and kindly.\nSign as Ann."


def support_bot(library: PromptStore) -> int:
    first = library.create("Support bot", V1, (), "First")
    library.save_version(first.prompt_id, V2, (), "Kinder")
    library.save_version(first.prompt_id, V3, (), "For staff")
    return first.prompt_id


def opened(app: Application, qtbot: QtBot) -> LibraryWindow:
    window = open_library(app, qtbot)
    window.controller.search_timer.setInterval(1)
    window.actions.ask_text = answering()
    return window


def said(window: LibraryWindow) -> str:
    return window.dialog.status_label.text()


def names(window: LibraryWindow) -> list[str]:
    model = window.controller.prompts
    return [s.name for r in range(model.rowCount()) if (s := model.summary(r))]


def test_search_versions_diff_revert_and_fork(make_app: AppMaker, qtbot: QtBot) -> None:
    app = make_app()
    library = library_of(app)
    prompt_id = support_bot(library)
    library.create("Pirate", "Talk like a pirate.")
    window = opened(app, qtbot)
    d = window.dialog
    assert names(window) == ["Pirate", "Support bot"]  # most recently changed first

    key(qtbot, d.prompt_list, Qt.Key.Key_F)  # Ctrl+F: the search box
    assert d.search_edit.hasFocus()
    qtbot.keyClicks(d.search_edit, "KINDLY")  # in the newest text, any case
    qtbot.waitUntil(lambda: names(window) == ["Support bot"], timeout=2000)
    assert d.name_label.text() == "Support bot"
    table = window.controller.versions
    rows = [[table.index(r, c).data() for c in (0, 2, 3)] for r in range(table.rowCount())]
    assert rows == [["3", "For staff", ""], ["2", "Kinder", ""], ["1", "First", ""]]
    assert d.preview.toPlainText() == V3  # the newest, selected

    select_versions(window, 3, 1)  # any two versions, word by word
    assert d.tabs.currentWidget() is d.diff_pane
    diff = d.diff_pane.diff
    assert diff is not None and not diff.identical
    inline = d.diff_pane.inline
    assert inline.summary.text().startswith("From version 1 to version 3:")
    html = inline.browser.toHtml()
    assert "line-through" in html and "underline" in html
    assert "Sign as Ann." in inline.browser.toPlainText()
    d.diff_pane.side_by_side_box.setChecked(True)
    side = d.diff_pane.side_by_side
    assert (
        "staff" in side.new_browser.toPlainText() and "staff" not in side.old_browser.toPlainText()
    )
    assert not d.revert_button.isEnabled()  # two selected: which one to revert to?

    select_versions(window, 1)
    d.revert_button.click()
    newest = library.versions(prompt_id)[0]
    assert (newest.number, newest.text, newest.note) == (4, V1, "Reverted to version 1")
    assert "Version 4 is a copy of version 1" in said(window)
    assert [table.index(r, 0).data() for r in range(table.rowCount())][:1] == ["4"]
    assert len(library.versions(prompt_id)) == 4  # nothing deleted

    window.actions.ask_text = answering("Staff bot")
    select_versions(window, 3)
    d.fork_button.click()
    forks = library.prompts("Staff bot")
    assert [p.name for p in forks] == ["Staff bot"]
    assert library.version(forks[0].id, 1).text == V3
    assert d.name_label.text() == "Staff bot"
    assert d.origin_label.text().startswith("Forked from “Support bot”, version 3.")


def test_rename_delete_undo_and_labels(make_app: AppMaker, qtbot: QtBot) -> None:
    app = make_app()
    library = library_of(app)
    prompt_id = support_bot(library)
    window = opened(app, qtbot)
    d = window.dialog

    key(qtbot, d.prompt_list, Qt.Key.Key_F2, ctrl=False)
    editor = d.prompt_list.findChild(QLineEdit)
    assert editor is not None
    editor.selectAll()
    qtbot.keyClicks(editor, "Helpdesk  bot")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: d.name_label.text() == "Helpdesk bot", timeout=2000)
    assert library.prompt(prompt_id).name == "Helpdesk bot"  # spaces made one
    assert said(window) == "Renamed to “Helpdesk bot”."
    assert names(window) == ["Helpdesk bot"]

    select_versions(window, 2)
    d.label_combo.setCurrentText("staff")
    d.set_label_button.click()
    assert library.prompt(prompt_id).labels == (("staff", 2),)
    assert said(window) == "Label “staff” now points at version 2."
    select_versions(window, 3)
    d.label_combo.setCurrentText("staff")
    d.set_label_button.click()
    assert library.prompt(prompt_id).labels == (("staff", 3),)
    assert said(window) == "Label “staff” now points at version 3 (it was on version 2)."
    table = window.controller.versions
    assert table.index(table.row_of(3), 3).data() == "staff"

    d.label_combo.setCurrentText("no good!")
    d.set_label_button.click()
    assert "cannot be a label" in said(window)
    assert library.prompt(prompt_id).labels == (("staff", 3),)
    d.label_combo.setCurrentText("staff")
    d.remove_label_button.click()
    assert library.prompt(prompt_id).labels == ()

    d.prompt_list.setFocus()
    key(qtbot, d.prompt_list, Qt.Key.Key_Delete, ctrl=False)
    assert names(window) == [] and library.is_deleted(prompt_id)
    assert said(window) == "Deleted “Helpdesk bot”. Undo (Ctrl+Z); later, Trash can restore it."
    assert d.undo_button.isVisible()
    key(qtbot, d.prompt_list, Qt.Key.Key_Z)
    assert names(window) == ["Helpdesk bot"] and not library.is_deleted(prompt_id)
    assert d.name_label.text() == "Helpdesk bot"
    assert not d.undo_button.isVisible()


def test_use_in_this_chat_new_prompt_and_the_open_chat_following_a_moved_label(
    make_app: AppMaker, qtbot: QtBot
) -> None:
    app = make_app()
    library = library_of(app)
    prompt_id = support_bot(library)
    library.set_label(prompt_id, "staff", 1)
    announce(app)
    pick(app, "Support bot · staff")
    window = opened(app, qtbot)  # opens on the chat's prompt
    d = window.dialog
    assert d.name_label.text() == "Support bot"

    select_versions(window, 2)  # the label moves: the chat following it shows the new text
    d.label_combo.setCurrentText("staff")
    d.set_label_button.click()
    assert app.window.system_prompt_editor.toPlainText() == V2
    assert app.controller.session.settings.prompt_ref == f"{prompt_id}#staff"

    select_versions(window, 3)
    d.use_button.click()
    assert app.controller.session.settings.prompt_ref == f"{prompt_id}@3"
    assert app.window.system_prompt_editor.toPlainText() == V3
    assert said(window) == "This chat now uses “Support bot”, version 3."

    # A new prompt does not take the chat with it: "Use in this chat" does, when asked.
    window.actions.ask_text = answering("Blank slate")
    d.new_button.click()
    made = library.prompts("Blank slate")
    assert len(made) == 1 and d.name_label.text() == "Blank slate"
    assert library.latest(made[0].id).text == ""  # the chat is on a library prompt: empty
    assert app.controller.session.settings.prompt_ref == f"{prompt_id}@3"
    assert app.window.system_prompt_editor.toPlainText() == V3
    d.use_button.click()
    assert app.controller.session.settings.prompt_ref == f"{made[0].id}@1"
    assert status(app) == "Blank slate · version 1"


def test_the_pickers_browse_entry_and_library_button_open_the_window(
    make_app: AppMaker, qtbot: QtBot
) -> None:
    app = make_app()
    pick(app, "Browse the library… (Ctrl+Shift+L)")
    assert app.library_window is not None and app.library_window.dialog.isVisible()
    assert app.window.prompt_picker.combo.currentText() == "This chat's own prompt"
    app.library_window.dialog.close()
    app.window.prompt_picker.library_button.click()
    assert app.library_window.dialog.isVisible()
    assert app.library_window.dialog.name_label.text() == "No prompts yet"


def test_the_list_reads_a_page_at_a_time(make_app: AppMaker, qtbot: QtBot) -> None:
    app = make_app()
    library = library_of(app)
    for n in range(120):
        library.create(f"Prompt {n:03}", f"Text {n}")
    window = opened(app, qtbot)
    model = window.controller.prompts
    assert model.rowCount() == 50 and names(window)[0] == "Prompt 119"
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == 120 and names(window)[-1] == "Prompt 000"


def write(path: Path, content: bytes | str) -> Path:
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    return path


def test_a_refused_file_is_named_and_changes_nothing(
    make_app: AppMaker, qtbot: QtBot, tmp_path: Path
) -> None:
    app = make_app()
    library = library_of(app)
    support_bot(library)
    window = opened(app, qtbot)
    newer = {"format": "llamadesk-prompts", "version": 99, "prompts": []}
    cases = [
        (
            write(tmp_path / "notes.json", "not json {"),
            "notes.json: This file cannot be imported: it is not JSON",
        ),
        (write(tmp_path / "newer.json", json.dumps(newer)), "written by a newer LlamaDesk"),
        (write(tmp_path / "binary.json", b"\xff\xfe\x00garbage"), "it is not UTF-8 text"),
        (
            tmp_path / "missing.json",
            "missing.json could not be read: the file or its folder does not exist.",
        ),
        (tmp_path, "could not be read: it is a folder"),
    ]
    for path, expected in cases:
        files_picked(window, path)
        window.dialog.import_button.click()
        qtbot.waitUntil(lambda: not window.files.busy, timeout=5000)
        assert expected in said(window), said(window)
        assert "Nothing was changed" in said(window)
        assert library.prompt_count() == 1 and names(window) == ["Support bot"]
        assert not window.dialog.progress.isVisible()
        assert window.dialog.import_button.isEnabled()


def test_export_and_import_round_trip(make_app: AppMaker, qtbot: QtBot, tmp_path: Path) -> None:
    app = make_app()
    library = library_of(app)
    prompt_id = support_bot(library)
    library.set_label(prompt_id, "staff", 2)
    library.create("Pirate", "Talk like a pirate.")
    window = opened(app, qtbot)
    d = window.dialog

    everything, one = tmp_path / "all.json", tmp_path / "one.json"
    asked = files_picked(window, everything, one)
    d.export_library_button.click()
    assert d.progress.isVisible()  # the file is written off the GUI thread
    qtbot.waitUntil(lambda: not window.files.busy, timeout=5000)
    assert not d.progress.isVisible()
    assert said(window) == f"Every prompt with all its versions saved to {everything}."
    select_prompt(window, "Support bot")
    d.export_prompt_button.click()
    qtbot.waitUntil(lambda: not window.files.busy, timeout=5000)
    assert asked == [("llamadesk-prompts.json", True), ("Support-bot.json", True)]
    assert not list(tmp_path.glob("*.part"))
    data = json.loads(one.read_text(encoding="utf-8"))
    assert [p["name"] for p in data["prompts"]] == ["Support bot"]
    assert len(data["prompts"][0]["versions"]) == 3

    files_picked(window, one)
    d.import_button.click()
    qtbot.waitUntil(lambda: not window.files.busy, timeout=5000)
    assert said(window) == "Imported 1 prompt from one.json."
    imported = library.prompts("(imported)")
    assert [p.name for p in imported] == ["Support bot (imported)"]
    assert d.name_label.text() == "Support bot (imported)"  # shown at once
    assert imported[0].labels == (("staff", 2),)
    assert [v.text for v in library.versions(imported[0].id)] == [V3, V2, V1]
    files_picked(window, everything)
    d.import_button.click()
    qtbot.waitUntil(lambda: not window.files.busy, timeout=5000)
    assert said(window) == "Imported 2 prompts from all.json."
    assert library.prompt_count() == 5


def test_a_large_import_runs_in_the_background_with_progress(
    make_app: AppMaker, qtbot: QtBot, tmp_path: Path
) -> None:
    app = make_app()
    library = library_of(app)
    source = support_bot(library)
    for n in range(40):  # ~ 40 × 50 versions × 2,000 characters: 4 MB of JSON
        made = library.create(f"Big {n}", "x")
        for v in range(50):
            library.save_version(made.prompt_id, f"{v} " + "word " * 400)
    big = tmp_path / "big.json"
    big.write_bytes(library.export_prompts(None))
    library.delete(source)
    window = opened(app, qtbot)
    before = library.prompt_count()
    files_picked(window, big)
    window.dialog.import_button.click()
    assert window.files.busy and window.dialog.progress.isVisible()
    assert not window.dialog.import_button.isEnabled()
    assert said(window) == "Importing big.json…"
    window.dialog.import_button.click()  # a second one waits: nothing starts twice
    qtbot.waitUntil(lambda: not window.files.busy, timeout=20000)
    assert said(window) == "Imported 41 prompts from big.json."
    assert library.prompt_count() == before + 41
    assert not window.dialog.progress.isVisible()


def test_every_library_control_has_a_name_and_a_tooltip(make_app: AppMaker, qtbot: QtBot) -> None:
    app = make_app()
    support_bot(library_of(app))
    window = opened(app, qtbot)
    kinds = (QAbstractButton, QComboBox, QLineEdit, QPlainTextEdit, QTextEdit, QAbstractItemView)
    widgets = [
        w
        for w in window.dialog.findChildren(QWidget)
        if isinstance(w, kinds) and not w.objectName().startswith("qt_")
    ]
    assert len(widgets) > 15
    missing = []
    for widget in widgets:
        if isinstance(widget, QLineEdit) and isinstance(widget.parent(), QComboBox):
            continue  # the editor inside a combo box: the combo box carries the name
        if isinstance(widget, QAbstractButton) and isinstance(widget.parent(), QLineEdit | QTabBar):
            continue  # Qt's clear button in the search box, the tab bar's scroll arrows
        if isinstance(widget, QHeaderView):
            continue  # the version table's headers: the table carries the name
        if widget.window() is not window.dialog:
            continue  # a combo box's popup list (a window of its own)
        text = widget.text() if isinstance(widget, QAbstractButton) else ""
        if not (widget.accessibleName() or text) or not widget.toolTip():
            missing.append(f"{type(widget).__name__} {widget.objectName()!r} {text!r}")
    assert not missing, missing
