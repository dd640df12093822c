"""The chaos scenarios: (a) app workers killed under a punch load, (b) PostgreSQL crashed and
restarted under a punch load, (c) a task worker killed in the middle of a terminal-log import.
Each returns a :class:`Verdict` with its figures; docs/reliability.md explains them."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.bench_punches import Stack, _server, _sql, terminal_log_upload
from benchmarks.chaos.load import LoadResult, PunchLoad
from benchmarks.chaos.postgres import PrivateCluster

GUNICORN = ["-k", "sync", "-w", "3"]
LOAD_SECONDS = float(os.environ.get("GOVFLEX_CHAOS_SECONDS", "12"))
IMPORT_DAYS = int(os.environ.get("GOVFLEX_CHAOS_IMPORT_DAYS", "300"))
TASK_TABLE = "django_tasks_database_dbtaskresult"


@dataclass
class Verdict:
    name: str
    ok: bool
    lines: list[str] = field(default_factory=list)


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(x) for x in path.read_text().split()] if path.exists() else []


def _punch_verdict(name: str, url: str, run: str, result: LoadResult, what: str) -> Verdict:
    rows = _sql(
        url,
        "SELECT idempotency_key, count(*) FROM attendance_punch"
        " WHERE idempotency_key LIKE %s GROUP BY idempotency_key",
        (f"{run}-%",),
    )
    stored = {str(key): int(n) for key, n in rows}
    lost = len(result.acknowledged - set(stored))
    duplicated = sum(1 for n in stored.values() if n > 1)
    extra = len(set(stored) - result.acknowledged)
    failures = ", ".join(f"{k} ×{v}" for k, v in result.failures.most_common()) or "none"
    ok = lost == 0 and duplicated == 0 and not result.gave_up and not result.refused
    return Verdict(
        name,
        ok,
        [
            what,
            (
                f"  punches sent {len(result.sent):,}, acknowledged {len(result.acknowledged):,}"
                f" ({result.created:,} created, {result.replayed:,} replays), stored"
                f" {len(stored):,}, lost {lost}, duplicated {duplicated}"
            ),
            (
                f"  retries {result.retries:,} ({failures}); never acknowledged within the retry"
                f" window {len(result.gave_up)}; refused {dict(result.refused) or 0};"
                f" stored but not acknowledged {extra}"
            ),
        ],
    )


def killed_app_workers(stack: Stack, staff: list[str], logs: Path) -> Verdict:
    """(a) SIGKILL a gunicorn worker at ⅓ and ⅔ of the load; the master starts new ones."""
    with _server(stack, GUNICORN, logs / "server-a.log") as port:
        master = stack.processes[-1].pid
        load = PunchLoad(port=port, token=stack.token, staff=staff, run="chaos-a",
                         seconds=LOAD_SECONDS)  # fmt: skip
        load.start()
        killed = []
        for at in (LOAD_SECONDS / 3, 2 * LOAD_SECONDS / 3):
            time.sleep(max(0.0, at - load.elapsed()))
            workers = _children(master)
            if workers:
                os.kill(workers[0], signal.SIGKILL)
                killed.append(workers[0])
        result = load.join()
    what = (
        f"gunicorn sync ×3, {load.threads} clients for {LOAD_SECONDS:.0f} s; SIGKILL of worker"
        f" processes {killed} at {LOAD_SECONDS / 3:.0f} s and {2 * LOAD_SECONDS / 3:.0f} s"
    )
    verdict = _punch_verdict("(a) app worker killed mid-load", stack.url, "chaos-a", result, what)
    verdict.ok = verdict.ok and len(killed) == 2
    return verdict


def restarted_database(
    stack: Stack, staff: list[str], logs: Path, cluster: PrivateCluster
) -> Verdict:
    """(b) Crash PostgreSQL (immediate stop: no checkpoint) at ⅓ of the load, down 3 s."""
    with _server(stack, GUNICORN, logs / "server-b.log") as port:
        load = PunchLoad(port=port, token=stack.token, staff=staff, run="chaos-b",
                         seconds=LOAD_SECONDS)  # fmt: skip
        load.start()
        time.sleep(max(0.0, LOAD_SECONDS / 3 - load.elapsed()))
        down = time.monotonic()
        cluster.stop("immediate")
        time.sleep(3)
        cluster.start()
        outage = time.monotonic() - down
        result = load.join()
    what = (
        f"gunicorn sync ×3, {load.threads} clients for {LOAD_SECONDS:.0f} s; PostgreSQL stopped"
        f" with -m immediate (a crash) at {LOAD_SECONDS / 3:.0f} s, back after {outage:.1f} s"
        " (WAL recovery); clients retry the same keys"
    )
    return _punch_verdict("(b) PostgreSQL restarted mid-load", stack.url, "chaos-b", result, what)


def _attlog(path: Path, staff: list[str], days: int) -> int:
    """Every person in and out on each of the ``days`` days before yesterday."""
    yesterday = dt.date.today() - dt.timedelta(days=1)  # noqa: DTZ011 - a file's local days
    with path.open("w", encoding="ascii") as out:
        for back in range(days):
            day = yesterday - dt.timedelta(days=back)
            out.write(
                "".join(
                    f"{user}\t{day:%Y-%m-%d} 08:{n % 60:02d}:00\t1\t0\t0\t0\n"
                    f"{user}\t{day:%Y-%m-%d} 17:{n % 60:02d}:30\t1\t1\t0\t0\n"
                    for n, user in enumerate(staff)
                )
            )
    return 2 * days * len(staff)


def _upload(port: int, token: str, path: Path) -> dict[str, object]:
    body, content_type = terminal_log_upload(path, "chaos.dat", "chaos")
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/api/v1/terminal-logs",
        data=body,
        headers={"Authorization": f"Bearer {token}", "Content-Type": content_type},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=300) as answer:  # noqa: S310
        return dict(json.loads(answer.read()))


def _wait(check: object, seconds: float, every: float = 0.05) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():  # type: ignore[operator]
            return True
        time.sleep(every)
    return False


def killed_task_worker(stack: Stack, staff: list[str], logs: Path, tmp: Path) -> Verdict:
    """(c) SIGKILL the task worker once the import has stored part of the file; start another."""
    name = "(c) task worker killed mid-task"
    attlog = tmp / "chaos-attlog.dat"
    lines = _attlog(attlog, staff, IMPORT_DAYS)
    worker_env = {"GOVFLEX_WORKER_HEARTBEAT_SECONDS": "1", "GOVFLEX_WORKER_LEASE_SECONDS": "5"}
    stack.env.update(worker_env)
    command = [sys.executable, "-m", "govflex.cli", "worker", "--no-live"]

    def imported() -> int:
        return int(
            _sql(
                stack.url,
                "SELECT count(*) FROM attendance_punch WHERE source = 'terminal'"
                " AND idempotency_key NOT LIKE 'chaos-%%'",
            )[0][0]
        )

    def task() -> tuple[str, list[str]] | None:
        rows = _sql(
            stack.url,
            f"SELECT status, worker_ids FROM {TASK_TABLE}"  # noqa: S608 - our own constant
            " WHERE task_path LIKE %s",
            ("%run_terminal_import",),
        )
        return (str(rows[0][0]), list(rows[0][1])) if rows else None

    with _server(stack, GUNICORN, logs / "server-c.log") as port:
        first = stack.spawn(command, logs / "worker-c1.log")
        job = _upload(port, stack.token, attlog)
        started = time.monotonic()
        partial = _wait(lambda: imported() > 0, 300)
        stored_at_kill = imported()
        first_task = task()
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=30)
        stack.processes.remove(first)
        second = stack.spawn(command, logs / "worker-c2.log")
        finished = _wait(lambda: (task() or ("",))[0] in {"SUCCESSFUL", "FAILED"}, 600, 0.5)
        elapsed = time.monotonic() - started
        stack.stop(second)
    final = task()
    status = _sql(
        stack.url,
        "SELECT status, report FROM attendance_terminalimport WHERE id = %s",
        (job["id"],),
    )[0]
    report = status[1] if isinstance(status[1], dict) else json.loads(status[1] or "{}")
    keys = _sql(
        stack.url,
        "SELECT count(*), count(DISTINCT (person_id, idempotency_key)) FROM attendance_punch"
        " WHERE source = 'terminal' AND idempotency_key NOT LIKE 'chaos-%%'",
    )[0]
    audits = _sql(
        stack.url,
        "SELECT count(*) FROM common_auditentry WHERE action = 'terminal_log.import'"
        " AND target_id = %s",
        (str(job["id"]),),
    )[0][0]
    for key in worker_env:
        stack.env.pop(key)
    worker_ids = final[1] if final else []
    ok = (
        partial
        and 0 < stored_at_kill < lines
        and finished
        and final is not None
        and final[0] == "SUCCESSFUL"
        and len(worker_ids) == 2
        and status[0] == "done"
        and keys[0] == keys[1] == lines
        and audits == 1
    )
    return Verdict(
        name,
        ok,
        [
            (
                f"terminal log of {lines:,} lines ({attlog.stat().st_size / 1e6:.0f} MB) uploaded,"
                f" queued (job {job['id']}); worker 1 SIGKILLed after {stored_at_kill:,} punches"
                f" were stored (task {first_task[0] if first_task else '?'}); worker 2 started"
                " (heartbeat 1 s, lease 5 s)"
            ),
            (
                f"  task {final[0] if final else 'missing'} after {elapsed:.1f} s, claimed by"
                f" {len(worker_ids)} workers; import {status[0]}: stored {report.get('stored')},"
                f" duplicates {report.get('duplicates')} (the killed run's), refused"
                f" {report.get('refused')}"
            ),
            (
                f"  punches in the database {keys[0]:,} (distinct {keys[1]:,}) of {lines:,} lines;"
                f" import audit entries {audits}"
            ),
        ],
    )
