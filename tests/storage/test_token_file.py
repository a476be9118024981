"""A policy endpoint's key file: read bounded and stripped; every failure a plain sentence that
never holds the key and names whom to ask."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from app.storage.token_file import TOKEN_FILE_MAX_BYTES, TokenFileError, token_file

CONTACT = "If this keeps happening, contact IT helpdesk, extension 1234."
KEY = "file-key-3c9e0d21"


def test_the_key_is_read_and_stripped(tmp_path: Path) -> None:
    path = tmp_path / "key"
    path.write_text(f"\ufeff  {KEY}\r\n")
    assert token_file(str(path)) == KEY


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda p: None, "it does not exist"),
        (lambda p: p.write_bytes(b"x" * (TOKEN_FILE_MAX_BYTES + 1)), "larger than a key file"),
        (lambda p: p.mkdir(), "not a file"),
        (lambda p: os.mkfifo(p), "not a file"),
        (lambda p: p.write_text(" \n\t"), "it is empty"),
        (lambda p: p.write_bytes(b"\xff\xfe\xfa" + KEY.encode()), "does not hold text"),
    ],
)
def test_a_key_file_that_cannot_be_used_says_why_and_whom_to_ask(
    tmp_path: Path, make: object, words: str
) -> None:
    path = tmp_path / "key"
    make(path)  # type: ignore[operator]
    with pytest.raises(TokenFileError) as refused:
        token_file(str(path), contact=CONTACT)
    message = str(refused.value)
    assert words in message and str(path) in message and message.endswith(CONTACT)
    assert "Nothing was sent" in message and KEY not in message


def test_a_file_of_exactly_the_limit_is_still_read(tmp_path: Path) -> None:
    path = tmp_path / "key"
    path.write_text(KEY + " " * (TOKEN_FILE_MAX_BYTES - len(KEY)))
    assert token_file(str(path)) == KEY
