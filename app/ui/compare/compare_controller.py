"""Compare mode: enter and leave it, add and remove panes, send to all, differences at the end.

Each pane is a ChatSession streamed by its own PaneController (the main chat's machinery);
this controller only fans the one message out, and once every pane has finished asks the core
where their replies differ and whether their seeds were honoured.
"""

from __future__ import annotations

import asyncio
import itertools
from dataclasses import replace

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QWidget

from app.core.chat_settings import ChatSettings
from app.core.compare import (
    MAX_PANES,
    CompareSession,
    PaneDifferences,
    PaneLimit,
    pane_differences,
    seed_notes,
)
from app.core.session import ChatSession, SessionBusy
from app.ui.compare.compare_storage import CompareStorage
from app.ui.compare.compare_view import CompareView
from app.ui.compare.highlights import MarkQueue, words_of
from app.ui.compare.pane_controller import PaneController
from app.ui.compare.pane_widget import ComparePane
from app.ui.window.main_window import MainWindow
from app.ui.window.window_controller import WindowController


class CompareController(QObject):
    """Owns the compare on screen (if any) and its pane controllers."""

    mode_changed = Signal(bool)  # compare mode entered (True) or left
    differences_shown = Signal()  # every pane finished; notes and highlights are set

    def __init__(
        self,
        window: MainWindow,
        controller: WindowController,
        storage: CompareStorage,
        view: CompareView,
    ) -> None:
        super().__init__(controller)
        self._window = window
        self._controller = controller
        self.storage = storage
        self.view = view
        self.compare: CompareSession | None = None
        self.panes: list[PaneController] = []
        self._leaving = False  # asked to leave while panes stop: leave once they have
        self.marks = MarkQueue(self)  # every pane's highlights, a slice per loop turn
        self._comparing: asyncio.Future[PaneDifferences] | None = None  # the latest comparison
        view.composer.send_requested.connect(self._on_composer_send_requested)
        view.composer.escape_pressed.connect(self.stop_all)
        view.stop_all_requested.connect(self.stop_all)
        view.add_pane_requested.connect(self.add_pane)

    @property
    def active(self) -> bool:
        return self.compare is not None

    @property
    def busy(self) -> bool:
        return any(p.busy for p in self.panes)

    # -- entering and leaving ------------------------------------------------------------------

    def toggle(self) -> None:
        if self.active:
            self.leave()
        else:
            self.enter()

    def enter(self) -> None:
        """A new compare: the current chat's settings in pane 1, a copy in pane 2."""
        if self.active:
            return
        settings = self._controller.session.settings
        self._show(self.storage.new_compare([settings, replace(settings)]))

    def open(self, compare_id: int) -> bool:
        """Show a stored compare (from the sidebar); False when it cannot be read."""
        if self.busy:
            self.say(
                QCoreApplication.translate(
                    "CompareController", "A pane is still streaming: stop it first."
                )
            )
            return False
        compare = self.storage.load(compare_id)
        if compare is None:
            return False
        if self.active:
            self._close_panes()
        self._show(compare)
        return True

    def _show(self, compare: CompareSession) -> None:
        self.compare = compare
        for pane in compare.panes:
            self._add_controller(pane)
        self._place(shown=True)
        self._order_tabs()
        self.view.status.clear()
        self.view.composer.setFocus()
        self.mode_changed.emit(True)
        if compare.panes and any(p.last_reply() for p in self.panes):
            self._show_differences()

    def leave(self) -> None:
        """Back to the normal chat; streaming panes are stopped first (their text is kept)."""
        if not self.active:
            return
        if self.busy:
            self._leaving = True
            self.stop_all()
            return
        self._leaving = False
        self._close_panes()
        self.compare = None
        self._place(shown=False)
        self.mode_changed.emit(False)

    def _order_tabs(self) -> None:
        """Tab follows the screen: the toolbar, the sidebar, then the panes left to right
        (each top to bottom), the message box and its buttons. Panes added later are put in
        their place in the chain, not at its end."""
        sidebar_end = self._window.history_pane.undo_delete_button  # the sidebar's last control
        chain = [sidebar_end, *self.view.tab_chain()]
        for before, after in itertools.pairwise(chain):
            QWidget.setTabOrder(before, after)

    def _place(self, *, shown: bool) -> None:
        """The panes in place of the chat and its side panel (the sidebar stays), or back."""
        w = self._window
        if w.chat_stack.indexOf(self.view) < 0:
            w.chat_stack.addWidget(self.view)
        w.chat_stack.setCurrentIndex(w.chat_stack.indexOf(self.view) if shown else 0)
        w.side_panel.setVisible(not shown)
        w.compare_button.setText(
            QCoreApplication.translate("CompareController", "Back to chat")
            if shown
            else QCoreApplication.translate("CompareController", "Compare")
        )
        (self.view.composer if shown else w.composer).setFocus()

    def _close_panes(self) -> None:
        for pane in self.panes:
            pane.close()
            self.storage.stop_recording(pane.session)
            self.view.remove_pane(pane.pane)
            pane.deleteLater()
        self.panes = []

    # -- panes -----------------------------------------------------------------------------

    def add_pane(self) -> None:
        """A pane with the last pane's settings, up to MAX_PANES."""
        compare = self.compare
        if compare is None:
            return
        if len(compare.panes) >= MAX_PANES:
            self.say(
                QCoreApplication.translate(
                    "CompareController",
                    "A compare holds at most {MAX_PANES} panes; remove one first.",
                ).format(MAX_PANES=MAX_PANES)
            )
            return
        settings: ChatSettings = compare.panes[-1].settings
        pane = self.storage.add_pane(compare, replace(settings))
        controller = self._add_controller(pane)
        self._order_tabs()
        controller.pane.header.endpoint.setFocus()

    def remove_pane(self, pane: PaneController) -> None:
        compare = self.compare
        if compare is None or pane not in self.panes:
            return
        try:
            self.storage.remove_pane(compare, compare.index_of(pane.session))
        except (PaneLimit, SessionBusy) as exc:
            self.say(str(exc))
            return
        pane.close()
        self.panes.remove(pane)
        self.view.remove_pane(pane.pane)
        pane.deleteLater()
        self.view.add_button.setEnabled(True)
        self._order_tabs()
        if not self.busy and any(p.last_reply() for p in self.panes):
            self._show_differences()  # against the panes that are left

    def _add_controller(self, session: ChatSession) -> PaneController:
        style = self._window.style_in_use
        widget = ComparePane(style)
        c = self._controller
        dark = lambda: self._window.style_in_use.dark  # noqa: E731
        controller = PaneController(
            session,
            widget,
            c.endpoints,
            c.library,
            self.view.status,
            dark,
            self.marks,
            self,
            policy=c.policy,
        )
        controller.endpoints_requested.connect(self._window.endpoints_requested)
        controller.library_requested.connect(self._window.prompt_library_requested)
        controller.reply_ended.connect(self._on_pane_reply_ended)
        controller.chat.busy_changed.connect(self._on_pane_busy_changed)
        controller.continue_requested.connect(self.continue_with)
        controller.remove_requested.connect(self.remove_pane)
        self.panes.append(controller)
        self.view.add_pane(widget)
        self.storage.record(session)
        self.view.add_button.setEnabled(len(self.panes) < MAX_PANES)
        return controller

    # -- sending -------------------------------------------------------------------------------

    def _on_composer_send_requested(self) -> None:
        self.send(self.view.composer.toPlainText())

    def send(self, text: str) -> None:
        """One message to every pane at once; a pane that cannot send says why, alone."""
        if not text.strip() or self.busy or not self.panes:
            return
        self.storage.flush_settings()
        sent = 0
        for pane in self.panes:
            why = pane.send(text)
            if why:
                pane.pane.show_error(
                    QCoreApplication.translate("CompareController", "Not sent: {why}").format(
                        why=why
                    )
                )
            else:
                sent += 1
        if sent:
            self.view.composer.clear()
            self.view.status.setText(
                QCoreApplication.translate(
                    "CompareController", "Sent to {sent} of {count} panes."
                ).format(sent=sent, count=len(self.panes))
            )

    def stop_all(self) -> None:
        for pane in self.panes:
            pane.stop()

    def _on_pane_busy_changed(self) -> None:
        self.view.set_busy(self.busy)

    def _on_pane_reply_ended(self) -> None:
        if self.busy:
            return
        if self._leaving:
            self.leave()
            return
        self._show_differences()

    def _show_differences(self) -> None:
        """Where the last replies differ (highlighted in each pane), and the seed notes.

        The word comparison of long replies takes tens of milliseconds: it runs on a worker
        thread, so the window stays responsive; its answer is used only if the panes still
        show the replies it compared.
        """
        compare = self.compare
        if compare is None:
            return
        texts = compare.last_texts()
        loop = asyncio.get_event_loop()
        future = loop.run_in_executor(None, pane_differences, texts)
        self._comparing = future
        future.add_done_callback(lambda done: self._on_differences_ready(compare, texts, done))

    def _on_differences_ready(
        self, compare: CompareSession, texts: list[str], done: asyncio.Future[PaneDifferences]
    ) -> None:
        if done is not self._comparing or done.cancelled():
            return
        self._comparing = None
        if compare is not self.compare or self.busy or compare.last_texts() != texts:
            return  # a new turn began, or another compare is shown: its own comparison follows
        spans = done.result()
        dark = self._window.style_in_use.dark
        for index, pane in enumerate(self.panes):
            words = words_of(texts[index], spans[index])
            pane.show_differences(words, spans.note(index), dark=dark)
        notes = [note.message for note in seed_notes(compare.panes)]
        self.view.status.setText(
            " ".join(notes)
            if notes
            else QCoreApplication.translate("CompareController", "All panes have finished.")
        )
        self.differences_shown.emit()

    # -- continue with this one -----------------------------------------------------------

    def continue_with(self, pane: PaneController) -> None:
        """Leave compare mode and go on with this pane's conversation as the normal chat."""
        if pane.busy:
            self.say(
                QCoreApplication.translate(
                    "CompareController", "This pane is still streaming: stop it first."
                )
            )
            return
        self.storage.flush_settings()
        chat_id = self.storage.continue_pane(pane.session)
        session = pane.session  # not stored: the pane's own session becomes the chat
        self.leave()
        store = self.storage.store
        if chat_id is not None and store is not None:
            session = store.load_session(chat_id)
        self._controller.show_session(session)

    def redraw(self) -> None:
        """The OS switched between light and dark: every pane redraws in the new colours."""
        style = self._window.style_in_use
        for pane in self.panes:
            pane.pane.view.set_style(style)
            pane.pane.set_style(style)
            pane.redraw()
        if self.active and not self.busy:
            self._show_differences()

    def say(self, text: str) -> None:
        self.view.status.setText(text)

    async def wait_idle(self) -> None:
        for pane in list(self.panes):
            await pane.wait_idle()
