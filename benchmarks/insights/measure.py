"""Timing helpers for the dashboards benchmark: requests through ``django.test.Client`` (the
whole Django stack in this process: middleware, session, view or API, templates), and the same
figures computed from the summaries and from the raw day results."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

GOAL_P95_MS = 300.0


@dataclass
class Timing:
    label: str
    values: list[float]  # milliseconds

    @property
    def p50(self) -> float:
        return statistics.median(self.values)

    @property
    def p95(self) -> float:
        ordered = sorted(self.values)
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]

    @property
    def max(self) -> float:
        return max(self.values)

    @property
    def met(self) -> bool:
        return self.p95 <= GOAL_P95_MS


def timed(label: str, call: Callable[[], Any], repeat: int, warm: int = 2) -> Timing:
    for _ in range(warm):
        call()
    values = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        values.append((time.perf_counter() - started) * 1000)
    return Timing(label, values)


def fetch(client: Any, url: str) -> Callable[[], Any]:
    def call() -> Any:
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{url}: HTTP {response.status_code}")
        return response

    return call


def table(rows: list[Timing]) -> str:
    width = max(len(r.label) for r in rows)
    lines = [
        f"| {'figure':<{width}} | n | p50 ms | p95 ms | max ms | p95 ≤ {GOAL_P95_MS:.0f} ms |",
        f"|{'-' * (width + 2)}|---|---:|---:|---:|---|",
    ]
    for r in rows:
        verdict = "met" if r.met else "**not met**"
        lines.append(
            f"| {r.label:<{width}} | {len(r.values)} | {r.p50:,.0f} | {r.p95:,.0f} |"
            f" {r.max:,.0f} | {verdict} |"
        )
    return "\n".join(lines)
