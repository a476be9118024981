"""One LlamaDesk per data folder: a second start brings the running window forward and exits.

Why not let two instances share the folder: each writes settings.json (the last to quit wins),
each one's start-up crash recovery takes the other's streaming replies for crashed ones and marks
them interrupted, and neither sidebar would show what the other stores. Making them cooperate
would need per-reply leases across processes and change notification; the usual desktop
behaviour (one window, brought forward when started again) is simpler and what users expect.

How: a QLockFile `llamadesk.lock` in the data folder holds the owner's PID. Qt takes over a lock
whose process is gone (kill -9, a crash, a reboot), so a stale lock never blocks the next start.
The owner listens on a local socket named after the folder; a second start connects and sends
`raise`. The socket lives in Linux's abstract namespace where available, so it vanishes with its
process; a lock whose owner never answers the socket (its PID reused by another program) is
stale too and taken over. `llamadesk ask` never touches the data folder and is not affected.
"""

from __future__ import annotations

import hashlib
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Final

from PySide6.QtCore import QDeadlineTimer, QLockFile, QObject, QSysInfo, QThread
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QWidget

LOCK_NAME: Final = "llamadesk.lock"
_RAISE: Final = b"raise\n"
_RAISED: Final = b"raised\n"
_MAX_REQUEST_BYTES: Final = 64
#: Linux's abstract socket namespace: no file, gone when the process is (even after kill -9).
_ABSTRACT: Final = sys.platform.startswith("linux")


class Forwarded(Enum):
    RAISED = "raised"  # the running instance brought its window forward
    NO_ANSWER = "no answer"  # it is running (it accepted the connection) but did not answer
    GONE = "gone"  # nobody listens: the lock was stale after all


class SingleInstance(QObject):
    """The lock on one data folder and, while held, the socket a second start talks to."""

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.server_name = server_name(data_dir)
        self._lock = QLockFile(str(data_dir / LOCK_NAME))
        self._lock.setStaleLockTime(0)  # stale only when its process is gone, never by age
        self._server: QLocalServer | None = None
        self._window: QWidget | None = None

    def acquire(self) -> bool:
        """True when this process may use the folder: it holds the lock, or the folder cannot
        hold one (missing rights, a file in its place: nothing can be saved there either, so a
        second instance can do no harm). False: another LlamaDesk is running on it."""
        try:
            self.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError:
            return True
        if self._lock.tryLock(0):
            self._listen()
            return True
        return self._lock.error() != QLockFile.LockError.LockFailedError

    def take_over(self) -> bool:
        """After `forward` found nobody listening: the lock's PID belongs to another program.

        Not a lock taken on another computer (a shared network folder): its owner may be alive.
        """
        info = self._lock.getLockInfo()  # (pid, host, app name)
        host = info[1] if isinstance(info, tuple) and len(info) > 1 else ""
        if host and host != QSysInfo.machineHostName():
            return False
        self._lock.removeStaleLockFile()
        return self.acquire()

    @property
    def owner_pid(self) -> int | None:
        info = self._lock.getLockInfo()  # (pid, host, app name); pid 0 when unreadable
        pid = int(info[0]) if isinstance(info, tuple) and info else 0
        return pid or None

    def forward(self, timeout_ms: int = 3000) -> Forwarded:
        """Ask the running instance to bring its window forward; blocks at most `timeout_ms`.

        Called before any event loop runs. The owner listens within milliseconds of taking the
        lock, so a server not found yet is retried until the deadline.
        """
        deadline = QDeadlineTimer(timeout_ms)
        socket = QLocalSocket()
        if _ABSTRACT:
            socket.setSocketOptions(QLocalSocket.SocketOption.AbstractNamespaceOption)
        while True:
            socket.connectToServer(self.server_name)
            if socket.waitForConnected(max(1, min(200, deadline.remainingTime()))):
                break
            socket.abort()
            if deadline.hasExpired():
                return Forwarded.GONE
            QThread.msleep(50)  # not found (yet): no event loop runs here, so pause, then retry
        socket.write(_RAISE)
        socket.waitForBytesWritten(max(1, deadline.remainingTime()))
        while socket.bytesAvailable() < len(_RAISED) and not deadline.hasExpired():
            if not socket.waitForReadyRead(max(1, deadline.remainingTime())):
                break
        answer = bytes(socket.readAll().data())
        socket.abort()
        return Forwarded.RAISED if answer.startswith(_RAISED) else Forwarded.NO_ANSWER

    def serve(self, window: QWidget) -> None:
        """The window a second start brings forward."""
        self._window = window

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        self._lock.unlock()

    def _listen(self) -> None:
        server = QLocalServer(self)
        server.setSocketOptions(
            QLocalServer.SocketOption.AbstractNamespaceOption
            if _ABSTRACT
            else QLocalServer.SocketOption.UserAccessOption
        )
        server.setMaxPendingConnections(4)
        if not server.listen(self.server_name):
            # A socket file left by a killed owner (no abstract namespace here): we hold the
            # lock, so it is stale. Without a server a second start still cannot run: it waits
            # for the lock's owner, then says it did not answer.
            QLocalServer.removeServer(self.server_name)
            if not server.listen(self.server_name):
                return
        server.newConnection.connect(self._on_server_new_connection)
        self._server = server

    def _on_server_new_connection(self) -> None:
        assert self._server is not None
        while (socket := self._server.nextPendingConnection()) is not None:
            socket.readyRead.connect(lambda s=socket: self._on_socket_ready_read(s))
            socket.disconnected.connect(socket.deleteLater)

    def _on_socket_ready_read(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine() and socket.bytesAvailable() < _MAX_REQUEST_BYTES:
            return  # the rest of the line is still coming
        request = bytes(socket.read(_MAX_REQUEST_BYTES).data())
        if request.startswith(_RAISE):
            if self._window is not None:  # else it is still being built, and opens on top
                bring_forward(self._window)
            socket.write(_RAISED)
            socket.flush()
        socket.disconnectFromServer()


def bring_forward(window: QWidget) -> None:
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()


def server_name(data_dir: Path) -> str:
    """Per user and folder, short enough for any platform's socket path limit."""
    digest = hashlib.sha256(str(data_dir.resolve()).encode("utf-8", "surrogateescape"))
    user = os.getuid() if hasattr(os, "getuid") else 0
    return f"llamadesk-{user}-{digest.hexdigest()[:20]}"
