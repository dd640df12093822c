"""Policy values, validation, effective-dated versions and plain-mapping round trips."""

import json
from dataclasses import replace
from datetime import date, time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govflex.core.enums import CountingMethod, PlaceType, PositionType, WorkMode
from govflex.core.messages import CATALOGUE
from govflex.core.policy import (
    CarryOver,
    CountedHoursRules,
    CoverageRule,
    OffSiteRules,
    Policy,
    PolicyError,
    PolicyHistory,
    PositionModes,
    PunchRules,
    ServiceWindow,
    StaggeredRules,
    StandardDay,
    TimeWindow,
    default_policy,
    policy_from_mapping,
    policy_in_force,
    policy_to_mapping,
    validate_policy,
)

START = date(2025, 10, 1)
W = TimeWindow.of
DEFAULT = default_policy(START)


# ---------------------------------------------------------------- defaults from DOMAIN.md


def test_default_standard_day_is_0830_to_1630_with_lunch_at_noon() -> None:
    # Working-time notice.
    assert DEFAULT.standard_day.hours == W("08:30", "16:30")
    assert DEFAULT.standard_day.lunch == W("12:00", "13:00")
    assert DEFAULT.standard_day.elapsed_minutes == 480
    assert DEFAULT.standard_day.net_minutes == 420


def test_default_mode_1_slots_are_the_guideline_examples_with_no_grace() -> None:
    # Guideline 2565 examples.
    assert [slot.label() for slot in DEFAULT.staggered.slots] == [
        "07:30-15:30",
        "08:00-16:00",
        "08:30-16:30",
        "09:30-17:30",
    ]
    assert DEFAULT.staggered.late_grace_minutes == DEFAULT.staggered.early_grace_minutes == 0


def test_default_mode_2_is_40_hours_elapsed_within_0600_to_2000_weekly() -> None:
    # Guideline 2565 (40 h); the rest is our reading.
    rules = DEFAULT.counted_hours
    assert rules.weekly_minimum_minutes == 40 * 60
    assert rules.counting is CountingMethod.ELAPSED
    assert rules.bandwidth == W("06:00", "20:00")
    assert rules.core_hours is None
    assert rules.daily_minimum_minutes is None
    assert rules.period_weeks == 1
    assert rules.period_anchor.weekday() == 0
    assert rules.carry_over.enabled is False


def test_default_mode_3_allows_two_days_a_week_and_half_a_unit() -> None:
    # Off-site regulation 2565 places; quota and share are our reading.
    rules = DEFAULT.off_site
    assert rules.weekly_quota_days == 2
    assert rules.unit_max_share == 0.5
    assert rules.allowed_places == frozenset(PlaceType)
    assert rules.plan_and_report_required
    assert rules.check_in_required


@pytest.mark.parametrize(
    ("position_type", "recommended", "allowed"),
    [
        pytest.param(PositionType.PUBLIC_CONTACT, {1}, {1, 2, 3}, id="domain-5-public-contact"),
        pytest.param(PositionType.SUPPORT, {1, 2, 3}, {1, 2, 3}, id="domain-5-support"),
        pytest.param(PositionType.STUDY_ANALYSIS_RESEARCH, {2, 3}, {1, 2, 3}, id="domain-5-study"),
        pytest.param(PositionType.AREA_FIELD_WORK, {1}, {1, 2}, id="domain-5-field-work"),
        pytest.param(PositionType.SUPERVISION_COMMAND, {1, 2}, {1, 2, 3}, id="domain-5-command"),
    ],
)
def test_default_modes_per_position_type(
    position_type: PositionType, recommended: set[int], allowed: set[int]
) -> None:
    number = {WorkMode.STAGGERED: 1, WorkMode.COUNTED_HOURS: 2, WorkMode.OFF_SITE: 3}
    modes = DEFAULT.modes_for(position_type)
    assert {number[mode] for mode in modes.recommended} == recommended
    assert {number[mode] for mode in modes.allowed} == allowed


