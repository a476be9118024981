"""Binds the side panel and the endpoint selector to the open chat's own settings, both ways.

Each chat keeps its own system prompt, parameters, prompt mode and endpoint: the widgets always
show the open chat's, and edits go to that chat. New chats start from the user's defaults,
which change only when the user says so ("Use as default for new chats"), or, for the endpoint,
when the user picks one in the toolbar.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QPlainTextEdit

from app.core.chat_settings import ChatSettings
from app.core.policy import POLICY_PROFILE_PREFIX
from app.core.profiles import EndpointProfile
from app.core.prompts.text_form import as_edited
from app.core.session import ChatSession
from app.ui.chat.session_controller import SessionController
from app.ui.window.endpoint_choice import EndpointChoice, model_label
from app.ui.window.main_window import MainWindow


class SettingsBinding(QObject):
    defaults_changed = Signal(object)  # ChatSettings: what new chats start from

    def __init__(
        self,
        window: MainWindow,
        chat: SessionController,
        endpoints: EndpointChoice,
        defaults: ChatSettings,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._chat = chat
        self._endpoints = endpoints
        self.defaults = replace(defaults, profile_id=endpoints.default_id, prompt_ref="")
        self._showing = False  # widgets are being set from the session: not an edit
        w = window
        w.system_prompt_editor.textChanged.connect(self._on_prompt_edited)
        w.params_panel.changed.connect(self._on_params_edited)
        w.profile_selector.currentIndexChanged.connect(self._on_profile_selected)
        w.use_as_default_requested.connect(self._on_use_as_default_requested)
        chat.settings_changed.connect(self._show)
        chat.session_replaced.connect(self._on_session_replaced)
        self.refresh_profiles()
        self._show(chat.session.settings)

    @property
    def session(self) -> ChatSession:
        return self._chat.session

    def new_chat_settings(self) -> ChatSettings:
        return replace(self.defaults, profile_id=self._endpoints.default_id)

    # -- profiles ----------------------------------------------------------------------------

    def refresh_profiles(self) -> None:
        """Fill the selector with the profiles; it shows the open chat's (or the default)."""
        selector = self._window.profile_selector
        selector.blockSignals(True)
        selector.clear()
        for profile in self._endpoints.profiles:
            selector.addItem(profile.name, profile.id)
            if profile.id.startswith(POLICY_PROFILE_PREFIX):  # set up by the administrator
                selector.setItemData(
                    selector.count() - 1,
                    self._chat.rules.locked_note(),
                    Qt.ItemDataRole.ToolTipRole,
                )
        selector.blockSignals(False)
        self._show_profile(self.session.settings)

    def set_profiles(self, profiles: list[EndpointProfile], default_id: str) -> None:
        """The profiles changed (a dialog was saved); new chats use `default_id`, or the first
        one if it is gone."""
        self._endpoints.set_profiles(profiles, default_id)
        if self.defaults.profile_id != self._endpoints.default_id:
            self.defaults = replace(self.defaults, profile_id=self._endpoints.default_id)
            self.defaults_changed.emit(self.defaults)
        self.refresh_profiles()

    def _show_profile(self, settings: ChatSettings) -> None:
        selector = self._window.profile_selector
        index = selector.findData(self._endpoints.resolved_id(settings.profile_id))
        selector.blockSignals(True)
        selector.setCurrentIndex(max(index, 0) if selector.count() else -1)
        selector.blockSignals(False)
        profile = self._endpoints.profile(settings.profile_id)
        self._window.endpoint_status.setText("  " + model_label(profile))

    def _on_profile_selected(self, index: int) -> None:
        profile_id = self._window.profile_selector.itemData(index) or ""
        # Picked by the user: this chat's endpoint, and the one new chats start with.
        self._endpoints.default_id = profile_id
        self.defaults = replace(self.defaults, profile_id=profile_id)
        self.defaults_changed.emit(self.defaults)
        self.session.update_settings(profile_id=profile_id)
        self._show_profile(self.session.settings)

    # -- edits from the widgets --------------------------------------------------------------

    def _on_prompt_edited(self) -> None:
        if not self._showing:
            self.session.update_settings(
                system_prompt=self._window.system_prompt_editor.toPlainText()
            )

    def _on_params_edited(self) -> None:
        if not self._showing:
            panel = self._window.params_panel
            self.session.update_settings(
                params=panel.params(),
                prompt_mode=panel.prompt_mode(),
                reproducible=panel.reproducible.isChecked(),
            )

    def _on_use_as_default_requested(self) -> None:
        settings = self.session.settings
        self._endpoints.default_id = self._endpoints.resolved_id(settings.profile_id)
        # Values are this chat's answers (a new chat is asked its own); text it set aside for
        # a library prompt is this chat's too.
        self.defaults = replace(
            settings,
            profile_id=self._endpoints.default_id,
            prompt_ref="",
            values=(),
            own_prompt=None,
        )
        self.defaults_changed.emit(self.defaults)
        self._show_defaults_note(settings)
        self._window.status_label.setText(
            QCoreApplication.translate(
                "SettingsBinding",
                "New chats will start with this system prompt, these parameters and this endpoint.",
            )
        )

    # -- the session's settings, shown -------------------------------------------------------

    def _on_session_replaced(self, session: ChatSession) -> None:
        self._show(session.settings, another_chat=True)

    def _show(self, settings: ChatSettings, *, another_chat: bool = False) -> None:
        w = self._window
        self._showing = True
        try:
            editor = w.system_prompt_editor
            if another_chat:  # Ctrl+Z must not bring back the text of the chat left
                editor.setPlainText(settings.system_prompt)
            else:
                replace_text(editor, settings.system_prompt)
            if w.params_panel.params() != settings.params:
                w.params_panel.set_params(settings.params)
            if w.params_panel.prompt_mode() is not settings.prompt_mode:
                w.params_panel.set_prompt_mode(settings.prompt_mode)
            if w.params_panel.reproducible.isChecked() != settings.reproducible:
                w.params_panel.set_reproducible(settings.reproducible)
        finally:
            self._showing = False
        self._show_profile(settings)
        self._show_defaults_note(settings)

    def _show_defaults_note(self, settings: ChatSettings) -> None:
        same = (
            settings.system_prompt == self.defaults.system_prompt
            and settings.params == self.defaults.params
            and settings.prompt_mode is self.defaults.prompt_mode
            and settings.reproducible == self.defaults.reproducible
        )
        self._window.set_defaults_note(
            QCoreApplication.translate("SettingsBinding", "Same as your defaults for new chats.")
            if same
            else QCoreApplication.translate(
                "SettingsBinding", "Differs from your defaults for new chats."
            )
        )


def replace_text(editor: QPlainTextEdit, text: str) -> None:
    """Show `text` as one edit of what differs (Ctrl+Z takes it back; the cursor stays put).

    Text that reads the same in the editor (a version with "\r\n" in it) leaves it alone.
    """
    old, new = editor.toPlainText(), as_edited(text)
    if old == new:
        return
    start = _common_prefix(old, new)
    end = _common_prefix(old[start:][::-1], new[start:][::-1])
    cursor = QTextCursor(editor.document())
    cursor.beginEditBlock()
    # Qt counts positions in UTF-16 units: an emoji before the change counts twice.
    cursor.setPosition(_utf16_length(old[:start]))
    cursor.setPosition(_utf16_length(old[: len(old) - end]), QTextCursor.MoveMode.KeepAnchor)
    cursor.insertText(new[start : len(new) - end])
    cursor.endEditBlock()


def _common_prefix(a: str, b: str) -> int:
    """How many leading characters `a` and `b` share (slices compared in C: fast on 1 MB)."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        middle = (low + high + 1) // 2
        if a[:middle] == b[:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def _utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le", "surrogatepass")) // 2
