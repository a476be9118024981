"""Which library prompt the chat on screen uses, whether its text is saved, and saving it.

A chat's prompt is its own free text (prompt_ref ""), an exact library version ("12@3"), or a
label ("12#staff") that it follows as the label moves. Editing a library prompt's text is an
unsaved edit of that prompt until Ctrl+S (or the next send) saves it as a new version; an edit
of a label's text leaves the label (the chat then uses the version it started from), so a chat
on a label always shows where the label points.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Signal

from app.core.chat_settings import ChatSettings, OwnPrompt
from app.core.policy import POLICY_PROMPT_PREFIX
from app.core.prompts.library import PromptLibrary, PromptSummary, PromptVersion
from app.core.prompts.ref import PromptRef, PromptRefError
from app.core.prompts.text_form import same_text
from app.core.provenance import PromptUse
from app.core.session import ChatSession
from app.ui.chat.session_controller import SessionController
from app.ui.policy.locks import POLICY_LOCKED
from app.ui.prompts.library_access import (
    NO_LIBRARY,
    LibraryAccess,
)
from app.ui.prompts.prompt_panel import PromptPicker, PromptSaveBar
from app.ui.prompts.prompt_state import (
    BROWSE,
    WHEN_SWITCHING,
    LoadedPrompt,
    auto_note,
    choices,
    describe,
    is_edited,
    parse_ref,
    read_prompt,
)

#: Prompts the picker lists (most recently changed first); the library window has them all.
PICKER_PROMPTS = 20


class PromptBinding(QObject):
    """The picker, the save bar and the step before each send, for the chat on screen."""

    library_requested = Signal()
    said = Signal(str)  # a sentence for the window's status line

    def __init__(
        self,
        picker: PromptPicker,
        bar: PromptSaveBar,
        chat: SessionController,
        access: LibraryAccess,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._picker, self._bar, self._chat, self._access = picker, bar, chat, access
        self._loaded = LoadedPrompt("")
        self._in_picker: set[str] = set()  # what the picker lists now
        self._left_label: tuple[ChatSession, str] | None = None  # editing left it; Discard returns
        picker.choice_requested.connect(self._on_picker_choice_requested)
        bar.discard_requested.connect(self.discard_edits)
        chat.session_replaced.connect(self._on_session_replaced)
        chat.settings_changed.connect(self._on_settings_changed)
        access.changed.connect(self._on_library_changed)
        self._attach(chat.session)

    @property
    def session(self) -> ChatSession:
        return self._chat.session

    @property
    def summary(self) -> PromptSummary | None:
        return self._loaded.summary

    @property
    def base(self) -> PromptVersion | None:
        """The saved version the chat's prompt is (or was, before an unsaved edit)."""
        return self._loaded.base

    @property
    def prompt_id(self) -> int | None:
        """The library prompt the chat uses, if any (the library window opens on it)."""
        base = self._loaded.base
        return base.prompt_id if base is not None else None

    @property
    def problem(self) -> str:
        """Why the chat's library prompt cannot be read ("" when it can, or has none)."""
        return self._loaded.problem or (
            QCoreApplication.translate(
                "PromptBinding", "This prompt is not in the library any more."
            )
            if self._loaded.base is None
            else ""
        )

    def show_notice(self, text: str) -> None:
        self._bar.show_notice(text)

    @property
    def edited(self) -> bool:
        return is_edited(self.session.settings, self._loaded.base)

    # -- choosing ----------------------------------------------------------------------------

    def use(self, data: str) -> bool:
        """Make the chat use "" (its own prompt), "12@3" or "12#staff"; False: it did not."""
        settings = self.session.settings
        current = settings.prompt_ref
        if data == BROWSE:
            self._picker.select(current)
            self.library_requested.emit()
            return False
        if data == current:
            return True
        version = self._resolve(data) if data else None
        if data and version is None:
            self._picker.select(current)
            return False
        edited = bool(current) and self.edited
        self._left_label = None
        self._bar.show_notice("")
        aside = settings.own_prompt
        if not current and settings.system_prompt.strip():
            aside = OwnPrompt(settings.system_prompt, tuple(settings.variables))
        elif edited and version is not None:
            why: list[str] = []
            name = self.name()
            kept = self.keep_edit(WHEN_SWITCHING, why.append)
            if kept is not None:
                self.said.emit(
                    QCoreApplication.translate(
                        "PromptBinding", "Your edit of {name} was kept as version {number}."
                    ).format(name=name, number=kept.number)
                )
            else:
                aside = OwnPrompt(settings.system_prompt, tuple(settings.variables))
                self._bar.show_notice(
                    QCoreApplication.translate(
                        "PromptBinding",
                        "Your edit of {name} could not be saved ({rstrip}); “This chat's own prompt” brings it back.",
                    ).format(name=name, rstrip=" ".join(why).rstrip("."))
                )
        if version is None:
            self._use_own(restore=not edited)  # an edit stays in place as the chat's own text
            return True
        summary = self._access.attempt(lambda lib: lib.prompt(version.prompt_id), self.said.emit)
        deleted = self._access.attempt(lambda lib: lib.is_deleted(version.prompt_id), _ignore)
        # Read once: the change below needs it.
        self._loaded = LoadedPrompt(data, summary, version, deleted=bool(deleted))
        self.session.update_settings(
            system_prompt=version.text,
            variables=tuple(version.variables),
            prompt_ref=data,
            own_prompt=aside,  # kept with the chat: reopened later, it is still there
        )
        return True

    def _use_own(self, *, restore: bool) -> None:
        own = self.session.settings.own_prompt if restore else None
        if own is not None:
            self.session.update_settings(
                system_prompt=own.text,
                variables=tuple(own.variables),
                prompt_ref="",
                own_prompt=None,
            )
        else:  # the text shown stays, as this chat's own copy to edit freely
            self.session.update_settings(prompt_ref="")

    def keep_edit(
        self, why_saved: tuple[str, str], failed: Callable[[str], None]
    ) -> PromptVersion | None:
        """An edited library prompt is replaced (or its chat left): the edit becomes a version,
        with the user's note if one was typed. Why it could not be saved goes to `failed`."""
        saved = self.save(auto_note(self._bar.note(), why_saved), failed)
        if saved is not None:
            self._bar.clear_note()
        return saved

    def _on_picker_choice_requested(self, data: str) -> None:
        self.use(data)

    # -- saving ------------------------------------------------------------------------------

    def save(self, note: str, failed: Callable[[str], None] | None = None) -> PromptVersion | None:
        """Save the chat's prompt as a version of its library prompt and point the chat at it.

        Why it could not be saved goes to `failed` (by default, the status line).
        """
        failed = failed or self.say_not_saved
        base, settings = self._loaded.base, self.session.settings
        if base is None:
            failed(
                self._loaded.problem
                or QCoreApplication.translate(
                    "PromptBinding", "This prompt is not in the library any more."
                )
            )
            return None
        saved = self._access.attempt(
            lambda lib: lib.save_version(
                base.prompt_id, settings.system_prompt, settings.variables, note
            ),
            failed,
        )
        if saved is None:
            return None
        self.point_at(saved)
        return saved

    def say_not_saved(self, why: str) -> None:
        self.said.emit(
            QCoreApplication.translate("PromptBinding", "The edit was not saved: {why}").format(
                why=why
            )
        )

    def point_at(self, version: PromptVersion) -> None:
        """A version was just written from this chat's text: the chat is that exact version."""
        ref = f"{version.prompt_id}@{version.number}"
        summary = self._access.attempt(lambda lib: lib.prompt(version.prompt_id), self.said.emit)
        self._loaded = LoadedPrompt(ref, summary, version)
        self._left_label = None
        self.session.update_settings(prompt_ref=ref)
        self._access.announce()  # the library window and the picker list it

    def discard_edits(self) -> None:
        """Back to the saved version's text (and to the label, if editing had left it)."""
        base = self._loaded.base
        if base is None or not self.edited:
            return
        ref = self.session.settings.prompt_ref
        if self._left_label is not None and self._left_label[0] is self.session:
            ref = f"{base.prompt_id}#{self._left_label[1]}"
        self._left_label = None
        self.session.update_settings(
            system_prompt=base.text, variables=tuple(base.variables), prompt_ref=ref
        )
        # The editor's own undo brings the edit back (the text is replaced as one edit).
        self._bar.show_notice(
            QCoreApplication.translate(
                "PromptBinding", "Edit discarded. Ctrl+Z in the system prompt brings it back."
            )
        )

    def prompt_use_for(self, settings: ChatSettings) -> PromptUse | None:
        """The exact version, name and label of the chat's prompt (None: not known to be saved)."""
        loaded = self._loaded
        if settings.prompt_ref != loaded.ref or loaded.base is None or loaded.summary is None:
            return None
        if is_edited(settings, loaded.base):
            return None
        ref = PromptRef.parse(settings.prompt_ref)
        label = ref.label if ref is not None and ref.label else ""
        exact = f"{loaded.base.prompt_id}@{loaded.base.number}"
        return PromptUse(exact, loaded.summary.name, label)

    # -- following the chat and the library ---------------------------------------------------

    def _attach(self, session: ChatSession) -> None:
        session.prompt_source = self.prompt_use_for
        self.reload()
        self._fill_picker()
        self._show()

    def _on_session_replaced(self, session: ChatSession) -> None:
        self._left_label = None
        self._bar.show_notice("")
        self._bar.clear_note()  # it was written for the chat left
        self._attach(session)

    def _on_library_changed(self) -> None:
        self.reload()
        self._fill_picker()
        self._show()

    def _on_settings_changed(self, settings: ChatSettings) -> None:
        if settings.prompt_ref != self._loaded.ref:
            self.reload()
        elif self._follows_label() and self.edited:
            self._leave_label()
            return  # that change announced itself and was shown
        if settings.prompt_ref not in self._in_picker:
            self._fill_picker()
        else:
            self._picker.select(settings.prompt_ref)
        self._show()

    def _follows_label(self) -> bool:
        return "#" in self.session.settings.prompt_ref

    def _leave_label(self) -> None:
        """An edit of a label's text: the chat now uses the version it started from."""
        base = self._loaded.base
        ref = PromptRef.parse(self.session.settings.prompt_ref)
        assert base is not None and ref is not None and ref.label is not None
        self._left_label = (self.session, ref.label)
        exact = f"{base.prompt_id}@{base.number}"
        self._loaded = LoadedPrompt(exact, self._loaded.summary, base)
        self._bar.show_notice(
            QCoreApplication.translate(
                "PromptBinding",
                "Editing leaves the label “{label}”: this chat now edits version {number}. Ctrl+S saves it as a new version; Discard goes back to the label.",
            ).format(label=ref.label, number=base.number)
        )
        self.session.update_settings(prompt_ref=exact)

    def reload(self) -> None:
        """Read the chat's library prompt again; a chat on a label takes where it points now."""
        settings = self.session.settings
        if settings.prompt_ref.startswith(POLICY_PROMPT_PREFIX):  # the administrator's prompt
            self._loaded = LoadedPrompt(settings.prompt_ref)  # not the library's to read
            return
        if settings.prompt_ref and parse_ref(settings.prompt_ref) is None:
            self._unreadable_ref()
            return
        self._loaded = loaded = read_prompt(self._access.library, settings.prompt_ref)
        if not self._follows_label() or self._access.library is None:
            return
        if loaded.base is None:
            self._label_gone()
        elif is_edited(settings, loaded.base):
            # The label moved since this chat last showed it (an edit would have left it).
            label = PromptRef.parse(settings.prompt_ref)
            assert label is not None
            self._bar.show_notice(
                QCoreApplication.translate(
                    "PromptBinding",
                    "The label “{label}” moved to version {number}: this chat uses that text now.",
                ).format(label=label.label, number=loaded.base.number)
            )
            self.session.update_settings(
                system_prompt=loaded.base.text, variables=tuple(loaded.base.variables)
            )

    def _unreadable_ref(self) -> None:
        """The chat names its library prompt in a way this version cannot read (a damaged or
        newer history): its text stays, as the chat's own prompt."""
        ref = self.session.settings.prompt_ref
        self._loaded = LoadedPrompt("")
        self._bar.show_notice(
            QCoreApplication.translate(
                "PromptBinding",
                "This chat's library prompt (“{ref}”) could not be read, so its text is kept as this chat's own prompt. “Save as new prompt…” puts it in the library.",
            ).format(ref=ref[:40])
        )
        self.session.update_settings(prompt_ref="")

    def _label_gone(self) -> None:
        """The label was removed: the chat stays on the version its text is (nothing is lost)."""
        settings = self.session.settings
        ref = PromptRef.parse(settings.prompt_ref)
        assert ref is not None
        versions = self._access.attempt(lambda lib: lib.versions(ref.prompt_id), _ignore)
        summary = self._access.attempt(lambda lib: lib.prompt(ref.prompt_id), _ignore)
        if not versions or summary is None:
            return  # the prompt itself is gone: the chat keeps its text, the status says so
        variables = tuple(settings.variables)
        same = next(
            (
                v
                for v in versions
                if same_text(v.text, settings.system_prompt) and tuple(v.variables) == variables
            ),
            None,
        )
        base = same or versions[0]  # newest first: an edit of the newest, saved when sent
        exact = f"{base.prompt_id}@{base.number}"
        self._loaded = LoadedPrompt(exact, summary, base)
        self._bar.show_notice(
            QCoreApplication.translate(
                "PromptBinding",
                "The label “{label}” of “{name}” is gone: this chat now uses version {number}",
            ).format(label=ref.label, name=summary.name, number=base.number)
            + (
                "."
                if same
                else QCoreApplication.translate(
                    "PromptBinding", ", with its text as an unsaved edit."
                )
            )
        )
        self.session.update_settings(prompt_ref=exact)

    def _resolve(self, data: str) -> PromptVersion | None:
        try:
            ref = PromptRef.parse(data)
        except PromptRefError as exc:
            self.said.emit(str(exc))
            return None
        assert ref is not None
        return self._access.attempt(lambda lib: lib.resolve(ref), self.said.emit)

    def _fill_picker(self) -> None:
        current = self.session.settings.prompt_ref
        library: PromptLibrary | None = self._access.library
        recent: list[PromptSummary] = []
        if library is not None:
            recent = (
                self._access.attempt(lambda lib: lib.prompts(limit=PICKER_PROMPTS), _ignore) or []
            )
        entries = choices(recent, current, self._loaded.summary)
        self._in_picker = {choice.data for choice in entries}
        self._picker.set_choices(entries, current)
        # The administrator's policy may lock the prompt: then the picker stays off.
        self._picker.setEnabled(library is not None and not self._picker.property(POLICY_LOCKED))
        self._picker.setToolTip(
            "" if library is not None else QCoreApplication.translate("LibraryAccess", NO_LIBRARY)
        )

    def _show(self) -> None:
        loaded = self._loaded
        self._bar.show_status(
            describe(
                self.session.settings, loaded.summary, loaded.base, loaded.problem, loaded.deleted
            )
        )

    def name(self) -> str:
        """The prompt's name in quotes, for sentences."""
        summary = self._loaded.summary
        return (
            f"“{summary.name}”"
            if summary
            else QCoreApplication.translate("PromptBinding", "this prompt")
        )


def _ignore(_sentence: str) -> None:
    """The picker's list is a convenience: a failed read leaves it short, said elsewhere."""
