"""The scripted staff walkthrough: from starting LlamaDesk under a policy to the first answer.

Shared by tests/ui/test_staff_walkthrough.py and tests/benchmarks/bench_staff_walkthrough.py.
Every user action goes through Qt's own input (QTest clicks and key presses on the widget
that has the keyboard focus, or the item on screen), and is counted as a step: a click, one
typed sequence ending in Enter, a paste ending in Enter.

App time = wall time from building the Application to the answer fully on screen, minus the
loopback server's deliberate streaming delays (chunk_delay_s between events). The scripted user
takes no time of its own (synthetic input is delivered at once), so what is left is the app's.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import Qt, SignalInstance
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from app.ui.composition_root import Application
from tests.loopback import LoopbackServer, wire
from tests.loopback.server import Reply
from tests.loopback.wire import split_events

ANSWER_WORDS = 40
CHUNK_DELAY_S = 0.02
TASK = "Write a customer reply"


@dataclass
class WalkResult:
    steps: list[str] = field(default_factory=list)
    wall_s: float = 0.0
    first_text_s: float = 0.0  # wall time until the answer's first text was on screen
    deliberate_s: float = 0.0  # the server's scripted pauses between events
    answer: str = ""

    @property
    def app_s(self) -> float:
        return self.wall_s - self.deliberate_s


def queue_answer(server: LoopbackServer) -> float:
    """A 40-word streamed answer with a pause before each event; returns the pauses' total."""
    words = [f" word{i}" for i in range(ANSWER_WORDS)]
    events = split_events(wire.openai_stream(["Dear", " Ms", " Jones,", *words]))
    server.queue("POST", "/chat/completions", Reply(body=events, chunk_delay_s=CHUNK_DELAY_S))
    return CHUNK_DELAY_S * (len(events) - 1)


def armed(signal: SignalInstance) -> asyncio.Future[Any]:
    """A future for `signal`'s next emission (its first argument, if any), connected now."""
    future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()

    def done(*args: Any) -> None:
        signal.disconnect(done)
        if not future.done():
            future.set_result(args[0] if args else None)

    signal.connect(done)
    return future


async def next_emit(signal: SignalInstance, timeout_s: float = 15.0) -> Any:
    return await asyncio.wait_for(armed(signal), timeout_s)


async def focused(expected: QWidget, timeout_s: float = 5.0) -> QWidget:
    """The widget keys go to, once the window it is in has the focus: it must be `expected`
    (a dialog gets the keyboard when the window system activates it, a moment after it opens).
    """
    qapp = QApplication.instance()
    assert isinstance(qapp, QApplication)
    deadline = time.perf_counter() + timeout_s
    while QApplication.focusWidget() is not expected:
        left = deadline - time.perf_counter()
        assert left > 0, f"the focus is on {QApplication.focusWidget()!r}, not on {expected!r}"
        try:
            await asyncio.wait_for(armed(qapp.focusChanged), left)
        except TimeoutError:
            continue
    return expected


def type_and_enter(widget: QWidget, text: str) -> None:
    QTest.keyClicks(widget, text)
    QTest.keyClick(widget, Qt.Key.Key_Return)


async def walk(
    make_app: Callable[[], Application],
    server: LoopbackServer,
    *,
    key: str | None = None,
    name: str = "Ms Jones",
    message: str = "Thank her for her order and say it ships on Monday.",
) -> tuple[Application, WalkResult]:
    """Start the app, and go to the first answer as a member of staff would."""
    result = WalkResult(deliberate_s=queue_answer(server))
    started = time.perf_counter()
    app = make_app()
    app.window.activateWindow()
    if key is not None:  # token.from "user": the key page comes first
        first_run = app.simple.first_run
        page = first_run.key_page
        if page is None:
            await asyncio.wait_for(armed(first_run.key_page_opened), 15)
            page = first_run.key_page
        assert page is not None
        page.activateWindow()
        QGuiApplication.clipboard().setText(key)
        field = await focused(page.key_edit)
        QTest.keyClick(field, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
        saved = armed(page.key_saved)
        QTest.keyClick(field, Qt.Key.Key_Return)
        await asyncio.wait_for(saved, 15)
        app.window.activateWindow()  # what the window system does when a dialog closes
        result.steps.append("paste the key + Enter")
    tasks = app.simple.window.panel.task_list
    item = tasks.findItems(TASK, Qt.MatchFlag.MatchExactly)[0]
    QTest.mouseClick(
        tasks.viewport(), Qt.MouseButton.LeftButton, pos=tasks.visualItemRect(item).center()
    )
    result.steps.append(f"click “{TASK}”")
    form = app.controller.variables.form
    assert form is not None, "picking the task did not ask for its details"
    form.activateWindow()
    field = form.fields["customer_name"]
    assert isinstance(field, QLineEdit)
    type_and_enter(await focused(field), name)
    result.steps.append("type the customer's name + Enter")
    assert app.controller.variables.form is None, "the details form is still open"
    app.window.activateWindow()  # what the window system does when a dialog closes
    chat = app.controller.chat
    ended, first_text = armed(chat.reply_ended), armed(chat.reply_delta)
    type_and_enter(await focused(app.window.composer), message)
    result.steps.append("type the message + Enter")
    await asyncio.wait([first_text, ended], timeout=15, return_when=asyncio.FIRST_COMPLETED)
    result.first_text_s = time.perf_counter() - started
    reply = await asyncio.wait_for(ended, 15)
    failure = reply.shown_failure
    assert not reply.failed, f"no answer: {failure.message if failure else reply.state}"
    view = app.window.conversation_view
    if view.writing:
        await next_emit(view.settled)
    result.wall_s = time.perf_counter() - started
    result.answer = app.controller.session.path()[-1].text
    return app, result
