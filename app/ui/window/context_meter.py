"""The context meter under the composer, and the question asked before a message that cannot fit."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer
from PySide6.QtWidgets import QMessageBox

from app.core.chat_settings import ChatSettings
from app.core.context import ContextEstimate, estimate_context
from app.core.message import ChatMessage
from app.core.params import WORKERS_AI_CONTEXT_WINDOW
from app.core.profiles import DEFAULT_WORKERS_AI_MODEL, EndpointKind
from app.core.request import PromptMode
from app.ui.chat.session_controller import SessionController
from app.ui.window.endpoint_choice import EndpointChoice
from app.ui.window.main_window import MainWindow

#: Typing pauses this long before the meter is recomputed (it reads the whole conversation).
METER_DELAY_MS = 150


class ContextMeter(QObject):
    """Knows each endpoint's window once the server said it; warns, and asks before overflowing."""

    def __init__(
        self,
        window: MainWindow,
        chat: SessionController,
        endpoints: EndpointChoice,
        *,
        new_chat_with: Callable[[str], None],
        send_anyway: Callable[[], None],
    ) -> None:
        super().__init__(window)
        self._window = window
        self._chat = chat
        self._endpoints = endpoints
        self._new_chat_with = new_chat_with
        self._send_anyway = send_anyway
        self._learnt: dict[str, int] = {}  # profile id -> context window the server reported
        self.question: QMessageBox | None = None
        #: (title, text, details, risk) asked before an overflow in plain words (Simple mode);
        #: None: the usual ones, with the figures.
        self.plain_words: tuple[str, str, str, str] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(METER_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        window.composer.textChanged.connect(self._timer.start)
        chat.settings_changed.connect(self._timer.start)
        chat.session_replaced.connect(self._timer.start)
        chat.reply_ended.connect(self._timer.start)
        chat.model_selected.connect(self._on_model_selected)
        self.refresh()

    def window_for(self, settings: ChatSettings) -> int | None:
        profile = self._endpoints.profile(settings.profile_id)
        if profile is None:
            return None
        if profile.id in self._learnt:
            return self._learnt[profile.id]
        model = profile.model or DEFAULT_WORKERS_AI_MODEL
        if profile.kind is EndpointKind.WORKERS_AI and model == DEFAULT_WORKERS_AI_MODEL:
            return WORKERS_AI_CONTEXT_WINDOW
        return None  # a local server's window is known after its first answer

    def estimate(self, draft: str, replacing: ChatMessage | None = None) -> ContextEstimate:
        session = self._chat.session
        raw = self._window.raw_editor.toPlainText()
        raw = raw if session.settings.prompt_mode is PromptMode.RAW else ""
        window = self.window_for(session.settings)
        return estimate_context(session, draft, window, raw, replacing=replacing)

    def _on_model_selected(self, profile_id: str, window: object) -> None:
        if isinstance(window, int) and window > 0:
            self._learnt[self._endpoints.resolved_id(profile_id)] = window
            self._timer.start()

    def refresh(self) -> None:
        draft = self._window.composer.toPlainText()
        if self._chat.session.is_empty and not draft.strip():
            self._window.set_context_meter("", "", "")  # nothing to weigh yet
            return
        self._window.set_context_meter(*describe(self.estimate(draft)))

    # -- before sending ----------------------------------------------------------------------

    def allows_send(self, draft: str, replacing: ChatMessage | None = None) -> bool:
        """True to send now; False when the message cannot fit (the user is asked what to do).

        `replacing`: the sent message this draft is a new version of (an edit)."""
        estimate = self.estimate(draft, replacing)
        if estimate.prompt_fits:
            return True
        box = QMessageBox(self._window)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # one question, then gone
        box.setObjectName("contextFullQuestion")
        box.setIcon(QMessageBox.Icon.Warning)
        title, text, details, risk = self.plain_words or (
            QCoreApplication.translate("ContextMeter", "This message does not fit"),
            QCoreApplication.translate(
                "ContextMeter",
                "The conversation is too long for the model to read with your message.",
            ),
            QCoreApplication.translate(
                "ContextMeter",
                "Together they take about {prompt_tokens:,} tokens; the model reads at most {window:,} (its context window), its answer included. Start a new chat with this message (same system prompt and parameters), or shorten it.",
            ).format(prompt_tokens=estimate.prompt_tokens, window=estimate.window),
            QCoreApplication.translate(
                "ContextMeter", "The server will most likely refuse it or answer only a few words"
            ),
        )
        box.setWindowTitle(title)
        box.setText(text)
        box.setInformativeText(details)
        new_chat = box.addButton(
            QCoreApplication.translate("ContextMeter", "New chat with this message"),
            QMessageBox.ButtonRole.AcceptRole,
        )
        new_chat.setObjectName("newChatWithMessage")
        anyway = box.addButton(
            QCoreApplication.translate("ContextMeter", "Send anyway"),
            QMessageBox.ButtonRole.DestructiveRole,
        )
        anyway.setObjectName("sendAnyway")
        anyway.setToolTip(risk)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(new_chat)

        def on_clicked(button: object) -> None:
            self.question = None
            if button is new_chat:
                self._new_chat_with(draft)
            elif button is anyway:
                self._send_anyway()

        box.buttonClicked.connect(on_clicked)
        self.question = box
        box.open()  # window-modal, no nested event loop
        return False


def describe(estimate: ContextEstimate) -> tuple[str, str, str]:
    """(text, tooltip, level) of the meter; level is "", "warning" or "error"."""
    prompt = f"{estimate.prompt_tokens:,}"
    how = (
        QCoreApplication.translate("ContextMeter", "counted by the server")
        if estimate.counted
        else "estimated"
    )
    if estimate.window is None:
        return (
            QCoreApplication.translate("ContextMeter", "≈ {prompt} tokens").format(prompt=prompt),
            QCoreApplication.translate(
                "ContextMeter",
                "The conversation and your message: about {prompt} tokens ({how}). The model's context window is known after its first answer.",
            ).format(prompt=prompt, how=how),
            "",
        )
    window = f"{estimate.window:,}"
    if not estimate.prompt_fits:
        return (
            QCoreApplication.translate(
                "ContextMeter", "≈ {prompt} / {window} tokens: too long"
            ).format(prompt=prompt, window=window),
            QCoreApplication.translate(
                "ContextMeter",
                "The conversation and your message do not fit the model's context window: start "
                "a new chat or shorten the message.",
            ),
            "error",
        )
    if not estimate.fits:
        room = f"{estimate.reply_room:,}"
        return (
            QCoreApplication.translate(
                "ContextMeter", "≈ {prompt} / {window} tokens · reply up to {room}"
            ).format(prompt=prompt, window=window, room=room),
            QCoreApplication.translate(
                "ContextMeter",
                "Little room is left: the reply can be at most {room} tokens. A new chat starts with the whole window.",
            ).format(room=room),
            "warning",
        )
    return (
        QCoreApplication.translate("ContextMeter", "≈ {prompt} / {window} tokens").format(
            prompt=prompt, window=window
        ),
        QCoreApplication.translate(
            "ContextMeter",
            "The conversation and your message take about {prompt} of the {window} tokens the model can read ({how}); {reply_tokens:,} more are kept for the reply.",
        ).format(prompt=prompt, window=window, how=how, reply_tokens=estimate.reply_tokens),
        "",
    )
