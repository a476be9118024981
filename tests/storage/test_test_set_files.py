"""Test-set and case files read from disk: bounded, regular files only, UTF-8, named plainly."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from app.core.evals.files import MAX_FILE_BYTES, TestSetError
from app.storage.test_set_files import read_cases_csv, read_test_set

MINIMAL_PROMPTS = "prompts:\n  - {id: a, system: x}\n"


def test_a_50_mb_file_is_refused_having_read_only_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.write(b"tests:\n")
        chunk = b"  - {input: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa}\n" * 1000
        while handle.tell() < 50 * 1024 * 1024:
            handle.write(chunk)
    with pytest.raises(
        TestSetError,
        match=r"^huge\.yaml is larger than 8 MB; split the test set$",
    ):
        read_test_set(path)


def test_a_file_just_under_the_limit_is_read(tmp_path: Path) -> None:
    body = MINIMAL_PROMPTS + "tests:\n  - input: '" + "y" * 150_000 + "'\n"
    path = tmp_path / "big.yaml"
    path.write_text(body)
    assert len(body) < MAX_FILE_BYTES and read_test_set(path).name == "big"


def test_non_utf8_is_refused_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "latin.yaml"
    path.write_bytes((MINIMAL_PROMPTS + "tests:\n  - input: caf").encode() + b"\xe9\n")
    with pytest.raises(TestSetError) as caught:
        read_test_set(path)
    assert str(caught.value) == "line 4: latin.yaml is not UTF-8 text; save it as UTF-8"


def test_a_byte_order_mark_is_fine_and_the_file_names_the_set(tmp_path: Path) -> None:
    path = tmp_path / "with-bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + (MINIMAL_PROMPTS + "tests: [{input: a}]").encode())
    assert read_test_set(path).name == "with-bom"


def test_an_unreadable_path_is_a_plain_error(tmp_path: Path) -> None:
    with pytest.raises(TestSetError, match=r"^cannot read missing\.yaml: "):
        read_test_set(tmp_path / "missing.yaml")
    with pytest.raises(TestSetError, match="cannot read"):
        read_test_set(tmp_path)


def test_a_pipe_is_refused_at_once_instead_of_waiting_for_a_writer(tmp_path: Path) -> None:
    for name in ("pipe.yaml", "pipe.csv"):
        os.mkfifo(tmp_path / name)
    with pytest.raises(TestSetError, match=r"^cannot read pipe\.yaml: it is a pipe, not a file$"):
        read_test_set(tmp_path / "pipe.yaml")
    with pytest.raises(TestSetError, match=r"^cannot read pipe\.csv: it is a pipe, not a file$"):
        read_cases_csv(tmp_path / "pipe.csv")


def test_a_csv_file_becomes_cases(tmp_path: Path) -> None:
    path = tmp_path / "cases.csv"
    path.write_bytes(b"\xef\xbb\xbfinput,expect,product\nRefund?,Yes,Pro\n")
    [case] = read_cases_csv(path)
    assert (case.input, case.expect, dict(case.vars)) == ("Refund?", "Yes", {"product": "Pro"})
