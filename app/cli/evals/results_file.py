"""`--json` and `--csv`: every request's result, written atomically; never a token in them."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from app.cli.terminal import json_safe
from app.core.evals.model import RequestResult
from app.storage.atomic_write import write_text_atomically

#: Spreadsheets run a cell starting with one of these as a formula (CSV injection): such a
#: cell of model or server text gets a leading apostrophe, which they show as plain text.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

CSV_COLUMNS = (
    "test",
    "prompt",
    "repeat",
    "passed",
    "response",
    "finish_reason",
    "prompt_tokens",
    "completion_tokens",
    "ttft_ms",
    "tokens_per_s",
    "duration_ms",
    "error",
    "error_kind",
    "checks_passed",
    "checks_failed",
    "seed",
    "request_sha256",
)


class OutputError(OSError):
    """A result file could not be written; the message names it and says why."""


def result_document(result: RequestResult) -> dict[str, Any]:
    """One request as `--json` writes it."""
    key = result.key
    usage = None
    if result.prompt_tokens is not None or result.completion_tokens is not None:
        total = (result.prompt_tokens or 0) + (result.completion_tokens or 0)
        usage = {
            "prompt_tokens": result.prompt_tokens,
            "completion_tokens": result.completion_tokens,
            "total_tokens": total,
        }
    return {
        "test": key.test,
        "prompt": key.prompt,
        "repeat": key.repeat,
        "passed": result.passed,
        "response": result.response,
        "finish_reason": result.finish_reason,
        "usage": usage,
        "ttft_ms": _round(result.ttft_ms),
        "tokens_per_s": _round(result.tokens_per_s),
        "duration_ms": _round(result.duration_ms),
        "error": result.error,
        "error_kind": result.error_kind,
        "assertions": [
            {"type": a.kind.value, "pass": a.passed, "detail": a.detail} for a in result.assertions
        ],
        "seed": result.seed,
        "request_sha256": result.request_sha256,
    }


def json_text(summary: Mapping[str, Any], results: Iterable[RequestResult]) -> str:
    document = {"summary": summary, "results": [result_document(r) for r in results]}
    return json_safe(json.dumps(document, ensure_ascii=False, indent=1)) + "\n"


def csv_text(results: Iterable[RequestResult]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for result in results:
        row = result_document(result)
        usage = row["usage"] or {}
        failed = [a.kind.value for a in result.assertions if not a.passed]
        writer.writerow(
            [
                row["test"],
                row["prompt"],
                row["repeat"],
                "yes" if result.passed else "no",
                _cell(result.response),
                row["finish_reason"] or "",
                _blank(usage.get("prompt_tokens")),
                _blank(usage.get("completion_tokens")),
                _blank(row["ttft_ms"]),
                _blank(row["tokens_per_s"]),
                _blank(row["duration_ms"]),
                _cell(result.error or ""),
                result.error_kind or "",
                sum(a.passed for a in result.assertions),
                " ".join(failed),
                _blank(result.seed),
                result.request_sha256 or "",
            ]
        )
    return buffer.getvalue()


def write_atomically(path: Path, text: str) -> None:
    """Readers see the old file or the new one, whole; OutputError (one sentence) otherwise."""
    try:
        write_text_atomically(path, text)
    except OSError as exc:
        raise OutputError(f"{path} could not be written ({exc.strerror or exc}).") from None


def _cell(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _blank(value: object) -> object:
    return "" if value is None else value


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)
