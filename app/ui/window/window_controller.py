"""Wires the main window to the chat: send, stop, continue, retry, profile switch, errors."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QGuiApplication

from app.core.backend import BackendUnavailable, ChatBackend
from app.core.conversation import ChatMessage, Conversation, ReplyState
from app.core.params import ParameterError
from app.core.profiles import EndpointKind, EndpointProfile
from app.core.request import Message, PromptMode, RequestError, Role
from app.core.template import llama3_prompt
from app.net.backend_factory import BackendFactory
from app.ui.chat.chat_controller import ChatController
from app.ui.window.main_window import MainWindow


class WindowController(QObject):
    """Conditional logic lives here, not in the widgets (they only lay out and emit intents)."""

    user_message_added = Signal(object)  # ChatMessage: validated, emitted before it is sent
    new_chat_started = Signal()
    version_step_requested = Signal(object, int)  # (ChatMessage, -1 | +1): show another version

    def __init__(
        self,
        window: MainWindow,
        factory: BackendFactory,
        profiles: list[EndpointProfile],
        active_profile_id: str,
        open_endpoints: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.factory = factory
        self.profiles = list(profiles)
        self.active_id = active_profile_id
        self._open_endpoints = open_endpoints or (lambda: None)
        self._editing: ChatMessage | None = None  # the sent message being edited, if any
        self.chat = ChatController(Conversation(), self._backend, self)
        w = window
        w.composer.send_requested.connect(self._on_send_requested)
        w.composer.escape_pressed.connect(self._on_composer_escape)
        w.stop_button.clicked.connect(self.chat.stop)
        w.new_chat_requested.connect(self.new_chat)
        w.endpoints_requested.connect(self._open_endpoints)
        w.conversation_view.action_requested.connect(self._on_action_requested)
        w.params_panel.mode.currentIndexChanged.connect(self._on_mode_changed)
        w.refill_raw_button.clicked.connect(self.refill_raw_prompt)
        w.profile_selector.currentIndexChanged.connect(self._on_profile_selected)
        self.chat.reply_started.connect(self._on_reply_started)
        self.chat.reply_delta.connect(w.conversation_view.append_delta)
        self.chat.reply_retrying.connect(w.status_label.setText)
        self.chat.reply_ended.connect(self._on_reply_ended)
        self.chat.busy_changed.connect(w.set_busy)
        w.style_changed.connect(self._on_style_changed)
        self.set_profiles(self.profiles, active_profile_id)

    @property
    def conversation(self) -> Conversation:
        return self.chat.conversation

    # -- endpoints --------------------------------------------------------------------------

    def active_profile(self) -> EndpointProfile | None:
        return next((p for p in self.profiles if p.id == self.active_id), None)

    def set_profiles(self, profiles: list[EndpointProfile], active_id: str) -> None:
        self.profiles = list(profiles)
        selector = self.window.profile_selector
        selector.blockSignals(True)
        selector.clear()
        for profile in self.profiles:
            selector.addItem(profile.name, profile.id)
        index = selector.findData(active_id)
        selector.setCurrentIndex(index if index >= 0 else 0)
        selector.blockSignals(False)
        self.active_id = selector.currentData() or ""
        self._show_endpoint_status()

    def _on_profile_selected(self, index: int) -> None:
        self.active_id = self.window.profile_selector.itemData(index) or ""
        self._show_endpoint_status()

    def _show_endpoint_status(self) -> None:
        profile = self.active_profile()
        if profile is None:
            self.window.endpoint_status.setText("  No endpoint yet: click Endpoints…")
            return
        if profile.kind is EndpointKind.WORKERS_AI:
            model = profile.model or "@cf/meta/llama-3.1-8b-instruct-fp8"
        else:
            model = profile.model or "model served at " + profile.base_url
        self.window.endpoint_status.setText(f"  {model}")

    async def _backend(self) -> ChatBackend:
        profile = self.active_profile()
        if profile is None:
            from app.core.errors import ErrorCategory, FailureContext, Provider, make_failure

            raise BackendUnavailable(
                make_failure(
                    ErrorCategory.MISSING_SETTING,
                    FailureContext(Provider.LOCAL, ""),
                    detail="No endpoint is set up yet. Click Endpoints… to add one.",
                )
            )
        return await self.factory.build(profile)

    # -- sending ------------------------------------------------------------------------------

    def _on_send_requested(self) -> None:
        w = self.window
        if self.chat.busy:
            return
        text = w.composer.toPlainText()
        mode = w.params_panel.prompt_mode()
        raw = w.raw_editor.toPlainText() if mode is PromptMode.RAW else ""
        if not text.strip() and not (mode is PromptMode.RAW and raw.strip()):
            return
        messages = self.conversation.messages
        kept = list(messages)
        if self._editing is not None and self._editing in messages:
            # An edit is a new version of that message: what followed it is set aside (the
            # history keeps it as the other branch), the new version continues from before it.
            del messages[messages.index(self._editing) :]
        try:
            params = w.params_panel.params()
            user = self.conversation.add_user(text if text.strip() else "(raw prompt)")
            request = self.conversation.request(self._system_prompt(), mode, params, raw)
        except (RequestError, ParameterError) as exc:
            messages[:] = kept
            w.status_label.setText(str(exc))  # nothing sent; the composer keeps the text
            return
        if self._editing is not None:
            self._editing = None
            w.conversation_view.show_messages(messages[:-1])
        w.composer.clear()
        w.status_label.clear()
        w.conversation_view.append_message(len(self.conversation.messages) - 1, user)
        self.user_message_added.emit(user)  # stored before the request goes out
        self.chat.start(request)

    def _system_prompt(self) -> str:
        return self.window.system_prompt_editor.toPlainText()

    def _on_reply_started(self, reply: ChatMessage) -> None:
        index = self.conversation.messages.index(reply)
        view = self.window.conversation_view
        if reply.text:  # Continue: redraw the conversation without the old footer
            view.show_messages(self.conversation.messages[:index])
            view.continue_reply(index, reply.text)
        else:
            view.begin_reply(index)

    def _on_reply_ended(self, reply: ChatMessage) -> None:
        self.window.status_label.clear()
        self.window.conversation_view.end_reply(reply)
        if self.window.params_panel.prompt_mode() is PromptMode.RAW:
            self.refill_raw_prompt()

    # -- actions on a reply -------------------------------------------------------------------

    def _on_action_requested(self, action: str, index: int) -> None:
        messages = self.conversation.messages
        message = messages[index] if 0 <= index < len(messages) else None
        if action == "copy" and message is not None:
            QGuiApplication.clipboard().setText(message.text)
        elif action == "continue" and message is not None and not self.chat.busy:
            params = self.window.params_panel.params()
            request = self.conversation.continuation(self._system_prompt(), params, message)
            self.chat.start(request, message)
        elif action == "retry" and message is not None and not self.chat.busy:
            self.retry(message)
        elif action == "edit" and message is not None and not self.chat.busy:
            self.edit(message)
        elif action in ("version-prev", "version-next") and message is not None:
            if not self.chat.busy:
                self.version_step_requested.emit(message, -1 if action == "version-prev" else 1)
        elif action == "settings":
            self._open_endpoints()
        elif action == "new-chat":
            self.new_chat()

    def edit(self, message: ChatMessage) -> None:
        """Put a sent message back in the composer; sending it makes a new version."""
        self._editing = message
        self.window.composer.setPlainText(message.text)
        self.window.composer.setFocus()
        self.window.status_label.setText(
            "Editing your message: Enter sends it as a new version and the old one is kept "
            "(‹ › switches between them). Esc cancels."
        )

    def _on_composer_escape(self) -> None:
        if self._editing is not None:
            self._editing = None
            self.window.composer.clear()
            self.window.status_label.clear()

    def retry(self, reply: ChatMessage) -> None:
        """Ask again: the failed or stopped reply is replaced by a new one."""
        messages = self.conversation.messages
        if reply.role is not Role.ASSISTANT or reply.state is ReplyState.STREAMING:
            return
        messages.remove(reply)
        self.window.conversation_view.show_messages(messages)
        mode = self.window.params_panel.prompt_mode()
        try:
            request = self.conversation.request(
                self._system_prompt(),
                mode,
                self.window.params_panel.params(),
                self.window.raw_editor.toPlainText(),
            )
        except (RequestError, ParameterError) as exc:
            self.window.status_label.setText(str(exc))
            return
        self.chat.start(request)

    def _on_style_changed(self, style: object) -> None:
        """Light/dark switched: redraw finished messages; a live reply keeps its colours."""
        from app.ui.style import ChatStyle

        assert isinstance(style, ChatStyle)
        view = self.window.conversation_view
        view.set_style(style)
        if not self.chat.busy:
            view.show_messages(self.conversation.messages)

    def new_chat(self) -> None:
        self.chat.stop()
        self.show_conversation([])
        self.new_chat_started.emit()

    def show_conversation(self, messages: list[ChatMessage]) -> None:
        """Replace the conversation in memory and on screen (a new chat, or one from history)."""
        self.chat.conversation = Conversation(messages)
        self.window.conversation_view.show_messages(messages)
        self.window.composer.setFocus()

    # -- raw mode -----------------------------------------------------------------------------

    def _on_mode_changed(self) -> None:
        raw = self.window.params_panel.prompt_mode() is PromptMode.RAW
        self.window.set_raw_mode(raw)
        if raw:
            self.refill_raw_prompt()

    def refill_raw_prompt(self) -> None:
        history = self.conversation.history(self._system_prompt())
        draft = self.window.composer.toPlainText()
        if draft.strip():
            history.append(Message(Role.USER, draft))
        self.window.raw_editor.setPlainText(llama3_prompt(history))
