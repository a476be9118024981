"""Locked values survive every way back in: a restart, a chat reopened from history, an imported
chat, a preset, a compare reopened. Each time the request the server receives carries the lock."""

from __future__ import annotations

import json
from pathlib import Path

import qasync
from pytestqt.qtbot import QtBot

from app.core.actions import MessageAction
from app.core.params import SamplingParams
from app.core.prompts.library import Preset
from app.ui.composition_root import Application
from tests.loopback import LoopbackServer
from tests.ui.compare_helpers import compare_of, enter_with, models_asked, send_to_all, started
from tests.ui.conftest import AppFactory, run
from tests.ui.policy_helpers import CONTACT, policy_for
from tests.ui.test_chat_sessions import click_row, send
from tests.ui.test_history_files import picking
from tests.ui.test_presets_window import library_of, menu_action


def first_run_without_policy(
    app_factory: AppFactory, loopback: LoopbackServer, qtbot: QtBot, aio_loop: qasync.QEventLoop
) -> tuple[Application, int]:
    """A chat asked at temperature 1.5, made the default too, before the policy came."""
    argv = ("--backend", "openai", "--base-url", f"{loopback.url}/v1", "--model", "tiny-llama")
    app = app_factory(*argv, show=True)
    app.window.params_panel._boxes["temperature"].setValue(1.5)
    app.window.use_as_default_button.click()
    send(app, qtbot, "first")
    assert loopback.requests[-1].json()["temperature"] == 1.5
    chat_id = app.history.conversation_id
    assert chat_id is not None
    return app, chat_id


def close(app: Application, qtbot: QtBot, aio_loop: qasync.QEventLoop) -> None:
    app.window.close()
    run(aio_loop, qtbot, app.run_until_closed_for_tests())


def test_a_chat_reopened_after_a_restart_is_asked_with_the_locked_value(
    app_factory: AppFactory, loopback: LoopbackServer, qtbot: QtBot, aio_loop: qasync.QEventLoop
) -> None:
    first, chat_id = first_run_without_policy(app_factory, loopback, qtbot, aio_loop)
    close(first, qtbot, aio_loop)
    app = app_factory(show=True, policy=policy_for(loopback))
    assert app.controller.session.settings.params.temperature == 0.2  # saved default: 1.5
    click_row(app, qtbot, chat_id)
    assert app.controller.session.settings.params.temperature == 0.2
    assert app.window.params_panel._boxes["temperature"].value() == 0.2
    send(app, qtbot, "again")
    assert loopback.requests[-1].json()["temperature"] == 0.2
    # Replay would send the stored bytes (temperature 1.5): refused, nothing sent.
    asked = len(loopback.requests)
    app.window.last_reply_action_requested.emit(MessageAction.REPLAY)
    assert (
        "Regenerate" in app.window.status_label.text() and CONTACT in app.window.status_label.text()
    )
    assert len(loopback.requests) == asked
    app.save()
    saved = json.loads((Path(app.store.path)).read_text())
    assert saved["params"]["temperature"] == 0.2


def test_an_imported_chat_is_asked_with_the_locked_value(
    app_factory: AppFactory,
    loopback: LoopbackServer,
    qtbot: QtBot,
    aio_loop: qasync.QEventLoop,
    tmp_path: Path,
) -> None:
    first, _ = first_run_without_policy(app_factory, loopback, qtbot, aio_loop)
    exported = tmp_path / "hot.json"
    picking(first, exported)
    first.window.file_action_requested.emit("export-json")
    assert json.loads(exported.read_text())  # written, at temperature 1.5
    close(first, qtbot, aio_loop)
    app = app_factory(show=True, policy=policy_for(loopback))
    picking(app, exported)
    app.window.file_action_requested.emit("import-json")
    assert "Imported" in app.window.status_label.text()
    assert app.controller.session.settings.params.temperature == 0.2
    send(app, qtbot, "and now?")
    assert loopback.requests[-1].json()["temperature"] == 0.2


def test_a_preset_asking_for_a_locked_value_starts_with_the_kept_one_and_says_why(
    app_factory: AppFactory, loopback: LoopbackServer, qtbot: QtBot
) -> None:
    app = app_factory(show=True, policy=policy_for(loopback))
    # As an imported library would bring it: a preset at temperature 1.5, top_p 0.5.
    library_of(app).save_preset(Preset(0, "Hot", "", SamplingParams(temperature=1.5, top_p=0.5)))
    menu_action(app, "Hot").trigger()
    settings = app.controller.session.settings
    assert settings.params.temperature == 0.2 and settings.params.top_p == 0.5
    status = app.window.status_label.text()
    assert "New chat from “Hot”." in status
    assert "Kept temperature at 0.2" in status and CONTACT in status
    send(app, qtbot, "hello")
    body = loopback.requests[-1].json()
    assert body["temperature"] == 0.2 and body["top_p"] == 0.5


def test_a_compare_reopened_under_a_policy_locks_each_panes_value(
    app_factory: AppFactory,
    loopback: LoopbackServer,
    qtbot: QtBot,
    aio_loop: qasync.QEventLoop,
    tmp_path: Path,
) -> None:
    first = started(loopback, tmp_path, app_factory)
    panes = enter_with(first, qtbot, "cat", "dog")
    for pane in panes:
        pane.pane.header.boxes["temperature"].setValue(0.9)
    send_to_all(first, qtbot, "Where did it sit?")
    close(first, qtbot, aio_loop)  # quit in compare mode: it reopens at the next start

    app = app_factory(show=True, policy=policy_for(loopback, allow_user_endpoints=True))
    compare = compare_of(app)
    assert compare.active and len(compare.panes) == 2
    for pane in compare.panes:
        box = pane.pane.header.boxes["temperature"]
        assert not box.isEnabled() and box.value() == 0.2 and CONTACT in box.toolTip()
        box.setValue(0.9)  # through the control anyway
        assert box.value() == 0.2
    assert "Kept temperature at 0.2" in compare.view.status.text()
    send_to_all(app, qtbot, "And then?")
    asked = [r.json() for r in loopback.requests[-2:]]
    assert (
        sorted(a["model"] for a in asked) == ["cat", "dog"] == sorted(models_asked(loopback)[-2:])
    )
    assert [a["temperature"] for a in asked] == [0.2, 0.2]
