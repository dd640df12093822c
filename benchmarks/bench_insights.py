"""Dashboards at scale on PostgreSQL (issue 8, "Performance").

Goal: with 100,000 staff and one year of generated data, every dashboard page and API figure
answers with p95 ≤ 300 ms, measured in the same run as the same figure computed from the raw
day results (what the daily unit summaries save).

The run keeps its own database ``govflex_bench_insights`` on the server of ``DATABASE_URL``
(default ``postgres://postgres@127.0.0.1:5432/``) and reuses it between runs: the demo agency
(``GOVFLEX_BENCH_STAFF``, default 100,000), one year of day results for every person on every
working day (``COPY``), off-site day reports and completed work items, and the summaries. Set
``GOVFLEX_BENCH_FRESH=1`` (or run ``python -m benchmarks.bench_insights --fresh``) to drop it
and build everything again. The Django part runs in a subprocess
(``python -m benchmarks.insights.run``) so the settings of this process stay untouched.

Knobs: ``GOVFLEX_BENCH_REQUESTS`` (timed requests per figure, default 30),
``GOVFLEX_BENCH_RAW_REPEAT`` (raw-table queries per figure, default 5),
``GOVFLEX_BENCH_DAYS`` (days of data, default 365), ``GOVFLEX_BENCH_RESUMMARISE=1`` (rebuild
the summaries, keeping the generated records).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

DATABASE = "govflex_bench_insights"
DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"
ROOT = Path(__file__).resolve().parent.parent


def _server_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else DEFAULT_SERVER


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, ""))


def _sql(url: str, query: str) -> list[tuple[Any, ...]]:
    import psycopg  # noqa: PLC0415 - only when PostgreSQL is there

    with (
        psycopg.connect(url, autocommit=True, connect_timeout=5) as connection,
        connection.cursor() as cursor,
    ):
        cursor.execute(query)
        return cursor.fetchall() if cursor.description else []


def main(fresh: bool | None = None) -> None:
    admin = _with_database(_server_url(), "postgres")
    try:
        _sql(admin, "SELECT 1")
    except Exception as exc:  # noqa: BLE001 - any failure to connect means: skip
        print(f"insights: needs PostgreSQL (DATABASE_URL) — not reachable ({exc}); skipped")
        return
    if fresh is None:
        fresh = os.environ.get("GOVFLEX_BENCH_FRESH", "") not in {"", "0", "false"}
    if fresh:
        _sql(admin, f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
    if not _sql(admin, f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE}'"):  # noqa: S608
        _sql(admin, f'CREATE DATABASE "{DATABASE}"')
        print(f"database {DATABASE}: created")
    else:
        print(f"database {DATABASE}: reused (GOVFLEX_BENCH_FRESH=1 builds it again)")
    env = {
        **os.environ,
        "DATABASE_URL": _with_database(_server_url(), DATABASE),
        "DJANGO_SETTINGS_MODULE": "govflex.config.settings",
        # Test settings without debugging: no query log, no 2FA step, no rate limits.
        "GOVFLEX_ENV": "test",
        "DEBUG": "false",
        "ALLOWED_HOSTS": "testserver,127.0.0.1,localhost",
        "GOVFLEX_LOG_LEVEL": "WARNING",
        "GOVFLEX_VAR_DIR": str(Path(tempfile.gettempdir()) / "govflex-bench-insights"),
        "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "src")]),
    }
    subprocess.run(
        [sys.executable, "-u", "-m", "benchmarks.insights.run"], env=env, cwd=ROOT, check=True
    )


if __name__ == "__main__":
    main(fresh="--fresh" in sys.argv[1:] or None)
