"""Compare replies: any two versions of one reply side by side, words that differ highlighted,
and a line saying whether their seed and request body were identical."""

from __future__ import annotations

import html
from datetime import datetime

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.core.message import ChatMessage
from app.core.provenance import Provenance
from app.core.reply_compare import compare_requests
from app.ui.diff.diff_view import SideBySideDiffView
from app.ui.window.screen_fit import fit_to_screen


class CompareRepliesDialog(QDialog):
    """Two pickers (which versions), the request line, and the side-by-side diff."""

    def __init__(
        self,
        versions: list[ChatMessage],
        provenances: list[Provenance | None] | None = None,
        *,
        left: int = 0,
        right: int = 1,
        dark: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        if len(versions) < 2:
            raise ValueError(
                QCoreApplication.translate("CompareRepliesDialog", "comparing needs two versions")
            )
        self.versions = versions
        #: Each version's provenance with its request's bytes where they could be read (the
        #: seed and parameters are in them); its own otherwise.
        self.provenances = provenances or [m.provenance for m in versions]
        self.setWindowTitle(QCoreApplication.translate("CompareRepliesDialog", "Compare replies"))
        self.setObjectName("compareReplies")
        self.setAccessibleName(
            QCoreApplication.translate("CompareRepliesDialog", "Compare replies")
        )
        fit_to_screen(self, 1000, 640)
        self.left_choice = self._picker(
            QCoreApplication.translate("CompareRepliesDialog", "Left version"), left
        )
        self.right_choice = self._picker(
            QCoreApplication.translate("CompareRepliesDialog", "Right version"), right
        )
        pickers = QHBoxLayout()
        for text, box in (
            (QCoreApplication.translate("CompareRepliesDialog", "&Left:"), self.left_choice),
            (QCoreApplication.translate("CompareRepliesDialog", "&Right:"), self.right_choice),
        ):
            label = QLabel(text)
            label.setBuddy(box)
            pickers.addWidget(label)
            pickers.addWidget(box, 1)
        self.request_sentence = ""
        self.request_line = QLabel()
        self.request_line.setObjectName("requestComparison")
        self.request_line.setAccessibleName(
            QCoreApplication.translate("CompareRepliesDialog", "Seed and request body")
        )
        self.request_line.setWordWrap(True)
        self.request_line.setTextFormat(Qt.TextFormat.RichText)
        self.diff_view = SideBySideDiffView(dark=dark)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(pickers)
        layout.addWidget(self.request_line)
        layout.addWidget(self.diff_view, 1)
        layout.addWidget(buttons)
        self.left_choice.currentIndexChanged.connect(self._on_choice_changed)
        self.right_choice.currentIndexChanged.connect(self._on_choice_changed)
        self._on_choice_changed()

    def _picker(self, name: str, index: int) -> QComboBox:
        box = QComboBox()
        box.setObjectName(name.replace(" ", "_").lower())
        box.setAccessibleName(name)
        box.setAccessibleDescription(
            QCoreApplication.translate(
                "CompareRepliesDialog", "Which version of the reply this side shows"
            )
        )
        count = len(self.versions)
        pairs = zip(self.versions, self.provenances, strict=True)
        for n, (message, provenance) in enumerate(pairs, 1):
            box.addItem(
                QCoreApplication.translate(
                    "CompareRepliesDialog", "Version {n} of {count}{about}"
                ).format(n=n, count=count, about=_about(message, provenance))
            )
        box.setCurrentIndex(max(0, min(index, count - 1)))
        return box

    def choose(self, left: int, right: int) -> None:
        """Show versions `left` and `right` (0-based)."""
        self.left_choice.setCurrentIndex(left)
        self.right_choice.setCurrentIndex(right)

    def _on_choice_changed(self) -> None:
        i, j = self.left_choice.currentIndex(), self.right_choice.currentIndex()
        a, b = self.versions[i], self.versions[j]
        names = (
            QCoreApplication.translate("CompareRepliesDialog", "version {value}").format(
                value=i + 1
            ),
            QCoreApplication.translate("CompareRepliesDialog", "version {value}").format(
                value=j + 1
            ),
        )
        if i == j:
            line = QCoreApplication.translate(
                "CompareRepliesDialog",
                "Both sides show {names}: choose another version on one side.",
            ).format(names=names[0])
        else:
            line = compare_requests(self.provenances[i], self.provenances[j], names).sentence()
        self.request_sentence = line
        self.request_line.setText(
            QCoreApplication.translate("CompareRepliesDialog", "<b>Requests:</b> {escape}").format(
                escape=html.escape(line)
            )
        )
        self.diff_view.compare(a.text, b.text, old_name=_title(names[0]), new_name=_title(names[1]))


def _title(name: str) -> str:
    return name[:1].upper() + name[1:]


def _about(message: ChatMessage, provenance: Provenance | None) -> str:
    """ ", 14:02, seed 5" — enough to tell versions apart in the picker."""
    parts = []
    if message.created_at:
        parts.append(datetime.fromtimestamp(message.created_at).strftime("%H:%M"))
    seed = provenance.seed if provenance else None
    if seed is not None:
        parts.append(
            QCoreApplication.translate("CompareRepliesDialog", "seed {seed}").format(seed=seed)
        )
    if provenance is not None and provenance.replay_of is not None:
        parts.append(QCoreApplication.translate("CompareRepliesDialog", "replay"))
    return "".join(", " + part for part in parts)