def test_a_position_type_missing_from_the_matrix_allows_no_mode() -> None:
    policy = replace(DEFAULT, position_modes=())
    assert policy.modes_for(PositionType.SUPPORT).allowed == frozenset()


@pytest.mark.parametrize(
    ("counting", "minutes"),
    [
        pytest.param(CountingMethod.ELAPSED, 480, id="domain-4-elapsed-day-is-8h"),
        pytest.param(CountingMethod.NET, 420, id="domain-4-net-day-is-7h"),
        pytest.param(CountingMethod.PAIRED, 480, id="our-reading-paired-day-is-8h"),
    ],
)
def test_standard_day_length_follows_the_counting_method(
    counting: CountingMethod, minutes: int
) -> None:
    policy = replace(DEFAULT, counted_hours=CountedHoursRules(counting=counting))
    assert policy.standard_day_minutes() == minutes


def test_the_default_policy_is_valid() -> None:
    assert validate_policy(DEFAULT) == []


# ---------------------------------------------------------------- time windows


def test_time_window_minutes_and_label() -> None:
    assert W("08:30", "16:30").minutes == 480
    night = W("20:00", "08:00", overnight=True)
    assert (night.start_minute, night.end_minute, night.minutes) == (1200, 1920, 720)
    assert night.label() == "20:00-08:00+1"
    assert W("00:00", "00:00", overnight=True).minutes == 1440


@pytest.mark.parametrize(
    ("window", "valid"),
    [
        (W("08:30", "16:30"), True),
        (W("16:30", "08:30"), False),
        (W("08:30", "08:30"), False),
        (W("20:00", "08:00", overnight=True), True),
        (W("00:00", "00:00", overnight=True), True),
        (W("08:00", "09:00", overnight=True), False),
    ],
)
def test_time_window_validity(window: TimeWindow, valid: bool) -> None:
    assert window.is_valid is valid


# ---------------------------------------------------------------- validation


def _codes(policy: Policy) -> set[tuple[str, str]]:
    return {(item.code, item.path) for item in validate_policy(policy)}


SERVICE = TimeWindow.of("08:30", "16:30")


