"""Builds Simple mode's pieces for the composition root, and starts the window in it or not."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from app.core.policy import Policy
from app.core.prompts.library import PromptLibrary
from app.core.simple_mode import SimpleModeSetting
from app.net.backend_factory import BackendFactory
from app.storage.token_storage import TokenStorage
from app.ui.history.history_controller import HistoryController
from app.ui.simple.first_run import FirstRun
from app.ui.simple.simple_footer import SimpleFooter
from app.ui.simple.simple_window import SimpleModeController
from app.ui.simple.task_controller import TaskController
from app.ui.simple.task_panel import TaskPanel
from app.ui.window.window_controller import WindowController


@dataclass
class SimpleMode:
    """What the application keeps: the mode's switch and the policy's first run."""

    setting: SimpleModeSetting
    window: SimpleModeController
    first_run: FirstRun

    @property
    def on(self) -> bool:
        return self.window.on

    def first_start(self, policy: Policy, welcome: Callable[[], None]) -> None:
        """No welcome wizard under a policy (the administrator set LlamaDesk up): at most the
        page asking for the user's own key. Without one, the welcome as usual."""
        if policy.active:
            self.first_run.start()
        else:
            welcome()

    def open_endpoints_or(self, open_endpoints: Callable[[], None]) -> None:
        """ "Open the endpoint settings" (a reply's fix): in Simple mode, the key page when the
        user's own key can help, else nothing technical opens."""
        if not self.on:
            open_endpoints()
        elif self.first_run.key_pasteable:
            self.first_run.open_key_page()


def build_simple_mode(
    controller: WindowController,
    policy: Policy,
    chosen: bool | None,
    tokens: TokenStorage,
    factory: BackendFactory,
    library: Callable[[], PromptLibrary | None],
    leave_compare: Callable[[], None],
    history: HistoryController,
) -> SimpleMode:
    """Simple mode's pieces, with the window switched to it when the setting says so."""
    setting = SimpleModeSetting(policy, chosen)
    first_run = FirstRun(controller, tokens, factory, policy)
    contact = policy.contact_sentence()
    footer = SimpleFooter(contact, key_pasteable=first_run.key_pasteable)
    panel = TaskPanel(controller.window.style_in_use.muted)
    tasks = TaskController(controller, panel, policy, library)
    window = SimpleModeController(
        controller, setting, panel, tasks, footer, contact, leave_compare=leave_compare
    )
    window.set_on(setting.on)
    simple = SimpleMode(setting, window, first_run)
    open_compare = history.open_compare  # a saved comparison in the sidebar: not in Simple mode

    def open_compare_unless_simple(compare_id: int) -> bool:
        if not simple.on:
            return open_compare(compare_id)
        controller.window.status_label.setText(
            QCoreApplication.translate(
                "SimpleMode", "Side-by-side comparisons open when Simple mode is off."
            )
        )
        return False

    history.open_compare = open_compare_unless_simple
    return simple
