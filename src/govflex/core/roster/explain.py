"""Why no roster exists, in plain Thai (and English), naming the day, the time and the numbers.

Two layers. Cheap pre-checks run before solving and catch what counting alone proves: a
service window with fewer eligible people than its minimum, approved days that break the
policy, the weekly quota or the unit's cap, a person with no mode to plan. When they pass but
CP-SAT still proves the model infeasible (rules that only conflict together), the model is
rebuilt with one assumption literal per coverage window, quota week and cap day, and the
solver's sufficient set of assumptions names the rules that cannot hold at once.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from ortools.sat.python import cp_model

from govflex.core.arrangements import POSITION_NAMES, check_day_plan
from govflex.core.enums import WorkMode
from govflex.core.messages import Message, message
from govflex.core.policy.values import MINUTES_PER_DAY, TimeWindow
from govflex.core.roster.choices import (
    choices_for,
    decision_days,
    fixed_days,
    on_site_window,
    unit_cap,
    week_of,
)
from govflex.core.roster.demand import Segment, counts_for, segments
from govflex.core.roster.model import RosterModel, build_model
from govflex.core.roster.problem import RosterPerson, RosterProblem
from govflex.core.thaidate import ENGLISH_WEEKDAYS, THAI_WEEKDAYS, format_date


def day_params(day: date) -> dict[str, str]:
    """The weekday and the date in both languages (Buddhist Era), and the ISO date for programs."""
    return {
        "weekday_th": THAI_WEEKDAYS[day.weekday()],
        "weekday_en": ENGLISH_WEEKDAYS[day.weekday()],
        "date_th": format_date(day),
        "date_en": format_date(day, lang="en"),
        "date": day.isoformat(),
    }


def hhmm(minute: int) -> str:
    """Minutes from the day's midnight as a wall clock (an overnight end wraps to 08:00)."""
    minute %= MINUTES_PER_DAY
    return f"{minute // 60:02d}:{minute % 60:02d}"


def precheck(problem: RosterProblem) -> tuple[Message, ...]:
    """Problems provable by counting, before any search (empty: worth solving)."""
    return (
        *_fixed_day_problems(problem),
        *_mode_problems(problem),
        *_fixed_off_site_problems(problem),
        *_coverage_problems(problem),
    )


def _fixed_day_problems(problem: RosterProblem) -> Iterable[Message]:
    """An approved day that the policy does not allow (reuses ``check_day_plan``)."""
    for person in problem.people:
        for day, plan in sorted(fixed_days(problem, person).items()):
            for reason in check_day_plan(
                plan, policy=problem.policy, position_type=person.position_type
            ):
                yield message(
                    "roster_fixed_day_invalid",
                    path=f"{person.person_id}.{day.isoformat()}",
                    person=person.label,
                    reason_th=reason.th,
                    reason_en=reason.en,
                    **day_params(day),
                )


def _mode_problems(problem: RosterProblem) -> Iterable[Message]:
    for person in problem.people:
        if decision_days(problem, person) and not choices_for(problem.policy, person):
            position_th, position_en = POSITION_NAMES[person.position_type]
            yield message(
                "roster_no_allowed_mode",
                path=person.person_id,
                person=person.label,
                position_th=position_th,
                position_en=position_en,
            )


def _fixed_off_site_problems(problem: RosterProblem) -> Iterable[Message]:
    """Approved off-site days beyond the weekly quota or the unit's cap (Off-site reg. 2565)."""
    weekly: dict[tuple[str, date], int] = defaultdict(int)
    daily: dict[date, int] = defaultdict(int)
    labels = {person.person_id: person.label for person in problem.people}
    for person in problem.people:
        for day, plan in fixed_days(problem, person).items():
            if plan.mode is WorkMode.OFF_SITE:
                weekly[(person.person_id, week_of(day))] += 1
                daily[day] += 1
    quota = problem.policy.off_site.weekly_quota_days
    for (person_id, week), days in sorted(weekly.items()):
        if days > quota:
            yield message(
                "roster_fixed_quota_exceeded",
                path=person_id,
                person=labels[person_id],
                week=week.isoformat(),
                week_th=format_date(week),
                week_en=format_date(week, lang="en"),
                days=days,
                quota=quota,
            )
    cap = unit_cap(problem)
    for day, count in sorted(daily.items()):
        if count > cap:
            yield message("roster_fixed_cap_exceeded", count=count, limit=cap, **day_params(day))


