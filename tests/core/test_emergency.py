"""Emergency operation: scope, period, essential people, recalls, overlaps (DOMAIN.md §9)."""

from datetime import UTC, date, datetime, timedelta

import pytest

from govflex.core.calendar import BANGKOK
from govflex.core.emergency import (
    EmergencyKind,
    EmergencyPeriod,
    Essentials,
    Member,
    Standing,
    conflicts,
    covering,
    emergency_day,
    emergency_rule,
    head_counts,
    is_essential,
)
from govflex.core.policy import CoverageRule, ServiceWindow, TimeWindow
from govflex.core.rollcall import Answer, Reply, escalation_due, tally, to_escalate, urgency

DECLARED = datetime(2026, 3, 1, 9, 0, tzinfo=BANGKOK)


def period(
    emergency_id: int = 1,
    *,
    start: datetime = DECLARED,
    end: date | None = None,
    paths: tuple[str, ...] = (),
    agency_id: int = 1,
) -> EmergencyPeriod:
    return EmergencyPeriod(
        emergency_id, agency_id, EmergencyKind.FLOOD, start, end, DECLARED, paths, "1/2569"
    )


def member(path: str = "/1/2/", **kwargs: object) -> Member:
    values: dict[str, object] = {
        "person_id": 10,
        "agency_id": 1,
        "unit_id": 2,
        "unit_path": path,
        "position_id": 5,
    }
    values.update(kwargs)
    return Member(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("day", "end", "covered"),
    [
        (date(2026, 2, 28), None, False),  # before the start
        (date(2026, 3, 1), None, True),  # the start day, though it starts at 09:00
        (date(2027, 1, 1), None, True),  # open-ended until ended
        (date(2026, 3, 5), date(2026, 3, 5), True),  # the end day is included
        (date(2026, 3, 6), date(2026, 3, 5), False),  # after the end: back to normal
    ],
)
def test_period_covers_from_local_start_day_to_end_day(
    day: date, end: date | None, covered: bool
) -> None:
    assert (emergency_day(member(), day, [period(end=end)], None) is not None) is covered


def test_start_day_is_the_local_date() -> None:
    # 23:30 UTC on 28 Feb is 06:30 on 1 Mar in Bangkok.
    late = period(start=datetime(2026, 2, 28, 23, 30, tzinfo=UTC))
    assert late.first_day() == date(2026, 3, 1)


@pytest.mark.parametrize(
    ("paths", "unit_path", "covered"),
    [
        ((), "/9/", True),  # the whole agency
        (("/1/",), "/1/2/3/", True),  # a subtree
        (("/1/2/",), "/1/", False),  # the unit above is not in a subtree
        (("/1/2/",), "/1/22/", False),  # a prefix of digits is not a subtree
        (("/4/", "/1/"), "/1/2/", True),  # several chosen units
    ],
)
def test_scope_is_agency_or_unit_subtrees(
    paths: tuple[str, ...], unit_path: str, covered: bool
) -> None:
    found = emergency_day(member(unit_path), date(2026, 3, 2), [period(paths=paths)], None)
    assert (found is not None) is covered


def test_other_agency_is_never_in_scope() -> None:
    assert emergency_day(member(agency_id=2), date(2026, 3, 2), [period()], None) is None


def test_non_essential_is_switched_off_site() -> None:
    found = emergency_day(member(), date(2026, 3, 2), [period()], Essentials())
    assert found is not None
    assert found.standing is Standing.OFF_SITE
    assert found.off_site


@pytest.mark.parametrize(
    ("essentials", "facts", "essential"),
    [
        (None, {"counter_unit": True, "public_contact": True}, True),  # default: counter staff
        (None, {"counter_unit": True, "public_contact": False}, False),
        (None, {"counter_unit": False, "public_contact": True}, False),
        (Essentials(positions=frozenset({5})), {}, True),
        (Essentials(people=frozenset({10})), {}, True),
        # A list adds to the default; the unit may turn the default off.
        (
            Essentials(positions=frozenset({6})),
            {"counter_unit": True, "public_contact": True},
            True,
        ),
        (Essentials(counter_default=False), {"counter_unit": True, "public_contact": True}, False),
    ],
)
def test_essential_positions_and_people(
    essentials: Essentials | None, facts: dict[str, bool], essential: bool
) -> None:
    subject = member(**facts)
    assert is_essential(subject, essentials) is essential
    found = emergency_day(subject, date(2026, 3, 2), [period()], essentials)
    assert found is not None
    assert found.off_site is not essential


