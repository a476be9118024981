"""Presets in the window: the Presets menu starts a chat with one click, saves this chat's
settings as one, and opens Manage presets. A preset whose prompt or endpoint is gone still
starts, with a sentence saying what was used instead."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog

from app.core.i18n import QT_TRANSLATE_NOOP
from app.core.prompts.library import LibraryError, Preset, PromptLibrary
from app.core.request import PromptMode
from app.core.session import ChatSession
from app.ui.policy.locks import kept_note
from app.ui.prompts.preset_settings import (
    LIBRARY_ERRORS,
    parse_or_none,
    prompt_ref_for,
    settings_for,
)
from app.ui.window.window_controller import WindowController

if TYPE_CHECKING:  # the dialogs are loaded when first opened, not at every start
    from app.ui.prompts.presets_dialog import ManagePresetsDialog, PresetNameDialog

#: The menu lists this many presets; Manage presets… lists them all.
MENU_PRESETS = 30
_MODE_WORDS = {
    PromptMode.CHAT: QT_TRANSLATE_NOOP("PresetsController", "chat"),
    PromptMode.UNSCOPED: QT_TRANSLATE_NOOP("PresetsController", "single prompt"),
    PromptMode.RAW: QT_TRANSLATE_NOOP("PresetsController", "raw"),
}
_T = TypeVar("_T")


class PresetsController(QObject):
    """Reads and writes presets through the PromptLibrary; starts chats through the window."""

    def __init__(
        self, controller: WindowController, library: Callable[[], PromptLibrary | None]
    ) -> None:
        """`library`: the open history's prompt library now (None while the history is off)."""
        super().__init__(controller)
        self._controller = controller
        self._window = controller.window
        self._library = library
        self.name_dialog: PresetNameDialog | None = None
        self.manage_dialog: ManagePresetsDialog | None = None
        self._deleted: Preset | None = None  # for Undo in Manage presets
        menu = self._window.presets_menu
        menu.aboutToShow.connect(self.refresh_menu)  # read when opened, not at start-up

    @property
    def library(self) -> PromptLibrary | None:
        return self._library()

    # -- the menu -----------------------------------------------------------------------------

    def refresh_menu(self) -> None:
        menu = self._window.presets_menu
        menu.clear()
        if self.library is None:
            off = menu.addAction(
                QCoreApplication.translate(
                    "PresetsController", "Presets are kept with the chat history, which is off"
                )
            )
            off.setEnabled(False)
            return
        presets = self.presets()
        for preset in presets[:MENU_PRESETS]:
            act = QAction(_menu_text(preset.name), menu)
            tip = self.describe(preset)  # reads the library: once per entry
            act.setToolTip(tip)
            act.setStatusTip(tip)
            act.triggered.connect(lambda _=False, i=preset.id: self.start(i))
            menu.addAction(act)
        if not presets:
            menu.addAction(
                QCoreApplication.translate("PresetsController", "No presets yet")
            ).setEnabled(False)
        elif len(presets) > MENU_PRESETS:
            menu.addAction(
                QCoreApplication.translate(
                    "PresetsController", "{value} more in Manage presets…"
                ).format(value=len(presets) - MENU_PRESETS)
            ).setEnabled(False)
        menu.setToolTipsVisible(True)
        menu.addSeparator()
        save = menu.addAction(
            QCoreApplication.translate(
                "PresetsController", "&Save this chat's settings as a preset…"
            )
        )
        save.setObjectName("savePresetAction")
        save.triggered.connect(self.ask_save)
        manage = menu.addAction(QCoreApplication.translate("PresetsController", "&Manage presets…"))
        manage.setObjectName("managePresetsAction")
        manage.triggered.connect(self.open_manager)

    def describe(self, preset: Preset) -> str:
        """What a preset starts, in a line: prompt, endpoint, mode, parameters set."""
        prompt = QCoreApplication.translate("PresetsController", "no system prompt")
        if preset.prompt_ref and self.library is not None:
            prompt = self._prompt_words(preset.prompt_ref)
        profile = next((p for p in self._controller.profiles if p.id == preset.profile_id), None)
        endpoint = (
            profile.name
            if profile is not None
            else (
                QCoreApplication.translate("PresetsController", "the default endpoint")
                if not preset.profile_id
                else QCoreApplication.translate("PresetsController", "a removed endpoint")
            )
        )
        set_params = [f"{k.replace('_', ' ')} {v:g}" for k, v in preset.params.to_payload().items()]
        params = (
            ", ".join(set_params)
            if set_params
            else QCoreApplication.translate("PresetsController", "default parameters")
        )
        return f"{prompt} · {endpoint} · {QCoreApplication.translate('PresetsController', _MODE_WORDS[preset.prompt_mode])} · {params}"

    def _prompt_words(self, text: str) -> str:
        assert self.library is not None
        ref = parse_or_none(text)
        if ref is None:
            return QCoreApplication.translate("PresetsController", "a removed prompt")
        try:
            name = self.library.prompt(ref.prompt_id).name
        except LibraryError:
            return QCoreApplication.translate("PresetsController", "a removed prompt")
        except LIBRARY_ERRORS:
            return QCoreApplication.translate(
                "PresetsController", "a prompt (the library cannot be read now)"
            )
        which = (
            QCoreApplication.translate("PresetsController", "version {version}").format(
                version=ref.version
            )
            if ref.version is not None
            else QCoreApplication.translate("PresetsController", "label “{label}”").format(
                label=ref.label
            )
        )
        return f"“{name}”, {which}"

    # -- starting -----------------------------------------------------------------------------

    def start(self, preset_id: int) -> None:
        """A new chat with the preset's prompt, parameters, endpoint and mode."""
        if self.library is None:
            return
        if self._controller.chat.busy:
            self._window.status_label.setText(
                QCoreApplication.translate(
                    "PresetsController", "A reply is still streaming: stop it first."
                )
            )
            return
        preset = self._preset(preset_id)
        if preset is None:
            self._window.status_label.setText(
                QCoreApplication.translate("PresetsController", "That preset no longer exists.")
            )
            return
        profiles, endpoints = self._controller.profiles, self._controller.endpoints
        settings, notes = settings_for(
            preset,
            self.library,
            self._controller.settings.new_chat_settings(),
            [p.id for p in profiles],
            endpoints.profile(""),
        )
        policy = self._controller.policy
        kept = policy.enforced(settings)
        if note := kept_note(policy, kept, policy.refused(settings, kept)):
            notes.append(note)  # the preset asked for what the organization sets otherwise
        self._controller.show_session(ChatSession(kept, rules=policy))
        self._controller.new_chat_started.emit()
        self._window.status_label.setText(
            " ".join(
                [
                    QCoreApplication.translate(
                        "PresetsController", "New chat from “{name}”."
                    ).format(name=preset.name),
                    *notes,
                ]
            )
        )

    # -- saving -------------------------------------------------------------------------------

    def ask_save(self) -> None:
        """Save this chat's settings as a preset… (a name first)."""
        if self.library is None or self.name_dialog is not None:
            return
        from app.ui.prompts.presets_dialog import PresetNameDialog

        dialog = PresetNameDialog(
            QCoreApplication.translate("PresetsController", "Save as a preset"),
            QCoreApplication.translate(
                "PresetsController",
                "Name the preset (a preset with the same name is replaced). It keeps this chat's "
                "system prompt (as a library version), parameters, endpoint and prompt mode.",
            ),
            self._controller.session.title or "",
            self._window.style_in_use,
            self._window,
        )

        def on_finished(result: int) -> None:
            self.name_dialog = None
            dialog.deleteLater()
            if result == QDialog.DialogCode.Accepted:
                self.save_current(dialog.name())

        dialog.finished.connect(on_finished)
        self.name_dialog = dialog
        dialog.open()

    def save_current(self, name: str) -> Preset | None:
        """This chat's settings as the preset `name` (replacing one of that name)."""
        library = self.library
        if library is None:
            return None
        settings = self._controller.session.settings
        try:
            ref, added = prompt_ref_for(library, settings, name)
            same = next((p for p in library.presets() if p.name == name), None)
            preset = library.save_preset(
                Preset(
                    id=same.id if same is not None else 0,
                    name=name,
                    prompt_ref=ref,
                    params=settings.params,
                    profile_id=self._controller.endpoints.resolved_id(settings.profile_id),
                    prompt_mode=settings.prompt_mode,
                )
            )
        except LIBRARY_ERRORS as exc:
            self._window.status_label.setText(
                QCoreApplication.translate(
                    "PresetsController", "The preset was not saved: {exc}"
                ).format(exc=exc)
            )
            return None
        said = (
            QCoreApplication.translate("PresetsController", "Preset “{name}” replaced.{added}")
            if same is not None
            else QCoreApplication.translate("PresetsController", "Preset “{name}” saved.{added}")
        )
        self._window.status_label.setText(said.format(name=name, added=added))
        self._refresh_manager(preset.id)
        return preset

    # -- Manage presets… ----------------------------------------------------------------------

    def open_manager(self) -> None:
        if self.library is None:
            return
        if self.manage_dialog is not None:
            self.manage_dialog.raise_()
            return
        from app.ui.prompts.presets_dialog import ManagePresetsDialog

        dialog = ManagePresetsDialog(self.describe, self._window.style_in_use, self._window)
        dialog.start_requested.connect(self._on_manager_start_requested)
        dialog.rename_requested.connect(self._on_manager_rename_requested)
        dialog.delete_requested.connect(self._on_manager_delete_requested)
        dialog.undo_delete_requested.connect(self._on_manager_undo_requested)

        def on_finished() -> None:
            self.manage_dialog = None
            self._deleted = None
            dialog.deleteLater()

        dialog.finished.connect(on_finished)
        self.manage_dialog = dialog
        self._refresh_manager()
        dialog.open()

    def _refresh_manager(self, select_id: int | None = None) -> None:
        if self.manage_dialog is not None and self.library is not None:
            self.manage_dialog.show_presets(self.presets(), select_id)

    def _on_manager_start_requested(self, preset_id: int) -> None:
        if self.manage_dialog is not None:
            self.manage_dialog.accept()
        self.start(preset_id)

    def _on_manager_rename_requested(self, preset_id: int) -> None:
        preset = self._preset(preset_id)
        if preset is None or self.name_dialog is not None:
            return
        from app.ui.prompts.presets_dialog import PresetNameDialog

        dialog = PresetNameDialog(
            QCoreApplication.translate("PresetsController", "Rename preset"),
            QCoreApplication.translate("PresetsController", "New name:"),
            preset.name,
            self._window.style_in_use,
            self.manage_dialog,
        )

        def on_finished(result: int) -> None:
            self.name_dialog = None
            dialog.deleteLater()
            library = self.library
            if result == QDialog.DialogCode.Accepted and library is not None:
                self._write(lambda: library.save_preset(replace(preset, name=dialog.name())))
                self._refresh_manager(preset.id)

        dialog.finished.connect(on_finished)
        self.name_dialog = dialog
        dialog.open()

    def _on_manager_delete_requested(self, preset_id: int) -> None:
        library = self.library
        preset = self._preset(preset_id)
        if (
            library is None
            or preset is None
            or self._write(lambda: _deleted(library, preset_id)) is None
        ):
            return
        self._deleted = preset
        self._refresh_manager()
        if self.manage_dialog is not None:
            self.manage_dialog.set_note(
                QCoreApplication.translate("PresetsController", "Deleted “{name}”.").format(
                    name=preset.name
                ),
                can_undo=True,
            )

    def _on_manager_undo_requested(self) -> None:
        preset, library = self._deleted, self.library
        if preset is None or library is None:
            return
        restored = self._write(lambda: library.save_preset(replace(preset, id=0)))
        if restored is not None:
            self._deleted = None
            self._refresh_manager(restored.id)
            if self.manage_dialog is not None:
                self.manage_dialog.set_note(
                    QCoreApplication.translate("PresetsController", "“{name}” is back.").format(
                        name=preset.name
                    )
                )

    # -- reading and writing ------------------------------------------------------------------

    def presets(self) -> list[Preset]:
        """Every preset ([] when the library is off or cannot be read now, which is said)."""
        if self.library is None:
            return []
        try:
            return self.library.presets()
        except LIBRARY_ERRORS as exc:
            self._window.status_label.setText(
                QCoreApplication.translate(
                    "PresetsController", "The presets cannot be read now: {exc}"
                ).format(exc=exc)
            )
            return []

    def _preset(self, preset_id: int) -> Preset | None:
        return next((p for p in self.presets() if p.id == preset_id), None)

    def _write(self, write: Callable[[], _T]) -> _T | None:
        try:
            return write()
        except LIBRARY_ERRORS as exc:
            message = QCoreApplication.translate("PresetsController", "Not saved: {exc}").format(
                exc=exc
            )
            if self.manage_dialog is not None:
                self.manage_dialog.set_note(message)
            self._window.status_label.setText(message)
            return None


def _deleted(library: PromptLibrary, preset_id: int) -> bool:
    library.delete_preset(preset_id)
    return True


def _menu_text(name: str) -> str:
    """A preset's name as a menu entry: one line, short, and & shown rather than a mnemonic."""
    one_line = " ".join(name.split())
    short = one_line if len(one_line) <= 60 else one_line[:59] + "…"
    return short.replace("&", "&&")