@pytest.mark.parametrize(
    ("policy", "code", "path"),
    [
        pytest.param(
            replace(DEFAULT, staggered=StaggeredRules(slots=(W("16:30", "08:30"),))),
            "slot_end_before_start",
            "staggered.slots[0]",
            id="slot-end-before-start",
        ),
        pytest.param(
            replace(DEFAULT, staggered=StaggeredRules(slots=())),
            "no_slots",
            "staggered.slots",
            id="no-slots",
        ),
        pytest.param(
            replace(DEFAULT, staggered=StaggeredRules(slots=(SERVICE, SERVICE))),
            "duplicate_slot",
            "staggered.slots[1]",
            id="duplicate-slot",
        ),
        pytest.param(
            replace(DEFAULT, staggered=StaggeredRules(late_grace_minutes=-5)),
            "value_negative",
            "staggered.late_grace_minutes",
            id="negative-grace",
        ),
        pytest.param(
            replace(DEFAULT, staggered=StaggeredRules(early_grace_minutes=90)),
            "value_out_of_range",
            "staggered.early_grace_minutes",
            id="grace-too-long",
        ),
        pytest.param(
            replace(DEFAULT, standard_day=StandardDay(lunch=W("17:00", "18:00"))),
            "lunch_outside_day",
            "standard_day.lunch",
            id="lunch-outside-standard-day",
        ),
        pytest.param(
            replace(DEFAULT, standard_day=StandardDay(hours=W("20:00", "08:00", overnight=True))),
            "overnight_not_allowed",
            "standard_day.hours",
            id="standard-day-overnight",
        ),
        pytest.param(
            replace(DEFAULT, counted_hours=CountedHoursRules(weekly_minimum_minutes=61 * 60)),
            "weekly_hours_out_of_range",
            "counted_hours.weekly_minimum_minutes",
            id="weekly-hours-over-60",
        ),
        pytest.param(
            replace(DEFAULT, counted_hours=CountedHoursRules(weekly_minimum_minutes=0)),
            "weekly_hours_out_of_range",
            "counted_hours.weekly_minimum_minutes",
            id="weekly-hours-zero",
        ),
        pytest.param(
            replace(DEFAULT, counted_hours=CountedHoursRules(bandwidth=W("20:00", "06:00"))),
            "slot_end_before_start",
            "counted_hours.bandwidth",
            id="bandwidth-inverted",
        ),
        pytest.param(
            replace(DEFAULT, counted_hours=CountedHoursRules(core_hours=W("05:00", "15:00"))),
            "core_outside_bandwidth",
            "counted_hours.core_hours",
            id="core-hours-outside-bandwidth",
        ),
        pytest.param(
            replace(DEFAULT, counted_hours=CountedHoursRules(daily_minimum_minutes=0)),
            "value_out_of_range",
            "counted_hours.daily_minimum_minutes",
            id="daily-minimum-zero",
        ),
        pytest.param(
            replace(DEFAULT, counted_hours=CountedHoursRules(period_weeks=0)),
            "value_out_of_range",
            "counted_hours.period_weeks",
            id="period-zero-weeks",
        ),
        pytest.param(
            replace(DEFAULT, counted_hours=CountedHoursRules(period_anchor=date(2026, 3, 4))),
            "anchor_not_monday",
            "counted_hours.period_anchor",
            id="period-anchor-not-monday",
        ),
        pytest.param(
            replace(
                DEFAULT,
                counted_hours=CountedHoursRules(
                    carry_over=CarryOver(enabled=True, credit_cap_minutes=-1)
                ),
            ),
            "value_negative",
            "counted_hours.carry_over.credit_cap_minutes",
            id="credit-cap-negative",
        ),
        pytest.param(
            replace(
                DEFAULT,
                counted_hours=CountedHoursRules(
                    carry_over=CarryOver(enabled=True, debit_cap_minutes=-1)
                ),
            ),
            "value_negative",
            "counted_hours.carry_over.debit_cap_minutes",
            id="debit-cap-negative",
        ),
        pytest.param(
            replace(DEFAULT, off_site=OffSiteRules(weekly_quota_days=8)),
            "value_out_of_range",
            "off_site.weekly_quota_days",
            id="quota-over-a-week",
        ),
        pytest.param(
            replace(DEFAULT, off_site=OffSiteRules(weekly_quota_days=-1)),
            "value_negative",
            "off_site.weekly_quota_days",
            id="quota-negative",
        ),
        pytest.param(
            replace(DEFAULT, off_site=OffSiteRules(unit_max_share=0)),
            "share_out_of_range",
            "off_site.unit_max_share",
            id="unit-share-zero",
        ),
        pytest.param(
            replace(DEFAULT, off_site=OffSiteRules(unit_max_share=1.5)),
            "share_out_of_range",
            "off_site.unit_max_share",
            id="unit-share-above-one",
        ),
        pytest.param(
            replace(DEFAULT, off_site=OffSiteRules(allowed_places=frozenset())),
            "no_places",
            "off_site.allowed_places",
            id="no-places",
        ),
        pytest.param(
            replace(
                DEFAULT,
                position_modes=(PositionModes(PositionType.SUPPORT, frozenset()),),
            ),
            "no_modes",
            "position_modes[0].recommended",
            id="position-type-without-modes",
        ),
        pytest.param(
            replace(
                DEFAULT,
                position_modes=(
                    PositionModes(PositionType.SUPPORT, frozenset({WorkMode.STAGGERED})),
                    PositionModes(PositionType.SUPPORT, frozenset({WorkMode.OFF_SITE})),
                ),
            ),
            "duplicate_key",
            "position_modes[1].position_type",
            id="position-type-twice",
        ),
        pytest.param(
            replace(DEFAULT, punches=PunchRules(merge_seconds=-1)),
            "value_negative",
            "punches.merge_seconds",
            id="merge-window-negative",
        ),
    ],
)
def test_validation_names_the_problem_and_the_field(policy: Policy, code: str, path: str) -> None:
    assert (code, path) in _codes(policy)


