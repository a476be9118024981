"""The Endpoints dialog against a real loopback server: edit, validate, test, load models, save."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
import qasync
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from app.core.profiles import (
    EndpointKind,
    EndpointProfile,
    TokenSource,
    local_profile,
    workers_ai_profile,
)
from app.net.limits import NetworkSettings
from app.storage.secrets import SERVICE, KeyringSecretStore, MemorySecretStore
from app.storage.token_storage import TokenStorage
from app.ui.composition_root import Application
from app.ui.endpoints.endpoints_dialog import EndpointsDialog
from app.ui.style import LIGHT_STYLE
from tests.keyring_fakes import DictKeyring, installed_keyring, no_keyring
from tests.loopback import LoopbackServer, Reply, unreachable_url
from tests.ui.conftest import TOKEN, AppFactory

NATIVE = "/accounts/acc-gui/ai/run/@cf/meta/llama-3.1-8b-instruct-fp8"
MakeDialog = Callable[..., EndpointsDialog]


@pytest.fixture
def dict_keyring() -> Iterator[DictKeyring]:
    with installed_keyring(DictKeyring()) as backend:
        assert isinstance(backend, DictKeyring)
        yield backend


@pytest.fixture
def make_dialog(qtbot: QtBot, aio_loop: qasync.QEventLoop) -> Iterator[MakeDialog]:
    dialogs: list[EndpointsDialog] = []

    def make(
        profiles: list[EndpointProfile],
        active: str = "",
        *,
        environ: dict[str, str] | None = None,
        session: MemorySecretStore | None = None,
    ) -> EndpointsDialog:
        tokens = TokenStorage(KeyringSecretStore(), session or MemorySecretStore(), environ or {})
        dialog = EndpointsDialog(
            profiles, active, tokens, style=LIGHT_STYLE, network=NetworkSettings(2.0, 5.0)
        )
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(lambda: not dialog.busy)  # keyring status and token placeholder
        dialogs.append(dialog)
        return dialog

    yield make
    for dialog in dialogs:
        dialog.reject()
        qtbot.waitUntil(lambda d=dialog: not d.busy)  # type: ignore[misc]


def wai_profile(server: LoopbackServer) -> EndpointProfile:
    return replace(workers_ai_profile("acc-gui"), base_url=f"{server.url}/client/v4")


def click_and_wait(qtbot: QtBot, dialog: EndpointsDialog, button: QAbstractButton) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)


def test_add_edit_remove_then_save_emits_tidied_profiles(
    make_dialog: MakeDialog, qtbot: QtBot, dict_keyring: DictKeyring
) -> None:
    dialog = make_dialog([])
    form = dialog.form
    assert dialog.profile_list.count() == 0 and not form.isEnabled()
    qtbot.mouseClick(dialog.add_workers_button, Qt.MouseButton.LeftButton)
    assert form.account_id.isVisibleTo(dialog) and not form.base_url.isVisibleTo(dialog)
    assert form.token.echoMode() is QLineEdit.EchoMode.Password
    qtbot.keyClicks(form.account_id, " acc-1 ")
    qtbot.mouseClick(dialog.add_local_button, Qt.MouseButton.LeftButton)
    assert form.base_url.isVisibleTo(dialog) and not form.account_id.isVisibleTo(dialog)
    form.base_url.clear()
    qtbot.keyClicks(form.base_url, "127.0.0.1:8000")
    assert form.boxes["base_url"].hint.text() == "Requests go to http://127.0.0.1:8000/v1"
    form.name.clear()
    qtbot.keyClicks(form.name, "My vLLM")
    assert dialog.profile_list.item(1).text() == "My vLLM"
    qtbot.mouseClick(dialog.add_local_button, Qt.MouseButton.LeftButton)
    assert dialog.profile_list.item(2).text() == "Local server"
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert dialog.profile_list.count() == 2
    dialog.profile_list.setCurrentRow(1)
    with qtbot.waitSignal(dialog.profiles_changed, timeout=5000) as saved:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    profiles, active = saved.args
    assert [p.kind for p in profiles] == [EndpointKind.WORKERS_AI, EndpointKind.LOCAL]
    assert profiles[0].account_id == "acc-1"
    assert profiles[0].model == "@cf/meta/llama-3.1-8b-instruct-fp8"
    assert profiles[1].name == "My vLLM" and profiles[1].base_url == "http://127.0.0.1:8000/v1"
    assert active == profiles[1].id
    assert form.base_url.text() == "http://127.0.0.1:8000/v1"  # the tidied value is shown
    qtbot.waitUntil(lambda: not dialog.busy)


def test_invalid_field_is_explained_next_to_it_and_nothing_is_saved(
    make_dialog: MakeDialog, qtbot: QtBot, dict_keyring: DictKeyring
) -> None:
    dialog = make_dialog([])
    qtbot.mouseClick(dialog.add_workers_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.form.account_id, "not valid!")
    with qtbot.assertNotEmitted(dialog.profiles_changed):
        click_and_wait(qtbot, dialog, dialog.save_button)
    error = dialog.form.boxes["account_id"].error
    assert error.isVisible() and "only letters, digits" in error.text()
    assert dialog.form.account_id.hasFocus()
    assert "Not saved" in dialog.status.text()


def test_local_server_success_names_its_model_and_fills_the_list(
    make_dialog: MakeDialog, qtbot: QtBot, loopback: LoopbackServer, dict_keyring: DictKeyring
) -> None:
    dialog = make_dialog([local_profile(loopback.url)])  # no /v1: normalised
    click_and_wait(qtbot, dialog, dialog.test_button)
    assert dialog.verdict.ok is True
    text = dialog.verdict.label.text()
    assert "tiny-llama" in text and "4,096" in text and "answered" in text
    assert [dialog.form.model.itemText(i) for i in range(dialog.form.model.count())] == [
        "tiny-llama"
    ]
    assert dialog.form.model.currentText() == ""  # still "whatever the server lists first"
    paths = [(r.method, r.url_path) for r in loopback.requests]
    assert paths == [("GET", "/v1/models"), ("POST", "/v1/chat/completions")]
    assert loopback.requests[-1].json()["max_tokens"] == 1


def test_wrong_key_gets_a_plain_verdict_without_the_key(
    make_dialog: MakeDialog, qtbot: QtBot, dict_keyring: DictKeyring
) -> None:
    with LoopbackServer(require_token="the-right-key-123") as server:
        dialog = make_dialog([local_profile(server.url)])
        qtbot.keyClicks(dialog.form.token, "a-wrong-key-456")
        click_and_wait(qtbot, dialog, dialog.test_button)
        assert dialog.verdict.ok is False
        text = dialog.verdict.label.text()
        assert "did not accept the API key" in text and "a-wrong-key-456" not in text


def test_unreachable_server_says_what_to_do(
    make_dialog: MakeDialog, qtbot: QtBot, dict_keyring: DictKeyring
) -> None:
    dialog = make_dialog([local_profile(unreachable_url())])
    click_and_wait(qtbot, dialog, dialog.test_button)
    assert dialog.verdict.ok is False
    assert "No server answers at 127.0.0.1:" in dialog.verdict.label.text()
    assert "Start your local server" in dialog.verdict.label.text()


def test_unreadable_ca_bundle_is_named_in_the_verdict(
    make_dialog: MakeDialog, qtbot: QtBot, tmp_path: Path, dict_keyring: DictKeyring
) -> None:
    bundle = tmp_path / "company-ca.pem"
    bundle.write_text("not a certificate", encoding="utf-8")
    dialog = make_dialog([replace(local_profile("127.0.0.1:8000"), ca_bundle=str(bundle))])
    click_and_wait(qtbot, dialog, dialog.test_button)
    assert dialog.verdict.ok is False
    assert f"The CA bundle {bundle} cannot be used" in dialog.verdict.label.text()


def test_workers_ai_profile_sends_one_token_with_the_typed_token(
    make_dialog: MakeDialog, qtbot: QtBot, loopback: LoopbackServer, dict_keyring: DictKeyring
) -> None:
    dialog = make_dialog([wai_profile(loopback)])
    click_and_wait(qtbot, dialog, dialog.test_button)  # no token yet: nothing is sent
    assert dialog.verdict.ok is False and "Enter your Cloudflare API token" in (
        dialog.verdict.label.text()
    )
    assert loopback.requests == []
    qtbot.keyClicks(dialog.form.token, TOKEN)
    click_and_wait(qtbot, dialog, dialog.test_button)
    assert dialog.verdict.ok is True
    assert "Workers AI answered with @cf/meta/llama-3.1-8b-instruct-fp8" in (
        dialog.verdict.label.text()
    )
    sent = loopback.requests[-1]
    assert sent.url_path == "/client/v4" + NATIVE
    assert sent.header("authorization") == f"Bearer {TOKEN}"
    assert sent.json()["max_tokens"] == 1 and sent.json()["stream"] is False


def test_workers_ai_bad_token_verdict(
    make_dialog: MakeDialog, qtbot: QtBot, dict_keyring: DictKeyring
) -> None:
    with LoopbackServer(require_token="the-right-token-123") as server:
        dialog = make_dialog([wai_profile(server)])
        qtbot.keyClicks(dialog.form.token, "the-wrong-token-456")
        click_and_wait(qtbot, dialog, dialog.test_button)
    assert dialog.verdict.ok is False
    assert "Cloudflare did not accept the API token" in dialog.verdict.label.text()


def test_load_models_from_a_local_server(
    make_dialog: MakeDialog, qtbot: QtBot, dict_keyring: DictKeyring
) -> None:
    with LoopbackServer(model_ids=("llama-3.1-8b", "qwen-small")) as server:
        dialog = make_dialog([local_profile(server.url)])
        click_and_wait(qtbot, dialog, dialog.form.load_models_button)
    combo = dialog.form.model
    assert [combo.itemText(i) for i in range(combo.count())] == ["llama-3.1-8b", "qwen-small"]
    assert "2 models" in dialog.verdict.label.text()


def test_load_models_from_the_workers_ai_catalogue(
    make_dialog: MakeDialog, qtbot: QtBot, loopback: LoopbackServer, dict_keyring: DictKeyring
) -> None:
    catalogue = {
        "success": True,
        "errors": [],
        "result": [
            {"name": "@cf/qwen/qwen1.5-7b-chat"},
            {"name": "@cf/meta/llama-3.1-8b-instruct-fp8"},
        ],
        "result_info": {"page": 1, "per_page": 100, "count": 2, "total_count": 2},
    }
    loopback.queue("GET", "/ai/models/search", Reply.json(json.dumps(catalogue).encode()))
    dialog = make_dialog([wai_profile(loopback)])
    qtbot.keyClicks(dialog.form.token, TOKEN)
    click_and_wait(qtbot, dialog, dialog.form.load_models_button)
    combo = dialog.form.model
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "@cf/meta/llama-3.1-8b-instruct-fp8",
        "@cf/qwen/qwen1.5-7b-chat",
    ]
    sent = loopback.requests[-1]
    assert sent.url_path == "/client/v4/accounts/acc-gui/ai/models/search"
    assert "task=Text+Generation" in sent.path or "task=Text%20Generation" in sent.path
    assert sent.header("authorization") == f"Bearer {TOKEN}"


def test_closing_cancels_a_running_test(
    make_dialog: MakeDialog, qtbot: QtBot, loopback: LoopbackServer, dict_keyring: DictKeyring
) -> None:
    loopback.queue("GET", "/v1/models", Reply.json(b"{}", headers={}))
    loopback.queue("POST", "/chat/completions", Reply(body=[b"data: {}\n\n"], stall_after=0))
    dialog = make_dialog([local_profile(loopback.url, model="tiny-llama")])
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(loopback.requests) == 2)
    assert dialog.verdict.progress.isVisible() and not dialog.test_button.isEnabled()
    dialog.reject()
    qtbot.waitUntil(lambda: not dialog.busy)
    assert loopback.requests[-1].wait_settled(5) == "client_gone"


def test_every_control_is_named_described_and_reachable(
    make_dialog: MakeDialog, dict_keyring: DictKeyring
) -> None:
    dialog = make_dialog([workers_ai_profile("acc-1"), local_profile("127.0.0.1:8000")])
    controls = [
        w
        for w in dialog.findChildren(QWidget)
        if isinstance(w, QAbstractButton | QLineEdit | QComboBox)
        and w.isVisibleTo(dialog)
        and w.objectName() != "qt_spinbox_lineedit"
        and w.parent() is not None
        and not isinstance(w.parent(), QComboBox)
    ]
    assert len(controls) > 12
    for widget in controls:
        name = widget.objectName()
        assert name and widget.accessibleName() and widget.toolTip(), (type(widget), name)
        assert widget.focusPolicy() & Qt.FocusPolicy.TabFocus, name


# -- through the application: wiring, keyring, and the settings file ---------------------------


@pytest.fixture
def make_app(app_factory: AppFactory) -> AppFactory:
    """Here the tests give the endpoint arguments themselves."""
    return app_factory


def settings_text(tmp_path: Path) -> str:
    return (tmp_path / "settings.json").read_text(encoding="utf-8")


def open_endpoints(app: Application, qtbot: QtBot) -> EndpointsDialog:
    app.window.show()
    qtbot.mouseClick(app.window.endpoints_button, Qt.MouseButton.LeftButton)
    dialog = app.endpoint_setup.endpoints
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: not dialog.busy)
    return dialog


def test_token_goes_to_the_keyring_never_to_the_settings_file(
    make_app: Callable[..., Application],
    qtbot: QtBot,
    loopback: LoopbackServer,
    dict_keyring: DictKeyring,
    tmp_path: Path,
) -> None:
    app = make_app("--backend", "openai", "--base-url", loopback.url)  # no welcome
    dialog = open_endpoints(app, qtbot)
    assert dialog.profile_list.count() == 0  # the command-line endpoint is not editable here
    qtbot.mouseClick(dialog.add_workers_button, Qt.MouseButton.LeftButton)
    form = dialog.form
    assert "DictKeyring" in form.storage.keyring.text() and form.storage.keyring.isChecked()
    qtbot.keyClicks(form.account_id, "acc-gui")
    qtbot.keyClicks(form.token, TOKEN)
    with qtbot.waitSignal(dialog.profiles_changed, timeout=5000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dict_keyring.values == {(SERVICE, "workers-ai:acc-gui"): TOKEN}
    text = settings_text(tmp_path)
    assert TOKEN not in text and '"acc-gui"' in text
    # The window lists and uses it; the command-line endpoint stays for this run.
    selector = app.window.profile_selector
    assert [selector.itemText(i) for i in range(selector.count())] == [
        "Command line (local)",
        "Cloudflare Workers AI",
    ]
    assert selector.currentText() == "Cloudflare Workers AI"
    # Never shown back: the field is empty and says where the token is.
    qtbot.waitUntil(lambda: not dialog.busy)
    assert form.token.text() == ""
    assert form.token.placeholderText() == "Saved in DictKeyring; type to replace it"


def test_without_a_keyring_env_or_session_and_nothing_on_disk(
    make_app: Callable[..., Application],
    qtbot: QtBot,
    loopback: LoopbackServer,
    tmp_path: Path,
) -> None:
    with installed_keyring(no_keyring()):
        app = make_app("--backend", "openai", "--base-url", loopback.url)
        dialog = open_endpoints(app, qtbot)
        qtbot.mouseClick(dialog.add_workers_button, Qt.MouseButton.LeftButton)
        storage = dialog.form.storage
        assert not storage.keyring.isEnabled() and storage.explanation.isVisible()
        assert "never writes tokens to a plain file" in storage.explanation.text()
        assert storage.session.isChecked()  # the honest default without a keyring
        dialog.form.account_id.setText("acc-gui")
        qtbot.keyClicks(dialog.form.token, TOKEN)
        with qtbot.waitSignal(dialog.profiles_changed, timeout=5000) as saved:
            qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        profile = saved.args[0][0]
        assert profile.token_source is TokenSource.SESSION
        assert app.factory.session.get("workers-ai:acc-gui") == TOKEN
        # Besides the history database (messages only), settings.json is the one file written.
        files = sorted(p for p in tmp_path.iterdir() if not p.name.startswith("history.db"))
        assert [p.name for p in files] == ["settings.json"]
        assert all(TOKEN.encode() not in p.read_bytes() for p in tmp_path.iterdir())
        # An environment variable instead: its name is saved, the token is read from it.
        storage.environment.click()
        assert storage.env_name.isEnabled() and not dialog.form.token.isEnabled()
        qtbot.keyClicks(storage.env_name, "MY_CF_TOKEN")
        with qtbot.waitSignal(dialog.profiles_changed, timeout=5000) as saved:
            qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        assert saved.args[0][0].token_source is TokenSource.ENVIRONMENT
        assert '"MY_CF_TOKEN"' in settings_text(tmp_path)
        qtbot.waitUntil(lambda: not dialog.busy)


def test_environment_token_is_used_by_test_connection(
    make_dialog: MakeDialog, qtbot: QtBot, loopback: LoopbackServer
) -> None:
    with installed_keyring(no_keyring()):
        profile = replace(
            wai_profile(loopback), token_source=TokenSource.ENVIRONMENT, token_env="MY_CF_TOKEN"
        )
        dialog = make_dialog([profile], environ={"MY_CF_TOKEN": TOKEN})
        assert dialog.form.storage.environment.isChecked()
        assert "MY_CF_TOKEN (currently set)" in dialog.form.token.placeholderText()
        click_and_wait(qtbot, dialog, dialog.test_button)
    assert dialog.verdict.ok is True
    assert loopback.requests[-1].header("authorization") == f"Bearer {TOKEN}"
