"""Test-set and case files read from disk: a regular file, bounded, UTF-8, then parsed by core.

The core parses text only; reading a path the user picked (which may be a pipe that never
opens, a device that never ends, or a file of gigabytes) is storage's, as for every other file.
"""

from __future__ import annotations

from pathlib import Path

from app.core.evals.files import MAX_FILE_BYTES, TestSetError, cases_from_csv, load_test_set
from app.core.evals.model import TestCase, TestSet
from app.core.i18n import translate
from app.storage.limited_read import FileRefused, read_limited


def read_test_set(path: Path) -> TestSet:
    """The test set in the YAML or JSON file at `path`, named after the file when it names
    none; TestSetError (naming the file, and the line when there is one) otherwise."""
    return load_test_set(read_text(path), name=path.stem)


def read_cases_csv(path: Path) -> list[TestCase]:
    """The cases in the CSV file at `path`; TestSetError otherwise."""
    return cases_from_csv(read_text(path))


def read_text(path: Path) -> str:
    """The file's text, read bounded to MAX_FILE_BYTES; TestSetError when it cannot be."""
    try:
        data = read_limited(path, MAX_FILE_BYTES)
    except FileRefused as exc:
        if exc.too_large:
            raise TestSetError(
                translate(
                    "TestSetFiles", "{name} is larger than {value} MB; split the test set"
                ).format(name=path.name, value=MAX_FILE_BYTES // (1024 * 1024))
            ) from None
        raise TestSetError(
            translate("TestSetFiles", "cannot read {name}: {reason}").format(
                name=path.name, reason=exc.reason
            )
        ) from None
    except OSError as exc:
        reason = exc.strerror or translate("TestSetFiles", "it cannot be read")
        raise TestSetError(
            translate("TestSetFiles", "cannot read {name}: {reason}").format(
                name=path.name, reason=reason
            )
        ) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise TestSetError(
            translate("TestSetFiles", "{name} is not UTF-8 text; save it as UTF-8").format(
                name=path.name
            ),
            line=line,
        ) from None
