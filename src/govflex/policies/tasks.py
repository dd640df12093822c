"""Background tasks of the policies app."""

from __future__ import annotations

import datetime as dt

from django_tasks import task


@task()
def recompute_agency(agency_id: int, start: str, end: str) -> int:
    """Judge an agency's days again after a policy took effect in the past."""
    from govflex.attendance.services import days_recompute  # noqa: PLC0415 - app order
    from govflex.org.models import Person  # noqa: PLC0415

    people = Person.objects.filter(agency_id=agency_id).select_related("unit").order_by("pk")
    return days_recompute(
        people=people, start=dt.date.fromisoformat(start), end=dt.date.fromisoformat(end)
    )
