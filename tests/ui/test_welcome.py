"""First run: the welcome against a loopback server, end to end through the application."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import qasync
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.core.profiles import EndpointKind, TokenSource, local_profile
from app.net import connection_check
from app.net.connection_check import LocalServer
from app.net.limits import NetworkSettings
from app.storage.secrets import SERVICE, KeyringSecretStore, MemorySecretStore
from app.storage.settings import Settings, SettingsStore, settings_path
from app.storage.token_storage import TokenStorage
from app.ui.composition_root import Application
from app.ui.style import LIGHT_STYLE
from app.ui.welcome.welcome_dialog import CHECK, CHOOSE, LOCAL, WORKERS, WelcomeDialog
from tests.keyring_fakes import DictKeyring, installed_keyring, no_keyring
from tests.loopback import LoopbackServer, unreachable_url
from tests.ui.conftest import TOKEN, AppFactory, run


@pytest.fixture
def dict_keyring() -> Iterator[DictKeyring]:
    with installed_keyring(DictKeyring()) as backend:
        assert isinstance(backend, DictKeyring)
        yield backend


@pytest.fixture
def make_app(app_factory: AppFactory) -> AppFactory:
    """Here the tests give the endpoint arguments themselves."""
    return app_factory


def welcome_of(app: Application) -> WelcomeDialog:
    dialog = app.endpoint_setup.welcome
    assert dialog is not None and dialog.isVisible()
    return dialog


def click(qtbot: QtBot, button: object) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # type: ignore[arg-type]


def wait_verdict(qtbot: QtBot, dialog: WelcomeDialog) -> bool:
    qtbot.waitUntil(lambda: dialog.check.verdict.ok is not None, timeout=10_000)
    return bool(dialog.check.verdict.ok)


def saved_settings(tmp_path: Path) -> dict[str, object]:
    return json.loads(settings_path(tmp_path).read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_probe_finds_a_loopback_server_and_names_its_model(
    aio_loop: qasync.QEventLoop, qtbot: QtBot, loopback: LoopbackServer
) -> None:
    silent = int(unreachable_url().rsplit(":", 1)[1])
    found = run(
        aio_loop,
        qtbot,
        connection_check.probe_local_servers((silent, loopback.port), timeout_s=2.0),
    )
    assert found == [LocalServer(f"{loopback.url}/v1", "tiny-llama")]
    assert [(r.method, r.url_path) for r in loopback.requests] == [("GET", "/v1/models")]


def test_probe_of_a_server_that_wants_a_key(aio_loop: qasync.QEventLoop, qtbot: QtBot) -> None:
    with LoopbackServer(require_token="k-123456") as server:
        found = run(
            aio_loop, qtbot, connection_check.probe_local_servers((server.port,), timeout_s=2.0)
        )
    assert found == [LocalServer(f"{server.url}/v1", "", needs_key=True)]


def test_workers_ai_end_to_end_saves_profile_keyring_token_and_welcome_done(
    make_app: AppFactory,
    qtbot: QtBot,
    loopback: LoopbackServer,
    dict_keyring: DictKeyring,
    tmp_path: Path,
) -> None:
    app = make_app()
    app.show()
    dialog = welcome_of(app)
    dialog.workers_api_root = f"{loopback.url}/client/v4"
    qtbot.waitUntil(lambda: not dialog.busy)
    assert dialog.pages.currentIndex() == CHOOSE
    qtbot.waitUntil(dialog.choose.workers_button.hasFocus)  # once the dialog is active
    click(qtbot, dialog.choose.workers_button)
    assert dialog.pages.currentIndex() == WORKERS and dialog.workers.account_id.hasFocus()
    page = dialog.workers
    assert "Use REST API" in page.account_box.hint.text()
    assert "saved in DictKeyring" in page.storage_note.text() and not page.storage.isVisible()
    qtbot.keyClicks(page.account_id, "acc-gui")
    qtbot.keyClicks(page.token, TOKEN)
    qtbot.keyClick(page.token, Qt.Key.Key_Return)  # Enter = Test and continue
    assert dialog.pages.currentIndex() == CHECK
    assert wait_verdict(qtbot, dialog)
    assert "Workers AI answered" in dialog.check.verdict.label.text()
    assert dialog.start_button.isEnabled() and dialog.start_button.hasFocus()
    click(qtbot, dialog.start_button)
    qtbot.waitUntil(lambda: app.endpoint_setup.welcome is None)
    data = saved_settings(tmp_path)
    assert data["welcome_done"] is True
    (profile,) = data["profiles"]  # type: ignore[misc]
    assert profile["kind"] == "workers-ai" and profile["account_id"] == "acc-gui"
    assert data["active_profile_id"] == profile["id"]
    assert TOKEN not in settings_path(tmp_path).read_text(encoding="utf-8")
    assert dict_keyring.values == {(SERVICE, "workers-ai:acc-gui"): TOKEN}
    assert app.window.profile_selector.currentText() == "Cloudflare Workers AI"
    assert app.controller.active_id == profile["id"]


def test_local_end_to_end_with_the_address_typed_without_v1(
    make_app: AppFactory,
    qtbot: QtBot,
    loopback: LoopbackServer,
    dict_keyring: DictKeyring,
    tmp_path: Path,
) -> None:
    app = make_app()
    app.show()
    dialog = welcome_of(app)
    click(qtbot, dialog.choose.local_button)
    page = dialog.local
    assert dialog.pages.currentIndex() == LOCAL
    qtbot.waitUntil(page.base_url.hasFocus)  # once the new dialog is the active window
    page.base_url.clear()
    qtbot.keyClicks(page.base_url, f"127.0.0.1:{loopback.port}")
    assert page.url_box.hint.text() == f"Requests go to {loopback.url}/v1"
    click(qtbot, dialog.next_button)
    assert wait_verdict(qtbot, dialog)
    assert "tiny-llama" in dialog.check.verdict.label.text()
    click(qtbot, dialog.start_button)
    qtbot.waitUntil(lambda: app.endpoint_setup.welcome is None)
    data = saved_settings(tmp_path)
    (profile,) = data["profiles"]  # type: ignore[misc]
    assert profile["kind"] == "openai" and profile["base_url"] == f"{loopback.url}/v1"
    assert data["welcome_done"] is True and dict_keyring.values == {}


def test_welcome_offers_the_server_it_found_and_uses_it(
    qtbot: QtBot, aio_loop: qasync.QEventLoop, loopback: LoopbackServer, dict_keyring: DictKeyring
) -> None:
    tokens = TokenStorage(KeyringSecretStore(), MemorySecretStore(), {})
    dialog = WelcomeDialog(
        tokens,
        probe_ports=(loopback.port,),
        probe_timeout_s=2.0,
        style=LIGHT_STYLE,
        network=NetworkSettings(2.0, 5.0),
    )
    qtbot.addWidget(dialog)
    dialog.show()
    found = dialog.choose.found_button
    qtbot.waitUntil(found.isVisible)
    assert found.text() == f"Use the server found at 127.0.0.1:{loopback.port}"
    assert "tiny-llama" in found.description() and found.hasFocus()
    click(qtbot, found)
    assert wait_verdict(qtbot, dialog)
    with qtbot.waitSignal(dialog.profile_ready, timeout=5000) as ready:
        click(qtbot, dialog.start_button)
    profile = ready.args[0]
    assert profile.kind is EndpointKind.LOCAL and profile.base_url == f"{loopback.url}/v1"
    qtbot.waitUntil(lambda: not dialog.busy)
    assert not dialog.isVisible()


def test_a_failed_test_explains_and_back_lets_the_user_fix_it(
    qtbot: QtBot, aio_loop: qasync.QEventLoop, dict_keyring: DictKeyring
) -> None:
    tokens = TokenStorage(KeyringSecretStore(), MemorySecretStore(), {})
    with LoopbackServer(require_token="the-right-token-123") as server:
        dialog = WelcomeDialog(tokens, probe_ports=(), style=LIGHT_STYLE)
        qtbot.addWidget(dialog)
        dialog.workers_api_root = f"{server.url}/client/v4"
        dialog.show()
        click(qtbot, dialog.choose.workers_button)
        click(qtbot, dialog.next_button)  # nothing typed: explained next to the fields
        assert "Paste your API token" in dialog.workers.token_box.error.text()
        qtbot.keyClicks(dialog.workers.token, "the-wrong-token-456")
        click(qtbot, dialog.next_button)
        assert "Cloudflare account ID" in dialog.workers.account_box.error.text()
        qtbot.keyClicks(dialog.workers.account_id, "acc-gui")
        click(qtbot, dialog.next_button)
        assert not wait_verdict(qtbot, dialog)
    text = dialog.check.verdict.label.text()
    assert "Cloudflare did not accept the API token" in text and "wrong-token" not in text
    assert not dialog.start_button.isEnabled() and dialog.retry_button.isVisible()
    click(qtbot, dialog.back_button)
    assert dialog.pages.currentIndex() == WORKERS
    dialog.reject()
    qtbot.waitUntil(lambda: not dialog.busy)


def test_without_a_keyring_the_welcome_offers_env_or_session(
    qtbot: QtBot, aio_loop: qasync.QEventLoop, loopback: LoopbackServer
) -> None:
    session = MemorySecretStore()
    with installed_keyring(no_keyring()):
        tokens = TokenStorage(KeyringSecretStore(), session, {})
        dialog = WelcomeDialog(tokens, probe_ports=(), style=LIGHT_STYLE)
        qtbot.addWidget(dialog)
        dialog.workers_api_root = f"{loopback.url}/client/v4"
        dialog.show()
        qtbot.waitUntil(lambda: not dialog.busy)
        click(qtbot, dialog.choose.workers_button)
        storage = dialog.workers.storage
        assert storage.isVisible() and storage.explanation.isVisible()
        assert not storage.keyring.isEnabled() and storage.session.isChecked()
        assert not storage.none.isVisible() and not dialog.workers.storage_note.isVisible()
        storage.environment.click()  # read from a variable: nothing to type
        assert not dialog.workers.token.isEnabled()
        storage.session.click()
        assert dialog.workers.token.isEnabled()
        qtbot.keyClicks(dialog.workers.account_id, "acc-gui")
        qtbot.keyClicks(dialog.workers.token, TOKEN)
        click(qtbot, dialog.next_button)
        assert wait_verdict(qtbot, dialog)
        with qtbot.waitSignal(dialog.profile_ready, timeout=5000) as ready:
            click(qtbot, dialog.start_button)
        qtbot.waitUntil(lambda: not dialog.busy)
    assert ready.args[0].token_source is TokenSource.SESSION
    assert session.get("workers-ai:acc-gui") == TOKEN


def test_not_now_leaves_welcome_done_false(
    make_app: AppFactory, qtbot: QtBot, dict_keyring: DictKeyring, tmp_path: Path
) -> None:
    app = make_app()
    app.show()
    dialog = welcome_of(app)
    qtbot.waitUntil(lambda: not dialog.busy)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: app.endpoint_setup.welcome is None)
    assert not dialog.isVisible() and app.settings.welcome_done is False
    app.window.close()
    assert saved_settings(tmp_path)["welcome_done"] is False


def test_skipped_once_done(make_app: AppFactory, dict_keyring: DictKeyring, tmp_path: Path) -> None:
    SettingsStore(settings_path(tmp_path)).save(Settings(welcome_done=True))
    app = make_app()
    app.show()
    assert app.endpoint_setup.welcome is None


def test_skipped_when_endpoints_exist(
    make_app: AppFactory, dict_keyring: DictKeyring, tmp_path: Path
) -> None:
    SettingsStore(settings_path(tmp_path)).save(
        Settings(profiles=[local_profile("127.0.0.1:8000")])
    )
    app = make_app()
    app.show()
    assert app.endpoint_setup.welcome is None


def test_skipped_with_an_endpoint_on_the_command_line(
    make_app: AppFactory, loopback: LoopbackServer, dict_keyring: DictKeyring
) -> None:
    app = make_app("--backend", "openai", "--base-url", loopback.url)
    app.show()
    assert app.endpoint_setup.welcome is None
    assert app.window.profile_selector.currentText() == "Command line (local)"


def test_every_welcome_control_is_named_and_described(
    qtbot: QtBot, aio_loop: qasync.QEventLoop, dict_keyring: DictKeyring
) -> None:
    from PySide6.QtWidgets import QAbstractButton, QLineEdit

    tokens = TokenStorage(KeyringSecretStore(), MemorySecretStore(), {})
    dialog = WelcomeDialog(tokens, probe_ports=(), style=LIGHT_STYLE)
    qtbot.addWidget(dialog)
    controls = dialog.findChildren(QAbstractButton) + dialog.findChildren(QLineEdit)
    assert len(controls) > 10
    for widget in controls:
        name = widget.objectName()
        assert name and widget.accessibleName() and widget.toolTip(), (type(widget), name)
    qtbot.waitUntil(lambda: not dialog.busy)


def test_the_server_found_works_on_a_machine_without_a_keyring(
    make_app: AppFactory, qtbot: QtBot, loopback: LoopbackServer, tmp_path: Path
) -> None:
    """No Secret Service here (the tests' keyring is the failing one): the first message works."""
    app = make_app(probe_ports=(loopback.port,))
    app.show()
    dialog = welcome_of(app)
    found = dialog.choose.found_button
    qtbot.waitUntil(found.isVisible, timeout=5000)
    click(qtbot, found)
    assert wait_verdict(qtbot, dialog)
    click(qtbot, dialog.start_button)
    qtbot.waitUntil(lambda: app.endpoint_setup.welcome is None)
    with qtbot.waitSignal(app.controller.chat.reply_ended, timeout=5000):
        app.window.composer.setPlainText("Hello?")
        app.window.send_button.click()
    reply = app.controller.session.path()[-1]
    assert reply.failure is None and reply.text, reply.failure
    (profile,) = saved_settings(tmp_path)["profiles"]  # type: ignore[misc]
    assert profile["token_source"] == "none"
