"""The history store on real temp databases: sidebar, branches, search, write-through of replies."""

from __future__ import annotations

import itertools
import sqlite3
import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from app.core.chat_settings import ChatSettings
from app.core.errors import ErrorCategory, Failure
from app.core.events import FinishReason, Usage
from app.core.history_model import auto_title
from app.core.message import ChatMessage, MessageState
from app.core.params import SamplingParams
from app.core.request import PromptMode, Role
from app.storage.history.schema import SCHEMA_VERSION
from app.storage.history.store import HistoryStore


class Flushes:
    """Collects on_flushed calls from the flusher thread; tests wait on it, never sleep."""

    def __init__(self) -> None:
        self.seen: list[tuple[int, int]] = []
        self._cond = threading.Condition()

    def __call__(self, message_id: int, chars: int) -> None:
        with self._cond:
            self.seen.append((message_id, chars))
            self._cond.notify_all()

    def wait_for(self, message_id: int, chars: int) -> None:
        with self._cond:
            assert self._cond.wait_for(lambda: (message_id, chars) in self.seen, timeout=10)


@pytest.fixture
def flushes() -> Flushes:
    return Flushes()


@pytest.fixture
def store(tmp_path: Path, flushes: Flushes) -> Iterator[HistoryStore]:
    ticks = itertools.count(1000)  # a clock that always moves: ordering is deterministic
    opened = HistoryStore.open(
        tmp_path / "history.db",
        flush_interval_s=0.01,
        on_flushed=flushes,
        clock=lambda: float(next(ticks)),
    )
    yield opened
    opened.close()


def stored_text(db: Path, message_id: int) -> tuple[str, str]:
    """What another reader sees on disk right now."""
    conn = sqlite3.connect(db)
    try:
        row = conn.execute(
            "SELECT text, state FROM messages WHERE id = ?", (message_id,)
        ).fetchone()
        return str(row[0]), str(row[1])
    finally:
        conn.close()


