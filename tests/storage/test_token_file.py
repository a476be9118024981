"""The policy's token file: read bounded and stripped; every refusal a sentence that never quotes it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from app.storage.token_file import (
    TOKEN_FILE_MAX_BYTES,
    TokenFileError,
    TokenFileUnusable,
    read_token_file,
    token_file,
)

SECRET = "cf-file-token-5e7a1b9c3d"


def test_the_token_is_stripped_of_a_byte_order_mark_and_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "token"
    path.write_bytes(b"\xef\xbb\xbf\r\n  " + SECRET.encode() + b"  \r\n\r\n")

    assert read_token_file(path) == SECRET


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"\xff\xfe" + SECRET.encode("utf-16-le"), "it is not UTF-8 text"),
        (b"\n\t \n", "it is empty"),
        (SECRET.encode() * 10, "it is too large"),
    ],
)
def test_a_file_that_is_no_token_is_refused_without_quoting_it(
    tmp_path: Path, content: bytes, reason: str
) -> None:
    path = tmp_path / "token"
    path.write_bytes(content)

    with pytest.raises(TokenFileError) as caught:
        read_token_file(path, max_bytes=100)

    assert caught.value.message.startswith(f"The token file {path} could not be used: {reason}")
    assert SECRET not in str(caught.value)


# -- the window's reader: the same checks, a whole message that names whom to ask --------------

CONTACT = "If this keeps happening, contact IT helpdesk, extension 1234."


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda p: None, "there is no such file"),
        (lambda p: p.write_bytes(b"x" * (TOKEN_FILE_MAX_BYTES + 1)), "too large"),
        (lambda p: p.mkdir(), "not a file"),
        (lambda p: os.mkfifo(p), "not a file"),
        (lambda p: p.write_text(" \n\t"), "it is empty"),
    ],
)
def test_the_windows_reader_says_why_that_nothing_was_sent_and_whom_to_ask(
    tmp_path: Path, make: object, words: str
) -> None:
    path = tmp_path / "key"
    make(path)  # type: ignore[operator]
    with pytest.raises(TokenFileUnusable) as refused:
        token_file(str(path), contact=CONTACT)
    message = str(refused.value)
    assert words in message and str(path) in message and message.endswith(CONTACT)
    assert "Nothing was sent" in message and SECRET not in message


def test_the_windows_reader_returns_the_stripped_token(tmp_path: Path) -> None:
    path = tmp_path / "key"
    path.write_text(f"  {SECRET}\n")
    assert token_file(str(path)) == SECRET
