"""The command line speaks English whatever the system's language (only the window translates)."""

from __future__ import annotations

import socket

from tests.cli.runner import cli_env, run_app


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_ask_says_what_went_wrong_in_english_on_a_german_system() -> None:
    port = _closed_port()  # nothing listens there once the probe is closed
    german = cli_env(LANGUAGE="de", LANG="de_DE.UTF-8", LC_ALL="de_DE.UTF-8", LC_MESSAGES="de")
    run = run_app(
        "ask", "--backend", "openai", "--base-url", f"http://127.0.0.1:{port}/v1", "Hi", env=german
    )
    assert run.code != 0
    assert f"No server answers at 127.0.0.1:{port}" in run.stderr
    assert "antwortet kein Server" not in run.stderr
