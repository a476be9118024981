"""Benchmark: `llamadesk eval`'s runner vs plain httpx + httpx-sse, and the window's grid.

Run: python tests/benchmarks/bench_eval.py [--cases 200] [--prompts 3] [--repeat 3]
     [--concurrency 8] [--tokens 50] [--rounds 4]

Headless: 200 cases × 3 prompts × 3 repeats = 1,800 streamed requests of 50 tokens each
against the loopback server (OpenAI-compatible dialect; in its own process, so the server does
not share this process's interpreter lock), at concurrency 8, through the same core runner
`llamadesk eval` uses (EvalRunner on the backend `backend_for` builds, results into a
ResultSink, every check run). The baseline is the least a client can do for the same 1,800
requests at the same concurrency: httpx + httpx-sse, json.loads of each event. Rounds
alternate the order (ABBA…); figures are medians. `ratio` = runner requests/s ÷ baseline
requests/s (goal ≥ 0.8); `cpu_ratio` the same for this process's CPU time per request (the
server's is not in it), which a busy machine disturbs less. `rss_mb` is this process's peak resident memory after the runner's
first round (before any baseline round).

The window half (grid_lag_p99_ms) is tests/benchmarks/bench_eval_window.py, run here as a
subprocess when it exists; its last JSON line's figures are merged into ours. The last line
printed is one JSON object.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402
from httpx_sse import EventSource  # noqa: E402

from app.cli.options import EndpointChoice, profile_from  # noqa: E402
from app.core.evals.model import (  # noqa: E402
    Assertion,
    AssertionKind,
    ResolvedPrompt,
    ResultRecorded,
    ResultSink,
    RunEnded,
    TestCase,
    TestSet,
)
from app.core.evals.runner import EvalRunner  # noqa: E402
from app.core.params import SamplingParams  # noqa: E402
from app.net.backend_factory import backend_for  # noqa: E402
from app.net.limits import NetworkSettings  # noqa: E402
from app.net.transport import build_client  # noqa: E402

MODEL = "tiny-llama"
WINDOW_SCRIPT = Path(__file__).with_name("bench_eval_window.py")


def serve(tokens: int, ready: Any, stop: Any) -> None:
    """The loopback server, in a child process until `stop` is set."""
    from tests.loopback import LoopbackServer

    words = [f" w{i}" for i in range(tokens)]
    with LoopbackServer(tokens=words, model_ids=(MODEL,)) as server:
        ready.put(server.url)
        stop.wait()


def make_plan(cases: int, prompts: int) -> tuple[TestSet, list[ResolvedPrompt]]:
    checks = (
        Assertion(AssertionKind.CONTAINS, "w1"),
        Assertion(AssertionKind.MAX_WORDS, 200),
        Assertion(AssertionKind.REGEX, r"^\s*w0"),
    )
    tests = tuple(
        TestCase(f"Question {i}: what is {i} + {i}?", asserts=checks) for i in range(cases)
    )
    params = SamplingParams(max_tokens=64, temperature=0.7)
    chosen = [
        ResolvedPrompt(f"p{j}", f"System prompt number {j}. Be brief.", params)
        for j in range(prompts)
    ]
    return TestSet("bench", (), tests), chosen


def bodies(test_set: TestSet, prompts: list[ResolvedPrompt], repeat: int) -> list[dict[str, Any]]:
    """The same requests for the baseline: one body per case × prompt × repeat."""
    return [
        {
            "model": MODEL,
            "messages": [
                {"role": "system", "content": prompt.system},
                {"role": "user", "content": case.input},
            ],
            "max_tokens": 64,
            "temperature": 0.7,
            "seed": 1000 + n,
            "stream": True,
            "stream_options": {"include_usage": True},
        }
        for case in test_set.tests
        for prompt in prompts
        for n in range(repeat)
    ]


async def run_runner(
    url: str, test_set: TestSet, prompts: list[ResolvedPrompt], repeat: int, concurrency: int
) -> tuple[float, int]:
    settings = NetworkSettings(10.0, 60.0, None)
    endpoint = EndpointChoice("openai", f"{url}/v1", None, MODEL, None)
    async with build_client(settings) as client:
        backend = backend_for(profile_from(endpoint), None, client, network=settings)
        sink = ResultSink()
        runner = EvalRunner(
            test_set, prompts, backend, sink, repeat=repeat, concurrency=concurrency
        )
        start = time.perf_counter()
        ok = 0
        async for event in runner.run():
            if isinstance(event, ResultRecorded) and event.result.passed:
                ok += 1
            elif isinstance(event, RunEnded) and event.failure is not None:
                raise RuntimeError(f"the run stopped: {event.failure.message}")
        return time.perf_counter() - start, ok


async def run_baseline(
    url: str, requests: list[dict[str, Any]], concurrency: int
) -> tuple[float, int]:
    limit = asyncio.Semaphore(concurrency)
    ok = 0

    async def one(client: httpx.AsyncClient, body: dict[str, Any]) -> None:
        nonlocal ok
        async with (
            limit,
            client.stream("POST", f"{url}/v1/chat/completions", json=body) as response,
        ):
            text = []
            async for sse in EventSource(response).aiter_sse():
                if sse.data == "[DONE]":
                    break
                for choice in json.loads(sse.data).get("choices") or ():
                    if delta := choice.get("delta", {}).get("content"):
                        text.append(delta)
            if "".join(text).startswith(" w0"):
                ok += 1

    async with httpx.AsyncClient(timeout=60) as client:
        start = time.perf_counter()
        await asyncio.gather(*(one(client, body) for body in requests))
        return time.perf_counter() - start, ok


def window_figures(args: argparse.Namespace, ours: dict[str, Any]) -> dict[str, Any]:
    """The window half's figures, run with the same sizes; a name we already use is prefixed
    with "window_" (its requests_per_s is the window's, ours the headless runner's)."""
    if not WINDOW_SCRIPT.exists():
        return {"window": f"{WINDOW_SCRIPT.name} is absent: no grid_lag_p99_ms in this run"}
    sizes = ["--cases", "--prompts", "--repeat", "--concurrency", "--tokens"]
    command = [sys.executable, str(WINDOW_SCRIPT)]
    for flag in sizes:
        command += [flag, str(getattr(args, flag[2:]))]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=1800)
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        why = done.stderr.strip()[-500:]
        return {"window": f"{WINDOW_SCRIPT.name} failed (exit {done.returncode}): {why}"}
    figures: dict[str, Any] = json.loads(lines[-1])
    return {f"window_{k}" if k in ours else k: v for k, v in figures.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=200)
    parser.add_argument("--prompts", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--tokens", type=int, default=50)
    parser.add_argument(
        "--rounds", type=int, default=4
    )  # medians of 2 swung 0.76-1.12 on a shared 2-core machine
    parser.add_argument("--no-window", action="store_true", help="skip the window half")
    args = parser.parse_args()
    test_set, prompts = make_plan(args.cases, args.prompts)
    total = args.cases * args.prompts * args.repeat
    requests = bodies(test_set, prompts, args.repeat)
    context = multiprocessing.get_context("spawn")
    ready, stop = context.Queue(), context.Event()
    server = context.Process(target=serve, args=(args.tokens, ready, stop), daemon=True)
    server.start()
    times: dict[str, list[float]] = {"runner": [], "baseline": []}
    cpu: dict[str, list[float]] = {"runner": [], "baseline": []}
    rss_mb = 0.0
    try:
        url = ready.get(timeout=60)
        # Warm both paths (imports, connections) on a small slice; not measured.
        small = make_plan(4, args.prompts)
        asyncio.run(run_runner(url, *small, 1, args.concurrency))
        asyncio.run(run_baseline(url, requests[:12], args.concurrency))
        for round_no in range(args.rounds):
            order = ["runner", "baseline"] if round_no % 2 == 0 else ["baseline", "runner"]
            for name in order:
                cpu_start = time.process_time()
                if name == "runner":
                    seconds, ok = asyncio.run(
                        run_runner(url, test_set, prompts, args.repeat, args.concurrency)
                    )
                    if not rss_mb:
                        rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
                else:
                    seconds, ok = asyncio.run(run_baseline(url, requests, args.concurrency))
                if ok != total:
                    raise RuntimeError(f"{name}: {ok} of {total} requests gave the expected reply")
                times[name].append(seconds)
                cpu[name].append(time.process_time() - cpu_start)
                print(
                    f"round {round_no + 1} {name}: {total / seconds:.0f} requests/s",
                    file=sys.stderr,
                )
    finally:
        stop.set()
        server.join(timeout=10)
    runner_s = statistics.median(times["runner"])
    baseline_s = statistics.median(times["baseline"])
    figures: dict[str, Any] = {
        "requests": total,
        "concurrency": args.concurrency,
        "tokens_per_request": args.tokens,
        "rounds": args.rounds,
        "requests_per_s": round(total / runner_s, 1),
        "baseline_requests_per_s": round(total / baseline_s, 1),
        "ratio": round(baseline_s / runner_s, 3),
        # CPU seconds of this process (the server runs in another): steadier on a busy machine.
        "cpu_ms_per_request": round(statistics.median(cpu["runner"]) / total * 1000, 3),
        "baseline_cpu_ms_per_request": round(statistics.median(cpu["baseline"]) / total * 1000, 3),
        "cpu_ratio": round(
            statistics.median(cpu["baseline"]) / statistics.median(cpu["runner"]), 3
        ),
        "rss_mb": round(rss_mb, 1),
    }
    figures["goals"] = {"ratio": ">= 0.8", "grid_lag_p99_ms": "< 16"}
    if not args.no_window:
        figures.update(window_figures(args, figures))
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
