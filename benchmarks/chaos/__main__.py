"""``make chaos``: the slow fault tests (issue 10, point 7), printed with a PASS/FAIL summary;
exits 1 when one fails. See docs/reliability.md.

Runs on a private PostgreSQL instance (initdb in a temporary directory, its own port) holding the
scratch database ``govflex_chaos``, so crashing and restarting it never disturbs the shared
server. The servers run the production settings (durable commits, persistent connections with
health checks). Scenarios: (a) gunicorn workers SIGKILLed under a punch load, (b) PostgreSQL
crashed and restarted under a punch load, (c) a task worker SIGKILLed mid-import, (d)
schemathesis over the whole OpenAPI schema with more examples than ``make test`` uses.

``GOVFLEX_CHAOS_SECONDS`` (default 12) is the length of each load, ``GOVFLEX_CHAOS_STAFF``
(default 1000) the seeded agency, ``GOVFLEX_CHAOS_IMPORT_DAYS`` (default 300) the import's days,
``GOVFLEX_CHAOS_SCHEMA_EXAMPLES`` (default 25) the examples per operation in (d);
``GOVFLEX_CHAOS_ONLY`` (e.g. ``ab``) runs some scenarios only.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.bench_punches import ROOT, Stack, _sql, _with_database
from benchmarks.chaos.postgres import PrivateCluster
from benchmarks.chaos.scenarios import (
    Verdict,
    killed_app_workers,
    killed_task_worker,
    restarted_database,
)

DATABASE = "govflex_chaos"
STAFF = int(os.environ.get("GOVFLEX_CHAOS_STAFF", "1000"))
SCHEMA_EXAMPLES = os.environ.get("GOVFLEX_CHAOS_SCHEMA_EXAMPLES", "25")
ONLY = os.environ.get("GOVFLEX_CHAOS_ONLY", "abcd")  # e.g. "b": run scenario (b) alone


def _env(url: str, tmp: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": url,
        "GOVFLEX_ENV": "production",
        "DJANGO_SETTINGS_MODULE": "govflex.config.settings",
        "SECRET_KEY": "chaos-" + "x" * 50,  # pragma: allowlist secret
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "GOVFLEX_VAR_DIR": str(tmp),
        "GOVFLEX_MEDIA_ROOT": str(tmp / "media"),
        "GOVFLEX_LOG_LEVEL": "WARNING",
        "GOVFLEX_NOTIFY_EMAIL": "false",
        "GOVFLEX_API_RATE_PER_TOKEN": "0",  # a load test, not a rate-limit test
        "GOVFLEX_API_RATE_PER_ADDRESS": "0",
        "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "src")]),
    }


def _schemathesis(url: str) -> Verdict:
    """(d) The schema test of ``make test`` with more examples, on this PostgreSQL."""
    counts = Path(tempfile.mkstemp(prefix="govflex-chaos-schema-")[1])
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "GOVFLEX_SCHEMA_EXAMPLES": SCHEMA_EXAMPLES,
        "GOVFLEX_SCHEMA_COUNT_FILE": str(counts),
    }
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "tests/app/test_api_schema.py", "-q",
         "-p", "no:cacheprovider", "--tb=line"],
        env=env, cwd=ROOT, capture_output=True, text=True, timeout=1800, check=False,
    )  # fmt: skip
    tail = [line for line in done.stdout.splitlines() if line.strip()][-12:]
    summary = next((x for x in reversed(tail) if re.search(r"\d+ (passed|failed)", x)), "")
    failed = [x for x in tail if x.startswith("FAILED")]
    sent = sum(int(x) for x in counts.read_text().split())
    counts.unlink()
    return Verdict(
        "(d) schemathesis over the OpenAPI schema",
        done.returncode == 0,
        [
            (
                f"every operation as HR and as staff, up to {SCHEMA_EXAMPLES} generated cases"
                " each (and as many with the seeded IDs), on PostgreSQL,"
                f" {time.monotonic() - started:.0f} s"
            ),
            f"  {sent:,} requests (cases × 2 roles); operations {summary.strip('= ')}",
            *[f"  {x}" for x in failed],
        ],
    )


def _run(stack: Stack, cluster: PrivateCluster, tmp: Path) -> list[Verdict]:
    logs = Path(tempfile.gettempdir()) / "govflex-chaos-logs"
    shutil.rmtree(logs, ignore_errors=True)
    logs.mkdir()
    started = time.monotonic()
    stack.govflex("migrate", "-v0")
    stack.govflex("seed", "--staff", str(STAFF), "--code", "demo")
    stack.token = stack.tool("token").strip()
    staff = [str(s) for (s,) in _sql(stack.url, "SELECT staff_id FROM org_person ORDER BY id")]
    print(
        f"private PostgreSQL on port {cluster.port} ({cluster.dir}); database {DATABASE} migrated"
        f" and seeded with {len(staff):,} staff in {time.monotonic() - started:.0f} s;"
        f" logs in {logs}",
        flush=True,
    )
    verdicts: list[Verdict] = []
    scenarios = {
        "a": lambda: killed_app_workers(stack, staff, logs),
        "b": lambda: restarted_database(stack, staff, logs, cluster),
        "c": lambda: killed_task_worker(stack, staff, logs, tmp),
    }
    for letter, scenario in scenarios.items():
        if letter not in ONLY:
            continue
        try:
            verdict = scenario()
        except Exception as exc:  # noqa: BLE001 - a scenario that breaks is a failure, reported
            verdict = Verdict(
                f"scenario {len(verdicts) + 1}", ok=False, lines=[f"  error: {exc!r}"]
            )
        verdicts.append(verdict)
        print(f"\n{verdict.name}: {'PASS' if verdict.ok else 'FAIL'}", flush=True)
        print("\n".join(verdict.lines), flush=True)
    if "d" in ONLY:
        verdict = _schemathesis(_with_database(cluster.url, "postgres"))
        print(f"\n{verdict.name}: {'PASS' if verdict.ok else 'FAIL'}")
        print("\n".join(verdict.lines), flush=True)
        verdicts.append(verdict)
    return verdicts


def main() -> int:
    print("# GovFlex chaos: fault tests (docs/reliability.md)", flush=True)
    try:
        cluster = PrivateCluster()
        cluster.create()
        cluster.start()
    except (RuntimeError, subprocess.CalledProcessError, OSError) as exc:
        print(f"chaos: cannot start a private PostgreSQL instance ({exc}) — FAIL")
        return 1
    url = _with_database(cluster.url, DATABASE)
    try:
        _sql(cluster.url, f'CREATE DATABASE "{DATABASE}"')
        with tempfile.TemporaryDirectory(prefix="govflex-chaos-") as tmp:
            stack = Stack(env=_env(url, Path(tmp)), url=url, processes=[])
            try:
                verdicts = _run(stack, cluster, Path(tmp))
            finally:
                stack.stop_all()
    finally:
        cluster.remove()
    print("\n# summary")
    for verdict in verdicts:
        print(f"{'PASS' if verdict.ok else 'FAIL'}  {verdict.name}")
    failed = sum(1 for v in verdicts if not v.ok)
    print(f"chaos: {len(verdicts) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
