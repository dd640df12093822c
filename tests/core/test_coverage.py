"""Coverage of service points (Guideline 2565 / Off-site regulation 2565: service comes first)."""

from dataclasses import replace
from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govflex.core.calendar import BANGKOK, local_instant
from govflex.core.coverage import (
    OnSiteSpan,
    PlannedWork,
    check_coverage,
    off_site_limit,
    off_site_quota_left,
    planned_spans,
)
from govflex.core.enums import LeavePart, PlaceType, WorkMode
from govflex.core.evaluation import Arrangement
from govflex.core.policy import (
    CountedHoursRules,
    CoverageRule,
    OffSiteRules,
    ServiceWindow,
    TimeWindow,
    default_policy,
)

W = TimeWindow.of
WEDNESDAY = date(2026, 3, 4)
SATURDAY = date(2026, 3, 7)
POLICY = default_policy(date(2025, 10, 1))


def at(clock: str, day: date = WEDNESDAY) -> datetime:
    return local_instant(day, time.fromisoformat(clock))


def span(person: str, start: str, end: str, point: str | None = None) -> OnSiteSpan:
    return OnSiteSpan(person, at(start), at(end), point)


def counter(minimum: int = 2, hours: str = "08:30-16:30", **kwargs: object) -> CoverageRule:
    start, end = hours.split("-")
    window = ServiceWindow(W(start, end), minimum, **kwargs)  # type: ignore[arg-type]
    return CoverageRule("counter", "เคาน์เตอร์บริการ", (window,))


def gaps(
    rule: CoverageRule, spans: list[OnSiteSpan], day: date = WEDNESDAY, *, working_day: bool = True
) -> list[tuple[str, str, int, int]]:
    verdict = check_coverage([rule], day, spans, working_day=working_day)
    return [
        (local(item.start), local(item.end), item.required, item.planned)
        for item in verdict.uncovered
    ]


def local(item: datetime) -> str:
    return f"{item.astimezone(BANGKOK):%H:%M}"


# ---------------------------------------------------------------- the check


@pytest.mark.parametrize(
    ("spans", "expected"),
    [
        pytest.param(
            [span("a", "07:30", "15:30"), span("b", "08:30", "16:30"), span("c", "09:30", "17:30")],
            [],
            id="guideline-staggered-slots-cover-the-counter",
        ),
        pytest.param(
            [span("a", "07:30", "15:30"), span("c", "09:30", "17:30")],
            [("08:30", "09:30", 2, 1), ("15:30", "16:30", 2, 1)],
            id="early-and-late-slots-leave-both-ends-short",
        ),
        pytest.param([], [("08:30", "16:30", 2, 0)], id="nobody-on-site"),
        pytest.param(
            [span("a", "08:30", "16:30"), span("a", "08:00", "12:00")],
            [("08:30", "16:30", 2, 1)],
            id="one-person-counts-once-however-many-spans",
        ),
        pytest.param(
            [span("a", "08:30", "12:00"), span("b", "12:00", "16:30"), span("c", "08:30", "16:30")],
            [],
            id="hand-over-at-noon-is-seamless",
        ),
        pytest.param(
            [span("a", "08:30", "16:30"), span("b", "08:30", "16:30", "phone")],
            [("08:30", "16:30", 2, 1)],
            id="someone-on-another-service-point-does-not-count",
        ),
        pytest.param(
            [span("a", "08:30", "16:30"), span("b", "08:30", "16:30", "counter")],
            [],
            id="someone-assigned-to-this-point-counts",
        ),
    ],
)
def test_uncovered_parts_of_the_service_window(
    spans: list[OnSiteSpan], expected: list[tuple[str, str, int, int]]
) -> None:
    assert gaps(counter(), spans) == expected


def test_window_is_split_where_the_head_count_changes() -> None:
    spans = [span("a", "08:30", "16:30"), span("b", "10:00", "12:00"), span("c", "11:00", "15:00")]
    assert gaps(counter(3), spans) == [
        ("08:30", "10:00", 3, 1),
        ("10:00", "11:00", 3, 2),
        ("12:00", "15:00", 3, 2),
        ("15:00", "16:30", 3, 1),
    ]


def test_a_swap_at_the_same_minute_does_not_split_a_shortfall() -> None:
    spans = [span("a", "08:30", "12:00"), span("b", "12:00", "16:30")]
    assert gaps(counter(2), spans) == [("08:30", "16:30", 2, 1)]


