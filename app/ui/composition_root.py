"""The composition root: builds the services, the window and its controller, then runs the loop."""

from __future__ import annotations

import argparse
import asyncio
import functools
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import qasync
from PySide6.QtGui import QFont, QIcon
from PySide6.QtWidgets import QApplication

from app.cli.options import COMMAND_LINE_PROFILE_ID, UsageError, endpoint_from, profile_from
from app.core.chat_settings import ChatSettings
from app.core.policy import NO_POLICY, Policy
from app.core.prompts.library import PromptLibrary
from app.net.backend_factory import BackendFactory
from app.storage.disk import data_dir_notice, data_dir_problem
from app.storage.history.store import HistoryStore, HistoryUnavailable, history_path
from app.storage.policy_file import PolicyLoad, load_policy
from app.storage.secrets import KeyringSecretStore, MemorySecretStore
from app.storage.settings import (
    Settings,
    SettingsError,
    SettingsStore,
    default_data_dir,
    settings_path,
)
from app.storage.token_file import token_file
from app.storage.token_storage import TokenStorage
from app.ui.appearance.appearance_controller import AppearanceController
from app.ui.compare.compare_mode import CompareMode
from app.ui.endpoints.endpoint_setup import EndpointSetup
from app.ui.evals.evals_launcher import EvalsLauncher
from app.ui.history.history_controller import HistoryController, unavailable_notice
from app.ui.policy.locks import export_refused
from app.ui.policy.policy_start import (
    ShowRefusal,
    profiles_to_save,
    refuse_to_start,
    refused_endpoint_options,
    show_refusal_box,
    start_settings,
)
from app.ui.prompts.presets import PresetsController
from app.ui.simple.simple_setup import build_simple_mode
from app.ui.style import style_for
from app.ui.task_set import TaskSet
from app.ui.window.event_loop import (
    collect_garbage_on_gui_thread,
    finalise_abandoned_generators,
)
from app.ui.window.event_loop import install_asyncgen_hooks as install_asyncgen_hooks
from app.ui.window.language import install_language
from app.ui.window.language_menu import LanguageMenu
from app.ui.window.main_window import MainWindow
from app.ui.window.saved_layout import dim_disabled, restore_layout, save_layout
from app.ui.window.single_instance import SingleInstance
from app.ui.window.start_up import already_running, endpoint_given, no_display, tell
from app.ui.window.start_up import build_parser as build_parser
from app.ui.window.window_controller import WindowController

if TYPE_CHECKING:  # imported when first used: most starts need neither
    from app.ui.history.backup_offer import BackupOffer
    from app.ui.history.file_actions import HistoryFileActions
    from app.ui.prompts.library_window import LibraryWindow

#: File actions that write chats somewhere the user picks: off when the policy says so.
EXPORTS = frozenset({"export-markdown", "export-json", "backup-all"})
RESOURCES = Path(__file__).resolve().parents[2] / "resources"


