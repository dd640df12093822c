"""Loading everything a simulation needs, checking it all before anything runs."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml

from govflex.core.calendar import BANGKOK, DateRange
from govflex.core.policy import Policy, PolicyError, policy_from_mapping
from govflex.core.records import Punch
from govflex.core.tabular import UnreadableText, decode_text, parse_date
from govflex.simulate.errors import Problems, SimulationInputError
from govflex.simulate.formats import (
    Absence,
    Arrangements,
    Person,
    Plan,
    WeeklyPlan,
    read_arrangements,
    read_holidays,
    read_leave,
    read_people,
    read_punches,
)


@dataclass(frozen=True)
class SimulationInput:
    """Validated inputs: the policy, the date range, people and what happened to them."""

    policy: Policy
    period: DateRange
    people: dict[str, Person]
    punches: dict[str, list[Punch]] = field(default_factory=dict)
    dated_plans: dict[tuple[str, date], Plan] = field(default_factory=dict)
    weekly_plans: dict[str, list[WeeklyPlan]] = field(default_factory=dict)
    absences: dict[tuple[str, date], Absence] = field(default_factory=dict)
    holidays: dict[date, str] = field(default_factory=dict)
    unknown_staff_punches: int = 0
    tz: ZoneInfo = BANGKOK

    def plan(self, person: Person, day: date) -> Plan:
        """A dated arrangement, else the last matching weekday pattern, else the person's
        default from people.csv (else the standard day, Working-time notice)."""
        dated = self.dated_plans.get((person.staff_id, day))
        if dated is not None:
            return dated
        for pattern in reversed(self.weekly_plans.get(person.staff_id, ())):
            if pattern.applies(day):
                return pattern.plan
        return person.plan


def read_policy(path: Path, problems: Problems) -> Policy | None:
    """The policy YAML: exactly what ``policy_from_mapping`` reads (see docs/simulation.md).

    The simulation applies it to the whole date range, whatever its ``effective_from``.
    """
    name = path.name
    try:
        text, _encoding = decode_text(path.read_bytes())
    except FileNotFoundError:
        problems.add(name, None, "", "file_missing")
        return None
    except UnreadableText as exc:
        problems.add(name, None, "", "file_unreadable", detail=str(exc))
        return None
    try:
        data: Any = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = None if mark is None else mark.line + 1
        detail = str(getattr(exc, "problem", None) or exc).strip()
        problems.add(name, line, "", "yaml_invalid", detail=detail)
        return None
    if not isinstance(data, Mapping):
        problems.add(name, None, "", "policy_not_mapping")
        return None
    try:
        return policy_from_mapping(data)
    except PolicyError as exc:
        for item in exc.messages:
            problems.add_text(name, None, item.path, item.code, th=item.th, en=item.en)
        return None


def read_range(start: date | str, end: date | str, problems: Problems) -> DateRange | None:
    """``--from`` and ``--to``: dates as :func:`parse_date` reads them (Buddhist Era too)."""
    days: list[date | None] = []
    for option, value in (("--from", start), ("--to", end)):
        if isinstance(value, date):
            days.append(value)
            continue
        try:
            days.append(parse_date(value).value)
        except ValueError:
            problems.add(option, None, "", "invalid_date", value=value)
            days.append(None)
    first, last = days
    if first is None or last is None:
        return None
    if last < first:
        problems.add("--to", None, "", "end_before_start")
        return None
    return DateRange(first, last)


def load_inputs(
    *,
    policy: Path,
    people: Path,
    punches: Path,
    date_from: date | str,
    date_to: date | str,
    arrangements: Path | None = None,
    leave: Path | None = None,
    holidays: Path | None = None,
    tz: ZoneInfo = BANGKOK,
) -> SimulationInput:
    """Read and check every input; raise :class:`SimulationInputError` listing all problems."""
    problems = Problems()
    period = read_range(date_from, date_to, problems)
    found_policy = read_policy(policy, problems)
    staff = read_people(people, problems)
    punch_file = read_punches(punches, problems, staff, tz=tz)
    plans = Arrangements({}, {})
    if arrangements is not None:
        plans = read_arrangements(arrangements, problems, staff) or plans
    absences = {} if leave is None else read_leave(leave, problems, staff) or {}
    special = {} if holidays is None else read_holidays(holidays, problems) or {}
    if problems or found_policy is None or period is None or staff is None or punch_file is None:
        raise SimulationInputError(problems.items)
    return SimulationInput(
        policy=found_policy,
        period=period,
        people=staff,
        punches=punch_file.by_person,
        dated_plans=plans.dated,
        weekly_plans=plans.weekly,
        absences=absences,
        holidays=special,
        unknown_staff_punches=punch_file.unknown_staff_rows,
        tz=tz,
    )
