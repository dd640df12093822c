"""The unit week roster: person × day with mode, slot or place, leave and holidays."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q

from govflex.arrangements.models import MODES, PLACES, DayException, WeeklyPattern
from govflex.attendance.models import LEAVE_TYPES, Leave
from govflex.core.calendar import WorkCalendar
from govflex.org.access import Access
from govflex.org.models import Person, Unit
from govflex.org.selectors import person_list
from govflex.policies.selectors import unit_calendar

LABELS = dict(MODES) | dict(PLACES) | dict(LEAVE_TYPES)
DOUBLE_TAP_SECONDS = 60


@dataclass(frozen=True)
class Cell:
    day: dt.date
    kind: str  # holiday, leave, off_site, staggered, counted_hours, standard
    text: str


@dataclass(frozen=True)
class RosterRow:
    person: Person
    cells: tuple[Cell, ...]


def week_of(day: dt.date) -> list[dt.date]:
    monday = day - dt.timedelta(days=day.weekday())
    return [monday + dt.timedelta(days=n) for n in range(7)]


def roster_week(
    *, access: Access, unit: Unit, day: dt.date, standard: str, position_type: str = ""
) -> list[RosterRow]:
    days = week_of(day)
    people = list(
        person_list(access=access, within=unit, position_type=position_type).select_related("unit")
    )
    ids = [p.pk for p in people]
    patterns: dict[int, list[WeeklyPattern]] = defaultdict(list)
    for pattern in WeeklyPattern.objects.filter(
        person_id__in=ids, effective_from__lte=days[-1]
    ).order_by("effective_from"):
        patterns[pattern.person_id].append(pattern)
    exceptions = {
        (e.person_id, e.day): e
        for e in DayException.objects.filter(person_id__in=ids, day__gte=days[0], day__lte=days[-1])
    }
    leaves: dict[int, list[Leave]] = defaultdict(list)
    for leave in Leave.objects.filter(
        Q(person_id__in=ids), Q(status=Leave.Status.APPROVED), start__lte=days[-1], end__gte=days[0]
    ):
        leaves[leave.person_id].append(leave)
    calendars: dict[int, WorkCalendar] = {}
    rows = []
    for person in people:
        calendar = calendars.get(person.unit_id)
        if calendar is None:
            calendar = calendars[person.unit_id] = unit_calendar(
                agency_id=person.agency_id, unit_id=person.unit_id
            )
        cells = tuple(
            _cell(person, current, calendar, patterns, exceptions, leaves, standard)
            for current in days
        )
        rows.append(RosterRow(person, cells))
    return rows


def _cell(
    person: Person,
    day: dt.date,
    calendar: WorkCalendar,
    patterns: dict[int, list[WeeklyPattern]],
    exceptions: dict[tuple[int, dt.date], DayException],
    leaves: dict[int, list[Leave]],
    standard: str,
) -> Cell:
    if not calendar.is_working_day(day):
        name = calendar.holiday_name(day) or ""
        return Cell(day, "holiday", name)
    for leave in leaves.get(person.pk, ()):
        if leave.start <= day <= leave.end:
            text = str(LABELS.get(leave.leave_type, leave.leave_type))
            return Cell(day, "leave", text if leave.part == "full_day" else f"{text} ½")
    exception = exceptions.get((person.pk, day))
    entry: dict[str, str] | None
    if exception is not None:
        entry = {"mode": exception.mode, "slot": exception.slot, "place": exception.place}
    else:
        in_force = [p for p in patterns.get(person.pk, ()) if p.effective_from <= day]
        entry = in_force[-1].days.get(str(day.weekday())) if in_force else None
    if not entry:
        return Cell(day, "standard", standard)
    mode = entry.get("mode", "")
    if mode == "off_site":
        return Cell(day, mode, str(LABELS.get(entry.get("place", ""), LABELS["off_site"])))
    if mode == "staggered":
        return Cell(day, mode, entry.get("slot") or standard)
    return Cell(day, mode, str(LABELS.get(mode, mode)))


@dataclass(frozen=True)
class TodayRow:
    person: Person
    planned: Cell
    first_punch: dt.datetime | None
    last_punch: dt.datetime | None
    punches: int
    on_site_now: bool


def today_board(*, access: Access, unit: Unit, now: dt.datetime, standard: str) -> list[TodayRow]:
    """Who is planned where today, and who has checked in (and is on site) so far."""
    from django.utils import timezone  # noqa: PLC0415

    from govflex.attendance.models import Punch  # noqa: PLC0415

    today = timezone.localdate(now)
    rows = roster_week(access=access, unit=unit, day=today, standard=standard)
    start = dt.datetime.combine(today, dt.time.min, tzinfo=timezone.get_current_timezone())
    seen: dict[int, list[Punch]] = defaultdict(list)
    for punch in Punch.objects.filter(
        person_id__in=[r.person.pk for r in rows], at__gte=start, at__lte=now
    ).order_by("at"):
        kept = seen[punch.person_id]
        # A second tap within a minute is the same punch (as the day evaluation counts it).
        if not kept or (punch.at - kept[-1].at).total_seconds() >= DOUBLE_TAP_SECONDS:
            kept.append(punch)
    board = []
    for row in rows:
        planned = next(c for c in row.cells if c.day == today)
        punches = seen.get(row.person.pk, [])
        # An odd number of punches: checked in and not yet out.
        on_site = bool(punches) and len(punches) % 2 == 1 and punches[-1].on_site
        board.append(
            TodayRow(
                person=row.person,
                planned=planned,
                first_punch=punches[0].at if punches else None,
                last_punch=punches[-1].at if len(punches) > 1 else None,
                punches=len(punches),
                on_site_now=on_site,
            )
        )
    return board
