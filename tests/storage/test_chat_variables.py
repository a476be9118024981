"""Each chat's variables, values and reproducible switch: kept in history and in JSON exports."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from app.core.chat_settings import ChatSettings, OwnPrompt
from app.core.errors import ErrorCategory, Failure
from app.core.events import FinishReason
from app.core.message import MessageState
from app.core.params import SamplingParams
from app.core.prompts.variables import MAX_VALUE_CHARS, VariableSpec, VarType
from app.core.request import Role
from app.core.session import ChatSession
from app.storage.history.export import conversation_json, import_conversation
from app.storage.history.session_recorder import SessionRecorder
from app.storage.history.store import HistoryStore

TONE = VariableSpec("tone", VarType.CHOICE, "Tone", "calm", "How it sounds", ("calm", "brisk"))
TOPIC = VariableSpec("topic", VarType.LONG_TEXT, help="What the chat is about")
SETTINGS = ChatSettings(
    system_prompt="Speak {{tone}}ly about {{topic}} on {{date}}.",
    prompt_ref="3@2",
    variables=(TONE, TOPIC),
    values=(("tone", "brisk"), ("topic", "bread\nand butter")),
    reproducible=True,
)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[HistoryStore]:
    opened = HistoryStore.open(tmp_path / "history.db", flush_interval_s=0.01)
    yield opened
    opened.close()


def write_column(store: HistoryStore, conversation_id: int, variables: str) -> None:
    """Another program (or an older, buggier version) wrote this column."""
    conn = sqlite3.connect(store.path)
    with conn:
        conn.execute(
            "UPDATE conversations SET variables = ? WHERE id = ?", (variables, conversation_id)
        )
    conn.close()


def test_new_chat_keeps_variables_values_and_reproducible(store: HistoryStore) -> None:
    record = store.new_conversation(SETTINGS)
    assert record.settings == SETTINGS
    assert store.load_session(record.id).settings == SETTINGS


def test_update_settings_replaces_them(store: HistoryStore) -> None:
    record = store.new_conversation()
    assert record.settings.variables == () and record.settings.reproducible is False
    store.update_settings(record.id, SETTINGS)
    assert store.conversation(record.id).settings == SETTINGS
    cleared = replace(SETTINGS, values=(), reproducible=False)
    store.update_settings(record.id, cleared)
    assert store.load_session(record.id).settings == cleared


def test_lone_surrogates_in_values_are_stored(store: HistoryStore) -> None:
    settings = replace(SETTINGS, values=(("topic", "br\ud800ead"),))
    record = store.new_conversation(settings)
    assert record.settings.values == (("topic", "br\ufffdead"),)


def test_a_bad_stored_entry_is_dropped_and_the_rest_kept(store: HistoryStore) -> None:
    record = store.new_conversation(SETTINGS)
    column = {
        "specs": [
            {"name": "tone", "type": "choice", "options": ["calm", "brisk"]},
            {"name": "bad name"},
            {"name": "kind", "type": {"text": 1}},  # unhashable: no TypeError
            {"name": "topic", "type": "long_text"},
            7,
        ],
        "values": {
            "tone": "shouty",  # not one of the options: the form asks again
            "topic": "bread",
            "not a name": "x",
            "count": 3,
            "huge": "x" * (MAX_VALUE_CHARS + 1),
        },
    }
    write_column(store, record.id, json.dumps(column))
    settings = store.conversation(record.id).settings
    assert [s.name for s in settings.variables] == ["tone", "topic"]
    assert settings.values == (("topic", "bread"),)
    assert settings.system_prompt == SETTINGS.system_prompt and settings.reproducible


@pytest.mark.parametrize("column", ["", "not json", "[1, 2]", '{"specs": "x", "values": []}'])
def test_an_unreadable_column_means_no_variables(store: HistoryStore, column: str) -> None:
    record = store.new_conversation(SETTINGS)
    write_column(store, record.id, column)
    settings = store.load_session(record.id).settings
    assert (settings.variables, settings.values) == ((), ())
    assert settings.prompt_ref == "3@2"


def test_json_export_carries_them_and_import_restores_them(
    store: HistoryStore, tmp_path: Path
) -> None:
    record = store.new_conversation(SETTINGS)
    store.add_user_message(record.id, "Hello")
    data = conversation_json(store, record.id)
    assert data["reproducible"] is True
    assert data["variables"]["values"] == {"tone": "brisk", "topic": "bread\nand butter"}
    assert [s["name"] for s in data["variables"]["specs"]] == ["tone", "topic"]
    other = HistoryStore.open(tmp_path / "other.db")
    try:
        imported = import_conversation(other, json.loads(json.dumps(data)))
        settings = other.conversation(imported.id).settings
        # prompt_ref names a prompt of the exporting library: it is not carried.
        assert settings == replace(SETTINGS, prompt_ref="")
        assert conversation_json(other, imported.id) == data
    finally:
        other.close()


def test_import_drops_a_bad_value_and_keeps_the_rest(store: HistoryStore) -> None:
    record = store.new_conversation(SETTINGS)
    data = conversation_json(store, record.id)
    data["variables"]["values"]["tone"] = ["not", "text"]
    data["variables"]["specs"].append({"name": "date"})  # a built-in cannot be declared
    data["reproducible"] = "yes"  # only true is true
    imported = import_conversation(store, data).settings
    assert imported.variables == (TONE, TOPIC)
    assert imported.values == (("topic", "bread\nand butter"),)
    assert imported.reproducible is False


def test_an_older_export_without_them_imports_with_none(store: HistoryStore) -> None:
    record = store.new_conversation(SETTINGS)
    data = conversation_json(store, record.id)
    del data["variables"], data["reproducible"]
    imported = import_conversation(store, data).settings
    assert (imported.variables, imported.values, imported.reproducible) == ((), (), False)


def test_values_filled_in_before_the_first_send_reach_history(store: HistoryStore) -> None:
    session = ChatSession()
    session.builtins = lambda: {"date": "2026-11-30", "time": "", "weekday": "", "user_name": ""}
    errors: list[Exception] = []
    recorder = SessionRecorder(store, on_error=errors.append)
    recorder.attach(session)
    session.update_settings(
        system_prompt=SETTINGS.system_prompt, variables=SETTINGS.variables, reproducible=True
    )
    session.update_settings(values=SETTINGS.values)  # the fill-in form answered
    turn = session.send("Hi")
    assert turn.request.messages[0].content == (
        "Speak briskly about bread\nand butter on 2026-11-30."
    )
    assert session.conversation_id is not None
    stored = store.load_session(session.conversation_id).settings
    assert (stored.variables, stored.values, stored.reproducible) == (
        SETTINGS.variables,
        SETTINGS.values,
        True,
    )
    session.update_settings(values=(("tone", "calm"),))
    recorder.detach()  # leaving the chat writes the change
    assert store.conversation(session.conversation_id).settings.values == (("tone", "calm"),)
    assert errors == []


OWN = OwnPrompt("My own words, {{tone}}.", (TONE,))


def test_the_chats_own_text_set_aside_is_kept_with_it(store: HistoryStore) -> None:
    """The text "This chat's own prompt" brings back, while the chat uses a library prompt."""
    record = store.new_conversation(replace(SETTINGS, own_prompt=OWN))
    assert store.load_session(record.id).settings.own_prompt == OWN
    store.update_settings(record.id, SETTINGS)  # brought back: nothing set aside any more
    assert store.conversation(record.id).settings.own_prompt is None
    store.update_settings(record.id, replace(SETTINGS, own_prompt=OwnPrompt("x\ud800")))
    assert store.conversation(record.id).settings.own_prompt == OwnPrompt("x\ufffd")


@pytest.mark.parametrize(
    "column",
    [
        "",
        "not json",
        "[]",
        "[" * 100_000,
        '{"text": 7}',
        '{"specs": []}',
        '{"text": "t", "specs": 5}',
    ],
)
def test_an_unreadable_own_text_column_is_none_or_its_readable_part(
    store: HistoryStore, column: str
) -> None:
    record = store.new_conversation(SETTINGS)
    conn = sqlite3.connect(store.path)
    with conn:
        conn.execute("UPDATE conversations SET own_prompt = ? WHERE id = ?", (column, record.id))
    conn.close()
    kept = store.conversation(record.id).settings.own_prompt
    assert kept == (OwnPrompt("t") if column.startswith('{"text": "t"') else None)


def test_damaged_json_columns_of_a_chat_are_read_as_empty(store: HistoryStore) -> None:
    """Nested deeper than Python's stack (RecursionError) or not UTF-8: no crash."""
    record = store.new_conversation(SETTINGS)
    store.add_user_message(record.id, "Q")
    reply = store.start_reply(record.id)
    reply.finish(Failure(ErrorCategory.TIMEOUT, "Slow."))
    conn = sqlite3.connect(store.path)
    with conn:
        conn.execute("UPDATE conversations SET params = ?", ("[" * 100_000,))
        conn.execute("UPDATE messages SET usage = ?, failure = X'ff'", ("{" * 100_000,))
    conn.close()
    session = store.load_session(record.id)
    assert session.settings.params == SamplingParams()
    assert session.settings.variables == SETTINGS.variables
    assert [(m.usage, m.failure) for m in session.messages()] == [(None, None), (None, None)]


