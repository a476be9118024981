"""Every hostile server through `llamadesk ask`: one plain sentence, its exit code, text kept, flat memory."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from app.cli.report import EXIT_NETWORK, EXIT_SERVER, EXIT_USAGE
from tests.cli.runner import MeasuredRun, ask, ask_measured, openai_args, workers_args
from tests.loopback import ATTACKS, ATTACKS_BY_NAME, PARTIAL_TEXT, Attack, LoopbackServer
from tests.loopback.hostile import FOREVER, Dialect

#: README's table: sizes are "an answer in an unknown format", deadlines "timed out".
EXIT_BY_CATEGORY = {"protocol": EXIT_SERVER, "server_error": EXIT_SERVER, "timeout": EXIT_NETWORK}
#: The unbounded code grew past 2 GB on these; a bounded `ask` stays near its usual ~30 MB.
#: The margin covers one 1 MB line, one 4 MB event and a few 64 KB steps, with room to spare.
MAX_RSS_GROWTH_MB = 64


@pytest.fixture
def server(loopback: LoopbackServer) -> Iterator[LoopbackServer]:
    yield loopback
    assert loopback.errors == []


@pytest.fixture(scope="module")
def baseline_rss_mb() -> float:
    """Peak RSS of the same command on a normal reply."""
    with LoopbackServer() as healthy:
        run = ask_measured(*openai_args(healthy, "--model", "m"), "Hi")
    assert run.code == 0 and run.stdout == "Hello, world!\n"
    return run.peak_rss_mb


def args_for(server: LoopbackServer, dialect: Dialect, attack: Attack) -> list[str]:
    if dialect == "workers-ai":
        return workers_args(server, *attack.args)
    return openai_args(server, "--model", "m", *attack.args)


def assert_one_plain_sentence(run: MeasuredRun, attack: Attack) -> None:
    assert len(run.stderr_lines) == 1, run.stderr
    line = run.stderr_lines[0]
    assert line.startswith("llamadesk ask: ") and attack.hint in line, line
    for leak in ("{", "}", "Traceback", "Error:", "httpx"):
        assert leak not in line, line


CASES = [(attack, "openai") for attack in ATTACKS if attack.name != "busy_forever"] + [
    (ATTACKS_BY_NAME[name], "workers-ai")
    for name in ("endless_line", "huge_event", "never_answers")
]


@pytest.mark.parametrize("attack, dialect", CASES, ids=[f"{a.name}-{d}" for a, d in CASES])
def test_hostile_server_through_ask(
    server: LoopbackServer, baseline_rss_mb: float, attack: Attack, dialect: Dialect
) -> None:
    attack.install(server, dialect)

    run = ask_measured(*args_for(server, dialect, attack), "Hi")

    assert run.code == EXIT_BY_CATEGORY[attack.category], run.stderr
    assert_one_plain_sentence(run, attack)
    assert run.stdout == (PARTIAL_TEXT + "\n" if attack.partial else "")
    growth = run.peak_rss_mb - baseline_rss_mb
    assert growth < MAX_RSS_GROWTH_MB, f"peak RSS {run.peak_rss_mb:.0f} MB (+{growth:.0f} MB)"
    # The client hung up (or the server finished); the fixture's own caps never had to.
    assert server.requests[-1].wait_settled(10) in ("client_gone", "aborted", "complete")
    assert run.seconds < 15


def test_busy_forever_gets_the_asked_retries_only(
    server: LoopbackServer, baseline_rss_mb: float
) -> None:
    attack = ATTACKS_BY_NAME["busy_forever"]
    attack.install(server, "openai")

    run = ask_measured(*args_for(server, "openai", attack), "Hi")  # --retries 2

    assert run.code == EXIT_SERVER and run.stdout == ""
    assert_one_plain_sentence(run, attack)
    posts = [r for r in server.requests if r.method == "POST"]
    assert len(posts) == 3 and server.pending("POST", "/chat/completions") == FOREVER - 3
    # "Retry-After: 0" is honoured as the least sane wait, one second, not as "at once".
    assert 2.0 <= run.seconds < 10
    assert run.peak_rss_mb - baseline_rss_mb < MAX_RSS_GROWTH_MB


def test_json_summary_names_the_bound_and_keeps_the_text(server: LoopbackServer) -> None:
    attack = ATTACKS_BY_NAME["endless_line"]
    attack.install(server, "openai")

    run = ask(*args_for(server, "openai", attack), "--json", "Hi")

    summary = json.loads(run.stdout)
    assert summary["response"] == PARTIAL_TEXT
    assert summary["error"]["category"] == "protocol"
    assert "sent a line longer than 1 MB" in summary["error"]["message"]
    assert run.code == EXIT_SERVER


@pytest.mark.parametrize(
    "option, value, says",
    [
        ("--retries", "1000000", "give a whole number from 0 to 10"),
        ("--retries", "11", "give a whole number from 0 to 10"),
        ("--retries", "-1", "give a whole number from 0 to 10"),
        ("--retries", "two", "give a whole number from 0 to 10"),
        ("--first-byte-timeout", "0", "more than 0 and up to 3600 seconds"),
        ("--stall-timeout", "1e9", "more than 0 and up to 3600 seconds"),
        ("--connect-timeout", "nan", "more than 0 and up to 3600 seconds"),
        ("--stall-timeout", "inf", "more than 0 and up to 3600 seconds"),
        ("--first-byte-timeout", "soon", "not a number of seconds"),
    ],
)
def test_absurd_network_options_are_refused_with_the_allowed_range(
    server: LoopbackServer, option: str, value: str, says: str
) -> None:
    run = ask(*openai_args(server, "--model", "m"), option, value, "Hi")

    assert run.code == EXIT_USAGE
    assert f"argument {option}:" in run.stderr and says in run.stderr
    assert "Traceback" not in run.stderr
    assert server.requests == []  # nothing was sent
