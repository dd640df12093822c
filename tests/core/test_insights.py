"""Monitoring figures: ratios of sums, the difference in differences and the national view."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govflex.core.insights import (
    AgencyDay,
    Counts,
    Indicators,
    UnitPeriods,
    diff_in_diff,
    national_day,
    t95,
)


def _unit(before: tuple[int, int], after: tuple[int, int]) -> UnitPeriods:
    """(compliant, working) before and after."""
    return UnitPeriods(
        Counts(compliant=before[0], working=before[1]), Counts(compliant=after[0], working=after[1])
    )


def test_indicators_are_ratios_of_sums() -> None:
    counts = Counts(people=10, working=8, compliant=6, late=1, mode_off_site=4, mode_standard=4)
    counts.add(Counts(people=10, working=2, compliant=2, mode_staggered=2, reports_filed=3))
    ind = Indicators.of(counts)
    assert ind.compliance == 8 / 10
    assert ind.late_rate == 1 / 10
    assert ind.off_site_share == 4 / 10
    assert ind.mode_mix["staggered"] == 2 / 10
    assert ind.report_completeness == 3 / 4
    assert Indicators.of(Counts()).compliance is None


def test_report_completeness_never_exceeds_one() -> None:
    assert Indicators.of(Counts(mode_off_site=1, reports_filed=3)).report_completeness == 1.0


def test_mean_response_time() -> None:
    ind = Indicators.of(Counts(contact_checks=3, contact_answered=2, response_seconds=600))
    assert ind.answered_share == 2 / 3
    assert ind.mean_response_minutes == 5


def test_difference_in_differences_with_an_interval() -> None:
    # Treated units go from 50% to 90%, control units from 50% to 60%: +30 points.
    treated = [
        _unit((50, 100), (90, 100)),
        _unit((48, 100), (86, 100)),
        _unit((52, 100), (94, 100)),
    ]
    control = [
        _unit((50, 100), (60, 100)),
        _unit((49, 100), (58, 100)),
        _unit((51, 100), (62, 100)),
    ]
    estimate = diff_in_diff("compliance", treated, control)
    assert estimate.effect == pytest.approx(0.30)
    assert estimate.low is not None
    assert estimate.high is not None
    assert estimate.low < 0.30 < estimate.high
    assert estimate.conclusive
    assert (estimate.treated_units, estimate.control_units) == (3, 3)


def test_noisy_differences_are_not_conclusive() -> None:
    treated = [_unit((50, 100), (90, 100)), _unit((50, 100), (20, 100))]
    control = [_unit((50, 100), (55, 100)), _unit((50, 100), (45, 100))]
    estimate = diff_in_diff("compliance", treated, control)
    assert not estimate.conclusive


def test_too_few_units_give_no_interval_and_no_data_gives_no_effect() -> None:
    one = diff_in_diff("compliance", [_unit((1, 2), (2, 2))], [_unit((1, 2), (1, 2))])
    assert one.effect == pytest.approx(0.5)
    assert one.low is None
    assert not one.conclusive
    assert diff_in_diff("compliance", [], []).effect is None


def test_t_quantiles() -> None:
    assert t95(1) == pytest.approx(12.706)
    assert t95(100) == 1.96
    assert t95(0) == float("inf")


@given(
    st.lists(st.tuples(st.integers(0, 50), st.integers(0, 50)), min_size=2, max_size=6),
    st.integers(-20, 20),
)
def test_shifting_both_groups_alike_changes_nothing(
    rows: list[tuple[int, int]], shift: int
) -> None:
    """A change shared by treated and control units cancels out."""
    base = [
        UnitPeriods(Counts(compliant=a, working=100), Counts(compliant=b, working=100))
        for a, b in rows
    ]
    moved = [
        UnitPeriods(u.before, Counts(compliant=u.after.compliant + 20 + shift, working=100))
        for u in base
    ]
    plain = diff_in_diff("compliance", base, base)
    both = diff_in_diff("compliance", moved, moved)
    assert plain.effect == pytest.approx(0.0)
    assert both.effect == pytest.approx(0.0)


def test_national_day() -> None:
    reports = [
        AgencyDay("a", 100, {"off_site": 60, "standard": 40}, compliant=90, working=100),
        AgencyDay("b", 50, {"staggered": 10, "standard": 40}, compliant=40, working=50),
    ]
    day = national_day(4, reports)
    assert (day.agencies_reporting, day.reporting_share) == (2, 0.5)
    assert day.agencies_using["off_site"] == 1
    assert day.agencies_using["standard"] == 2
    assert day.staff_share["off_site"] == 60 / 150
    assert day.agencies_half_off_site == 1
    assert day.compliance == 130 / 150
