"""Disk problems named plainly: a full disk is "full", a read-only folder "read-only", never "damaged"."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

import pytest

from app.storage.disk import (
    DiskProblem,
    classify,
    data_dir_notice,
    data_dir_problem,
    probe_folder,
    write_failure_notice,
)
from app.storage.history.store import HistoryStore, HistoryUnavailable, history_path
from tests.storage.disk_faults import full_disk_connect, read_only_folder


def _history(folder: Path, chats: int = 1) -> Path:
    store = HistoryStore.open(history_path(folder))
    for n in range(chats):
        record = store.new_conversation()
        store.add_user_message(record.id, f"chat {n}")
    store.close()
    return history_path(folder)


def fill_the_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    """From now on no history can grow (see tests/storage/disk_faults.py)."""
    monkeypatch.setattr(sqlite3, "connect", full_disk_connect(sqlite3.connect))


def test_os_errors_are_named_by_what_they_mean() -> None:
    assert classify(OSError(errno.ENOSPC, "No space left on device")) is DiskProblem.FULL
    assert classify(OSError(errno.EDQUOT, "Disk quota exceeded")) is DiskProblem.FULL
    assert classify(OSError(errno.EROFS, "Read-only file system")) is DiskProblem.READ_ONLY
    assert classify(PermissionError(errno.EACCES, "Permission denied")) is DiskProblem.READ_ONLY
    assert classify(NotADirectoryError(errno.ENOTDIR, "Not a directory")) is (
        DiskProblem.NOT_A_FOLDER
    )
    assert classify(OSError(errno.EIO, "Input/output error")) is DiskProblem.DISK_ERROR
    assert classify(ValueError("other")) is DiskProblem.OTHER


def test_sqlite_full_from_its_page_limit_is_a_full_disk(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "x.db")
    conn.execute("CREATE TABLE t (v TEXT)")
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(sqlite3.OperationalError) as caught:
        conn.execute("INSERT INTO t VALUES (?)", ("x" * 100_000,))
    conn.close()
    assert classify(caught.value, tmp_path) is DiskProblem.FULL
    notice = write_failure_notice(caught.value, tmp_path / "x.db")
    assert "the disk is full" in notice and "damaged" not in notice
    assert "kept in memory" in notice


def test_sqlite_read_only_is_read_only(tmp_path: Path) -> None:
    sqlite3.connect(tmp_path / "x.db").execute("CREATE TABLE t (v)").connection.close()
    conn = sqlite3.connect(f"{(tmp_path / 'x.db').as_uri()}?mode=ro", uri=True)
    with pytest.raises(sqlite3.OperationalError) as caught:
        conn.execute("INSERT INTO t VALUES (1)")
    conn.close()
    assert classify(caught.value, tmp_path) is DiskProblem.READ_ONLY
    assert "read-only" in write_failure_notice(caught.value, tmp_path / "x.db")


def test_a_usable_folder_has_no_problem_and_the_probe_leaves_nothing(tmp_path: Path) -> None:
    data = tmp_path / "new" / "data"
    assert data_dir_problem(data) is None
    assert data.is_dir() and list(data.iterdir()) == []


def test_a_file_in_the_data_folders_place(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.write_text("not a folder")
    assert data_dir_problem(data) is DiskProblem.NOT_A_FOLDER
    assert data_dir_problem(data / "inside") is DiskProblem.NOT_A_FOLDER
    notice = data_dir_notice(data, DiskProblem.NOT_A_FOLDER)
    assert f"{data}: that is a file, not a folder" in notice and "--data-dir" in notice
    assert data.read_text() == "not a folder"


def test_a_read_only_data_folder(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with read_only_folder(data):
        assert probe_folder(data) is DiskProblem.READ_ONLY
        assert data_dir_problem(data) is DiskProblem.READ_ONLY
        assert data_dir_problem(data / "below") is DiskProblem.READ_ONLY
        notice = data_dir_notice(data, DiskProblem.READ_ONLY)
        below = data_dir_notice(data / "below", DiskProblem.READ_ONLY)
    assert "it is read-only" in notice and "kept in memory only" in notice
    assert "cannot be created there" in below
    assert list(data.iterdir()) == []


def test_the_full_disk_notice_says_full_and_what_to_do(tmp_path: Path) -> None:
    notice = data_dir_notice(tmp_path, DiskProblem.FULL)
    assert "is full" in notice and "Free some space" in notice and "damaged" not in notice


def test_a_history_that_cannot_grow_opens_but_a_write_says_full(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _history(tmp_path)
    fill_the_disk(monkeypatch)
    store = HistoryStore.open(path)  # reading needs no space
    try:
        assert len(store.conversations()) == 1
        record = store.conversation(store.conversations()[0].id)
        with pytest.raises(sqlite3.OperationalError) as caught:
            store.add_user_message(record.id, "x" * 100_000)
    finally:
        store.close()
    notice = write_failure_notice(caught.value, path)
    assert notice.startswith("History could not be saved: the disk is full.")
    reopened = HistoryStore.open(path)
    try:
        assert [m.text for m in reopened.active_path(record.id)] == ["chat 0"]  # nothing lost
    finally:
        reopened.close()


def test_a_new_history_on_a_full_disk_is_full_not_damaged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill_the_disk(monkeypatch)
    with pytest.raises(HistoryUnavailable) as caught:
        HistoryStore.open(history_path(tmp_path))
    assert "the disk is full" in caught.value.message
    assert "damaged" not in caught.value.message
    assert caught.value.backups == []  # restoring a backup onto a full disk cannot help


def test_a_history_in_a_read_only_folder_is_read_only_not_damaged(tmp_path: Path) -> None:
    path = _history(tmp_path / "data")
    with read_only_folder(tmp_path / "data"), pytest.raises(HistoryUnavailable) as caught:
        HistoryStore.open(path)
    assert "read-only" in caught.value.message and "damaged" not in caught.value.message
    assert caught.value.backups == []


def test_a_history_below_a_file_says_so(tmp_path: Path) -> None:
    (tmp_path / "data").write_text("")
    with pytest.raises(HistoryUnavailable) as caught:
        HistoryStore.open(history_path(tmp_path / "data"))
    assert "not a folder" in caught.value.message
