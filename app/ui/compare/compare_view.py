"""Compare mode's area in the window: the panes side by side and one message box for all."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.ui.chat.composer import Composer
from app.ui.compare.pane_widget import PANE_MIN_WIDTH, ComparePane
from app.ui.style import ChatStyle


class CompareView(QWidget):
    """Layout and intents only; the CompareController decides what happens."""

    add_pane_requested = Signal()
    stop_all_requested = Signal()

    def __init__(self, style: ChatStyle, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compareView")
        self.style_in_use = style
        self.add_button = QPushButton(QCoreApplication.translate("CompareView", "Add pane"))
        self.add_button.setObjectName("addPaneButton")
        self.add_button.setToolTip(
            QCoreApplication.translate(
                "CompareView", "Add a pane with the last pane's settings, up to four (Ctrl+Shift+N)"
            )
        )
        self.add_button.setAccessibleName(QCoreApplication.translate("CompareView", "Add pane"))
        self.add_button.clicked.connect(self.add_pane_requested)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("compareSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.pane_scroll = QScrollArea()
        self.pane_scroll.setObjectName("compareScroll")
        self.pane_scroll.setAccessibleName(
            QCoreApplication.translate("CompareView", "Compare panes")
        )
        self.pane_scroll.setWidgetResizable(True)
        self.pane_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.pane_scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Not a stop of its own on the way through with Tab: the panes' controls are (and the
        # area scrolls to the one that has the focus).
        self.pane_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.pane_scroll.setWidget(self.splitter)
        self.settings_shown = False  # every pane's prompt and parameters unfolded
        self.status = QLabel()
        self.status.setObjectName("compareStatus")
        self.status.setAccessibleName(QCoreApplication.translate("CompareView", "Compare status"))
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.composer = Composer()
        self.composer.setObjectName("compareComposer")
        self.composer.setAccessibleName(
            QCoreApplication.translate("CompareView", "Message to every pane")
        )
        self.composer.setPlaceholderText(
            QCoreApplication.translate("CompareView", "Message every pane…  (Enter sends to all)")
        )
        self.composer.setMaximumHeight(64)  # the panes, not the box, should get the height
        self.send_button = QPushButton(QCoreApplication.translate("CompareView", "Send to all"))
        self.send_button.setObjectName("compareSendButton")
        self.send_button.setToolTip(
            QCoreApplication.translate(
                "CompareView", "Send the message to every pane at once (Enter)"
            )
        )
        self.send_button.setAccessibleName(
            QCoreApplication.translate("CompareView", "Send to all panes")
        )
        self.send_button.clicked.connect(self.composer.send_requested)
        self.stop_button = QPushButton(QCoreApplication.translate("CompareView", "Stop all"))
        self.stop_button.setObjectName("compareStopButton")
        self.stop_button.setToolTip(
            QCoreApplication.translate(
                "CompareView", "Stop every pane's reply and keep their text (Esc)"
            )
        )
        self.stop_button.setAccessibleName(
            QCoreApplication.translate("CompareView", "Stop all panes")
        )
        self.stop_button.clicked.connect(self.stop_all_requested)
        self.stop_button.setEnabled(False)
        row = QHBoxLayout()
        row.addWidget(self.composer, 1)
        buttons = QVBoxLayout()
        buttons.addWidget(self.send_button)
        buttons.addWidget(self.stop_button)
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        row.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pane_scroll, 1)
        layout.addWidget(self.status)
        layout.addLayout(row)
        self.set_style(style)

    @property
    def panes(self) -> list[ComparePane]:
        return [
            w
            for i in range(self.splitter.count())
            if isinstance(w := self.splitter.widget(i), ComparePane)
        ]

    def add_pane(self, pane: ComparePane) -> None:
        pane.header.set_settings_shown(self.settings_shown)
        pane.header.settings_toggled.connect(self.set_settings_shown)
        self.splitter.addWidget(pane)
        self._fit()

    def set_settings_shown(self, shown: bool) -> None:
        """One pane's "Settings" toggle folds or unfolds them all: the replies stay level."""
        self.settings_shown = shown
        for pane in self.panes:
            pane.header.set_settings_shown(shown)

    def remove_pane(self, pane: ComparePane) -> None:
        pane.hide()
        pane.setParent(None)
        pane.deleteLater()
        self._fit()

    def _fit(self) -> None:
        """Equal widths; the row is at least as wide as its panes' minimums (then it scrolls)."""
        panes = self.panes
        for number, pane in enumerate(panes, start=1):
            pane.set_number(number)
        self.splitter.setMinimumWidth(len(panes) * (PANE_MIN_WIDTH + self.splitter.handleWidth()))
        self.splitter.setSizes([1000] * len(panes))

    def tab_chain(self) -> list[QWidget]:
        """Its controls as they are on screen: the panes left to right, each top to bottom,
        then the message box and its buttons."""
        chain = [w for pane in self.panes for w in pane.tab_chain()]
        return [*chain, self.composer, self.send_button, self.stop_button, self.add_button]

    def set_busy(self, busy: bool) -> None:
        self.stop_button.setEnabled(busy)
        self.send_button.setEnabled(not busy)

    def set_style(self, style: ChatStyle) -> None:
        self.style_in_use = style
        self.status.setStyleSheet(f"color: {style.muted};")
        for pane in self.panes:
            pane.set_style(style)
