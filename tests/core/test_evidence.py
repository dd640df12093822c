"""Evidence for evaluation: counts per person and per work mode; a unit is the sum."""

from __future__ import annotations

import datetime as dt

from govflex.core.enums import DayStatus
from govflex.core.evidence import (
    NO_RESULT,
    STANDARD,
    ContactFact,
    DayFact,
    Evidence,
    ItemFact,
    ReportFact,
    collect,
    combine,
)

START, END = dt.date(2026, 10, 1), dt.date(2027, 3, 31)
MON, TUE, WED, THU = (dt.date(2026, 11, d) for d in (2, 3, 4, 5))


def _person() -> Evidence:
    return collect(
        start=START,
        end=END,
        days=[
            DayFact(MON, "", DayStatus.PRESENT),
            DayFact(TUE, "off_site", DayStatus.OFF_SITE_REPORTED),
            DayFact(WED, "off_site", DayStatus.OFF_SITE_REPORT_MISSING),
            DayFact(THU, "staggered", DayStatus.LATE),
            DayFact(dt.date(2026, 11, 6), "", DayStatus.ON_LEAVE),
            DayFact(dt.date(2026, 9, 30), "", DayStatus.ABSENT),  # before the half
        ],
        items=[
            ItemFact(due=TUE, completed_on=TUE, open=False),  # on time, off site
            ItemFact(due=MON, completed_on=THU, open=False),  # late, staggered
            ItemFact(due=WED, completed_on=None, open=True),  # overdue
            ItemFact(due=dt.date(2027, 5, 1), completed_on=None, open=True),  # not due yet
        ],
        outputs=[TUE, TUE, dt.date(2026, 11, 8)],  # a Sunday: no day result
        reports=[ReportFact(TUE, "accepted"), ReportFact(WED, "planned")],
        contacts=[ContactFact(TUE, 120), ContactFact(WED, None), ContactFact(WED, 600)],
    )


def test_totals() -> None:
    total = _person().total
    assert (total.working_days, total.compliant_days) == (4, 2)
    assert total.compliance_share == 0.5
    assert (total.late_days, total.absent_days, total.leave_days) == (1, 0, 1)
    assert (total.items_due, total.items_completed, total.items_on_time) == (3, 2, 1)
    assert total.on_time_share == 0.5
    assert total.items_overdue_open == 1
    assert total.outputs == 3
    assert (total.off_site_days, total.plans_filed, total.reports_filed) == (2, 2, 1)
    assert total.report_completeness == 0.5
    assert (total.contact_checks, total.contact_answered) == (3, 2)
    assert total.median_response_seconds == 360


def test_by_mode() -> None:
    evidence = _person()
    off_site = evidence.by_mode["off_site"]
    assert (off_site.working_days, off_site.compliant_days, off_site.items_completed) == (2, 1, 1)
    assert off_site.outputs == 2
    assert off_site.report_completeness == 0.5
    assert evidence.by_mode["staggered"].items_on_time == 0
    assert evidence.by_mode[STANDARD].working_days == 1
    assert evidence.by_mode[NO_RESULT].outputs == 1


def test_a_unit_is_the_sum_of_its_people_and_shares_come_from_sums() -> None:
    one = _person()
    other = collect(
        start=START,
        end=END,
        days=[DayFact(MON, "", DayStatus.PRESENT)],
        items=[],
        outputs=[],
        reports=[],
        contacts=[ContactFact(MON, 60)],
    )
    unit = combine({1: one, 2: other})
    assert unit.total.working_days == 5
    assert unit.total.compliance_share == 3 / 5  # not the mean of 0.5 and 1.0
    assert unit.total.median_response_seconds == 120
    assert unit.by_mode[STANDARD].working_days == 2
    assert one.total.working_days == 4  # summing did not change a person's figures


def test_nothing_happened_gives_no_shares() -> None:
    empty = collect(start=START, end=END, days=[], items=[], outputs=[], reports=[], contacts=[])
    assert empty.total.empty
    assert empty.total.compliance_share is None
    assert empty.total.median_response_seconds is None
