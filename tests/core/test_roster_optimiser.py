"""Roster optimiser (CP-SAT): proposals meet the hard rules, honour wishes, explain failures.

Rules: Guideline 2565 (modes per position type, service first), Off-site regulation 2565
(weekly quota, unit cap: our reading of the shares). Small units, solved to optimality.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date, timedelta

from govflex.core.arrangements import DayPlan, check_day_plan
from govflex.core.coverage import PlannedWork, check_coverage, planned_spans
from govflex.core.enums import PlaceType, PositionType, WorkMode
from govflex.core.messages import message
from govflex.core.policy import (
    GUIDELINE_SLOTS,
    CountedHoursRules,
    CoverageRule,
    Policy,
    PositionModes,
    ServiceWindow,
    TimeWindow,
    default_policy,
)
from govflex.core.roster import (
    ProgressEvent,
    Proposal,
    ProposalStatus,
    RosterPerson,
    RosterProblem,
    greedy_propose,
    objective_of,
    propose,
)
from govflex.core.roster.choices import unit_cap, week_of

W = TimeWindow.of
EARLY, EIGHT, STANDARD, LATE = GUIDELINE_SLOTS
MONDAY = date(2026, 3, 2)
WEEK = tuple(MONDAY + timedelta(days=offset) for offset in range(7))
MON, TUE, WED, THU, FRI, SAT, SUN = WEEK
WORKING = frozenset(WEEK[:5])
BASE = default_policy(date(2025, 10, 1))
SUPPORT = PositionType.SUPPORT
PUBLIC = PositionType.PUBLIC_CONTACT
OFF = DayPlan(WorkMode.OFF_SITE, place=PlaceType.RESIDENCE)


def counter(
    minimum: int,
    hours: TimeWindow = STANDARD,
    *,
    point: str = "c1",
    name: str = "เคาน์เตอร์ 1",
    weekdays: frozenset[int] = frozenset(range(5)),
) -> CoverageRule:
    return CoverageRule(point, name, (ServiceWindow(hours, minimum, weekdays),))


def unit(
    people: list[RosterPerson], *rules: CoverageRule, policy: Policy = BASE, **options: int
) -> RosterProblem:
    return RosterProblem(
        policy=replace(policy, coverage=rules),
        days=WEEK,
        working_days=WORKING,
        people=tuple(people),
        **options,
    )


def solve(problem: RosterProblem, **options: object) -> Proposal:
    proposal = propose(problem, time_limit_s=5.0, **options)  # type: ignore[arg-type]
    if proposal.found:
        verify(problem, proposal)
    return proposal


def verify(problem: RosterProblem, proposal: Proposal) -> None:
    """Every hard rule, checked with the same functions the approval path uses."""
    policy = problem.policy
    by_id = {person.person_id: person for person in problem.people}
    for day in problem.days:
        works = [
            PlannedWork(pid, plan.arrangement(), service_point_id=by_id[pid].service_point_id)
            for (pid, plan_day), plan in proposal.plans.items()
            if plan_day == day
        ]
        spans = planned_spans(day, works, policy=policy)
        verdict = check_coverage(
            policy.coverage, day, spans, working_day=day in problem.working_days
        )
        assert verdict.covered, verdict.uncovered
        off_today = sum(1 for work in works if not work.arrangement.on_site)  # type: ignore[union-attr]
        assert off_today <= unit_cap(problem)
    weekly = Counter(
        (pid, week_of(day))
        for (pid, day), plan in proposal.plans.items()
        if plan.mode is WorkMode.OFF_SITE
    )
    assert max(weekly.values(), default=0) <= policy.off_site.weekly_quota_days
    for (pid, day), plan in proposal.plans.items():
        person = by_id[pid]
        assert day not in person.unavailable
        assert day in problem.working_days or day in person.fixed
        assert not check_day_plan(plan, policy=policy, position_type=person.position_type)
    assert proposal.objective == objective_of(problem, proposal.plans)


def person(pid: str, **fields: object) -> RosterPerson:
    return RosterPerson(pid, f"คุณ{pid}", **fields)  # type: ignore[arg-type]


def off_site_per_day(proposal: Proposal) -> Counter[date]:
    return Counter(day for (_, day), plan in proposal.plans.items() if plan.mode is OFF.mode)


def plans_of(proposal: Proposal, pid: str) -> list[DayPlan | None]:
    return [proposal.plans.get((pid, day)) for day in WEEK[:5]]


def test_feasible_unit_meets_coverage_quota_cap_and_modes() -> None:
    people = [
        person("a", position_type=PUBLIC, slot_ranks=(STANDARD,)),
        person("b", position_type=PUBLIC, slot_ranks=(LATE, STANDARD)),
        person("c", preferred_off_site_weekdays=frozenset({0, 1})),
        person("d", preferred_off_site_weekdays=frozenset({0, 4})),
        person("e", position_type=PositionType.STUDY_ANALYSIS_RESEARCH, wants_counted_hours=True),
        person("f", position_type=PositionType.AREA_FIELD_WORK),
    ]
    problem = unit(people, counter(3), counter(1, W("07:30", "08:30"), point="c1"))
    proposal = solve(problem)
    assert proposal.status is ProposalStatus.OPTIMAL
    assert proposal.gap == 0
    assert all((p.person_id, day) in proposal.plans for p in people for day in WORKING)
    assert not any(day in {SAT, SUN} for _, day in proposal.plans)


def test_fixed_days_are_kept_exactly() -> None:
    co_working = DayPlan(WorkMode.OFF_SITE, place=PlaceType.CO_WORKING)
    late = DayPlan(WorkMode.STAGGERED, LATE)
    people = [
        person("a", fixed={WED: co_working}, slot_ranks=(EIGHT,)),
        person("b", fixed={TUE: late, SAT: DayPlan(WorkMode.STAGGERED, STANDARD)}),
        person("c"),
    ]
    proposal = solve(unit(people, counter(1)))
    assert proposal.plans[("a", WED)] == co_working
    assert proposal.plans[("b", TUE)] == late
    assert proposal.plans[("b", SAT)] == DayPlan(WorkMode.STAGGERED, STANDARD)


def test_unavailable_and_non_working_days_get_no_plan() -> None:
    people = [person("a", unavailable=frozenset({THU}), fixed={THU: OFF}), person("b")]
    proposal = solve(unit(people))
    assert ("a", THU) not in proposal.plans
    assert ("a", FRI) in proposal.plans
    assert not any(day in {SAT, SUN} for _, day in proposal.plans)


def test_free_preferences_are_honoured() -> None:
    people = [
        person("a", slot_ranks=(LATE, STANDARD)),
        person("b", slot_ranks=(EIGHT,), preferred_off_site_weekdays=frozenset({0, 2})),
        person("c"),
        person("d"),
    ]
    proposal = solve(unit(people))
    assert plans_of(proposal, "a") == [DayPlan(WorkMode.STAGGERED, LATE)] * 5
    b = plans_of(proposal, "b")
    assert [plan.mode if plan else None for plan in b] == [
        WorkMode.OFF_SITE,
        WorkMode.STAGGERED,
        WorkMode.OFF_SITE,
        WorkMode.STAGGERED,
        WorkMode.STAGGERED,
    ]
    assert {plan.slot for plan in b if plan and plan.mode is WorkMode.STAGGERED} == {EIGHT}
    # Nobody asked c or d to work off site or in mode 2.
    assert all(
        plan and plan.mode is WorkMode.STAGGERED for pid in "cd" for plan in plans_of(proposal, pid)
    )


def test_off_site_days_are_shared_fairly_when_symmetric() -> None:
    wish = frozenset({0, 1})
    people = [person(pid, preferred_off_site_weekdays=wish) for pid in "abcd"]
    proposal = solve(unit(people))  # cap 2 a day, quota 2 a week
    assert proposal.fairness is not None
    assert proposal.fairness.off_site_spread <= 1
    assert proposal.fairness.off_site_min >= 1


def test_last_period_is_kept_when_nothing_forces_a_change() -> None:
    previous = {
        0: DayPlan(WorkMode.STAGGERED, EIGHT),
        1: OFF,
        2: DayPlan(WorkMode.COUNTED_HOURS),
        3: DayPlan(WorkMode.STAGGERED, LATE),
        4: DayPlan(WorkMode.STAGGERED, EARLY),
    }
    other = {day: DayPlan(WorkMode.STAGGERED, STANDARD) for day in range(5)}
    people = [person("a", previous=previous), person("b", previous=other)]
    proposal = solve(unit(people))
    assert [plan.mode if plan else None for plan in plans_of(proposal, "a")] == [
        plan.mode for plan in previous.values()
    ]
    assert [p.slot for p in plans_of(proposal, "a") if p and p.mode is WorkMode.STAGGERED] == [
        EIGHT,
        LATE,
        EARLY,
    ]
    assert plans_of(proposal, "b") == list(other.values())


def test_coverage_out_of_reach_is_explained_exactly() -> None:
    people = [
        person("a", position_type=PUBLIC),
        person("b", position_type=PUBLIC),
        person("c", position_type=PUBLIC, unavailable=frozenset({TUE})),
    ]
    problem = unit(people, counter(3, weekdays=frozenset({1})))
    proposal = solve(problem)
    assert proposal.status is ProposalStatus.INFEASIBLE
    expected = message(
        "roster_coverage_unreachable",
        path="c1",
        point="เคาน์เตอร์ 1",
        weekday_th="อังคาร",
        weekday_en="Tuesday",
        date_th="3 มี.ค. 2569",
        date_en="3 Mar B.E. 2569",
        date="2026-03-03",
        start="08:30",
        end="16:30",
        required=3,
        available=2,
    )
    assert proposal.problems == (expected,)
    assert expected.th == (
        "เคาน์เตอร์ 1 วันอังคาร 3 มี.ค. 2569 เวลา 08:30–16:30 ต้องมีผู้ปฏิบัติงานในที่ตั้ง 3 คน แต่มีผู้ที่จัดได้เพียง 2 คน"
    )


def test_explanation_names_only_the_short_part_of_a_window() -> None:
    fixed = {MON: DayPlan(WorkMode.STAGGERED, STANDARD)}
    people = [person("a"), person("b"), person("c", fixed=fixed)]
    proposal = solve(unit(people, counter(3, W("07:30", "09:30"), weekdays=frozenset({0}))))
    assert [
        (m.param("start"), m.param("end"), m.param("available")) for m in proposal.problems
    ] == [("07:30", "08:30", 2)]
    assert "วันจันทร์" in proposal.problems[0].th


def test_contradictory_fixed_days_are_explained() -> None:
    people = [
        person("a", fixed={MON: OFF, TUE: OFF, WED: OFF}),
        person("b", fixed={THU: OFF}),
        person("c", fixed={THU: OFF}),
        person("d", position_type=PositionType.AREA_FIELD_WORK, fixed={FRI: OFF}),
    ]
    proposal = solve(unit(people))  # cap 2 a day
    assert proposal.status is ProposalStatus.INFEASIBLE
    by_code = {m.code: m for m in proposal.problems}
    assert by_code["roster_fixed_quota_exceeded"].param("days") == 3
    assert by_code["roster_fixed_quota_exceeded"].param("week") == "2026-03-02"
    invalid = by_code["roster_fixed_day_invalid"]
    assert invalid.param("person") == "คุณd"
    assert "ไม่อยู่ในรูปแบบ" in invalid.th
    crowded = replace(unit(people[1:3]), unit_off_site_max=1)
    cap = solve(crowded)
    assert [m.code for m in cap.problems] == ["roster_fixed_cap_exceeded"]
    assert cap.problems[0].th.startswith("วันพฤหัสบดี 5 มี.ค. 2569")


def test_rules_that_only_conflict_together_are_named() -> None:
    rule = CoverageRule(
        "c1",
        "เคาน์เตอร์ 1",
        (
            ServiceWindow(W("07:30", "08:00"), 2, frozenset({0})),
            ServiceWindow(W("17:00", "17:30"), 1, frozenset({0})),
        ),
    )
    proposal = solve(unit([person("a"), person("b")], rule))
    assert proposal.status is ProposalStatus.INFEASIBLE
    assert [m.code for m in proposal.problems] == [
        "roster_infeasible",
        "roster_conflict_coverage",
        "roster_conflict_coverage",
    ]
    assert [m.param("start") for m in proposal.problems[1:]] == ["07:30", "17:00"]


def test_quota_that_conflicts_with_allowed_modes_is_named() -> None:
    only_off_site = (PositionModes(SUPPORT, frozenset({WorkMode.OFF_SITE})),)
    policy = replace(BASE, position_modes=only_off_site)
    proposal = solve(unit([person("a")], policy=policy, unit_off_site_max=1))
    assert proposal.status is ProposalStatus.INFEASIBLE
    assert [m.code for m in proposal.problems] == ["roster_infeasible", "roster_conflict_quota"]
    assert "ไม่เกิน 2 วัน" in proposal.problems[1].th


def test_unit_cap_is_respected() -> None:
    every_day = frozenset(range(5))
    people = [person(pid, preferred_off_site_weekdays=every_day) for pid in "abcdef"]
    proposal = solve(unit(people))  # 3 a day by the 50% share
    counts = Counter(
        day for (_, day), plan in proposal.plans.items() if plan.mode is WorkMode.OFF_SITE
    )
    assert max(counts.values()) <= 3
    tight = solve(unit(people, unit_off_site_max=1))
    counts = Counter(
        day for (_, day), plan in tight.plans.items() if plan.mode is WorkMode.OFF_SITE
    )
    assert max(counts.values()) == 1


def test_service_point_people_count_only_for_their_point() -> None:
    every_day = frozenset(range(5))
    people = [
        person("a", service_point_id="c1", preferred_off_site_weekdays=every_day),
        person("b", service_point_id="c2", preferred_off_site_weekdays=every_day),
        person("c"),
    ]
    rules = (counter(2, point="c1"), counter(1, point="c2", name="เคาน์เตอร์ 2"))
    proposal = solve(unit(people, *rules, unit_off_site_max=3))
    modes = Counter(
        (pid, plan.mode)
        for (pid, _), plan in proposal.plans.items()
        if plan.mode is WorkMode.OFF_SITE
    )
    assert modes[("a", WorkMode.OFF_SITE)] == 0  # c1 needs a and c every day
    assert modes[("b", WorkMode.OFF_SITE)] == 2  # c covers c2 while b is away


def test_counted_hours_count_only_over_core_hours() -> None:
    study = PositionType.STUDY_ANALYSIS_RESEARCH
    people = [person(pid, position_type=study, wants_counted_hours=True) for pid in "ab"]
    core = replace(BASE, counted_hours=CountedHoursRules(core_hours=W("10:00", "15:00")))
    covered = solve(unit(people, counter(2, W("10:00", "15:00")), policy=core))
    assert {plan.mode for plan in covered.plans.values()} == {WorkMode.COUNTED_HOURS}
    no_core = solve(unit(people, counter(2, W("10:00", "15:00"))))
    assert {plan.mode for plan in no_core.plans.values()} == {WorkMode.STAGGERED}


def test_progress_is_reported_and_first_solution_timed() -> None:
    events: list[ProgressEvent] = []
    people = [person(pid, preferred_off_site_weekdays=frozenset({0})) for pid in "abcd"]
    proposal = solve(unit(people, counter(2)), on_progress=events.append)
    assert events
    assert any(event.objective is not None for event in events)
    assert proposal.first_feasible_seconds is not None
    assert proposal.first_feasible_seconds <= proposal.solve_seconds


def test_greedy_baseline_is_feasible_and_no_better() -> None:
    people = [
        person(pid, position_type=PUBLIC, preferred_off_site_weekdays=frozenset({0, 1}))
        for pid in "abcdef"
    ]
    problem = unit(people, counter(3), counter(1, W("07:30", "08:30")))
    greedy = greedy_propose(problem)
    assert greedy.status is ProposalStatus.FEASIBLE
    verify(problem, greedy)
    best = solve(problem)
    assert best.objective is not None
    assert greedy.objective is not None
    assert greedy.objective <= best.objective
