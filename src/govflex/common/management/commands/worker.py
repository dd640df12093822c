"""``govflex worker``: run background tasks (imports, exports, notifications, optimiser runs)
and, beside them, the live evaluator that judges person-days queued by punches. Each worker
beats a heartbeat and puts back in the queue the tasks of workers that died mid-task
(govflex.common.workers)."""

from __future__ import annotations

import threading
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.utils.module_loading import import_string

from govflex.common.workers import (
    heartbeat,
    heartbeat_end,
    new_worker_id,
    recover_abandoned,
    run_heartbeat,
)


class Command(BaseCommand):
    help = "Run the background task worker (django-tasks database backend) and live evaluator."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--interval", type=float, default=1.0, help="seconds between polls")
        parser.add_argument("--batch", action="store_true", help="exit when the queue is empty")
        parser.add_argument(
            "--no-live", action="store_true", help="do not run the live day-result evaluator"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # Loops named in settings (the attendance app's live evaluator) run beside the tasks;
        # with --batch each runs once until its queue is empty.
        stop = threading.Event()
        loops = [] if options["no_live"] else list(settings.GOVFLEX_WORKER_LOOPS)
        threads = []
        for path in loops:
            runner = import_string(path)
            if options["batch"]:
                runner(stop, once=True)
            else:
                thread = threading.Thread(target=runner, args=(stop,), name=path, daemon=True)
                thread.start()
                threads.append(thread)
        # The heartbeat is written before the first claim, so no other worker takes this one's
        # fresh task for abandoned; tasks left by dead workers are queued again at once.
        worker_id = new_worker_id()
        heartbeat(worker_id)
        recover_abandoned()
        beat = threading.Thread(
            target=run_heartbeat, args=(stop, worker_id), name="heartbeat", daemon=True
        )
        beat.start()
        threads.append(beat)
        extra = ["--batch"] if options["batch"] else []
        try:
            interval = str(options["interval"])
            call_command("db_worker", "--interval", interval, "--worker-id", worker_id, *extra)
        finally:
            stop.set()
            for thread in threads:
                thread.join(timeout=10)
            heartbeat_end(worker_id)
