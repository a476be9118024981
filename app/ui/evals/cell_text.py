"""The words a results cell, its tooltip and the summary row say: plain, short, bounded."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.core.evals.model import Grade
from app.core.evals.summary import CellSummary, PromptRow
from app.core.i18n import QT_TRANSLATE_NOOP, translate

#: A cell shows this much of its answer; the details pane shows it all.
CELL_CHARS = 160
TOOLTIP_CHARS = 1500


def cases(number: int) -> str:
    """ "1 case", "3 cases": in the user's language, in the form the number needs."""
    return translate("Counts", "%n case(s)", None, number)


def requests(number: int) -> str:
    return translate("Counts", "%n request(s)", None, number)


def cells(number: int) -> str:
    return translate("Counts", "%n cell(s)", None, number)


def answers(number: int) -> str:
    return translate("Counts", "%n answer(s)", None, number)


def short(text: str, limit: int = CELL_CHARS) -> str:
    """One line, cut with an ellipsis."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def answer_line(cell: CellSummary, repeat: int) -> str:
    """The reply, or with repeats how many distinct answers and the most common one."""
    common = cell.groups[0].text if cell.groups else ""
    if not cell.groups and cell.errors:
        return (
            QCoreApplication.translate("CellText", "no answer: the request failed")
            if cell.total == 1
            else QCoreApplication.translate("CellText", "no answer: all failed")
        )
    if repeat > 1 or cell.total > 1:
        return QCoreApplication.translate(
            "CellText", "{distinct} distinct of {total}: {short}"
        ).format(distinct=cell.distinct, total=cell.total, short=short(common, CELL_CHARS - 20))
    return short(common) if common else QCoreApplication.translate("CellText", "(empty reply)")


def measures_line(cell: CellSummary) -> str:
    """Checks passed, time to first token, speed, tokens and how the replies ended.

    With repeats the timings are means, and say so; a case with no checks passes nothing.
    """
    if cell.has_checks:
        mark = "✓" if cell.passed == cell.total else "✗"
        parts = [
            QCoreApplication.translate("CellText", "{mark} {passed}/{total} passed").format(
                mark=mark, passed=cell.passed, total=cell.total
            )
        ]
    else:
        parts = [QCoreApplication.translate("CellText", "no checks")]
    timings = []
    if cell.mean_ttft_ms is not None:
        timings.append(
            QCoreApplication.translate("CellText", "TTFT {mean_ttft_ms:.0f} ms").format(
                mean_ttft_ms=cell.mean_ttft_ms
            )
        )
    if cell.mean_tokens_per_s is not None:
        timings.append(
            QCoreApplication.translate("CellText", "{mean_tokens_per_s:.0f} tok/s").format(
                mean_tokens_per_s=cell.mean_tokens_per_s
            )
        )
    if timings and cell.total > 1:
        timings[-1] += QCoreApplication.translate("CellText", " (mean of {total})").format(
            total=cell.total
        )
    parts.extend(timings)
    if cell.completion_tokens is not None:
        per_reply = round(cell.completion_tokens / max(1, cell.total))
        parts.append(
            QCoreApplication.translate("CellText", "{per_reply} tokens").format(per_reply=per_reply)
        )
    if cell.finish_reasons:
        parts.append("/".join(reason for reason, _ in cell.finish_reasons))
    return " · ".join(parts)


def cell_lines(cell: CellSummary, repeat: int) -> list[str]:
    lines = [answer_line(cell, repeat), measures_line(cell)]
    if cell.errors:
        more = (
            QCoreApplication.translate("CellText", " (+{value} more)").format(
                value=len(cell.errors) - 1
            )
            if len(cell.errors) > 1
            else ""
        )
        lines.append(short(cell.errors[0], 120) + more)
    return lines


def cell_tooltip(cell: CellSummary, repeat: int) -> str:
    text = cell.groups[0].text if cell.groups else ""
    body = text if len(text) <= TOOLTIP_CHARS else text[:TOOLTIP_CHARS] + "…"
    return "\n\n".join([body, measures_line(cell), *cell.errors[:3]])


#: Grade marks with an emoji font, and in words without one (no empty boxes on screen).
EMOJI_MARKS = ("👍", "👎", "💬")
WORD_MARKS = (
    QT_TRANSLATE_NOOP("CellText", "Good"),
    QT_TRANSLATE_NOOP("CellText", "Bad"),
    QT_TRANSLATE_NOOP("CellText", "commented"),
)


def grade_text(grade: Grade, marks: tuple[str, str, str] = EMOJI_MARKS) -> str:
    """👍/👎, the score and a sign that a comment exists; "" when nothing was graded."""
    parts = []
    if grade.thumb is not None:
        parts.append(marks[0] if grade.thumb else marks[1])
    if grade.score is not None:
        parts.append(f"{grade.score}/5")
    if grade.comment:
        parts.append(marks[2])
    return " ".join(parts)


def summary_lines(row: PromptRow) -> list[str]:
    """Pass rate, mean grade, mean latency and distinct ratio of one prompt's column."""
    if row.pass_rate is not None:
        first = QCoreApplication.translate("CellText", "Pass rate {pass_rate:.0%}").format(
            pass_rate=row.pass_rate
        )
    else:
        first = (
            QCoreApplication.translate("CellText", "No checks")
            if row.total
            else QCoreApplication.translate("CellText", "No results yet")
        )
    grade = (
        QCoreApplication.translate("CellText", "mean grade {mean_grade:.1f}/5").format(
            mean_grade=row.mean_grade
        )
        if row.mean_grade is not None
        else QCoreApplication.translate("CellText", "not graded")
    )
    latency = (
        QCoreApplication.translate("CellText", "mean latency {mean_latency_ms:.0f} ms").format(
            mean_latency_ms=row.mean_latency_ms
        )
        if row.mean_latency_ms is not None
        else QCoreApplication.translate("CellText", "latency –")
    )
    distinct = (
        QCoreApplication.translate("CellText", "distinct {ratio:.0%}").format(
            ratio=row.distinct_ratio
        )
        if row.distinct_ratio is not None
        else QCoreApplication.translate("CellText", "distinct –")
    )
    lines = [f"{first} · {grade}", f"{latency} · {distinct}"]
    if row.errors:
        lines.append(
            QCoreApplication.translate("CellText", "{requests} failed").format(
                requests=requests(row.errors)
            )
        )
    return lines
