"""What the save bar's buttons do: save a version (Ctrl+S), save as a new prompt, compare."""

from __future__ import annotations

from PySide6.QtCore import QObject

from app.ui.prompts.diff_pane import CompareDialog, variables_note
from app.ui.prompts.library_access import NO_LIBRARY, LibraryAccess
from app.ui.prompts.prompt_binding import PromptBinding
from app.ui.prompts.prompt_panel import PromptSaveBar
from app.ui.prompts.questions import TextAsker
from app.ui.style import style_for


class PromptEditActions(QObject):
    """Acts on the chat's edited prompt through its binding; asks for names through `ask_text`."""

    def __init__(
        self,
        binding: PromptBinding,
        bar: PromptSaveBar,
        access: LibraryAccess,
        ask_text: TextAsker,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._binding, self._bar, self._access = binding, bar, access
        self.ask_text = ask_text
        self.compare_dialog: CompareDialog | None = None
        bar.save_requested.connect(self.save_version)
        bar.save_as_new_requested.connect(self.save_as_new)
        bar.compare_requested.connect(self.compare_with_saved)

    def save_version(self) -> None:
        """Ctrl+S: the edit becomes a new version (the chat's own prompt: a new library prompt)."""
        settings = self._binding.session.settings
        if not settings.prompt_ref:
            self.save_as_new()
            return
        if not self._binding.edited:
            base = self._binding.base
            self._binding.said.emit(
                f"Nothing to save: this is version {base.number} of {self._binding.name()}."
                if base
                else self._binding.problem
            )
            return
        saved = self._binding.save(self._bar.take_note())
        if saved is not None:
            self._bar.show_notice("")
            self._binding.said.emit(f"Saved version {saved.number} of {self._binding.name()}.")

    def save_as_new(self) -> None:
        """Keep the chat's text as a new library prompt (asks for its name)."""
        if self._access.library is None:
            self._binding.said.emit(NO_LIBRARY)
            return
        text = self._binding.session.settings.system_prompt
        first_line = next((line.strip() for line in text.splitlines() if line.strip()), "")
        suggested = first_line[:60] or "New prompt"
        self.ask_text("Save as new prompt", "Name of the new prompt:", suggested, self._create)

    def _create(self, name: str) -> None:
        settings = self._binding.session.settings
        created = self._access.attempt(
            lambda lib: lib.create(name.strip(), settings.system_prompt, settings.variables),
            self._binding.say_not_saved,
        )
        if created is not None:
            self._binding.point_at(created)
            self._binding.said.emit(
                f"Saved as “{self._binding.name()}”, version 1, in the prompt library."
            )

    def compare_with_saved(self) -> None:
        base = self._binding.base
        if base is None or not self._binding.edited:
            self._binding.said.emit("There is no unsaved edit to compare.")
            return
        if self.compare_dialog is None:
            parent = self._bar.window()
            self.compare_dialog = CompareDialog(parent, dark=style_for(parent.palette()).dark)
        settings = self._binding.session.settings
        self.compare_dialog.show_edit(
            self._binding.name(),
            base.text,
            settings.system_prompt,
            base.number,
            variables_note(base.variables, settings.variables),
        )
