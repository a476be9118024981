"""Import and export of prompt-library files from the library window, off the GUI thread."""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QObject

from app.core.i18n import QT_TRANSLATE_NOOP, translate
from app.core.prompts.library import LibraryError
from app.storage.limited_read import FileRefused
from app.ui.prompts.library_access import (
    LIBRARY_ERRORS,
    NO_LIBRARY,
    FileLibrary,
    LibraryAccess,
    problem_text,
)
from app.ui.prompts.library_controller import LibraryController
from app.ui.prompts.questions import PathPicker
from app.ui.task_set import TaskSet

_FILTER = QT_TRANSLATE_NOOP("LibraryFiles", "LlamaDesk prompts (*.json);;All files (*)")
_T = TypeVar("_T")


class LibraryFilesController(QObject):
    """Import…, Export this prompt… and Export library…: a file is read, checked and written in
    a worker thread while the window shows that it is busy; the outcome is one sentence."""

    def __init__(
        self,
        library: LibraryController,
        access: LibraryAccess,
        pick: PathPicker,
    ) -> None:
        super().__init__(library)
        self._library, self._access = library, access
        self.pick = pick
        self.tasks = TaskSet(self._on_task_error)
        d = library.dialog
        d.import_button.clicked.connect(self.import_file)
        d.export_prompt_button.clicked.connect(self.export_prompt)
        d.export_library_button.clicked.connect(self.export_library)

    @property
    def busy(self) -> bool:
        return self.tasks.busy

    def import_file(self) -> None:
        store = self._ready()
        path = (
            self.pick(
                QCoreApplication.translate("LibraryFilesController", "Import prompts"),
                "",
                QCoreApplication.translate("LibraryFiles", _FILTER),
                False,
            )
            if store
            else None
        )
        if store is None or path is None:
            return
        self._run(
            QCoreApplication.translate("LibraryFilesController", "Importing {name}…").format(
                name=path.name
            ),
            lambda: store.import_file(path),
            lambda ids: self._on_imported(path, ids),
            lambda exc: (
                f"{path.name}: {exc}"  # the importer's sentence says what is wrong with it
                if isinstance(exc, LibraryError)
                else QCoreApplication.translate(
                    "LibraryFilesController",
                    "{name} could not be read: {reason} Nothing was changed.",
                ).format(name=path.name, reason=_reason(exc))
            ),
        )

    def _on_imported(self, path: Path, ids: list[int]) -> None:
        imported = len(ids)  # lupdate reads a plain name as the count, not a call
        count = translate("LibraryFilesController", "%n prompt(s)", None, imported)
        first = ids[0] if ids else None
        self._library.show_changes(
            QCoreApplication.translate(
                "LibraryFilesController", "Imported {count} from {name}."
            ).format(count=count, name=path.name),
            select=first,
        )

    def export_prompt(self) -> None:
        prompt = self._library.prompt
        store = self._ready()
        if store is None or prompt is None:
            return
        path = self.pick(
            QCoreApplication.translate("LibraryFilesController", "Export this prompt"),
            f"{_file_name(prompt.name)}.json",
            QCoreApplication.translate("LibraryFiles", _FILTER),
            True,
        )
        if path is not None:
            self._export(
                store,
                path,
                [prompt.id],
                QCoreApplication.translate(
                    "LibraryFilesController", "“{name}” with all its versions"
                ).format(name=prompt.name),
            )

    def export_library(self) -> None:
        store = self._ready()
        path = (
            self.pick(
                QCoreApplication.translate("LibraryFilesController", "Export the prompt library"),
                "llamadesk-prompts.json",
                QCoreApplication.translate("LibraryFiles", _FILTER),
                True,
            )
            if store
            else None
        )
        if store is not None and path is not None:
            self._export(
                store,
                path,
                None,
                QCoreApplication.translate(
                    "LibraryFilesController", "Every prompt with all its versions"
                ),
            )

    def _export(self, store: FileLibrary, path: Path, ids: list[int] | None, what: str) -> None:
        def write() -> None:
            _write_whole(path, store.export_prompts(ids))

        self._run(
            QCoreApplication.translate("LibraryFilesController", "Exporting to {name}…").format(
                name=path.name
            ),
            write,
            lambda _none: self._library.dialog.say(
                QCoreApplication.translate(
                    "LibraryFilesController", "{what} saved to {path}."
                ).format(what=what, path=path)
            ),
            lambda exc: QCoreApplication.translate(
                "LibraryFilesController", "The export was not written to {path}: {reason}"
            ).format(path=path, reason=_reason(exc)),
        )

    def _ready(self) -> FileLibrary | None:
        dialog = self._library.dialog
        if self._access.library is None:
            dialog.say(QCoreApplication.translate("LibraryAccess", NO_LIBRARY))
        elif self.tasks.busy:
            dialog.say(
                QCoreApplication.translate(
                    "LibraryFilesController",
                    "An import or export is still running; wait for it to end.",
                )
            )
        else:
            return self._access.library
        return None

    def _run(
        self,
        doing: str,
        work: Callable[[], _T],
        done: Callable[[_T], None],
        failed: Callable[[BaseException], str],
    ) -> None:
        dialog = self._library.dialog
        dialog.say(doing)
        self._set_busy(True)

        async def run() -> None:
            try:
                result = await asyncio.get_running_loop().run_in_executor(None, work)
            except LIBRARY_ERRORS as exc:
                dialog.say(failed(exc))
                return
            finally:
                self._set_busy(False)
            done(result)

        self.tasks.start("file", run())

    def _on_task_error(self, error: BaseException) -> None:
        """A bug of ours: one sentence in the window, the details where uncaught errors go."""
        self._set_busy(False)
        self._library.dialog.say(
            QCoreApplication.translate(
                "LibraryFilesController", "Something went wrong inside LlamaDesk ({name__})."
            ).format(name__=type(error).__name__)
        )
        sys.excepthook(type(error), error, error.__traceback__)

    def _set_busy(self, busy: bool) -> None:
        d = self._library.dialog
        d.progress.setVisible(busy)
        for button in (d.import_button, d.export_library_button, d.export_prompt_button):
            usable = button is not d.export_prompt_button or self._library.prompt is not None
            button.setEnabled(not busy and usable)


def _write_whole(path: Path, data: bytes) -> None:
    """Write next to `path`, then put it in place: a failed write leaves no half file."""
    part = path.with_name(path.name + ".part")
    try:
        part.write_bytes(data)
        os.replace(part, path)
    except BaseException:
        part.unlink(missing_ok=True)
        raise


def _file_name(name: str) -> str:
    cleaned = "".join(c if c.isalnum() or c in " -_" else " " for c in name).strip()
    return "-".join(cleaned.split())[:60] or "prompt"


def _reason(exc: BaseException) -> str:
    """Why a file could not be read or written, as the end of a sentence."""
    if isinstance(exc, FileNotFoundError):
        return QCoreApplication.translate("LibraryFiles", "the file or its folder does not exist.")
    if isinstance(exc, PermissionError):
        return QCoreApplication.translate("LibraryFiles", "permission denied.")
    if isinstance(exc, FileRefused):
        return f"{exc.reason}."
    if isinstance(exc, IsADirectoryError):
        return QCoreApplication.translate("LibraryFiles", "it is a folder, not a file.")
    if isinstance(exc, OSError):
        text = exc.strerror or str(exc) or type(exc).__name__
        return f"{text.strip().rstrip('.')}."
    return problem_text(exc)
