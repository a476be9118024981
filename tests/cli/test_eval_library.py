"""`llamadesk eval` with `library:` prompts: read from the user's history, never written."""

from __future__ import annotations

from pathlib import Path

from app.storage.history.files import history_path
from app.storage.history.store import HistoryStore
from tests.cli.eval_runner import chat_requests, run_eval, set_file
from tests.loopback import LoopbackServer


def library_set(server: LoopbackServer, tmp_path: Path, ref: str) -> Path:
    return set_file(
        tmp_path,
        f"""
        endpoint: {{backend: openai, base_url: "{server.url}/v1", model: tiny-llama}}
        vars: {{company: ACME}}
        prompts:
          - {{id: prod, library: "{ref}"}}
        tests:
          - {{input: Hi, assert: [{{type: contains, value: Hello}}]}}
        """,
    )


def make_library(data_dir: Path) -> None:
    store = HistoryStore.open(history_path(data_dir))
    try:
        first = store.prompts.create("Support bot", "You support {{company}}, version one.")
        store.prompts.save_version(first.prompt_id, "You support {{company}}, version two.")
        store.prompts.set_label(first.prompt_id, "production", 1)
    finally:
        store.close()


def test_a_library_prompt_is_sent_as_its_label_points(
    loopback: LoopbackServer, tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    make_library(data_dir)
    before = history_path(data_dir).read_bytes()

    run = run_eval(
        library_set(loopback, tmp_path, "Support bot@production"), "--data-dir", data_dir
    )

    assert run.code == 0, run.stderr
    [request] = chat_requests(loopback)
    assert request.json()["messages"][0] == {
        "role": "system",
        "content": "You support ACME, version one.",
    }
    assert history_path(data_dir).read_bytes() == before  # read, never written


def test_without_a_history_the_message_says_so_and_nothing_is_sent(
    loopback: LoopbackServer, tmp_path: Path
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    run = run_eval(library_set(loopback, tmp_path, "Support bot@production"), "--data-dir", empty)

    assert run.code == 2, run.stderr
    assert 'Prompt "prod" is the library prompt "Support bot@production"' in run.stderr
    assert f"There is no LlamaDesk history at {history_path(empty)}" in run.stderr
    assert loopback.requests == [] and list(empty.iterdir()) == []


def test_an_unknown_label_is_named(loopback: LoopbackServer, tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    make_library(data_dir)
    run = run_eval(library_set(loopback, tmp_path, "Support bot@staging"), "--data-dir", data_dir)

    assert run.code == 2, run.stderr
    assert "staging" in run.stderr and len(run.stderr.splitlines()) == 1
    assert loopback.requests == []
