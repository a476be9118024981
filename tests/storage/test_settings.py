"""The settings store on real temp dirs: round trip, damaged and newer files, atomic 0600 writes."""

from __future__ import annotations

import dataclasses
import json
import os
import sys
from pathlib import Path
from typing import Any

import platformdirs
import pytest

from app.core.params import SamplingParams
from app.core.profiles import EndpointKind, TokenSource, local_profile, workers_ai_profile
from app.core.prompts.variables import VariableSpec, VarType
from app.core.request import PromptMode
from app.storage.secrets import MemorySecretStore
from app.storage.settings import (
    SCHEMA_VERSION,
    Language,
    Settings,
    SettingsError,
    SettingsStore,
    Theme,
    UiPrefs,
    default_data_dir,
    settings_path,
)

POSIX = sys.platform != "win32"


def full_settings() -> Settings:
    cloud = workers_ai_profile("acc1", gateway_id="gw")
    local = local_profile("127.0.0.1:8000", model="llama", token_source=TokenSource.NONE)
    return Settings(
        profiles=[cloud, local],
        active_profile_id=local.id,
        system_prompt="Réponds en français.\nBe brief.",
        params=SamplingParams(max_tokens=300, temperature=0.2, seed=42, top_k=5),
        prompt_mode=PromptMode.RAW,
        ui=UiPrefs(
            font_point_size=13,
            window_geometry="AdnQywAD",
            splitter_state="AAAA/w==",
            theme=Theme.DARK,
            language=Language.GERMAN,
            simple_mode=True,
        ),
        welcome_done=True,
        user_name="Ada Lovelace",
        variables=(
            VariableSpec("tone", VarType.CHOICE, "Tone", "warm", "How it sounds", ("warm", "dry")),
            VariableSpec("notes", VarType.LONG_TEXT),
        ),
    )


def store_at(tmp_path: Path) -> SettingsStore:
    return SettingsStore(settings_path(tmp_path / "data"))


def write_raw(store: SettingsStore, raw: Any) -> None:
    store.path.parent.mkdir(parents=True, exist_ok=True)
    store.path.write_text(json.dumps(raw), encoding="utf-8")


def leftovers(store: SettingsStore, tag: str) -> list[Path]:
    return sorted(store.path.parent.glob(f"*{tag}*"))


def test_a_bad_variable_declaration_is_dropped_and_the_rest_kept(tmp_path: Path) -> None:
    store = store_at(tmp_path)
    store.save(full_settings())
    raw = json.loads(store.path.read_text())
    raw["variables"].insert(0, {"name": "two words"})
    raw["variables"].insert(1, {"name": "listed", "type": ["text"]})  # unhashable: no TypeError
    raw["variables"].append("not a declaration")
    write_raw(store, raw)
    assert store.load().variables == full_settings().variables
    assert "could not be read and were dropped" in (store.last_problem or "")


def test_paths() -> None:
    data = default_data_dir()
    assert data == Path(platformdirs.user_data_dir("LlamaDesk", appauthor=False))
    assert settings_path(data) == data / "settings.json"


def test_missing_file_gives_defaults_and_no_problem(tmp_path: Path) -> None:
    store = store_at(tmp_path)
    settings = store.load()
    assert settings == Settings()
    assert settings.version == SCHEMA_VERSION
    assert settings.active_profile() is None
    assert store.last_problem is None