def _coverers(problem: RosterProblem) -> dict[date, list[tuple[RosterPerson, list[TimeWindow]]]]:
    """Per day, each person who could be on site then and the spans they could be on site."""
    found: dict[date, list[tuple[RosterPerson, list[TimeWindow]]]] = defaultdict(list)
    for person in problem.people:
        options = [c.on_site for c in choices_for(problem.policy, person) if c.on_site]
        for day, plan in fixed_days(problem, person).items():
            span = on_site_window(plan, problem.policy)
            if span is not None:
                found[day].append((person, [span]))
        for day in decision_days(problem, person):
            if options:
                found[day].append((person, options))
    return found


def _coverage_problems(problem: RosterProblem) -> Iterable[Message]:
    """Segments with fewer eligible people than required, adjacent pieces joined."""
    short: list[tuple[Segment, int, int]] = []  # segment, its end after joining, available
    coverers = _coverers(problem)
    for segment in segments(problem):
        available = sum(
            any(segment.covered_by(span) for span in spans)
            for person, spans in coverers[segment.day]
            if counts_for(person, segment.rule)
        )
        if available >= segment.required:
            continue
        if short:
            last, end, count = short[-1]
            if last.group == segment.group and end == segment.start_minute and count == available:
                short[-1] = (last, segment.end_minute, count)
                continue
        short.append((segment, segment.end_minute, available))
    for segment, end, available in short:
        yield message(
            "roster_coverage_unreachable",
            path=segment.rule.service_point_id,
            point=segment.rule.name or segment.rule.service_point_id,
            start=hhmm(segment.start_minute),
            end=hhmm(end),
            required=segment.required,
            available=available,
            **day_params(segment.day),
        )


def _still_infeasible(
    built: RosterModel, literals: list[cp_model.IntVar], time_limit_s: float
) -> list[int] | None:
    """The solver's sufficient assumptions when only ``literals`` are assumed; None if not."""
    built.model.clear_assumptions()
    built.model.add_assumptions(literals)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.05, time_limit_s)
    solver.parameters.num_workers = 1  # cores of assumptions come from a single worker
    solver.parameters.random_seed = 0
    if solver.solve(built.model) != cp_model.INFEASIBLE:
        return None
    return list(solver.sufficient_assumptions_for_infeasibility())


def _binding(built: RosterModel, time_limit_s: float) -> set[int]:
    """A small set of group literals that cannot all hold (deletion filter on the core).

    The solver's set is sufficient, not minimal, so each member is dropped in turn and kept
    out whenever the rest is still infeasible, until the time budget runs out.
    """
    deadline = time.perf_counter() + time_limit_s
    literals = {
        var.index: var
        for store in (built.coverage_groups, built.quota_groups, built.cap_groups)
        for var in store.values()
    }
    core = _still_infeasible(built, list(literals.values()), time_limit_s)
    if core is None:
        return set()
    kept = sorted(core)
    for index in list(kept):
        left = deadline - time.perf_counter()
        if left <= 0:
            break
        trial = [literals[i] for i in kept if i != index]
        smaller = _still_infeasible(built, trial, left)
        if smaller is not None:
            kept = sorted(set(smaller) & {var.index for var in trial})
    return set(kept)


def explain_infeasible(problem: RosterProblem, *, time_limit_s: float) -> tuple[Message, ...]:
    """Name a small set of rules that cannot all hold (CP-SAT assumptions)."""
    built = build_model(problem, assumptions=True)
    binding = _binding(built, time_limit_s)
    found: list[Message] = [message("roster_infeasible")]
    windows = {segment.group: segment for segment in reversed(built.segments)}
    for key, literal in sorted(built.coverage_groups.items()):
        if literal.index in binding:
            day, point_id, index = key
            rule = windows[key].rule
            hours = rule.windows[index].hours
            found.append(
                message(
                    "roster_conflict_coverage",
                    path=point_id,
                    point=rule.name or point_id,
                    start=hhmm(hours.start_minute),
                    end=hhmm(hours.end_minute),
                    required=rule.windows[index].minimum_on_site,
                    **day_params(day),
                )
            )
    labels = {person.person_id: person.label for person in problem.people}
    quota = problem.policy.off_site.weekly_quota_days
    for (person_id, week), literal in sorted(built.quota_groups.items()):
        if literal.index in binding:
            found.append(
                message(
                    "roster_conflict_quota",
                    path=person_id,
                    person=labels[person_id],
                    quota=quota,
                    week=week.isoformat(),
                    week_th=format_date(week),
                    week_en=format_date(week, lang="en"),
                )
            )
    cap = unit_cap(problem)
    for day, literal in sorted(built.cap_groups.items()):
        if literal.index in binding:
            found.append(message("roster_conflict_unit_cap", limit=cap, **day_params(day)))
    return tuple(found)
