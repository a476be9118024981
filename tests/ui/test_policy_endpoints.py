"""A policy's endpoints in the real window: shown by name and locked, the user's own and the
command line's refused when it says so, keys from the keyring or the administrator's file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import qasync
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget
from pytestqt.qtbot import QtBot

from app.cli.options import UsageError
from app.core.message import MessageState
from app.core.profiles import local_profile
from app.storage.policy_file import PolicyLoad
from app.storage.settings import Settings, SettingsStore, settings_path
from app.ui.composition_root import Application, run
from app.ui.policy.locks import lock_mark
from tests.keyring_fakes import DictKeyring
from tests.loopback import LoopbackServer
from tests.ui.conftest import AppFactory
from tests.ui.policy_helpers import CONTACT, policy_for

KEY = "acme-key-7d2f91c04b"


def save_own_endpoint(data_dir: Path, base_url: str) -> None:
    own = local_profile(base_url, name="My own server")
    SettingsStore(settings_path(data_dir)).save(
        Settings(profiles=[own], active_profile_id=own.id, welcome_done=True)
    )


def list_texts(widget: QListWidget) -> list[str]:
    return [widget.item(i).text() for i in range(widget.count())]


def send(app: Application, qtbot: QtBot, text: str) -> Any:
    with qtbot.waitSignal(app.controller.chat.reply_ended, timeout=5000) as ended:
        app.window.composer.setPlainText(text)
        app.window.send_button.click()
    return ended.args[0]


def test_only_the_policy_endpoints_are_offered_read_only_even_after_reopening(
    app_factory: AppFactory, loopback: LoopbackServer, qtbot: QtBot, tmp_path: Path
) -> None:
    save_own_endpoint(tmp_path, "http://127.0.0.1:9/v1")
    app = app_factory(show=True, policy=policy_for(loopback))
    selector = app.window.profile_selector
    assert [selector.itemText(i) for i in range(selector.count())] == ["ACME Llama"]
    assert CONTACT in selector.itemData(0, Qt.ItemDataRole.ToolTipRole)  # who set it up
    for _ in range(2):  # close and open the dialog again: still locked
        app.endpoint_setup.open_endpoints()
        dialog = app.endpoint_setup.endpoints
        assert dialog is not None
        assert list_texts(dialog.profile_list) == [f"{lock_mark()} ACME Llama"]
        assert dialog.add_workers_button.isHidden() and dialog.add_local_button.isHidden()
        assert dialog.remove_button.isHidden()
        form = dialog.form
        assert form.name.isReadOnly() and CONTACT in form.managed_note.text()
        assert not form.boxes["base_url"].isVisibleTo(dialog)  # shown by its name only
        assert not form.storage.isVisibleTo(dialog)
        with qtbot.waitSignal(dialog.finished, timeout=2000):
            dialog.reject()
    send(app, qtbot, "Hello")
    assert loopback.requests[-1].url_path.endswith("/v1/chat/completions")
    app.save()  # the user's own endpoint stays in their settings, unused
    saved = json.loads(settings_path(tmp_path).read_text())
    assert [p["name"] for p in saved["profiles"]] == ["My own server"]


def test_a_session_cannot_be_moved_to_an_endpoint_the_policy_does_not_offer(
    app_factory: AppFactory, loopback: LoopbackServer, tmp_path: Path
) -> None:
    save_own_endpoint(tmp_path, "http://127.0.0.1:9/v1")
    app = app_factory(show=True, policy=policy_for(loopback))
    own = SettingsStore(settings_path(tmp_path)).load().profiles[0]
    app.controller.session.update_settings(profile_id=own.id)
    assert app.controller.session.settings.profile_id == "policy:ACME Llama"
    assert "the endpoint" in app.window.status_label.text()


def test_the_windows_endpoint_options_are_refused_with_the_policy_named(
    app_factory: AppFactory, loopback: LoopbackServer
) -> None:
    with pytest.raises(UsageError) as refused:
        app_factory(
            "--backend", "openai", "--base-url", f"{loopback.url}/v1", policy=policy_for(loopback)
        )
    message = str(refused.value)
    assert "/etc/llamadesk/policy.json" in message and "--base-url" in message
    assert CONTACT in message


def test_the_llamadesk_command_exits_2_and_sends_nothing(
    qapp: Any, loopback: LoopbackServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shown: list[str] = []
    code = run(
        ["--data-dir", str(tmp_path), "--base-url", f"{loopback.url}/v1", "--backend", "openai"],
        read_policy=lambda: PolicyLoad(policy_for(loopback)),
        show_refusal=shown.append,
    )
    assert code == 2 and not loopback.requests
    assert "do not allow other endpoints" in capsys.readouterr().err
    assert not (tmp_path / "history.db").exists()  # the window was never built


def file_policy(loopback: LoopbackServer, key_file: Path) -> Any:
    endpoint = {
        "name": "ACME Llama",
        "backend": "openai",
        "base_url": f"{loopback.url}/v1",
        "model": "tiny-llama",
        "token": {"from": "file", "path": str(key_file)},
    }
    return policy_for(loopback, endpoints=[endpoint])


def test_the_key_comes_from_the_administrators_file(
    app_factory: AppFactory, loopback: LoopbackServer, qtbot: QtBot, tmp_path: Path
) -> None:
    key_file = tmp_path / "acme.key"
    key_file.write_text(f"  {KEY}\n")
    loopback.require_token = KEY
    app = app_factory(show=True, policy=file_policy(loopback, key_file))
    reply = send(app, qtbot, "Hello")
    assert reply.state is MessageState.DONE
    assert loopback.requests[-1].header("authorization") == f"Bearer {KEY}"


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda p: None, "there is no such file"),
        (lambda p: p.write_bytes(b"k" * 20_000), "too large"),
        (lambda p: p.mkdir(), "not a file"),
        (lambda p: p.write_text("  \n"), "empty"),
    ],
)
def test_a_key_file_that_cannot_be_used_is_a_plain_error_naming_the_contact(
    app_factory: AppFactory,
    loopback: LoopbackServer,
    qtbot: QtBot,
    tmp_path: Path,
    make: Any,
    words: str,
) -> None:
    key_file = tmp_path / "acme.key"
    make(key_file)
    app = app_factory(show=True, policy=file_policy(loopback, key_file))
    reply = send(app, qtbot, "Hello")
    assert reply.state is MessageState.FAILED and reply.failure is not None
    message = reply.failure.message
    assert words in message and CONTACT in message and str(key_file) in message
    assert not loopback.requests  # nothing was sent


def test_a_key_each_person_pastes_is_kept_in_the_keyring_for_the_policy_endpoint(
    app_factory: AppFactory,
    loopback: LoopbackServer,
    qtbot: QtBot,
    dict_keyring: DictKeyring,
    aio_loop: qasync.QEventLoop,
) -> None:
    endpoint = {
        "name": "ACME Llama",
        "backend": "openai",
        "base_url": f"{loopback.url}/v1",
        "model": "tiny-llama",
        "token": {"from": "user"},
    }
    loopback.require_token = KEY
    app = app_factory(show=True, policy=policy_for(loopback, endpoints=[endpoint]))
    app.endpoint_setup.open_endpoints()
    dialog = app.endpoint_setup.endpoints
    assert dialog is not None
    assert dialog.form.token.isEnabled() and dialog.form.token.isVisibleTo(dialog)
    qtbot.keyClicks(dialog.form.token, KEY)
    with qtbot.waitSignal(dialog.profiles_changed, timeout=5000):
        dialog.save_button.click()
    profile = app.controller.profiles[0]
    assert profile.id == "policy:ACME Llama"
    assert KEY in dict_keyring.values.values()  # kept under the endpoint's own secret name
    with qtbot.waitSignal(dialog.finished, timeout=2000):
        dialog.reject()
    send(app, qtbot, "Hello")
    assert loopback.requests[-1].header("authorization") == f"Bearer {KEY}"


def test_a_first_start_with_policy_endpoints_has_nothing_to_set_up(
    app_factory: AppFactory, loopback: LoopbackServer, qtbot: QtBot
) -> None:
    app = app_factory(policy=policy_for(loopback))  # a new data folder: never started before
    app.show()
    assert app.endpoint_setup.welcome is None  # the organization set the endpoint up
    reply = send(app, qtbot, "Hello")
    assert reply.state is MessageState.DONE
