"""The simulation's CSV formats (docs/simulation.md): people, punches, arrangements, leave,
agency holidays. Each reader returns plain values and records every bad row in ``problems``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Final
from zoneinfo import ZoneInfo

from govflex.core.enums import (
    LeavePart,
    PlaceType,
    PositionType,
    PunchSource,
    ReportState,
    WorkMode,
)
from govflex.core.records import Arrangement, Punch
from govflex.simulate.errors import Problems
from govflex.simulate.table import Fields, Row, parse_timestamp, read_table

MAX_LEAVE_DAYS: Final = 366
DEFAULT_HOLIDAY_NAME: Final = "วันหยุดราชการเป็นกรณีพิเศษ"

_MODE_ALIASES: Final = {
    "1": WorkMode.STAGGERED,
    "2": WorkMode.COUNTED_HOURS,
    "3": WorkMode.OFF_SITE,
    "เหลื่อมเวลา": WorkMode.STAGGERED,
    "นับชั่วโมง": WorkMode.COUNTED_HOURS,
    "นอกที่ตั้ง": WorkMode.OFF_SITE,
}
_PART_ALIASES: Final = {
    "full": LeavePart.FULL_DAY,
    "เต็มวัน": LeavePart.FULL_DAY,
    "เช้า": LeavePart.MORNING,
    "ครึ่งวันเช้า": LeavePart.MORNING,
    "บ่าย": LeavePart.AFTERNOON,
    "ครึ่งวันบ่าย": LeavePart.AFTERNOON,
}


class AbsenceKind(StrEnum):
    """What a leave.csv row records: approved leave, or official travel (duty, not leave)."""

    LEAVE = "leave"
    OFFICIAL_TRAVEL = "official_travel"


_KIND_ALIASES: Final = {
    "ลา": AbsenceKind.LEAVE,
    "travel": AbsenceKind.OFFICIAL_TRAVEL,
    "ไปราชการ": AbsenceKind.OFFICIAL_TRAVEL,
}


@dataclass(frozen=True, slots=True)
class Plan:
    """How a person works on a day: the arrangement (None: the standard day on site) and the
    state of the off-site plan and report."""

    arrangement: Arrangement | None = None
    report: ReportState = ReportState.NONE

    @property
    def mode(self) -> WorkMode:
        return WorkMode.STAGGERED if self.arrangement is None else self.arrangement.mode


STANDARD_PLAN: Final = Plan()


@dataclass(frozen=True, slots=True)
class Person:
    staff_id: str
    position_type: PositionType
    plan: Plan
    row: int


@dataclass(frozen=True, slots=True)
class WeeklyPlan:
    """An arrangements.csv row with a weekday pattern, optionally limited to a date span."""

    weekdays: frozenset[int]
    valid_from: date | None
    valid_to: date | None
    plan: Plan

    def applies(self, day: date) -> bool:
        return (
            day.weekday() in self.weekdays
            and (self.valid_from is None or self.valid_from <= day)
            and (self.valid_to is None or day <= self.valid_to)
        )


@dataclass(frozen=True, slots=True)
class Absence:
    """Approved leave (a part of the day) or official travel on one date."""

    leave: LeavePart | None = None
    official_travel: bool = False


@dataclass
class Arrangements:
    dated: dict[tuple[str, date], Plan]
    weekly: dict[str, list[WeeklyPlan]]


def _plan(fields: Fields, row: Row) -> Plan | None:
    """mode, slot, place, report columns → a plan (None when a value is bad)."""
    mark = len(fields.problems)
    mode = fields.choice(row, "mode", WorkMode, aliases=_MODE_ALIASES)
    slot = fields.window(row, "slot")
    place = fields.choice(row, "place", PlaceType)
    report = fields.choice(row, "report", ReportState) or ReportState.NONE
    if mode is None and slot is not None:
        mode = WorkMode.STAGGERED
    if mode is WorkMode.COUNTED_HOURS and slot is not None:
        fields.fail(row, "slot", "slot_not_for_mode")
    if place is not None and mode is not WorkMode.OFF_SITE:
        fields.fail(row, "place", "place_only_off_site")
    if len(fields.problems) > mark:
        return None
    if mode is None:
        return Plan(None, report)
    if mode is WorkMode.OFF_SITE:
        return Plan(Arrangement.off_site(place, slot), report)
    return Plan(Arrangement(mode, slot), report)


def read_people(path: Path, problems: Problems) -> dict[str, Person] | None:
    """people.csv: staff_id, position_type; optional default mode, slot, place, report."""
    table = read_table(
        path,
        required=("staff_id", "position_type"),
        optional=("mode", "slot", "place", "report"),
        problems=problems,
    )
    if table is None:
        return None
    fields = Fields(table, problems)
    people: dict[str, Person] = {}
    rows_of: dict[str, int] = {}
    for row in fields.rows():
        staff_id = fields.text(row, "staff_id", required=True)
        position = fields.choice(row, "position_type", PositionType, required=True)
        plan = _plan(fields, row)
        if staff_id is not None and staff_id in rows_of:
            fields.fail(row, "staff_id", "duplicate_row", other=rows_of[staff_id])
            continue
        if staff_id is not None:
            rows_of[staff_id] = row.number
        if staff_id is None or position is None or plan is None:
            continue
        people[staff_id] = Person(staff_id, position, plan, row.number)
    return people


def _staff(fields: Fields, row: Row, people: dict[str, Person] | None) -> str | None:
    staff_id = fields.text(row, "staff_id", required=True)
    if staff_id is not None and people is not None and staff_id not in people:
        fields.fail(row, "staff_id", "unknown_staff", value=staff_id)
        return None
    return staff_id


@dataclass
class PunchFile:
    by_person: dict[str, list[Punch]]
    unknown_staff_rows: int


def read_punches(
    path: Path, problems: Problems, people: dict[str, Person] | None, *, tz: ZoneInfo
) -> PunchFile | None:
    """punches.csv: staff_id and timestamp (or date and time columns); optional source, on_site.

    Rows of staff not in people.csv are skipped and counted: a terminal exports everyone, HR
    may simulate one unit. A timestamp without an offset is local time (Asia/Bangkok).
    """
    table = read_table(
        path,
        required=("staff_id",),
        optional=("timestamp", "date", "time", "source", "on_site"),
        problems=problems,
    )
    if table is None:
        return None
    split = "timestamp" not in table.columns
    if split and not {"date", "time"} <= table.columns:
        problems.add(table.name, 1, "timestamp", "column_missing", column="timestamp")
        return None
    fields = Fields(table, problems)
    found: dict[str, list[Punch]] = {}
    unknown = 0
    for row in fields.rows():
        mark = len(problems)
        staff_id = fields.text(row, "staff_id", required=True)
        if split:
            day, clock = (
                fields.text(row, "date", required=True),
                fields.text(row, "time", required=True),
            )
            at = None
            if day is not None and clock is not None:
                at = parse_timestamp(f"{day} {clock}", tz=tz)
                if at is None:
                    fields.fail(row, "date/time", "invalid_timestamp", value=f"{day} {clock}")
        else:
            at = fields.instant(row, "timestamp", tz=tz)
        source = fields.choice(row, "source", PunchSource) or PunchSource.TERMINAL
        on_site = fields.flag(row, "on_site", default=True)
        if staff_id is None or at is None or on_site is None or len(problems) > mark:
            continue
        if people is not None and staff_id not in people:
            unknown += 1
            continue
        found.setdefault(staff_id, []).append(Punch(at, source, on_site))
    for punches in found.values():
        punches.sort(key=lambda punch: punch.at)
    return PunchFile(found, unknown)


def _split_instant(fields: Fields, row: Row, tz: ZoneInfo) -> datetime | None:
    """A punch given as separate ``date`` and ``time`` columns."""
    day, clock = fields.text(row, "date", required=True), fields.text(row, "time", required=True)
    if day is None or clock is None:
        return None
    at = parse_timestamp(f"{day} {clock}", tz=tz)
    if at is None:
        fields.fail(row, "date/time", "invalid_timestamp", value=f"{day} {clock}")
    return at


def read_arrangements(
    path: Path, problems: Problems, people: dict[str, Person] | None
) -> Arrangements | None:
    """arrangements.csv: staff_id, date or weekdays (+ valid_from/valid_to), mode, slot, place,
    report. A dated row wins over a weekday pattern; a later pattern row wins over an earlier."""
    table = read_table(
        path,
        required=("staff_id", "mode"),
        optional=("date", "weekdays", "valid_from", "valid_to", "slot", "place", "report"),
        problems=problems,
    )
    if table is None:
        return None
    fields = Fields(table, problems)
    result = Arrangements({}, {})
    rows_of: dict[tuple[str, date], int] = {}
    for row in fields.rows():
        mark = len(problems)
        staff_id = _staff(fields, row, people)
        fields.text(row, "mode", required=True)
        plan = _plan(fields, row)
        day = fields.day(row, "date")
        weekdays = fields.weekdays(row, "weekdays")
        valid_from, valid_to = fields.day(row, "valid_from"), fields.day(row, "valid_to")
        if bool(row.get("date")) == bool(row.get("weekdays")):
            fields.fail(row, "date", "date_or_weekdays")
            continue
        if row.get("date") and (row.get("valid_from") or row.get("valid_to")):
            fields.fail(row, "valid_from", "only_with_weekdays")
            continue
        if valid_from and valid_to and valid_to < valid_from:
            fields.fail(row, "valid_to", "end_before_start")
            continue
        if staff_id is None or plan is None or len(problems) > mark:
            continue
        if day is not None:
            key = (staff_id, day)
            if key in rows_of:
                fields.fail(row, "date", "duplicate_row", other=rows_of[key])
                continue
            rows_of[key] = row.number
            result.dated[key] = plan
        elif weekdays is not None:
            pattern = WeeklyPlan(weekdays, valid_from, valid_to, plan)
            result.weekly.setdefault(staff_id, []).append(pattern)
    return result


def read_leave(
    path: Path, problems: Problems, people: dict[str, Person] | None
) -> dict[tuple[str, date], Absence] | None:
    """leave.csv: staff_id, date; optional to (a span of full days), part, kind.

    A morning and an afternoon row on the same date make a full day (Leave regulation 2555
    allows half days); any other repeat is a duplicate.
    """
    table = read_table(
        path, required=("staff_id", "date"), optional=("to", "part", "kind"), problems=problems
    )
    if table is None:
        return None
    fields = Fields(table, problems)
    absences: dict[tuple[str, date], Absence] = {}
    rows_of: dict[tuple[str, date], int] = {}
    for row in fields.rows():
        mark = len(problems)
        staff_id = _staff(fields, row, people)
        start = fields.day(row, "date", required=True)
        end = fields.day(row, "to")
        part = fields.choice(row, "part", LeavePart, aliases=_PART_ALIASES) or LeavePart.FULL_DAY
        kind = fields.choice(row, "kind", AbsenceKind, aliases=_KIND_ALIASES) or AbsenceKind.LEAVE
        if start is None or len(problems) > mark:
            continue
        if end is not None and end < start:
            fields.fail(row, "to", "end_before_start")
            continue
        days = (end - start).days + 1 if end is not None else 1
        if days > MAX_LEAVE_DAYS:
            fields.fail(row, "to", "range_too_long", maximum=MAX_LEAVE_DAYS)
            continue
        if days > 1 and part is not LeavePart.FULL_DAY:
            fields.fail(row, "part", "half_day_range")
            continue
        if kind is AbsenceKind.OFFICIAL_TRAVEL and part is not LeavePart.FULL_DAY:
            fields.fail(row, "part", "travel_is_full_day")
            continue
        if staff_id is None:  # unknown staff, already reported
            continue
        absence = (
            Absence(official_travel=True) if kind is AbsenceKind.OFFICIAL_TRAVEL else Absence(part)
        )
        for offset in range(days):
            key = (staff_id, start + timedelta(days=offset))
            earlier = absences.get(key)
            if earlier is None:
                absences[key], rows_of[key] = absence, row.number
            elif {earlier.leave, absence.leave} == {LeavePart.MORNING, LeavePart.AFTERNOON}:
                absences[key] = Absence(LeavePart.FULL_DAY)
            else:
                fields.fail(row, "date", "duplicate_row", other=rows_of[key])
                break
    return absences


def read_holidays(path: Path, problems: Problems) -> dict[date, str] | None:
    """holidays.csv: date, optional name — the agency's special holidays (e.g. a Cabinet-declared
    special holiday), added to Thailand's public holidays (Working-time notice)."""
    table = read_table(path, required=("date",), optional=("name", "name_en"), problems=problems)
    if table is None:
        return None
    fields = Fields(table, problems)
    found: dict[date, str] = {}
    rows_of: dict[date, int] = {}
    for row in fields.rows():
        day = fields.day(row, "date", required=True)
        if day is None:
            continue
        if day in found:
            fields.fail(row, "date", "duplicate_row", other=rows_of[day])
            continue
        found[day] = fields.text(row, "name") or DEFAULT_HOLIDAY_NAME
        rows_of[day] = row.number
    return found
