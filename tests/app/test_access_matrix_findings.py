"""Regressions for what the access matrix found (docs/security.md, "Access matrix")."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from govflex.arrangements.models import ArrangementRequest
from govflex.attendance.models import Leave
from govflex.org.models import Role
from tests.factories import PersonFactory, UserFactory, grant


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_cancelling_another_agencys_leave_answers_as_if_it_did_not_exist(
    org: dict[str, Any],
) -> None:
    """It answered 403 for any existing leave and 404 for a missing one: IDs could be probed."""
    foreign = org["foreign"]
    leave = Leave.objects.create(
        person=foreign, leave_type="personal", start=timezone.localdate(), end=timezone.localdate()
    )
    me = PersonFactory(unit=org["unit_a"], position=org["position"], user=UserFactory())
    client = _client(me.user)
    existing = client.post(f"/api/v1/leave/{leave.pk}/cancel")
    missing = client.post(f"/api/v1/leave/{leave.pk + 1000}/cancel")
    assert existing.status_code == missing.status_code == 404
    leave.refresh_from_db()
    assert leave.status == Leave.Status.PENDING
    boss = UserFactory()
    grant(boss, org["agency"], Role.EXECUTIVE)  # sees the person: visible but not allowed
    mine = Leave.objects.create(
        person=org["person_a"], leave_type="personal", start=leave.start, end=leave.end
    )
    assert _client(boss).post(f"/api/v1/leave/{mine.pk}/cancel").status_code == 403


@pytest.mark.parametrize("note", ["", "ไม่อนุมัติ"])
def test_only_the_approver_learns_that_a_rejection_needs_a_reason(
    org: dict[str, Any], note: str
) -> None:
    """An auditor sees the request but may not reject it: 403 whatever the note (it was 422)."""
    day = timezone.localdate() + dt.timedelta(days=14)
    request = ArrangementRequest.objects.create(
        agency=org["agency"],
        person=org["person_a"],
        kind="dates",
        first_day=day,
        days={day.isoformat(): {"mode": "off_site", "place": "residence"}},
        reason="ดูแลบุตร",
        chain=["supervisor"],
    )
    auditor = UserFactory()
    grant(auditor, org["agency"], Role.AUDITOR)
    response = _client(auditor).post(
        f"/api/v1/arrangement-requests/{request.pk}/reject",
        data={"note": note},
        content_type="application/json",
    )
    assert response.status_code == 403
