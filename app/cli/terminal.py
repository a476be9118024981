"""What reaches the terminal: control characters made visible, input read as UTF-8 within bounds.

Reply text and server messages are untrusted: an escape sequence in them could move the cursor,
rewrite the error line, retitle the window or (on some terminals) answer back. So:

- stderr (our one-line messages, which quote servers) always has its control characters
  replaced by visible stand-ins (ESC becomes ␛, CR becomes ␍; tab and newline stay);
- stdout does the same when it is a terminal; when it is a pipe or a file the reply is
  passed byte for byte, because a script asked for the model's exact output;
- `--json` is escaped by the JSON encoder, C1 controls included, so it is safe either way.
"""

from __future__ import annotations

import contextlib
import os
from typing import BinaryIO, TextIO

#: C0 controls (but tab and newline) become their Unicode "control picture" (U+2400 + code),
#: DEL becomes ␡, and C1 controls (U+0080–U+009F, which some terminals obey as 8-bit escape
#: sequences) become U+FFFD.
_VISIBLE = {
    **{code: 0x2400 + code for code in range(0x20) if chr(code) not in "\t\n"},
    0x7F: 0x2421,
    **{code: 0xFFFD for code in range(0x80, 0xA0)},
}
#: For JSON output: C1 controls as \u escapes (JSON's own encoder already escapes C0).
_C1_ESCAPED = {code: f"\\u{code:04x}" for code in range(0x7F, 0xA0)}

MAX_STDIN_BYTES = 4 * 1024 * 1024  # ~1M tokens: far beyond any context window


class InputError(ValueError):
    """Standard input cannot be used as a prompt or token; the message says why."""


def visible(text: str) -> str:
    """`text` with every control character but tab and newline replaced by a visible sign."""
    return text.translate(_VISIBLE)


def json_safe(text: str) -> str:
    """A JSON document with C1 controls escaped too (still the same JSON value)."""
    return text.translate(_C1_ESCAPED)


def is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (ValueError, OSError):  # closed, or not a real file
        return False


def read_stdin_text(stream: TextIO | None, what: str) -> str:
    """All of standard input as UTF-8 text, at most MAX_STDIN_BYTES; InputError otherwise."""
    if stream is None:
        raise InputError(f"Standard input is closed, so there is no {what} to read.")
    raw: BinaryIO | None = getattr(stream, "buffer", None)
    if raw is None:  # a StringIO in tests: already text
        text = stream.read(MAX_STDIN_BYTES + 1)
        if len(text.encode("utf-8", "surrogateescape")) > MAX_STDIN_BYTES:
            raise _too_large(what)
        return _checked_text(text, what)
    data = raw.read(MAX_STDIN_BYTES + 1)
    if len(data) > MAX_STDIN_BYTES:
        raise _too_large(what)
    try:
        return data.decode("utf-8-sig")  # a BOM from Windows editors is not part of the text
    except UnicodeDecodeError as exc:
        raise InputError(
            f"Standard input is not UTF-8 text (byte 0x{data[exc.start]:02x} at position "
            f"{exc.start}), so it cannot be sent as the {what}. Convert it first, for example "
            "with `iconv -t UTF-8`."
        ) from None


def read_stdin_line(stream: TextIO | None, what: str) -> str:
    """One line of standard input as UTF-8 (for a token piped in); InputError otherwise."""
    if stream is None:
        raise InputError(f"Standard input is closed, so there is no {what} to read.")
    raw: BinaryIO | None = getattr(stream, "buffer", None)
    if raw is None:
        return _checked_text(stream.readline(64 * 1024), what)
    line = raw.readline(64 * 1024)
    try:
        return line.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"Standard input is not UTF-8 text, so it cannot be the {what}.") from None


def discard_output(stream: TextIO) -> None:
    """Point a closed pipe at the null device, so the flush at exit does not fail again."""
    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())


def not_utf8_argument(args: list[str]) -> str | None:
    """The first command-line argument that was not UTF-8 (Python keeps such bytes as
    surrogates, which no server accepts), as a printable quote; None if all were."""
    for arg in args:
        if any("\ud800" <= ch <= "\udfff" for ch in arg):
            shown = arg.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
            return visible(shown[:40])
    return None


def _checked_text(text: str, what: str) -> str:
    if any("\ud800" <= ch <= "\udfff" for ch in text):
        raise InputError(f"Standard input is not UTF-8 text, so it cannot be sent as the {what}.")
    return text


def _too_large(what: str) -> InputError:
    return InputError(
        f"Standard input is larger than {MAX_STDIN_BYTES // (1024 * 1024)} MB, far more than "
        f"any model's context window, so it was not sent as the {what}."
    )
