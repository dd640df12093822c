"""Background workers' heartbeats and the recovery of tasks whose worker died.

django-tasks' database backend marks a task RUNNING when a worker claims it and has no lease:
a worker killed mid-task (SIGKILL, out of memory, a lost machine) leaves the task RUNNING for
ever. Each ``govflex worker`` therefore writes a heartbeat every few seconds, and every worker,
on each beat, puts back in the queue the tasks whose worker's heartbeat is older than the lease
(or that never had one). A task that has lost its worker ``GOVFLEX_TASK_MAX_ATTEMPTS`` times is
marked failed instead, so a task that kills its worker cannot take the workers down in turn.

So a task may run more than once: every task body is idempotent (it finishes what is left, or
recomputes the same result). docs/reliability.md tells how this is tested (``make chaos``).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import threading
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from govflex.common.models import WorkerHeartbeat

log = logging.getLogger(__name__)
FORGET_AFTER = dt.timedelta(days=1)  # heartbeats of workers gone this long are deleted


class WorkerLost(Exception):
    """Recorded on a task whose worker died too many times while running it."""


@dataclass(frozen=True)
class Recovered:
    requeued: list[str]
    failed: list[str]


def new_worker_id() -> str:
    """Unique across the pool (django-tasks records it on each task it claims)."""
    host = socket.gethostname()[:30]
    return f"{host}-{os.getpid()}-{get_random_string(12)}"[:64]


def heartbeat(worker_id: str, *, now: dt.datetime | None = None) -> None:
    now = now or timezone.now()
    updated = WorkerHeartbeat.objects.filter(worker_id=worker_id).update(seen_at=now)
    if not updated:
        WorkerHeartbeat.objects.create(
            worker_id=worker_id,
            host=socket.gethostname()[:200],
            pid=os.getpid(),
            started_at=now,
            seen_at=now,
        )


def heartbeat_end(worker_id: str) -> None:
    WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()


def recover_abandoned(
    *,
    now: dt.datetime | None = None,
    lease: dt.timedelta | None = None,
    max_attempts: int | None = None,
) -> Recovered:
    """Re-queue (or, past the attempts, fail) RUNNING tasks whose worker is not alive."""
    now = now or timezone.now()
    lease = lease or dt.timedelta(seconds=settings.GOVFLEX_WORKER_LEASE_SECONDS)
    max_attempts = max_attempts or settings.GOVFLEX_TASK_MAX_ATTEMPTS
    alive = set(
        WorkerHeartbeat.objects.filter(seen_at__gte=now - lease).values_list("worker_id", flat=True)
    )
    requeued: list[str] = []
    failed: list[str] = []
    with transaction.atomic():
        # Claimed at least a lease ago: a worker that has just started has beaten already.
        running = DBTaskResult.objects.select_for_update(skip_locked=True).filter(
            status=TaskResultStatus.RUNNING, started_at__lt=now - lease
        )
        for task in running:
            owner = task.worker_ids[-1] if task.worker_ids else None
            if owner in alive:
                continue
            pending = DBTaskResult.objects.filter(pk=task.pk, status=TaskResultStatus.RUNNING)
            if len(task.worker_ids) >= max_attempts:
                pending.update(
                    status=TaskResultStatus.FAILED,
                    finished_at=now,
                    exception_class_path=f"{WorkerLost.__module__}.{WorkerLost.__qualname__}",
                    traceback=(
                        f"WorkerLost: the worker running this task stopped {len(task.worker_ids)}"
                        " times (no heartbeat); not run again."
                    ),
                )
                failed.append(str(task.pk))
            else:
                pending.update(status=TaskResultStatus.READY, started_at=None)
                requeued.append(str(task.pk))
        WorkerHeartbeat.objects.filter(seen_at__lt=now - FORGET_AFTER).delete()
    for pk in requeued:
        log.warning("task %s lost its worker; queued again", pk)
    for pk in failed:
        log.error("task %s lost its worker %d times; marked failed", pk, max_attempts)
    return Recovered(requeued, failed)


def run_heartbeat(stop: threading.Event, worker_id: str) -> None:
    """Beat and recover every GOVFLEX_WORKER_HEARTBEAT_SECONDS until ``stop`` is set."""
    while not stop.wait(settings.GOVFLEX_WORKER_HEARTBEAT_SECONDS):
        try:
            heartbeat(worker_id)
            recover_abandoned()
        except Exception:  # the database may be away for a moment: beat again next time
            log.exception("worker heartbeat failed")
        finally:
            connection.close()  # the thread's own connection; not held between beats
