"""Renders the real window mid-stream and at the end of a long Markdown reply; saves PNGs.

Run: python tests/tools/screenshot_window.py OUT_DIR [--dark]
Uses the display in $DISPLAY (e.g. under `xvfb-run`), else Qt's offscreen platform.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
if not os.environ.get("DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import qasync  # noqa: E402
from PySide6.QtGui import QIcon, QPalette  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.core.profiles import TokenSource, workers_ai_profile  # noqa: E402
from app.net.backend_factory import BackendFactory  # noqa: E402
from app.storage.secrets import MemorySecretStore  # noqa: E402
from app.ui.composition_root import install_asyncgen_hooks  # noqa: E402
from app.ui.style import DARK_STYLE, LIGHT_STYLE  # noqa: E402
from app.ui.window.main_window import MainWindow  # noqa: E402
from app.ui.window.window_controller import WindowController  # noqa: E402
from tests.loopback import LoopbackServer, Reply, split_events, workers_ai_stream  # noqa: E402
from tests.tools.screenshot_language import add_language_option, use_language  # noqa: E402

REPLY = """## Reading a CSV file in Python

Python's standard library has everything you need. The **`csv`** module handles quoting,
and `pathlib` keeps paths portable. Here is a complete example:

```python
import csv
from pathlib import Path


def load_rows(path: Path) -> list[dict[str, str]]:
    \"\"\"Read every row of a CSV file as a dictionary.\"\"\"
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


rows = load_rows(Path("sales.csv"))
print(f"{len(rows)} rows, first: {rows[0]}")
```

A few things worth knowing:

1. Always pass `newline=""` when opening CSV files, or quoted line breaks break.
2. `DictReader` uses the first row as field names.
3. For large files, iterate instead of calling `list()`.

> Tip: for data analysis, *pandas* reads the same file with `pd.read_csv("sales.csv")`.

| Approach | Memory | Speed |
|---|---|---|
| `csv.reader` | low | fast |
| `csv.DictReader` | low | fast |
| `pandas.read_csv` | high | fastest for big files |

That's all you need to get started.
"""


def tokens_of(text: str) -> list[str]:
    out, word = [], ""
    for ch in text:
        word += ch
        if ch in " \n":
            out.append(word)
            word = ""
    return [*out, word] if word else out


async def capture(out: Path, dark: bool, size: tuple[int, int] | None) -> None:
    install_asyncgen_hooks()
    style = DARK_STYLE if dark else LIGHT_STYLE
    with LoopbackServer() as server:
        tokens = tokens_of(REPLY)
        body = workers_ai_stream(tokens, prompt_tokens=38)
        server.queue(
            "POST",
            "/ai/run/@cf/meta/llama-3.1-8b-instruct-fp8",
            Reply(body=split_events(body), chunk_delay_s=0.01),
        )
        profile = workers_ai_profile("demo-account", token_source=TokenSource.SESSION)
        from dataclasses import replace

        profile = replace(profile, base_url=f"{server.url}/client/v4")
        factory = BackendFactory(
            MemorySecretStore(), MemorySecretStore({profile.secret_name(): "demo"})
        )
        window = MainWindow(style)
        window.setWindowIcon(QIcon(str(ROOT / "resources" / "llamadesk.svg")))
        controller = WindowController(window, factory, [profile], profile.id)
        window.system_prompt_editor.setPlainText(
            "You are a patient Python tutor. Answer with short explanations and complete, "
            "runnable examples."
        )
        if size is not None:
            window.resize(*size)
        window.show()
        window.composer.setPlainText("How do I read a CSV file in Python?")
        window.send_button.click()
        view = window.conversation_view
        halfway = asyncio.Event()
        view.reply_painted.connect(lambda chars: chars >= len(REPLY) // 2 and halfway.set())
        await halfway.wait()
        suffix = ("_dark" if dark else "") + (f"_{size[0]}x{size[1]}" if size else "")
        window.grab().save(str(out / f"mid_stream{suffix}.png"))
        await controller.chat.wait_idle()
        await asyncio.sleep(0.1)
        window.grab().save(str(out / f"finished{suffix}.png"))
        window.close()
        await factory.aclose()


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
    with asyncio.Runner(loop_factory=lambda: qasync.QEventLoop(app)) as runner:
        size = tuple(int(n) for n in args.size.split("x")) if args.size else None
        runner.run(capture(args.out, args.dark, size))  # type: ignore[arg-type]
    print(f"saved screenshots to {args.out}")


if __name__ == "__main__":
    main()
