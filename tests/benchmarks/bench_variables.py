"""Benchmark: filling in {{variables}}: a ~2,000-character prompt with 20 of them, and 100 KB.

Run: python tests/benchmarks/bench_variables.py [--repeat N]
`render_us`: check and fill a ~2,000-character prompt using 20 declared variables (and the
built-ins), median of N. `check_100kb_ms` / `render_100kb_ms`: a 100 KB prompt with 200
declared variables used many times, JSON and escapes between them. `status_100kb_ms`: what
the status line under the editor computes for it on each pause in typing. The last line is
one JSON object.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from app.core.prompts.variables import VariableSpec, VarType, check, render  # noqa: E402
from app.ui.prompts.variable_status import describe_usage  # noqa: E402

BUILTINS = {"date": "2026-11-30", "time": "14:05", "weekday": "Monday", "user_name": "Ada"}


def median_s(call: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def twenty_variable_prompt() -> tuple[str, list[VariableSpec], dict[str, str]]:
    kinds = (VarType.TEXT, VarType.LONG_TEXT, VarType.NUMBER, VarType.CHOICE)
    specs, values = [], {}
    for i in range(20):
        kind = kinds[i % 4]
        options = ("a", "b", "c") if kind is VarType.CHOICE else ()
        specs.append(VariableSpec(f"var_{i}", kind, options=options))
        values[f"var_{i}"] = {"number": str(i), "choice": "b"}.get(kind.value, f"value {i}")
    body = " ".join(f'Part {i}: {{{{var_{i}}}}} {{"k": {i}}} on {{{{date}}}}.' for i in range(20))
    text = (body + " ") * (2_000 // len(body) + 1)
    return text[:2_000].rsplit(" ", 1)[0], specs, values


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    text, specs, values = twenty_variable_prompt()
    render_us = median_s(lambda: render(text, specs, values, BUILTINS), args.repeat) * 1e6
    print(f"render a {len(text):,}-character prompt with 20 variables: {render_us:.1f} µs")

    big_specs = [VariableSpec(f"v{i}", default=f"value {i}") for i in range(200)]
    chunk = " ".join(f'{{{{v{i}}}}} {{"k": {{"n": {i}}}}} \\{{{{v{i}}}}}' for i in range(200))
    big = ((chunk + "\n") * (100_000 // len(chunk) + 1))[:100_000]
    repeat = max(5, args.repeat // 20)
    check_ms = median_s(lambda: check(big, big_specs, {}), repeat) * 1e3
    render_ms = median_s(lambda: render(big, big_specs, {}, BUILTINS), repeat) * 1e3
    status_ms = median_s(lambda: describe_usage(big, big_specs, {}), repeat) * 1e3
    print(f"100 KB, 200 variables: check {check_ms:.2f} ms, render {render_ms:.2f} ms")
    print(f"status line for it: {status_ms:.2f} ms")
    result = {
        "render_us": round(render_us, 1),
        "prompt_chars": len(text),
        "check_100kb_ms": round(check_ms, 2),
        "render_100kb_ms": round(render_ms, 2),
        "status_100kb_ms": round(status_ms, 2),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
