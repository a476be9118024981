"""Presets in the real window, on a real history on tmp_path, against the loopback server."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from app.core.params import SamplingParams
from app.core.prompts.library import Preset
from app.core.prompts.variables import VariableSpec
from app.core.request import PromptMode
from app.storage.history.prompt_store import PromptStore
from app.ui.composition_root import Application
from app.ui.prompts.presets import PresetsController
from tests.loopback import LoopbackServer
from tests.ui.conftest import AppFactory, ChatHarness
from tests.ui.test_chat_sessions import send, two_servers


def library_of(app: Application) -> PromptStore:
    store = app.history.store
    assert store is not None
    return store.prompts


def menu_action(app: Application, text: str) -> QAction:
    menu = app.window.presets_menu
    menu.aboutToShow.emit()  # what opening it does: the list is read again
    found = [a for a in menu.actions() if a.text().replace("&", "") == text]
    assert found, [a.text() for a in menu.actions()]
    return found[0]


def save_as_preset(app: Application, qtbot: QtBot, name: str) -> None:
    menu_action(app, "Save this chat's settings as a preset…").trigger()
    dialog = app.presets.name_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    dialog.name_edit.selectAll()
    qtbot.keyClicks(dialog.name_edit, name)
    with qtbot.waitSignal(dialog.finished, timeout=2000):
        qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)


def test_a_saved_preset_starts_a_chat_with_its_prompt_parameters_endpoint_and_mode(
    app_factory: AppFactory, qtbot: QtBot, loopback: LoopbackServer, tmp_path: Path
) -> None:
    first, second = two_servers(loopback, tmp_path)
    app = app_factory(show=True)
    w = app.window
    w.system_prompt_editor.setPlainText("You tutor {{subject}}.")
    app.controller.session.update_settings(variables=(VariableSpec("subject", default="maths"),))
    w.params_panel._boxes["temperature"].setValue(0.3)
    w.profile_selector.setCurrentIndex(w.profile_selector.findData(second.id))
    save_as_preset(app, qtbot, "Tutor")
    assert "Preset “Tutor” saved. Its system prompt was added to the library" in (
        w.status_label.text()
    )
    library = library_of(app)
    (preset,) = library.presets()
    version = library.resolve(_ref(preset.prompt_ref))
    assert version.text == "You tutor {{subject}}." and version.variables[0].name == "subject"
    assert preset.params.temperature == 0.3 and preset.profile_id == second.id

    # Elsewhere: another endpoint, other parameters, another prompt.
    w.new_chat_button.click()
    w.profile_selector.setCurrentIndex(w.profile_selector.findData(first.id))
    w.system_prompt_editor.setPlainText("Other")
    w.params_panel.set_prompt_mode(PromptMode.UNSCOPED)

    menu_action(app, "Tutor").trigger()  # one click
    settings = app.controller.session.settings
    assert app.controller.session.is_empty
    assert settings.system_prompt == "You tutor {{subject}}." and settings.prompt_ref
    assert settings.params.temperature == 0.3 and settings.profile_id == second.id
    assert settings.prompt_mode is PromptMode.CHAT and settings.values == ()
    assert w.system_prompt_editor.toPlainText() == "You tutor {{subject}}."
    assert w.profile_selector.currentData() == second.id
    assert w.status_label.text() == "New chat from “Tutor”."
    # Its variables are asked for before the first send, as in any chat.
    w.composer.setPlainText("hi")
    w.send_button.click()
    form = app.controller.variables.form
    assert form is not None
    with qtbot.waitSignal(app.controller.chat.reply_ended, timeout=5000):
        form.ok_button.click()
    body = loopback.requests[-1].json()
    assert body["model"] == "model-two" and body["temperature"] == 0.3
    assert body["messages"][0] == {"role": "system", "content": "You tutor maths."}


def _ref(text: str):  # type: ignore[no-untyped-def]
    from app.core.prompts.ref import PromptRef

    ref = PromptRef.parse(text)
    assert ref is not None
    return ref


def test_a_preset_whose_prompt_and_endpoint_are_gone_still_starts_and_says_so(
    make_app: object, qtbot: QtBot
) -> None:
    app = make_app()  # type: ignore[operator]
    assert isinstance(app, Application)
    library = library_of(app)
    kept = library.create("Kept", "Kept prompt")
    trashed = library.create("Trashed", "Trashed prompt")
    library.delete(trashed.prompt_id)  # in the trash, its versions still there: it still starts
    library.save_preset(Preset(0, "Broken", "987654@1", profile_id="removed-endpoint"))
    library.save_preset(Preset(0, "From the trash", f"{trashed.prompt_id}@1"))
    library.save_preset(Preset(0, "Fine", f"{kept.prompt_id}@1", SamplingParams(top_k=5)))
    app.window.system_prompt_editor.setPlainText("typed here")
    menu_action(app, "Broken").trigger()
    settings = app.controller.session.settings
    note = app.window.status_label.text()
    assert "Its prompt no longer exists in the library" in note
    assert "Its endpoint no longer exists, so the default endpoint" in note
    assert settings.system_prompt == "" and settings.prompt_ref == ""  # the default prompt
    assert settings.profile_id == app.controller.active_id
    send(app, qtbot, "still works")
    menu_action(app, "From the trash").trigger()
    assert app.controller.session.settings.system_prompt == "Trashed prompt"
    menu_action(app, "Fine").trigger()
    assert app.controller.session.settings.system_prompt == "Kept prompt"
    assert app.controller.session.settings.params.top_k == 5
    assert app.window.status_label.text() == "New chat from “Fine”."


def test_a_preset_following_a_label_starts_with_where_it_points_today(
    make_app: object, qtbot: QtBot
) -> None:
    app = make_app()  # type: ignore[operator]
    assert isinstance(app, Application)
    library = library_of(app)
    v1 = library.create("Support", "Version one")
    v2 = library.save_version(v1.prompt_id, "Version two")
    library.set_label(v1.prompt_id, "staff", 1)
    library.save_preset(Preset(0, "Staff", f"{v1.prompt_id}#staff"))
    menu_action(app, "Staff").trigger()
    assert app.controller.session.settings.system_prompt == "Version one"
    assert app.controller.session.settings.prompt_ref == f"{v1.prompt_id}#staff"
    library.set_label(v1.prompt_id, "staff", 2)
    menu_action(app, "Staff").trigger()
    assert app.controller.session.settings.system_prompt == "Version two"
    library.remove_label(v1.prompt_id, "staff")
    menu_action(app, "Staff").trigger()
    settings = app.controller.session.settings
    assert settings.system_prompt == "Version two"
    assert settings.prompt_ref == f"{v2.prompt_id}@{v2.number}"
    assert "label “staff” no longer exists" in app.window.status_label.text()


def test_saving_an_edited_library_prompt_as_a_preset_saves_a_version(
    make_app: object, qtbot: QtBot
) -> None:
    app = make_app()  # type: ignore[operator]
    assert isinstance(app, Application)
    library = library_of(app)
    v1 = library.create("Editor", "First words")
    app.controller.session.update_settings(
        system_prompt="First words", prompt_ref=f"{v1.prompt_id}@1"
    )
    save_as_preset(app, qtbot, "Unchanged")
    assert library.presets()[0].prompt_ref == f"{v1.prompt_id}@1"
    assert len(library.versions(v1.prompt_id)) == 1  # nothing new to save
    app.window.system_prompt_editor.setPlainText("Second words")
    save_as_preset(app, qtbot, "Edited")
    edited = next(p for p in library.presets() if p.name == "Edited")
    assert edited.prompt_ref == f"{v1.prompt_id}@2"
    assert library.resolve(_ref(edited.prompt_ref)).text == "Second words"
    assert "saved as its version 2" in app.window.status_label.text()
    save_as_preset(app, qtbot, "Edited")  # the same name replaces
    assert [p.name for p in library.presets()] == ["Edited", "Unchanged"]
    assert "replaced" in app.window.status_label.text()


def test_manage_presets_from_the_keyboard_rename_delete_undo_start(
    make_app: object, qtbot: QtBot
) -> None:
    app = make_app()  # type: ignore[operator]
    assert isinstance(app, Application)
    library = library_of(app)
    prompt = library.create("Poet", "Write verse.")
    library.save_preset(Preset(0, "Alpha", f"{prompt.prompt_id}@1"))
    library.save_preset(Preset(0, "Beta", "", SamplingParams(temperature=1.5)))
    menu_action(app, "Manage presets…").trigger()
    dialog = app.presets.manage_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    listing = dialog.preset_list
    assert [listing.item(i).text().split("\n")[0] for i in range(listing.count())] == [
        "Alpha",
        "Beta",
    ]
    assert "“Poet”, version 1" in listing.item(0).text()
    assert "temperature 1.5" in listing.item(1).text()
    listing.setFocus()
    qtbot.waitUntil(listing.hasFocus, timeout=2000)
    listing.setCurrentRow(0)
    qtbot.keyClick(listing, Qt.Key.Key_F2)
    rename = app.presets.name_dialog
    assert rename is not None
    qtbot.waitExposed(rename)
    rename.name_edit.selectAll()
    qtbot.keyClicks(rename.name_edit, "Gamma")
    with qtbot.waitSignal(rename.finished, timeout=2000):
        qtbot.keyClick(rename.name_edit, Qt.Key.Key_Return)
    assert sorted(p.name for p in library.presets()) == ["Beta", "Gamma"]
    listing.setFocus()
    qtbot.waitUntil(listing.hasFocus, timeout=2000)
    beta_row = next(i for i in range(listing.count()) if listing.item(i).text().startswith("Beta"))
    listing.setCurrentRow(beta_row)
    qtbot.keyClick(listing, Qt.Key.Key_Delete)
    assert [p.name for p in library.presets()] == ["Gamma"]
    assert dialog.undo_button.isVisible() and "Deleted “Beta”" in dialog.note.text()
    dialog.undo_button.click()
    assert sorted(p.name for p in library.presets()) == ["Beta", "Gamma"]
    listing.setFocus()
    qtbot.waitUntil(listing.hasFocus, timeout=2000)
    beta_row = next(i for i in range(listing.count()) if listing.item(i).text().startswith("Beta"))
    listing.setCurrentRow(beta_row)
    with qtbot.waitSignal(dialog.finished, timeout=2000):
        qtbot.keyClick(listing, Qt.Key.Key_Return)  # starts a chat from it
    assert app.controller.session.settings.params.temperature == 1.5
    assert app.window.status_label.text() == "New chat from “Beta”."


# The offscreen platform cannot raise a popup or grab the keyboard for it; not our bug.
@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing the keyboard)")
def test_the_presets_menu_opens_and_starts_from_the_keyboard(
    make_app: object, qtbot: QtBot
) -> None:
    app = make_app()  # type: ignore[operator]
    assert isinstance(app, Application)
    library = library_of(app)
    prompt = library.create("Short", "Be short.")
    library.save_preset(Preset(0, "Short answers", f"{prompt.prompt_id}@1"))
    menu = app.window.presets_menu
    menu.popup(app.window.mapToGlobal(QPoint(40, 40)))
    qtbot.waitExposed(menu)
    assert next(a.text() for a in menu.actions() if not a.isSeparator()) == "Short answers"
    qtbot.keyClick(menu, Qt.Key.Key_Down)
    with qtbot.waitSignal(menu.triggered, timeout=2000):
        qtbot.keyClick(menu, Qt.Key.Key_Return)
    assert app.controller.session.settings.system_prompt == "Be short."


def test_a_preset_name_must_be_usable(make_app: object, qtbot: QtBot) -> None:
    app = make_app()  # type: ignore[operator]
    assert isinstance(app, Application)
    menu_action(app, "Save this chat's settings as a preset…").trigger()
    dialog = app.presets.name_dialog
    assert dialog is not None
    edit = dialog.findChild(QLineEdit, "presetName")
    assert edit is dialog.name_edit
    edit.setText("   ")
    assert not dialog.ok_button.isEnabled() and "name" in dialog.problem_label.text()
    edit.setText("x" * 201)
    assert not dialog.ok_button.isEnabled() and "200" in dialog.problem_label.text()
    edit.setText("  Fine   name ")
    assert dialog.ok_button.isEnabled() and dialog.name() == "Fine name"
    with qtbot.waitSignal(dialog.finished, timeout=2000):
        dialog.reject()
    assert library_of(app).presets() == []


def test_without_a_history_the_menu_says_presets_are_off(local_chat: ChatHarness) -> None:
    presets = PresetsController(local_chat.controller, lambda: None)
    menu = local_chat.window.presets_menu
    menu.aboutToShow.emit()
    (only,) = menu.actions()
    assert not only.isEnabled() and "history, which is off" in only.text()
    presets.start(1)  # nothing to start from, nothing breaks
    assert QApplication.activeModalWidget() is None
