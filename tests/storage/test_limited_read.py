"""Bounded file reads: devices, FIFOs, folders and huge files are refused at once, with a sentence."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.storage.history.export import (
    IMPORT_MAX_BYTES,
    HistoryImportError,
    conversation_json,
    import_file,
)
from app.storage.history.store import HistoryStore, history_path
from app.storage.limited_read import FileRefused, read_limited, size_text
from app.storage.settings import SETTINGS_MAX_BYTES, SettingsStore, settings_path

#: Refusing must not depend on the size of what is refused: far below reading 2 GB.
QUICK_S = 1.0


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "chat.json"
    os.mkfifo(path)  # nobody ever writes: a plain open() would wait forever
    return path


@pytest.fixture
def huge(tmp_path: Path) -> Path:
    path = tmp_path / "huge.json"
    with path.open("wb") as file:
        file.truncate(2_000_000_000)  # sparse: 2 GB long, no disk used
    return path


@pytest.fixture
def store(tmp_path: Path) -> Iterator[HistoryStore]:
    opened = HistoryStore.open(history_path(tmp_path / "data"))
    yield opened
    opened.close()


def refused(path: Path, limit: int = 1000) -> str:
    started = time.monotonic()
    with pytest.raises(FileRefused) as caught:
        read_limited(path, limit)
    assert time.monotonic() - started < QUICK_S
    return str(caught.value)


def test_special_files_are_refused_without_reading(fifo: Path, tmp_path: Path) -> None:
    assert refused(Path("/dev/zero")) == "it is a device, not a file"
    assert refused(fifo) == "it is a pipe, not a file"
    assert refused(tmp_path) == "it is a folder, not a file"


def test_a_file_over_the_limit_is_refused_by_its_size(huge: Path) -> None:
    assert refused(huge, 50_000_000) == ("it is too large (2 GB; LlamaDesk reads at most 50 MB)")


def test_a_file_whose_size_lies_is_counted(tmp_path: Path) -> None:
    # /proc files say they are empty; only what is read counts.
    assert read_limited(Path("/proc/self/status"), 100_000).startswith(b"Name:")
    with pytest.raises(FileRefused, match="over 10 bytes"):
        read_limited(Path("/proc/self/status"), 10)


def test_up_to_the_limit_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"x" * 1000)
    assert read_limited(path, 1000) == b"x" * 1000
    with pytest.raises(FileRefused, match="too large"):
        read_limited(path, 999)
    with pytest.raises(FileNotFoundError):
        read_limited(tmp_path / "missing", 10)


def test_sizes_read_as_people_say_them() -> None:
    assert [size_text(n) for n in (512, 3_200, 50_000_000, 2_147_483_648)] == [
        "512 bytes",
        "3.2 KB",
        "50 MB",
        "2.15 GB",
    ]


@pytest.mark.parametrize("kind", ["fifo", "huge", "device"])
def test_importing_a_special_or_huge_file_is_refused_quickly(
    kind: str, store: HistoryStore, request: pytest.FixtureRequest
) -> None:
    path = Path("/dev/zero") if kind == "device" else request.getfixturevalue(kind)
    started = time.monotonic()
    with pytest.raises(FileRefused):
        import_file(store, path)
    assert time.monotonic() - started < QUICK_S
    assert store.conversations() == []


def test_importing_deeply_nested_json_is_a_sentence(store: HistoryStore, tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text("[" * 200_000 + "]" * 200_000)
    with pytest.raises(HistoryImportError, match="nests too deeply"):
        import_file(store, path)
    path.write_bytes(b"\xff\xfe not text")
    with pytest.raises(HistoryImportError, match="not a JSON text file"):
        import_file(store, path)


def test_an_export_imports_back_through_the_bounded_read(
    store: HistoryStore, tmp_path: Path
) -> None:
    record = store.new_conversation()
    store.add_user_message(record.id, "hello")
    path = tmp_path / "chat.json"
    path.write_text(json.dumps(conversation_json(store, record.id)))
    assert path.stat().st_size < IMPORT_MAX_BYTES
    imported = import_file(store, path)
    assert [m.text for m in store.active_path(imported.id)] == ["hello"]


def test_settings_that_are_a_pipe_or_huge_are_set_aside(tmp_path: Path) -> None:
    path = settings_path(tmp_path)
    os.mkfifo(path)
    store = SettingsStore(path)
    store.load()  # returns at once: the FIFO is not opened for a blocking read
    assert "it is a pipe, not a file" in (store.last_problem or "")
    assert not path.exists()  # kept aside under another name
    with path.open("wb") as file:
        file.truncate(SETTINGS_MAX_BYTES + 1)
    store.load()
    assert "too large" in (store.last_problem or "")
