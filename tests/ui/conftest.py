"""GUI test fixtures: one qasync loop per test on the running Qt loop, and a wired window."""

from __future__ import annotations

import asyncio
import gc
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import qasync
from pytestqt.qtbot import QtBot

from app.core.policy import NO_POLICY, Policy
from app.core.profiles import EndpointProfile, TokenSource, local_profile, workers_ai_profile
from app.net.backend_factory import BackendFactory
from app.net.limits import NetworkSettings
from app.net.retry import RetryPolicy
from app.storage.secrets import MemorySecretStore
from app.ui.composition_root import Application, build_parser
from app.ui.style import LIGHT_STYLE
from app.ui.window.main_window import MainWindow
from app.ui.window.window_controller import WindowController
from tests.loopback import LoopbackServer

TOKEN = "gui-test-token-5f0b6a3e8c1d"


@pytest.fixture
def aio_loop(qapp: Any, qtbot: QtBot) -> Iterator[qasync.QEventLoop]:
    """asyncio on Qt's loop; pytest-qt's waits drive it. Leftover tasks fail the test."""
    loop = qasync.QEventLoop(qapp, already_running=True)
    asyncio.set_event_loop(loop)
    hooks = sys.get_asyncgen_hooks()
    sys.set_asyncgen_hooks(
        firstiter=loop._asyncgen_firstiter_hook, finalizer=loop._asyncgen_finalizer_hook
    )
    yield loop
    pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
    for task in pending:
        task.cancel()
    if pending:
        qtbot.waitUntil(lambda: all(t.done() for t in pending), timeout=5000)
    # qasync has no public way to end a loop it did not start; undo what already_running did.
    qapp.aboutToQuit.disconnect(loop._after_run_forever)
    loop._after_run_forever()
    loop._QEventLoop__is_running = False
    asyncio.events._set_running_loop(None)
    loop.close()
    sys.set_asyncgen_hooks(*hooks)
    asyncio.set_event_loop(None)
    del loop
    gc.collect()  # Qt objects in cycles must die on this thread, not in a server thread's GC
    assert not pending, f"test left tasks running: {pending}"


def run(loop: qasync.QEventLoop, qtbot: QtBot, coro: Any, timeout: int = 5000) -> Any:
    task = loop.create_task(coro)
    qtbot.waitUntil(task.done, timeout=timeout)
    return task.result()


class ChatHarness:
    """The real window and controller, wired to a loopback server through a session token."""

    def __init__(
        self,
        qtbot: QtBot,
        loop: qasync.QEventLoop,
        server: LoopbackServer,
        profile: EndpointProfile,
    ) -> None:
        self.qtbot, self.loop, self.server = qtbot, loop, server
        session = MemorySecretStore({profile.secret_name(): TOKEN})
        fast_retry = RetryPolicy(max_attempts=2, base_delay_s=0.01, jitter=lambda: 1.0)
        self.factory = BackendFactory(
            MemorySecretStore(), session, retry=fast_retry, network=NetworkSettings(2.0, 1.0)
        )
        self.window = MainWindow(LIGHT_STYLE, batch_ms=5)
        qtbot.addWidget(self.window)
        self.controller = WindowController(self.window, self.factory, [profile], profile.id)
        self.view = self.window.conversation_view
        self.window.show()

    def send(self, text: str) -> None:
        self.window.composer.setPlainText(text)
        self.window.send_button.click()

    def close(self) -> None:
        self.controller.chat.stop()
        run(self.loop, self.qtbot, self.controller.chat.wait_idle())
        run(self.loop, self.qtbot, self.factory.aclose())


def session_profile(profile: EndpointProfile) -> EndpointProfile:
    from dataclasses import replace

    return replace(profile, token_source=TokenSource.SESSION)


@pytest.fixture
def workers_chat(
    qtbot: QtBot, aio_loop: qasync.QEventLoop, loopback: LoopbackServer
) -> Iterator[ChatHarness]:
    profile = session_profile(workers_ai_profile("acc-gui"))
    from dataclasses import replace

    profile = replace(profile, base_url=f"{loopback.url}/client/v4")
    harness = ChatHarness(qtbot, aio_loop, loopback, profile)
    yield harness
    harness.close()


@pytest.fixture
def local_chat(
    qtbot: QtBot, aio_loop: qasync.QEventLoop, loopback: LoopbackServer
) -> Iterator[ChatHarness]:
    profile = session_profile(local_profile(f"{loopback.url}/v1"))
    harness = ChatHarness(qtbot, aio_loop, loopback, profile)
    yield harness
    harness.close()


AppFactory = Callable[..., Application]


@pytest.fixture
def app_factory(
    qapp: Any, qtbot: QtBot, aio_loop: qasync.QEventLoop, tmp_path: Path
) -> Iterator[AppFactory]:
    """Applications through the composition root, all on one tmp data dir (a second one is a
    restart); every one still open is closed at the end, its dialogs' tasks settled first."""
    apps: list[Application] = []

    def make(
        *argv: str,
        probe_ports: tuple[int, ...] = (),
        show: bool = False,
        policy: Policy = NO_POLICY,
    ) -> Application:
        args = build_parser().parse_args(["--data-dir", str(tmp_path), *argv])
        app = Application(args, qapp, policy=policy)
        app.endpoint_setup.probe_ports = probe_ports  # no probing of this machine's real ports
        app.history.search.delay_ms = 1  # the search debounce, in test time
        apps.append(app)
        if show:
            app.window.show()
        return app

    yield make
    for app in apps:
        if app.closed.is_set():
            continue
        setup = app.endpoint_setup
        dialogs = [d for d in (setup.welcome, setup.endpoints) if d]
        app.window.close()
        for dialog in dialogs:
            qtbot.waitUntil(lambda d=dialog: not d.busy)  # type: ignore[misc]
        run(aio_loop, qtbot, app.run_until_closed_for_tests())


@pytest.fixture
def make_app(app_factory: AppFactory, loopback: LoopbackServer) -> Callable[[], Application]:
    """A shown Application whose endpoint (from the command line) is the loopback server."""
    return lambda: app_factory(
        "--backend", "openai", "--base-url", f"{loopback.url}/v1", "--model", "m", show=True
    )