def test_damaged_message_columns_still_open_the_chat(store: HistoryStore) -> None:
    """A role, state or finish reason this version does not know, text that is not text,
    figures that are not numbers: the chat opens, each value read as the nearest sound one."""
    record = store.new_conversation(SETTINGS)
    store.add_user_message(record.id, "Q")
    reply = store.start_reply(record.id)
    reply.append("A")
    reply.finish(FinishReason.CANCELLED)
    conn = sqlite3.connect(store.path)
    with conn:
        conn.execute("UPDATE messages SET role = 'wizard' WHERE role = 'user'")
        conn.execute(
            "UPDATE messages SET state = 'melted', finish_reason = 'bored', ttft_ms = 'fast', "
            "tokens_per_s = X'00', created_at = 'yesterday' WHERE role = 'assistant'"
        )
    conn.close()
    user, answer = store.load_session(record.id).messages()
    assert (user.role, user.text) == (Role.ASSISTANT, "Q")  # never sent as the user's words
    assert (answer.state, answer.finish_reason) == (MessageState.DONE, FinishReason.UNKNOWN)
    assert (answer.ttft_ms, answer.tokens_per_s, answer.created_at) == (None, None, 0.0)


def test_a_stopped_reply_reads_back_stopped(store: HistoryStore) -> None:
    record = store.new_conversation(SETTINGS)
    store.add_user_message(record.id, "Q")
    reply = store.start_reply(record.id)
    reply.append("partial")
    reply.finish(FinishReason.CANCELLED)
    answer = store.load_session(record.id).messages()[1]
    assert answer.finish_reason is FinishReason.CANCELLED
