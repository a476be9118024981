"""A policy's locks in the real window: no control, reopened chat or preset gets round them."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from app.core.params import SamplingParams
from app.ui.composition_root import Application
from app.ui.policy.locks import lock_mark
from tests.loopback import LoopbackServer
from tests.ui.conftest import AppFactory
from tests.ui.policy_helpers import CONTACT, policy_for
from tests.ui.test_window_layout import inside_horizontally, params_scroll


def send(app: Application, qtbot: QtBot, text: str) -> None:
    with qtbot.waitSignal(app.controller.chat.reply_ended, timeout=5000):
        app.window.composer.setPlainText(text)
        app.window.send_button.click()


def test_a_locked_parameter_is_shown_locked_and_sent_as_the_policy_says(
    app_factory: AppFactory, loopback: LoopbackServer, qtbot: QtBot
) -> None:
    app = app_factory(show=True, policy=policy_for(loopback))
    panel = app.window.params_panel
    box = panel._boxes["temperature"]
    assert not box.isEnabled() and CONTACT in box.toolTip() and lock_mark() in box.toolTip()
    assert panel._boxes["max_tokens"].isEnabled()  # unlocked: the user may change it
    note = panel.lock_note
    assert note is not None and note.isVisibleTo(app.window) and CONTACT in note.text()
    assert inside_horizontally(note, params_scroll(app.window).viewport())  # wrapped, whole
    # Through the control anyway (a disabled box still takes a value set in code).
    box.setValue(1.5)
    assert box.value() == 0.2
    assert "temperature at 0.2" in app.window.status_label.text()
    assert CONTACT in app.window.status_label.text()
    send(app, qtbot, "Hello")
    body = loopback.requests[-1].json()
    assert body["temperature"] == 0.2 and body["max_tokens"] == 512


def test_an_unlocked_policy_value_is_the_default_and_can_be_changed(
    app_factory: AppFactory, loopback: LoopbackServer, qtbot: QtBot
) -> None:
    app = app_factory(show=True, policy=policy_for(loopback))
    assert app.controller.session.settings.params.max_tokens == 512
    app.window.params_panel._boxes["max_tokens"].setValue(300)
    send(app, qtbot, "Hello")
    assert loopback.requests[-1].json()["max_tokens"] == 300


def test_saved_defaults_never_keep_a_locked_value(
    app_factory: AppFactory, loopback: LoopbackServer
) -> None:
    app = app_factory(show=True, policy=policy_for(loopback))
    app.controller.session.update_settings(params=SamplingParams(temperature=1.5, top_p=0.5))
    app.window.use_as_default_button.click()
    app.save()
    assert app.settings.params.temperature == 0.2 and app.settings.params.top_p == 0.5
