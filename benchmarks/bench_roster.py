"""Roster optimiser (CP-SAT) against a greedy roster, one unit and a whole agency.

One unit of 300 people over 4 weeks (20 working days) with the policy's four Guideline slots:
a public counter open 08:00–16:30 with hourly minima (lower at the edges and at lunch), a phone
line 08:30–16:30, random slot rankings, off-site wishes leaning to Monday and Friday, a few
mode-2 wishes, 3% leave days, a few approved days, last period's plans for half the people —
all from a fixed seed. Reported in one run:

- time to the first feasible roster (goal < 2 s) and to a proven optimum or a gap ≤ 1%
  (goal ≤ 10 s), from the progress callback;
- objective and fairness (spread of off-site days, early/late spreads) against the greedy
  baseline computed on the same problem (ratios);
- an agency of 5,000 people in 50 units of 100: units are independent, so each is solved on
  its own (gap ≤ 1%, 2 workers), one after the other; total time (goal ≤ 60 s).

``GOVFLEX_BENCH_UNITS`` shrinks the agency run (e.g. 10 for a quick look).
"""

from __future__ import annotations

import os
import random
import time
from dataclasses import replace
from datetime import date, timedelta

from govflex.core.arrangements import DayPlan
from govflex.core.enums import PositionType, WorkMode
from govflex.core.policy import (
    GUIDELINE_SLOTS,
    CoverageRule,
    Policy,
    ServiceWindow,
    TimeWindow,
    default_policy,
)
from govflex.core.roster import (
    ProgressEvent,
    Proposal,
    RosterPerson,
    RosterProblem,
    greedy_propose,
    propose,
)
from govflex.core.roster.choices import choices_for

SEED = 20260302
START = date(2026, 3, 2)  # a Monday
DAYS = tuple(START + timedelta(days=offset) for offset in range(28))
WORKING = frozenset(day for day in DAYS if day.weekday() < 5)
UNIT_PEOPLE = 300
AGENCY_UNITS = int(os.environ.get("GOVFLEX_BENCH_UNITS", "50"))
AGENCY_UNIT_PEOPLE = 100
TIME_LIMIT = 10.0
GOAL_FIRST = 2.0
GOAL_GAP = 0.01
GOAL_GAP_SECONDS = 10.0
GOAL_AGENCY = 60.0

# Counter minima per hour for 300 people (scaled to the unit's size): busy mid-morning and
# mid-afternoon, lighter at opening, lunch and closing.
COUNTER_HOURS = (
    ("08:00", "09:00", 45),
    ("09:00", "10:00", 65),
    ("10:00", "11:00", 80),
    ("11:00", "12:00", 80),
    ("12:00", "13:00", 55),
    ("13:00", "14:00", 80),
    ("14:00", "15:00", 80),
    ("15:00", "16:00", 65),
    ("16:00", "16:30", 45),
)
PHONE_MINIMUM = 15
WEEKDAY_WEIGHTS = (3, 1, 1, 1, 3)  # off-site wishes lean to Monday and Friday


def _policy(people: int) -> Policy:
    scale = people / UNIT_PEOPLE
    counter = CoverageRule(
        "counter",
        "เคาน์เตอร์บริการ",
        tuple(
            ServiceWindow(TimeWindow.of(start, end), max(1, round(minimum * scale)))
            for start, end, minimum in COUNTER_HOURS
        ),
    )
    phone = CoverageRule(
        "phone",
        "สายด่วน",
        (ServiceWindow(TimeWindow.of("08:30", "16:30"), max(1, round(PHONE_MINIMUM * scale))),),
    )
    return replace(default_policy(date(2025, 10, 1)), coverage=(counter, phone))


def _kind(rng: random.Random) -> tuple[PositionType, str | None]:
    roll = rng.random()
    if roll < 0.40:
        return PositionType.PUBLIC_CONTACT, "counter"
    if roll < 0.48:
        return PositionType.PUBLIC_CONTACT, "phone"
    if roll < 0.55:
        return PositionType.SUPERVISION_COMMAND, None  # counts for every point
    if roll < 0.85:
        return PositionType.SUPPORT, "office"
    return PositionType.STUDY_ANALYSIS_RESEARCH, "office"


def _person(rng: random.Random, policy: Policy, index: int) -> RosterPerson:
    position, point = _kind(rng)
    slots = list(GUIDELINE_SLOTS)
    ranks: tuple[TimeWindow, ...] = ()
    if rng.random() < 0.7:
        # Most people like 08:00 or 08:30; few rank the edges first.
        weights = [1, 3, 4, 1]
        ranks = tuple(
            sorted(slots, key=lambda slot: -rng.random() * weights[slots.index(slot)])[
                : rng.randint(1, 4)
            ]
        )
    wishes: frozenset[int] = frozenset()
    if rng.random() < 0.6:
        wishes = frozenset(rng.choices(range(5), weights=WEEKDAY_WEIGHTS, k=rng.randint(1, 2)))
    base = RosterPerson(
        f"p{index:05d}",
        f"ผู้ปฏิบัติงาน {index}",
        position,
        point,
        slot_ranks=ranks,
        preferred_off_site_weekdays=wishes,
        wants_counted_hours=rng.random() < 0.08,
    )
    options = [choice.plan for choice in choices_for(policy, base)]
    previous: dict[int, DayPlan] = {}
    if rng.random() < 0.5:
        on_site = [plan for plan in options if plan.mode is not WorkMode.OFF_SITE]
        previous = {weekday: rng.choice(on_site) for weekday in range(5)}
    unavailable = frozenset(day for day in sorted(WORKING) if rng.random() < 0.03)
    fixed: dict[date, DayPlan] = {}
    for day in sorted(WORKING - unavailable):
        if rng.random() < 0.02:
            plan = rng.choice(options)
            week_off = sum(
                other.mode is WorkMode.OFF_SITE
                for when, other in fixed.items()
                if when.isocalendar()[1] == day.isocalendar()[1]
            )
            if plan.mode is not WorkMode.OFF_SITE or week_off == 0:
                fixed[day] = plan
    return RosterPerson(
        base.person_id,
        base.name,
        position,
        point,
        unavailable=unavailable,
        fixed=fixed,
        slot_ranks=ranks,
        preferred_off_site_weekdays=wishes,
        wants_counted_hours=base.wants_counted_hours,
        previous=previous,
    )


