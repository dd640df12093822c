"""Unit rosters (week, month): person × day with mode, slot or place, leave, holidays and
pending requests; and the "on site today" board."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q

from govflex.arrangements.book import PlanBook, days_between, entry_text, plan_book
from govflex.arrangements.models import MODES, PLACES, ArrangementRequest, Source
from govflex.attendance.models import LEAVE_TYPES
from govflex.continuity.models import KINDS
from govflex.org.access import Access
from govflex.org.models import Person, Unit
from govflex.org.selectors import person_list

LABELS = dict(MODES) | dict(PLACES) | dict(LEAVE_TYPES)
KIND_LABELS = dict(KINDS)
DOUBLE_TAP_SECONDS = 60


@dataclass(frozen=True)
class Cell:
    day: dt.date
    kind: str  # holiday, leave, off_site, staggered, counted_hours, standard
    text: str
    pending: bool = False  # a request waiting for a decision would change this day
    recalled: bool = False  # ordered back on site
    emergency: str = ""  # the emergency that switched the day off site: kind and order


@dataclass(frozen=True)
class RosterRow:
    person: Person
    cells: tuple[Cell, ...]


def week_of(day: dt.date) -> list[dt.date]:
    monday = day - dt.timedelta(days=day.weekday())
    return [monday + dt.timedelta(days=n) for n in range(7)]


def month_of(day: dt.date) -> list[dt.date]:
    first = day.replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return days_between(first, following - dt.timedelta(days=1))


def roster_week(
    *, access: Access, unit: Unit, day: dt.date, standard: str, position_type: str = ""
) -> list[RosterRow]:
    return roster_rows(
        access=access,
        unit=unit,
        days=week_of(day),
        standard=standard,
        position_type=position_type,
    )


def roster_rows(
    *, access: Access, unit: Unit, days: list[dt.date], standard: str, position_type: str = ""
) -> list[RosterRow]:
    """Person × day for the unit subtree: holidays, leave, the plan, and pending requests."""
    people = list(
        person_list(access=access, within=unit, position_type=position_type).select_related("unit")
    )
    book = plan_book(people, days[0], days[-1])
    pending = _pending_days(people, days[0], days[-1])
    rows = []
    for person in people:
        cells = tuple(
            _cell(person, current, book, standard, (person.pk, current) in pending)
            for current in days
        )
        rows.append(RosterRow(person, cells))
    return rows


def person_cells(*, person: Person, days: list[dt.date], standard: str) -> tuple[Cell, ...]:
    """One person's days (their own calendar; the caller has checked who may see it)."""
    book = plan_book([person], days[0], days[-1])
    pending = _pending_days([person], days[0], days[-1])
    return tuple(_cell(person, d, book, standard, (person.pk, d) in pending) for d in days)


def _pending_days(people: list[Person], start: dt.date, end: dt.date) -> set[tuple[int, dt.date]]:
    """(person, day) pairs a request still waiting for a decision would change."""
    marked: set[tuple[int, dt.date]] = set()
    waiting = (ArrangementRequest.Status.PENDING, ArrangementRequest.Status.AWAITING_PARTNER)
    ids = {p.pk for p in people}
    for request in ArrangementRequest.objects.filter(
        Q(person_id__in=ids) | Q(partner_id__in=ids),
        status__in=waiting,
        first_day__lte=end,
    ).filter(Q(last_day__isnull=True) | Q(last_day__gte=start)):
        for current in days_between(max(start, request.first_day), end):
            if request.kind == ArrangementRequest.Kind.PATTERN:
                hit = str(current.weekday()) in request.days
            else:
                hit = current.isoformat() in request.days
            if hit:
                marked.add((request.person_id, current))
                if request.partner_id is not None:
                    marked.add((request.partner_id, current))
    return marked


def _cell(person: Person, day: dt.date, book: PlanBook, standard: str, pending: bool) -> Cell:
    calendar = book.calendar(person)
    if not calendar.is_working_day(day):
        return Cell(day, "holiday", calendar.holiday_name(day) or "")
    leave = book.leave(person, day)
    if leave is not None:
        text = str(LABELS.get(leave.leave_type, leave.leave_type))
        return Cell(day, "leave", text if leave.part == "full_day" else f"{text} ½", pending)
    entry = book.entry(person, day)
    exception = book.exception(person, day)
    recalled = exception is not None and exception.source == Source.RECALL
    kind = (entry or {}).get("mode") or "standard"
    found = book.emergency(person, day)
    emergency = ""
    if found is not None and found.off_site:
        emergency = str(KIND_LABELS.get(found.period.kind.value, found.period.kind.value))
        if found.period.order_number:
            emergency += f" ({found.period.order_number})"
    return Cell(day, kind, entry_text(entry, LABELS, standard), pending, recalled, emergency)


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
