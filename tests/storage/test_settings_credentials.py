"""A settings file with a password in a server address: that endpoint is skipped, unquoted."""

from __future__ import annotations

import json
from pathlib import Path

from app.core.profiles import local_profile
from app.storage.settings import Settings, SettingsStore, settings_path

PASSWORD = "pw-Zq8xK2mN4"


def test_a_stored_address_with_a_password_is_skipped_without_repeating_it(tmp_path: Path) -> None:
    good = local_profile("127.0.0.1:8000", name="GPU")
    store = SettingsStore(settings_path(tmp_path))
    store.save(Settings(profiles=[good], active_profile_id=good.id))
    raw = json.loads(store.path.read_text())
    entry = raw["profiles"][0]
    with_password = f"http://admin:{PASSWORD}@127.0.0.1:8000/v1"
    raw["profiles"].append({**entry, "id": "p2", "name": "Old", "base_url": with_password})
    store.path.write_text(json.dumps(raw))
    loaded = store.load()
    assert [p.name for p in loaded.profiles] == ["GPU"]
    problem = store.last_problem or ""
    assert "“Old” was skipped" in problem and "user name or password" in problem
    assert PASSWORD not in problem and "admin" not in problem
    store.save(loaded)
    assert PASSWORD not in store.path.read_text()  # not written back
