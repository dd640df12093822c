"""Evidence for performance evaluation: what a person (or a unit) did in an evaluation half.

Guideline 2565 asks supervisors to manage performance by results "without limits of form and
place"; the half-yearly evaluation (1 Oct – 31 Mar, 1 Apr – 30 Sep) stays the supervisor's
judgement. This module therefore only counts — work completed and on time, outputs, off-site
report completeness, reachability, attendance compliance — each broken down by the work mode of
the day. It never combines them into a score or a grade.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from govflex.core.enums import DayStatus

STANDARD = "standard"  # the regular on-site day (no new-normal mode)
NO_RESULT = "none"  # a day without a day result (a weekend, before the system was used)

COMPLIANT = frozenset({DayStatus.PRESENT, DayStatus.OFF_SITE_REPORTED, DayStatus.OFFICIAL_TRAVEL})
NOT_COMPLIANT = frozenset(
    {
        DayStatus.LATE,
        DayStatus.LEFT_EARLY,
        DayStatus.LATE_AND_LEFT_EARLY,
        DayStatus.INCOMPLETE,
        DayStatus.ABSENT,
        DayStatus.OFF_SITE_REPORT_MISSING,
    }
)
LATE = frozenset({DayStatus.LATE, DayStatus.LATE_AND_LEFT_EARLY})
REPORT_FILED = frozenset({"reported", "accepted", "more_requested"})


@dataclass(frozen=True, slots=True)
class DayFact:
    day: dt.date
    mode: str  # a WorkMode value, or "" for the standard day
    status: DayStatus


@dataclass(frozen=True, slots=True)
class ItemFact:
    due: dt.date
    completed_on: dt.date | None
    open: bool


@dataclass(frozen=True, slots=True)
class ReportFact:
    day: dt.date
    status: str  # planned / reported / accepted / more_requested


@dataclass(frozen=True, slots=True)
class ContactFact:
    day: dt.date
    response_seconds: int | None  # None: not answered


@dataclass
class Figures:
    """Counts for one person or group, for one work mode or all of them. Additive, so a unit's
    figures are the sum of its people's (shares are computed from the sums, never averaged)."""

    working_days: int = 0
    compliant_days: int = 0
    late_days: int = 0
    absent_days: int = 0
    leave_days: int = 0
    items_due: int = 0
    items_completed: int = 0
    items_on_time: int = 0
    items_overdue_open: int = 0
    outputs: int = 0
    off_site_days: int = 0
    plans_filed: int = 0
    reports_filed: int = 0
    reports_accepted: int = 0
    reports_more_requested: int = 0
    contact_checks: int = 0
    contact_answered: int = 0
    response_seconds: list[int] = field(default_factory=list)

    def add(self, other: Figures) -> None:
        for name in self.__dataclass_fields__:
            if name == "response_seconds":
                self.response_seconds.extend(other.response_seconds)
            else:
                setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def compliance_share(self) -> float | None:
        return _share(self.compliant_days, self.working_days)

    @property
    def on_time_share(self) -> float | None:
        return _share(self.items_on_time, self.items_completed)

    @property
    def report_completeness(self) -> float | None:
        return _share(self.reports_filed, self.off_site_days)

    @property
    def answered_share(self) -> float | None:
        return _share(self.contact_answered, self.contact_checks)

    @property
    def median_response_seconds(self) -> float | None:
        return statistics.median(self.response_seconds) if self.response_seconds else None

    @property
    def empty(self) -> bool:
        return not any(
            getattr(self, name) for name in self.__dataclass_fields__ if name != "response_seconds"
        )


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@dataclass
class Evidence:
    """All figures, and the same figures per work mode of the day."""

    total: Figures = field(default_factory=Figures)
    by_mode: dict[str, Figures] = field(default_factory=dict)

    def mode(self, key: str) -> Figures:
        return self.by_mode.setdefault(key, Figures())

    def add(self, other: Evidence) -> None:
        self.total.add(other.total)
        for key, figures in other.by_mode.items():
            self.mode(key).add(figures)


def collect(
    *,
    start: dt.date,
    end: dt.date,
    days: Iterable[DayFact],
    items: Iterable[ItemFact],
    outputs: Iterable[dt.date],
    reports: Iterable[ReportFact],
    contacts: Iterable[ContactFact],
) -> Evidence:
    """One person's evidence over ``start``–``end`` (``end``: the half's end or today).

    A fact is counted in the mode of the day it happened on: an item in the mode of the day it
    was completed, an output on the day it was attached, a contact check on the day it was sent.
    """
    evidence = Evidence()
    modes: dict[dt.date, str] = {}

    def within(day: dt.date) -> bool:
        return start <= day <= end

    for fact in (f for f in days if within(f.day)):
        modes[fact.day] = fact.mode or STANDARD
        for figures in _on(evidence, modes, fact.day):
            _count_day(figures, fact)
    for item in items:
        _count_item(evidence, modes, item, start, end)
    for day in filter(within, outputs):
        for figures in _on(evidence, modes, day):
            figures.outputs += 1
    for report in (r for r in reports if within(r.day)):
        for figures in _on(evidence, modes, report.day):
            _count_report(figures, report)
    for check in (c for c in contacts if within(c.day)):
        for figures in _on(evidence, modes, check.day):
            _count_contact(figures, check)
    return evidence


def _on(evidence: Evidence, modes: Mapping[dt.date, str], day: dt.date) -> tuple[Figures, ...]:
    """Where a fact of ``day`` counts: in the total and in the day's mode."""
    return (evidence.total, evidence.mode(modes.get(day, NO_RESULT)))


def _count_item(
    evidence: Evidence, modes: Mapping[dt.date, str], item: ItemFact, start: dt.date, end: dt.date
) -> None:
    # Due and overdue belong to the period, not to a day's mode.
    if start <= item.due <= end:
        evidence.total.items_due += 1
        evidence.total.items_overdue_open += item.open and item.due < end
    done = item.completed_on
    if done is not None and start <= done <= end:
        for figures in _on(evidence, modes, done):
            figures.items_completed += 1
            figures.items_on_time += done <= item.due


def _count_day(figures: Figures, fact: DayFact) -> None:
    if fact.status is DayStatus.ON_LEAVE:
        figures.leave_days += 1
    if fact.status in COMPLIANT or fact.status in NOT_COMPLIANT:
        figures.working_days += 1
        figures.compliant_days += fact.status in COMPLIANT
        figures.late_days += fact.status in LATE
        figures.absent_days += fact.status is DayStatus.ABSENT
        if fact.mode == "off_site":
            figures.off_site_days += 1


def _count_contact(figures: Figures, check: ContactFact) -> None:
    figures.contact_checks += 1
    if check.response_seconds is not None:
        figures.contact_answered += 1
        figures.response_seconds.append(check.response_seconds)


def _count_report(figures: Figures, report: ReportFact) -> None:
    figures.plans_filed += 1
    figures.reports_filed += report.status in REPORT_FILED
    figures.reports_accepted += report.status == "accepted"
    figures.reports_more_requested += report.status == "more_requested"


def combine(people: Mapping[int, Evidence]) -> Evidence:
    """A group's evidence: the sum of its people's."""
    group = Evidence()
    for evidence in people.values():
        group.add(evidence)
    return group
