"""Background work: the same upkeep as ``govflex surveys open-due``, as a task to enqueue from a
scheduler and as a loop that ``govflex worker`` runs beside the task queue."""

from __future__ import annotations

import logging
import threading

from django.db import connection
from django_tasks import task

UPKEEP_SECONDS = 15 * 60
log = logging.getLogger(__name__)


@task()
def open_due() -> dict[str, int]:
    from govflex.surveys.rounds import rounds_upkeep  # noqa: PLC0415 - loads models lazily

    done = rounds_upkeep()
    return {"opened": done.opened, "reminded": done.reminded, "closed": done.closed}


def run_upkeep_loop(stop: threading.Event, *, once: bool = False) -> None:
    """Open, remind and close rounds every 15 minutes (idempotent, so several workers may)."""
    from govflex.surveys.rounds import rounds_upkeep  # noqa: PLC0415

    while not stop.is_set():
        try:
            rounds_upkeep()
        except Exception:  # try again next time; nothing is half-written (transactions)
            log.exception("pulse survey upkeep failed")
            if once:
                raise
        if once:
            return
        stop.wait(UPKEEP_SECONDS)
    connection.close()  # the thread's own connection
