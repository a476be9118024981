"""Writing a user's file whole or not at all: a temporary file beside it, fsync, then rename."""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from pathlib import Path

#: A new file's mode before the umask, as open() and every editor use.
_NEW_FILE_MODE = 0o666


def write_text_atomically(path: Path, text: str) -> None:
    """Readers see the old file or the new one, whole; OSError (nothing changed) otherwise.

    A new file gets the usual permissions (0666 less the umask); a file written over keeps
    its own. A symbolic link is followed: the file it names is replaced, the link stays.
    """
    target = Path(os.path.realpath(path.expanduser()))
    try:
        kept_mode: int | None = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        kept_mode = None
    # The temporary file is made by open() itself, so the kernel applies the umask (mkstemp
    # would make it 0600, and reading the umask means changing it, for every thread).
    tmp = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, _NEW_FILE_MODE)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as file:
            if kept_mode is not None:
                os.fchmod(file.fileno(), kept_mode)
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _sync_folder(target.parent)


def _sync_folder(folder: Path) -> None:
    """The rename itself survives a power cut once the folder is synced (best effort)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
