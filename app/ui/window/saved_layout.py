"""The window's saved size and pane layout, and the palette fix every window shares."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QDataStream
from PySide6.QtWidgets import QApplication

from app.storage.settings_schema import UiPrefs
from app.ui.style import with_disabled_colours
from app.ui.window.main_window import MainWindow


def dim_disabled(qapp: QApplication) -> None:
    """Disabled controls must look disabled in every window, whatever palette the OS gives."""
    fixed = with_disabled_colours(qapp.palette())
    if fixed is not None:
        qapp.setPalette(fixed)


def pane_count(splitter_state: QByteArray) -> int:
    """How many panes a saved QSplitter state sizes (after its marker and version)."""
    stream = QDataStream(splitter_state)
    stream.readInt32()
    stream.readInt32()
    return int(stream.readUInt32())


def restore_layout(ui: UiPrefs, window: MainWindow) -> None:
    """The size and pane widths the window had when it was last closed."""
    if ui.window_geometry:
        window.restoreGeometry(QByteArray.fromBase64(ui.window_geometry.encode()))
    splitter_state = QByteArray.fromBase64(ui.splitter_state.encode())
    if ui.splitter_state and pane_count(splitter_state) == window.splitter.count():
        window.splitter.restoreState(splitter_state)  # not a layout saved before the sidebar


def save_layout(ui: UiPrefs, window: MainWindow) -> None:
    ui.window_geometry = bytes(window.saveGeometry().toBase64().data()).decode()
    ui.splitter_state = bytes(window.splitter.saveState().toBase64().data()).decode()