def test_windows_apply_only_on_their_weekdays_and_working_days() -> None:
    rule = counter()
    assert gaps(rule, [], SATURDAY, working_day=False) == []
    assert gaps(rule, [], WEDNESDAY, working_day=False) == []
    open_on_holidays = counter(1, weekdays=frozenset(range(7)), on_non_working_days=True)
    assert gaps(open_on_holidays, [], SATURDAY, working_day=False) == [("08:30", "16:30", 1, 0)]


def test_extended_hours_window() -> None:
    rule = counter(1, "07:00-20:00", weekdays=frozenset(range(7)), on_non_working_days=True)
    spans = [span("a", "07:00", "15:00"), span("b", "12:00", "19:00")]
    assert gaps(rule, spans) == [("19:00", "20:00", 1, 0)]


def test_24_7_night_window_belongs_to_the_day_it_starts() -> None:
    night = ServiceWindow(
        W("20:00", "08:00", overnight=True), 1, frozenset(range(7)), on_non_working_days=True
    )
    day = ServiceWindow(W("08:00", "20:00"), 2, frozenset(range(7)), on_non_working_days=True)
    rule = CoverageRule("er", "ห้องฉุกเฉิน", (night, day))
    spans = [
        span("a", "08:00", "20:00"),
        span("b", "08:00", "20:00"),
        OnSiteSpan("c", at("20:00"), at("07:00", WEDNESDAY + timedelta(days=1))),
    ]
    verdict = check_coverage([rule], WEDNESDAY, spans, working_day=True)
    assert [(item.start, item.end, item.planned) for item in verdict.uncovered] == [
        (at("07:00", WEDNESDAY + timedelta(days=1)), at("08:00", WEDNESDAY + timedelta(days=1)), 0)
    ]


def test_several_service_points_are_checked_separately() -> None:
    phone = CoverageRule("phone", "สายด่วน", (ServiceWindow(W("08:30", "16:30"), 1),))
    spans = [span("a", "08:30", "16:30", "counter"), span("b", "08:30", "16:30", "counter")]
    verdict = check_coverage([counter(), phone], WEDNESDAY, spans, working_day=True)
    assert [item.service_point_id for item in verdict.uncovered] == ["phone"]
    assert not verdict.covered


def test_shortfall_explains_itself_in_thai_and_english() -> None:
    verdict = check_coverage(
        [counter()], WEDNESDAY, [span("a", "08:30", "16:30")], working_day=True
    )
    shortfall = verdict.uncovered[0]
    assert shortfall.missing == 1
    text = shortfall.message()
    assert text.th == "เคาน์เตอร์บริการ: ต้องมีผู้ปฏิบัติงานในที่ตั้ง 2 คน ช่วง 08:30–16:30 แต่มี 1 คน"
    assert text.en == "เคาน์เตอร์บริการ: 2 on site needed 08:30–16:30, 1 planned"


def test_a_fully_covered_day_is_covered() -> None:
    verdict = check_coverage(
        [counter(1)], WEDNESDAY, [span("a", "08:00", "17:00")], working_day=True
    )
    assert verdict.covered
    assert verdict.uncovered == ()


# ---------------------------------------------------------------- from plans to spans


@pytest.mark.parametrize(
    ("plan", "expected"),
    [
        pytest.param(
            PlannedWork("a"),
            ("08:30", "16:30"),
            id="working-time-notice-no-arrangement-standard-day",
        ),
        pytest.param(
            PlannedWork("a", Arrangement.staggered(W("07:30", "15:30"))),
            ("07:30", "15:30"),
            id="guideline-mode-1-slot",
        ),
        pytest.param(
            PlannedWork("a", leave=LeavePart.FULL_DAY), None, id="leave-2555-full-day-not-on-site"
        ),
        pytest.param(
            PlannedWork("a", leave=LeavePart.MORNING),
            ("13:00", "16:30"),
            id="leave-2555-morning-leave",
        ),
        pytest.param(
            PlannedWork("a", leave=LeavePart.AFTERNOON),
            ("08:30", "12:00"),
            id="leave-2555-afternoon-leave",
        ),
        pytest.param(
            PlannedWork("a", Arrangement.off_site(PlaceType.RESIDENCE)),
            None,
            id="off-site-reg-not-on-site",
        ),
        pytest.param(
            PlannedWork("a", Arrangement(WorkMode.OFF_SITE, None, on_site=True)),
            ("08:30", "16:30"),
            id="mode-3-office-day",
        ),
        pytest.param(
            PlannedWork("a", Arrangement.counted_hours()),
            None,
            id="mode-2-without-core-hours-not-planned",
        ),
        pytest.param(
            PlannedWork("a", Arrangement(WorkMode.COUNTED_HOURS, W("10:00", "18:00"))),
            ("10:00", "18:00"),
            id="mode-2-declared-hours",
        ),
    ],
)
def test_planned_spans(plan: PlannedWork, expected: tuple[str, str] | None) -> None:
    spans = planned_spans(WEDNESDAY, [plan], policy=POLICY)
    assert [(local(item.start), local(item.end)) for item in spans] == (
        [expected] if expected else []
    )