def _coverage(*windows: ServiceWindow, point: str = "counter") -> Policy:
    return replace(DEFAULT, coverage=(CoverageRule(point, "เคาน์เตอร์บริการ", windows),))


@pytest.mark.parametrize(
    "windows",
    [
        pytest.param(
            (ServiceWindow(W("08:30", "12:00")), ServiceWindow(W("11:00", "16:30"))),
            id="same-weekdays-overlapping-hours",
        ),
        pytest.param(
            (
                ServiceWindow(W("20:00", "08:00", overnight=True), weekdays=frozenset({6})),
                ServiceWindow(W("07:00", "16:30"), weekdays=frozenset({0})),
            ),
            id="sunday-night-window-runs-into-monday-morning",
        ),
        pytest.param(
            (
                ServiceWindow(W("00:00", "00:00", overnight=True), weekdays=frozenset(range(7))),
                ServiceWindow(W("08:30", "16:30"), minimum_on_site=3),
            ),
            id="24-7-and-office-hours",
        ),
    ],
)
def test_overlapping_service_windows_are_reported(windows: tuple[ServiceWindow, ...]) -> None:
    problems = [
        item for item in validate_policy(_coverage(*windows)) if item.code == "windows_overlap"
    ]
    assert problems
    assert problems[0].path.startswith("coverage[0].windows[")
    assert problems[0].th.startswith("ช่วงเวลาให้บริการซ้อนทับกัน")


@pytest.mark.parametrize(
    "windows",
    [
        pytest.param(
            (ServiceWindow(W("08:30", "12:00")), ServiceWindow(W("12:00", "16:30"), 2)),
            id="back-to-back-windows",
        ),
        pytest.param(
            (
                ServiceWindow(W("08:30", "16:30")),
                ServiceWindow(W("09:00", "12:00"), weekdays=frozenset({5})),
            ),
            id="different-weekdays",
        ),
        pytest.param(
            (
                ServiceWindow(
                    W("00:00", "00:00", overnight=True),
                    2,
                    frozenset(range(7)),
                    on_non_working_days=True,
                ),
            ),
            id="24-7-service",
        ),
        pytest.param(
            (
                ServiceWindow(
                    W("08:00", "20:00"), 3, frozenset(range(7)), on_non_working_days=True
                ),
                ServiceWindow(
                    W("20:00", "08:00", overnight=True),
                    1,
                    frozenset(range(7)),
                    on_non_working_days=True,
                ),
            ),
            id="day-and-night-shifts-every-day",
        ),
    ],
)
def test_non_overlapping_service_windows_are_valid(windows: tuple[ServiceWindow, ...]) -> None:
    assert validate_policy(_coverage(*windows)) == []


@pytest.mark.parametrize(
    ("window", "code", "path"),
    [
        (ServiceWindow(W("16:30", "08:30")), "slot_end_before_start", "windows[0].hours"),
        (
            ServiceWindow(SERVICE, minimum_on_site=0),
            "value_out_of_range",
            "windows[0].minimum_on_site",
        ),
        (ServiceWindow(SERVICE, weekdays=frozenset()), "no_weekdays", "windows[0].weekdays"),
        (ServiceWindow(SERVICE, weekdays=frozenset({7})), "weekday_invalid", "windows[0].weekdays"),
    ],
)
def test_invalid_service_window(window: ServiceWindow, code: str, path: str) -> None:
    assert (code, f"coverage[0].{path}") in _codes(_coverage(window))


def test_two_service_points_with_one_id_are_reported() -> None:
    rule = CoverageRule("counter", "A", (ServiceWindow(SERVICE),))
    policy = replace(DEFAULT, coverage=(rule, rule))
    assert ("duplicate_key", "coverage[1].service_point_id") in _codes(policy)


def test_every_validation_message_has_thai_and_english_text() -> None:
    broken = replace(
        DEFAULT,
        staggered=StaggeredRules(slots=(W("16:30", "08:30"),), late_grace_minutes=-1),
        counted_hours=CountedHoursRules(weekly_minimum_minutes=0),
    )
    for item in validate_policy(broken):
        assert item.th
        assert item.en
        assert item.th != item.en