def test_new_database_is_current_and_in_wal_mode(store: HistoryStore) -> None:
    conn = sqlite3.connect(store.path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    finally:
        conn.close()
    assert store.backup_path is None and store.recovered == [] and store.checked.is_set()


def test_sidebar_newest_first_pinned_on_top_and_titles(store: HistoryStore) -> None:
    a, b, c = (store.new_conversation() for _ in range(3))
    store.add_user_message(a.id, "  Explain\n the borrow checker in Rust, please, with examples")
    store.add_user_message(b.id, "Hi")
    assert [s.id for s in store.conversations()] == [b.id, a.id, c.id]
    store.set_pinned(c.id, True)
    rows = store.conversations()
    assert [(s.id, s.pinned) for s in rows] == [(c.id, True), (b.id, False), (a.id, False)]
    assert rows[2].title == "Explain"
    assert store.conversations(limit=1, offset=1)[0].id == b.id
    store.rename(b.id, "  Greeting  ")
    store.add_user_message(b.id, "Another message")  # a manual title stays
    assert store.conversation(b.id).title == "Greeting"
    store.rename(b.id, "")
    assert (store.conversation(b.id).title, store.conversation(b.id).title_is_auto) == ("Hi", True)


def test_auto_title_cuts_long_first_lines_at_a_word() -> None:
    title = auto_title("word " * 30)
    assert title.endswith("…") and len(title) <= 60 and "  " not in title
    assert auto_title("\n\n") == "New conversation"
    assert auto_title("x" * 100) == "x" * 59 + "…"


def test_delete_can_be_undone_until_purged(store: HistoryStore) -> None:
    keep, gone = store.new_conversation(), store.new_conversation()
    store.add_user_message(gone.id, "searchable needle")
    store.delete(gone.id)
    assert [s.id for s in store.conversations()] == [keep.id]
    assert store.search("needle") == []
    store.undo_delete(gone.id)
    assert {s.id for s in store.conversations()} == {keep.id, gone.id}
    store.delete(gone.id)
    assert store.purge_deleted() == 1
    with pytest.raises(KeyError):
        store.conversation(gone.id)
    assert store.all_messages(gone.id) == []


def test_each_conversation_keeps_its_prompt_parameters_and_profile(store: HistoryStore) -> None:
    params = SamplingParams(max_tokens=300, temperature=0.2, seed=42)
    settings = ChatSettings("Be brief.", params, PromptMode.RAW, "p1", "prompt-7@3")
    record = store.new_conversation(settings)
    assert record.settings == settings
    changed = replace(settings, params=SamplingParams(top_k=5), prompt_mode=PromptMode.CHAT)
    store.update_settings(record.id, changed)
    assert store.conversation(record.id).settings == changed
    assert store.load_session(record.id).settings == changed


def test_write_through_flushes_while_streaming_and_finish_stores_the_outcome(
    store: HistoryStore, flushes: Flushes
) -> None:
    conversation = store.new_conversation()
    question = store.add_user_message(conversation.id, "Question?")
    assert stored_text(store.path, question.id) == ("Question?", "done")  # before any request
    writer = store.start_reply(conversation.id)
    assert stored_text(store.path, writer.message_id) == ("", "streaming")
    writer.append("Hello")
    flushes.wait_for(writer.message_id, 5)
    assert stored_text(store.path, writer.message_id) == ("Hello", "streaming")
    writer.append(", world")
    flushes.wait_for(writer.message_id, 12)
    usage = Usage(10, 2, 12)
    final = writer.finish(FinishReason.LENGTH, usage=usage, ttft_ms=80.0, model="llama")
    assert (final.text, final.state, final.finish_reason) == (
        "Hello, world",
        MessageState.DONE,
        FinishReason.LENGTH,
    )
    assert (final.usage, final.ttft_ms, final.model) == (usage, 80.0, "llama")
    assert final.cut_by_limit
    with pytest.raises(RuntimeError):
        writer.append("late")


def test_append_never_writes_more_than_once_per_interval(tmp_path: Path) -> None:
    flushes = Flushes()
    store = HistoryStore.open(tmp_path / "h.db", flush_interval_s=3600, on_flushed=flushes)
    try:
        conversation = store.new_conversation()
        writer = store.start_reply(conversation.id)
        writer.append("first")  # nothing flushed yet: written at once
        flushes.wait_for(writer.message_id, 5)
        for piece in ("a", "b", "c"):
            writer.append(piece)
        assert stored_text(store.path, writer.message_id) == ("first", "streaming")
        writer.finish(FinishReason.CANCELLED)
        assert stored_text(store.path, writer.message_id) == ("firstabc", "stopped")
        assert flushes.seen == [(writer.message_id, 5)]
    finally:
        store.close()


def test_failed_and_recorded_replies(store: HistoryStore) -> None:
    conversation = store.new_conversation()
    store.add_user_message(conversation.id, "Q")
    failure = Failure(ErrorCategory.TIMEOUT, "The server stopped answering.", status=504)
    writer = store.start_reply(conversation.id)
    writer.append("part")
    failed = writer.finish(failure)
    assert (failed.state, failed.failure, failed.text) == (MessageState.FAILED, failure, "part")
    again = store.regenerate(failed.id)
    message = ChatMessage(Role.ASSISTANT, "Recorded text", MessageState.DONE, FinishReason.STOP)
    message.tokens_per_s = 42.0
    recorded = again.record(message)
    assert (recorded.text, recorded.tokens_per_s) == ("Recorded text", 42.0)
    assert store.versions(recorded.id or 0) == (2, 2)


def test_closing_mid_stream_keeps_the_text_and_reopens_interrupted(tmp_path: Path) -> None:
    db = tmp_path / "history.db"
    store = HistoryStore.open(db, flush_interval_s=3600)
    conversation = store.new_conversation()
    store.add_user_message(conversation.id, "Q")
    writer = store.start_reply(conversation.id)
    writer.append("one ")
    writer.append("two")
    store.close()
    reopened = HistoryStore.open(db)
    try:
        assert reopened.recovered == [writer.message_id]
        reply = reopened.message(writer.message_id)
        assert (reply.text, reply.state) == ("one two", MessageState.INTERRUPTED)
        shown = reply.shown_failure  # on screen it says it was cut by LlamaDesk closing
        assert reply.failed and shown is not None
        assert shown.category is ErrorCategory.INTERRUPTED
        assert "closed before this reply finished" in shown.message
    finally:
        reopened.close()


def test_edits_and_regenerations_are_branches_with_navigation(store: HistoryStore) -> None:
    conv = store.new_conversation().id
    q1 = store.add_user_message(conv, "Tell me a joke")
    a1 = store.start_reply(conv)
    a1.append("Joke one")
    a1.finish(FinishReason.STOP)
    a2 = store.regenerate(a1.message_id)
    a2.append("Joke two")
    a2.finish(FinishReason.STOP)
    store.add_user_message(conv, "Another")
    assert [m.text for m in store.active_path(conv)] == ["Tell me a joke", "Joke two", "Another"]
    reply = store.active_path(conv)[1]
    assert reply.id is not None and store.versions(reply.id) == (2, 2)

    previous = store.sibling(reply.id, -1)
    assert previous is not None and previous.id == a1.message_id
    assert store.sibling(reply.id, +1) is None
    assert previous.id is not None
    assert [m.text for m in store.select(previous.id)] == ["Tell me a joke", "Joke one"]
    # Each node remembers its chosen child: going back restores the longer branch.
    assert [m.text for m in store.select(reply.id)][-1] == "Another"

    assert q1.id is not None
    edited = store.edit_user_message(q1.id, "Tell me a pun")
    assert edited.id is not None and store.parent_id(edited.id) is None
    assert store.versions(edited.id) == (2, 2)
    assert [m.text for m in store.active_path(conv)] == ["Tell me a pun"]
    store.start_reply(conv).finish(FinishReason.STOP)
    assert len(store.active_path(conv)) == 2
    assert len(store.all_messages(conv)) == 6
    assert store.select(q1.id)[-1].text == "Another"


def test_full_text_search_finds_words_prefixes_and_jumps_to_hidden_branches(
    store: HistoryStore,
) -> None:
    conv = store.new_conversation().id
    first = store.add_user_message(conv, "How do I knead sourdough bread?")
    other = store.new_conversation().id
    store.add_user_message(other, "Bread in a pan, no kneading")
    store.edit_user_message(first.id, "Something else entirely")

    hits = store.search("bread")
    assert [h.conversation_id for h in hits] == [other, conv]  # newest first
    assert hits[1].message_id == first.id and hits[1].role is Role.USER
    assert hits[1].snippet == "How do I knead sourdough [bread]?"
    assert hits[1].conversation_title == "How do I knead sourdough bread?"
    assert {h.message_id for h in store.search("knea")} == {first.id, first.id + 1}
    assert [h.message_id for h in store.search("sourdough bre")] == [first.id]
    assert store.search("knea ") == []  # a finished word is matched whole
    assert store.search("  ") == [] and store.search('"*(') == []
    assert store.search("bread", marks=("<b>", "</b>"))[0].snippet.count("<b>") == 1
    # Jump to a hit on a branch not shown: select it, the path now shows it.
    assert store.select(hits[1].message_id)[0].id == first.id


def test_many_small_appends_race_the_flusher_and_nothing_is_lost(tmp_path: Path) -> None:
    store = HistoryStore.open(tmp_path / "h.db", flush_interval_s=0.0005)
    try:
        conversation = store.new_conversation()
        writer = store.start_reply(conversation.id)
        pieces = [f"{n} " for n in range(3000)]
        for piece in pieces:
            writer.append(piece)
        final = writer.finish(FinishReason.STOP)
        assert final.text == "".join(pieces) and final.state is MessageState.DONE
        assert stored_text(store.path, writer.message_id) == ("".join(pieces), "done")
    finally:
        store.close()
