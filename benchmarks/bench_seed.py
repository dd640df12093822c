"""Demo-agency seed: 100,000 staff must load in under 2 minutes (issue 2).

Baseline, same run: the same number of person rows inserted with plain ``sqlite3``
``executemany`` into a bare table — the floor for writing that many rows on this disk.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

STAFF = int(os.environ.get("GOVFLEX_BENCH_STAFF", "100000"))
GOAL_SECONDS = 120.0


def _govflex(args: list[str], env: dict[str, str]) -> None:
    subprocess.run(  # noqa: S603 - our own command
        [sys.executable, "-m", "govflex.cli", *args], env=env, check=True, capture_output=True
    )


def _baseline(path: Path) -> float:
    connection = sqlite3.connect(path)
    connection.execute(
        "CREATE TABLE person (id INTEGER PRIMARY KEY, staff_id TEXT, first TEXT, last TEXT,"
        " unit_id INTEGER, position_id INTEGER, supervisor_id INTEGER)"
    )
    rows = [(i, str(100000 + i), "สมศรี", "ใจดี", i % 3000, i % 16, i // 30) for i in range(STAFF)]
    started = time.perf_counter()
    with connection:
        connection.executemany("INSERT INTO person VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
    elapsed = time.perf_counter() - started
    connection.close()
    return elapsed


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "GOVFLEX_VAR_DIR": tmp, "GOVFLEX_ENV": "development"}
        database = os.environ.get("DATABASE_URL", "")
        label = "PostgreSQL" if database.startswith("postgres") else "SQLite"
        if label == "SQLite":
            env.pop("DATABASE_URL", None)
        _govflex(["migrate", "-v0"], env)
        started = time.perf_counter()
        _govflex(["seed", "--staff", str(STAFF), "--code", f"bench{int(started)}"], env)
        seeded = time.perf_counter() - started
        baseline = _baseline(Path(tmp) / "baseline.sqlite3")
    verdict = "meets" if seeded <= GOAL_SECONDS else "MISSES"
    print(f"seed --staff {STAFF} on {label}: {seeded:.1f} s ({STAFF / seeded:,.0f} people/s)")
    print(f"baseline (bare sqlite3 executemany of {STAFF} rows): {baseline:.2f} s")
    print(f"ratio seed / baseline: {seeded / baseline:.1f}x")
    print(f"goal: under {GOAL_SECONDS:.0f} s — {verdict}")
