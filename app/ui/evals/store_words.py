"""Why a test-set or run read or write failed, in plain words for the status line."""

from __future__ import annotations

import sqlite3
from typing import Final

from PySide6.QtCore import QCoreApplication

from app.storage.disk import classify, reason
from app.storage.history.eval_store import EvalStore
from app.storage.history.files import HistoryUnavailable
from app.storage.history.test_set_store import EvalStoreError

#: What an EvalStore call can raise: the history turned read-only after a failed check
#: (HistoryUnavailable), SQLite, the disk, a row that is gone, a stored row that cannot be read.
STORE_ERRORS: Final = (HistoryUnavailable, sqlite3.Error, OSError, KeyError, ValueError)


def store_failure(what: str, exc: BaseException, store: EvalStore | None) -> str:
    """ "The grade could not be saved: the history file is in use by another program (…)."

    `what` is the sentence's start ("The grade could not be saved"); no library error text
    ("database is locked") reaches the user on its own.
    """
    if isinstance(exc, HistoryUnavailable):
        # Its message names the file, why it is not written any more, and what can be done.
        return QCoreApplication.translate(
            "StoreWords", "{what}: the history is not written to any more. {message}"
        ).format(what=what, message=exc.message)
    if isinstance(exc, EvalStoreError):
        return f"{what}: {exc}"
    if isinstance(exc, KeyError):
        return QCoreApplication.translate(
            "StoreWords", "{what}: it no longer exists; it may have been removed in another window."
        ).format(what=what)
    path = store.path if store is not None else None
    if isinstance(exc, sqlite3.Error | OSError):
        where = (
            QCoreApplication.translate("StoreWords", "the history file {path}").format(path=path)
            if path is not None
            else QCoreApplication.translate("StoreWords", "the history file")
        )
        problem = classify(exc, path.parent if path is not None else None)
        return f"{what}: {where} {reason(problem, exc)}."
    return QCoreApplication.translate(
        "StoreWords", "{what}: it was not in a form LlamaDesk can read ({exc})."
    ).format(what=what, exc=exc)
