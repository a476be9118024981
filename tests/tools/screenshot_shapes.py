"""Screenshots of the real window showing each degenerate reply shape (tests/ui/reply_shapes.py).

Run: python tests/tools/screenshot_shapes.py OUT_DIR [--size BYTES] [--shapes a,b]
Uses the display in $DISPLAY (e.g. under `xvfb-run -a`), else Qt's offscreen platform. For each
shape the reply is streamed into the window (append_delta, then end_reply) and shot at its
start (`<shape>_start.png`) and its end (`<shape>_end.png`); then the chat is opened again
(show_messages) and shot once all of it is drawn (`<shape>_reopened.png`).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
if not os.environ.get("DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtGui import QTextCursor  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.core.message import ChatMessage  # noqa: E402
from app.core.request import Role  # noqa: E402
from app.ui.style import LIGHT_STYLE  # noqa: E402
from app.ui.window.main_window import MainWindow  # noqa: E402
from tests.tools.screenshot_language import add_language_option, use_language  # noqa: E402
from tests.ui.reply_shapes import SHAPES  # noqa: E402


def wait(done: object, timeout_ms: int = 60_000) -> None:
    loop = QEventLoop()
    poll = QTimer()
    poll.setInterval(10)
    poll.timeout.connect(lambda: loop.quit() if done() else None)  # type: ignore[operator]
    poll.start()
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()
    poll.stop()


def settle() -> None:
    wait(lambda: False, 300)


def shoot(window: MainWindow, path: Path) -> None:
    settle()
    window.grab().save(str(path))
    print(path)


def capture(shape: str, text: str, out: Path, app: QApplication) -> None:
    """Stream `text` into a fresh window, shoot its start and end, reopen it, shoot again."""
    window = MainWindow(LIGHT_STYLE)
    window.resize(1100, 760)
    window.show()
    view = window.conversation_view
    user = ChatMessage(Role.USER, f"Show me {shape.replace('_', ' ')}.")
    reply = ChatMessage(Role.ASSISTANT, text)
    view.show_messages([user])
    view.begin_reply(1)
    for start in range(0, len(text), 400):
        view.append_delta(text[start : start + 400])
        app.processEvents()
    view.end_reply(reply)
    wait(lambda: view.painted_chars >= len(text))
    position = view.message_position(1) or 0
    cursor = QTextCursor(view.document())
    cursor.setPosition(position)
    view.setTextCursor(cursor)
    view.verticalScrollBar().setValue(view.cursorRect().top() + view.verticalScrollBar().value())
    shoot(window, out / f"{shape}_start.png")
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    shoot(window, out / f"{shape}_end.png")
    view.show_messages([user, reply])
    wait(lambda: not view.loading)
    shoot(window, out / f"{shape}_reopened.png")
    window.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    add_language_option(parser)
    parser.add_argument("out", type=Path)
    parser.add_argument("--size", type=int, default=60_000)
    parser.add_argument("--shapes", default=",".join(SHAPES))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    language = use_language(args.lang)  # noqa: F841 (its translators live while it does)
    for shape in args.shapes.split(","):
        capture(shape, SHAPES[shape](args.size), args.out, app)
    app.processEvents()


if __name__ == "__main__":
    main()
