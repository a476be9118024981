"""`eval`'s result files (JSON, CSV, atomic writes) and its progress display, on their own."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
from pathlib import Path

import pytest

from app.cli.evals.progress import ProgressDisplay, bar_line, eta_text
from app.cli.evals.results_file import (
    CSV_COLUMNS,
    OutputError,
    csv_text,
    json_text,
    write_atomically,
)
from app.core.evals.model import AssertionKind, AssertionResult, RequestResult, ResultKey


def result(test: int = 0, repeat: int = 0, **changes: object) -> RequestResult:
    values: dict[str, object] = {
        "key": ResultKey(test, "terse", repeat),
        "response": "Yes, within 30 days.",
        "finish_reason": "stop",
        "prompt_tokens": 12,
        "completion_tokens": 7,
        "ttft_ms": 41.26,
        "tokens_per_s": 88.04,
        "duration_ms": 120.55,
        "error": None,
        "error_kind": None,
        "assertions": (
            AssertionResult(AssertionKind.CONTAINS, True),
            AssertionResult(AssertionKind.MAX_WORDS, False, "8 words; at most 5 allowed"),
        ),
        "seed": 12345,
        "request_sha256": "ab" * 32,
    }
    values.update(changes)
    return RequestResult(**values)  # type: ignore[arg-type]


def test_json_holds_every_field_the_issue_names() -> None:
    failed = result(
        1,
        2,
        response="",
        error="The server is busy.",
        error_kind="server_error",
        finish_reason=None,
        prompt_tokens=None,
        completion_tokens=None,
        assertions=(),
    )
    document = json.loads(json_text({"total": 2}, [result(), failed]))

    assert document["summary"] == {"total": 2}
    first, second = document["results"]
    assert first == {
        "test": 0,
        "prompt": "terse",
        "repeat": 0,
        "passed": False,
        "response": "Yes, within 30 days.",
        "finish_reason": "stop",
        "usage": {"prompt_tokens": 12, "completion_tokens": 7, "total_tokens": 19},
        "ttft_ms": 41.3,
        "tokens_per_s": 88.0,
        "duration_ms": 120.5,
        "error": None,
        "error_kind": None,
        "assertions": [
            {"type": "contains", "pass": True, "detail": ""},
            {"type": "max-words", "pass": False, "detail": "8 words; at most 5 allowed"},
        ],
        "seed": 12345,
        "request_sha256": "ab" * 32,
    }
    assert (second["test"], second["repeat"], second["usage"], second["error"]) == (
        1,
        2,
        None,
        "The server is busy.",
    )


def test_json_escapes_c1_controls_so_a_terminal_showing_it_stays_safe() -> None:
    text = json_text({}, [result(response="a\x9b31mb\x1b[2J")])
    assert "\x9b" not in text and "\x1b" not in text
    assert json.loads(text)["results"][0]["response"] == "a\x9b31mb\x1b[2J"


def test_csv_has_a_row_per_request_and_defuses_formulas() -> None:
    rows = list(csv.reader(io.StringIO(csv_text([result(), result(1, response="=HYPERLINK(1)")]))))

    assert rows[0] == list(CSV_COLUMNS)
    assert len(rows) == 3
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["passed"] == "no" and first["checks_passed"] == "1"
    assert first["checks_failed"] == "max-words" and first["seed"] == "12345"
    assert first["response"] == "Yes, within 30 days."
    assert dict(zip(rows[0], rows[2], strict=True))["response"] == "'=HYPERLINK(1)"


def test_a_multiline_reply_stays_one_csv_row() -> None:
    rows = list(csv.reader(io.StringIO(csv_text([result(response='line 1\nline "2",x')]))))
    assert len(rows) == 2 and rows[1][CSV_COLUMNS.index("response")] == 'line 1\nline "2",x'


def test_atomic_write_replaces_the_whole_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("old")
    write_atomically(target, "new")
    assert target.read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


def test_a_file_that_cannot_be_written_is_one_sentence_and_leaves_nothing_behind(
    tmp_path: Path,
) -> None:
    with pytest.raises(OutputError, match=r"out\.csv could not be written \(") as caught:
        write_atomically(tmp_path / "gone" / "out.csv", "x")
    assert "Traceback" not in str(caught.value)

    # A folder where the file should go: the rename fails, for root as for anyone.
    (tmp_path / "out.csv").mkdir()
    (tmp_path / "out.csv" / "inside").write_text("kept")
    with pytest.raises(OutputError, match=r"out\.csv could not be written"):
        write_atomically(tmp_path / "out.csv", "new")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]
    assert (tmp_path / "out.csv" / "inside").read_text() == "kept"


def test_eta_reads_plainly() -> None:
    assert [eta_text(s) for s in (None, 0, 42.4, 185, 3725)] == [
        "",
        "0 s",
        "42 s",
        "3 min 05 s",
        "1 h 02 min",
    ]


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_terminal_gets_one_redrawn_bar_at_most_every_interval() -> None:
    stream, clock = io.StringIO(), FakeClock()
    display = ProgressDisplay(stream, terminal=True, clock=clock, min_interval_s=0.1)

    display.show(0, 10, None)
    display.show(1, 10, 9.0)  # too soon: not drawn
    clock.now = 0.2
    display.show(2, 10, 8.0)
    display.show(10, 10, 0.0)  # the end is always drawn
    display.end()

    text = stream.getvalue()
    assert text.count("\r") == 3 and "\n" not in text[:-1] and text.endswith("\n")
    assert bar_line(2, 10, 8.0) in text and "ETA 8 s" in text
    assert bar_line(1, 10, 9.0) not in text


def test_a_pipe_gets_a_line_per_tenth_and_no_control_characters() -> None:
    stream = io.StringIO()
    display = ProgressDisplay(stream, terminal=False)
    for done in range(101):
        display.show(done, 100, (100 - done) * 0.5)
    display.say("The endpoint asked to slow down\x1b[2J: now 60 requests a minute.")

    lines = stream.getvalue().splitlines()
    assert len(lines) == 12  # 0 %, 10 % … 100 %, and the message
    assert lines[1] == "llamadesk eval: 10 of 100 requests done, about 45 s left"
    assert lines[10] == "llamadesk eval: 100 of 100 requests done"
    assert "\x1b" not in stream.getvalue() and "\r" not in stream.getvalue()


def test_an_output_file_gets_the_usual_permissions_and_an_old_one_keeps_its_own(
    tmp_path: Path,
) -> None:
    old_umask = os.umask(0o022)
    try:
        fresh, kept = tmp_path / "new.json", tmp_path / "kept.csv"
        kept.write_text("old")
        kept.chmod(0o664)
        write_atomically(fresh, "{}")
        write_atomically(kept, "new")
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o644  # not mkstemp's 0600
    assert stat.S_IMODE(kept.stat().st_mode) == 0o664
