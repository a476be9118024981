"""The data-folder lock on its own (two real processes: test_app_process.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.ui.window.single_instance import LOCK_NAME, Forwarded, SingleInstance, server_name


def test_one_holder_per_folder_until_it_lets_go(qapp: Any, tmp_path: Path) -> None:
    first, second = SingleInstance(tmp_path / "data"), SingleInstance(tmp_path / "data")
    assert first.acquire() and (tmp_path / "data" / LOCK_NAME).exists()
    assert not second.acquire()  # the holder (this process) is alive: not stale
    assert second.owner_pid is not None
    first.release()
    assert second.acquire()
    second.release()
    assert not (tmp_path / "data" / LOCK_NAME).exists()


def test_another_folder_is_another_instance(qapp: Any, tmp_path: Path) -> None:
    one, other = SingleInstance(tmp_path / "one"), SingleInstance(tmp_path / "other")
    assert one.acquire() and other.acquire()
    assert one.server_name != other.server_name
    assert server_name(tmp_path / "one") == server_name(tmp_path / "x" / ".." / "one")
    one.release()
    other.release()


def test_a_folder_that_cannot_hold_a_lock_does_not_stop_the_app(qapp: Any, tmp_path: Path) -> None:
    (tmp_path / "data").write_text("")  # nothing can be saved there: two windows harm nothing
    assert SingleInstance(tmp_path / "data").acquire()


def test_nobody_listening_is_found_within_the_deadline(qapp: Any, tmp_path: Path) -> None:
    assert SingleInstance(tmp_path / "data").forward(timeout_ms=100) is Forwarded.GONE
