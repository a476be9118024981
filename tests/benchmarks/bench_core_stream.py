"""Benchmark: the core's streaming throughput and TTFT vs raw httpx-sse, and `ask`'s first byte.

Run: python tests/benchmarks/bench_core_stream.py [--events N] [--rounds R]
Both readers consume the same loopback stream of N Workers AI events in the same process,
rounds interleaved; figures are medians. The baseline is the least a client can do with
httpx-sse: iterate events and json.loads each data line to take its "response" text. `ratio`
compares wall time; `cpu_ratio` compares the reading thread's CPU time (the loopback server
runs in other threads), which a busy machine disturbs far less. The last line printed is one
JSON object.
"""

from __future__ import annotations

import argparse
import asyncio
import compileall
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402
from httpx_sse import EventSource  # noqa: E402

from app.core.events import Finished, TextDelta  # noqa: E402
from app.core.request import GenerationRequest, Message, Role  # noqa: E402
from app.net.retry import NO_RETRY  # noqa: E402
from app.net.workers_ai import WorkersAIBackend, WorkersAIConfig  # noqa: E402
from tests.loopback import LoopbackServer, Reply, split_every, workers_ai_stream  # noqa: E402

ACCOUNT = "bench-account"
TOKEN = "bench-token-not-secret"
MODEL = "@cf/meta/llama-3.1-8b-instruct-fp8"
PATH = f"/client/v4/accounts/{ACCOUNT}/ai/run/{MODEL}"


def make_body(events: int) -> bytes:
    words = [" alpha", " beta", " gamma", " délta", " ε", " 🦙", "\n", " the"]
    return workers_ai_stream([words[i % len(words)] for i in range(events)], prompt_tokens=20)


async def run_core(client: httpx.AsyncClient, root: str) -> tuple[float, float, int, float]:
    backend = WorkersAIBackend(client, WorkersAIConfig(ACCOUNT, TOKEN, MODEL, root), retry=NO_RETRY)
    request = GenerationRequest.chat([Message(Role.USER, "go")], stream=True)
    start, cpu_start = time.perf_counter(), time.thread_time()
    ttft = 0.0
    count = 0
    async for event in backend.stream(request):
        if type(event) is TextDelta:
            if count == 0:
                ttft = time.perf_counter() - start
            count += 1
        elif type(event) is not Finished and hasattr(event, "failure"):
            raise RuntimeError(f"core failed: {event}")
    return time.perf_counter() - start, ttft, count, time.thread_time() - cpu_start


async def run_baseline(client: httpx.AsyncClient, root: str) -> tuple[float, float, int, float]:
    url = f"{root}/accounts/{ACCOUNT}/ai/run/{MODEL}"
    payload = {"messages": [{"role": "user", "content": "go"}], "stream": True, "max_tokens": 1024}
    start, cpu_start = time.perf_counter(), time.thread_time()
    ttft = 0.0
    count = 0
    async with client.stream(
        "POST", url, json=payload, headers={"Authorization": f"Bearer {TOKEN}"}
    ) as response:
        async for sse in EventSource(response).aiter_sse():
            if sse.data == "[DONE]":
                break
            text = json.loads(sse.data).get("response")
            if text:
                if count == 0:
                    ttft = time.perf_counter() - start
                count += 1
    return time.perf_counter() - start, ttft, count, time.thread_time() - cpu_start


def ask_first_byte(server: LoopbackServer, rounds: int) -> float:
    """Wall time from process start to the first byte `llamadesk ask` writes to stdout."""
    script = Path(sys.executable).with_name("llamadesk")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "app"]
    # As installed: bytecode compiled once (pip does it at install time), so measure with it.
    compileall.compile_dir(str(ROOT / "app"), quiet=1)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["CLOUDFLARE_API_TOKEN"] = TOKEN
    times = []
    for round_no in range(rounds + 1):  # round 0 warms the OS file cache and is dropped
        start = time.perf_counter()
        proc = subprocess.Popen(
            [
                *command,
                "ask",
                "--base-url",
                f"{server.url}/client/v4",
                "--account-id",
                ACCOUNT,
                "Hello",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
            cwd=ROOT,
        )
        assert proc.stdout is not None
        first = proc.stdout.read(1)
        if round_no:
            times.append(time.perf_counter() - start)
        proc.stdout.read()
        proc.wait(timeout=30)
        if not first or proc.returncode != 0:
            raise RuntimeError(f"ask failed with exit code {proc.returncode}")
    return statistics.median(times)


async def measure(
    server: LoopbackServer, body: bytes, events: int, rounds: int
) -> dict[str, float]:
    chunks = split_every(body, 16 * 1024)
    root = f"{server.url}/client/v4"
    results: dict[str, list[tuple[float, float, int, float]]] = {"core": [], "baseline": []}
    async with httpx.AsyncClient(timeout=60) as client:
        for round_no in range(rounds + 1):  # round 0 warms both paths up and is discarded
            order = [("core", run_core), ("baseline", run_baseline)]
            if round_no % 2:
                order.reverse()
            for name, runner in order:
                server.queue("POST", PATH, Reply(body=chunks))
                elapsed, ttft, count, cpu = await runner(client, root)
                if count != events:
                    raise RuntimeError(f"{name} saw {count} of {events} tokens")
                if round_no:
                    results[name].append((elapsed, ttft, count, cpu))
    core_s = statistics.median(r[0] for r in results["core"])
    base_s = statistics.median(r[0] for r in results["baseline"])
    core_cpu = statistics.median(r[3] for r in results["core"])
    base_cpu = statistics.median(r[3] for r in results["baseline"])
    return {
        "events": events,
        "rounds": rounds,
        "events_per_s": round(events / core_s),
        "baseline_events_per_s": round(events / base_s),
        "ratio": round(base_s / core_s, 3),
        # Per CPU-second of the reading thread: steadier than wall time on a busy machine.
        "events_per_cpu_s": round(events / core_cpu),
        "baseline_events_per_cpu_s": round(events / base_cpu),
        "cpu_ratio": round(base_cpu / core_cpu, 3),
        "ttft_ms": round(statistics.median(r[1] for r in results["core"]) * 1000, 2),
        "baseline_ttft_ms": round(statistics.median(r[1] for r in results["baseline"]) * 1000, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--ask-rounds", type=int, default=7)
    args = parser.parse_args()
    body = make_body(args.events)
    with LoopbackServer() as server:
        figures = asyncio.run(measure(server, body, args.events, args.rounds))
        figures["ask_first_byte_s"] = round(ask_first_byte(server, args.ask_rounds), 3)
    figures["goals"] = {"ratio": ">= 0.9", "ask_first_byte_s": "<= 0.25"}
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
