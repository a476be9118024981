"""A policy endpoint's key read from the file the administrator named: bounded, stripped, unlogged.

The text of the file is the key; it never appears in a message, a log or an exception. A file
that is missing, unreadable, not a regular file, too large or empty is a plain sentence that
says what to do and (when the policy names one) whom to ask.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Final

from app.core.i18n import translate
from app.storage.limited_read import FileRefused, read_limited

#: A key is well under 1 KB; a file this large is not a key file.
TOKEN_FILE_MAX_BYTES: Final = 16 * 1024


class TokenFileError(OSError):
    """The key file could not be used; str() is the whole message for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


def token_file(path: str, *, contact: str = "", max_bytes: int = TOKEN_FILE_MAX_BYTES) -> str:
    """The key in `path`, stripped; TokenFileError (naming `contact`'s sentence) otherwise."""
    try:
        data = read_limited(Path(path), max_bytes)
    except FileRefused as exc:
        reason = (
            translate("TokenFile", "it is larger than a key file can be")
            if exc.too_large
            else exc.reason
        )
        raise _error(path, reason, contact) from None
    except FileNotFoundError:
        raise _error(path, translate("TokenFile", "it does not exist"), contact) from None
    except OSError as exc:
        reason = exc.strerror or (os.strerror(exc.errno) if exc.errno else type(exc).__name__)
        raise _error(path, reason.lower(), contact) from None
    try:
        token = data.decode("utf-8-sig").strip()
    except UnicodeDecodeError:
        raise _error(path, translate("TokenFile", "it does not hold text"), contact) from None
    if not token:
        raise _error(path, translate("TokenFile", "it is empty"), contact)
    return token


def _error(path: str, reason: str, contact: str) -> TokenFileError:
    message = translate(
        "TokenFile",
        "The key file your organization set up for LlamaDesk ({path}) cannot be read: "
        "{reason}. Nothing was sent.",
    ).format(path=path, reason=reason)
    return TokenFileError(f"{message} {contact}" if contact else message)
