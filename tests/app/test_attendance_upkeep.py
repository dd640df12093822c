"""Confirming finished days with a per-person watermark, and recomputing a range."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command

from govflex.attendance.models import ConfirmationCursor, DayResult
from govflex.attendance.services import days_confirm
from govflex.org.models import Person
from govflex.policies.models import SpecialHoliday

BKK = ZoneInfo("Asia/Bangkok")


def at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=BKK)


def test_confirm_marks_absences_only_after_the_planned_hours(org: dict[str, Any]) -> None:
    people = Person.objects.filter(pk=org["person_a"].pk)
    thursday = dt.date(2026, 3, 5)
    days_confirm(people=people, now=at(thursday, 10), horizon_days=0)
    assert not DayResult.objects.filter(day=thursday, final=True).exists()
    days_confirm(people=people, now=at(thursday, 17), horizon_days=0)
    result = DayResult.objects.get(person=org["person_a"], day=thursday)
    assert (result.status, result.final) == ("absent", True)
    assert ConfirmationCursor.objects.get(person=org["person_a"]).through == thursday


def test_the_watermark_means_no_rescan_of_history(org: dict[str, Any]) -> None:
    people = Person.objects.filter(pk=org["person_a"].pk)
    friday = dt.date(2026, 3, 6)
    days_confirm(people=people, now=at(friday, 18), horizon_days=30)
    evaluated_first = DayResult.objects.count()
    assert evaluated_first >= 30
    DayResult.objects.all().delete()
    days_confirm(people=people, now=at(friday, 18), horizon_days=30)
    assert DayResult.objects.count() == 0  # everything up to the watermark is left alone
    days_confirm(people=people, now=at(friday + dt.timedelta(days=3), 18), horizon_days=30)
    assert DayResult.objects.count() == 3  # only the days after the watermark


def test_holidays_and_weekends_are_never_absences(org: dict[str, Any]) -> None:
    people = Person.objects.filter(pk=org["person_a"].pk)
    SpecialHoliday.objects.create(agency=org["agency"], day=dt.date(2026, 3, 4), name="วันหยุดพิเศษ")
    days_confirm(people=people, now=at(dt.date(2026, 3, 9), 18), horizon_days=7)
    statuses = dict(DayResult.objects.filter(person=org["person_a"]).values_list("day", "status"))
    assert statuses[dt.date(2026, 3, 4)] == "holiday"
    assert statuses[dt.date(2026, 3, 7)] == "holiday"  # Saturday
    assert statuses[dt.date(2026, 3, 5)] == "absent"


def test_recompute_command_covers_a_unit_subtree(org: dict[str, Any]) -> None:
    out = StringIO()
    call_command(
        "attendance",
        "recompute",
        "--from",
        "2026-03-02",
        "--to",
        "06/03/2569",
        "--unit",
        "A",
        stdout=out,
    )
    assert "Recomputed 10 person-days" in out.getvalue()  # person_a and person_a1, 5 days
    assert set(DayResult.objects.values_list("person_id", flat=True)) == {
        org["person_a"].pk,
        org["person_a1"].pk,
    }


def test_recompute_refuses_bad_dates(org: dict[str, Any]) -> None:
    with pytest.raises(CommandError, match="Not a date"):
        call_command("attendance", "recompute", "--from", "soon", "--to", "2026-03-06")
