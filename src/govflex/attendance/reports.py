"""Attendance reports: a unit's day sheet, a person's month, a unit's month.

Reports read stored day results and compute (without storing) any day not yet evaluated, so a
report is complete even before the nightly confirmation has run.
"""

from __future__ import annotations

import calendar as month_calendar
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from govflex.attendance.models import DAY_STATUSES, DayResult
from govflex.attendance.services import day_result_values
from govflex.core.enums import DayStatus, WorkMode
from govflex.core.flexi import close_period, day_entry, period_of
from govflex.core.records import DayResult as CoreDayResult
from govflex.org.access import Access
from govflex.org.models import Person, Unit
from govflex.org.selectors import person_list
from govflex.policies.selectors import agency_calendar, policy_for

STATUS_LABELS = dict(DAY_STATUSES)
LATE = {DayStatus.LATE, DayStatus.LATE_AND_LEFT_EARLY}
EARLY = {DayStatus.LEFT_EARLY, DayStatus.LATE_AND_LEFT_EARLY}


@dataclass
class Row:
    person: Person
    day: dt.date
    status: str
    mode: str
    worked_minutes: int
    late_minutes: int
    early_minutes: int
    first_punch: dt.datetime | None
    last_punch: dt.datetime | None
    exceptions: list[dict[str, str]]

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS.get(self.status, self.status))


@dataclass
class Totals:
    person: Person
    days: int = 0
    worked_minutes: int = 0
    late_count: int = 0
    late_minutes: int = 0
    early_count: int = 0
    absences: int = 0
    leave_days: int = 0
    off_site_days: int = 0
    incomplete: int = 0
    mode2_balance_minutes: int | None = None

    @property
    def worked_hours(self) -> str:
        return f"{self.worked_minutes // 60}:{self.worked_minutes % 60:02d}"


@dataclass
class Report:
    title: str
    kind: str
    start: dt.date
    end: dt.date
    unit: Unit | None = None
    person: Person | None = None
    rows: list[Row] = field(default_factory=list)
    totals: list[Totals] = field(default_factory=list)


def month_range(year: int, month: int) -> tuple[dt.date, dt.date]:
    last = month_calendar.monthrange(year, month)[1]
    return dt.date(year, month, 1), dt.date(year, month, last)


def _rows(people: list[Person], start: dt.date, end: dt.date) -> list[Row]:
    """One row per person-day up to today: days still to come have nothing to report yet."""
    end = min(end, timezone.localdate())
    stored = {
        (r.person_id, r.day): r
        for r in DayResult.objects.filter(person__in=people, day__gte=start, day__lte=end)
    }
    rows = []
    for person in people:
        day = start
        while day <= end:
            found = stored.get((person.pk, day))
            values: dict[str, Any] = (
                {f: getattr(found, f) for f in _FIELDS}
                if found is not None
                else day_result_values(person=person, day=day)
            )
            rows.append(Row(person=person, day=day, **{f: values[f] for f in _FIELDS}))
            day += dt.timedelta(days=1)
    return rows


_FIELDS = (
    "status",
    "mode",
    "worked_minutes",
    "late_minutes",
    "early_minutes",
    "first_punch",
    "last_punch",
    "exceptions",
)


def _totals(person: Person, rows: list[Row]) -> Totals:
    totals = Totals(person=person)
    for row in rows:
        status = DayStatus(row.status)
        totals.days += 1
        totals.worked_minutes += row.worked_minutes
        totals.late_count += status in LATE
        totals.late_minutes += row.late_minutes
        totals.early_count += status in EARLY
        totals.absences += status is DayStatus.ABSENT
        totals.incomplete += status is DayStatus.INCOMPLETE
        totals.leave_days += status is DayStatus.ON_LEAVE
        totals.off_site_days += row.mode == WorkMode.OFF_SITE
    totals.mode2_balance_minutes = _mode2_balance(person, rows)
    return totals


def _mode2_balance(person: Person, rows: list[Row]) -> int | None:
    """Counted-hours balance over the whole weeks in the rows (Guideline 2565 mode 2)."""
    mode2 = [r for r in rows if r.mode == WorkMode.COUNTED_HOURS]
    if not mode2:
        return None
    policy = policy_for(agency_id=person.agency_id, day=rows[0].day, unit_id=person.unit_id)
    weekdays = agency_calendar(agency_id=person.agency_id).working_weekdays
    periods: dict[Any, list[Any]] = defaultdict(list)
    for row in rows:
        mode = WorkMode(row.mode) if row.mode else None
        core = CoreDayResult(row.day, DayStatus(row.status), row.worked_minutes, mode=mode)
        entry = day_entry(core, policy=policy, working_weekdays=weekdays)
        periods[period_of(row.day, policy.counted_hours)].append(entry)
    balance = 0
    first, last = rows[0].day, rows[-1].day
    for period, entries in periods.items():
        if period.start < first or period.end > last:
            continue  # only whole accounting periods inside the report are settled
        closed = close_period(period, entries, rules=policy.counted_hours, carried_in=0)
        balance += closed.balance_minutes
    return balance


def unit_day_sheet(*, access: Access, unit: Unit, day: dt.date) -> Report:
    people = list(person_list(access=access, within=unit).select_related("position"))
    report = Report(
        title=_("Day sheet: %(unit)s") % {"unit": unit.name_th},
        kind="day_sheet",
        start=day,
        end=day,
        unit=unit,
    )
    report.rows = _rows(people, day, day)
    return report


def person_month(*, access: Access, person: Person, year: int, month: int) -> Report:
    start, end = month_range(year, month)
    report = Report(
        title=_("Monthly record: %(name)s") % {"name": person.full_name_th},
        kind="person_month",
        start=start,
        end=end,
        person=person,
    )
    report.rows = _rows([person], start, end)
    report.totals = [_totals(person, report.rows)]
    return report


def unit_month(*, access: Access, unit: Unit, year: int, month: int) -> Report:
    start, end = month_range(year, month)
    people = list(person_list(access=access, within=unit))
    report = Report(
        title=_("Monthly summary: %(unit)s") % {"unit": unit.name_th},
        kind="unit_month",
        start=start,
        end=end,
        unit=unit,
    )
    rows = _rows(people, start, end)
    by_person: dict[int, list[Row]] = defaultdict(list)
    for row in rows:
        by_person[row.person.pk].append(row)
    report.totals = [_totals(p, by_person[p.pk]) for p in people]
    return report
