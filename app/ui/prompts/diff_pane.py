"""Two prompt texts compared, inline or side by side, and the window "Compare with saved" opens."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.i18n import QT_TRANSLATE_NOOP
from app.core.prompts.diff import TextDiff, diff_texts
from app.core.prompts.variables import VariableSpec
from app.ui.diff.diff_view import DiffView, SideBySideDiffView
from app.ui.style import style_for


class DiffPane(QWidget):
    """A diff of two texts; "Side by side" switches between one marked text and two columns."""

    def __init__(self, parent: QWidget | None = None, *, dark: bool = False) -> None:
        super().__init__(parent)
        self._dark = dark
        self.stack = QStackedWidget()
        self.inline, self.side_by_side = self._views(dark)
        self.side_by_side_box = QCheckBox(QCoreApplication.translate("DiffPane", "Side b&y side"))
        self.side_by_side_box.setObjectName("sideBySideBox")
        self.side_by_side_box.setAccessibleName(
            QCoreApplication.translate("DiffPane", "Show side by side")
        )
        self.side_by_side_box.setToolTip(
            QCoreApplication.translate(
                "DiffPane", "The old text on the left, the new one on the right"
            )
        )
        self.side_by_side_box.toggled.connect(self._on_side_by_side_toggled)
        self.note = QLabel()  # what the texts do not show: e.g. variable declarations changed
        self.note.setObjectName("diffNote")
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.hide()
        top = QHBoxLayout()
        top.addWidget(self.note, 1)
        top.addWidget(
            self.side_by_side_box, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)
        self._shown: tuple[TextDiff, str, str] | None = None

    def _views(self, dark: bool) -> tuple[DiffView, SideBySideDiffView]:
        inline, side_by_side = DiffView(dark=dark), SideBySideDiffView(dark=dark)
        marks = QCoreApplication.translate(
            "DiffPane", "removed words are struck through (red), added words underlined (green)"
        )
        inline.browser.setToolTip(
            QCoreApplication.translate("DiffPane", "Both versions in one text: {marks}").format(
                marks=marks
            )
        )
        side_by_side.old_browser.setToolTip(
            QCoreApplication.translate("DiffPane", "The older text: removed words struck through")
        )
        side_by_side.new_browser.setToolTip(
            QCoreApplication.translate("DiffPane", "The newer text: added words underlined")
        )
        side_by_side.old_browser.setAccessibleName(
            QCoreApplication.translate("DiffPane", "Older text")
        )
        side_by_side.new_browser.setAccessibleName(
            QCoreApplication.translate("DiffPane", "Newer text")
        )
        self.stack.insertWidget(0, inline)
        self.stack.insertWidget(1, side_by_side)
        return inline, side_by_side

    def set_dark(self, dark: bool) -> None:
        """The OS switched between light and dark: the same diff, in colours for it."""
        if dark == self._dark:
            return
        self._dark = dark
        old_inline, old_side_by_side = self.inline, self.side_by_side
        self.inline, self.side_by_side = self._views(dark)
        self.stack.setCurrentIndex(1 if self.side_by_side_box.isChecked() else 0)
        self.inline.summary.setText(old_inline.summary.text())  # what a cleared pane said
        self.side_by_side.summary.setText(old_side_by_side.summary.text())
        for before in (old_inline, old_side_by_side):
            self.stack.removeWidget(before)
            before.deleteLater()
        self._draw()

    @property
    def diff(self) -> TextDiff | None:
        return self._shown[0] if self._shown else None

    def compare(self, old: str, new: str, old_name: str, new_name: str, note: str = "") -> None:
        self._shown = (diff_texts(old, new), old_name, new_name)
        self.note.setText(note)
        self.note.setVisible(bool(note))
        self._draw()

    def clear(self, message: str) -> None:
        """No two texts to compare: say what to do instead."""
        self._shown = None
        self.note.hide()
        for view in (self.inline, self.side_by_side):
            view.summary.setText(message)
        self.inline.browser.clear()
        self.side_by_side.old_browser.clear()
        self.side_by_side.new_browser.clear()
        self.side_by_side.old_title.clear()
        self.side_by_side.new_title.clear()

    def _on_side_by_side_toggled(self, on: bool) -> None:
        self.stack.setCurrentIndex(1 if on else 0)
        self._draw()

    def _draw(self) -> None:
        # Only the view in sight is drawn: a long diff costs one rendering, not two.
        if self._shown is None:
            return
        diff, old_name, new_name = self._shown
        view = self.side_by_side if self.side_by_side_box.isChecked() else self.inline
        if view.diff is not diff:
            view.show_diff(diff, old_name=old_name, new_name=new_name)


class CompareDialog(QDialog):
    """The chat's unsaved edit against the saved version it started from."""

    def __init__(self, parent: QWidget | None = None, *, dark: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("compareWithSavedDialog")
        self.setWindowTitle(QCoreApplication.translate("CompareDialog", "Compare with saved"))
        self.resize(760, 520)
        self.pane = DiffPane(dark=dark)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pane)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self.pane.set_dark(style_for(self.palette()).dark)
        super().changeEvent(event)

    def show_edit(
        self, prompt_name: str, saved: str, edited: str, number: int, note: str = ""
    ) -> None:
        self.setWindowTitle(
            QCoreApplication.translate("CompareDialog", "Compare with saved: {prompt_name}").format(
                prompt_name=prompt_name
            )
        )
        self.pane.compare(
            saved,
            edited,
            QCoreApplication.translate("CompareDialog", "version {number} (saved)").format(
                number=number
            ),
            QCoreApplication.translate("CompareDialog", "your edit"),
            note,
        )
        if self.isVisible():  # behind the main window: bring it forward
            self.raise_()
        self.show()
        self.activateWindow()


def variables_note(old: Sequence[VariableSpec], new: Sequence[VariableSpec]) -> str:
    """The variable declarations added, removed or changed between two versions ("" if none)."""
    before, after = {s.name: s for s in old}, {s.name: s for s in new}
    added = [n for n in after if n not in before]
    removed = [n for n in before if n not in after]
    changed = [n for n in after if n in before and after[n] != before[n]]
    parts = [
        QCoreApplication.translate("DiffPane", what).format(names=", ".join(names))
        for what, names in (
            (QT_TRANSLATE_NOOP("DiffPane", "added: {names}"), added),
            (QT_TRANSLATE_NOOP("DiffPane", "removed: {names}"), removed),
            (QT_TRANSLATE_NOOP("DiffPane", "changed: {names}"), changed),
        )
        if names
    ]
    return (
        QCoreApplication.translate("DiffPane", "Variables {join}.").format(join="; ".join(parts))
        if parts
        else ""
    )
