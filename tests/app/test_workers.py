"""A task whose worker died is queued again and completes once (issue 10, point 7; the process
kill itself is in ``make chaos``, docs/reliability.md)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

from govflex.attendance.models import Punch, TerminalImport
from govflex.attendance.terminal import terminal_import_create
from govflex.common.models import AuditEntry, WorkerHeartbeat
from govflex.common.workers import heartbeat, recover_abandoned
from tests.factories import PersonFactory

LEASE = dt.timedelta(seconds=60)
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _task(worker_ids: list[str], started: dt.datetime) -> DBTaskResult:
    return DBTaskResult.objects.create(
        status=TaskResultStatus.RUNNING,
        started_at=started,
        worker_ids=worker_ids,
        args_kwargs={"args": [0], "kwargs": {}},
        task_path="govflex.attendance.tasks.run_terminal_import",
        backend_name="default",
        run_after=get_date_max(),
    )


@pytest.mark.django_db
def test_only_tasks_of_dead_workers_are_queued_again() -> None:
    now = timezone.now()
    heartbeat("alive", now=now - dt.timedelta(seconds=5))
    heartbeat("stale", now=now - dt.timedelta(minutes=5))
    dead = _task(["gone"], now - dt.timedelta(minutes=2))
    stale = _task(["stale"], now - dt.timedelta(minutes=2))
    busy = _task(["alive"], now - dt.timedelta(minutes=30))
    fresh = _task(["gone"], now - dt.timedelta(seconds=10))  # claimed just now: not yet
    tired = _task(["a", "b", "gone"], now - dt.timedelta(minutes=2))

    done = recover_abandoned(now=now, lease=LEASE, max_attempts=3)

    assert sorted(done.requeued) == sorted([str(dead.pk), str(stale.pk)])
    assert done.failed == [str(tired.pk)]
    statuses = {t.pk: t.status for t in DBTaskResult.objects.all()}
    assert statuses[dead.pk] == statuses[stale.pk] == TaskResultStatus.READY
    assert statuses[busy.pk] == statuses[fresh.pk] == TaskResultStatus.RUNNING
    assert statuses[tired.pk] == TaskResultStatus.FAILED
    assert "WorkerLost" in DBTaskResult.objects.get(pk=tired.pk).exception_class_path
    # Nothing left to do: running it again changes nothing.
    again = recover_abandoned(now=now, lease=LEASE, max_attempts=3)
    assert (again.requeued, again.failed) == ([], [])


@pytest.mark.django_db(transaction=True)
def test_an_import_whose_worker_died_runs_again_and_stores_each_punch_once(
    org: dict[str, Any], hr: Any, settings: Any, monkeypatch: Any
) -> None:
    settings.TASKS = DATABASE_TASKS
    monkeypatch.setattr("govflex.attendance.terminal.BACKGROUND_LINES", 1)
    day = timezone.localdate() - dt.timedelta(days=1)
    people = [PersonFactory(unit=org["unit_a"], staff_id=f"77{n:02d}") for n in range(10)]
    lines = [
        f"77{n:02d}\t{day:%Y-%m-%d} {hour:02d}:0{n % 10}:00\t1\t0\t0\t0\n"
        for n in range(len(people))
        for hour in (8, 17)
    ]
    content = "".join(lines).encode()
    # What the killed worker had stored before it died: the first half, as another file.
    terminal_import_create(
        actor=hr, agency=org["agency"], filename="part.dat", content="".join(lines[:10]).encode()
    )
    call_command("worker", "--batch", "--no-live", verbosity=0)
    job = terminal_import_create(
        actor=hr, agency=org["agency"], filename="all.dat", content=content
    )
    assert job.status == TerminalImport.Status.QUEUED
    # A worker claimed it and died (SIGKILL): RUNNING, its heartbeat long gone.
    task = DBTaskResult.objects.get(status=TaskResultStatus.READY)
    DBTaskResult.objects.filter(pk=task.pk).update(
        status=TaskResultStatus.RUNNING,
        worker_ids=["killed"],
        started_at=timezone.now() - dt.timedelta(minutes=5),
    )
    TerminalImport.objects.filter(pk=job.pk).update(status=TerminalImport.Status.RUNNING)

    call_command("worker", "--batch", "--no-live", verbosity=0)  # recovers, then runs it

    task.refresh_from_db()
    job.refresh_from_db()
    assert task.status == TaskResultStatus.SUCCESSFUL
    assert task.worker_ids[0] == "killed"
    assert len(task.worker_ids) == 2
    assert job.status == TerminalImport.Status.DONE
    assert (job.report["stored"], job.report["duplicates"]) == (10, 10)
    assert Punch.objects.filter(person__in=people).count() == len(lines)
    imports = AuditEntry.objects.filter(action="terminal_log.import", target_id=str(job.pk))
    assert imports.count() == 1
    assert not WorkerHeartbeat.objects.exists()  # a worker that stops says so
