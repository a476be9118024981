"""A user's file is written whole or not at all, with the permissions a user expects."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.storage.atomic_write import write_text_atomically


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.usefixtures("umask_022")
def test_a_new_file_gets_the_usual_permissions_not_0600(tmp_path: Path) -> None:
    target = tmp_path / "set.yaml"
    write_text_atomically(target, "name: x\n")
    assert target.read_text(encoding="utf-8") == "name: x\n"
    assert _mode(target) == 0o644
    assert sorted(p.name for p in tmp_path.iterdir()) == ["set.yaml"]


@pytest.mark.usefixtures("umask_022")
def test_a_file_written_over_keeps_its_own_permissions(tmp_path: Path) -> None:
    target = tmp_path / "results.csv"
    target.write_text("old")
    target.chmod(0o640)
    write_text_atomically(target, "new, «ünïcode»\r\n")
    assert target.read_bytes() == "new, «ünïcode»\r\n".encode()  # no newline translation
    assert _mode(target) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["results.csv"]


def test_a_link_stays_a_link_and_its_file_is_replaced(tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_text("old")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    write_text_atomically(link, "new")
    assert link.is_symlink() and real.read_text() == "new"


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        write_text_atomically(tmp_path / "gone" / "out.json", "x")
    (tmp_path / "out.json").mkdir()  # a folder in the file's place: the rename fails
    (tmp_path / "out.json" / "inside").write_text("kept")
    with pytest.raises(OSError):
        write_text_atomically(tmp_path / "out.json", "new")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]
    assert (tmp_path / "out.json" / "inside").read_text() == "kept"
