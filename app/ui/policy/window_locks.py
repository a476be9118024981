"""The main window under an administrator's policy: each locked control shows its lock, refused
changes say what was kept, the organization's prompts can be chosen, exports stay off.

Shows only: the locks themselves are enforced on every chat's settings (ChatSession.rules) and
in the code paths behind the actions (exports, replays), so a control left enabled by mistake
still could not get round them.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QVBoxLayout

from app.core.chat_settings import ChatSettings
from app.core.policy import Policy
from app.core.request import PromptMode
from app.core.session import ChatSession
from app.ui.chat.session_controller import SessionController
from app.ui.policy.locks import kept_note, lock_action, lock_control, lock_mark
from app.ui.policy.managed_view import add_managed_settings_action
from app.ui.window.main_window import MainWindow

#: The Chat menu's actions that write chats to a file of the user's choosing.
EXPORT_ACTIONS = ("export-markdownAction", "export-jsonAction", "backup-allAction")


class PolicyPromptChooser(QComboBox):
    """The organization's prompts, one line each; the first line is "no prompt"."""

    def __init__(self, policy: Policy) -> None:
        super().__init__()
        self.setObjectName("policyPromptChooser")
        self.setAccessibleName(
            QCoreApplication.translate("PolicyPromptChooser", "Your organization's prompts")
        )
        self.setToolTip(
            QCoreApplication.translate(
                "PolicyPromptChooser", "Choose one of the prompts your organization provides"
            )
        )
        self.addItem(QCoreApplication.translate("PolicyPromptChooser", "No system prompt"), "")
        for prompt in policy.prompts:
            self.addItem(prompt.name, prompt.ref)

    def show_ref(self, ref: str) -> None:
        self.blockSignals(True)
        self.setCurrentIndex(max(0, self.findData(ref)))
        self.blockSignals(False)


class WindowLocks(QObject):
    """Applies `policy` to the main window's controls once, and follows the chat shown."""

    def __init__(self, window: MainWindow, chat: SessionController, policy: Policy) -> None:
        super().__init__(window)
        self._window, self._chat, self._policy = window, chat, policy
        note = policy.locked_note()
        window.params_panel.lock(policy.locked_params(), note)
        self.prompts: PolicyPromptChooser | None = None
        if policy.prompts:
            self.prompts = PolicyPromptChooser(policy)
            self.prompts.activated.connect(self._on_prompts_activated)
            layout = window.side_panel.layout()
            assert isinstance(layout, QVBoxLayout)
            layout.insertWidget(1, self.prompts)  # under the title, above the library picker
        if policy.lock_prompts:
            self._lock_prompt_editing(note)
        if not policy.allow_export:
            for name in EXPORT_ACTIONS:
                action = window.findChild(QAction, name)
                if action is not None:
                    lock_action(action, note)
        self.managed_action = add_managed_settings_action(window, policy)
        chat.settings_changed.connect(self._on_chat_settings_changed)
        chat.session_replaced.connect(self._on_chat_session_replaced)
        chat.settings_refused.connect(self._on_chat_settings_refused)
        self._on_chat_settings_changed(chat.session.settings)

    def _lock_prompt_editing(self, note: str) -> None:
        w = self._window
        editor = w.system_prompt_editor
        editor.setReadOnly(True)  # still readable, selectable and copyable
        editor.setPlaceholderText(f"{lock_mark()} {note}")  # an empty prompt says why, too
        editor.setToolTip(f"{lock_mark()} {note}")
        editor.setAccessibleDescription(f"{lock_mark()} {note}")
        for widget in (w.prompt_picker, w.variables_button, w.prompt_save_bar):
            lock_control(widget, note, True)
        # A raw template is free text: the policy refuses it, the list says so beforehand.
        mode = w.params_panel.mode
        model = mode.model()
        if isinstance(model, QStandardItemModel):
            item = model.item(mode.findData(PromptMode.RAW.value))
            if item is not None:
                item.setEnabled(False)
                item.setToolTip(f"{lock_mark()} {note}")

    def _on_prompts_activated(self, index: int) -> None:
        assert self.prompts is not None
        ref = self.prompts.itemData(index) or ""
        prompt = next((p for p in self._policy.prompts if p.ref == ref), None)
        session: ChatSession = self._chat.session
        if prompt is None:
            session.update_settings(system_prompt="", prompt_ref="", variables=(), values=())
        else:  # unlocked, it is a starting point: the chat's own prompt from then on
            session.update_settings(
                system_prompt=prompt.system,
                prompt_ref=prompt.ref if self._policy.lock_prompts else "",
                variables=prompt.variables,
                values=(),
                own_prompt=None,
            )

    def _on_chat_session_replaced(self, session: ChatSession) -> None:
        self._on_chat_settings_changed(session.settings)

    def _on_chat_settings_changed(self, settings: ChatSettings) -> None:
        if self.prompts is not None:
            self.prompts.show_ref(settings.prompt_ref)

    def _on_chat_settings_refused(self, settings: ChatSettings, refused: tuple[str, ...]) -> None:
        if note := kept_note(self._policy, settings, refused):
            self._window.status_label.setText(note)
