"""The emergency laid over the stored arrangements, for one person-day or many at once.

Both places that resolve a day plan — ``arrangements.selectors.arrangement_on`` (one day) and
``arrangements.book.PlanBook`` (rosters, approvals, live attendance, reports) — ask
:meth:`EmergencyBook.day` and apply :func:`overlaid`, so they cannot disagree. Nothing stored
is changed: ending an emergency restores the normal plans, and a past day keeps what was in
force then because the emergency's own dates say so.

Cost: one query when no emergency touches the period; five more when one does (units,
positions, essentials and their two lists), however many people are asked about.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.utils import timezone

from govflex.continuity.models import Emergency, UnitEssentials
from govflex.core.emergency import (
    EmergencyDay,
    EmergencyKind,
    EmergencyPeriod,
    Essentials,
    Member,
    emergency_day,
)
from govflex.org.models import Person, Position, PositionType, Unit

# Where people work during an emergency: their residence (Off-site regulation 2565 allows it).
EMERGENCY_PLACE = "residence"


def order_number(emergency: Emergency) -> str:
    order = emergency.order
    if order is None or order.number is None:
        return ""
    return f"{order.number}/{order.year_be}"


def period_of(emergency: Emergency) -> EmergencyPeriod:
    """A declared emergency as the rules core needs it (units prefetched by the caller)."""
    return EmergencyPeriod(
        emergency_id=emergency.pk,
        agency_id=emergency.agency_id,
        kind=EmergencyKind(emergency.kind),
        starts_at=emergency.starts_at,
        end=emergency.end_date,
        declared_at=emergency.declared_at or emergency.starts_at,
        unit_paths=tuple(u.path for u in emergency.units.all()),
        order_number=order_number(emergency),
    )


def declared_between(agency_ids: Iterable[int], start: dt.date, end: dt.date) -> list[Emergency]:
    """Declared emergencies of these agencies touching ``start``–``end``."""
    before = dt.datetime.combine(end + dt.timedelta(days=1), dt.time(0))
    return list(
        Emergency.objects.filter(
            agency_id__in=set(agency_ids),
            status=Emergency.Status.DECLARED,
            starts_at__lt=timezone.make_aware(before),
        )
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=start))
        .select_related("order")
        .prefetch_related("units")
    )


def essentials_of(rows: Iterable[UnitEssentials]) -> dict[int, Essentials]:
    return {
        row.unit_id: Essentials(
            positions=frozenset(p.pk for p in row.positions.all()),
            people=frozenset(p.pk for p in row.people.all()),
            counter_default=row.counter_default,
        )
        for row in rows
    }


@dataclass
class EmergencyBook:
    """Emergencies and the facts about people needed to lay them over their plans."""

    periods: list[EmergencyPeriod] = field(default_factory=list)
    emergencies: dict[int, Emergency] = field(default_factory=dict)
    members: dict[int, Member] = field(default_factory=dict)
    essentials: dict[int, Essentials] = field(default_factory=dict)

    def day(
        self, person: Person, day: dt.date, *, recalled_at: dt.datetime | None = None
    ) -> EmergencyDay | None:
        """The one decision: is this person switched to off-site work on this day, and why."""
        member = self.members.get(person.pk)
        if member is None or not self.periods:
            return None
        return emergency_day(
            member,
            day,
            self.periods,
            self.essentials.get(member.unit_id),
            recalled_at=recalled_at,
        )


def emergency_book(people: Iterable[Person], start: dt.date, end: dt.date) -> EmergencyBook:
    people = list(people)
    emergencies = declared_between({p.agency_id for p in people}, start, end)
    if not emergencies:
        return EmergencyBook()
    units = {
        row["pk"]: row
        for row in Unit.objects.filter(pk__in={p.unit_id for p in people}).values(
            "pk", "path", "is_service_point"
        )
    }
    public = set(
        Position.objects.filter(
            pk__in={p.position_id for p in people}, position_type=PositionType.PUBLIC_CONTACT
        ).values_list("pk", flat=True)
    )
    members = {
        p.pk: Member(
            person_id=p.pk,
            agency_id=p.agency_id,
            unit_id=p.unit_id,
            unit_path=units[p.unit_id]["path"],
            position_id=p.position_id,
            public_contact=p.position_id in public,
            counter_unit=units[p.unit_id]["is_service_point"],
        )
        for p in people
        if p.unit_id in units
    }
    rows = UnitEssentials.objects.filter(unit_id__in=units).prefetch_related("positions", "people")
    return EmergencyBook(
        periods=[period_of(e) for e in emergencies],
        emergencies={e.pk: e for e in emergencies},
        members=members,
        essentials=essentials_of(rows),
    )


def overlaid(
    entry: Mapping[str, Any] | None, found: EmergencyDay | None
) -> Mapping[str, Any] | None:
    """The day's plan with the emergency applied: off site at the residence, keeping the
    person's slot (so the working window stays where it was); otherwise unchanged."""
    if found is None or not found.off_site:
        return entry
    return {"mode": "off_site", "slot": (entry or {}).get("slot", ""), "place": EMERGENCY_PLACE}


DEFAULT_EMERGENCY_MINIMUM = 1


def emergency_minima(unit_ids: Iterable[int]) -> dict[int, int]:
    """The emergency minimum on site of the service points that set one (default 1)."""
    return dict(
        UnitEssentials.objects.filter(unit_id__in=list(unit_ids)).values_list(
            "unit_id", "emergency_minimum"
        )
    )
