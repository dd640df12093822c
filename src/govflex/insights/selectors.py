"""What the dashboards read: the summaries of a unit subtree, filtered, totalled, over time and
by child unit; people of one unit; today's live figures. Scoped: HR, executives and auditors see
their agency, supervisors the subtrees they lead."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum

from govflex.attendance.models import DayResult
from govflex.common.errors import NotFound
from govflex.core.evidence import COMPLIANT, LATE, NOT_COMPLIANT
from govflex.core.insights import Counts
from govflex.insights.models import COUNT_FIELDS, UnitDaySummary, UnitSubtreeDay
from govflex.org.access import Access, access_for
from govflex.org.models import Person, Unit

GRANULARITIES = ("day", "week", "month")


@dataclass(frozen=True)
class Filters:
    agency_id: int
    start: dt.date
    end: dt.date
    unit: Unit | None = None  # the whole agency when None
    position_type: str = ""
    staff_category: str = ""


def _reach(access: Access, agency_id: int) -> tuple[str, ...] | None:
    """The unit paths the user may see (None: the whole agency)."""
    if access.is_agency_reader(agency_id):
        return None
    paths = access.supervised_paths.get(agency_id, ())
    if not paths:
        raise NotFound
    return paths


def check_scope(actor: Any, filters: Filters) -> Filters:
    """The filters, narrowed to what the user may see (a supervisor's own subtree by default)."""
    paths = _reach(access_for(actor), filters.agency_id)
    if paths is None:
        return filters
    if filters.unit is None:
        unit = Unit.objects.filter(agency_id=filters.agency_id, path=paths[0]).first()
        if unit is None:
            raise NotFound
        return Filters(**{**filters.__dict__, "unit": unit})
    if not any(filters.unit.path.startswith(p) for p in paths):
        raise NotFound
    return filters


def summaries(filters: Filters) -> QuerySet[UnitDaySummary]:
    rows = UnitDaySummary.objects.filter(
        agency_id=filters.agency_id, day__gte=filters.start, day__lte=filters.end
    )
    if filters.unit is not None:
        rows = rows.filter(unit_path__startswith=filters.unit.path)
    if filters.position_type:
        rows = rows.filter(position_type=filters.position_type)
    if filters.staff_category:
        rows = rows.filter(staff_category=filters.staff_category)
    return rows


_SUMS = {name: Sum(name) for name in COUNT_FIELDS}


def _rolled(filters: Filters) -> bool:
    """Whether the subtree totals answer: always without a position-type or staff-category
    filter; with one of them, for the agency and its top-level units (which hold those)."""
    if not filters.position_type and not filters.staff_category:
        return True
    if filters.position_type and filters.staff_category:
        return False
    return filters.unit is None or filters.unit.parent_id is None


def subtree_rows(filters: Filters) -> QuerySet[UnitSubtreeDay]:
    """The chosen unit's (or the agency's) subtree totals, one row a day."""
    rows = UnitSubtreeDay.objects.filter(
        agency_id=filters.agency_id,
        day__gte=filters.start,
        day__lte=filters.end,
        position_type=filters.position_type,
        staff_category=filters.staff_category,
    )
    if filters.unit is None:
        return rows.filter(unit__isnull=True)
    return rows.filter(unit_id=filters.unit.pk)


def totals(filters: Filters) -> Counts:
    source = subtree_rows(filters) if _rolled(filters) else summaries(filters)
    return Counts.of(source.aggregate(**_SUMS))


def bucket(day: dt.date, granularity: str) -> dt.date:
    if granularity == "week":
        return day - dt.timedelta(days=day.weekday())
    if granularity == "month":
        return day.replace(day=1)
    return day


def trend(filters: Filters, granularity: str = "day") -> list[tuple[dt.date, Counts]]:
    """Counts per day, week (from Monday) or month, oldest first."""
    per: dict[dt.date, Counts] = defaultdict(Counts)
    if _rolled(filters):
        rows = subtree_rows(filters).values("day", *COUNT_FIELDS)
    else:
        rows = summaries(filters).values("day").annotate(**_SUMS)
    for row in rows.order_by("day"):
        per[bucket(row["day"], granularity)].add(Counts.of(row))
    return sorted(per.items())


def children(filters: Filters) -> list[tuple[Unit, Counts]]:
    """The counts of each child unit (with its subtree) of the chosen unit or agency."""
    kids = Unit.objects.filter(agency_id=filters.agency_id)
    kids = kids.filter(parent=filters.unit) if filters.unit else kids.filter(parent__isnull=True)
    kids_list = list(kids.order_by("code"))
    sums: dict[int, Counts] = {k.pk: Counts() for k in kids_list}
    one_group = bool(filters.position_type) != bool(filters.staff_category)
    plain = not filters.position_type and not filters.staff_category
    if plain or (filters.unit is None and one_group):
        # The top-level units hold per-group totals too; deeper ones only all groups together.
        rolled = UnitSubtreeDay.objects.filter(
            unit__in=kids_list,
            day__gte=filters.start,
            day__lte=filters.end,
            position_type=filters.position_type,
            staff_category=filters.staff_category,
        )
        for row in rolled.values("unit_id").annotate(**_SUMS):
            sums[row.pop("unit_id")].add(Counts.of(row))
        return [(k, sums[k.pk]) for k in kids_list]
    by_unit = summaries(filters).values("unit_path").annotate(**_SUMS)
    for row in by_unit:
        path = row["unit_path"]
        for kid in kids_list:
            if path.startswith(kid.path):
                sums[kid.pk].add(Counts.of(row))
                break
    return [(k, sums[k.pk]) for k in kids_list]


def own_counts(filters: Filters) -> Counts:
    """The counts of the chosen unit's own people (not its sub-units)."""
    if filters.unit is None:
        return Counts()
    rows = summaries(filters).filter(unit_id=filters.unit.pk)
    return Counts.of(rows.aggregate(**_SUMS))


_WORKING = Q(status__in=[s.value for s in COMPLIANT | NOT_COMPLIANT])


def people(filters: Filters) -> list[tuple[Person, dict[str, int]]]:
    """Each person directly in the chosen unit, with their day counts over the period."""
    if filters.unit is None:
        return []
    members = Person.objects.filter(unit=filters.unit).select_related("position")
    if filters.position_type:
        members = members.filter(position__position_type=filters.position_type)
    if filters.staff_category:
        members = members.filter(staff_category=filters.staff_category)
    member_list = list(members.order_by("staff_id")[:500])
    rows = {
        row["person_id"]: row
        for row in DayResult.objects.filter(
            person__in=member_list, day__gte=filters.start, day__lte=filters.end
        )
        .values("person_id")
        .annotate(
            working=Count("pk", filter=_WORKING),
            compliant=Count("pk", filter=Q(status__in=[s.value for s in COMPLIANT])),
            late=Count("pk", filter=Q(status__in=[s.value for s in LATE])),
            off_site=Count("pk", filter=_WORKING & Q(mode="off_site")),
            leave=Count("pk", filter=Q(status="on_leave")),
        )
    }
    empty = {"working": 0, "compliant": 0, "late": 0, "off_site": 0, "leave": 0}
    return [(p, rows.get(p.pk, empty)) for p in member_list]


def raw_totals(filters: Filters) -> dict[str, int]:
    """The same attendance counts straight from the day results (what the summaries save;
    the benchmark compares the two)."""
    results = DayResult.objects.filter(
        agency_id=filters.agency_id, day__gte=filters.start, day__lte=filters.end
    )
    if filters.unit is not None:
        results = results.filter(person__unit__path__startswith=filters.unit.path)
    if filters.position_type:
        results = results.filter(person__position__position_type=filters.position_type)
    if filters.staff_category:
        results = results.filter(person__staff_category=filters.staff_category)
    return results.aggregate(
        people=Count("pk"),
        working=Count("pk", filter=_WORKING),
        compliant=Count("pk", filter=Q(status__in=[s.value for s in COMPLIANT])),
        mode_off_site=Count("pk", filter=_WORKING & Q(mode="off_site")),
    )
