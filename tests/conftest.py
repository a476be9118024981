"""Test-wide settings: offscreen Qt, no real keyring or network, the loopback server fixture."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.keyring_fakes import DictKeyring, installed_keyring
from tests.loopback import LoopbackServer

# Never touch the developer's real keyring or display from tests; subprocesses inherit these.
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
for _name in (
    "CLOUDFLARE_API_TOKEN",
    "CLOUDFLARE_ACCOUNT_ID",
    "OPENAI_API_KEY",
    "CLOUDFLARE_GATEWAY_TOKEN",
    "HTTPS_PROXY",
    "HTTP_PROXY",
    "ALL_PROXY",
    "https_proxy",
    "http_proxy",
    "all_proxy",
):
    os.environ.pop(_name, None)
os.environ["NO_PROXY"] = "127.0.0.1,localhost"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--packaging",
        action="store_true",
        help="also run the tests marked `packaging`: build the .deb, install it with dpkg and "
        "test the installed app (root on Debian/Ubuntu; README's test command and CI pass it)",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Without --packaging, the packaging tests are deselected (counted as such, never skipped):
    they install a system package, which a developer's machine must not get by surprise."""
    if config.getoption("--packaging"):
        return
    deselected = [item for item in items if item.get_closest_marker("packaging")]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = [item for item in items if not item.get_closest_marker("packaging")]


@pytest.fixture
def loopback() -> Iterator[LoopbackServer]:
    with LoopbackServer() as server:
        yield server


@pytest.fixture
def dict_keyring() -> Iterator[DictKeyring]:
    """A working in-memory keyring backend, installed for one test."""
    with installed_keyring(DictKeyring()) as backend:
        assert isinstance(backend, DictKeyring)
        yield backend
