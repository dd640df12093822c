"""Everyone's plans for a range of days, loaded in a handful of queries.

Rosters, the approval impact and the optimiser all ask "what does each of these people do on
each of these days?"; :func:`plan_book` answers for many people at once (patterns, dated days,
approved leave, unit calendars) instead of one query per person-day.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from govflex.arrangements.convert import BadValue, day_plan
from govflex.arrangements.models import DayException, Source, WeeklyPattern
from govflex.attendance.models import Leave
from govflex.continuity.overlay import EmergencyBook, emergency_book, overlaid
from govflex.core.arrangements import DayPlan
from govflex.core.calendar import WorkCalendar
from govflex.core.emergency import EmergencyDay
from govflex.core.enums import LeavePart, WorkMode
from govflex.org.models import Person
from govflex.policies.selectors import unit_calendar

Entry = dict[str, str]


def days_between(start: dt.date, end: dt.date) -> list[dt.date]:
    return [start + dt.timedelta(days=n) for n in range((end - start).days + 1)]


@dataclass
class PlanBook:
    """Plans of some people over ``start``–``end``; ``overrides`` model a change not yet made.

    A declared emergency is laid over the stored plans (and over ``overrides``): see
    :mod:`govflex.continuity.overlay`. Approved leave still wins where it is read (evaluation,
    rosters, :meth:`off_site`).
    """

    start: dt.date
    end: dt.date
    patterns: dict[int, list[WeeklyPattern]]
    exceptions: dict[tuple[int, dt.date], DayException]
    leaves: dict[int, list[Leave]]
    calendars: dict[int, WorkCalendar]
    overrides: dict[tuple[int, dt.date], Entry] = field(default_factory=dict)
    emergencies: EmergencyBook = field(default_factory=EmergencyBook)

    def with_overrides(self, overrides: Mapping[tuple[int, dt.date], Entry]) -> PlanBook:
        return PlanBook(
            self.start,
            self.end,
            self.patterns,
            self.exceptions,
            self.leaves,
            self.calendars,
            {**self.overrides, **overrides},
            self.emergencies,
        )

    def calendar(self, person: Person) -> WorkCalendar:
        calendar = self.calendars.get(person.unit_id)
        if calendar is None:
            calendar = self.calendars[person.unit_id] = unit_calendar(
                agency_id=person.agency_id, unit_id=person.unit_id
            )
        return calendar

    def working(self, person: Person, day: dt.date) -> bool:
        return self.calendar(person).is_working_day(day)

    def leave(self, person: Person, day: dt.date) -> Leave | None:
        for leave in self.leaves.get(person.pk, ()):
            if leave.start <= day <= leave.end:
                return leave
        return None

    def leave_part(self, person: Person, day: dt.date) -> LeavePart | None:
        leave = self.leave(person, day)
        return LeavePart(leave.part) if leave is not None else None

    def exception(self, person: Person, day: dt.date) -> DayException | None:
        return self.exceptions.get((person.pk, day))

    def emergency(self, person: Person, day: dt.date) -> EmergencyDay | None:
        """The emergency covering the person that day (a later recall wins over it)."""
        exception = self.exceptions.get((person.pk, day))
        recalled = exception.created_at if exception and exception.source == Source.RECALL else None
        return self.emergencies.day(person, day, recalled_at=recalled)

    def entry(self, person: Person, day: dt.date) -> Entry | None:
        """The plan for the day (None: the standard day on site), emergency included."""
        found = overlaid(self.stored_entry(person, day), self.emergency(person, day))
        return dict(found) if found is not None else None

    def stored_entry(self, person: Person, day: dt.date) -> Entry | None:
        """The stored plan for the day (None: the standard day on site)."""
        override = self.overrides.get((person.pk, day))
        if override is not None:
            return override
        exception = self.exceptions.get((person.pk, day))
        if exception is not None:
            if not exception.mode:
                return {}  # the standard day, set over the pattern (a swap or a recall)
            return {"mode": exception.mode, "slot": exception.slot, "place": exception.place}
        in_force = [p for p in self.patterns.get(person.pk, ()) if p.effective_from <= day]
        entry = in_force[-1].days.get(str(day.weekday())) if in_force else None
        return entry or None

    def plan(self, person: Person, day: dt.date) -> DayPlan | None:
        entry = self.entry(person, day)
        if entry is None:
            return None
        try:
            return day_plan(entry)
        except BadValue:
            return None  # a value the policy no longer knows: the standard day

    def off_site(self, person: Person, day: dt.date) -> bool:
        """Planned off site on a working day without full-day leave."""
        if not self.working(person, day) or self.leave_part(person, day) is LeavePart.FULL_DAY:
            return False
        plan = self.plan(person, day)
        return plan is not None and plan.mode is WorkMode.OFF_SITE


def plan_book(people: Iterable[Person], start: dt.date, end: dt.date) -> PlanBook:
    people = list(people)
    ids = [p.pk for p in people]
    patterns: dict[int, list[WeeklyPattern]] = defaultdict(list)
    for pattern in WeeklyPattern.objects.filter(
        person_id__in=ids, effective_from__lte=end
    ).order_by("effective_from"):
        patterns[pattern.person_id].append(pattern)
    exceptions = {
        (e.person_id, e.day): e
        for e in DayException.objects.filter(person_id__in=ids, day__gte=start, day__lte=end)
    }
    leaves: dict[int, list[Leave]] = defaultdict(list)
    for leave in Leave.objects.filter(
        person_id__in=ids, status=Leave.Status.APPROVED, start__lte=end, end__gte=start
    ):
        leaves[leave.person_id].append(leave)
    emergencies = emergency_book(people, start, end)
    return PlanBook(start, end, patterns, exceptions, leaves, {}, {}, emergencies)


def entry_text(entry: Mapping[str, Any] | None, labels: Mapping[str, Any], standard: str) -> str:
    """A plan as the roster shows it: the slot, the off-site place, or the mode."""
    if not entry:
        return standard
    mode = str(entry.get("mode", ""))
    if mode == "off_site":
        return str(labels.get(str(entry.get("place", "")), labels["off_site"]))
    if mode == "staggered":
        return str(entry.get("slot") or standard)
    return str(labels.get(mode, mode))