class Application:
    """Everything one window needs, built once and handed down through constructors."""

    def __init__(
        self, args: argparse.Namespace, qapp: QApplication, *, policy: Policy = NO_POLICY
    ) -> None:
        self.qapp = qapp
        #: The machine's policy (run() reads it; tests hand one in). Every lock it holds is
        #: enforced on the settings themselves (ChatSession.rules), not in the widgets.
        self.policy = policy
        data_dir = args.data_dir or default_data_dir()
        # A folder nothing can be saved in (a file in its place, read-only, a full disk): say so
        # once, keep settings and chats in memory, and do not try the history at all.
        problem = data_dir_problem(data_dir)
        self.store = SettingsStore(settings_path(data_dir))
        self.settings: Settings = self.store.load()
        if endpoint_given(args) and not policy.allow_user_endpoints:
            raise UsageError(refused_endpoint_options(policy))  # before anything is built
        # Before any widget or notice is made: they translate their words when they are made.
        self.language = install_language(self.settings.ui.language)
        self.data_dir_notice = data_dir_notice(data_dir, problem) if problem else ""
        self.cli_profile = profile_from(endpoint_from(args)) if endpoint_given(args) else None
        dim_disabled(qapp)
        style = style_for(qapp.palette())
        self.window = MainWindow(style)
        self.window.setWindowIcon(QIcon(str(RESOURCES / "llamadesk.svg")))
        keyring = KeyringSecretStore()
        read_key = functools.partial(token_file, contact=policy.contact_sentence())
        self.factory = BackendFactory(keyring, MemorySecretStore(), read_token_file=read_key)
        profiles, active, defaults = start_settings(policy, self.settings, self.cli_profile)
        s = self.settings
        self.controller = WindowController(
            self.window,
            self.factory,
            profiles,
            active,
            open_endpoints=lambda: self.simple.open_endpoints_or(
                self.endpoint_setup.open_endpoints
            ),
            defaults=defaults,
            user_name=s.user_name,
            policy=policy,
        )
        self.controller.settings.defaults_changed.connect(self._on_defaults_changed)
        self.controller.variables.user_name_changed.connect(self._on_user_name_changed)
        tokens = TokenStorage(keyring, self.factory.session, read_token_file=read_key)
        self.endpoint_setup = EndpointSetup(
            self.controller,
            self.factory,
            tokens,
            self.settings,
            self.save,
            self.cli_profile,
        )
        self.backup_offer: BackupOffer | None = None  # made only when a backup can help
        self.history = self._open_history(history_path(data_dir))
        self._open_library(self.history.store)
        self.history.store_replaced.connect(self._open_library)
        self.library_window: LibraryWindow | None = None  # made on first use
        self.window.prompt_library_requested.connect(self.open_library)
        self.controller.prompts.library_requested.connect(self.open_library)
        self.presets = PresetsController(self.controller, self._prompt_library)
        self.evals = EvalsLauncher(self.window, self.controller, self.history, self._prompt_library)
        self.window.test_sets_requested.connect(self.evals.open)
        self.window.file_action_requested.connect(self._on_file_action_requested)
        self.compare = CompareMode(self.controller, self.history)  # before closing's own slot
        self.simple = build_simple_mode(
            self.controller,
            policy,
            self.settings.ui.simple_mode,
            tokens,
            self.factory,
            self._prompt_library,
            self.compare.controller.leave,
            self.history,
        )
        self.closed = asyncio.Event()
        self._closed_dialog_tasks: list[TaskSet] = []
        self.window.closing.connect(self._on_window_closing)
        self.window.font_size_step_requested.connect(self._on_font_size_step)
        self.window.style_changed.connect(lambda _style: dim_disabled(qapp))  # the OS switched
        self.appearance = AppearanceController(qapp, self.window, self._on_theme_chosen)
        self._system_point_size = qapp.font().pointSize()
        say = self.window.status_label.setText
        self.language_menu = LanguageMenu(
            self.window.view_menu, self.settings.ui, self.save, say, self.language.language
        )
        if self.language.note:
            say(self.language.note)
        self._restore()
        self._reopen_compare()

    @functools.cached_property
    def file_actions(self) -> HistoryFileActions:
        """The Chat menu's file actions, made on first use (no start pays for export code)."""
        from app.ui.history.file_actions import HistoryFileActions
        from app.ui.window.file_dialogs import dialog_picker

        return HistoryFileActions(
            self.history,
            self.controller,
            self.window.status_label.setText,
            dialog_picker(self.window),
            self.window,
        )

    def _on_file_action_requested(self, name: str) -> None:
        if name in EXPORTS and not self.policy.allow_export:  # the actions are off as well
            self.window.status_label.setText(export_refused(self.policy))
            return
        actions = {
            "export-markdown": self.file_actions.export_markdown,
            "export-json": self.file_actions.export_json,
            "import-json": self.file_actions.import_json,
            "backup-all": self.file_actions.backup_all,
            "restore-all": self.file_actions.restore_all,
        }
        actions[name]()

    def _open_library(self, store: HistoryStore | None) -> None:
        """The prompt library lives in the history file: there when the history is."""
        self.controller.library.set_library(store.prompts if store is not None else None)

    def open_library(self) -> None:
        """The prompt library window (Ctrl+Shift+L, or Library… next to the picker)."""
        if self.library_window is None:
            from app.ui.prompts.library_window import LibraryWindow

            self.library_window = LibraryWindow(
                self.window,
                self.window.style_in_use,
                self.controller.library,
                self.controller.prompts,
            )
        self.library_window.open(self.controller.prompts.prompt_id)

    def _prompt_library(self) -> PromptLibrary | None:
        """The library in the history file, while one is open (a restored backup: that one)."""
        return self.history.store.prompts if self.history.store is not None else None

    def _open_history(self, path: Path) -> HistoryController:
        """The history, or (when it must not be touched) a chat kept in memory and a notice."""
        if self.data_dir_notice:
            return HistoryController(self.controller, None, self.data_dir_notice)
        try:
            store = HistoryStore.open(path)
        except HistoryUnavailable as exc:
            history = HistoryController(self.controller, None, unavailable_notice(exc, path))
            if exc.backups:  # offered once the window is up
                from app.ui.history.backup_offer import BackupOffer

                self.backup_offer = BackupOffer(
                    history, path, exc, self.window.status_label.setText, self.window
                )
            return history
        return HistoryController(self.controller, store)

    def _restore(self) -> None:
        s, w = self.settings, self.window
        restore_layout(s.ui, w)
        if s.ui.font_point_size:
            self._apply_point_size(s.ui.font_point_size)
        self.appearance.start(s.ui.theme)

    def _reopen_compare(self) -> None:
        """The compare on screen when LlamaDesk last quit opens again (one deleted since, or
        in a history that is off, is not: the window starts as usual)."""
        compare_id = self.settings.ui.open_compare
        if compare_id and not self.simple.on and self.history.model.row_of(compare_id) >= 0:
            self.compare.controller.open(compare_id)

    def _on_defaults_changed(self, defaults: ChatSettings) -> None:
        """What new chats start with changed: remember it now (not only at quit)."""
        try:
            self.save()
        except (SettingsError, ValueError) as exc:
            self.window.status_label.setText(str(exc))

    def _on_user_name_changed(self, name: str) -> None:
        self.settings.user_name = name
        try:
            self.save()
        except (SettingsError, ValueError) as exc:
            self.window.status_label.setText(str(exc))

    def _on_theme_chosen(self, theme: str) -> None:
        """View > Theme: kept for the next start (saved now, not only at quit)."""
        self.settings.ui.theme = theme
        try:
            self.save()
        except (SettingsError, ValueError) as exc:
            self.window.status_label.setText(str(exc))

    def _on_font_size_step(self, step: int) -> None:
        current = self.settings.ui.font_point_size or self._system_point_size
        size = 0 if step == 0 else max(7, min(32, current + step))
        self.settings.ui.font_point_size = size
        self._apply_point_size(size or self._system_point_size)

    def _apply_point_size(self, size: int) -> None:
        font = QFont(self.qapp.font())
        font.setPointSize(size)
        self.qapp.setFont(font)
        self.window.conversation_view.set_point_size(size)

    def _on_window_closing(self) -> None:
        # Whatever fails here (a full disk, a read-only folder), the process must still end:
        # `closed` is what run() waits for, and an exception in a slot would skip it.
        try:
            setup = self.endpoint_setup
            self._closed_dialog_tasks = [d.tasks for d in (setup.welcome, setup.endpoints) if d]
            self._closed_dialog_tasks += self.simple.first_run.close()
            setup.close_dialogs()  # cancels their tasks; run() lets them end inside the loop
            if self.library_window is not None:
                self._closed_dialog_tasks.append(self.library_window.files.tasks)
                self.library_window.close()
            self.controller.chat.stop()
            self.evals.close()  # a run's finished cells are stored already
            # An unsaved prompt edit in a chat that is not kept becomes a version first.
            self.controller.prompt_edits.keep_edit_of_chat_left()
            self._close_history()  # after the stopped reply is stored, if one was streaming
            try:
                self.save()
            except (SettingsError, ValueError) as exc:
                tell(f"settings were not saved: {exc}")
        finally:
            self.closed.set()

    def _close_history(self) -> None:
        try:
            self.history.close()
        except (sqlite3.Error, OSError) as exc:  # what was written before is stored already
            tell(f"the chat history could not be closed cleanly: {exc}")

    def save(self) -> None:
        s, w = self.settings, self.window
        save_layout(s.ui, w)
        shown = self.compare.controller.compare
        s.ui.open_compare = (shown.compare_id or 0) if shown is not None else 0
        s.ui.simple_mode = self.simple.setting.chosen  # a locked policy's value is not saved
        defaults = self.controller.settings.defaults
        s.system_prompt = defaults.system_prompt
        s.variables = defaults.variables
        s.params = defaults.params
        s.prompt_mode = defaults.prompt_mode.value
        s.profiles = profiles_to_save(self.policy, self.controller.profiles, s.profiles)
        if self.controller.active_id != COMMAND_LINE_PROFILE_ID:
            s.active_profile_id = self.controller.active_id
        self.store.save(s)

    def show(self) -> None:
        self.window.show()
        compare = self.compare.controller
        (compare.view.composer if compare.active else self.window.composer).setFocus()
        # After the window, so it sits on top: the welcome, or under a policy the key page.
        self.simple.first_start(self.policy, self.endpoint_setup.show_welcome_if_needed)
        if self.backup_offer is not None:
            self.backup_offer.show()

    async def run(self) -> None:
        install_asyncgen_hooks()
        self.show()
        await self.run_until_closed_for_tests()

    async def run_until_closed_for_tests(self) -> None:
        """Wait for the window to close, then release the network clients."""
        await self.closed.wait()
        await self.controller.chat.wait_idle()
        await self.evals.wait_idle()
        await self.compare.wait_idle()
        for tasks in self._closed_dialog_tasks:  # a cancelled probe still closes its client
            await tasks.wait_idle()
        self._close_history()  # already closed once the stopped reply was stored; idempotent
        await self.factory.aclose()
        await finalise_abandoned_generators()  # before the loop stops
        self.language.remove()  # a window made after this one (tests) starts from English


