"""Export and import on real temp databases: JSON round trips, Markdown, whole-library backups."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.core.chat_settings import ChatSettings
from app.core.errors import ErrorCategory, Failure
from app.core.events import FinishReason, Usage
from app.core.message import MessageState
from app.core.params import SamplingParams
from app.storage.history.export import (
    IMPORT_MAX_VALUES,
    HistoryImportError,
    backup_library,
    conversation_json,
    conversation_markdown,
    import_conversation,
    import_file,
    restore_library,
)
from app.storage.history.store import HistoryStore

TOKEN = "cf-secret-token-0123456789"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[HistoryStore]:
    opened = HistoryStore.open(tmp_path / "history.db", flush_interval_s=0.01)
    yield opened
    opened.close()


def rich_conversation(store: HistoryStore) -> int:
    """Branches, a failure, a stop, usage and figures: everything an export must carry."""
    record = store.new_conversation(
        ChatSettings(
            system_prompt="Answer in French.\n\nBe brief.",
            params=SamplingParams(max_tokens=300, temperature=0.2, seed=42),
            profile_id="profile-1",
        ),
    )
    q = store.add_user_message(record.id, "What is *sourdough*?")
    first = store.start_reply(record.id)
    first.append("Le levain est")
    first.finish(Failure(ErrorCategory.TIMEOUT, "The server stopped answering.", detail="504"))
    second = store.regenerate(first.message_id)
    second.append("Un pain au levain.")
    second.finish(FinishReason.STOP, usage=Usage(20, 6, 26), ttft_ms=95.5, tokens_per_s=31.0)
    store.add_user_message(record.id, "Longer?")
    third = store.start_reply(record.id)
    third.append("Bien sûr")
    third.finish(FinishReason.CANCELLED, model="llama-3.1-8b")
    store.edit_user_message(q.id or 0, "What is rye?")
    store.select(second.message_id)  # the shown branch is not the newest one
    return record.id


def test_json_round_trip_compares_equal(store: HistoryStore, tmp_path: Path) -> None:
    conversation_id = rich_conversation(store)
    exported = conversation_json(store, conversation_id)
    text = json.dumps(exported, ensure_ascii=False)

    other = HistoryStore.open(tmp_path / "other.db")
    try:
        imported = import_conversation(other, json.loads(text))
        assert conversation_json(other, imported.id) == exported
        path = [m.text for m in other.active_path(imported.id)]
        assert path == [m.text for m in store.active_path(conversation_id)]
        assert other.search("levain")[0].conversation_id == imported.id
    finally:
        other.close()
    again = import_conversation(store, exported)  # into the same library: a copy
    assert again.id != conversation_id and conversation_json(store, again.id) == exported


def test_json_carries_messages_prompt_parameters_usage_and_times(store: HistoryStore) -> None:
    data = conversation_json(store, rich_conversation(store))
    assert data["system_prompt"] == "Answer in French.\n\nBe brief."
    assert data["params"] == {"max_tokens": 300, "temperature": 0.2, "seed": 42}
    assert data["profile_id"] == "profile-1"
    states = [(m["id"], m["parent"], m["state"]) for m in data["messages"]]
    assert states == [
        (1, None, "done"),
        (2, 1, "failed"),
        (3, 1, "done"),
        (4, 3, "done"),
        (5, 4, "stopped"),
        (6, None, "done"),
    ]
    assert data["messages"][2]["usage"] == {
        "prompt_tokens": 20,
        "completion_tokens": 6,
        "total_tokens": 26,
        "cached_tokens": None,
    }
    assert data["messages"][1]["failure"]["category"] == "timeout"
    assert data["messages"][0]["created_at"].endswith("+00:00")
    assert data["active_leaf"] == 5


def test_no_export_contains_a_token(
    store: HistoryStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLOUDFLARE_API_TOKEN", TOKEN)
    conversation_id = rich_conversation(store)
    exported = json.dumps(conversation_json(store, conversation_id))
    markdown = conversation_markdown(store, conversation_id)
    library = backup_library(store, tmp_path / "library.llamadesk").read_bytes()
    for text in (exported, markdown, library.decode("latin-1")):
        assert TOKEN not in text
        assert 'token"' not in text.replace('_tokens"', "")  # no token field at all


def test_markdown_shows_the_chosen_branch_and_outcomes(store: HistoryStore) -> None:
    markdown = conversation_markdown(store, rich_conversation(store))
    assert markdown.startswith("# What is *sourdough*?\n")
    assert "> Answer in French.\n>\n> Be brief." in markdown
    assert "**Parameters:** max_tokens = 300, temperature = 0.2, seed = 42" in markdown
    assert "## You (version 1/2)\n\nWhat is *sourdough*?" in markdown
    assert "## Assistant (version 2/2)\n\nUn pain au levain.\n\n*20 prompt + 6 reply tokens.*" in (
        markdown
    )
    assert "Bien sûr\n\n*Stopped by the user.*" in markdown
    assert "What is rye?" not in markdown and "Le levain est" not in markdown


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "not a LlamaDesk conversation"),
        ({"format": "other"}, "not a LlamaDesk conversation"),
        ({"format": "llamadesk-conversation", "version": 99}, "newer LlamaDesk"),
        ({"format": "llamadesk-conversation", "version": 1, "title": 3}, "damaged"),
    ],
)
def test_import_refuses_what_it_cannot_read(
    store: HistoryStore, data: object, message: str
) -> None:
    with pytest.raises(HistoryImportError, match=message):
        import_conversation(store, data)
    assert store.conversations() == []


def test_a_file_of_too_many_values_is_refused_before_parsing(
    store: HistoryStore, tmp_path: Path
) -> None:
    """Bytes alone do not bound json.loads: 20 MB of `{},` made 6.7 million dicts (~500 MB)."""
    path = tmp_path / "hostile.json"
    objects = IMPORT_MAX_VALUES // 2 + 1
    head = b'{"format": "llamadesk-conversation", "version": 1, "x": ['
    path.write_bytes(head + b"{}," * objects + b'{}], "messages": []}')
    with pytest.raises(HistoryImportError, match="more than 2,000,000 JSON values"):
        import_file(store, path)
    assert store.conversations() == []
    exported = conversation_json(store, rich_conversation(store))
    path.write_text(json.dumps(exported))
    assert conversation_json(store, import_file(store, path).id) == exported


def test_import_refuses_broken_message_trees(store: HistoryStore) -> None:
    data: dict[str, Any] = conversation_json(store, rich_conversation(store))
    data["messages"][1]["parent"] = 42
    with pytest.raises(HistoryImportError, match="damaged"):
        import_conversation(store, data)
    data["messages"][1]["parent"] = 1
    data["messages"][2]["id"] = 1
    with pytest.raises(HistoryImportError, match="two messages numbered 1"):
        import_conversation(store, data)
    assert len(store.conversations()) == 1


def test_numbers_past_what_a_float_holds_are_dropped_on_import(store: HistoryStore) -> None:
    data: dict[str, Any] = conversation_json(store, rich_conversation(store))
    data["params"]["seed"] = 10**400  # json reads 401 digits as an int: float() overflows
    data["messages"][2]["ttft_ms"] = 10**400
    data["messages"][2]["tokens_per_s"] = -(10**400)
    imported = import_conversation(store, data)
    assert imported.settings.params == SamplingParams(max_tokens=300, temperature=0.2)
    reply = store.active_path(imported.id)[1]
    assert (reply.text, reply.ttft_ms, reply.tokens_per_s) == ("Un pain au levain.", None, None)


def test_an_active_leaf_that_is_not_a_number_is_refused(store: HistoryStore) -> None:
    data: dict[str, Any] = conversation_json(store, rich_conversation(store))
    data["active_leaf"] = [5]
    with pytest.raises(HistoryImportError, match="unknown active message"):
        import_conversation(store, data)


@pytest.mark.parametrize(
    "when", ["9999-12-31T23:59:59-14:00", "1969-12-31T00:00:00+00:00", "0001-01-01T00:00:00", 5]
)
def test_a_time_an_export_could_not_write_back_is_refused(
    store: HistoryStore, when: object
) -> None:
    data: dict[str, Any] = conversation_json(store, rich_conversation(store))
    data["messages"][3]["updated_at"] = when
    with pytest.raises(HistoryImportError, match="from 1970 to 9999"):
        import_conversation(store, data)
    assert len(store.conversations()) == 1


def test_a_stored_time_past_the_year_9999_is_exported_clamped(store: HistoryStore) -> None:
    conversation_id = rich_conversation(store)
    conn = sqlite3.connect(store.path)
    with conn:  # another program, or a bug, wrote times no datetime can hold
        conn.execute("UPDATE conversations SET created_at = 1e300")
        conn.execute("UPDATE messages SET updated_at = -5")
    conn.close()
    data = conversation_json(store, conversation_id)
    assert data["created_at"] == "9999-12-31T23:59:59+00:00"
    assert {m["updated_at"] for m in data["messages"]} == {"1970-01-01T00:00:00+00:00"}
    assert "Started 9999-12-31" in conversation_markdown(store, conversation_id)
    again = import_conversation(store, data)
    assert conversation_json(store, again.id)["created_at"] == data["created_at"]


def test_a_streaming_reply_is_imported_as_interrupted(store: HistoryStore) -> None:
    conversation_id = store.new_conversation().id
    store.add_user_message(conversation_id, "Q")
    writer = store.start_reply(conversation_id)
    data = conversation_json(store, conversation_id)
    writer.finish(FinishReason.STOP)
    imported = import_conversation(store, data)
    assert store.active_path(imported.id)[-1].state is MessageState.INTERRUPTED


def test_library_backup_and_restore(store: HistoryStore, tmp_path: Path) -> None:
    kept = rich_conversation(store)
    before = conversation_json(store, kept)
    backup = backup_library(store, tmp_path / "library.llamadesk")
    later = store.new_conversation().id
    store.delete(kept)
    store.purge_deleted()

    replaced = restore_library(store, backup)
    assert [s.id for s in store.conversations()] == [kept]
    assert conversation_json(store, kept) == before
    assert store.search("levain")[0].conversation_id == kept
    other = HistoryStore.open(replaced)  # the library that was replaced is kept
    try:
        assert [s.id for s in other.conversations()] == [later]
    finally:
        other.close()
    (tmp_path / "junk").write_bytes(b"junk" * 100)
    with pytest.raises(Exception, match="damaged"):
        restore_library(store, tmp_path / "junk")
    assert [s.id for s in store.conversations()] == [kept]
