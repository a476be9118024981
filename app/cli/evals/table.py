"""`eval`'s report on stdout: a table with a row per prompt, then the requests that failed."""

from __future__ import annotations

from collections.abc import Sequence

from app.cli.terminal import visible
from app.core.evals.model import AssertionResult, RequestResult
from app.core.evals.summary import PromptRow

#: Failed requests listed under the table; the rest are counted (all are in --json / --csv).
MAX_FAILURES_SHOWN = 20
_HEADERS = ("prompt", "passed", "pass rate", "mean latency", "distinct", "errors")


def summary_table(rows: Sequence[PromptRow]) -> str:
    """Aligned plain text; prompt ids are the file's (their control characters made visible)."""
    body = []
    for row in rows:
        body.append(
            (
                visible(row.prompt),
                f"{row.passed}/{row.total}",
                _percent(row.pass_rate),
                "—" if row.mean_latency_ms is None else f"{row.mean_latency_ms:,.0f} ms",
                "—" if row.distinct_ratio is None else f"{row.distinct_ratio:.2f}",
                str(row.errors),
            )
        )
    widths = [max(len(line[i]) for line in (_HEADERS, *body)) for i in range(len(_HEADERS))]
    lines = [
        "  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip()
        for line in (_HEADERS, *body)
    ]
    return "\n".join(lines) + "\n"


def failure_lines(results: Sequence[RequestResult]) -> list[str]:
    """One line per failed request (an error, or the checks that did not hold), bounded."""
    failed = [r for r in results if not r.passed]
    lines = []
    for result in failed[:MAX_FAILURES_SHOWN]:
        key = result.key
        where = f"case {key.test + 1}, prompt {key.prompt}, repeat {key.repeat + 1}"
        if result.error is not None:
            why = result.error
        else:
            why = "; ".join(_check_text(a) for a in result.assertions if not a.passed)
        lines.append(visible(f"FAIL {where}: {why}"))
    if len(failed) > MAX_FAILURES_SHOWN:
        lines.append(f"… and {len(failed) - MAX_FAILURES_SHOWN} more (all are in --json / --csv).")
    return lines


def _check_text(check: AssertionResult) -> str:
    return f"{check.kind.value}: {check.detail}" if check.detail else f"{check.kind.value} failed"


def _percent(rate: float | None) -> str:
    return "—" if rate is None else f"{rate:.0%}"