def build_unit(seed: int, people: int) -> RosterProblem:
    rng = random.Random(seed)
    policy = _policy(people)
    return RosterProblem(
        policy=policy,
        days=DAYS,
        working_days=WORKING,
        people=tuple(_person(rng, policy, index) for index in range(people)),
    )


def _verdict(ok: bool) -> str:
    return "meets" if ok else "misses"


def _fairness(proposal: Proposal) -> str:
    fair = proposal.fairness
    if fair is None:
        return "n/a"
    return (
        f"off-site days {fair.off_site_min}–{fair.off_site_max} (spread {fair.off_site_spread}), "
        f"early spread {fair.early_spread}, late spread {fair.late_spread}"
    )


def _unit_run() -> None:
    problem = build_unit(SEED, UNIT_PEOPLE)
    greedy = greedy_propose(problem)
    within_gap: list[float] = []

    def watch(event: ProgressEvent) -> None:
        if not within_gap and event.gap is not None and event.gap <= GOAL_GAP:
            within_gap.append(event.elapsed_s)

    best = propose(problem, time_limit_s=TIME_LIMIT, workers=2, on_progress=watch)
    gap_at = within_gap[0] if within_gap else None
    if gap_at is None and best.gap is not None and best.gap <= GOAL_GAP:
        gap_at = best.solve_seconds
    print(
        f"unit: {len(problem.people)} people × {len(WORKING)} working days × "
        f"{len(problem.policy.staggered.slots)} slots; counter 08:00–16:30 in hourly windows, "
        "phone line 08:30–16:30"
    )
    print(
        f"greedy: {greedy.status.value}, {greedy.solve_seconds:.2f} s, objective "
        f"{greedy.objective:,.0f}; {_fairness(greedy)}"
    )
    print(
        f"CP-SAT: {best.status.value}, first feasible {best.first_feasible_seconds or 0:.2f} s, "
        f"gap ≤ 1% at {gap_at if gap_at is not None else float('nan'):.2f} s, stopped at "
        f"{best.solve_seconds:.2f} s; objective {best.objective or 0:,.0f}, bound "
        f"{best.best_bound or 0:,.0f}, gap {100 * (best.gap or 0):.2f}%"
    )
    print(f"CP-SAT fairness: {_fairness(best)}")
    if greedy.objective and best.objective is not None:
        print(f"ratio objective CP-SAT / greedy: {best.objective / greedy.objective:.2f}x")
    first = best.first_feasible_seconds
    print(
        f"goal: first feasible < {GOAL_FIRST:.0f} s — "
        f"{_verdict(first is not None and first < GOAL_FIRST)}"
    )
    print(
        f"goal: optimum or gap ≤ 1% within {GOAL_GAP_SECONDS:.0f} s — "
        f"{_verdict(gap_at is not None and gap_at <= GOAL_GAP_SECONDS)}"
    )


def _agency_run() -> None:
    started = time.perf_counter()
    built = 0.0
    statuses: dict[str, int] = {}
    worst = 0.0
    off_spreads: list[int] = []
    for unit in range(AGENCY_UNITS):
        made = time.perf_counter()
        problem = build_unit(SEED + 1 + unit, AGENCY_UNIT_PEOPLE)
        built += time.perf_counter() - made
        proposal = propose(problem, time_limit_s=TIME_LIMIT, workers=2, relative_gap_limit=GOAL_GAP)
        statuses[proposal.status.value] = statuses.get(proposal.status.value, 0) + 1
        worst = max(worst, proposal.solve_seconds)
        if proposal.fairness is not None:
            off_spreads.append(proposal.fairness.off_site_spread)
    total = time.perf_counter() - started
    people = AGENCY_UNITS * AGENCY_UNIT_PEOPLE
    summary = ", ".join(f"{count} {status}" for status, count in sorted(statuses.items()))
    print(
        f"agency: {people:,} people in {AGENCY_UNITS} units of {AGENCY_UNIT_PEOPLE}, solved one "
        f"unit after another to gap ≤ 1% (2 workers): {total:.1f} s in all "
        f"({built:.1f} s generating), slowest unit {worst:.2f} s; {summary}; "
        f"off-site spread max {max(off_spreads, default=0)}"
    )
    scaled = total * 50 / AGENCY_UNITS
    print(
        f"goal: whole agency ≤ {GOAL_AGENCY:.0f} s ({scaled:.1f} s for 50 units) — "
        f"{_verdict(scaled <= GOAL_AGENCY)}"
    )


def main() -> None:
    _unit_run()
    _agency_run()
