"""What the library window's buttons do: use, revert, fork, new, rename, delete and undo, labels."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QObject

from app.core.prompts.library import PromptLibrary, PromptSummary, PromptVersion
from app.core.prompts.ref import is_label
from app.ui.prompts.library_access import NO_LIBRARY, LibraryAccess
from app.ui.prompts.library_controller import LibraryController
from app.ui.prompts.prompt_binding import PromptBinding
from app.ui.prompts.questions import TextAsker

_T = TypeVar("_T")


class LibraryActions(QObject):
    """Acts on the prompt and versions the window shows; the library does the work."""

    def __init__(
        self,
        library: LibraryController,
        access: LibraryAccess,
        binding: PromptBinding,
        ask_text: TextAsker,
    ) -> None:
        super().__init__(library)
        self._library, self._access, self._binding = library, access, binding
        self._dialog = d = library.dialog
        self.ask_text = ask_text
        self._deleted: PromptSummary | None = None
        library.prompts.rename = self.rename
        d.version_table.doubleClicked.connect(self.use_in_chat)
        d.use_button.clicked.connect(self.use_in_chat)
        d.rename_button.clicked.connect(self._on_rename_triggered)
        d.rename_action.triggered.connect(self._on_rename_triggered)
        d.fork_button.clicked.connect(self.fork)
        d.delete_button.clicked.connect(self.delete)
        d.delete_action.triggered.connect(self.delete)
        d.undo_button.clicked.connect(self.undo_delete)
        d.undo_action.triggered.connect(self.undo_delete)
        d.undo_action.setEnabled(False)
        d.restore_button.clicked.connect(self.restore)
        d.revert_button.clicked.connect(self.revert)
        d.set_label_button.clicked.connect(self.set_label)
        d.remove_label_button.clicked.connect(self.remove_label)
        d.new_button.clicked.connect(self.new_prompt)

    def _one_version(self) -> PromptVersion | None:
        chosen = self._library.selected_versions()
        if self._library.prompt is None or len(chosen) != 1:
            self._dialog.say(
                QCoreApplication.translate("LibraryActions", "Select one version first.")
            )
            return None
        return chosen[0]

    def _did(self, operation: Callable[[PromptLibrary], object]) -> bool:
        return self._access.did(operation, self._dialog.say)

    def _attempt(self, operation: Callable[[PromptLibrary], _T]) -> _T | None:
        return self._access.attempt(operation, self._dialog.say)

    def use_in_chat(self) -> None:
        version = self._one_version()
        if version is None or self._library.prompt is None:
            return
        name = self._library.prompt.name
        if self._binding.use(f"{version.prompt_id}@{version.number}"):
            self._dialog.say(
                QCoreApplication.translate(
                    "LibraryActions", "This chat now uses “{name}”, version {number}."
                ).format(name=name, number=version.number)
            )

    def revert(self) -> None:
        version, prompt = self._one_version(), self._library.prompt
        if version is None or prompt is None:
            return
        made = self._attempt(lambda lib: lib.revert(prompt.id, version.number))
        if made is not None:
            self._library.show_changes(
                QCoreApplication.translate(
                    "LibraryActions",
                    "Version {number} is a copy of version {number2}; nothing was deleted.",
                ).format(number=made.number, number2=version.number),
                numbers=(made.number,),
            )

    def fork(self) -> None:
        version, prompt = self._one_version(), self._library.prompt
        if version is None or prompt is None:
            return

        def make(name: str) -> None:
            made = self._attempt(lambda lib: lib.fork(prompt.id, version.number, name.strip()))
            if made is not None:
                self._library.show_changes(
                    QCoreApplication.translate(
                        "LibraryActions", "“{strip}” starts from version {number} of “{name}”."
                    ).format(strip=name.strip(), number=version.number, name=prompt.name),
                    select=made.prompt_id,
                )

        self.ask_text(
            QCoreApplication.translate("LibraryActions", "Fork prompt"),
            QCoreApplication.translate("LibraryActions", "Name of the new prompt:"),
            QCoreApplication.translate("LibraryActions", "{name} (fork of v{number})").format(
                name=prompt.name, number=version.number
            ),
            make,
        )

    def new_prompt(self) -> None:
        """A new prompt: the chat's own text when it has one, else empty. The chat is left as it
        is; "Use in this chat" switches it, when the user wants that."""
        if self._access.library is None:
            self._dialog.say(QCoreApplication.translate("LibraryAccess", NO_LIBRARY))
            return
        settings = self._binding.session.settings
        own = not settings.prompt_ref and bool(settings.system_prompt.strip())
        text, variables = (settings.system_prompt, settings.variables) if own else ("", ())

        def make(name: str) -> None:
            made = self._attempt(lambda lib: lib.create(name.strip(), text, variables))
            if made is None:
                return
            start = (
                QCoreApplication.translate(
                    "LibraryActions", "with this chat's own prompt as version 1"
                )
                if own
                else "empty"
            )
            self._library.show_changes(
                QCoreApplication.translate(
                    "LibraryActions",
                    "Created “{strip}”, {start}. “Use in this chat” makes this chat use it; the chat is unchanged until then.",
                ).format(strip=name.strip(), start=start),
                select=made.prompt_id,
            )

        self.ask_text(
            QCoreApplication.translate("LibraryActions", "New prompt"),
            QCoreApplication.translate("LibraryActions", "Name of the new prompt:"),
            "",
            make,
        )

    def _on_rename_triggered(self) -> None:
        view = self._dialog.prompt_list
        if view.currentIndex().isValid():
            view.setFocus()
            view.edit(view.currentIndex())

    def rename(self, prompt_id: int, name: str) -> str | None:
        """Store a name typed in the list (F2); the name now stored, or None."""
        if not self._did(lambda lib: lib.rename(prompt_id, name)):
            return None
        renamed = self._attempt(lambda lib: lib.prompt(prompt_id))
        if renamed is None:
            return None
        self._library.show_name(renamed)
        self._library.announce()  # the row changed in place: no reload here
        self._dialog.say(
            QCoreApplication.translate("LibraryActions", "Renamed to “{name}”.").format(
                name=renamed.name
            )
        )
        return renamed.name

    def delete(self) -> None:
        prompt = self._library.prompt
        if prompt is None:
            return
        if not self._did(lambda lib: lib.delete(prompt.id)):
            return
        self._deleted = prompt
        row = max(0, self._dialog.prompt_list.currentIndex().row())
        self._library.forget_prompt()
        self._library.show_changes(
            QCoreApplication.translate(
                "LibraryActions", "Deleted “{name}”. Undo (Ctrl+Z); later, Trash can restore it."
            ).format(name=prompt.name),
            select=None,
        )
        self._library.select_row(min(row, self._library.prompts.rowCount() - 1))
        self._set_undo_available(True)

    def undo_delete(self) -> None:
        prompt = self._deleted
        if prompt is None:
            return
        if not self._did(lambda lib: lib.undelete(prompt.id)):
            return
        self._deleted = None
        self._set_undo_available(False)
        self._library.show_changes(
            QCoreApplication.translate("LibraryActions", "Restored “{name}”.").format(
                name=prompt.name
            ),
            select=prompt.id,
        )

    def restore(self) -> None:
        """Put the prompt shown in the trash back in the library."""
        prompt = self._library.prompt
        if prompt is None or not self._library.in_trash:
            return
        if not self._did(lambda lib: lib.undelete(prompt.id)):
            return
        if self._deleted is not None and self._deleted.id == prompt.id:
            self._deleted = None
            self._set_undo_available(False)
        row = max(0, self._dialog.prompt_list.currentIndex().row())
        self._library.forget_prompt()
        self._library.show_changes(
            QCoreApplication.translate(
                "LibraryActions",
                "Restored “{name}”: it is back in the library (Trash off shows it).",
            ).format(name=prompt.name),
            select=None,
        )
        self._library.select_row(min(row, self._library.prompts.rowCount() - 1))

    def _set_undo_available(self, available: bool) -> None:
        self._dialog.undo_action.setEnabled(available)
        self._dialog.undo_button.setVisible(available)

    def set_label(self) -> None:
        version, prompt = self._one_version(), self._library.prompt
        if version is None or prompt is None:
            return
        label = self._dialog.label_combo.currentText().strip()
        if not is_label(label):
            self._dialog.say(
                QCoreApplication.translate(
                    "LibraryActions",
                    "“{label}” cannot be a label: use letters, digits, . _ or - (at most 40, starting with a letter or digit).",
                ).format(label=label[:40])
                if label
                else QCoreApplication.translate(
                    "LibraryActions", "Type a label first, e.g. production."
                )
            )
            return
        before = dict(prompt.labels).get(label)
        if not self._did(lambda lib: lib.set_label(prompt.id, label, version.number)):
            return
        moved = (
            QCoreApplication.translate("LibraryActions", " (it was on version {before})").format(
                before=before
            )
            if before and before != version.number
            else ""
        )
        self._library.show_changes(
            QCoreApplication.translate(
                "LibraryActions", "Label “{label}” now points at version {number}{moved}."
            ).format(label=label, number=version.number, moved=moved),
            numbers=(version.number,),
        )

    def remove_label(self) -> None:
        prompt = self._library.prompt
        label = self._dialog.label_combo.currentText().strip()
        if prompt is None:
            return
        if label not in dict(prompt.labels):
            self._dialog.say(
                QCoreApplication.translate(
                    "LibraryActions", "“{name}” has no label “{label}”."
                ).format(name=prompt.name, label=label)
                if label
                else QCoreApplication.translate("LibraryActions", "Choose a label to remove.")
            )
            return
        if not self._did(lambda lib: lib.remove_label(prompt.id, label)):
            return
        self._library.show_changes(
            QCoreApplication.translate("LibraryActions", "Removed the label “{label}”.").format(
                label=label
            ),
            numbers=self._library.selected_numbers(),
        )
