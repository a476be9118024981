"""Compares in a real history: round trips, the sidebar, search, delete/undo/purge, continue."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core.chat_settings import ChatSettings
from app.core.compare import PaneLimit
from app.core.history_model import CHAT, COMPARE
from app.core.message import MessageState
from app.core.params import SamplingParams
from app.core.provenance import StoredRequest
from app.storage.history.compare_store import NotACompare
from app.storage.history.files import conversation_count
from app.storage.history.session_recorder import SessionRecorder
from app.storage.history.store import HistoryStore
from tests.storage.compare_helpers import (
    LOCAL,
    LOCAL_URL,
    SETTINGS,
    ask_all,
    body,
    finish,
    recorded_compare,
)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[HistoryStore]:
    opened = HistoryStore.open(tmp_path / "history.db", flush_interval_s=0.01)
    yield opened
    opened.close()


def rows(store: HistoryStore, sql: str, *args: object) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(store.path)
    try:
        return [tuple(r) for r in conn.execute(sql, args).fetchall()]
    finally:
        conn.close()


def test_a_new_compare_stores_one_hidden_conversation_per_pane(store: HistoryStore) -> None:
    compare = store.new_compare([*SETTINGS, ChatSettings("Third")], "  Sky   colour ")
    assert compare.compare_id is not None and compare.title == "Sky colour"
    assert [p.settings for p in compare.panes] == [*SETTINGS, ChatSettings("Third")]
    ids = [p.conversation_id for p in compare.panes]
    assert all(isinstance(i, int) for i in ids)
    assert rows(store, "SELECT id, kind, compare_of, pane FROM conversations ORDER BY id") == [
        (compare.compare_id, COMPARE, None, None)
    ] + [(i, CHAT, compare.compare_id, n) for n, i in enumerate(ids)]
    record = store.conversation(compare.compare_id)
    assert (record.kind, record.title, record.title_is_auto) == (COMPARE, "Sky colour", False)
    pane_record = store.conversation(ids[1] or 0)
    assert (pane_record.compare_of, pane_record.pane) == (compare.compare_id, 1)
    with pytest.raises(PaneLimit):
        store.new_compare(SETTINGS[:1])
    with pytest.raises(PaneLimit):
        store.new_compare([ChatSettings()] * 5)


def test_a_recorded_compare_reopens_after_a_restart_with_every_pane(tmp_path: Path) -> None:
    db = tmp_path / "history.db"
    store = HistoryStore.open(db, flush_interval_s=0.01)
    compare = recorded_compare(store)
    compare_id = compare.compare_id
    store.close()
    store = HistoryStore.open(db)
    try:
        assert compare_id is not None
        loaded = store.load_compare(compare_id)
        assert loaded.title == "Why is the sky blue?"  # the first question names it
        assert [p.settings for p in loaded.panes] == list(SETTINGS)
        assert loaded.last_texts() == ["Rayleigh scattering.", "Because of air."]
        replies = [r for r in loaded.last_replies() if r is not None]
        assert [r.provenance.endpoint for r in replies if r.provenance] == [
            c.provenance.endpoint for c in compare.last_replies() if c and c.provenance
        ]
        # Each reply's request reads back with its bytes.
        pane = loaded.panes[1]
        assert pane.request_of(replies[1]) is not None
        assert pane.request_of(replies[1]).body == body(1, "Why is the sky blue?")  # type: ignore[union-attr]
        with pytest.raises(NotACompare, match="not a compare"):
            store.load_compare(pane.conversation_id or 0)
        with pytest.raises(KeyError):
            store.load_compare(9999)
    finally:
        store.close()


def test_the_sidebar_lists_a_compare_once_and_counts_it_once(store: HistoryStore) -> None:
    chat = store.new_conversation()
    store.add_user_message(chat.id, "A chat of its own")
    compare = recorded_compare(store)
    assert compare.compare_id is not None
    listed = store.conversations()
    assert [(s.id, s.kind) for s in listed] == [(compare.compare_id, COMPARE), (chat.id, CHAT)]
    assert store.conversation_count() == 2
    # A new question in a pane moves its compare to the top.
    store.add_user_message(chat.id, "Again")
    ask_all(compare, store, "And at sunset?", ["Longer path.", "Red light."])
    assert [s.id for s in store.conversations()] == [compare.compare_id, chat.id]
    store.close()
    assert conversation_count(store.path) == 2  # a backup file counts it once too


def test_search_inside_a_pane_finds_the_compare(store: HistoryStore) -> None:
    compare = recorded_compare(store, "Sky")
    (hit,) = store.search("rayleigh")
    assert hit.conversation_id == compare.compare_id and hit.conversation_title == "Sky"
    assert hit.pane_id == compare.panes[0].conversation_id
    assert hit.message_id == compare.panes[0].path()[-1].id
    chat = store.new_conversation()
    store.add_user_message(chat.id, "rayleigh in a chat")
    assert [h.pane_id for h in store.search("rayleigh")] == [None, hit.pane_id]


def test_delete_undo_and_purge_take_the_panes_along(store: HistoryStore) -> None:
    compare = recorded_compare(store)
    compare_id = compare.compare_id
    assert compare_id is not None
    store.delete(compare_id)
    assert store.conversations() == [] and store.search("rayleigh") == []
    assert len(rows(store, "SELECT 1 FROM conversations WHERE deleted_at IS NOT NULL")) == 3
    store.undo_delete(compare_id)
    assert [s.id for s in store.conversations()] == [compare_id]
    assert len(store.search("rayleigh")) == 1
    assert store.load_compare(compare_id).last_texts() == [
        "Rayleigh scattering.",
        "Because of air.",
    ]
    store.delete(compare_id)
    assert store.purge_deleted() == 1  # what the sidebar had listed
    assert rows(store, "SELECT count(*) FROM conversations") == [(0,)]
    assert rows(store, "SELECT count(*) FROM messages") == [(0,)]


def test_rename_and_pin_act_on_the_compare_and_its_panes(store: HistoryStore) -> None:
    compare = recorded_compare(store)
    compare_id = compare.compare_id
    assert compare_id is not None
    store.rename(compare_id, "Blue sky")
    store.set_pinned(compare_id, True)
    assert rows(store, "SELECT DISTINCT title, pinned, title_auto FROM conversations") == [
        ("Blue sky", 1, 0)
    ]
    store.rename(compare_id, "")
    assert store.conversation(compare_id).title == "Why is the sky blue?"


def test_panes_are_added_and_removed_within_limits_and_keep_their_order(
    store: HistoryStore,
) -> None:
    compare = recorded_compare(store, "Sky")
    compare_id = compare.compare_id
    assert compare_id is not None
    third = store.add_pane(compare_id, ChatSettings("Third", SamplingParams(top_p=0.5)))
    assert third.conversation_id is not None and third.is_empty
    compare.adopt_pane(third)
    fourth = store.add_pane(compare_id, ChatSettings("Fourth"))
    with pytest.raises(PaneLimit, match="at most 4"):
        store.add_pane(compare_id, ChatSettings())
    assert [p.settings.system_prompt for p in store.load_compare(compare_id).panes] == [
        "Be brief.",
        "Be thorough.",
        "Third",
        "Fourth",
    ]
    assert store.conversations()[0].id == compare_id  # the compare, never a new pane
    store.remove_pane(compare.panes[0].conversation_id or 0)
    store.remove_pane(third.conversation_id)
    with pytest.raises(PaneLimit, match="at least 2"):
        store.remove_pane(fourth.conversation_id or 0)
    loaded = store.load_compare(compare_id)
    assert [p.settings.system_prompt for p in loaded.panes] == ["Be thorough.", "Fourth"]
    assert rows(
        store, "SELECT pane FROM conversations WHERE compare_of = ? ORDER BY pane", compare_id
    ) == [(0,), (1,)]
    assert store.search("rayleigh") == []  # the removed pane's messages went with it
    with pytest.raises(NotACompare):
        store.add_pane(loaded.panes[0].conversation_id or 0, ChatSettings())
    with pytest.raises(NotACompare):
        store.remove_pane(compare_id)


def test_continue_pane_copies_everything_into_a_chat_and_the_compare_stays_whole(
    store: HistoryStore,
) -> None:
    compare = recorded_compare(store)
    compare_id = compare.compare_id
    pane = compare.panes[1]
    recorder = SessionRecorder(store, on_error=pytest.fail)
    recorder.attach(pane)
    first_reply = pane.path()[-1]
    replay = pane.replay(first_reply)  # a second version, which names the first
    assert replay.sent is not None
    finish(pane, replay, "Air scatters blue.", LOCAL_URL, replay.sent.body, LOCAL)
    pane.switch_version(replay.reply, -1)  # the first version is the one shown
    streaming = pane.send("Still going")  # a reply that streams while the pane is copied
    pane.append_text(streaming.reply, "Half")
    recorder.detach()  # writes what streamed so far

    chat_id = store.continue_pane(pane.conversation_id or 0)
    assert compare_id is not None and chat_id not in (compare_id, pane.conversation_id)
    chat = store.load_session(chat_id)
    original = store.load_session(pane.conversation_id or 0)
    assert chat.settings == SETTINGS[1] and chat.conversation_id == chat_id
    assert store.conversation(chat_id).kind == CHAT
    assert store.conversation(chat_id).compare_of is None
    assert [m.text for m in chat.messages()] == [m.text for m in original.messages()]
    assert [m.text for m in chat.path()] == [m.text for m in original.path()]
    assert chat.path()[-1].state is MessageState.INTERRUPTED  # the copy can never finish
    first, second = (m for m in chat.messages() if m.provenance and m.provenance.request)
    assert chat.versions_of(second) == (2, 2)
    assert second.provenance is not None and first.provenance is not None
    assert second.provenance.replay_of == first.id  # the copy's own first version
    assert first.provenance.endpoint == LOCAL and first.provenance.request_id == "req-1"
    assert isinstance(first.provenance.request, StoredRequest)
    assert chat.request_of(first).body == body(1, "Why is the sky blue?")  # type: ignore[union-attr]
    # The compare is untouched, and the new chat is listed on its own.
    assert [s.id for s in store.conversations()] == [chat_id, compare_id]
    assert store.load_compare(compare_id).last_texts()[0] == "Rayleigh scattering."
    assert len(store.load_compare(compare_id).panes) == 2
    assert {h.conversation_id for h in store.search("scatters")} == {chat_id, compare_id}
    with pytest.raises(NotACompare, match="pane"):
        store.continue_pane(compare_id)


def test_damaged_compare_rows_are_tolerated(store: HistoryStore) -> None:
    compare = store.new_compare([ChatSettings("a"), ChatSettings("b"), ChatSettings("c")])
    compare_id = compare.compare_id
    ids = [p.conversation_id for p in compare.panes]
    chat = store.new_conversation()
    conn = sqlite3.connect(store.path)
    try:
        conn.execute("PRAGMA foreign_keys = OFF")  # as a damaged or hand-edited file may be
        # Places lost or doubled: panes still load, in a stable order.
        conn.execute("UPDATE conversations SET pane = NULL WHERE id = ?", (ids[0],))
        conn.execute("UPDATE conversations SET pane = 'x' WHERE id = ?", (ids[1],))
        # A "pane" whose compare is a chat, and one whose compare is gone: chats of their own.
        orphan = conn.execute(
            "INSERT INTO conversations (title, created_at, updated_at, compare_of, pane) "
            "VALUES ('orphan', 1, 1, ?, 0)",
            (chat.id,),
        ).lastrowid
        lost = conn.execute(
            "INSERT INTO conversations (title, created_at, updated_at, compare_of, pane) "
            "VALUES ('lost', 1, 1, 4242, 0)"
        ).lastrowid
        weird = conn.execute(
            "INSERT INTO conversations (title, kind, created_at, updated_at) "
            "VALUES ('weird', 'banana', 1, 1)"
        ).lastrowid
        conn.commit()
    finally:
        conn.close()
    loaded = store.load_compare(compare_id or 0)
    assert sorted(p.settings.system_prompt for p in loaded.panes) == ["a", "b", "c"]
    listed = {s.id: s.kind for s in store.conversations()}
    assert listed == {compare_id: COMPARE, chat.id: CHAT, orphan: CHAT, lost: CHAT, weird: CHAT}
    assert store.conversation(weird or 0).kind == CHAT
    assert store.conversation_count() == 5
    store.delete(chat.id)  # a chat: its "pane" is not its to take along
    assert orphan in {s.id for s in store.conversations()}


def test_more_than_four_panes_in_a_file_load_the_first_four(store: HistoryStore) -> None:
    compare = store.new_compare([ChatSettings(str(n)) for n in range(4)])
    conn = sqlite3.connect(store.path)
    try:
        conn.execute(
            "INSERT INTO conversations (system_prompt, created_at, updated_at, compare_of, pane) "
            "VALUES ('5', 1, 1, ?, 4)",
            (compare.compare_id,),
        )
        conn.commit()
    finally:
        conn.close()
    loaded = store.load_compare(compare.compare_id or 0)
    assert [p.settings.system_prompt for p in loaded.panes] == ["0", "1", "2", "3"]


def test_a_backup_and_its_restore_keep_compares_whole(store: HistoryStore, tmp_path: Path) -> None:
    compare = recorded_compare(store, "Sky")
    compare_id = compare.compare_id
    assert compare_id is not None
    copy = store.backup_to(tmp_path / "backup.db")
    assert conversation_count(copy) == 1
    store.delete(compare_id)
    store.purge_deleted()
    assert store.conversation_count() == 0
    store.restore_from(copy)
    assert [(s.id, s.kind) for s in store.conversations()] == [(compare_id, COMPARE)]
    loaded = store.load_compare(compare_id)
    assert loaded.title == "Sky"
    assert loaded.last_texts() == ["Rayleigh scattering.", "Because of air."]
    assert [h.conversation_id for h in store.search("scattering")] == [compare_id]