def test_recall_after_declaration_wins() -> None:
    later = DECLARED + timedelta(hours=2)
    found = emergency_day(member(), date(2026, 3, 2), [period()], None, recalled_at=later)
    assert found is not None
    assert found.standing is Standing.RECALLED


def test_recall_before_declaration_does_not_win() -> None:
    earlier = DECLARED - timedelta(days=3)
    found = emergency_day(member(), date(2026, 3, 2), [period()], None, recalled_at=earlier)
    assert found is not None
    assert found.standing is Standing.OFF_SITE


def test_overlapping_emergencies_merge_to_the_first_started() -> None:
    first = period(1, start=DECLARED)
    second = period(2, start=DECLARED + timedelta(days=1), paths=("/1/",))
    found = emergency_day(member(), date(2026, 3, 3), [second, first], None)
    assert found is not None
    assert found.period.emergency_id == 1
    assert [p.emergency_id for p in found.others] == [2]
    assert [p.emergency_id for p in covering([second, first], 1, "/1/2/", date(2026, 3, 1))] == [1]


@pytest.mark.parametrize(
    ("new", "clash"),
    [
        (period(2), True),  # same agency, both open-ended
        (period(2, paths=("/1/2/",)), True),  # a unit inside the whole agency
        (period(2, start=datetime(2026, 3, 6, 8, 0, tzinfo=BANGKOK)), False),  # after the end
        (period(2, start=datetime(2026, 3, 5, 8, 0, tzinfo=BANGKOK)), True),  # on the end day
        (period(2, agency_id=2), False),
    ],
)
def test_conflicts_same_days_and_units(new: EmergencyPeriod, clash: bool) -> None:
    existing = period(1, end=date(2026, 3, 5))
    assert bool(conflicts(new, [existing])) is clash


def test_disjoint_subtrees_do_not_conflict() -> None:
    existing = period(1, paths=("/1/2/",))
    assert conflicts(period(2, paths=("/1/3/",)), [existing]) == []
    assert conflicts(period(2, paths=("/1/2/7/",)), [existing]) == [existing]


def test_a_period_does_not_conflict_with_itself() -> None:
    assert conflicts(period(1), [period(1)]) == []


def test_emergency_minimum_replaces_window_minima() -> None:
    rule = CoverageRule(
        "CTR",
        "Counter",
        (ServiceWindow(TimeWindow.of("08:30", "16:30"), minimum_on_site=3),),
    )
    changed = emergency_rule(rule, 1)
    assert changed is not None
    assert [w.minimum_on_site for w in changed.windows] == [1]
    assert emergency_rule(rule, 0) is None


def test_head_counts() -> None:
    day = date(2026, 3, 2)
    days = {
        1: emergency_day(member(person_id=1), day, [period()], None),
        2: emergency_day(member(person_id=2), day, [period()], Essentials(people=frozenset({2}))),
        3: None,
    }
    counts = head_counts(days)
    assert counts[Standing.OFF_SITE] == 1
    assert counts[Standing.ESSENTIAL] == 1
    assert counts[Standing.RECALLED] == 0


# ---------------------------------------------------------------------------- roll call


def test_tally_counts_per_unit_and_no_answer() -> None:
    replies = [
        Reply(1, 10, Answer.SAFE_WORKING),
        Reply(2, 10, None),
        Reply(3, 20, Answer.NEED_HELP),
    ]
    overall, per_unit = tally(replies)
    assert (overall.total, overall.answered, overall.no_answer) == (3, 2, 1)
    assert overall.counts[Answer.NEED_HELP] == 1
    assert per_unit[10].no_answer == 1
    assert per_unit[20].counts[Answer.NEED_HELP] == 1


def test_escalation_due_and_only_once() -> None:
    start = datetime(2026, 3, 1, 9, 0, tzinfo=BANGKOK)
    assert not escalation_due(start, 30, start + timedelta(minutes=29))
    assert escalation_due(start, 30, start + timedelta(minutes=30))
    replies = [
        Reply(1, 1, None),
        Reply(2, 1, None, escalated=True),
        Reply(3, 1, Answer.SAFE_UNABLE),
    ]
    assert [r.person_id for r in to_escalate(replies)] == [1]


def test_need_help_then_silence_come_first() -> None:
    order = sorted([Answer.SAFE_WORKING, None, Answer.NEED_HELP, Answer.SAFE_UNABLE], key=urgency)
    assert order == [Answer.NEED_HELP, None, Answer.SAFE_UNABLE, Answer.SAFE_WORKING]
