"""Reading a whole file into memory, bounded: regular files only, and never more than a limit.

A path the user picks (an import) or finds in the data folder (settings) may be a device
(/dev/zero never ends), a FIFO (opening it waits for a writer), or a file of gigabytes. Each is
refused with a sentence before more than `max_bytes` + 1 bytes are read.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from app.core.i18n import translate


class FileRefused(OSError):
    """The file was not read; `reason` completes "<name> could not be read: …"."""

    def __init__(self, path: Path, reason: str, *, too_large: bool = False) -> None:
        super().__init__(reason)
        self.path = path
        self.reason = reason
        self.too_large = too_large  # a regular file past the limit (callers may say more)

    def __str__(self) -> str:
        return self.reason


def read_limited(path: Path, max_bytes: int) -> bytes:
    """The file's bytes; FileRefused if it is not a regular file or holds more than `max_bytes`.

    Other OSErrors (missing, permission denied) pass through unchanged.
    """
    # O_NONBLOCK: a FIFO opens at once instead of waiting for a writer; fstat then refuses it.
    # On a regular file the flag changes nothing.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise FileRefused(
                path,
                translate("LimitedRead", "it is {kind}, not a file").format(
                    kind=_kind(info.st_mode)
                ),
            )
        if info.st_size > max_bytes:
            raise FileRefused(path, _too_large(info.st_size, max_bytes), too_large=True)
        chunks: list[bytes] = []
        total = 0
        while total <= max_bytes:  # the size may lie (a file still growing, /proc): count
            chunk = os.read(fd, min(1 << 20, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > max_bytes:
            raise FileRefused(path, _too_large(total, max_bytes, at_least=True), too_large=True)
        return b"".join(chunks)
    finally:
        os.close(fd)


def size_text(size: int) -> str:
    """A byte count as people say it: 512 bytes, 3.2 KB, 64 MB, 2.1 GB."""
    value = float(size)
    for unit in ("bytes", "KB", "MB", "GB"):
        if value < 1000 or unit == "GB":
            return f"{int(value)} {unit}" if unit == "bytes" else f"{value:.3g} {unit}"
        value /= 1000
    raise AssertionError("unreachable")


def _too_large(size: int, limit: int, *, at_least: bool = False) -> str:
    if at_least:  # only counted up to the limit
        return translate(
            "LimitedRead", "it is too large (over {size_text}, the most LlamaDesk reads)"
        ).format(size_text=size_text(limit))
    return translate(
        "LimitedRead", "it is too large ({size_text}; LlamaDesk reads at most {size_text2})"
    ).format(size_text=size_text(size), size_text2=size_text(limit))


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return translate("LimitedRead", "a folder")
    if stat.S_ISFIFO(mode):
        return translate("LimitedRead", "a pipe")
    if stat.S_ISSOCK(mode):
        return translate("LimitedRead", "a socket")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return translate("LimitedRead", "a device")
    return translate("LimitedRead", "a special file")
