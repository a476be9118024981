"""The policy's token file: read bounded and stripped; every refusal a sentence that never quotes it."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.storage.token_file import TokenFileError, read_token_file

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