def test_every_catalogue_entry_formats_in_both_languages() -> None:
    for th, en in CATALOGUE.values():
        assert th.strip()
        assert en.strip()


# ---------------------------------------------------------------- effective-dated versions


def test_policy_in_force_is_the_latest_version_effective_on_or_before_the_day() -> None:
    first = default_policy(date(2025, 10, 1), name="first")
    second = default_policy(date(2026, 4, 1), name="second")
    versions = [second, first]
    assert policy_in_force(versions, date(2025, 9, 30)) is None
    assert policy_in_force(versions, date(2025, 10, 1)) is first
    assert policy_in_force(versions, date(2026, 3, 31)) is first
    assert policy_in_force(versions, date(2026, 4, 1)) is second
    history = PolicyHistory((second, first))
    assert history.versions == (first, second)
    for day in (date(2025, 9, 30), date(2025, 10, 1), date(2026, 3, 31), date(2026, 4, 1)):
        assert history.in_force(day) is policy_in_force(versions, day)


def test_two_versions_effective_on_one_day_are_refused() -> None:
    with pytest.raises(ValueError, match="same day"):
        PolicyHistory((default_policy(START), default_policy(START, name="again")))


@given(
    st.lists(st.dates(date(2020, 1, 1), date(2030, 12, 31)), min_size=1, max_size=8, unique=True),
    st.dates(date(2019, 1, 1), date(2031, 12, 31)),
)
def test_history_lookup_equals_the_linear_rule(starts: list[date], day: date) -> None:
    versions = [default_policy(start) for start in starts]
    assert PolicyHistory(tuple(versions)).in_force(day) == policy_in_force(versions, day)


# ---------------------------------------------------------------- mappings


def _rich_policy() -> Policy:
    return Policy(
        effective_from=date(2026, 4, 1),
        name="นโยบายกองคลัง",
        staggered=StaggeredRules(
            slots=(W("07:30", "15:30"), W("20:00", "08:00", overnight=True)),
            late_grace_minutes=5,
        ),
        counted_hours=CountedHoursRules(
            weekly_minimum_minutes=35 * 60,
            counting=CountingMethod.NET,
            core_hours=W("10:00", "15:00"),
            daily_minimum_minutes=240,
            period_weeks=2,
            carry_over=CarryOver(enabled=True, credit_cap_minutes=120, debit_cap_minutes=60),
        ),
        off_site=OffSiteRules(
            weekly_quota_days=1,
            unit_max_share=0.3,
            allowed_places=frozenset({PlaceType.RESIDENCE, PlaceType.CO_WORKING}),
            check_in_required=False,
        ),
        coverage=(
            CoverageRule(
                "er",
                "ห้องฉุกเฉิน",
                (
                    ServiceWindow(
                        W("00:00", "00:00", overnight=True),
                        2,
                        frozenset(range(7)),
                        on_non_working_days=True,
                    ),
                ),
            ),
            CoverageRule("counter", "เคาน์เตอร์", (ServiceWindow(W("08:30", "16:30"), 1),)),
        ),
    )


@pytest.mark.parametrize("policy", [DEFAULT, _rich_policy()], ids=["default", "rich"])
def test_policy_survives_a_json_round_trip(policy: Policy) -> None:
    text = json.dumps(policy_to_mapping(policy), ensure_ascii=False)
    assert policy_from_mapping(json.loads(text)) == policy


def test_a_policy_file_only_needs_what_differs_from_the_defaults() -> None:
    policy = policy_from_mapping(
        {
            "effective_from": date(2026, 4, 1),  # YAML gives dates as date values
            "staggered": {"slots": ["08:00-16:00", "09:30–17:30"], "late_grace_minutes": 10},
            "coverage": [
                {
                    "service_point_id": "counter",
                    "name": "เคาน์เตอร์",
                    "windows": [{"hours": "08:30-16:30", "weekdays": ["mon", "tue", 2]}],
                }
            ],
        }
    )
    assert policy.staggered.slots == (W("08:00", "16:00"), W("09:30", "17:30"))
    assert policy.staggered.late_grace_minutes == 10
    assert policy.counted_hours == CountedHoursRules()
    assert policy.coverage[0].windows[0].weekdays == frozenset({0, 1, 2})
    assert policy.coverage[0].windows[0].minimum_on_site == 1


