"""Compare-mode test helpers: endpoints told apart by model, a server answering per model."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

from PySide6.QtGui import QTextDocument
from pytestqt.qtbot import QtBot

from app.core.profiles import EndpointProfile, TokenSource, local_profile
from app.storage.settings import Settings, SettingsStore, settings_path
from app.ui.chat.conversation_view import ConversationView
from app.ui.compare.compare_controller import CompareController
from app.ui.compare.highlights import LIGHT_MARK
from app.ui.compare.pane_controller import PaneController
from app.ui.composition_root import Application
from tests.loopback import LoopbackServer, RecordedRequest, Reply, openai_stream, split_events
from tests.loopback.wire import openai_error
from tests.ui.conftest import AppFactory

#: What each model answers (a token list); "fail" is refused, "slow" streams for seconds.
ANSWERS: dict[str, list[str]] = {
    "cat": ["The", " cat", " sat", " on", " the", " mat", "."],
    "dog": ["The", " dog", " sat", " on", " the", " mat", "."],
    "rug": ["The", " cat", " sat", " on", " a", " rug", "."],
    "long": [f"w{i} " for i in range(45)],  # 45 words
    "short": [f"w{i} " for i in range(30)],  # its first 30
    # Differing words that also occur inside other words and in the reply's header ("Llama").
    "llama": ["Llama", " says", " This", " is", " it", "."],
    "alpaca": ["Alpaca", " says", " This", " was", " it", "."],
}
FAIL_MESSAGE = "The model `fail` does not exist."


def model_server(loopback: LoopbackServer, delay_s: float = 0.05) -> None:
    """Answer every chat request by the model it names; "seeded" answers differently each time."""
    turns = itertools.count()

    def answer(request: RecordedRequest) -> Reply:
        model = str(request.json().get("model", ""))
        if model == "fail":
            return Reply.json(openai_error("detail", 404, FAIL_MESSAGE), 404)
        if model == "slow":
            tokens = [f" word{i}" for i in range(400)]
            return Reply(body=split_events(openai_stream(tokens, model=model)), chunk_delay_s=0.05)
        if model == "seeded":
            tokens = ["Alpha"] if next(turns) % 2 == 0 else ["Beta"]
        else:
            tokens = ANSWERS.get(model, ANSWERS["cat"])
        events = split_events(openai_stream(tokens, model=model))
        return Reply(body=events, chunk_delay_s=delay_s)

    for _ in range(64):
        loopback.queue("POST", "/chat/completions", answer)


def save_endpoints(loopback: LoopbackServer, data_dir: Path, *models: str) -> list[EndpointProfile]:
    """One saved endpoint per model, all on the loopback server (the first is the default)."""
    url = f"{loopback.url}/v1"
    profiles = [
        local_profile(url, model=model, name=f"Server {model}", token_source=TokenSource.NONE)
        for model in models
    ]
    SettingsStore(settings_path(data_dir)).save(
        Settings(profiles=profiles, active_profile_id=profiles[0].id, welcome_done=True)
    )
    return profiles


def compare_of(app: Application) -> CompareController:
    return app.compare.controller


def enter_with(app: Application, qtbot: QtBot, *models: str) -> list[PaneController]:
    """Compare mode through the toolbar button, a pane per model (endpoints chosen as a user
    does: in each pane's endpoint list)."""
    compare = compare_of(app)
    app.window.compare_button.click()
    assert compare.active
    while len(compare.panes) < len(models):
        compare.view.add_button.click()
    for pane, model in zip(compare.panes, models, strict=True):
        combo = pane.pane.header.endpoint
        index = next(
            i for i in range(combo.count()) if combo.itemText(i).startswith(f"Server {model} ")
        )
        combo.setCurrentIndex(index)
        combo.activated.emit(index)
    return compare.panes


def send_to_all(app: Application, qtbot: QtBot, text: str, timeout: int = 10_000) -> None:
    compare = compare_of(app)
    with qtbot.waitSignal(compare.differences_shown, timeout=timeout):
        compare.view.composer.setPlainText(text)
        compare.view.send_button.click()


def models_asked(loopback: LoopbackServer) -> list[str]:
    return [
        json.loads(r.body).get("model", "")
        for r in loopback.requests
        if r.url_path.endswith("/chat/completions")
    ]


MODELS = ("cat", "dog", "rug", "fail", "slow", "seeded", "long", "short")


def marked(view: ConversationView, colour: str = LIGHT_MARK) -> list[str]:
    """The texts drawn with the difference highlight, in reading order."""
    found: list[str] = []
    doc: QTextDocument = view.document()
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.charFormat().background().color().name() == colour:
                found.append(fragment.text())
            it += 1
        block = block.next()
    return found


def started(loopback: LoopbackServer, tmp_path: Path, app_factory: AppFactory) -> Application:
    model_server(loopback)
    save_endpoints(loopback, tmp_path, *MODELS)
    return app_factory(show=True)
