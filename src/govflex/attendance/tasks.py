"""Background tasks: live re-evaluation after each punch."""

from __future__ import annotations

import datetime as dt

from django_tasks import task

from govflex.attendance.services import day_result_refresh
from govflex.org.models import Person


@task()
def evaluate_person_day(person_id: int, day: str) -> str:
    """Re-evaluate one person-day; running it twice gives the same result."""
    person = Person.objects.filter(pk=person_id).first()
    if person is None:
        return "gone"
    return day_result_refresh(person=person, day=dt.date.fromisoformat(day)).status


@task()
def run_export(job_id: int) -> str:
    from govflex.attendance.report_requests import export_job_run  # noqa: PLC0415

    return export_job_run(job_id=job_id).status


@task()
def evaluate_person_days(pairs: list[list[object]]) -> int:
    """Re-evaluate many person-days (after a terminal import)."""
    people = {p.pk: p for p in Person.objects.filter(pk__in={int(str(pid)) for pid, _ in pairs})}
    for person_id, day in pairs:
        person = people.get(int(str(person_id)))
        if person is not None:
            day_result_refresh(person=person, day=dt.date.fromisoformat(str(day)))
    return len(pairs)


@task()
def run_terminal_import(job_id: int) -> str:
    from govflex.attendance.terminal import terminal_import_run  # noqa: PLC0415

    return terminal_import_run(job_id=job_id).status
