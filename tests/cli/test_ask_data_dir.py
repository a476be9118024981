"""`llamadesk ask` never touches the data folder: a broken or missing one cannot stop it."""

from __future__ import annotations

from pathlib import Path

from tests.cli.runner import DEFAULT_TEXT, ask, cli_env, openai_args
from tests.loopback import LoopbackServer


def test_ask_runs_when_every_place_it_could_write_is_a_file(
    loopback: LoopbackServer, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    # The data folder (platformdirs: $XDG_DATA_HOME/LlamaDesk, else under $HOME) would sit
    # below a file: creating or writing anything there fails, for root as for anyone.
    places = {name: str(blocker) for name in ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME")}
    result = ask(*openai_args(loopback), "Hello", env=cli_env(**places))
    assert result.code == 0, result.stderr
    assert result.stdout.strip() == DEFAULT_TEXT and result.stderr == ""
    assert blocker.read_text() == ""
