"""Endpoint setup (the Endpoints dialog and the welcome) refuses what cannot work, in a sentence:
an address with a password (never repeated), a token that cannot be sent (never shown)."""

from __future__ import annotations

import pytest
import qasync
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.core.profiles import TokenSource, local_profile
from app.net.backend_factory import BackendFactory
from app.storage.secrets import KeyringSecretStore, MemorySecretStore
from app.storage.token_storage import TokenStorage
from app.ui.style import LIGHT_STYLE
from app.ui.welcome.welcome_dialog import LOCAL, WelcomeDialog
from tests.keyring_fakes import DictKeyring
from tests.loopback import LoopbackServer
from tests.ui.conftest import run
from tests.ui.test_endpoints import MakeDialog, click_and_wait, dict_keyring, make_dialog

__all__ = ["dict_keyring", "make_dialog"]  # fixtures used here, defined with the dialog's tests

PASSWORD = "pw-Zq8xK2mN4"
BAD_TOKEN = "tökén-0123456789"


def test_endpoints_dialog_refuses_an_address_with_a_password(
    make_dialog: MakeDialog, qtbot: QtBot, dict_keyring: DictKeyring
) -> None:
    dialog = make_dialog([])
    qtbot.mouseClick(dialog.add_local_button, Qt.MouseButton.LeftButton)
    dialog.form.base_url.clear()
    qtbot.keyClicks(dialog.form.base_url, f"http://admin:{PASSWORD}@127.0.0.1:8000")
    hint = dialog.form.boxes["base_url"].hint.text()
    assert "user name or password" in hint and PASSWORD not in hint
    with qtbot.assertNotEmitted(dialog.profiles_changed):
        click_and_wait(qtbot, dialog, dialog.save_button)
    error = dialog.form.boxes["base_url"].error
    assert error.isVisible() and "user name or password" in error.text()
    assert PASSWORD not in error.text() and "admin" not in error.text()
    assert "Not saved" in dialog.status.text()


def test_endpoints_dialog_test_with_a_token_that_cannot_be_sent(
    make_dialog: MakeDialog, qtbot: QtBot, dict_keyring: DictKeyring, loopback: LoopbackServer
) -> None:
    dialog = make_dialog([local_profile(loopback.url)])
    qtbot.keyClicks(dialog.form.token, "tok")
    dialog.form.token.setText(BAD_TOKEN)  # QtTest cannot type non-ASCII keys
    click_and_wait(qtbot, dialog, dialog.test_button)
    assert dialog.verdict.ok is False
    text = dialog.verdict.label.text()
    assert "This API token cannot be sent: it contains characters other than ASCII" in text
    assert BAD_TOKEN not in text and "Something went wrong" not in text
    assert loopback.requests == []


def test_welcome_refuses_an_address_with_a_password(
    qtbot: QtBot, aio_loop: qasync.QEventLoop, dict_keyring: DictKeyring
) -> None:
    tokens = TokenStorage(KeyringSecretStore(), MemorySecretStore(), {})
    dialog = WelcomeDialog(tokens, probe_ports=(), style=LIGHT_STYLE)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.choose.local_button, Qt.MouseButton.LeftButton)
    assert dialog.pages.currentIndex() == LOCAL
    page = dialog.local
    page.base_url.clear()
    qtbot.keyClicks(page.base_url, f"http://admin:{PASSWORD}@127.0.0.1:8000")
    assert PASSWORD not in page.url_box.hint.text()
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert dialog.pages.currentIndex() == LOCAL  # not tested, not saved
    error = page.url_box.error.text()
    assert "user name or password" in error and PASSWORD not in error
    dialog.reject()
    qtbot.waitUntil(lambda: not dialog.busy)


def test_a_saved_token_that_cannot_be_sent_is_a_plain_failure(
    qtbot: QtBot, aio_loop: qasync.QEventLoop
) -> None:
    from dataclasses import replace

    from app.core.backend import BackendUnavailable

    profile = replace(local_profile("127.0.0.1:8000"), token_source=TokenSource.SESSION)
    session = MemorySecretStore({profile.secret_name(): BAD_TOKEN})
    factory = BackendFactory(MemorySecretStore(), session)

    async def build() -> str:
        try:
            await factory.build(profile)
        except BackendUnavailable as exc:
            return exc.failure.message
        finally:
            await factory.aclose()
        return ""

    message = run(aio_loop, qtbot, build())
    assert message.startswith("The API token for “Local server” cannot be sent")
    assert BAD_TOKEN not in message


@pytest.mark.parametrize("typed", ["http://[::1", "http://host:99999", "http://h_st:70000"])
def test_the_address_hint_explains_instead_of_failing(
    qtbot: QtBot, aio_loop: qasync.QEventLoop, dict_keyring: DictKeyring, typed: str
) -> None:
    tokens = TokenStorage(KeyringSecretStore(), MemorySecretStore(), {})
    dialog = WelcomeDialog(tokens, probe_ports=(), style=LIGHT_STYLE)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.choose.local_button, Qt.MouseButton.LeftButton)
    dialog.local.base_url.clear()
    qtbot.keyClicks(dialog.local.base_url, typed)  # every keystroke re-reads the address
    assert dialog.local.url_box.hint.text().startswith("Not usable yet:")
    dialog.reject()
    qtbot.waitUntil(lambda: not dialog.busy)
