"""Django-side steps of bench_punches, run in a subprocess with the benchmark settings.

``python -m benchmarks.punches.tool token`` prints a new API token of the demo HR login;
``python -m benchmarks.punches.tool import PATH`` imports a terminal log through the service
twice (the second run must store nothing) and prints the figures as JSON.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.punches.settings")
    import django  # noqa: PLC0415

    django.setup()


def _token() -> None:
    from django.contrib.auth import get_user_model  # noqa: PLC0415

    from govflex.accounts.services import api_token_create  # noqa: PLC0415

    user = get_user_model().objects.get(username="hr")
    _token_row, plaintext = api_token_create(user=user, name="bench_punches", days=1)
    print(plaintext)


def _import(path: Path) -> None:
    from django.contrib.auth import get_user_model  # noqa: PLC0415

    from govflex.attendance.terminal import (  # noqa: PLC0415
        terminal_import_create,
        terminal_import_run,
    )
    from govflex.org.models import Agency  # noqa: PLC0415

    user = get_user_model().objects.get(username="hr")
    agency = Agency.objects.get(code="demo")
    content = path.read_bytes()
    runs = []
    for attempt in ("first", "again"):
        started = time.perf_counter()
        # A file this large is queued for the worker (none runs now); run it here, timed.
        job = terminal_import_create(
            actor=user, agency=agency, filename=f"{attempt}.dat", content=content, device="bench"
        )
        job = terminal_import_run(job_id=job.pk)
        elapsed = time.perf_counter() - started
        report = {k: job.report.get(k) for k in ("rows", "stored", "duplicates", "refused")}
        runs.append({"run": attempt, "seconds": elapsed, "status": job.status, **report})
    print(json.dumps(runs))


def main(argv: list[str]) -> int:
    _setup()
    if argv[:1] == ["token"]:
        _token()
    elif argv[:1] == ["import"] and len(argv) == 2:
        _import(Path(argv[1]))
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
