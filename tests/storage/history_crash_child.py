"""Child for the SIGKILL test: stores a chat, streams a reply, says when it is flushed, then waits.

Usage: python history_crash_child.py DB_PATH. Prints `READY <conversation> <reply> <chars>` once
the partial reply is on disk, then blocks reading stdin until the parent kills it.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from app.core.chat_settings import ChatSettings  # noqa: E402
from app.core.events import FinishReason  # noqa: E402
from app.storage.history.store import HistoryStore  # noqa: E402

PIECES = ["The partial ", "reply that ", "was streaming ", "when the app died"]


def main() -> None:
    flushed: dict[int, int] = {}
    changed = threading.Condition()

    def on_flushed(message_id: int, chars: int) -> None:
        with changed:
            flushed[message_id] = chars
            changed.notify_all()

    store = HistoryStore.open(Path(sys.argv[1]), flush_interval_s=0.02, on_flushed=on_flushed)
    conversation = store.new_conversation(ChatSettings(system_prompt="Be brief."))
    store.add_user_message(conversation.id, "First question")
    first = store.start_reply(conversation.id)
    first.append("First answer")
    first.finish(FinishReason.STOP)
    store.add_user_message(conversation.id, "Second question")
    reply = store.start_reply(conversation.id)
    for piece in PIECES:
        reply.append(piece)
    expected = len("".join(PIECES))
    with changed:
        changed.wait_for(lambda: flushed.get(reply.message_id) == expected, timeout=30)
    print(f"READY {conversation.id} {reply.message_id} {flushed.get(reply.message_id)}", flush=True)
    sys.stdin.readline()  # the parent kills us here; finish() is never called


if __name__ == "__main__":
    main()