def test_mode_2_core_hours_count_as_planned_presence() -> None:
    policy = replace(POLICY, counted_hours=CountedHoursRules(core_hours=W("10:00", "15:00")))
    spans = planned_spans(WEDNESDAY, [PlannedWork("a", Arrangement.counted_hours())], policy=policy)
    assert [(local(item.start), local(item.end)) for item in spans] == [("10:00", "15:00")]


def test_plans_to_verdict_for_an_approval() -> None:
    plans = [
        PlannedWork("a", Arrangement.staggered(W("07:30", "15:30"))),
        PlannedWork("b", Arrangement.off_site(PlaceType.RESIDENCE)),  # the request being approved
        PlannedWork("c", Arrangement.staggered(W("09:30", "17:30")), LeavePart.AFTERNOON),
    ]
    verdict = check_coverage(
        [counter(1)], WEDNESDAY, planned_spans(WEDNESDAY, plans, policy=POLICY), working_day=True
    )
    assert [(local(item.start), local(item.end), item.planned) for item in verdict.uncovered] == [
        ("15:30", "16:30", 0)
    ]


# ---------------------------------------------------------------- off-site limits


@pytest.mark.parametrize(
    ("headcount", "share", "limit"),
    [(10, 0.5, 5), (7, 0.5, 3), (10, 0.3, 3), (1, 0.5, 0), (4, 1.0, 4)],
    ids=[
        "half-of-10",
        "half-of-7-rounds-down",
        "float-share-exact",
        "one-person-unit",
        "whole-unit",
    ],
)
def test_off_site_limit_per_unit(headcount: int, share: float, limit: int) -> None:
    assert off_site_limit(headcount, OffSiteRules(unit_max_share=share)) == limit


def test_off_site_quota_left_this_week() -> None:
    assert off_site_quota_left(0, OffSiteRules()) == 2
    assert off_site_quota_left(2, OffSiteRules()) == 0
    assert off_site_quota_left(3, OffSiteRules()) == 0


# ---------------------------------------------------------------- property: minute-by-minute

minutes = st.integers(6 * 60, 20 * 60)


@settings(max_examples=200)
@given(
    st.lists(
        st.tuples(st.integers(0, 5), minutes, minutes, st.sampled_from([None, "counter", "phone"])),
        max_size=12,
    ),
    st.integers(1, 4),
    st.tuples(minutes, minutes).filter(lambda pair: pair[0] < pair[1]),
)
def test_shortfalls_match_a_minute_by_minute_head_count(
    raw: list[tuple[int, int, int, str | None]], required: int, window: tuple[int, int]
) -> None:
    origin = at("00:00")
    spans = [
        OnSiteSpan(
            str(person), origin + timedelta(minutes=start), origin + timedelta(minutes=end), point
        )
        for person, start, end, point in raw
    ]
    hours = TimeWindow(time(window[0] // 60, window[0] % 60), time(window[1] // 60, window[1] % 60))
    rule = CoverageRule("counter", "", (ServiceWindow(hours, required),))
    verdict = check_coverage([rule], WEDNESDAY, spans, working_day=True)

    expected: dict[int, int] = {}
    for minute in range(window[0], window[1]):
        instant = origin + timedelta(minutes=minute)
        people = {
            s.person_id
            for s in spans
            if s.service_point_id in {None, "counter"} and s.start <= instant < s.end
        }
        if len(people) < required:
            expected[minute] = len(people)
    found: dict[int, int] = {}
    previous = None
    for item in verdict.uncovered:
        assert item.start < item.end
        if previous is not None:
            assert previous.end < item.start or previous.planned != item.planned
        for minute in range(
            (item.start - origin) // timedelta(minutes=1),
            (item.end - origin) // timedelta(minutes=1),
        ):
            assert minute not in found
            found[minute] = item.planned
        previous = item
    assert found == expected
