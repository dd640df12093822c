"""Reading emergencies: the list, who is affected, and the head-counts for the dashboard."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from govflex.arrangements.book import plan_book
from govflex.arrangements.selectors import emergency_on
from govflex.continuity.emergencies import may_prepare, people_in_scope
from govflex.continuity.models import Emergency
from govflex.core.emergency import EmergencyDay, Standing
from govflex.core.enums import LeavePart
from govflex.org.access import access_for
from govflex.org.models import Person


def emergency_list(*, actor: Any) -> QuerySet[Emergency]:
    """The agency's emergencies; drafts only for those who prepare them."""
    access = access_for(actor)
    condition = Q(status=Emergency.Status.DECLARED)
    preparers = [a for a in access.agencies() if may_prepare(actor, a)]
    if preparers:
        condition |= Q(agency_id__in=preparers)
    queryset = Emergency.objects.filter(condition).exclude(status=Emergency.Status.CANCELLED)
    if not access.is_admin:
        queryset = queryset.filter(agency_id__in=access.agencies())
    return queryset.select_related("order").prefetch_related("units")


def is_active(emergency: Emergency, day: dt.date) -> bool:
    return (
        emergency.status == Emergency.Status.DECLARED
        and timezone.localdate(emergency.starts_at) <= day
        and (emergency.end_date is None or day <= emergency.end_date)
    )


@dataclass(frozen=True)
class AffectedRow:
    person: Person
    standing: Standing | None  # None: another emergency is in charge of the person that day
    on_leave: bool


@dataclass(frozen=True)
class ActiveEmergency:
    emergency: Emergency
    total: int
    off_site: int  # switched to off-site work
    essential: int  # essential: on the normal (on-site) arrangement
    recalled: int
    on_leave: int


def emergency_people(*, actor: Any, emergency: Emergency, day: dt.date) -> list[AffectedRow]:
    """Everyone in the emergency's scope whom the actor may see, with their standing that day
    (one plan book: a handful of queries for any number of people)."""
    access = access_for(actor)
    people = list(
        people_in_scope(emergency, day)
        .filter(access.people_filter())
        .select_related("unit", "position")
        .order_by("unit__path", "last_name_th", "first_name_th")
    )
    book = plan_book(people, day, day)
    rows = []
    for person in people:
        found = book.emergency(person, day)
        in_charge = found is not None and found.period.emergency_id == emergency.pk
        rows.append(
            AffectedRow(
                person,
                found.standing if found is not None and in_charge else None,
                book.leave_part(person, day) is LeavePart.FULL_DAY,
            )
        )
    return rows


def emergencies_active(*, actor: Any, day: dt.date | None = None) -> list[ActiveEmergency]:
    """For the dashboard: emergencies in force on ``day`` with their scope and head-counts
    (within the actor's scope)."""
    day = day or timezone.localdate()
    found = []
    for emergency in emergency_list(actor=actor).filter(status=Emergency.Status.DECLARED):
        if not is_active(emergency, day):
            continue
        rows = emergency_people(actor=actor, emergency=emergency, day=day)
        on_leave = sum(1 for r in rows if r.on_leave)
        working = [r for r in rows if not r.on_leave]
        found.append(
            ActiveEmergency(
                emergency,
                total=len(rows),
                off_site=sum(1 for r in working if r.standing is Standing.OFF_SITE),
                essential=sum(1 for r in working if r.standing is Standing.ESSENTIAL),
                recalled=sum(1 for r in working if r.standing is Standing.RECALLED),
                on_leave=on_leave,
            )
        )
    return found


@dataclass(frozen=True)
class Notice:
    """What a person's day page says about an emergency."""

    emergency: Emergency
    found: EmergencyDay


def notice_for(*, person: Person, day: dt.date) -> Notice | None:
    found = emergency_on(person=person, day=day)
    if found is None:
        return None
    emergency = Emergency.objects.select_related("order").get(pk=found.period.emergency_id)
    return Notice(emergency, found)
