"""Citizen submissions under a burst on PostgreSQL (issue 9, "Load").

A burst of ``GOVFLEX_BENCH_RATE`` (default 200) submissions a second for
``GOVFLEX_BENCH_SECONDS`` (default 60) against the production server set-up: gunicorn
(``GOVFLEX_BENCH_GUNICORN``, default sync ×3 — the set-up bench_punches found best on two cores)
with ``GOVFLEX_ENV=production`` and durable commits, on a database ``govflex_eservice_bench``
created on the server of ``DATABASE_URL``, migrated, seeded with the demo agency and its demo
e-services, and dropped at the end. The only benchmark-only change is that the per-address rate
limits are off (``benchmarks.eservice.settings``): all the load comes from one address.

Each submission is the public form of the demo "complaint" service, posted as a browser does
(CSRF cookie and token, multipart body, a 20 kB PDF with every other one, an e-mail address so
an e-mail task is queued); one in twenty is sent twice at the same moment with the same client
token (a double click). The sender is open-loop (see :mod:`benchmarks.eservice.load`).

Then the database is counted: every acknowledged submission (the redirect naming a tracking
code) must be stored once with that code (``lost`` = 0), and no client token may have more than
one request or two answers naming different codes (``duplicated`` = 0). p50/p95/p99 reported.
"""

from __future__ import annotations

import os
import shlex
import shutil
import statistics
import tempfile
import time
from collections import Counter
from pathlib import Path

# The database and process plumbing of bench_punches, shared rather than copied.
from benchmarks import bench_punches as plumbing
from benchmarks.eservice import load

RATE = int(os.environ.get("GOVFLEX_BENCH_RATE", "200"))
SECONDS = int(os.environ.get("GOVFLEX_BENCH_SECONDS", "60"))
GUNICORN = shlex.split(os.environ.get("GOVFLEX_BENCH_GUNICORN", "-k sync -w 3"))
DUPLICATE_EVERY = 20
DATABASE = "govflex_eservice_bench"
FORM = "/e/demo/complaint/"


def _percentile(values: list[float], share: float) -> float:
    return values[min(len(values) - 1, int(len(values) * share))] if values else 0.0


def _report_burst(burst: load.Burst) -> tuple[int, dict[str, str]]:
    outcomes = burst.outcomes
    statuses = Counter(o.status for o in outcomes)
    errors = Counter(o.error for o in outcomes if o.error)
    accepted = [o for o in outcomes if o.status == 302 and o.code]
    latencies = sorted(o.latency * 1000 for o in outcomes if not o.error)
    tokens = {o.token for o in outcomes}
    print(
        f"sent {len(tokens):,} submissions ({len(outcomes):,} requests with"
        f" {len(burst.duplicated_tokens):,} double clicks) in {burst.seconds:.1f} s;"
        f" sender at most {burst.send_lag_max * 1000:.0f} ms behind schedule"
    )
    others = dict(sorted((k, v) for k, v in statuses.items() if k != 302)) or "none"
    print(
        f"  answers: {statuses.get(302, 0):,} accepted (302 with a tracking code);"
        f" other statuses {others};"
        f" connection errors {dict(errors) or 'none'}"
    )
    if latencies:
        print(
            f"  latency from the scheduled send: p50 {statistics.median(latencies):.0f} ms,"
            f" p95 {_percentile(latencies, 0.95):.0f} ms, p99 {_percentile(latencies, 0.99):.0f}"
            f" ms, max {latencies[-1]:.0f} ms"
        )
    print(f"  accepted answers per second of the burst: {len(accepted) / burst.seconds:,.1f}")
    codes: dict[str, str] = {}
    mismatched = 0
    for outcome in accepted:
        if codes.setdefault(outcome.token, outcome.code) != outcome.code:
            mismatched += 1
    return mismatched, codes


