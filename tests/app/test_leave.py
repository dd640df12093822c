"""Leave: requests checked against balances, approval by the supervisor chain, days judged
as leave, cancellation, import from another system."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from govflex.attendance.leave import (
    balances,
    leave_cancel,
    leave_decide,
    leave_request,
    leaves_to_decide,
)
from govflex.attendance.leave_import import leave_import
from govflex.attendance.models import DayResult, Leave
from govflex.common.errors import AccessDenied, Conflict, ValidationFailed
from govflex.core.calendar import fiscal_year_of
from govflex.org.access import access_for
from govflex.org.models import Role
from tests.factories import PersonFactory, UserFactory, grant

MONDAY = dt.date(2026, 3, 2)


@pytest.fixture
def people(org: dict[str, Any]) -> dict[str, Any]:
    boss = PersonFactory(unit=org["unit_a"], position=org["position"], user=UserFactory())
    worker = PersonFactory(
        unit=org["unit_a1"],
        position=org["position"],
        user=UserFactory(),
        supervisor=boss,
        start_date=dt.date(2015, 5, 1),
    )
    return {"boss": boss, "worker": worker}


def ask(people: dict[str, Any], **kwargs: Any) -> Leave:
    values = {"leave_type": "vacation", "start": MONDAY, "end": MONDAY + dt.timedelta(days=2)}
    values.update(kwargs)
    return leave_request(actor=people["worker"].user, person=people["worker"], **values)


def test_vacation_counts_working_days_and_approval_updates_balance(
    people: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    # Mon 2 – Mon 9 March: 6 weekdays, less Makha Bucha (Tue 3 March 2026) = 5 working days
    leave = ask(people, end=dt.date(2026, 3, 9))
    assert leave.days == Decimal(5)
    with django_capture_on_commit_callbacks(execute=True):
        leave_decide(actor=people["boss"].user, leave=leave, approve=True)
    vacation = next(
        b for b in balances(person=people["worker"], fiscal_year=2569) if b.leave_type == "vacation"
    )
    assert vacation.taken == Decimal(5)
    assert DayResult.objects.get(person=people["worker"], day=MONDAY).status == "on_leave"
    assert (
        DayResult.objects.get(person=people["worker"], day=dt.date(2026, 3, 7)).status == "holiday"
    )


def test_a_half_day_moves_the_expected_arrival(
    people: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    leave = ask(people, leave_type="personal", end=MONDAY, part="morning")
    assert leave.days == Decimal("0.5")
    with django_capture_on_commit_callbacks(execute=True):
        leave_decide(actor=people["boss"].user, leave=leave, approve=True)
    result = DayResult.objects.get(person=people["worker"], day=MONDAY)
    assert result.status != "on_leave"  # the afternoon is still a working half day


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"end": MONDAY - dt.timedelta(days=1)}, None),  # end before start
        ({"part": "morning"}, None),  # half day on a three-day request
        ({"start": dt.date(2026, 3, 7), "end": dt.date(2026, 3, 8)}, None),  # a weekend only
        ({"leave_type": "vacation", "end": dt.date(2026, 4, 30)}, None),  # beyond the balance
        ({"leave_type": "astronaut"}, "leave_type"),
    ],
)
def test_impossible_requests_are_refused(
    people: dict[str, Any], kwargs: dict[str, Any], field: str | None
) -> None:
    with pytest.raises(ValidationFailed) as caught:
        ask(people, **kwargs)
    fields = caught.value.details["fields"]
    assert fields
    if field:
        assert field in fields
    assert not Leave.objects.exists()


def test_overlapping_requests_are_refused(people: dict[str, Any]) -> None:
    ask(people)
    with pytest.raises(ValidationFailed):
        ask(people, start=MONDAY + dt.timedelta(days=1), end=MONDAY + dt.timedelta(days=1))


def test_only_the_supervisor_chain_decides_and_rejection_needs_a_reason(
    people: dict[str, Any], org: dict[str, Any]
) -> None:
    leave = ask(people)
    stranger = UserFactory()
    grant(stranger, org["agency"], Role.SUPERVISOR, org["unit_b"])
    with pytest.raises(AccessDenied):
        leave_decide(actor=stranger, leave=leave, approve=True)
    with pytest.raises(AccessDenied):
        leave_decide(actor=people["worker"].user, leave=leave, approve=True)
    assert list(leaves_to_decide(access=access_for(people["boss"].user))) == [leave]
    with pytest.raises(ValidationFailed):
        leave_decide(actor=people["boss"].user, leave=leave, approve=False)
    leave_decide(actor=people["boss"].user, leave=leave, approve=False, note="ช่วงงานเร่งด่วน")
    with pytest.raises(Conflict):
        leave_decide(actor=people["boss"].user, leave=leave, approve=True)


def next_monday() -> dt.date:
    from django.utils import timezone

    today = timezone.localdate()
    return today + dt.timedelta(days=7 - today.weekday() + 7)  # a Monday at least a week ahead


def test_cancelling_an_approved_leave_restores_the_days(
    people: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    start = next_monday()
    leave = ask(people, start=start, end=start + dt.timedelta(days=1))
    with django_capture_on_commit_callbacks(execute=True):
        leave_decide(actor=people["boss"].user, leave=leave, approve=True)
    with django_capture_on_commit_callbacks(execute=True):
        leave_cancel(actor=people["worker"].user, leave=leave)
    leave.refresh_from_db()
    assert leave.status == "cancelled"
    fiscal_year = fiscal_year_of(start)
    vacation = next(
        b
        for b in balances(person=people["worker"], fiscal_year=fiscal_year)
        if b.leave_type == "vacation"
    )
    assert vacation.taken == 0


def test_a_leave_that_has_begun_is_cancelled_by_hr_only(people: dict[str, Any], hr: Any) -> None:
    from django.utils import timezone

    today = timezone.localdate()
    leave = Leave.objects.create(
        person=people["worker"], leave_type="personal", start=today, end=today, status="approved"
    )
    with pytest.raises(Conflict):
        leave_cancel(actor=people["worker"].user, leave=leave)
    leave_cancel(actor=hr, leave=leave)
    leave.refresh_from_db()
    assert leave.status == "cancelled"


def test_import_validates_all_rows_then_writes_once(
    org: dict[str, Any], hr: Any, people: dict[str, Any]
) -> None:
    staff_id = people["worker"].staff_id
    header = "staff_id,leave_type,start,end,external_id\n"
    bad = (
        f"{header}{staff_id},sick,02/03/2569,03/03/2569,L1\nnobody,sick,2026-03-02,2026-03-02,L2\n"
    )
    with pytest.raises(ValidationFailed) as caught:
        leave_import(actor=hr, agency=org["agency"], content=bad.encode())
    assert [row["row"] for row in caught.value.details["rows"]] == [3]
    assert not Leave.objects.exists()
    good = f"staff_id,leave_type,start,end,external_id\n{staff_id},sick,02/03/2569,03/03/2569,L1\n"
    assert leave_import(actor=hr, agency=org["agency"], content=good.encode())["created"] == 1
    assert leave_import(actor=hr, agency=org["agency"], content=good.encode())["duplicates"] == 1
    assert Leave.objects.get().status == "approved"


def test_leave_page_and_api(people: dict[str, Any]) -> None:
    worker, boss = Client(), Client()
    worker.force_login(people["worker"].user)
    boss.force_login(people["boss"].user)
    page = worker.get("/attendance/leave/")
    assert page.status_code == 200
    assert "ลาพักผ่อน" in page.content.decode()
    posted = worker.post(
        "/attendance/leave/",
        {
            "leave_type": "personal",
            "start": "02/03/2569",
            "end": "02/03/2569",
            "part": "full_day",
            "reason": "ธุระ",
        },
    )
    assert posted.status_code == 302
    created = worker.post(
        "/api/v1/leave",
        data={"leave_type": "sick", "start": "2026-03-04", "end": "2026-03-04"},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    pending = boss.get("/api/v1/leave/pending").json()["items"]
    assert len(pending) == 2
    decided = boss.post(
        f"/api/v1/leave/{created.json()['id']}/decision",
        data={"approve": True},
        content_type="application/json",
    )
    assert decided.json()["status"] == "approved"
    sick = next(
        b
        for b in worker.get("/api/v1/leave/balances", {"fiscal_year": 2569}).json()
        if b["leave_type"] == "sick"
    )
    assert Decimal(sick["taken"]) == 1
    assert "ธุระ" in boss.get("/attendance/approvals/").content.decode()
