"""The settings schema: typed sections with defaults, and their JSON encoding and validation."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from enum import StrEnum
from typing import Any, Final, TypeVar

from app.core.params import SPEC_BY_NAME, ParameterError, SamplingParams
from app.core.profiles import EndpointProfile, ProfileError, TokenSource
from app.core.prompts.rules import spec_to_json, specs_from_json
from app.core.prompts.variables import VariableSpec
from app.core.request import PromptMode

#: Raise it when a key changes meaning (and rename that key); adding a key needs no bump.
SCHEMA_VERSION: Final = 1
FONT_POINT_SIZES: Final = range(6, 73)  # or 0 for the system font size
MAX_USER_NAME_CHARS: Final = 200
_T = TypeVar("_T")
_E = TypeVar("_E", bound=StrEnum)


class Theme(StrEnum):
    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"
    HIGH_CONTRAST = "high-contrast"


class Language(StrEnum):
    """The window's language: the OS's (when LlamaDesk has it), or one chosen in View ▸ Language."""

    SYSTEM = "system"
    ENGLISH = "en"
    GERMAN = "de"


@dataclass
class UiPrefs:
    font_point_size: int = 0  # 0: the system default
    window_geometry: str = ""  # base64 of QWidget.saveGeometry()
    splitter_state: str = ""  # base64 of QSplitter.saveState()
    theme: str = Theme.SYSTEM  # a Theme value; plain text is accepted, save() checks it
    open_compare: int = 0  # the compare on screen at quit (its history id), reopened; 0: none
    language: str = Language.SYSTEM  # a Language value; read at start (a change needs a restart)
    simple_mode: bool | None = None  # the View menu's switch; None: never chosen (policy decides)


@dataclass
class Settings:
    """Everything LlamaDesk remembers between runs except tokens (keyring) and chats (history)."""

    version: int = SCHEMA_VERSION  # of the file it was loaded from; may be newer than ours
    profiles: list[EndpointProfile] = field(default_factory=list)
    active_profile_id: str = ""
    system_prompt: str = ""
    variables: tuple[VariableSpec, ...] = ()  # the {{variables}} the default prompt declares
    params: SamplingParams = field(default_factory=SamplingParams)
    prompt_mode: str = PromptMode.CHAT  # a PromptMode value; plain text accepted, save() checks
    ui: UiPrefs = field(default_factory=UiPrefs)
    welcome_done: bool = False
    user_name: str = ""  # what {{user_name}} says; "" = the login name

    def active_profile(self) -> EndpointProfile | None:
        """The chosen profile, else the first one (a stale id must not leave the user stuck)."""
        for profile in self.profiles:
            if profile.id == self.active_profile_id:
                return profile
        return self.profiles[0] if self.profiles else None


def encode_settings(settings: Settings) -> dict[str, Any]:
    """The JSON form; raises ProfileError for a profile that would not load back."""
    ui = settings.ui
    profiles = [profile.validated() for profile in settings.profiles]
    # A deleted profile may still be named active; store "" (the first one) rather than refuse.
    active = (
        settings.active_profile_id
        if any(p.id == settings.active_profile_id for p in profiles)
        else ""
    )
    return {
        "version": SCHEMA_VERSION,
        # Field by field from the dataclass, which has no token field: nothing else can slip in.
        "profiles": [{f.name: str(getattr(p, f.name)) for f in fields(p)} for p in profiles],
        "active_profile_id": active,
        "system_prompt": settings.system_prompt,
        "variables": [spec_to_json(spec) for spec in settings.variables],
        "params": settings.params.to_payload(),
        "prompt_mode": str(settings.prompt_mode),
        "ui": {
            "font_point_size": ui.font_point_size,
            "window_geometry": ui.window_geometry,
            "splitter_state": ui.splitter_state,
            "theme": str(ui.theme),
            "open_compare": ui.open_compare,
            "language": str(ui.language),
            "simple_mode": ui.simple_mode,
        },
        "welcome_done": settings.welcome_done,
        "user_name": settings.user_name,
    }


def decode_settings(raw: dict[str, Any]) -> tuple[Settings, list[str]]:
    """Settings from a parsed file, and what had to be dropped or reset, in plain words."""
    decoder = _Decoder()
    return decoder.settings(raw), decoder.problems


class _Decoder:
    """Reads a settings dict field by field; a bad value becomes the default and a problem."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def settings(self, raw: dict[str, Any]) -> Settings:
        version = raw.get("version", 1)  # files from before versioning are version 1
        if not _is_int(version) or version < 1:
            self._bad("version", "a whole number of at least 1")
            version = SCHEMA_VERSION
        profiles = self._profiles(raw.get("profiles", []))
        active = self._take(raw, "active_profile_id", str, "", "text")
        if active and active not in {p.id for p in profiles}:
            self.problems.append("The chosen endpoint no longer exists; the first one is used.")
            active = ""
        return Settings(
            version=version,
            profiles=profiles,
            active_profile_id=active,
            system_prompt=self._take(raw, "system_prompt", str, "", "text"),
            variables=self._variables(raw.get("variables", [])),
            params=self._params(raw.get("params", {})),
            prompt_mode=self._enum(raw, "prompt_mode", PromptMode, PromptMode.CHAT),
            ui=self._ui(raw.get("ui", {})),
            welcome_done=self._take(raw, "welcome_done", bool, False, "true or false"),
            user_name=self._user_name(raw),
        )

    def _variables(self, raw: object) -> tuple[VariableSpec, ...]:
        if not isinstance(raw, list):
            self._bad("variables", "a list of variable declarations")
            return ()
        specs = specs_from_json(raw)
        if len(specs) != len(raw):
            self.problems.append(
                "Some {{variables}} of the default system prompt could not be read and were "
                "dropped; declare them again (Variables…)."
            )
        return specs

    def _user_name(self, raw: dict[str, Any]) -> str:
        name = self._take(raw, "user_name", str, "", "text")
        if not user_name_fits(name):
            self._bad("user_name", f"one line of at most {MAX_USER_NAME_CHARS} characters")
            return ""
        return name

    def _profiles(self, raw: object) -> list[EndpointProfile]:
        if not isinstance(raw, list):
            self._bad("profiles", "a list of endpoints")
            return []
        profiles: list[EndpointProfile] = []
        for number, item in enumerate(raw, 1):
            if not isinstance(item, dict):
                self.problems.append(f"Endpoint {number} was not understood and was skipped.")
                continue
            label = f"“{item['name']}”" if isinstance(item.get("name"), str) else str(number)
            values = {}
            for f in fields(EndpointProfile):
                if isinstance(item.get(f.name), str):
                    values[f.name] = item[f.name]
                elif f.name in item:
                    self.problems.append(
                        f"Endpoint {label}: “{f.name}” must be text; the default is used."
                    )
            if values.get("token_source", TokenSource.KEYRING) not in set(TokenSource):
                self.problems.append(
                    f"Endpoint {label}: unknown token source; the keyring is used."
                )
                values["token_source"] = TokenSource.KEYRING
            try:
                profile = EndpointProfile(**values).validated()
            except TypeError:  # a required field (id, name, kind) is missing or not text
                self.problems.append(f"Endpoint {label} is incomplete and was skipped.")
                continue
            except ProfileError as exc:
                self.problems.append(f"Endpoint {label} was skipped: {exc.message}")
                continue
            if profile.id in {p.id for p in profiles}:
                self.problems.append(f"Endpoint {label} repeats another one's id; skipped.")
                continue
            profiles.append(profile)
        return profiles

    def _params(self, raw: object) -> SamplingParams:
        if not isinstance(raw, dict):
            self._bad("params", "a table of parameter values")
            return SamplingParams()
        kept: dict[str, int | float] = {}
        for name, value in raw.items():
            if name not in SPEC_BY_NAME:
                continue  # a parameter from a newer version, or a typo: ignored
            try:
                kept[name] = getattr(SamplingParams(**{name: value}).validated(), name)
            except ParameterError as exc:
                self.problems.append(f"The saved {exc}; the server default is used.")
        return SamplingParams(**kept)  # type: ignore[arg-type]

    def _ui(self, raw: object) -> UiPrefs:
        if not isinstance(raw, dict):
            self._bad("ui", "a table of display preferences")
            return UiPrefs()
        size = self._take(raw, "font_point_size", int, 0, "a whole number", "ui.")
        if size != 0 and size not in FONT_POINT_SIZES:
            self._bad("ui.font_point_size", "0 (system size) or a point size from 6 to 72")
            size = 0
        return UiPrefs(
            font_point_size=size,
            window_geometry=self._take(raw, "window_geometry", str, "", "text", "ui."),
            splitter_state=self._take(raw, "splitter_state", str, "", "text", "ui."),
            theme=self._enum(raw, "theme", Theme, Theme.SYSTEM, "ui."),
            open_compare=self._open_compare(raw),
            language=self._enum(raw, "language", Language, Language.SYSTEM, "ui."),
            simple_mode=self._simple_mode(raw),
        )

    def _simple_mode(self, raw: dict[str, Any]) -> bool | None:
        value = raw.get("simple_mode")
        if value is None or isinstance(value, bool):
            return value
        self._bad("ui.simple_mode", "true, false or null (not chosen)")
        return None

    def _open_compare(self, raw: dict[str, Any]) -> int:
        compare_id = self._take(raw, "open_compare", int, 0, "a whole number", "ui.")
        if not 0 <= compare_id < 2**63:  # a history row id is a positive 64-bit integer
            self._bad("ui.open_compare", "0 (none) or the id of a saved compare")
            return 0
        return compare_id

    def _take(
        self,
        raw: dict[str, Any],
        key: str,
        kind: type[_T],
        default: _T,
        what: str,
        section: str = "",
    ) -> _T:
        value = raw.get(key, default)
        # bool is an int subclass, but `"font_point_size": true` is a mistake, not 1.
        if isinstance(value, kind) and (kind is bool or not isinstance(value, bool)):
            return value
        self._bad(section + key, what)
        return default

    def _enum(
        self, raw: dict[str, Any], key: str, kind: type[_E], default: _E, section: str = ""
    ) -> _E:
        value = raw.get(key, default)
        if isinstance(value, str) and value in {m.value for m in kind}:
            return kind(value)
        self._bad(section + key, "one of " + ", ".join(m.value for m in kind))
        return default

    def _bad(self, key: str, expected: str) -> None:
        self.problems.append(f"The setting “{key}” must be {expected}; the default is used.")


def user_name_fits(name: str) -> bool:
    """A name for {{user_name}}: one line, short (it goes into every prompt that uses it)."""
    return len(name) <= MAX_USER_NAME_CHARS and "\n" not in name and "\r" not in name


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
