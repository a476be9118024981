"""The window fits: no sideways scrolling or cut fields in the parameters, no slivers at 800x600."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QLabel, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from app.ui.style import LIGHT_STYLE
from app.ui.window.main_window import MainWindow


def shown_window(qtbot: QtBot, width: int, height: int) -> MainWindow:
    window = MainWindow(LIGHT_STYLE)
    qtbot.addWidget(window)
    window.resize(width, height)
    window.show()
    qtbot.waitExposed(window)
    return window


def params_scroll(window: MainWindow) -> QScrollArea:
    scroll = window.params_panel.parentWidget()
    while scroll is not None and not isinstance(scroll, QScrollArea):
        scroll = scroll.parentWidget()
    assert isinstance(scroll, QScrollArea)
    return scroll


def inside_horizontally(widget: QWidget, viewport: QWidget) -> bool:
    left = widget.mapTo(viewport, QPoint(0, 0)).x()
    return left >= 0 and left + widget.width() <= viewport.width()


@pytest.mark.parametrize("size", [(1180, 760), (800, 600)])
def test_every_parameter_field_is_whole_and_nothing_scrolls_sideways(
    qtbot: QtBot, size: tuple[int, int]
) -> None:
    window = shown_window(qtbot, *size)
    scroll = params_scroll(window)
    assert not scroll.horizontalScrollBar().isVisible()
    fields = window.params_panel.findChildren(QAbstractSpinBox)
    assert len(fields) == 8
    for field in [*fields, window.params_panel.mode]:
        # Wide enough for its own text ("auto (1024)", "default"), and not cut at the edge.
        assert field.width() >= field.minimumSizeHint().width(), field.objectName()
        assert inside_horizontally(field, scroll.viewport()), field.objectName()
    for label in window.params_panel.findChildren(QLabel):
        assert inside_horizontally(label, scroll.viewport()), label.text()


def test_no_pane_is_a_sliver_at_800_by_600(qtbot: QtBot) -> None:
    window = shown_window(qtbot, 800, 600)
    sidebar, chat, side = window.splitter.sizes()
    assert sidebar >= 140 and chat >= 300 and side >= 220, window.splitter.sizes()
    assert window.use_as_default_button.width() >= window.use_as_default_button.sizeHint().width()


def test_tab_through_the_parameters_keeps_their_names_in_sight(qtbot: QtBot) -> None:
    window = shown_window(qtbot, 1180, 760)
    scroll = params_scroll(window)
    first = window.params_panel.mode
    first.setFocus()
    qtbot.waitUntil(first.hasFocus, timeout=2000)
    seen = 0
    for _ in range(12):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        focused = QApplication.focusWidget()
        if focused is None or not window.params_panel.isAncestorOf(focused):
            break
        seen += 1
        assert scroll.horizontalScrollBar().value() == 0
        name = window.params_panel.layout().labelForField(focused)  # type: ignore[attr-defined]
        if name is not None:
            assert inside_horizontally(name, scroll.viewport())
    assert seen >= 8  # every parameter was reached by Tab


def test_reset_to_defaults_is_one_change_not_one_per_parameter(qtbot: QtBot) -> None:
    from app.core.params import SamplingParams

    window = shown_window(qtbot, 1180, 760)
    panel = window.params_panel
    panel.set_params(SamplingParams(temperature=0.5, top_k=7, seed=3))
    changes: list[bool] = []
    panel.changed.connect(lambda: changes.append(True))
    panel.reset_button.click()
    assert changes == [True] and panel.params() == SamplingParams()
    panel.reset_button.click()  # nothing to reset: no change
    assert changes == [True]