@pytest.mark.parametrize(
    ("data", "path", "code"),
    [
        pytest.param({}, "effective_from", "required", id="missing-effective-from"),
        pytest.param(
            {"effective_from": "2026-13-01"}, "effective_from", "invalid_value", id="bad-date"
        ),
        pytest.param(
            {"effective_from": "2026-04-01", "staggered": {"slots": ["8.30-16.30"]}},
            "staggered.slots[0]",
            "invalid_value",
            id="bad-slot-text",
        ),
        pytest.param(
            {"effective_from": "2026-04-01", "counted_hours": {"weekly_minimum_minutes": 4200}},
            "counted_hours.weekly_minimum_minutes",
            "weekly_hours_out_of_range",
            id="validation-runs-after-reading",
        ),
        pytest.param(
            {"effective_from": "2026-04-01", "counted_hours": {"counting": "gross"}},
            "counted_hours.counting",
            "invalid_value",
            id="unknown-counting-method",
        ),
        pytest.param(
            {"effective_from": "2026-04-01", "off_site": {"quota": 3}},
            "off_site.quota",
            "unknown_field",
            id="unknown-field",
        ),
        pytest.param(
            {"effective_from": "2026-04-01", "off_site": {"check_in_required": "yes"}},
            "off_site.check_in_required",
            "invalid_value",
            id="boolean-as-text",
        ),
        pytest.param(
            {"effective_from": "2026-04-01", "coverage": [{"windows": [{"hours": "08:30-16:30"}]}]},
            "coverage[0].service_point_id",
            "required",
            id="service-point-without-id",
        ),
        pytest.param(
            {
                "effective_from": "2026-04-01",
                "coverage": [
                    {
                        "service_point_id": "x",
                        "windows": [{"hours": "08:30-16:30", "weekdays": ["funday"]}],
                    }
                ],
            },
            "coverage[0].windows[0].weekdays",
            "invalid_value",
            id="unknown-weekday",
        ),
        pytest.param(
            {"effective_from": "2026-04-01", "coverage": {"service_point_id": "x"}},
            "coverage",
            "invalid_value",
            id="coverage-not-a-list",
        ),
    ],
)
def test_unreadable_policy_names_the_field(data: dict[str, object], path: str, code: str) -> None:
    with pytest.raises(PolicyError) as caught:
        policy_from_mapping(data)
    assert (code, path) in {(item.code, item.path) for item in caught.value.messages}
    assert path in str(caught.value)


def test_reading_without_validation_returns_an_invalid_policy_for_inspection() -> None:
    data = {"effective_from": "2026-04-01", "counted_hours": {"weekly_minimum_minutes": 4200}}
    policy = policy_from_mapping(data, validate=False)
    assert policy.counted_hours.weekly_minimum_minutes == 4200
    assert validate_policy(policy)


def test_mapping_times_are_hh_mm_text() -> None:
    data = policy_to_mapping(DEFAULT)
    assert data["standard_day"] == {"hours": "08:30-16:30", "lunch": "12:00-13:00"}
    assert data["counted_hours"]["bandwidth"] == "06:00-20:00"
    assert data["effective_from"] == "2025-10-01"


def test_window_may_be_given_as_a_mapping() -> None:
    policy = policy_from_mapping(
        {
            "effective_from": "2026-04-01",
            "standard_day": {"hours": {"start": "08:00", "end": "16:00"}},
            "staggered": {"slots": [{"start": "20:00", "end": "08:00", "overnight": True}]},
        }
    )
    assert policy.standard_day.hours == W("08:00", "16:00")
    assert policy.staggered.slots[0] == TimeWindow(time(20), time(8), overnight=True)
