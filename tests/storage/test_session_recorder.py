"""SessionRecorder: a chat session written through to a real history store as it changes."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core.chat_settings import ChatSettings
from app.core.errors import ErrorCategory, Failure
from app.core.events import Failed, Finished, FinishReason, TextDelta
from app.core.message import MessageState
from app.core.params import SamplingParams
from app.core.reply import ReplyRecorder
from app.core.request import PromptMode
from app.core.session import ChatSession, Turn
from app.storage.history.session_recorder import SessionRecorder
from app.storage.history.store import HistoryStore


class Recorded:
    def __init__(self, store: HistoryStore) -> None:
        self.errors: list[Exception] = []
        self.stored = 0
        self.recorder = SessionRecorder(store, on_error=self.errors.append, on_stored=self._count)

    def _count(self) -> None:
        self.stored += 1


@pytest.fixture
def store(tmp_path: Path) -> Iterator[HistoryStore]:
    opened = HistoryStore.open(tmp_path / "history.db", flush_interval_s=0.01)
    yield opened
    opened.close()


def finish(session: ChatSession, turn: Turn, *pieces: str, failure: Failure | None = None) -> None:
    recorder = ReplyRecorder()
    for piece in pieces:
        recorder.feed(TextDelta(piece))
        session.append_text(turn.reply, piece)
    recorder.feed(Failed(failure) if failure else Finished(FinishReason.STOP))
    session.finish_reply(turn.reply, recorder, turn.prefix)


def on_disk(store: HistoryStore, message_id: int | None) -> tuple[str, str]:
    assert message_id is not None
    conn = sqlite3.connect(store.path)
    try:
        row = conn.execute(
            "SELECT text, state FROM messages WHERE id = ?", (message_id,)
        ).fetchone()
        return str(row[0]), str(row[1])
    finally:
        conn.close()


def test_a_chat_is_stored_as_it_happens_and_loads_back_the_same(store: HistoryStore) -> None:
    settings = ChatSettings("Be brief.", SamplingParams(temperature=0.2), PromptMode.CHAT, "p1")
    session = ChatSession(settings)
    rec = Recorded(store)
    rec.recorder.attach(session)
    turn = session.send("Hello?")
    user = session.path()[0]
    # The question is on disk before any request goes out; the reply is there, streaming.
    assert on_disk(store, user.id) == ("Hello?", "done")
    assert on_disk(store, turn.reply.id) == ("", "streaming")
    assert rec.recorder.writing and session.conversation_id is not None
    finish(session, turn, "Hi", " there")
    assert on_disk(store, turn.reply.id) == ("Hi there", "done") and not rec.recorder.writing
    again = session.regenerate(turn.reply)
    finish(session, again, "Hello!")
    session.switch_version(again.reply, -1)

    loaded = store.load_session(session.conversation_id)
    assert loaded.settings == settings
    assert [m.text for m in loaded.path()] == ["Hello?", "Hi there"]  # the choice was stored
    assert [m.text for m in loaded.messages()] == ["Hello?", "Hi there", "Hello!"]
    assert loaded.versions_of(loaded.path()[1]) == (1, 2)
    assert rec.errors == [] and rec.stored >= 2


def test_continue_grows_the_stored_reply_and_a_replaced_failure_is_deleted(
    store: HistoryStore,
) -> None:
    session = ChatSession()
    Recorded(store).recorder.attach(session)
    turn = session.send("Count")
    recorder = ReplyRecorder()
    recorder.feed(TextDelta("One"))
    recorder.feed(Finished(FinishReason.LENGTH))
    session.finish_reply(turn.reply, recorder)
    more = session.continue_reply(turn.reply)
    assert on_disk(store, turn.reply.id) == ("One", "streaming")
    finish(session, more, " two")
    assert on_disk(store, turn.reply.id) == ("One two", "done")

    failing = session.send("Again")
    finish(session, failing, failure=Failure(ErrorCategory.BAD_TOKEN, "refused"))
    assert on_disk(store, failing.reply.id) == ("", "failed")
    retried = session.regenerate(failing.reply)  # no text: replaced, not kept as a version
    finish(session, retried, "Yes")
    assert session.conversation_id is not None
    loaded = store.load_session(session.conversation_id)
    assert [m.text for m in loaded.path()] == ["Count", "One two", "Again", "Yes"]
    assert len(loaded.messages()) == 4  # the empty failure is gone from the store too
    assert all(m.state is not MessageState.FAILED for m in loaded.messages())


def test_settings_are_written_with_the_next_message_or_when_flushed(store: HistoryStore) -> None:
    session = ChatSession()
    rec = Recorded(store)
    rec.recorder.attach(session)
    session.update_settings(system_prompt="Before the first message")  # nothing stored yet
    assert store.conversations() == []
    finish(session, session.send("Hi"), "Hello")
    assert session.conversation_id is not None
    record = store.conversation(session.conversation_id)
    assert record.settings.system_prompt == "Before the first message"
    session.update_settings(system_prompt="Typed later", prompt_mode=PromptMode.RAW)
    assert store.conversation(session.conversation_id).settings.system_prompt != "Typed later"
    rec.recorder.flush_settings()
    stored = store.conversation(session.conversation_id).settings
    assert (stored.system_prompt, stored.prompt_mode) == ("Typed later", PromptMode.RAW)
    session.update_settings(system_prompt="Left behind")
    rec.recorder.attach(ChatSession())  # leaving the chat writes what was typed
    assert store.conversation(session.conversation_id).settings.system_prompt == "Left behind"


def test_a_failed_write_stops_writing_and_says_so_once(store: HistoryStore) -> None:
    session = ChatSession()
    rec = Recorded(store)
    rec.recorder.attach(session)
    finish(session, session.send("stored"), "yes")
    store.close()  # every write now fails, as on a disk that went away
    turn = session.send("not stored")
    finish(session, turn, "kept in memory")
    assert len(rec.errors) == 1 and rec.recorder.failed
    assert [m.text for m in session.path()][-2:] == ["not stored", "kept in memory"]
    assert turn.reply.state is MessageState.DONE


def test_a_session_from_before_history_was_on_is_not_stored_half(store: HistoryStore) -> None:
    session = ChatSession()
    finish(session, session.send("said while history was off"), "answer")
    rec = Recorded(store)
    rec.recorder.attach(session)
    finish(session, session.send("follow-up"), "more")
    # What it follows was never stored: storing it alone would make a chat without its start.
    assert store.conversations() == [] and rec.errors == []


def test_a_lone_surrogate_from_a_server_is_stored_as_a_replacement_character(
    store: HistoryStore,
) -> None:
    """JSON may escape half a character ("\\ud800"); UTF-8 cannot hold it. Nothing is lost."""
    session = ChatSession(ChatSettings(system_prompt="prompt \ud83d"))
    rec = Recorded(store)
    rec.recorder.attach(session)
    turn = session.send("question \udfff here")
    finish(session, turn, "half \ud800", " and the rest")
    assert rec.errors == []
    assert session.conversation_id is not None
    loaded = store.load_session(session.conversation_id)
    assert [m.text for m in loaded.path()] == ["question \ufffd here", "half \ufffd and the rest"]
    assert loaded.settings.system_prompt == "prompt \ufffd"
    assert store.conversation(session.conversation_id).title == "question \ufffd here"
