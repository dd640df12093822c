"""Work arrangements against the policy (Guideline 2565 modes; Off-site regulation 2565)."""

from __future__ import annotations

from datetime import date

import pytest

from govflex.core.arrangements import DayPlan, check_day_plan, check_week, mode_options
from govflex.core.enums import PlaceType, PositionType, WorkMode
from govflex.core.policy import TimeWindow, default_policy

POLICY = default_policy(date(2026, 1, 1))
SLOT = TimeWindow.of("08:00", "16:00")


@pytest.mark.parametrize(
    ("position", "allowed"),
    [
        (PositionType.SUPPORT, {WorkMode.STAGGERED, WorkMode.COUNTED_HOURS, WorkMode.OFF_SITE}),
        (PositionType.AREA_FIELD_WORK, {WorkMode.STAGGERED, WorkMode.COUNTED_HOURS}),
    ],
)
def test_mode_options_follow_the_default_matrix(
    position: PositionType, allowed: set[WorkMode]
) -> None:
    options = mode_options(POLICY, position)
    assert {o.mode for o in options if o.allowed} == allowed
    refused = [o for o in options if not o.allowed]
    assert all(o.note is not None and o.note.code == "mode_not_allowed" for o in refused)


def test_a_conditional_mode_is_offered_with_a_note() -> None:
    [off_site] = [
        o for o in mode_options(POLICY, PositionType.PUBLIC_CONTACT) if o.mode is WorkMode.OFF_SITE
    ]
    assert off_site.allowed
    assert off_site.note is not None
    assert off_site.note.code == "mode_conditional"


@pytest.mark.parametrize(
    ("plan", "codes"),
    [
        (DayPlan(WorkMode.STAGGERED, SLOT), []),
        (DayPlan(WorkMode.STAGGERED), ["slot_required"]),
        (DayPlan(WorkMode.STAGGERED, TimeWindow.of("10:00", "18:00")), ["slot_not_in_policy"]),
        (DayPlan(WorkMode.COUNTED_HOURS), []),
        (DayPlan(WorkMode.OFF_SITE, place=PlaceType.RESIDENCE), []),
        (DayPlan(WorkMode.OFF_SITE), ["place_required"]),
    ],
)
def test_check_day_plan(plan: DayPlan, codes: list[str]) -> None:
    found = check_day_plan(plan, policy=POLICY, position_type=PositionType.SUPPORT)
    assert [m.code for m in found] == codes


def test_a_mode_the_position_may_not_use_is_refused_with_the_reason() -> None:
    found = check_day_plan(
        DayPlan(WorkMode.OFF_SITE, place=PlaceType.RESIDENCE),
        policy=POLICY,
        position_type=PositionType.AREA_FIELD_WORK,
    )
    assert [m.code for m in found] == ["mode_not_allowed"]
    assert "นอกที่ตั้ง" in found[0].th


def test_the_weekly_off_site_quota_is_enforced() -> None:
    off = DayPlan(WorkMode.OFF_SITE, place=PlaceType.RESIDENCE)
    on = DayPlan(WorkMode.STAGGERED, SLOT)
    assert (
        check_week(
            {0: off, 1: off, 2: on, 3: on, 4: on}, policy=POLICY, position_type=PositionType.SUPPORT
        )
        == []
    )
    found = check_week(
        {0: off, 1: off, 2: off, 3: on, 4: on}, policy=POLICY, position_type=PositionType.SUPPORT
    )
    assert [m.code for m in found] == ["off_site_quota_exceeded"]


def test_day_plan_to_core_arrangement() -> None:
    assert DayPlan(WorkMode.OFF_SITE, place=PlaceType.CO_WORKING).arrangement().on_site is False
    assert DayPlan(WorkMode.STAGGERED, SLOT).arrangement().slot == SLOT
