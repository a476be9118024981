"""The test sets in the history: list, open, edit (saved write-through), rename, delete, undo.

Every change to the open set is saved before the method returns, so a crash loses nothing
typed. A failed write is said in plain words and the set on screen stays as it was typed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QObject, Signal

from app.core.evals.model import DEFAULT_CONCURRENCY, PromptChoice, TestSet
from app.storage.history.eval_store import EvalStore
from app.storage.history.test_set_store import TestSetSummary
from app.ui.evals.store_words import STORE_ERRORS, store_failure

_T = TypeVar("_T")


def blank_set(name: str, system_prompt: str = "") -> TestSet:
    """What "New" makes: no cases yet, and the chat's current system prompt as its prompt."""
    return TestSet(
        name=name,
        prompts=(PromptChoice(id="chat", system=system_prompt),),
        tests=(),
        concurrency=DEFAULT_CONCURRENCY,
    )


class TestSetsController(QObject):
    """The sets list and the one set being edited; views call it and follow its signals."""

    __test__ = False

    sets_changed = Signal(list)  # list[TestSetSummary]
    set_opened = Signal(object, object)  # set id (None: new, not stored yet), TestSet or None
    set_changed = Signal(object)  # TestSet: the open set after an edit was saved
    told = Signal(str)  # a plain sentence for the status line
    undo_available = Signal(bool)

    def __init__(
        self, parent: QObject | None = None, system_prompt: Callable[[], str] = lambda: ""
    ) -> None:
        super().__init__(parent)
        self._system_prompt = system_prompt  # the chat's, when "New" is clicked
        self._store: EvalStore | None = None
        self.set_id: int | None = None
        self.test_set: TestSet | None = None
        self._deleted: list[int] = []
        self._held = ""  # while a run goes: why the open set stays open

    @property
    def store(self) -> EvalStore | None:
        return self._store

    def set_store(self, store: EvalStore | None) -> None:
        """The history's eval tables, or None while no history is open."""
        self._store = store
        self.set_id, self.test_set, self._deleted = None, None, []
        self.undo_available.emit(False)
        self.refresh()

    def hold(self, reason: str) -> None:
        """While `reason` is not empty (a run of the open set goes) no other set is opened,
        made, imported or brought back, and the open one is not deleted: the Results tab
        shows one set's run at a time. "" lets go."""
        self._held = reason

    def switch_allowed(self) -> bool:
        """False, said on the status line, while a run holds the open set."""
        return not self._refused_while_held()

    def _refused_while_held(self) -> bool:
        if not self._held:
            return False
        self.told.emit(self._held)
        self.refresh()  # the list shows the open set selected again
        return True

    def refresh(self) -> list[TestSetSummary]:
        found = self._read(lambda s: s.sets()) or []
        self.sets_changed.emit(found)
        return found

    def new_set(self, name: str) -> None:
        """A set to fill in; stored with its first case (a stored set has at least one)."""
        if self._refused_while_held():
            return
        self.set_id = None
        self.test_set = blank_set(
            name.strip() or QCoreApplication.translate("TestSetsController", "Untitled test set"),
            self._system_prompt(),
        )
        self.set_opened.emit(None, self.test_set)
        self.told.emit(
            QCoreApplication.translate(
                "TestSetsController",
                "Type the first case (or paste or import cases): the set is saved with it.",
            )
        )

    def add_set(self, test_set: TestSet) -> int | None:
        """An imported set becomes a stored one."""
        if self._refused_while_held():
            return None
        set_id = self._write(lambda s: s.save_set(test_set))
        if set_id is not None:
            self.refresh()
            self.open(set_id)
        return set_id

    def open(self, set_id: int) -> None:
        if set_id != self.set_id and self._refused_while_held():
            return
        found = self._read(lambda s: s.load_set(set_id))
        if found is None:
            return
        self.set_id, self.test_set = set_id, found
        self.set_opened.emit(set_id, found)

    def rename(self, set_id: int, name: str) -> None:
        name = name.strip()
        if not name:
            self.told.emit(
                QCoreApplication.translate(
                    "TestSetsController", "A test set needs a name: it was not renamed."
                )
            )
            return
        if not self._write(lambda s: _done(lambda i: s.rename_set(i, name), set_id)):
            return
        if set_id == self.set_id and self.test_set is not None:
            self.test_set = replace(self.test_set, name=name)
            self.set_changed.emit(self.test_set)
        self.refresh()

    def delete(self, set_id: int) -> None:
        if set_id == self.set_id and self._refused_while_held():
            return
        if not self._write(lambda s: _done(s.delete_set, set_id)):
            return
        self._deleted.append(set_id)
        self.undo_available.emit(True)
        if set_id == self.set_id:
            self.set_id, self.test_set = None, None
            self.set_opened.emit(None, None)
        self.refresh()
        self.told.emit(
            QCoreApplication.translate(
                "TestSetsController", "Test set deleted. Undo (Ctrl+Z) brings it back."
            )
        )

    def undo_delete(self) -> None:
        if not self._deleted or self._refused_while_held():
            return
        set_id = self._deleted.pop()
        self.undo_available.emit(bool(self._deleted))
        if not self._write(lambda s: _done(s.undelete_set, set_id)):
            return
        self.refresh()
        self.open(set_id)

    def edit(self, change: Callable[[TestSet], TestSet]) -> bool:
        """Apply `change` to the open set and save it at once; False when nothing was saved."""
        if self.test_set is None:
            return False
        changed = change(self.test_set)
        if changed == self.test_set and self.set_id is not None:
            return True
        if not changed.tests or not changed.prompts:
            self.told.emit(
                QCoreApplication.translate(
                    "TestSetsController",
                    "A test set keeps at least one case and one prompt: add another before "
                    "removing the last one.",
                )
            )
            return False
        set_id = self.set_id
        saved = self._write(lambda s: s.save_set(changed, set_id))
        if saved is None:
            return False
        self.test_set = changed
        if set_id is None:  # the first case of a new set: now it is stored
            self.set_id = saved
            self.refresh()
            self.told.emit(
                QCoreApplication.translate(
                    "TestSetsController",
                    "Test set “{name}” saved; every change is saved as you make it.",
                ).format(name=changed.name)
            )
        self.set_changed.emit(changed)
        return True

    def _read(self, operation: Callable[[EvalStore], _T]) -> _T | None:
        return self._use(operation, writes=False)

    def _write(self, operation: Callable[[EvalStore], _T]) -> _T | None:
        return self._use(operation, writes=True)

    def _use(self, operation: Callable[[EvalStore], _T], *, writes: bool) -> _T | None:
        if self._store is None:
            end = (
                QCoreApplication.translate("TestSetsController", ": nothing was saved.")
                if writes
                else "."
            )
            self.told.emit(
                QCoreApplication.translate(
                    "TestSetsController",
                    "Test sets live in the chat history, which is not open{end}",
                ).format(end=end)
            )
            return None
        try:
            return operation(self._store)
        except STORE_ERRORS as exc:
            what = (
                QCoreApplication.translate("TestSetsController", "The test set could not be saved")
                if writes
                else QCoreApplication.translate(
                    "TestSetsController", "The test sets could not be read"
                )
            )
            self.told.emit(store_failure(what, exc, self._store))
            return None


def _done(operation: Callable[[int], None], set_id: int) -> bool:
    """True once `operation` returned (it raises when it cannot be done)."""
    operation(set_id)
    return True
