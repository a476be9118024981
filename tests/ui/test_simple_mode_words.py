"""The jargon walk: Simple mode with a policy, against the real loopback server, shows no
technical word anywhere — not at start, not in an answer, not in any failure it can produce.

Every visible widget is read (texts, titles, tooltips, placeholders, accessible names and
descriptions, items, menus, the status line and every text it showed meanwhile), at each
moment: the key page, the task's fill-in form, an answer, and after each scripted failure.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from app.core.actions import MessageAction
from app.core.errors import ErrorCategory
from app.core.params import WORKERS_AI_CONTEXT_WINDOW
from app.core.policy import Managed, Policy, PolicyEndpoint, TokenFrom
from app.core.profiles import EndpointKind
from app.net.limits import NetworkSettings
from app.net.retry import RetryPolicy
from app.storage.secrets import SERVICE
from app.ui.composition_root import Application
from tests.keyring_fakes import DictKeyring
from tests.loopback import LoopbackServer, wire
from tests.loopback.faults import OPENAI_FAULTS, WORKERS_AI_FAULTS, Fault, unreachable_url
from tests.loopback.server import Reply
from tests.ui.jargon_walk import jargon_in, visible_texts
from tests.ui.simple_helpers import CONTACT, PolicyApp, policy_app, staff_policy

__all__ = ["policy_app"]

KEY = "staff-key-0c9d2b7a41"
ATTEMPTS = 2


def fast(app: Application) -> Application:
    """Test-sized waits: a stalled server is given up on in half a second, a retry waits
    10 ms (the factory is the application's own; nothing has been built with it yet)."""
    app.factory._network = NetworkSettings(connect_timeout_s=2.0, stall_timeout_s=0.5)
    app.factory._retry = RetryPolicy(
        max_attempts=ATTEMPTS, base_delay_s=0.01, min_retry_after_s=0.01, jitter=lambda: 1.0
    )
    return app


class Walk:
    """Reads the window at each moment; every text the status line showed counts too."""

    def __init__(self, app: Application) -> None:
        self.app = app
        self.status: list[str] = []
        self.every_status: list[str] = []
        self.leaks: dict[str, dict[str, list[str]]] = {}
        app.window.status_label.shown.connect(self.status.append)
        app.window.status_label.shown.connect(self.every_status.append)

    def check(self, moment: str) -> None:
        texts = visible_texts(self.app.window)
        texts.update({f"status line #{i}": text for i, text in enumerate(self.status)})
        self.status.clear()
        if found := jargon_in(texts):
            self.leaks[moment] = {k: [*v, texts[k][:160]] for k, v in found.items()}

    def ask(self, qtbot: QtBot, text: str) -> None:
        chat = self.app.controller.chat
        with qtbot.waitSignal(chat.reply_ended, timeout=15000):
            self.app.window.composer.setPlainText(text)
            self.app.window.send_button.click()
        qtbot.waitUntil(lambda: not self.app.window.conversation_view.writing)

    def assert_plain(self) -> None:
        report = "\n".join(
            f"{moment}:\n" + "\n".join(f"    {where}: {found}" for where, found in leaks.items())
            for moment, leaks in self.leaks.items()
        )
        assert not self.leaks, "technical words on screen in Simple mode:\n" + report


def run_faults(qtbot: QtBot, walk: Walk, server: LoopbackServer, faults: list[Fault]) -> None:
    for fault in faults:
        if fault.method != "POST":
            continue  # a listing of models: no chat sends it
        for _ in range(ATTEMPTS if fault.retryable else 1):
            fault.install(server)
        walk.ask(qtbot, "Please help me answer this letter.")
        reply = walk.app.controller.session.path()[-1]
        assert reply.failed, f"{fault.name}: the reply did not fail"
        walk.check(f"failure {fault.name} ({fault.expect_category})")


def test_every_openai_failure_and_the_whole_window_are_plain(
    qtbot: QtBot, policy_app: PolicyApp, loopback: LoopbackServer
) -> None:
    app = fast(policy_app(staff_policy(f"{loopback.url}/v1")))
    walk = Walk(app)
    walk.check("start")
    app.simple.window.tasks.choose(1)
    form = app.controller.variables.form
    assert form is not None
    walk.check("the task's fill-in form")
    field = form.fields["customer_name"]
    assert isinstance(field, QLineEdit)
    field.setText("Ms Jones")
    form.ok_button.click()
    walk.ask(qtbot, "Thank her for the order.")
    assert app.controller.session.path()[-1].text == "Hello, world!"
    walk.check("an answer")
    run_faults(qtbot, walk, loopback, OPENAI_FAULTS)
    walk.assert_plain()
    assert any(s.startswith("The assistant is busy. Trying again") for s in walk.every_status)
    assert CONTACT in app.window.conversation_view.plain_text()  # errors name whom to ask


def test_every_workers_ai_failure_is_plain(
    qtbot: QtBot, policy_app: PolicyApp, loopback: LoopbackServer, dict_keyring: DictKeyring
) -> None:
    endpoint = PolicyEndpoint(
        "ACME Llama",
        EndpointKind.WORKERS_AI,
        account_id="acc-staff",
        base_url=f"{loopback.url}/client/v4",
        model="@cf/meta/llama-3.1-8b-instruct-fp8",
        token_from=TokenFrom.USER,
    )
    dict_keyring.set_password(SERVICE, endpoint.profile().secret_name(), KEY)
    policy = replace(staff_policy(""), endpoints=(endpoint,))
    app = fast(policy_app(policy))
    walk = Walk(app)
    qtbot.waitUntil(lambda: not app.simple.first_run.tasks.busy)
    assert app.simple.first_run.key_page is None  # a key is kept: nothing to set up
    context = app.controller.context
    assert context.window_for(app.controller.session.settings) == WORKERS_AI_CONTEXT_WINDOW
    app.window.composer.setPlainText("Please read this letter. " * WORKERS_AI_CONTEXT_WINDOW)
    app.window.send_button.click()  # more than the assistant can read: asked first
    question = context.question
    assert question is not None and question.isVisible()
    walk.check("the question before a message too long for the chat")
    question.reject()
    app.window.composer.clear()
    run_faults(qtbot, walk, loopback, WORKERS_AI_FAULTS)
    walk.assert_plain()


@pytest.mark.parametrize("where", ["unreachable", "tls"])
def test_a_server_that_cannot_be_reached_is_plain(
    qtbot: QtBot, policy_app: PolicyApp, loopback: LoopbackServer, where: str
) -> None:
    url = unreachable_url() if where == "unreachable" else loopback.https_url
    app = fast(policy_app(staff_policy(f"{url}/v1")))
    walk = Walk(app)
    walk.ask(qtbot, "Hello?")
    assert app.controller.session.path()[-1].failed
    walk.check(where)
    walk.assert_plain()


def test_the_key_page_and_a_missing_or_refused_key_are_plain(
    qtbot: QtBot, policy_app: PolicyApp, dict_keyring: DictKeyring, tmp_path: Path
) -> None:
    with LoopbackServer(require_token=KEY) as server:
        app = fast(policy_app(staff_policy(f"{server.url}/v1", TokenFrom.USER)))
        walk = Walk(app)
        first_run = app.simple.first_run
        qtbot.waitUntil(lambda: first_run.key_page is not None)
        walk.check("the key page")
        page = first_run.key_page
        assert page is not None
        page.reject()  # closed without a key: the chat says what to do when asked
        walk.ask(qtbot, "Hello?")
        walk.check("no key kept")
        page = _reopen_key_page(qtbot, app)
        page.key_edit.setText("wrong-key-123")
        page.ok_button.click()
        qtbot.waitUntil(lambda: first_run.key_page is None)
        walk.ask(qtbot, "Hello?")
        walk.check("a refused key")
        walk.assert_plain()
        assert "Enter your key again" in app.window.conversation_view.plain_text()


def _reopen_key_page(qtbot: QtBot, app: Application):  # type: ignore[no-untyped-def]
    """The failed reply's own link, "Enter your key again", opens the key page."""
    from app.core.actions import MessageAction

    index = len(app.controller.session.path()) - 1
    app.window.conversation_view.action_requested.emit(MessageAction.OPEN_SETTINGS, index)
    page = app.simple.first_run.key_page
    assert page is not None and page.isVisible()
    return page


def test_the_walk_finds_jargon_in_the_normal_window(
    qtbot: QtBot, policy_app: PolicyApp, loopback: LoopbackServer
) -> None:
    """The walk can fail: the same window and failure out of Simple mode show technical words."""
    policy: Policy = replace(staff_policy(f"{loopback.url}/v1"), simple_mode=Managed(False))
    app = fast(policy_app(policy))
    assert not app.simple.on
    walk = Walk(app)
    fault = next(f for f in OPENAI_FAULTS if f.name == "vllm_unauthorized_401")
    run_faults(qtbot, walk, loopback, [fault])
    walk.check("start")
    with pytest.raises(AssertionError, match="technical words"):
        walk.assert_plain()
    leaked = {w.lower() for leaks in walk.leaks.values() for f in leaks.values() for w in f[:-1]}
    assert {"api", "temperature", "endpoint"} <= leaked


def test_a_cut_answer_that_cannot_be_continued_is_plain(
    qtbot: QtBot, policy_app: PolicyApp, loopback: LoopbackServer
) -> None:
    """The one failure no scripted reply gives: the server cannot continue an answer."""
    loopback.raw_completions = False
    loopback.continue_final_message = False
    app = fast(policy_app(staff_policy(f"{loopback.url}/v1")))
    walk = Walk(app)
    body = wire.openai_stream(["One", " two"], finish_reason="length")
    loopback.queue("POST", "/chat/completions", Reply(body=body))
    walk.ask(qtbot, "Count for me.")
    assert app.controller.session.path()[-1].cut_by_limit
    assert "This answer was cut short." in app.window.conversation_view.plain_text()
    walk.check("a cut answer")
    chat = app.controller.chat
    with qtbot.waitSignal(chat.reply_ended, timeout=5000):
        app.window.conversation_view.action_requested.emit(MessageAction.CONTINUE, 1)
    failure = app.controller.session.path()[-1].failure
    assert failure is not None and failure.category is ErrorCategory.UNSUPPORTED
    qtbot.waitUntil(lambda: not app.window.conversation_view.writing)
    walk.check("continuing refused")
    walk.assert_plain()
