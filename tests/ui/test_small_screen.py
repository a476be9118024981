"""An 800x600 screen: the main window and the library, details and compare windows fit on it,
every control inside (none cut off at the right edge), at the size they open with."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from app.core.actions import MessageAction
from tests.loopback import LoopbackServer
from tests.ui.prompt_helpers import announce, library_of, open_library, pick, send
from tests.ui.test_prompt_panel import AppMaker

SMALL = QRect(0, 0, 800, 600)
ROOM = (776, 552)  # 800x600 less a window frame and a desktop panel


def cut_off(window: QWidget) -> list[str]:
    """The controls shown that reach past the window's edges."""
    outside: list[str] = []
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, QAbstractButton | QComboBox | QLineEdit):
            continue
        if widget.window() is not window or not widget.isVisibleTo(window):
            continue
        at = widget.mapTo(window, QPoint(0, 0))
        if at.x() < 0 or at.x() + widget.width() > window.width() + 1:
            outside.append(widget.objectName() or widget.accessibleName() or type(widget).__name__)
    return outside


def fits_small_screen(window: QWidget) -> None:
    """No larger than the screen it opened on; as small as 800x600 allows, nothing cut off."""
    screen = window.screen()
    assert screen is not None
    free = screen.availableGeometry()
    assert window.width() <= free.width() and window.height() <= free.height()
    hint = window.minimumSizeHint()
    assert hint.width() <= ROOM[0] and hint.height() <= ROOM[1], window.objectName()
    window.resize(*ROOM)
    assert (window.width(), window.height()) == ROOM
    layout = window.layout()
    if layout is not None:
        layout.activate()
    assert cut_off(window) == [], window.objectName()


def test_every_window_fits_an_800_by_600_screen(
    make_app: AppMaker, qtbot: QtBot, loopback: LoopbackServer
) -> None:
    app = make_app()
    library_of(app).create("Support bot", "You are a support bot.")
    announce(app)
    pick(app, "Support bot")
    send(app, qtbot, "hello")
    view = app.window.conversation_view
    with qtbot.waitSignal(app.controller.chat.reply_ended, timeout=5000):
        view.action_requested.emit(MessageAction.REGENERATE, 1)
    fits_small_screen(app.window)

    library = open_library(app, qtbot).dialog
    fits_small_screen(library)
    library.trash_button.click()
    fits_small_screen(library)

    view.action_requested.emit(MessageAction.DETAILS, 1)
    details = app.controller.replies.details
    assert details is not None
    fits_small_screen(details)
    view.action_requested.emit(MessageAction.COMPARE, 1)
    compare = app.controller.replies.compare
    assert compare is not None
    fits_small_screen(compare)

    app.window.system_prompt_editor.setPlainText("You are a support bot, edited.")
    fits_small_screen(app.window)  # the save bar's buttons shown
    app.controller.prompt_edits.compare_with_saved()
    saved = app.controller.prompt_edits.compare_dialog
    assert saved is not None
    fits_small_screen(saved)

    prompt_id = app.controller.prompts.prompt_id
    assert prompt_id is not None
    library_of(app).delete(prompt_id)  # in the trash: the panel says so at length
    announce(app)
    fits_small_screen(app.window)


def test_windows_open_as_large_as_the_screen_allows(qtbot: QtBot) -> None:
    from app.ui.window.screen_fit import fit_to_screen

    window = QWidget()
    qtbot.addWidget(window)
    fit_to_screen(window, 1040, 680, free=QRect(0, 0, 1920, 1080))
    assert (window.width(), window.height()) == (1040, 680)
    fit_to_screen(window, 1040, 680, free=SMALL)
    assert (window.width(), window.height()) == ROOM


def test_the_endpoints_window_fits_an_800_by_600_screen(
    make_app: AppMaker, qtbot: QtBot, loopback: LoopbackServer
) -> None:
    from tests.ui.test_endpoints import open_endpoints

    app = make_app()
    fits_small_screen(open_endpoints(app, qtbot))
