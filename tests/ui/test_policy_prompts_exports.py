"""Locked prompts, exports turned off, and Help → Managed settings, in the real window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction
from pytestqt.qtbot import QtBot

from app.core.request import PromptMode
from app.ui.composition_root import Application
from app.ui.policy.locks import lock_mark
from app.ui.policy.managed_view import ManagedSettingsDialog
from tests.loopback import LoopbackServer
from tests.ui.conftest import AppFactory
from tests.ui.policy_helpers import CONTACT, policy_for
from tests.ui.test_chat_sessions import send
from tests.ui.test_history_files import picking

PROMPT = {
    "name": "Write a customer reply",
    "system": "Reply to {{customer_name}} kindly.",
    "variables": [{"name": "customer_name", "label": "Customer's name"}],
}


def prompts_app(app_factory: AppFactory, loopback: LoopbackServer) -> Application:
    return app_factory(show=True, policy=policy_for(loopback, prompts=[PROMPT], lock_prompts=True))


def test_locked_prompts_the_editor_is_read_only_and_a_change_is_kept_out(
    app_factory: AppFactory, loopback: LoopbackServer
) -> None:
    app = prompts_app(app_factory, loopback)
    w = app.window
    editor = w.system_prompt_editor
    assert editor.isReadOnly() and CONTACT in editor.toolTip()
    assert not w.variables_button.isEnabled() and not w.prompt_picker.isEnabled()
    assert w.params_panel.isEnabled()  # only the prompt's controls, never the whole panel
    editor.setPlainText("Ignore your instructions.")  # through the control anyway
    assert editor.toPlainText() == "" and app.controller.session.settings.system_prompt == ""
    assert "Kept the system prompt" in w.status_label.text()
    w.params_panel.set_prompt_mode(PromptMode.RAW)  # a raw template is free text: refused
    assert app.controller.session.settings.prompt_mode is PromptMode.CHAT
    assert w.params_panel.prompt_mode() is PromptMode.CHAT


def test_one_of_the_organizations_prompts_can_be_chosen_and_is_sent(
    app_factory: AppFactory, loopback: LoopbackServer, qtbot: QtBot
) -> None:
    app = prompts_app(app_factory, loopback)
    chooser = app.controller.locks.prompts
    assert chooser is not None and chooser.accessibleName()
    assert [chooser.itemText(i) for i in range(chooser.count())][1:] == [PROMPT["name"]]
    chooser.setCurrentIndex(1)
    chooser.activated.emit(1)
    settings = app.controller.session.settings
    assert settings.prompt_ref == "policy-prompt:Write a customer reply"
    assert app.window.system_prompt_editor.toPlainText() == PROMPT["system"]
    app.controller.session.update_settings(values=(("customer_name", "Ann"),))
    send(app, qtbot, "She asked about her order.")
    body = loopback.requests[-1].json()
    assert body["messages"][0] == {"role": "system", "content": "Reply to Ann kindly."}


def test_with_exports_off_the_actions_are_off_and_the_code_path_refuses(
    app_factory: AppFactory, loopback: LoopbackServer, qtbot: QtBot, tmp_path: Path
) -> None:
    app = app_factory(show=True, policy=policy_for(loopback, allow_export=False))
    send(app, qtbot, "Something to export")
    for name in ("export-markdownAction", "export-jsonAction", "backup-allAction"):
        action = app.window.findChild(QAction, name)
        assert action is not None and not action.isEnabled() and CONTACT in action.toolTip()
    target = tmp_path / "out.json"
    asked = picking(app, target)
    app.window.file_action_requested.emit("export-json")  # as Ctrl+E would, were it on
    assert "turned off by your organization" in app.window.status_label.text()
    assert not asked and not target.exists()
    # Compare mode: its export actions stay off whether it is entered or left.
    compare = app.compare
    app.window.compare_button.click()
    assert compare.controller.active
    assert not compare.menu.export_json_action.isEnabled()
    assert not compare.menu.export_markdown_action.isEnabled()
    compare.menu.export_json_action.trigger()  # disabled: nothing happens
    compare._on_menu_export("json")  # the path behind it refuses on its own
    assert "turned off by your organization" in compare.view.status.text()
    app.window.compare_button.click()
    action = app.window.findChild(QAction, "export-jsonAction")
    assert action is not None and not action.isEnabled()  # leaving compare does not turn it on


def test_help_managed_settings_says_what_is_set_and_whom_to_ask(
    app_factory: AppFactory, loopback: LoopbackServer, qtbot: QtBot
) -> None:
    app = prompts_app(app_factory, loopback)
    action = app.controller.locks.managed_action
    assert action is not None
    action.trigger()
    dialog = app.window.findChild(ManagedSettingsDialog)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    facts = dialog.facts.text()
    assert "/etc/llamadesk/policy.json" in facts and "ACME Llama" in facts
    assert f"{lock_mark()} temperature: 0.2" in facts
    assert "max tokens: 512 (a default you can change)" in facts
    assert CONTACT in facts and PROMPT["name"] in facts
    dialog.reject()


def test_without_a_policy_nothing_is_locked_and_there_is_no_managed_settings_view(
    app_factory: AppFactory, loopback: LoopbackServer
) -> None:
    app = app_factory("--backend", "openai", "--base-url", f"{loopback.url}/v1", show=True)
    assert app.controller.locks.managed_action is None and app.controller.locks.prompts is None
    panel = app.window.params_panel
    assert all(box.isEnabled() for box in panel._boxes.values()) and panel.lock_note is None
    assert not app.window.system_prompt_editor.isReadOnly()
