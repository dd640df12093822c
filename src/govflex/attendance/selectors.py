"""Scoped reads of punches and day results, and the check-in page's view of today."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from govflex.attendance.models import DayResult, Punch
from govflex.attendance.plans import arrangement_for
from govflex.attendance.services import day_result_values
from govflex.core.enums import DayStatus
from govflex.core.records import Arrangement
from govflex.org.access import Access
from govflex.org.models import Person, Unit
from govflex.policies.selectors import policy_for


def punch_list(
    *,
    access: Access,
    person_id: int | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> QuerySet[Punch]:
    qs = Punch.objects.filter(access.people_filter("person__")).select_related("person", "site")
    if person_id is not None:
        qs = qs.filter(person_id=person_id)
    tz = timezone.get_current_timezone()
    if start is not None:
        qs = qs.filter(at__gte=dt.datetime.combine(start, dt.time.min, tzinfo=tz))
    if end is not None:
        qs = qs.filter(
            at__lt=dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
        )
    return qs.order_by("person_id", "at")


def day_result_list(
    *,
    access: Access,
    person_id: int | None = None,
    within: Unit | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    status: str = "",
) -> QuerySet[DayResult]:
    qs = DayResult.objects.filter(access.people_filter("person__")).select_related("person")
    if person_id is not None:
        qs = qs.filter(person_id=person_id)
    if within is not None:
        qs = qs.filter(person__unit__path__startswith=within.path, agency_id=within.agency_id)
    if start is not None:
        qs = qs.filter(day__gte=start)
    if end is not None:
        qs = qs.filter(day__lte=end)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("day", "person_id")


@dataclass(frozen=True)
class Today:
    person: Person
    day: dt.date
    plan_text: str
    on_site_planned: bool
    punches: list[Punch]
    result: DayResult
    live_label: str
    next_action: str


def describe_plan(plan: Arrangement | None, *, standard: str) -> tuple[str, bool]:
    if plan is None:
        return _("Standard hours %(hours)s, on site") % {"hours": standard}, True
    label = plan.slot.label() if plan.slot is not None else standard
    if not plan.on_site:
        return _("Off site, %(hours)s") % {"hours": label}, False
    if plan.mode.value == "counted_hours":
        return _("On site, counted hours"), True
    return _("On site, staggered hours %(hours)s") % {"hours": label}, True


def live_label(result: DayResult) -> str:
    """A provisional day reads as "not checked in yet" / "working", not as an absence."""
    if not result.final and result.status == DayStatus.ABSENT:
        return _("Not checked in yet")
    if not result.final and result.status == DayStatus.INCOMPLETE:
        return _("Checked in — working")
    return str(result.get_status_display())


def today_for(*, person: Person, now: dt.datetime | None = None) -> Today:
    now = now or timezone.now()
    day = timezone.localdate(now)
    policy = policy_for(agency_id=person.agency_id, day=day, unit_id=person.unit_id)
    plan_text, on_site = describe_plan(
        arrangement_for(person=person, day=day), standard=policy.standard_day.hours.label()
    )
    # Computed for display, not stored: a page view writes nothing; tasks keep stored results.
    result = DayResult(person=person, day=day, **day_result_values(person=person, day=day, now=now))
    punches = list(punch_list_for_day(person=person, day=day))
    return Today(
        person=person,
        day=day,
        plan_text=plan_text,
        on_site_planned=on_site,
        punches=punches,
        result=result,
        live_label=live_label(result),
        next_action=_("Check out") if punches else _("Check in"),
    )


def punch_list_for_day(*, person: Person, day: dt.date) -> QuerySet[Punch]:
    tz = timezone.get_current_timezone()
    start = dt.datetime.combine(day, dt.time.min, tzinfo=tz)
    return Punch.objects.filter(
        person=person, at__gte=start, at__lt=start + dt.timedelta(days=1)
    ).select_related("site")
