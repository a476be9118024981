"""Opens a reply's Details and Compare replies views, and asks for Replay, for the chat shown."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QDialog, QLabel, QWidget

from app.core.message import ChatMessage
from app.core.provenance import Provenance, RequestUnavailable, SentRequest
from app.core.session import ChatSession
from app.ui.replies.compare_dialog import CompareRepliesDialog
from app.ui.replies.details_dialog import ReplyDetailsDialog

_Dialog = TypeVar("_Dialog", bound=QDialog)


class ReplyTools(QObject):
    """One Details and one Compare view at a time; each opened again shows the newest ask."""

    def __init__(
        self,
        parent: QWidget,
        session: Callable[[], ChatSession],
        replay: Callable[[ChatMessage], None],
        status: QLabel,
        dark: Callable[[], bool],
    ) -> None:
        super().__init__(parent)
        self._parent = parent
        self._session = session
        self._replay = replay
        self._status = status
        self._dark = dark
        self.details: ReplyDetailsDialog | None = None
        self.compare: CompareRepliesDialog | None = None

    def show_details(self, message: ChatMessage) -> None:
        session = self._session()
        which, count = session.versions_of(message) if session.contains(message) else (1, 1)
        title = QCoreApplication.translate("ReplyTools", "Reply details") + (
            QCoreApplication.translate("ReplyTools", " (version {which} of {count})").format(
                which=which, count=count
            )
            if count > 1
            else ""
        )
        sent, unreadable = self._sent(message)
        dialog = ReplyDetailsDialog(
            message,
            title=title,
            replay_of=self._replay_of(message),
            sent=sent,
            unreadable=unreadable,
            parent=self._parent,
        )
        dialog.replay_requested.connect(self._on_details_replay_requested)
        dialog.copied.connect(self._status.setText)
        self.details = self._shown(self.details, dialog)

    def compare_versions(self, message: ChatMessage) -> None:
        """Compare `message` with the version before it (or after, for the first)."""
        session = self._session()
        versions = session.versions(message) if session.contains(message) else [message]
        if len(versions) < 2:
            self._status.setText(
                QCoreApplication.translate(
                    "ReplyTools", "This reply has no other version to compare it with."
                )
            )
            return
        at = versions.index(message)
        left, right = (at - 1, at) if at > 0 else (0, 1)
        dialog = CompareRepliesDialog(
            versions,
            [self._with_bytes(m) for m in versions],
            left=left,
            right=right,
            dark=self._dark(),
            parent=self._parent,
        )
        self.compare = self._shown(self.compare, dialog)

    def set_dark(self, dark: bool) -> None:
        """The OS switched between light and dark: an open comparison redraws its colours."""
        if self.compare is not None:
            self.compare.diff_view.set_dark(dark)

    def _sent(self, message: ChatMessage) -> tuple[SentRequest | None, str]:
        """The reply's request with its bytes (read from the history if need be), or why not."""
        try:
            return self._session().request_of(message), ""
        except RequestUnavailable as exc:
            return None, str(exc)

    def _with_bytes(self, message: ChatMessage) -> Provenance | None:
        """The reply's provenance with its request's bytes where they can be read."""
        provenance = message.provenance
        sent, _ = self._sent(message)
        if provenance is None or sent is None:
            return provenance
        return replace(provenance, request=sent)

    def _shown(self, old: QWidget | None, new: _Dialog) -> _Dialog:
        if old is not None:
            old.close()
        new.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        new.finished.connect(lambda _result: self._on_dialog_finished(new))
        new.open()  # window-modal without a nested event loop: replies keep streaming
        return new

    def _on_dialog_finished(self, dialog: QDialog) -> None:
        """Closed (and about to be deleted): forget it."""
        if self.details is dialog:
            self.details = None
        if self.compare is dialog:
            self.compare = None

    def _replay_of(self, message: ChatMessage) -> str | None:
        provenance = message.provenance
        if provenance is None or provenance.replay_of is None:
            return None
        session = self._session()
        original = session.find(provenance.replay_of)
        if original is None or not session.contains(message):
            return None
        if session.parent_of(original) is session.parent_of(message):
            which, _ = session.versions_of(original)
            return QCoreApplication.translate("ReplyTools", "version {which} of this reply").format(
                which=which
            )
        return QCoreApplication.translate("ReplyTools", "another reply")

    def _on_details_replay_requested(self, message: ChatMessage) -> None:
        if not self._session().contains(message):
            self._status.setText(
                QCoreApplication.translate(
                    "ReplyTools", "That reply's chat is no longer open: open it to replay it."
                )
            )
            return
        self._replay(message)
