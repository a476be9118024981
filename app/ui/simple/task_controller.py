"""Simple mode's "What do you want to do?": choosing a task sets the chat's instructions.

A policy's prompt goes in through the session's own settings (`update_settings`), which the
policy's `lock_prompts` allows for exactly its prompts; then the fill-in form asks for the
task's blanks (a customer's name…) at once, and the message box takes the focus.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject

from app.core.chat_settings import ChatSettings
from app.core.policy import Policy
from app.core.prompts.library import PromptLibrary
from app.core.session import ChatSession
from app.ui.simple.task_choices import TaskChoice, task_choices
from app.ui.simple.task_panel import TaskPanel
from app.ui.window.window_controller import WindowController


class TaskController(QObject):
    """Keeps the panel in step with the chat shown, and applies the task picked."""

    def __init__(
        self,
        controller: WindowController,
        panel: TaskPanel,
        policy: Policy,
        library: Callable[[], PromptLibrary | None],
    ) -> None:
        super().__init__(controller)
        self._controller = controller
        self._panel = panel
        self._policy = policy
        self._library = library
        self.choices: list[TaskChoice] = []
        panel.task_chosen.connect(self._on_panel_task_chosen)
        panel.new_chat_requested.connect(controller.new_chat)
        controller.chat.session_replaced.connect(self._on_chat_changed)
        controller.chat.settings_changed.connect(self._on_chat_changed)
        controller.library.changed.connect(self.refresh)
        controller.library.availability_changed.connect(self.refresh)

    @property
    def session(self) -> ChatSession:
        return self._controller.session

    def refresh(self) -> None:
        self.choices = task_choices(self._policy, self._library())
        self._panel.set_choices(self.choices)
        self._on_chat_changed()

    def choose(self, row: int) -> None:
        """Work on task `row`: a chat already under way gives way to a new one first."""
        if not 0 <= row < len(self.choices):
            return
        window = self._controller.window
        if self._controller.chat.busy:
            window.status_label.setText(
                QCoreApplication.translate(
                    "SimpleTasks", "Wait for the answer to finish, or press Esc to stop it first."
                )
            )
            self._on_chat_changed()
            return
        if self.session.path():
            self._controller.new_chat()
        self._apply(self.choices[row])
        ok = QCoreApplication.translate("SimpleTasks", "OK")
        if not self._controller.variables.fill_in_now(ok, window.composer.setFocus):
            window.composer.setFocus()

    def _apply(self, choice: TaskChoice) -> None:
        if not choice.ref:
            self.session.update_settings(
                system_prompt="", prompt_ref="", variables=(), values=(), own_prompt=None
            )
        elif choice.from_policy:
            self.session.update_settings(
                system_prompt=choice.system,
                prompt_ref=choice.ref,
                variables=choice.variables,
                values=(),
            )
        else:
            self._controller.prompts.use(choice.ref)

    def _on_panel_task_chosen(self, row: int) -> None:
        self.choose(row)

    def _on_chat_changed(self, _what: object = None) -> None:
        settings: ChatSettings = self.session.settings
        row = next(
            (i for i, c in enumerate(self.choices) if c.matches(settings.prompt_ref)),
            0 if not settings.system_prompt else -1,
        )
        description = self.choices[row].description if 0 <= row < len(self.choices) else ""
        self._panel.show_current(row, description)