def run(
    argv: list[str],
    *,
    read_policy: Callable[[], PolicyLoad] = load_policy,
    show_refusal: ShowRefusal = show_refusal_box,
) -> int:
    """`read_policy` and `show_refusal` are for tests only: nothing a user sets reaches them."""
    args = build_parser().parse_args(argv)
    if no_display():
        print(
            "llamadesk: no graphical display was found (DISPLAY and WAYLAND_DISPLAY are "
            "unset). Start LlamaDesk from your desktop session, or use `llamadesk ask` "
            "in a terminal.",
            file=sys.stderr,
        )
        return 1
    if endpoint_given(args) and not args.backend:
        args.backend = "workers-ai"
    args.data_dir = args.data_dir or default_data_dir()
    qapp = QApplication.instance() or QApplication([sys.argv[0], *argv])
    assert isinstance(qapp, QApplication)
    qapp.setApplicationName("LlamaDesk")
    qapp.setQuitOnLastWindowClosed(False)  # the asyncio task decides when we are done
    instance = SingleInstance(args.data_dir)
    if not instance.acquire() and (code := already_running(instance)) is not None:
        return code
    collect_garbage_on_gui_thread(qapp)
    policy_load = read_policy()
    if policy_load.policy is None:
        assert policy_load.problem is not None
        instance.release()
        return refuse_to_start(policy_load.problem, show_refusal)
    try:
        application = Application(args, qapp, policy=policy_load.policy)
    except UsageError as exc:
        instance.release()
        print(f"llamadesk: {exc}", file=sys.stderr)
        return 2
    instance.serve(application.window)
    with asyncio.Runner(loop_factory=lambda: qasync.QEventLoop(qapp)) as runner:
        runner.run(application.run())
    instance.release()
    return 0
