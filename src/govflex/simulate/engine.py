"""Running the rules core over every person-day of the simulated range.

- Punches go to days by :meth:`Evaluator.working_window`; a punch inside two windows belongs to
  the earlier day (the night shift it ends, docs/domain/modes-and-day-evaluation.md). The day
  before the range takes part only to claim the end of its night shift.
- Every day of the range is judged, weekends and holidays included, so a holiday shows as
  HOLIDAY, never as an absence (Working-time notice).
- Mode 2 (Guideline 2565: at least 40 h a week) is settled per accounting period with
  :mod:`govflex.core.flexi`, over the periods that lie wholly inside the range. A day the
  person works under another mode takes a standard day off that period's requirement, like a
  holiday (our reading: that day is judged by its own mode's rules).
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Final

from govflex.core.calendar import MONDAY_TO_FRIDAY, DateRange, WorkCalendar
from govflex.core.enums import DayStatus, WorkMode
from govflex.core.evaluation import Evaluator
from govflex.core.flexi import DayEntry, PeriodClose, build_ledger, day_entry, period_of
from govflex.core.policy import CountedHoursRules, Policy
from govflex.core.records import DayResult
from govflex.simulate.formats import Person
from govflex.simulate.inputs import SimulationInput

ONE_DAY: Final = timedelta(days=1)
JUDGED_ARRIVALS: Final = frozenset(
    {DayStatus.PRESENT, DayStatus.LATE, DayStatus.LEFT_EARLY, DayStatus.LATE_AND_LEFT_EARLY}
)
LATE: Final = frozenset({DayStatus.LATE, DayStatus.LATE_AND_LEFT_EARLY})


@dataclass
class Summary:
    """What the summary table shows (docs/simulation.md, "Reading the summary")."""

    period: DateRange
    policy_name: str = ""
    people: int = 0
    person_days: int = 0
    statuses: Counter[DayStatus] = field(default_factory=Counter)
    modes: Counter[WorkMode] = field(default_factory=Counter)
    mode2_span: DateRange | None = None
    mode2_periods: int = 0
    mode2_compliant: int = 0
    mode1_judged: int = 0
    mode1_late: int = 0
    punches_used: int = 0
    punches_outside: int = 0
    unknown_staff_punches: int = 0
    warnings: list[tuple[str, str]] = field(default_factory=list)

    @property
    def mode2_compliance(self) -> float | None:
        """Share of mode-2 person-periods whose balance is not negative."""
        return self.mode2_compliant / self.mode2_periods if self.mode2_periods else None

    @property
    def mode1_late_rate(self) -> float | None:
        """Late person-days over mode-1 person-days whose arrival was judged."""
        return self.mode1_late / self.mode1_judged if self.mode1_judged else None


def full_periods(period: DateRange, rules: CountedHoursRules) -> DateRange | None:
    """The span of the mode-2 accounting periods that lie wholly inside ``period``."""
    first = period_of(period.start, rules)
    start = first.start if first.start == period.start else first.end + ONE_DAY
    last = period_of(period.end, rules)
    end = last.end if last.end == period.end else last.start - ONE_DAY
    return DateRange(start, end) if start <= end else None


def ledger_entry(result: DayResult, *, policy: Policy) -> DayEntry:
    """A mode-2 day as :func:`day_entry` counts it; another mode's day counts nothing and takes a
    standard day off a Monday–Friday requirement (our reading, see the module docstring)."""
    if result.mode is WorkMode.COUNTED_HOURS:
        return day_entry(result, policy=policy)
    full = policy.standard_day_minutes()
    reduction = full if result.day.weekday() in MONDAY_TO_FRIDAY else 0
    return DayEntry(result.day, 0, reduction, result.status)


class Simulation:
    """Judges the inputs person by person; :attr:`summary` and :attr:`closes` fill as it goes."""

    def __init__(self, inputs: SimulationInput) -> None:
        self.inputs = inputs
        policy = inputs.policy
        calendar = WorkCalendar(special_holidays=inputs.holidays)
        self.evaluator = Evaluator(policy, calendar, tz=inputs.tz)
        self.summary = Summary(
            period=inputs.period,
            policy_name=policy.name,
            mode2_span=full_periods(inputs.period, policy.counted_hours),
            unknown_staff_punches=inputs.unknown_staff_punches,
            warnings=policy_warnings(inputs),
        )
        self.closes: list[tuple[str, PeriodClose]] = []

    def person_days(self) -> Iterator[tuple[str, DayResult]]:
        """``(staff_id, result)`` for every person and day, people in file order."""
        for person in self.inputs.people.values():
            results = self.evaluate_person(person)
            self._count(results)
            self._settle(person, results)
            for result in results:
                yield person.staff_id, result

    def evaluate_person(self, person: Person) -> list[DayResult]:
        inputs, evaluator = self.inputs, self.evaluator
        days = [inputs.period.start - ONE_DAY, *inputs.period.days()]
        punches = inputs.punches.get(person.staff_id, [])
        instants = [punch.at for punch in punches]
        taken = [False] * len(punches)
        results: list[DayResult] = []
        for day in days:
            plan = inputs.plan(person, day)
            start, end = evaluator.working_window(day, plan.arrangement)
            low, high = bisect_left(instants, start), bisect_left(instants, end)
            mine = [punches[index] for index in range(low, high) if not taken[index]]
            taken[low:high] = [True] * (high - low)
            if day < inputs.period.start:
                continue
            self.summary.punches_used += len(mine)
            absence = inputs.absences.get((person.staff_id, day))
            results.append(
                evaluator.evaluate(
                    day,
                    mine,
                    arrangement=plan.arrangement,
                    leave=None if absence is None else absence.leave,
                    official_travel=absence is not None and absence.official_travel,
                    report=plan.report,
                )
            )
        return results

    def _count(self, results: list[DayResult]) -> None:
        summary = self.summary
        summary.people += 1
        summary.person_days += len(results)
        for result in results:
            summary.statuses[result.status] += 1
            mode = result.mode or WorkMode.STAGGERED
            summary.modes[mode] += 1
            if mode is WorkMode.STAGGERED and result.status in JUDGED_ARRIVALS:
                summary.mode1_judged += 1
                summary.mode1_late += result.status in LATE

    def _settle(self, person: Person, results: list[DayResult]) -> None:
        """Mode 2: close the person's accounting periods inside the range (module docstring)."""
        span = self.summary.mode2_span
        if span is None:
            return
        inside = [result for result in results if result.day in span]
        mode2_days = {r.day for r in inside if r.mode is WorkMode.COUNTED_HOURS}
        if not mode2_days:
            return
        policy = self.inputs.policy
        entries = [ledger_entry(result, policy=policy) for result in inside]
        ledger = build_ledger(policy.counted_hours, entries, through=span.end)
        for close in ledger.closes:
            if any(day in close.period for day in mode2_days):
                self.closes.append((person.staff_id, close))
                self.summary.mode2_periods += 1
                self.summary.mode2_compliant += close.compliant

    def finish(self) -> Summary:
        """The summary, once :meth:`person_days` has been consumed."""
        total = sum(len(punches) for punches in self.inputs.punches.values())
        self.summary.punches_outside = total - self.summary.punches_used
        return self.summary


