"""One results cell in full: the distinct answers grouped, every check, and its grade.

Layout and intents only: grading emits `grade_changed`; the controller stores it.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.core.evals.model import Grade, RequestResult
from app.core.evals.summary import CellSummary
from app.ui.evals.cell_text import measures_line
from app.ui.evals.results_model import grade_marks

#: The details show at most this much of one answer (a cell can hold 20 long replies).
ANSWER_CHARS = 4000


def details_html(
    case_input: str,
    header: str,
    cell: CellSummary | None,
    results: Sequence[RequestResult],
    muted: str,
    *,
    expect: str | None = None,
    endpoint: str = "",
    live: bool = False,
) -> str:
    """The grouped answers (most common first) with how many repeats gave each, next to the
    case's ideal answer; `live`: the run is asking now (else an empty cell was not asked)."""
    esc = html.escape
    parts = [
        f"<p><b>{esc(header)}</b> · <span style='color:{muted}'>{esc(case_input[:300])}</span></p>"
    ]
    if endpoint:
        parts.append(
            QCoreApplication.translate(
                "CellDetails", "<p style='color:{muted}'>Asked of {esc}</p>"
            ).format(muted=muted, esc=esc(endpoint))
        )
    if expect:
        ideal = expect if len(expect) <= ANSWER_CHARS else expect[:ANSWER_CHARS] + "…"
        parts.append(
            QCoreApplication.translate(
                "CellDetails",
                "<p style='white-space:pre-wrap'><span style='color:{muted}'>Ideal answer:</span> {esc}</p>",
            ).format(muted=muted, esc=esc(ideal))
        )
    if cell is None:
        parts.append(
            QCoreApplication.translate("CellDetails", "<p>No result yet.</p>")
            if live
            else QCoreApplication.translate(
                "CellDetails", "<p>Not asked: Resume asks what is left.</p>"
            )
        )
        return "".join(parts)
    parts.append(f"<p>{esc(measures_line(cell))}</p>")
    for group in cell.groups:
        text = group.text if len(group.text) <= ANSWER_CHARS else group.text[:ANSWER_CHARS] + "…"
        repeats = ", ".join(str(r + 1) for r in group.repeats)
        which = (
            QCoreApplication.translate("CellDetails", "repeat")
            if len(group.repeats) == 1
            else QCoreApplication.translate("CellDetails", "repeats")
        )
        parts.append(
            QCoreApplication.translate(
                "CellDetails",
                "<p style='color:{muted}'>{count} of {total} ({which} {repeats})</p><pre style='white-space:pre-wrap'>{value}</pre>",
            ).format(
                muted=muted,
                count=group.count,
                total=cell.total,
                which=which,
                repeats=repeats,
                value=esc(text) or QCoreApplication.translate("CellText", "(empty reply)"),
            )
        )
    for result in results:
        failed = [a for a in result.assertions if not a.passed]
        for check in failed:
            parts.append(
                QCoreApplication.translate(
                    "CellDetails", "<p>✗ repeat {value}, {esc}: {esc2}</p>"
                ).format(
                    value=result.key.repeat + 1, esc=esc(check.kind.value), esc2=esc(check.detail)
                )
            )
        if result.error:
            parts.append(
                QCoreApplication.translate("CellDetails", "<p>✗ repeat {value}: {esc}</p>").format(
                    value=result.key.repeat + 1, esc=esc(result.error)
                )
            )
    return "".join(parts)


