"""Settings on disk: one JSON file, kept readable, written atomically as 0600, never a token."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

import platformdirs

from app.core.i18n import translate
from app.storage.limited_read import FileRefused, read_limited
from app.storage.settings_schema import (
    FONT_POINT_SIZES,
    SCHEMA_VERSION,
    Language,
    Settings,
    Theme,
    UiPrefs,
    decode_settings,
    encode_settings,
)

__all__ = [
    "FONT_POINT_SIZES",
    "SCHEMA_VERSION",
    "Language",
    "Settings",
    "SettingsError",
    "SettingsStore",
    "Theme",
    "UiPrefs",
    "default_data_dir",
    "settings_path",
]

# Defence in depth: profiles have no token field, and these are never written even if a newer
# version's file (whose unknown keys are kept) carried one.
#: Settings hold a few profiles (a few KB); anything far larger is not a settings file.
SETTINGS_MAX_BYTES: Final = 1_000_000
_SECRET_KEYS: Final = frozenset({"token", "api_token", "api_key", "gateway_token", "password"})


class SettingsError(RuntimeError):
    """The settings file could not be written; the message says why in plain words."""


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir("LlamaDesk", appauthor=False))


def settings_path(data_dir: Path) -> Path:
    return data_dir / "settings.json"


class SettingsStore:
    """Loads and saves Settings at one path, keeping aside anything it cannot use.

    Rules: a file that cannot be read or parsed is renamed to `settings.json.corrupt-<time>`.
    A file from which a value had to be dropped, or which a newer LlamaDesk wrote, is copied to
    `settings.json.backup-<time>` before the first save replaces it. Saving over a newer file
    keeps its version number, its keys this version does not know, and the value of every key
    the user did not change here; so the newer version finds its own settings again.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[str] = []
        self._found: bytes | None = None  # the file as read, when it must be backed up first
        self._newer: tuple[dict[str, Any], dict[str, Any]] | None = None  # (as found, as read)
        self._blocked = False  # an unreadable file could not be moved aside: never replace it

    @property
    def last_problem(self) -> str | None:
        """What the last load() could not use, for the user; None when all was well."""
        return "\n".join(self.problems) or None

    def load(self) -> Settings:
        self.problems, self._found, self._newer, self._blocked = [], None, None, False
        try:
            data = read_limited(self.path, SETTINGS_MAX_BYTES)
        except FileNotFoundError:
            return Settings()
        except FileRefused as exc:
            return self._set_aside(
                translate("SettingsStore", "could not be read ({reason})").format(reason=exc.reason)
            )
        except OSError as exc:
            return self._set_aside(
                translate("SettingsStore", "could not be read ({value})").format(
                    value=exc.strerror or exc
                )
            )
        try:
            raw = json.loads(data.decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            return self._set_aside(
                translate(
                    "SettingsStore", "is damaged (it may have been cut short or edited by hand)"
                )
            )
        if not isinstance(raw, dict):
            return self._set_aside(translate("SettingsStore", "does not contain settings"))
        settings, self.problems = decode_settings(raw)
        if settings.version > SCHEMA_VERSION:
            self._newer = (raw, encode_settings(settings))
            self.problems.insert(
                0,
                translate(
                    "SettingsStore",
                    "These settings were saved by a newer LlamaDesk (settings version {version}); this version uses what it understands and keeps the rest.",
                ).format(version=settings.version),
            )
        if self.problems:
            self._found = data
        return settings

    def save(self, settings: Settings) -> None:
        """Write atomically; ValueError if load() would reject a value, SettingsError on I/O."""
        data = encode_settings(settings)
        # Validate with the loader itself, so whatever is written loads back unchanged.
        if problems := decode_settings(data)[1]:
            raise ValueError(
                translate("SettingsStore", "Settings not saved: ") + " ".join(problems)
            )
        if self._blocked:
            raise SettingsError(
                translate(
                    "SettingsStore",
                    "Settings not saved: {path} could not be read or moved aside, and LlamaDesk does not write over a file it could not keep a copy of.",
                ).format(path=self.path)
            )
        if self._newer is not None:
            data = _overlay(*self._newer, data)
        if isinstance(data.get("profiles"), list):
            data["profiles"] = [_without_secrets(p) for p in data["profiles"]]
        text = json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
        try:
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            if self._found is not None:
                _write_atomic(self._free_name("backup"), self._found)
            _write_atomic(self.path, text.encode("utf-8"))
        except OSError as exc:
            raise SettingsError(
                translate(
                    "SettingsStore", "Settings could not be saved to {path}: {value}."
                ).format(path=self.path, value=exc.strerror or exc)
            ) from exc
        self._found = None
        if self._newer is not None:
            self._newer = (data, encode_settings(settings))

    def _set_aside(self, reason: str) -> Settings:
        aside = self._free_name("corrupt")
        try:
            self.path.rename(aside)
        except OSError:
            self._blocked = True
            self.problems = [
                translate(
                    "SettingsStore",
                    "The settings file {path} {reason} and could not be moved aside. LlamaDesk started with default settings and will not save over it.",
                ).format(path=self.path, reason=reason)
            ]
        else:
            self.problems = [
                translate(
                    "SettingsStore",
                    "The settings file {reason}. It was kept as {aside} and LlamaDesk started with default settings.",
                ).format(reason=reason, aside=aside)
            ]
        return Settings()

    def _free_name(self, tag: str) -> Path:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        candidate = self.path.with_name(f"{self.path.name}.{tag}-{stamp}")
        n = 1
        while candidate.exists():  # rename would silently replace an earlier copy
            candidate = self.path.with_name(f"{self.path.name}.{tag}-{stamp}-{n}")
            n += 1
        return candidate


def _write_atomic(path: Path, data: bytes) -> None:
    # Same directory, so os.replace is a rename: readers see the old file or the new one, whole.
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(tmp, 0o600)  # mkstemp already uses 0600; say it, in case that ever changes
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    # Persist the rename itself across a power cut; directories cannot be opened on Windows.
    with contextlib.suppress(OSError):
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def _overlay(found: dict[str, Any], read: dict[str, Any], ours: dict[str, Any]) -> dict[str, Any]:
    """A newer file with only the keys changed since it was read replaced by ours."""
    merged = dict(found)
    for key, value in ours.items():
        if key != "version" and value != read.get(key):
            merged[key] = value
    return merged


def _without_secrets(profile: object) -> object:
    if not isinstance(profile, dict):
        return profile
    return {key: value for key, value in profile.items() if key not in _SECRET_KEYS}