def policy_warnings(inputs: SimulationInput) -> list[tuple[str, str]]:
    """Plans the policy would not allow, as (Thai, English): a mode not allowed for the person's
    position type (DOMAIN.md §5 matrix, as the policy sets it) or a mode-1 slot missing from the
    policy's list (Guideline 2565 slots). They are judged anyway: this is a simulation."""
    policy = inputs.policy
    slots = set(policy.staggered.slots)
    plans = [(person.staff_id, person.plan) for person in inputs.people.values()]
    plans += [(staff, plan) for (staff, _day), plan in inputs.dated_plans.items()]
    plans += [(staff, item.plan) for staff, items in inputs.weekly_plans.items() for item in items]
    modes: set[tuple[str, WorkMode]] = set()
    odd_slots: set[tuple[str, str]] = set()
    for staff_id, plan in plans:
        if plan.mode not in policy.modes_for(inputs.people[staff_id].position_type).allowed:
            modes.add((staff_id, plan.mode))
        slot = None if plan.arrangement is None else plan.arrangement.slot
        if plan.mode is WorkMode.STAGGERED and slot is not None and slot not in slots:
            odd_slots.add((staff_id, slot.label()))
    warnings: list[tuple[str, str]] = []
    for staff_id, mode in sorted(modes):
        position = inputs.people[staff_id].position_type.value
        warnings.append(
            (
                f"{staff_id}: นโยบายไม่อนุญาตรูปแบบ {mode.value} สำหรับตำแหน่งประเภท {position}",
                f"{staff_id}: the policy does not allow mode {mode.value} for {position}",
            )
        )
    for staff_id, label in sorted(odd_slots):
        warnings.append(
            (
                f"{staff_id}: ช่วงเวลา {label} ไม่อยู่ในรายการช่วงเวลาของนโยบาย",
                f"{staff_id}: slot {label} is not one of the policy's slots",
            )
        )
    return warnings
