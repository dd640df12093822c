"""The worker's daily privacy upkeep: the retention purge and the audit-chain verification,
each once a day (``settings.GOVFLEX_WORKER_LOOPS``). A :class:`DailyRun` row per job and day
keeps it to once a day across restarts; both jobs are idempotent, so two workers running one
at the same moment do no harm."""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

log = logging.getLogger(__name__)
CHECK_SECONDS = 15 * 60


def _purge() -> dict[str, Any]:
    from govflex.privacy.purge import purge  # noqa: PLC0415 - loads models lazily

    return purge().totals()


def _verify_audit() -> dict[str, Any]:
    from govflex.privacy.auditwatch import audit_watch  # noqa: PLC0415

    watched = audit_watch()
    broken = watched.verify.broken
    return {"checked": watched.verify.checked, "broken_at": broken.seq if broken else None}


JOBS: dict[str, Callable[[], dict[str, Any]]] = {
    "privacy_purge": _purge,
    "audit_verify": _verify_audit,
}


def run_due(*, today: dt.date | None = None) -> list[str]:
    """Run each job that has not run today; returns the names of those run."""
    from govflex.privacy.models import DailyRun  # noqa: PLC0415

    today = today or timezone.localdate()
    ran = []
    for name, job in JOBS.items():
        if DailyRun.objects.filter(job=name, day=today).exists():
            continue
        try:
            result = job()
        except Exception:  # one failing job does not stop the other; retried next check
            log.exception("daily privacy job failed", extra={"job": name})
            continue
        try:
            with transaction.atomic():
                DailyRun.objects.create(
                    job=name, day=today, finished_at=timezone.now(), result=result
                )
        except IntegrityError:
            pass  # another worker finished it at the same time
        ran.append(name)
    return ran


def run_daily_loop(stop: threading.Event, *, once: bool = False) -> None:
    """Check every 15 minutes whether today's purge and verification are still to run."""
    while not stop.is_set():
        try:
            run_due()
        except Exception:  # e.g. the database is away for a moment; try at the next check
            log.exception("daily privacy upkeep failed")
            if once:
                raise
        if once:
            return
        stop.wait(CHECK_SECONDS)
    connection.close()  # the thread's own connection
