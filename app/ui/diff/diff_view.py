"""Widgets that show a diff: inline (one text, both sides marked) or side by side."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QSplitter, QTextBrowser, QVBoxLayout, QWidget

from app.core.prompts.diff import TextDiff, diff_texts
from app.ui.diff.diff_html import spans_html, summary


class DiffView(QWidget):
    """One text with removed words struck through and added ones underlined, and a summary line."""

    def __init__(self, parent: QWidget | None = None, *, dark: bool = False) -> None:
        super().__init__(parent)
        self._dark = dark
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)  # names may hold anything
        self.summary.setObjectName("diffSummary")
        self.summary.setWordWrap(True)
        self.browser = QTextBrowser()
        self.browser.setObjectName("diffText")
        self.browser.setAccessibleName(QCoreApplication.translate("DiffView", "Differences"))
        self.browser.setOpenLinks(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.browser, 1)
        self.diff: TextDiff | None = None

    def compare(self, old: str, new: str, *, old_name: str = "old", new_name: str = "new") -> None:
        self.show_diff(diff_texts(old, new), old_name=old_name, new_name=new_name)

    def show_diff(self, diff: TextDiff, *, old_name: str = "old", new_name: str = "new") -> None:
        self.diff = diff
        self.summary.setText(summary(diff, old_name=old_name, new_name=new_name))
        self.browser.setHtml(spans_html(diff.spans, dark=self._dark))


class SideBySideDiffView(QWidget):
    """The old text on the left (removed words marked), the new on the right (added marked)."""

    def __init__(self, parent: QWidget | None = None, *, dark: bool = False) -> None:
        super().__init__(parent)
        self._dark = dark
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)  # names may hold anything
        self.summary.setObjectName("diffSummary")
        self.summary.setWordWrap(True)
        self.old_title, self.new_title = QLabel(), QLabel()
        self.old_browser, self.new_browser = QTextBrowser(), QTextBrowser()
        self.old_browser.setObjectName("diffOld")
        self.new_browser.setObjectName("diffNew")
        self.old_browser.setAccessibleDescription(
            QCoreApplication.translate(
                "DiffView", "The older text; what was removed is struck through"
            )
        )
        self.new_browser.setAccessibleDescription(
            QCoreApplication.translate("DiffView", "The newer text; what was added is underlined")
        )
        splitter = QSplitter()
        for title, browser in (
            (self.old_title, self.old_browser),
            (self.new_title, self.new_browser),
        ):
            browser.setOpenLinks(False)
            pane = QWidget()
            pane_layout = QVBoxLayout(pane)
            pane_layout.setContentsMargins(0, 0, 0, 0)
            pane_layout.addWidget(title)
            pane_layout.addWidget(browser, 1)
            splitter.addWidget(pane)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)
        # Scrolling one side scrolls the other to the same place (proportionally).
        self._syncing = False
        self.old_browser.verticalScrollBar().valueChanged.connect(self._on_old_scrolled)
        self.new_browser.verticalScrollBar().valueChanged.connect(self._on_new_scrolled)
        self.diff: TextDiff | None = None
        self._names = ("old", "new")

    def compare(self, old: str, new: str, *, old_name: str = "old", new_name: str = "new") -> None:
        self.show_diff(diff_texts(old, new), old_name=old_name, new_name=new_name)

    def set_dark(self, dark: bool) -> None:
        """Redraw the shown diff in the colours of the light or dark style (the OS switched)."""
        if dark != self._dark:
            self._dark = dark
            if self.diff is not None:
                self.show_diff(self.diff, old_name=self._names[0], new_name=self._names[1])

    def show_diff(self, diff: TextDiff, *, old_name: str = "old", new_name: str = "new") -> None:
        self.diff = diff
        self._names = (old_name, new_name)
        self.summary.setText(summary(diff, old_name=old_name, new_name=new_name))
        self.old_title.setText(
            QCoreApplication.translate("SideBySideDiffView", "<b>{escape}</b>").format(
                escape=html.escape(old_name)
            )
        )
        self.new_title.setText(
            QCoreApplication.translate("SideBySideDiffView", "<b>{escape}</b>").format(
                escape=html.escape(new_name)
            )
        )
        self.old_browser.setAccessibleName(
            QCoreApplication.translate(
                "SideBySideDiffView", "{old_name}, removed words struck through"
            ).format(old_name=old_name)
        )
        self.new_browser.setAccessibleName(
            QCoreApplication.translate(
                "SideBySideDiffView", "{new_name}, added words underlined"
            ).format(new_name=new_name)
        )
        self.old_browser.setHtml(spans_html(diff.old_spans(), dark=self._dark))
        self.new_browser.setHtml(spans_html(diff.new_spans(), dark=self._dark))

    def _on_old_scrolled(self, value: int) -> None:
        self._follow(self.old_browser, self.new_browser, value)

    def _on_new_scrolled(self, value: int) -> None:
        self._follow(self.new_browser, self.old_browser, value)

    def _follow(self, source: QTextBrowser, target: QTextBrowser, value: int) -> None:
        if self._syncing:
            return
        top = source.verticalScrollBar().maximum()
        bar = target.verticalScrollBar()
        self._syncing = True
        bar.setValue(round(value / top * bar.maximum()) if top else 0)
        self._syncing = False