def test_round_trip_is_equal_and_readable(tmp_path: Path) -> None:
    store = store_at(tmp_path)
    original = full_settings()
    store.save(original)  # also creates the missing data directory
    assert store_at(tmp_path).load() == original
    text = store.path.read_text(encoding="utf-8")
    assert text == json.dumps(json.loads(text), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    assert "Réponds" in text
    assert json.loads(text)["params"] == {
        "max_tokens": 300,
        "temperature": 0.2,
        "seed": 42,
        "top_k": 5,
    }


def test_active_profile_falls_back_to_the_first(tmp_path: Path) -> None:
    settings = full_settings()
    assert settings.active_profile() == settings.profiles[1]
    settings.active_profile_id = "deleted"
    assert settings.active_profile() == settings.profiles[0]
    store = store_at(tmp_path)
    store.save(settings)  # a stale id is stored as "" rather than refused
    assert json.loads(store.path.read_text())["active_profile_id"] == ""


@pytest.mark.skipif(not POSIX, reason="POSIX file modes")
def test_file_is_private(tmp_path: Path) -> None:
    store = store_at(tmp_path)
    store.path.parent.mkdir()
    store.path.write_text("{}")
    store.path.chmod(0o644)
    store.save(full_settings())
    assert store.path.stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize(
    "damage",
    [
        b'{"version": 1, "system_prompt": "unterminated',
        b"\xff\xfe not utf-8",
        b"",
        b"[1, 2, 3]",
        b'"just a string"',
        b"[" * 100_000,
    ],
    ids=["syntax", "bytes", "empty", "list", "string", "deep"],
)
def test_damaged_file_is_kept_aside_and_defaults_are_used(tmp_path: Path, damage: bytes) -> None:
    store = store_at(tmp_path)
    store.path.parent.mkdir()
    store.path.write_bytes(damage)
    assert store.load() == Settings()
    [aside] = leftovers(store, "corrupt-")
    assert aside.read_bytes() == damage
    assert not store.path.exists()
    assert store.last_problem is not None
    assert aside.name in store.last_problem and "default settings" in store.last_problem
    store.save(full_settings())  # saving afterwards never touches the kept copy
    assert aside.read_bytes() == damage


def test_truncated_file_is_kept_aside(tmp_path: Path) -> None:
    store = store_at(tmp_path)
    store.save(full_settings())
    whole = store.path.read_bytes()
    store.path.write_bytes(whole[: len(whole) // 2])
    assert store.load() == Settings()
    [aside] = leftovers(store, "corrupt-")
    assert aside.read_bytes() == whole[: len(whole) // 2]
    assert "damaged" in (store.last_problem or "")


def test_two_damaged_files_in_one_second_are_both_kept(tmp_path: Path) -> None:
    store = store_at(tmp_path)
    store.path.parent.mkdir()
    for damage in (b"{", b"}"):
        store.path.write_bytes(damage)
        store.load()
    assert sorted(p.read_bytes() for p in leftovers(store, "corrupt-")) == [b"{", b"}"]


def test_file_that_cannot_be_moved_aside_is_never_overwritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = store_at(tmp_path)
    store.path.parent.mkdir()
    store.path.write_bytes(b"{damaged")

    def refuse(self: Path, target: Path) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "rename", refuse)
    assert store.load() == Settings()
    assert "will not save over it" in (store.last_problem or "")
    with pytest.raises(SettingsError, match="could not keep a copy"):
        store.save(Settings())
    assert store.path.read_bytes() == b"{damaged"


def test_unreadable_path_is_kept_aside(tmp_path: Path) -> None:
    store = store_at(tmp_path)
    store.path.mkdir(parents=True)  # a directory where the file should be
    assert store.load() == Settings()
    [aside] = leftovers(store, "corrupt-")
    assert aside.is_dir()
    assert "could not be read" in (store.last_problem or "")


@pytest.mark.parametrize(
    ("key", "bad", "words"),
    [
        ("version", "one", "“version”"),
        ("version", 0, "“version”"),
        ("profiles", {"a": 1}, "“profiles”"),
        ("active_profile_id", 7, "“active_profile_id”"),
        ("system_prompt", ["x"], "“system_prompt”"),
        ("params", [0.5], "“params”"),
        ("prompt_mode", "poetry", "one of chat, unscoped, raw"),
        ("ui", "dark", "“ui”"),
        ("welcome_done", "yes", "true or false"),
        ("welcome_done", 1, "true or false"),
        ("user_name", 5, "“user_name”"),
        ("variables", {"tone": "warm"}, "“variables”"),
        ("user_name", "Ada\nLovelace", "one line of at most 200"),
        ("user_name", "A" * 201, "one line of at most 200"),
    ],
)
def test_wrong_value_resets_only_that_field(
    tmp_path: Path, key: str, bad: object, words: str
) -> None:
    store = store_at(tmp_path)
    original = full_settings()
    store.save(original)
    raw = json.loads(store.path.read_text())
    raw[key] = bad
    write_raw(store, raw)
    expected = dataclasses.replace(original, **{key: getattr(Settings(), key)})
    if key == "profiles":
        expected.active_profile_id = ""  # its profile went with the list
    assert store.load() == expected
    assert words in (store.last_problem or "")
    assert not leftovers(store, "corrupt-")


@pytest.mark.parametrize(
    ("key", "bad", "words"),
    [
        ("font_point_size", "12", "“ui.font_point_size”"),
        ("font_point_size", 500, "point size from 6 to 72"),
        ("font_point_size", True, "“ui.font_point_size”"),
        ("window_geometry", 12, "“ui.window_geometry”"),
        ("splitter_state", None, "“ui.splitter_state”"),
        ("theme", "sepia", "one of system, light, dark, high-contrast"),
        ("language", "fr", "one of system, en, de"),
        ("language", 7, "“ui.language”"),
        ("open_compare", "12", "“ui.open_compare”"),
        ("open_compare", -3, "the id of a saved compare"),
        ("open_compare", 2**70, "the id of a saved compare"),
        ("simple_mode", "yes", "“ui.simple_mode”"),
        ("simple_mode", 1, "true, false or null"),
    ],
)
def test_wrong_ui_value_resets_only_that_preference(
    tmp_path: Path, key: str, bad: object, words: str
) -> None:
    store = store_at(tmp_path)
    original = full_settings()
    store.save(original)
    raw = json.loads(store.path.read_text())
    raw["ui"][key] = bad
    write_raw(store, raw)
    loaded = store.load()
    assert getattr(loaded.ui, key) == getattr(UiPrefs(), key)
    for other in ("font_point_size", "window_geometry", "splitter_state", "theme", "language"):
        if other != key:
            assert getattr(loaded.ui, other) == getattr(original.ui, other)
    assert loaded.profiles == original.profiles and loaded.params == original.params
    assert words in (store.last_problem or "")


def test_bad_parameter_drops_just_that_parameter(tmp_path: Path) -> None:
    store = store_at(tmp_path)
    write_raw(
        store,
        {
            "version": 1,
            "params": {
                "temperature": 9,
                "top_k": 2.5,
                "seed": True,
                "max_tokens": 200.0,
                "top_p": 1,
                "min_p": 0.1,
            },
        },
    )
    params = store.load().params
    assert params == SamplingParams(max_tokens=200, top_p=1.0)
    assert isinstance(params.max_tokens, int) and isinstance(params.top_p, float)
    problem = store.last_problem or ""
    for name in ("temperature", "top_k", "seed"):
        assert name in problem
    assert "min_p" not in problem  # unknown keys are ignored, not complained about


def test_a_number_past_what_a_float_holds_drops_just_that_parameter(tmp_path: Path) -> None:
    store = store_at(tmp_path)
    store.path.parent.mkdir(parents=True, exist_ok=True)
    huge = "1" + "0" * 400  # json reads it as an int; float() of it overflows
    store.path.write_text(f'{{"version": 1, "params": {{"seed": {huge}, "top_k": 3}}}}')
    assert store.load().params == SamplingParams(top_k=3)
    problem = store.last_problem or ""
    assert "seed must be a whole number from 1 to 9999999999" in problem
    assert huge not in problem


def test_bad_profiles_are_skipped_good_ones_kept(tmp_path: Path) -> None:
    good = workers_ai_profile("acc1")
    store = store_at(tmp_path)
    store.save(Settings(profiles=[good], active_profile_id=good.id))
    raw = json.loads(store.path.read_text())
    entry = raw["profiles"][0]
    raw["profiles"] += [
        "not a profile",
        {**entry, "id": "p2", "name": "Future", "kind": "anthropic"},
        {**entry, "id": "p3", "name": "No account", "account_id": ""},
        {**entry, "id": "p4", "name": "Odd fields", "gateway_id": 5, "token_source": "vault"},
        {**entry, "name": "Twin"},
        {"name": "Bare"},
    ]
    write_raw(store, raw)
    loaded = store.load()
    assert [p.name for p in loaded.profiles] == [good.name, "Odd fields"]
    odd = loaded.profiles[1]
    assert (odd.gateway_id, odd.token_source, odd.account_id) == ("", TokenSource.KEYRING, "acc1")
    assert loaded.active_profile() == good
    problem = store.last_problem or ""
    for words in (
        "Endpoint 2 was not understood",
        "“Future” was skipped: Unknown endpoint type",
        "“No account” was skipped: Enter your Cloudflare account ID",
        "“Odd fields”: “gateway_id” must be text",
        "unknown token source",
        "“Twin” repeats",
        "“Bare” is incomplete",
    ):
        assert words in problem


def test_missing_active_profile_is_reported(tmp_path: Path) -> None:
    store = store_at(tmp_path)
    write_raw(store, {"version": 1, "profiles": [], "active_profile_id": "gone"})
    assert store.load().active_profile_id == ""
    assert "no longer exists" in (store.last_problem or "")


def test_file_with_dropped_values_is_backed_up_before_first_save(tmp_path: Path) -> None:
    store = store_at(tmp_path)
    write_raw(store, {"version": 1, "system_prompt": "hi", "prompt_mode": "poetry"})
    before = store.path.read_bytes()
    settings = store.load()
    assert not leftovers(store, "backup-")  # loading alone writes nothing
    store.save(settings)
    [backup] = leftovers(store, "backup-")
    assert backup.read_bytes() == before
    store.save(settings)
    assert len(leftovers(store, "backup-")) == 1  # one copy, not one per save


def test_unknown_keys_of_this_version_are_ignored_and_not_kept(tmp_path: Path) -> None:
    store = store_at(tmp_path)
    write_raw(
        store,
        {
            "version": 1,
            "system_prompt": "hi",
            "plugins": ["x"],
            "ui": {"theme": "light", "toolbar": "top"},
        },
    )
    settings = store.load()
    assert settings == Settings(system_prompt="hi", ui=UiPrefs(theme=Theme.LIGHT))
    assert store.last_problem is None
    store.save(settings)
    raw = json.loads(store.path.read_text())
    assert "plugins" not in raw and "toolbar" not in raw["ui"]
    assert not leftovers(store, "backup-")


def test_newer_version_keeps_its_number_its_keys_and_untouched_values(tmp_path: Path) -> None:
    store = store_at(tmp_path)
    future_profile = {"id": "f1", "name": "Ollama", "kind": "ollama", "base_url": "http://h"}
    newer = {
        "version": SCHEMA_VERSION + 1,
        "system_prompt": "from the future",
        "plugins": {"spell": True},
        "profiles": [future_profile],
        "ui": {"theme": "sepia", "font_point_size": 14, "toolbar": "top"},
        "welcome_done": True,
    }
    write_raw(store, newer)
    settings = store.load()
    assert settings.version == SCHEMA_VERSION + 1
    assert settings.system_prompt == "from the future" and settings.welcome_done
    assert settings.profiles == [] and settings.ui.theme is Theme.SYSTEM
    assert "newer LlamaDesk" in (store.last_problem or "")
    settings.system_prompt = "changed here"
    store.save(settings)
    raw = json.loads(store.path.read_text())
    assert raw["version"] == SCHEMA_VERSION + 1  # never downgraded
    assert raw["system_prompt"] == "changed here"
    assert raw["plugins"] == {"spell": True}
    assert raw["profiles"] == [future_profile]  # not understood, not changed: kept as found
    assert raw["ui"] == newer["ui"]
    [backup] = leftovers(store, "backup-")
    assert json.loads(backup.read_text()) == newer
    settings.ui.font_point_size = 16
    store.save(settings)  # later saves keep merging over what is now on disk
    raw = json.loads(store.path.read_text())
    assert raw["ui"]["font_point_size"] == 16 and raw["system_prompt"] == "changed here"
    assert raw["plugins"] == {"spell": True} and raw["version"] == SCHEMA_VERSION + 1


def test_token_never_reaches_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    token = "cf-TOKEN-0123456789abcdef"
    cloud = workers_ai_profile("acc1")
    env = local_profile("127.0.0.1:8000", token_source=TokenSource.ENVIRONMENT)
    secrets = MemorySecretStore()
    secrets.set(cloud.secret_name(), token)
    monkeypatch.setenv(env.token_env_name(), token + "-env")
    store = store_at(tmp_path)
    store.save(Settings(profiles=[cloud, env], system_prompt="hello"))
    for path in store.path.parent.rglob("*"):
        assert b"cf-TOKEN" not in path.read_bytes(), path
    assert secrets.get(cloud.secret_name()) == token  # it was there to leak, and did not


def test_secret_keys_from_a_newer_file_are_not_written_back(tmp_path: Path) -> None:
    store = store_at(tmp_path)
    entry = {"id": "f1", "name": "Future", "kind": "ollama", "api_key": "sk-SECRET-123456"}
    write_raw(store, {"version": SCHEMA_VERSION + 1, "profiles": [entry]})
    store.save(store.load())
    assert b"SECRET" not in store.path.read_bytes()


def test_save_refuses_settings_that_would_not_load_back(tmp_path: Path) -> None:
    store = store_at(tmp_path)
    store.save(Settings(system_prompt="kept"))
    before = store.path.read_bytes()
    with pytest.raises(ValueError, match="temperature"):
        store.save(Settings(params=SamplingParams(temperature=9)))
    with pytest.raises(ValueError, match="font_point_size"):
        store.save(Settings(ui=UiPrefs(font_point_size=400)))
    with pytest.raises(ValueError, match="prompt_mode"):
        store.save(Settings(prompt_mode="poetry"))
    with pytest.raises(ValueError, match="theme"):
        store.save(Settings(ui=UiPrefs(theme="sepia")))
    bad_profile = local_profile("h:1")
    object.__setattr__(bad_profile, "kind", "gopher")
    with pytest.raises(ValueError, match="endpoint type"):
        store.save(Settings(profiles=[bad_profile]))
    assert store.path.read_bytes() == before


@pytest.mark.parametrize("fail_at", ["replace", "fsync"])
def test_failed_save_leaves_old_file_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fail_at: str
) -> None:
    store = store_at(tmp_path)
    store.save(Settings(system_prompt="old"))
    before = store.path.read_bytes()

    def broken(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, fail_at, broken)
    with pytest.raises(SettingsError, match="No space left on device"):
        store.save(Settings(system_prompt="new"))
    monkeypatch.undo()
    assert store.path.read_bytes() == before
    assert [p.name for p in store.path.parent.iterdir()] == ["settings.json"]


def test_plain_text_choices_load_back_as_enums(tmp_path: Path) -> None:
    store = store_at(tmp_path)
    store.save(Settings(prompt_mode="unscoped", ui=UiPrefs(theme="light")))
    loaded = store.load()
    assert loaded.prompt_mode is PromptMode.UNSCOPED and loaded.ui.theme is Theme.LIGHT
    assert loaded == Settings(prompt_mode="unscoped", ui=UiPrefs(theme="light"))


def test_kind_is_stored_as_the_cli_backend_name(tmp_path: Path) -> None:
    store = store_at(tmp_path)
    store.save(full_settings())
    kinds = [p["kind"] for p in json.loads(store.path.read_text())["profiles"]]
    assert kinds == [EndpointKind.WORKERS_AI.value, "openai"]
