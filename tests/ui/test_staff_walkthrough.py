"""The staff walkthrough under a policy: start → first answer in 3 steps (one paste more when
each person brings their own key), and the app's own time under 5 s."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import qasync
from pytestqt.qtbot import QtBot

from app.core.policy import TokenFrom
from app.storage.secrets import SERVICE
from app.ui.composition_root import Application, build_parser
from tests.keyring_fakes import DictKeyring
from tests.loopback import LoopbackServer
from tests.ui.conftest import run
from tests.ui.simple_helpers import staff_policy
from tests.ui.staff_walk import ANSWER_WORDS, walk

KEY = "staff-key-7f3e91c2d0"


@pytest.mark.parametrize("token_from", [TokenFrom.FILE, TokenFrom.USER, TokenFrom.NONE])
def test_from_start_to_the_first_answer(
    qapp: Any,
    qtbot: QtBot,
    aio_loop: qasync.QEventLoop,
    tmp_path: Path,
    dict_keyring: DictKeyring,
    token_from: TokenFrom,
) -> None:
    key_file = tmp_path / "key"
    key_file.write_text(KEY + "\n")
    key_file.chmod(0o600)
    needs_key = token_from is not TokenFrom.NONE
    with LoopbackServer(require_token=KEY if needs_key else None) as server:
        path = str(key_file) if token_from is TokenFrom.FILE else ""
        policy = staff_policy(f"{server.url}/v1", token_from, path)
        apps: list[Application] = []

        def make() -> Application:
            args = build_parser().parse_args(["--data-dir", str(tmp_path / "data")])
            app = Application(args, qapp, policy=policy)
            apps.append(app)
            app.show()
            return app

        key = KEY if token_from is TokenFrom.USER else None
        try:
            app, result = run(aio_loop, qtbot, walk(make, server, key=key), timeout=20000)
        finally:
            for app in apps:
                app.window.close()
                run(aio_loop, qtbot, app.run_until_closed_for_tests())
        assert (
            result.answer.startswith("Dear Ms Jones,")
            and result.answer.count("word") == ANSWER_WORDS
        )
        expected = 4 if token_from is TokenFrom.USER else 3
        assert len(result.steps) == expected, result.steps
        assert result.app_s < 5.0, f"{result.app_s:.2f} s of app time"
        body = server.requests[-1].json()
        assert "Ms Jones" in body["messages"][0]["content"]  # the task's details went along
        if token_from is TokenFrom.USER:
            assert (
                dict_keyring.values[(SERVICE, app.controller.active_profile().secret_name())] == KEY
            )
