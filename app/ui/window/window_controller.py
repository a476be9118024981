"""Wires the main window to its chat session: send, edit, regenerate, continue, versions, stop."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QGuiApplication

from app.core.actions import MessageAction
from app.core.chat_settings import ChatSettings
from app.core.message import ChatMessage
from app.core.params import ParameterError
from app.core.policy import NO_POLICY, Policy
from app.core.profiles import EndpointProfile
from app.core.request import PromptMode, RequestError, Role
from app.core.session import ChatSession, SessionBusy
from app.net.backend_factory import BackendFactory
from app.ui.chat.session_controller import SessionController
from app.ui.policy.window_locks import WindowLocks
from app.ui.prompts.library_access import LibraryAccess
from app.ui.prompts.prompt_binding import PromptBinding
from app.ui.prompts.prompt_edits import PromptEditActions
from app.ui.prompts.questions import dialog_asker
from app.ui.prompts.variables_controller import VariablesController
from app.ui.replies.reply_tools import ReplyTools
from app.ui.window.context_meter import ContextMeter
from app.ui.window.conversation_display import ConversationDisplay
from app.ui.window.endpoint_choice import EndpointChoice
from app.ui.window.main_window import MainWindow
from app.ui.window.settings_binding import SettingsBinding


class WindowController(QObject):
    """Conditional logic lives here, not in the widgets (they only lay out and emit intents)."""

    new_chat_started = Signal()

    def __init__(
        self,
        window: MainWindow,
        factory: BackendFactory,
        profiles: list[EndpointProfile],
        default_profile_id: str,
        open_endpoints: Callable[[], None] | None = None,
        defaults: ChatSettings | None = None,
        user_name: str = "",
        policy: Policy = NO_POLICY,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.factory = factory
        #: The administrator's policy; every chat this window shows is held to it.
        self.policy = policy
        self.endpoints = EndpointChoice(factory, profiles, default_profile_id)
        self._open_endpoints = open_endpoints or (lambda: None)
        self._editing: ChatMessage | None = None  # the sent message being edited, if any
        self._raw_shown = False
        self._focus_composer = True
        self._new_chat_pending = False
        first = ChatSession(
            replace(defaults or ChatSettings(), profile_id=self.endpoints.default_id),
            rules=policy,
        )
        self.chat = SessionController(
            first, self.endpoints.backend_for, self, self.endpoints.endpoint_for, rules=policy
        )
        self.settings = SettingsBinding(window, self.chat, self.endpoints, first.settings)
        self.library = LibraryAccess(self)  # the application opens it with the history
        self.prompts = PromptBinding(
            window.prompt_picker, window.prompt_save_bar, self.chat, self.library, self
        )
        self.prompts.said.connect(window.status_label.setText)
        self.prompt_edits = PromptEditActions(
            self.prompts,
            window.prompt_save_bar,
            self.library,
            dialog_asker(window),
            self.chat,
            self,
        )
        self.context = ContextMeter(
            window,
            self.chat,
            self.endpoints,
            new_chat_with=self._new_chat_with,
            send_anyway=lambda: self._send(checked=True),
        )
        self.replies = ReplyTools(
            window,
            lambda: self.session,
            self.replay,
            window.status_label,
            lambda: self.window.style_in_use.dark,
        )
        self.variables = VariablesController(window, self.chat, user_name)
        w = window
        w.composer.send_requested.connect(self._on_send_requested)
        w.composer.escape_pressed.connect(self._on_composer_escape)
        w.stop_button.clicked.connect(self.chat.stop)
        w.new_chat_requested.connect(self.new_chat)
        w.endpoints_requested.connect(self._open_endpoints)
        w.refill_raw_button.clicked.connect(self.refill_raw_prompt)
        w.conversation_view.action_requested.connect(self._on_action_requested)
        w.last_reply_action_requested.connect(self._on_last_reply_action_requested)
        self.display = ConversationDisplay(window, self.chat, self)
        c = self.chat
        c.reply_ended.connect(self._on_reply_ended)  # after the display has ended the reply
        c.busy_changed.connect(w.set_busy)
        c.session_replaced.connect(self._on_session_replaced)
        c.settings_changed.connect(self._on_settings_changed)
        w.style_changed.connect(self._on_style_changed)
        self.locks = WindowLocks(window, self.chat, policy)
        self._on_settings_changed(first.settings)

    @property
    def session(self) -> ChatSession:
        return self.chat.session

    # -- endpoints --------------------------------------------------------------------------

    @property
    def profiles(self) -> list[EndpointProfile]:
        return list(self.endpoints.profiles)

    @property
    def active_id(self) -> str:
        """The default endpoint: what new chats use, and what the toolbar last picked."""
        return self.endpoints.default_id

    def active_profile(self) -> EndpointProfile | None:
        return self.endpoints.profile(self.session.settings.profile_id)

    def set_profiles(
        self, profiles: list[EndpointProfile], chat_profile_id: str, *, make_default: bool
    ) -> None:
        """New profiles from the dialogs: this chat uses `chat_profile_id`; new chats use it
        too only with `make_default` (or when the default endpoint is gone)."""
        default = chat_profile_id if make_default else self.endpoints.default_id
        self.settings.set_profiles(profiles, default)
        self.session.update_settings(profile_id=self.endpoints.resolved_id(chat_profile_id))

    # -- sending ------------------------------------------------------------------------------

    def _on_send_requested(self) -> None:
        self._send(checked=False)

    def _send(self, *, checked: bool) -> None:
        """Send the composer's text; unless `checked`, first make sure it fits the window."""
        w = self.window
        if self.chat.busy:
            return
        text = w.composer.toPlainText()
        raw_mode = self.session.settings.prompt_mode is PromptMode.RAW
        raw = w.raw_editor.toPlainText() if raw_mode else ""
        if not text.strip() and not (raw_mode and raw.strip()):
            return
        editing = self._editing if self._editing and self.session.contains(self._editing) else None
        if not self._variables_filled_in(raw_mode and bool(raw.strip()), checked):
            return
        if not checked and not self.context.allows_send(text, replacing=editing):
            return
        shown = (
            text if text.strip() else QCoreApplication.translate("WindowController", "(raw prompt)")
        )
        # The prompt as an exact saved version, or not sent.
        if not self.prompt_edits.prepare_send():
            return
        self.display.redraw_before_reply = editing is not None
        try:
            if editing is not None:
                self.chat.send_edited(editing, shown, raw)
            else:
                self.chat.send(shown, raw)
        except (RequestError, ParameterError, SessionBusy) as exc:
            self.display.redraw_before_reply = False
            w.status_label.setText(str(exc))  # nothing sent; the composer keeps the text
            return
        self._editing = None
        w.composer.clear()
        w.status_label.clear()

    def _variables_filled_in(self, raw_given: bool, checked: bool) -> bool:
        """The system prompt's {{variables}} have values, or the fill-in form asks (it sends
        once accepted; Cancel leaves the draft). Not asked when no system prompt is sent."""
        mode = self.session.settings.prompt_mode
        if mode is PromptMode.UNSCOPED or raw_given:
            return True
        return self.variables.values_ready(lambda: self._send(checked=checked))

    def _on_reply_ended(self, reply: ChatMessage) -> None:
        if self.session.settings.prompt_mode is PromptMode.RAW:
            self.refill_raw_prompt()

    # -- actions on a message -----------------------------------------------------------------

    def _on_action_requested(self, action: MessageAction, index: int) -> None:
        path = self.session.path()
        message = path[index] if 0 <= index < len(path) else None
        if action is MessageAction.OPEN_SETTINGS:
            self._open_endpoints()
        elif action is MessageAction.NEW_CHAT:
            self.new_chat()
        elif message is None:
            return
        elif action is MessageAction.COPY:
            QGuiApplication.clipboard().setText(message.text)
        elif action is MessageAction.DETAILS:
            self.replies.show_details(message)
        elif action is MessageAction.COMPARE:
            self.replies.compare_versions(message)
        elif self.chat.busy:
            self.window.status_label.setText(
                QCoreApplication.translate(
                    "WindowController", "A reply is still streaming: stop it first."
                )
            )
        elif action is MessageAction.CONTINUE:
            self._start(lambda: self.chat.continue_reply(message))
        elif action is MessageAction.REGENERATE:
            self.regenerate(message)
        elif action is MessageAction.REPLAY:
            self.replay(message)
        elif action is MessageAction.EDIT:
            self.edit(message)
        elif action in (MessageAction.VERSION_PREV, MessageAction.VERSION_NEXT):
            step = -1 if action is MessageAction.VERSION_PREV else 1
            self.session.switch_version(message, step)

    def _on_last_reply_action_requested(self, action: MessageAction) -> None:
        """A menu's Replay, Details or Compare replies: on the last reply shown."""
        path = self.session.path()
        index = next((i for i in reversed(range(len(path))) if path[i].role is Role.ASSISTANT), -1)
        if index < 0:
            self.window.status_label.setText(
                QCoreApplication.translate(
                    "WindowController", "There is no reply in this chat yet."
                )
            )
            return
        self._on_action_requested(action, index)

    def regenerate(self, reply: ChatMessage) -> None:
        """Ask again: a new version of the reply (a failed one with no text is replaced)."""
        self.display.redraw_before_reply = True
        self._start(lambda: self.chat.regenerate(reply))

    def replay(self, reply: ChatMessage) -> None:
        """Send the reply's stored request again, byte for byte: a new version of it."""
        if self.chat.busy:
            self.window.status_label.setText(
                QCoreApplication.translate(
                    "WindowController", "A reply is still streaming: stop it first."
                )
            )
            return
        self.display.redraw_before_reply = True
        # The stored request goes as it was: the chat's prompt and variables play no part.
        self._start(lambda: self.chat.replay(reply), uses_prompt=False)

    def _start(
        self, intent: Callable[[], None], redraw: bool | None = None, *, uses_prompt: bool = True
    ) -> None:
        if redraw is not None:  # asked again once the fill-in form was accepted
            self.display.redraw_before_reply = redraw
        unscoped = self.session.settings.prompt_mode is PromptMode.UNSCOPED
        again, redraw = (lambda: self._start(intent, redraw)), self.display.redraw_before_reply
        if uses_prompt and not unscoped and not self.variables.values_ready(again):
            self.display.redraw_before_reply = False
            return
        # The prompt as an exact saved version, or not sent.
        if uses_prompt and not self.prompt_edits.prepare_send():
            self.display.redraw_before_reply = False
            return
        try:
            intent()
        except (RequestError, ParameterError, SessionBusy, ValueError) as exc:
            self.display.redraw_before_reply = False
            self.window.status_label.setText(str(exc))

    def edit(self, message: ChatMessage) -> None:
        """Put a sent message back in the composer; sending it makes a new version."""
        self._editing = message
        self.window.composer.setPlainText(message.text)
        self.window.composer.setFocus()
        self.window.status_label.setText(
            QCoreApplication.translate(
                "WindowController",
                "Editing your message: Enter sends it as a new version and the old one is kept "
                "(‹ › switches between them). Esc cancels.",
            )
        )

    def _on_composer_escape(self) -> None:
        if self._editing is not None:
            self._editing = None
            self.window.composer.clear()
            self.window.status_label.clear()

    def _on_style_changed(self, style: object) -> None:
        """Light/dark switched: redraw finished messages; a live reply keeps its colours."""
        from app.ui.style import ChatStyle

        assert isinstance(style, ChatStyle)
        view = self.window.conversation_view
        view.set_style(style)
        self.replies.set_dark(style.dark)
        if not self.chat.busy:
            view.show_messages(self.session.path())

    # -- which chat is shown ------------------------------------------------------------------

    def new_chat(self) -> None:
        """An empty chat with the user's defaults (not the settings of the chat left)."""
        self.chat.stop()
        if self.chat.busy:
            self._pending_new_chat()
            return
        self.show_session(ChatSession(self.settings.new_chat_settings(), rules=self.policy))
        self.new_chat_started.emit()

    def _new_chat_with(self, draft: str) -> None:
        """A new chat with the same settings as this one, and the message that did not fit."""
        self.prompt_edits.keep_edit_of_chat_left()  # the new chat starts from it, saved
        settings = self.session.settings
        self.show_session(ChatSession(settings, rules=self.policy))
        self.new_chat_started.emit()
        self.window.composer.setPlainText(draft)
        self._send(checked=False)

    def _pending_new_chat(self) -> None:
        # Stopping ends the reply on the next loop turn; switch once it has been stored. Asked
        # twice meanwhile, it is still one new chat.
        if not self._new_chat_pending:
            self._new_chat_pending = True
            self.chat.busy_changed.connect(self._on_busy_changed_for_new_chat)

    def _on_busy_changed_for_new_chat(self, busy: bool) -> None:
        if not busy:
            self.chat.busy_changed.disconnect(self._on_busy_changed_for_new_chat)
            self._new_chat_pending = False
            self.new_chat()

    def show_session(self, session: ChatSession, *, focus_composer: bool = True) -> None:
        """Show another chat (a new one, or one from history) with its own settings.

        Opened from the sidebar, the focus stays there: its keys (F2, Del, Ctrl+P) keep working.
        """
        self._editing = None
        self._focus_composer = focus_composer
        self.prompt_edits.keep_edit_of_chat_left()  # before the chat left is gone
        self.chat.replace_session(session)

    def _on_session_replaced(self, session: ChatSession) -> None:
        self.window.conversation_view.show_messages(session.path())
        if self._focus_composer:
            self.window.composer.setFocus()
        self._focus_composer = True
        self._on_settings_changed(session.settings)
        if self._raw_shown:
            self.refill_raw_prompt()  # the template of the chat now shown

    def _on_settings_changed(self, settings: ChatSettings) -> None:
        raw = settings.prompt_mode is PromptMode.RAW
        if raw != self._raw_shown:  # the template is prefilled once, on switching to raw
            self._raw_shown = raw
            self.window.set_raw_mode(raw)
            if raw:
                self.refill_raw_prompt()

    # -- raw mode -----------------------------------------------------------------------------

    def refill_raw_prompt(self) -> None:
        draft = self.window.composer.toPlainText()
        try:
            template = self.session.raw_prompt(draft)
        except RequestError as exc:
            # {{variables}} without values: never a template with the braces in it (it would
            # be sent as it is). Empty, Send fills them in first.
            self.window.raw_editor.clear()
            self.window.status_label.setText(str(exc))
            return
        self.window.raw_editor.setPlainText(template)
