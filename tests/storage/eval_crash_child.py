"""Child for the eval SIGKILL test: starts a stored run against a server, reports each result.

Usage: python eval_crash_child.py DB_PATH SERVER_URL. Prints `RUN <id>` once the run is stored,
then `RECORDED <test> <prompt> <repeat>` after each result is committed; the parent kills it
mid-run (its later replies are slow), so the run never finishes here.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402

from app.core.evals.files import load_test_set  # noqa: E402
from app.core.evals.model import ResultRecorded  # noqa: E402
from app.core.evals.resolve import resolve_prompts  # noqa: E402
from app.core.evals.runner import EvalRunner  # noqa: E402
from app.net.openai_compat import OpenAIBackend, OpenAIConfig  # noqa: E402
from app.net.retry import NO_RETRY  # noqa: E402
from app.storage.history.store import HistoryStore  # noqa: E402

CASES = 6
SET_TEXT = (
    "name: Crash test\nconcurrency: 2\n"
    "prompts:\n  - {id: short, system: 'Be short.'}\n  - {id: long, system: 'Be long.'}\n"
    "tests:\n" + "".join(f"  - {{input: 'Question {i}'}}\n" for i in range(CASES))
)


async def main(db: Path, url: str) -> None:
    store = HistoryStore.open(db)
    test_set = load_test_set(SET_TEXT)
    prompts = resolve_prompts(test_set, None)
    set_id = store.evals.save_set(test_set)
    run_id = store.evals.start_run(set_id, test_set, prompts, test_set.repeat, 2)
    print(f"RUN {run_id}", flush=True)
    async with httpx.AsyncClient() as client:
        backend = OpenAIBackend(
            client, OpenAIConfig(f"{url}/v1", None, "tiny-llama"), retry=NO_RETRY
        )
        runner = EvalRunner(test_set, prompts, backend, store.evals.sink(run_id), concurrency=2)
        async for event in runner.run():
            if isinstance(event, ResultRecorded):
                key = event.result.key
                print(f"RECORDED {key.test} {key.prompt} {key.repeat}", flush=True)
    print("FINISHED", flush=True)  # never reached: the parent kills this process first


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1]), sys.argv[2]))
