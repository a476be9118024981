"""Saving the chat's edited prompt: Ctrl+S, save as a new prompt, compare, and the automatic saves
(before a send, and before a chat that is not kept is left)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject

from app.ui.chat.session_controller import SessionController
from app.ui.prompts.diff_pane import CompareDialog, variables_note
from app.ui.prompts.library_access import NO_LIBRARY, LibraryAccess
from app.ui.prompts.prompt_binding import PromptBinding
from app.ui.prompts.prompt_panel import PromptSaveBar
from app.ui.prompts.prompt_state import WHEN_LEAVING, WHEN_SENDING, auto_note
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
        chat: SessionController,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._binding, self._bar, self._access = binding, bar, access
        self.ask_text = ask_text
        self.compare_dialog: CompareDialog | None = None
        self._kept = ""  # what happened to the edit of the chat just left, said in the next
        bar.save_requested.connect(self.save_version)
        bar.save_as_new_requested.connect(self.save_as_new)
        bar.compare_requested.connect(self.compare_with_saved)
        chat.session_replaced.connect(self._on_session_replaced)

    def save_version(self) -> None:
        """Ctrl+S: the edit becomes a new version (the chat's own prompt: a new library prompt)."""
        settings = self._binding.session.settings
        if not settings.prompt_ref:
            self.save_as_new()
            return
        if not self._binding.edited:
            base = self._binding.base
            self._binding.said.emit(
                QCoreApplication.translate(
                    "PromptEditActions", "Nothing to save: this is version {number} of {name}."
                ).format(number=base.number, name=self._binding.name())
                if base
                else self._binding.problem
            )
            return
        saved = self._binding.save(self._bar.note())
        if saved is not None:  # the note stays for another try when the save failed
            self._bar.clear_note()
            self._bar.show_notice("")
            self._binding.said.emit(
                QCoreApplication.translate(
                    "PromptEditActions", "Saved version {number} of {name}."
                ).format(number=saved.number, name=self._binding.name())
            )

    def save_as_new(self) -> None:
        """Keep the chat's text as a new library prompt (asks for its name)."""
        if self._access.library is None:
            self._binding.said.emit(QCoreApplication.translate("LibraryAccess", NO_LIBRARY))
            return
        text = self._binding.session.settings.system_prompt
        first_line = next((line.strip() for line in text.splitlines() if line.strip()), "")
        suggested = first_line[:60] or QCoreApplication.translate("PromptEditActions", "New prompt")
        self.ask_text(
            QCoreApplication.translate("PromptEditActions", "Save as new prompt"),
            QCoreApplication.translate("PromptEditActions", "Name of the new prompt:"),
            suggested,
            self._create,
        )

    def _create(self, name: str) -> None:
        settings = self._binding.session.settings
        created = self._access.attempt(
            lambda lib: lib.create(name.strip(), settings.system_prompt, settings.variables),
            self._binding.say_not_saved,
        )
        if created is not None:
            self._binding.point_at(created)
            self._binding.said.emit(
                QCoreApplication.translate(
                    "PromptEditActions", "Saved as “{name}”, version 1, in the prompt library."
                ).format(name=self._binding.name())
            )

    def compare_with_saved(self) -> None:
        base = self._binding.base
        if base is None or not self._binding.edited:
            self._binding.said.emit(
                QCoreApplication.translate(
                    "PromptEditActions", "There is no unsaved edit to compare."
                )
            )
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

    def _on_session_replaced(self) -> None:
        # What it shows is the edit of the chat left: never leave it open as if it were this one's.
        if self.compare_dialog is not None:
            self.compare_dialog.close()
        if self._kept:  # in the panel's notice: the status line is soon written over
            self._binding.show_notice(self._kept)
            self._kept = ""

    # -- saved without Ctrl+S -----------------------------------------------------------------

    def prepare_send(self) -> bool:
        """Make the chat's prompt an exact saved version before a send; False: do not send.

        A chat on a label takes the version it points at now; an unsaved edit is saved as a
        version first (with the note typed for it), so that the reply points at the exact text
        it was asked with.
        """
        binding = self._binding
        settings = binding.session.settings
        if not settings.prompt_ref or self._access.library is None:
            return True
        binding.reload()
        if not binding.edited:
            base = binding.base
            if base is not None and settings.system_prompt != base.text:
                # The same text as the editor holds it ("\n" for "\r\n"): send the exact
                # version the reply will point at.
                binding.session.update_settings(system_prompt=base.text)
            return True
        why: list[str] = []
        saved = binding.save(auto_note(self._bar.note(), WHEN_SENDING), why.append)
        if saved is None:
            binding.said.emit(
                QCoreApplication.translate(
                    "PromptEditActions",
                    "Nothing was sent: the edited prompt could not be saved as a version ({rstrip}). Pick “This chat's own prompt” to send the text without the library.",
                ).format(rstrip=" ".join(why).rstrip("."))
            )
            return False
        self._bar.clear_note()
        self._bar.show_notice(
            QCoreApplication.translate(
                "PromptEditActions", "The edit was saved as version {number} when it was sent."
            ).format(number=saved.number)
        )
        return True

    def keep_edit_of_chat_left(self) -> None:
        """The chat on screen is about to be left (another is shown, or LlamaDesk quits).

        What became of its edit is said in the panel of the chat shown next.
        """
        # Asked twice before the switch (a new chat with the same settings), the first says it.
        self._kept = self._keep_edit_of_chat_left() or self._kept

    def _keep_edit_of_chat_left(self) -> str:
        """A chat with messages keeps its unsaved edit with it, in the history. One without (or
        any chat while the history is off) is kept nowhere, so its edit is saved as a version
        first, or, when that prompt cannot take one (it went to the trash), as a new prompt.
        Returns what happened, in a sentence ("" when there was nothing to keep).
        """
        binding = self._binding
        session, summary = binding.session, binding.summary
        if session.conversation_id is not None or self._access.library is None:
            return ""
        if not binding.edited:
            return ""
        name, settings = binding.name(), session.settings
        why: list[str] = []
        kept = binding.keep_edit(WHEN_LEAVING, why.append)
        if kept is not None:
            return QCoreApplication.translate(
                "PromptEditActions",
                "Your edit of {name} in the chat you left was kept as version {number}.",
            ).format(name=name, number=kept.number)
        kept_as = QCoreApplication.translate("PromptEditActions", "{value} (edit)").format(
            value=summary.name if summary else "Prompt"
        )
        note = auto_note(self._bar.note(), WHEN_LEAVING)
        made = self._access.attempt(
            lambda lib: lib.create(kept_as, settings.system_prompt, settings.variables, note),
            why.append,
        )
        if made is None:
            return QCoreApplication.translate(
                "PromptEditActions",
                "Your edit of {name} in the chat you left could not be saved: {join}",
            ).format(name=name, join=" ".join(why))
        self._access.announce()
        return QCoreApplication.translate(
            "PromptEditActions",
            "Your edit of {name} in the chat you left could not be added to it ({rstrip}), so it was kept as a new prompt, “{kept_as}”.",
        ).format(name=name, rstrip=why[0].rstrip("."), kept_as=kept_as)
