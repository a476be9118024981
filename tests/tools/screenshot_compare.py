"""Renders compare mode in the real window (4 panes mid-stream and finished, 2 panes); saves PNGs.

Run: python tests/tools/screenshot_compare.py OUT_DIR [--dark] [--size WxH]
Uses the display in $DISPLAY (e.g. under `xvfb-run -a`), else Qt's offscreen platform. The app
is built through the composition root on a temporary data folder with four saved endpoints on a
loopback server, told apart by model: one answers differently, one is refused.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
if not os.environ.get("DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import qasync  # noqa: E402
from PySide6.QtGui import QPalette  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.core.profiles import TokenSource, local_profile  # noqa: E402
from app.storage.settings import Settings, SettingsStore, settings_path  # noqa: E402
from app.ui.composition_root import (  # noqa: E402
    Application,
    build_parser,
    install_asyncgen_hooks,
)
from tests.loopback import (  # noqa: E402
    LoopbackServer,
    RecordedRequest,
    Reply,
    openai_stream,
    split_events,
)
from tests.loopback.wire import openai_error  # noqa: E402
from tests.tools.screenshot_language import add_language_option, use_language  # noqa: E402

REPLY = """To read a CSV file, use the **`csv`** module from the standard library:

```python
import csv

with open("sales.csv", newline="") as handle:
    rows = list(csv.DictReader(handle))
```

1. Pass `newline=""` so quoted line breaks survive.
2. `DictReader` takes the first row as field names.

For large files, iterate instead of calling `list()`."""
VARIANTS = {
    "llama-8b": REPLY,
    "llama-8b-warm": REPLY.replace("For large files", "For very big files").replace(
        "survive", "are kept"
    ),
    "llama-70b": REPLY.replace("standard library", "stdlib").replace("first row", "header row"),
}


def tokens_of(text: str) -> list[str]:
    out, word = [], ""
    for ch in text:
        word += ch
        if ch in " \n":
            out.append(word)
            word = ""
    return [*out, word] if word else out


def answer(request: RecordedRequest) -> Reply:
    model = str(request.json().get("model", ""))
    if model == "missing":
        return Reply.json(openai_error("detail", 404, f"The model `{model}` does not exist."), 404)
    tokens = tokens_of(VARIANTS.get(model, REPLY))
    return Reply(body=split_events(openai_stream(tokens, model=model)), chunk_delay_s=0.03)


def endpoints(server: LoopbackServer, data_dir: Path) -> None:
    url = f"{server.url}/v1"
    names = {"llama-8b": "Local vLLM", "llama-8b-warm": "Local vLLM", "llama-70b": "Big box"}
    profiles = [
        local_profile(url, model=m, name=names.get(m, "Old box"), token_source=TokenSource.NONE)
        for m in ("llama-8b", "llama-8b-warm", "llama-70b", "missing")
    ]
    SettingsStore(settings_path(data_dir)).save(
        Settings(profiles=profiles, active_profile_id=profiles[0].id, welcome_done=True)
    )


async def capture(out: Path, dark: bool, size: tuple[int, int] | None, data_dir: Path) -> None:
    install_asyncgen_hooks()
    suffix = ("_dark" if dark else "") + (f"_{size[0]}x{size[1]}" if size else "")
    with LoopbackServer() as server:
        for _ in range(16):
            server.queue("POST", "/chat/completions", answer)
        endpoints(server, data_dir)
        qapp = QApplication.instance()
        assert isinstance(qapp, QApplication)
        app = Application(build_parser().parse_args(["--data-dir", str(data_dir)]), qapp)
        if size is not None:
            app.window.resize(*size)
        app.show()
        compare = app.compare.controller
        app.window.compare_button.click()
        await asyncio.sleep(0.2)
        app.window.grab().save(str(out / f"compare_two{suffix}.png"))
        compare.view.add_button.click()
        compare.view.add_button.click()
        for pane, index in zip(compare.panes, (0, 1, 2, 3), strict=True):
            pane.pane.header.endpoint.setCurrentIndex(index)
            pane.pane.header.endpoint.activated.emit(index)
        compare.panes[1].pane.header.boxes["temperature"].setValue(1.2)
        compare.panes[0].pane.header.boxes["seed"].setValue(42)
        compare.view.composer.setPlainText("How do I read a CSV file in Python?")
        done = asyncio.Event()
        compare.differences_shown.connect(done.set)
        compare.view.send_button.click()
        await asyncio.sleep(0.6)
        app.window.grab().save(str(out / f"compare_streaming{suffix}.png"))
        await done.wait()
        await asyncio.sleep(0.3)
        app.window.grab().save(str(out / f"compare_finished{suffix}.png"))
        app.window.close()
        await app.run_until_closed_for_tests()


def main() -> None:
    parser = argparse.ArgumentParser()
    add_language_option(parser)
    parser.add_argument("out", type=Path)
    parser.add_argument("--dark", action="store_true")
    parser.add_argument("--size", metavar="WxH", help="window size, e.g. 800x600")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    language = use_language(args.lang)  # noqa: F841 (its translators live while it does)
    app.setQuitOnLastWindowClosed(False)
    if args.dark:
        palette = QPalette()
        for role, colour in (
            (QPalette.ColorRole.Window, "#1e2127"),
            (QPalette.ColorRole.Base, "#16181d"),
            (QPalette.ColorRole.Text, "#e6e6e6"),
            (QPalette.ColorRole.WindowText, "#e6e6e6"),
            (QPalette.ColorRole.Button, "#2a2e36"),
            (QPalette.ColorRole.ButtonText, "#e6e6e6"),
            (QPalette.ColorRole.PlaceholderText, "#8b929e"),
        ):
            palette.setColor(role, colour)
        app.setPalette(palette)
    size = tuple(int(n) for n in args.size.split("x")) if args.size else None
    with (
        tempfile.TemporaryDirectory() as data_dir,
        asyncio.Runner(loop_factory=lambda: qasync.QEventLoop(app)) as runner,
    ):
        runner.run(capture(args.out, args.dark, size, Path(data_dir)))  # type: ignore[arg-type]
    print(f"saved screenshots to {args.out}")


if __name__ == "__main__":
    main()
