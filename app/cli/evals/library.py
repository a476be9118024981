"""Where `library:` prompts come from: the user's prompt library, opened read-only."""

from __future__ import annotations

from pathlib import Path

from app.cli.options import UsageError
from app.core.evals.model import ResolvedPrompt, TestSet
from app.core.evals.resolve import resolve_prompts
from app.storage.history.files import HistoryUnavailable, history_path
from app.storage.settings import default_data_dir


def resolved_prompts(test_set: TestSet, data_dir: Path | None) -> list[ResolvedPrompt]:
    """The set's prompts made concrete.

    TestSetError (from resolve) names a prompt the library cannot give; UsageError says a
    library prompt is named but there is no library to read.
    """
    needs = [p for p in test_set.prompts if p.library is not None]
    if not needs:
        return resolve_prompts(test_set, None)
    from app.storage.history.library_reader import open_library_read_only

    folder = data_dir or default_data_dir()
    try:
        library, db = open_library_read_only(history_path(folder))
    except HistoryUnavailable as exc:
        first = needs[0]
        raise UsageError(
            f'Prompt "{first.id}" is the library prompt "{first.library}", but the prompt '
            f"library cannot be read: {exc.message} Pass --data-dir with the LlamaDesk data "
            "folder that holds it, or write the prompt in the file with `system:`."
        ) from None
    try:
        return resolve_prompts(test_set, library)
    finally:
        db.close()
