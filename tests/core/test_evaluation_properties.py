"""Day evaluation properties: order of punches, idempotence, bounds, never absent on days off."""

from dataclasses import replace
from datetime import date, datetime, time, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from govflex.core.calendar import WorkCalendar, local_instant
from govflex.core.enums import (
    CountingMethod,
    DayStatus,
    LeavePart,
    PlaceType,
    PunchSource,
    ReportState,
    WorkMode,
)
from govflex.core.evaluation import Arrangement, Evaluator, Punch
from govflex.core.policy import (
    CountedHoursRules,
    Policy,
    StaggeredRules,
    TimeWindow,
    default_policy,
)

POLICY = default_policy(date(2025, 10, 1))
CALENDAR = WorkCalendar()
WEDNESDAY = date(2026, 3, 4)
W = TimeWindow.of
STANDARD = Arrangement.staggered(W("08:30", "16:30"))
NIGHT = Arrangement.staggered(W("20:00", "08:00", overnight=True))
COUNTED = Arrangement.counted_hours()


def at(clock: str, day: date = WEDNESDAY) -> datetime:
    """A UTC instant for a Bangkok wall-clock time like ``"08:30"``."""
    return local_instant(day, time.fromisoformat(clock))


def counted(policy_rules: CountedHoursRules) -> Policy:
    return replace(POLICY, counted_hours=policy_rules)


ORIGIN = at("00:00")
arrangements = st.sampled_from(
    [
        None,
        STANDARD,
        Arrangement.staggered(W("07:30", "15:30")),
        NIGHT,
        COUNTED,
        Arrangement.off_site(PlaceType.RESIDENCE),
        Arrangement(WorkMode.OFF_SITE, None, on_site=True),
    ]
)
punch_lists = st.lists(
    st.builds(
        Punch,
        st.integers(-6 * 3600, 36 * 3600).map(lambda seconds: ORIGIN + timedelta(seconds=seconds)),
        st.sampled_from(PunchSource),
        st.booleans(),
    ),
    max_size=8,
)
policies = st.sampled_from(
    [
        POLICY,
        counted(CountedHoursRules(counting=CountingMethod.NET, core_hours=W("10:00", "15:00"))),
        counted(CountedHoursRules(counting=CountingMethod.PAIRED, daily_minimum_minutes=240)),
        replace(POLICY, staggered=StaggeredRules(late_grace_minutes=5, early_grace_minutes=5)),
    ]
)
leaves = st.sampled_from([None, *LeavePart])


@settings(max_examples=300)
@given(
    policies,
    arrangements,
    punch_lists,
    leaves,
    st.booleans(),
    st.sampled_from(ReportState),
    st.randoms(use_true_random=False),
)
def test_result_does_not_depend_on_punch_order_and_is_idempotent(
    policy: Policy,
    arrangement: Arrangement | None,
    day_punches: list[Punch],
    leave: LeavePart | None,
    working_day: bool,
    report: ReportState,
    rnd: object,
) -> None:
    evaluator = Evaluator(policy, CALENDAR)
    kwargs = {
        "arrangement": arrangement,
        "leave": leave,
        "working_day": working_day,
        "report": report,
    }
    first = evaluator.evaluate(WEDNESDAY, day_punches, **kwargs)  # type: ignore[arg-type]
    shuffled = list(day_punches)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    assert evaluator.evaluate(WEDNESDAY, shuffled, **kwargs) == first  # type: ignore[arg-type]
    assert evaluator.evaluate(WEDNESDAY, day_punches, **kwargs) == first  # type: ignore[arg-type]
    assert Evaluator(policy, CALENDAR).evaluate(WEDNESDAY, day_punches, **kwargs) == first  # type: ignore[arg-type]
    doubled = day_punches + day_punches
    assert evaluator.evaluate(WEDNESDAY, doubled, **kwargs) == first  # type: ignore[arg-type]


@settings(max_examples=300)
@given(policies, arrangements, punch_lists, leaves, st.booleans())
def test_worked_minutes_are_never_negative_nor_more_than_the_elapsed_time(
    policy: Policy,
    arrangement: Arrangement | None,
    day_punches: list[Punch],
    leave: LeavePart | None,
    working_day: bool,
) -> None:
    result = Evaluator(policy, CALENDAR).evaluate(
        WEDNESDAY, day_punches, arrangement=arrangement, leave=leave, working_day=working_day
    )
    assert result.worked_minutes >= 0
    assert result.late_minutes >= 0
    assert result.early_minutes >= 0
    if result.first_punch is None or result.last_punch is None:
        assert result.worked_minutes == 0
    else:
        elapsed = result.last_punch - result.first_punch
        assert timedelta(minutes=result.worked_minutes) <= elapsed
    for item in result.exceptions:
        assert item.th
        assert item.en


@given(
    policies, arrangements, punch_lists, st.sampled_from([None, LeavePart.FULL_DAY]), st.booleans()
)
def test_a_non_working_day_or_a_full_day_leave_is_never_absent(
    policy: Policy,
    arrangement: Arrangement | None,
    day_punches: list[Punch],
    leave: LeavePart | None,
    holiday: bool,
) -> None:
    if not holiday and leave is None:
        leave = LeavePart.FULL_DAY
    result = Evaluator(policy, CALENDAR).evaluate(
        WEDNESDAY, day_punches, arrangement=arrangement, leave=leave, working_day=not holiday
    )
    assert result.status is not DayStatus.ABSENT
    if holiday:
        assert result.status in {DayStatus.HOLIDAY, DayStatus.WORKED_NON_WORKING_DAY}
