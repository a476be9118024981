"""Reading the token file an administrator's policy names: bounded, a plain file only, never shown."""

from __future__ import annotations

from pathlib import Path
from typing import Final

from app.core.i18n import translate
from app.storage.limited_read import FileRefused, read_limited

#: A token is a few hundred bytes at most; a larger file is not a token file.
TOKEN_FILE_MAX_BYTES: Final = 16 * 1024


class TokenFileError(Exception):
    """The token file could not be used; `message` says why without quoting what is in it."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        self.message = f"The token file {path} could not be used: {reason}."
        super().__init__(self.message)


def read_token_file(path: Path, max_bytes: int = TOKEN_FILE_MAX_BYTES) -> str:
    """The token in `path`, stripped of surrounding whitespace; TokenFileError otherwise."""
    try:
        data = read_limited(path, max_bytes)
    except FileRefused as exc:
        raise TokenFileError(path, exc.reason) from None
    except FileNotFoundError:
        raise TokenFileError(path, "there is no such file") from None
    except PermissionError:
        raise TokenFileError(path, "you are not allowed to read it") from None
    except OSError as exc:
        reason = f"it could not be read ({exc.strerror or type(exc).__name__})"
        raise TokenFileError(path, reason) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise TokenFileError(path, "it is not UTF-8 text") from None
    token = text.strip()
    if not token:
        raise TokenFileError(path, "it is empty")
    return token


class TokenFileUnusable(OSError):
    """The window's form of TokenFileError: a whole message that ends with whom to ask."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


def token_file(path: str, *, contact: str = "") -> str:
    """The window's reader (handed to the backend factory: net never reads files): the token,
    or TokenFileUnusable saying why, that nothing was sent, and `contact`'s sentence."""
    try:
        return read_token_file(Path(path))
    except TokenFileError as exc:
        message = translate("TokenFile", "{problem} Nothing was sent.").format(problem=exc.message)
        raise TokenFileUnusable(f"{message} {contact}" if contact else message) from None
