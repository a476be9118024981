"""Session fixtures that run real inference servers (vLLM CPU, llama.cpp) on a tiny local model.

The first run installs vLLM (~3 min) and builds llama-server (~6 min) into the engine cache
(``tests/engines/setup_engines.sh`` does the same ahead of time); later runs start in about a
minute (vLLM) and under a second (llama-server). A server that cannot be installed or started
fails the tests that asked for it, with the tail of its log; nothing is skipped.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.integration.engines import servers

ENGINE_FIXTURES = {"vllm": "vllm_server", "llama-server": "llama_server"}


def pytest_configure(config: pytest.Config) -> None:
    # pyproject registers it too; this keeps `-c /dev/null` runs working under --strict-markers.
    config.addinivalue_line(
        "markers", "engines: integration tests against real vLLM / llama.cpp servers (slow)"
    )


@pytest.fixture(scope="session")
def vllm_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[servers.ServerHandle]:
    handle = servers.start_vllm(api_key="vllm-test-key", log_dir=tmp_path_factory.mktemp("vllm"))
    try:
        yield handle
    finally:
        handle.stop()


@pytest.fixture(scope="session")
def llama_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[servers.ServerHandle]:
    handle = servers.start_llama_server(
        api_key="llama-test-key", n_ctx=512, log_dir=tmp_path_factory.mktemp("llama")
    )
    try:
        yield handle
    finally:
        handle.stop()


@pytest.fixture(scope="session", params=list(ENGINE_FIXTURES))
def engine_server(request: pytest.FixtureRequest) -> servers.ServerHandle:
    """Each engine in turn; session scope makes pytest run all tests of one engine together."""
    handle: servers.ServerHandle = request.getfixturevalue(ENGINE_FIXTURES[request.param])
    return handle