def _check_database(stack: plumbing.Stack, burst: load.Burst, codes: dict[str, str]) -> bool:
    tokens = sorted({o.token for o in burst.outcomes})
    rows = plumbing._sql(
        stack.url,
        "SELECT client_token::text, tracking_code FROM eservice_servicerequest"
        " WHERE client_token::text = ANY(%s)",
        (tokens,),
    )
    stored: dict[str, list[str]] = {}
    for token, code in rows:
        stored.setdefault(str(token), []).append(str(code))
    lost = sum(1 for token, code in codes.items() if stored.get(token) != [code])
    doubled = sum(1 for found in stored.values() if len(found) > 1)
    unacknowledged = len(set(stored) - set(codes))
    files = plumbing._sql(
        stack.url,
        "SELECT count(*) FROM eservice_requestfile f JOIN eservice_servicerequest r"
        " ON r.id = f.request_id WHERE r.client_token::text = ANY(%s)",
        (tokens,),
    )[0][0]
    mails = plumbing._sql(
        stack.url,
        "SELECT count(*) FROM django_tasks_database_dbtaskresult"
        " WHERE task_path LIKE '%%send_status_email' AND status = 'READY'",
    )[0][0]
    print(
        f"database: {len(stored):,} requests for the burst's tokens ({unacknowledged} stored but"
        f" never acknowledged), {files:,} documents, {mails:,} e-mails queued for the worker"
    )
    print(f"  lost = {lost}, duplicated = {doubled}")
    return lost == 0 and doubled == 0


def _run(stack: plumbing.Stack) -> None:
    logs = Path(tempfile.gettempdir()) / "govflex-bench-eservice-logs"
    shutil.rmtree(logs, ignore_errors=True)
    logs.mkdir()
    started = time.perf_counter()
    stack.govflex("migrate", "-v0")
    stack.govflex("seed", "--staff", "100", "--code", "demo")
    stack.govflex("eservice", "demo", "--no-requests")
    stack.govflex("collectstatic", "--no-input", "-v0")  # production pages need the manifest
    print(
        f"database {DATABASE}: migrated, seeded (demo agency, demo e-services), static files"
        f" collected in {time.perf_counter() - started:.1f} s; logs in {logs}"
    )
    print(
        f"server: gunicorn {' '.join(GUNICORN)}, production settings; the open-loop sender"
        f" (Python asyncio) shares the {os.cpu_count()} cores with gunicorn and PostgreSQL;"
        " no task worker runs during the burst"
    )
    with plumbing._server(stack, GUNICORN, logs / "server.log") as port:
        session = load.open_form(port, FORM)
        load.run_burst(session, rate=20, seconds=2, duplicate_every=0)  # warm the workers up
        print(f"burst: {RATE}/s for {SECONDS} s to POST {FORM}")
        burst = load.run_burst(session, rate=RATE, seconds=SECONDS, duplicate_every=DUPLICATE_EVERY)
    mismatched, codes = _report_burst(burst)
    if mismatched:
        print(f"  double clicks answered with two different codes: {mismatched}")
    kept = _check_database(stack, burst, codes) and not mismatched
    sent = len({o.token for o in burst.outcomes})
    all_in = len(codes) == sent
    print(
        f"goal: every accepted submission stored once with its code — {plumbing._verdict(kept)};"
        f" all {sent:,} accepted — {plumbing._verdict(all_in)}"
    )


def main() -> None:
    admin = plumbing._admin_url()
    if admin is None:
        print("eservice: needs PostgreSQL (DATABASE_URL=postgres://…) — skipped")
        return
    try:
        plumbing._sql(admin, "SELECT 1")
    except Exception as exc:  # noqa: BLE001 - any failure to connect means: skip
        print(f"eservice: needs PostgreSQL (DATABASE_URL) — not reachable ({exc}); skipped")
        return
    url = plumbing._with_database(admin, DATABASE)
    plumbing._sql(admin, f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
    plumbing._sql(admin, f'CREATE DATABASE "{DATABASE}"')
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "DATABASE_URL": url,
            "GOVFLEX_ENV": "production",
            "DJANGO_SETTINGS_MODULE": "benchmarks.eservice.settings",
            "SECRET_KEY": "bench-eservice-" + "x" * 50,  # pragma: allowlist secret
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "false",
            "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
            "GOVFLEX_VAR_DIR": tmp,
            "GOVFLEX_MEDIA_ROOT": str(Path(tmp) / "media"),
            "GOVFLEX_LOG_LEVEL": "WARNING",
            "PYTHONPATH": os.pathsep.join([str(plumbing.ROOT), str(plumbing.ROOT / "src")]),
        }
        stack = plumbing.Stack(env=env, url=url, processes=[])
        try:
            _run(stack)
        finally:
            stack.stop_all()
            plumbing._sql(admin, f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
