"""Export the compare on screen as Markdown or JSON (each pane's settings, messages, provenance)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from app.core.compare import CompareSession
from app.core.i18n import QT_TRANSLATE_NOOP
from app.core.provenance import EndpointInfo
from app.storage.atomic_write import write_text_atomically
from app.storage.history.compare_export import compare_json, compare_markdown
from app.storage.history.files import HistoryUnavailable
from app.storage.history.store import HistoryStore
from app.ui.history.file_actions import _file_name, _reason
from app.ui.window.file_dialogs import PathPicker

_FORMATS = {
    "markdown": ("Markdown", "md", QT_TRANSLATE_NOOP("CompareFileActions", "Markdown (*.md)")),
    "json": ("JSON", "json", QT_TRANSLATE_NOOP("CompareFileActions", "JSON (*.json)")),
}


class CompareFileActions:
    """Each export says what it did (or why it could not) in compare mode's status line."""

    def __init__(
        self,
        store: Callable[[], HistoryStore | None],
        compare: Callable[[], CompareSession | None],
        endpoints: Callable[[], dict[str, EndpointInfo]],
        say: Callable[[str], None],
        pick: PathPicker,
    ) -> None:
        self._store = store
        self._compare = compare
        self._endpoints = endpoints  # profile id -> the endpoint it names (never its token)
        self._say = say
        self._pick = pick

    def export(self, form: str) -> None:
        """`form` "markdown" or "json": ask where, write it, say so."""
        kind, suffix, filters = _FORMATS[form]
        filters = QCoreApplication.translate("CompareFileActions", filters)
        store, compare = self._store(), self._compare()
        if compare is None:
            self._say(
                QCoreApplication.translate(
                    "CompareFileActions",
                    "Start a compare first (Ctrl+Shift+K): there is nothing to export yet.",
                )
            )
            return
        if store is None or compare.compare_id is None:
            self._say(
                QCoreApplication.translate(
                    "CompareFileActions",
                    "This compare is not in the history (it is off), so it cannot be exported.",
                )
            )
            return
        compare_id = compare.compare_id
        try:
            title = store.conversation(compare_id).title or "compare"
        except (KeyError, sqlite3.Error, HistoryUnavailable):
            title = "compare"
        path = self._pick(
            QCoreApplication.translate(
                "CompareFileActions", "Export this compare as {kind}"
            ).format(kind=kind),
            f"{_file_name(title)}.{suffix}",
            filters,
            True,
        )
        if path is None:
            return
        render = compare_markdown if form == "markdown" else compare_json
        try:
            text = render(store, compare_id, self._endpoints())
            write_text_atomically(path, text)
        except (OSError, sqlite3.Error, HistoryUnavailable, KeyError) as exc:
            self._say(
                QCoreApplication.translate(
                    "CompareFileActions", "The compare could not be exported: {reason}."
                ).format(reason=_reason(exc, path))
            )
            return
        self._say(
            QCoreApplication.translate(
                "CompareFileActions", "Exported “{title}” to {path}."
            ).format(title=title, path=path)
        )
