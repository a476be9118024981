"""Simple mode in the real window: what it hides, the task picker, the switch and its lock."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit
from pytestqt.qtbot import QtBot

from app.core.policy import NO_POLICY, POLICY_PROMPT_PREFIX, Managed, TokenFrom
from app.storage.settings import SettingsStore
from tests.keyring_fakes import installed_keyring, no_keyring
from tests.loopback import LoopbackServer
from tests.ui.jargon_walk import JARGON
from tests.ui.simple_helpers import (
    CONTACT,
    CUSTOMER_REPLY,
    SUMMARY,
    PolicyApp,
    policy_app,
    staff_policy,
)

__all__ = ["policy_app"]


def test_a_locked_policy_starts_simple_and_hides_the_technical_parts(
    qtbot: QtBot, policy_app: PolicyApp, loopback: LoopbackServer
) -> None:
    app = policy_app(staff_policy(f"{loopback.url}/v1"))
    w = app.window
    assert app.simple.on
    qtbot.waitUntil(lambda: w.isVisible())
    panel = app.simple.window.panel
    assert panel.isVisible() and not w.side_panel.isVisible()
    assert not w.params_panel.isVisible() and not w.system_prompt_editor.isVisible()
    assert not w.profile_selector.isVisible() and not w.context_meter.isVisible()
    names = [panel.task_list.item(i).text() for i in range(panel.task_list.count())]
    assert names == ["Chat freely", "Write a customer reply", "Summarise a text"]
    menus = [a.text() for a in w.menuBar().actions() if a.isVisible()]
    assert menus == ["&Chat", "&View"]
    switch = app.simple.window.switch
    assert switch.isChecked() and not switch.isEnabled()
    assert CONTACT in switch.toolTip() and "Set by your organization" in switch.toolTip()


def test_no_path_leaves_a_locked_simple_mode(
    qtbot: QtBot, policy_app: PolicyApp, loopback: LoopbackServer, tmp_path: object
) -> None:
    policy = staff_policy(f"{loopback.url}/v1")
    app = policy_app(policy)
    w = app.window
    qtbot.keyClick(
        w, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert app.simple.on
    assert not app.simple.window.set_on(False)  # asked directly: refused, still simple
    assert app.simple.on and "Set by your organization" in w.status_label.text()
    app.simple.window.switch.trigger()  # a disabled action does nothing
    assert app.simple.on
    # A settings file that says "off" does not count while the policy locks it.
    w.close()
    store = SettingsStore(app.store.path)
    saved = store.load()
    saved.ui.simple_mode = False
    store.save(saved)
    again = policy_app(policy)
    assert again.simple.on and again.window.side_panel.isHidden()
    # Unlocked, the same file's choice counts.
    again.window.close()
    third = policy_app(replace(policy, simple_mode=Managed(True)))
    assert not third.simple.on


def test_hidden_menu_shortcuts_do_nothing_in_simple_mode(
    qtbot: QtBot, policy_app: PolicyApp, loopback: LoopbackServer
) -> None:
    app = policy_app(staff_policy(f"{loopback.url}/v1"))
    w = app.window
    w.activateWindow()
    qtbot.keyClick(
        w, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    qtbot.keyClick(w, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    assert app.library_window is None and app.endpoint_setup.endpoints is None
    assert not app.compare.controller.active


def test_the_view_menu_switch_for_everyone_else(
    qtbot: QtBot, policy_app: PolicyApp, loopback: LoopbackServer
) -> None:
    policy = replace(staff_policy(f"{loopback.url}/v1"), simple_mode=None)
    app = policy_app(policy)
    w = app.window
    switch = app.simple.window.switch
    assert not app.simple.on and switch.isEnabled() and not switch.isChecked()
    assert switch.shortcut() == QKeySequence("Ctrl+Shift+M")
    switch.trigger()
    assert app.simple.on and w.side_panel.isHidden()
    switch.trigger()
    assert not app.simple.on and w.side_panel.isVisible() and w.params_panel.isVisible()
    assert [a.text() for a in w.menuBar().actions() if a.isVisible()][:2] == ["&Chat", "&Prompt"]
    switch.trigger()
    w.close()
    assert SettingsStore(app.store.path).load().ui.simple_mode is True  # remembered


def test_picking_a_task_sets_the_prompt_and_asks_its_blanks(
    qtbot: QtBot, policy_app: PolicyApp, loopback: LoopbackServer
) -> None:
    app = policy_app(staff_policy(f"{loopback.url}/v1"))
    panel = app.simple.window.panel
    app.simple.window.tasks.choose(1)
    settings = app.controller.session.settings
    assert settings.prompt_ref == POLICY_PROMPT_PREFIX + CUSTOMER_REPLY.name
    assert settings.system_prompt == CUSTOMER_REPLY.system
    form = app.controller.variables.form
    assert form is not None and form.windowTitle() == "A few details first"
    field = form.fields["customer_name"]
    assert isinstance(field, QLineEdit)
    field.setText("Ms Jones")
    form.ok_button.click()
    qtbot.waitUntil(lambda: app.controller.variables.form is None)
    assert app.controller.session.settings.value_map() == {"customer_name": "Ms Jones"}
    assert panel.task_list.currentRow() == 1
    assert panel.description.text() == CUSTOMER_REPLY.description
    app.simple.window.tasks.choose(0)  # Chat freely: no instructions
    assert app.controller.session.settings.system_prompt == ""
    assert panel.task_list.currentRow() == 0
    assert form.result() == QDialog.DialogCode.Accepted


def test_tasks_are_picked_with_the_keyboard(
    qtbot: QtBot, policy_app: PolicyApp, loopback: LoopbackServer
) -> None:
    app = policy_app(staff_policy(f"{loopback.url}/v1"))
    tasks = app.simple.window.panel.task_list
    app.window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is app.window.composer)
    ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(app.window.composer, Qt.Key.Key_W, ctrl_shift)  # View ▸ What do you want to do?
    assert QApplication.focusWidget() is tasks
    qtbot.keyClick(tasks, Qt.Key.Key_Down)
    qtbot.keyClick(tasks, Qt.Key.Key_Down)
    assert app.controller.session.settings.system_prompt == ""  # moving is not picking
    qtbot.keyClick(tasks, Qt.Key.Key_Return)
    assert app.controller.session.settings.prompt_ref == POLICY_PROMPT_PREFIX + SUMMARY.name
    assert app.controller.variables.form is None  # nothing to fill in: the message box is next
    assert tasks.currentRow() == 2


def test_a_policy_start_opens_no_welcome_and_no_key_page_without_user_keys(
    qtbot: QtBot, policy_app: PolicyApp, loopback: LoopbackServer
) -> None:
    app = policy_app(staff_policy(f"{loopback.url}/v1"), show=False)
    with qtbot.waitSignal(app.simple.first_run.checked) as checked:
        app.show()
    assert checked.args == [False]
    assert app.endpoint_setup.welcome is None and app.simple.first_run.key_page is None
    assert app.controller.active_profile().name == "ACME Llama"  # type: ignore[union-attr]


def test_a_saved_comparison_does_not_open_in_simple_mode(
    qtbot: QtBot, policy_app: PolicyApp, loopback: LoopbackServer
) -> None:
    app = policy_app(staff_policy(f"{loopback.url}/v1"))
    assert not app.history.open_compare(1)
    assert not app.compare.controller.active
    assert "Simple mode is off" in app.window.status_label.text()


def test_without_a_password_store_the_key_page_says_so_plainly(
    qtbot: QtBot, policy_app: PolicyApp, loopback: LoopbackServer
) -> None:
    with installed_keyring(no_keyring()):
        app = policy_app(staff_policy(f"{loopback.url}/v1", TokenFrom.USER))
        first_run = app.simple.first_run
        qtbot.waitUntil(lambda: first_run.key_page is not None)
        page = first_run.key_page
        assert page is not None and not page.ok_button.isEnabled()
        page.key_edit.setText("has a space")
        page.ok_button.click()
        assert "paste it again" in page.problem.text()
        page.key_edit.setText("staff-key-123")
        page.ok_button.click()
        qtbot.waitUntil(lambda: page.problem.isVisible() and page.ok_button.isEnabled())
        words = page.problem.text()
        assert "could not keep the key" in words and CONTACT in words
        assert JARGON.search(words) is None
        assert first_run.key_page is page and page.isVisible()  # still there to try again


def test_without_a_policy_the_tasks_are_the_prompt_library(
    qtbot: QtBot, policy_app: PolicyApp, loopback: LoopbackServer
) -> None:
    app = policy_app(NO_POLICY)
    assert not app.simple.on and app.simple.window.switch.isEnabled()
    library = app.history.store.prompts  # type: ignore[union-attr]
    version = library.create("Polite email", "Write a polite email.")
    app.controller.library.announce()
    app.simple.window.set_on(True)
    panel = app.simple.window.panel
    names = [panel.task_list.item(i).text() for i in range(panel.task_list.count())]
    assert names == ["Chat freely", "Polite email"]
    app.simple.window.tasks.choose(1)
    settings = app.controller.session.settings
    assert settings.prompt_ref == f"{version.prompt_id}@1"
    assert settings.system_prompt == "Write a polite email."
    assert panel.task_list.currentRow() == 1


def test_a_task_chosen_in_simple_mode_is_named_in_the_full_window(
    qtbot: QtBot, policy_app: PolicyApp, loopback: LoopbackServer
) -> None:
    app = policy_app(replace(staff_policy(f"{loopback.url}/v1"), simple_mode=Managed(True)))
    app.simple.window.tasks.choose(2)  # "Summarise a text": no details to ask
    app.simple.window.set_on(False)
    w = app.window
    assert w.prompt_picker.combo.currentText() == SUMMARY.name
    assert w.system_prompt_editor.toPlainText() == SUMMARY.system
    assert app.controller.session.settings.prompt_ref == POLICY_PROMPT_PREFIX + SUMMARY.name