class CellDetailsView(QWidget):
    """The selected cell: its answers on top, grading below (👍/👎, 1–5, a comment)."""

    grade_changed = Signal(object)  # Grade

    def __init__(self, muted: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.muted = muted
        self.browser = QTextBrowser(self)
        self.browser.setAccessibleName(
            QCoreApplication.translate("CellDetailsView", "Cell details")
        )
        self.browser.setAccessibleDescription(
            QCoreApplication.translate(
                "CellDetailsView", "The selected cell's answer, its checks and its grade"
            )
        )
        up, down, _ = grade_marks(self.font())
        self.up = QPushButton(up, self)
        self.down = QPushButton(down, self)
        self.up.setAccessibleName(QCoreApplication.translate("CellDetailsView", "Good answer"))
        self.down.setAccessibleName(QCoreApplication.translate("CellDetailsView", "Bad answer"))
        # Ctrl+Up/Down move through the grid: the thumbs take letters instead.
        self.up.setToolTip(QCoreApplication.translate("CellDetailsView", "Good answer (Ctrl+G)"))
        self.down.setToolTip(QCoreApplication.translate("CellDetailsView", "Bad answer (Ctrl+B)"))
        self.up.setShortcut("Ctrl+G")
        self.down.setShortcut("Ctrl+B")
        self.scores = QButtonGroup(self)
        self.scores.setExclusive(False)
        row = QHBoxLayout()
        for button in (self.up, self.down):
            button.setCheckable(True)
            button.clicked.connect(self._on_thumb_clicked)
            row.addWidget(button)
        for score in range(1, 6):
            button = QPushButton(str(score), self)
            button.setCheckable(True)
            button.setAccessibleName(
                QCoreApplication.translate("CellDetailsView", "Score {score} of 5").format(
                    score=score
                )
            )
            button.setToolTip(
                QCoreApplication.translate(
                    "CellDetailsView", "Score {score} of 5 (Ctrl+{score})"
                ).format(score=score)
            )
            button.setShortcut(f"Ctrl+{score}")
            button.setMaximumWidth(36)
            self.scores.addButton(button, score)
            row.addWidget(button)
        self.scores.idClicked.connect(self._on_scores_clicked)
        self.comment = QLineEdit(self)
        self.comment.setPlaceholderText(
            QCoreApplication.translate("CellDetailsView", "Comment (Enter saves)")
        )
        self.comment.setAccessibleName(
            QCoreApplication.translate("CellDetailsView", "Grade comment")
        )
        self.comment.editingFinished.connect(self._on_comment_edited)
        row.addWidget(self.comment, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.browser, 1)
        layout.addLayout(row)
        self._grade = Grade()
        self.set_gradable(False)

    def show_cell(self, body_html: str, grade: Grade | None) -> None:
        """A cell chosen: its text, and its grade (None: nothing to grade here)."""
        self.browser.setHtml(body_html)
        self.set_gradable(grade is not None)
        self._show_grade(grade or Grade())

    def show_body(self, body_html: str, *, gradable: bool) -> None:
        """New answers for the same cell: the text only, where the reader had scrolled to."""
        bar = self.browser.verticalScrollBar()
        position = bar.value()
        self.browser.setHtml(body_html)
        bar.setValue(position)
        self.set_gradable(gradable)

    def set_gradable(self, gradable: bool) -> None:
        for widget in (self.up, self.down, self.comment, *self.scores.buttons()):
            widget.setEnabled(gradable)

    def _show_grade(self, grade: Grade) -> None:
        self._grade = grade
        self.up.setChecked(grade.thumb is True)
        self.down.setChecked(grade.thumb is False)
        for button in self.scores.buttons():
            button.setChecked(self.scores.id(button) == grade.score)
        self.comment.setText(grade.comment)

    def _emit(self, grade: Grade) -> None:
        if grade != self._grade:
            self._show_grade(grade)
            self.grade_changed.emit(grade)

    def _on_thumb_clicked(self) -> None:
        sender = self.sender()
        wanted = sender is self.up
        thumb = None if self._grade.thumb is wanted else wanted  # a second click clears it
        self._emit(Grade(thumb, self._grade.score, self._grade.comment))

    def _on_scores_clicked(self, score: int) -> None:
        chosen = None if self._grade.score == score else score
        self._emit(Grade(self._grade.thumb, chosen, self._grade.comment))

    def _on_comment_edited(self) -> None:
        text = self.comment.text().strip()[:2000]
        self._emit(Grade(self._grade.thumb, self._grade.score, text))
