"""The open prompt library (or none), shared by the system-prompt panel and the library window."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Final, Protocol, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, Signal

from app.core.i18n import QT_TRANSLATE_NOOP
from app.core.prompts.library import LibraryError, PromptLibrary
from app.core.prompts.ref import PromptRefError

#: What a library call can raise: a refused operation (a sentence), a missing prompt or
#: version, SQLite, the disk, or a store that turned read-only.
LIBRARY_ERRORS: Final = (
    LibraryError,
    PromptRefError,
    KeyError,
    sqlite3.Error,
    OSError,
    RuntimeError,
)

NO_LIBRARY = QT_TRANSLATE_NOOP(
    "LibraryAccess",
    "The prompt library is kept with the chat history, which is not available now, so "
    "prompts cannot be picked or saved. This chat's own prompt still works.",
)
_T = TypeVar("_T")


class FileLibrary(PromptLibrary, Protocol):
    """A library that also reads and writes library files (the history's PromptStore)."""

    def export_prompts(self, ids: Sequence[int] | None = None) -> bytes:
        """A library file with `ids` (None: every prompt), all their versions."""
        ...

    def import_file(self, path: Path) -> list[int]:
        """Add the prompts of a library file; their new ids. Refused files change nothing."""
        ...


def problem_text(exc: BaseException) -> str:
    """A library failure in words, without a traceback."""
    if isinstance(exc, LibraryError | PromptRefError):
        return str(exc)
    if isinstance(exc, KeyError):
        return QCoreApplication.translate(
            "LibraryAccess",
            "That prompt or version is no longer in the library (deleted meanwhile?).",
        )
    if isinstance(exc, sqlite3.Error | OSError):
        detail = (exc.strerror if isinstance(exc, OSError) else None) or str(exc)
        return QCoreApplication.translate(
            "LibraryAccess", "The library could not be read or written ({rstrip})."
        ).format(rstrip=detail.strip().rstrip("."))
    return str(exc).strip() or type(exc).__name__


class LibraryAccess(QObject):
    """Holds the library while the history is open; `changed` tells every view to look again."""

    changed = Signal()  # prompts, versions or labels changed (any view may have done it)
    availability_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._library: FileLibrary | None = None

    @property
    def library(self) -> FileLibrary | None:
        return self._library

    def set_library(self, library: FileLibrary | None) -> None:
        """A library opened (or closed: None): every view reloads."""
        self._library = library
        self.availability_changed.emit(library is not None)
        self.changed.emit()

    def attempt(
        self, operation: Callable[[PromptLibrary], _T], say: Callable[[str], None]
    ) -> _T | None:
        """Run one library call; a failure is said in words and gives None."""
        library = self._library
        if library is None:
            say(QCoreApplication.translate("LibraryAccess", NO_LIBRARY))
            return None
        try:
            return operation(library)
        except LIBRARY_ERRORS as exc:
            say(problem_text(exc))
            return None

    def did(self, operation: Callable[[PromptLibrary], object], say: Callable[[str], None]) -> bool:
        """Run one library call that returns nothing; False (and said) when it failed."""
        return self.attempt(lambda library: (operation(library), True)[1], say) is not None

    def announce(self) -> None:
        """Something changed the library: every view reads it again."""
        self.changed.emit()
