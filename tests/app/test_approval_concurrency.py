"""Two approvals at the same moment cannot together leave a counter uncovered (PostgreSQL:
real parallel transactions; each approval locks the units and sees the other's days)."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

import pytest
from django.db import connection, connections

from govflex.arrangements.approvals.decisions import request_approve
from govflex.arrangements.approvals.filing import request_file
from govflex.arrangements.models import ApprovalSettings, ArrangementRequest, DayException
from govflex.attendance.models import Leave
from govflex.common.errors import Blocked

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite serialises writers by itself"
)
TODAY = dt.date(2027, 3, 1)
TUE = dt.date(2027, 3, 9)


@pytest.mark.django_db(transaction=True)
def test_parallel_approvals_cannot_breach_coverage(team: dict[str, Any]) -> None:
    staff = team["staff"]
    ApprovalSettings.objects.create(
        agency=team["agency"], on_site_chain=["supervisor"], off_site_chain=["supervisor"]
    )
    # On Tuesday only two of the counter can be on site: each may go off site, not both.
    for person in (team["boss_person"], staff[0]):
        Leave.objects.create(
            person=person, leave_type="vacation", start=TUE, end=TUE, status="approved"
        )
    requests = [
        request_file(
            actor=person.user,
            person=person,
            kind="dates",
            days={TUE.isoformat(): {"mode": "off_site", "place": "residence"}},
            reason="ดูแลครอบครัว",
            today=TODAY,
        )
        for person in staff[1:]
    ]
    barrier = threading.Barrier(len(requests))
    outcomes: list[str] = []

    def approve(request_id: int) -> None:
        try:
            barrier.wait(timeout=10)
            request_approve(actor=team["boss"], request_id=request_id, today=TODAY)
            outcomes.append("approved")
        except Blocked:
            outcomes.append("blocked")
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            outcomes.append(repr(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=approve, args=(r.pk,)) for r in requests]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["approved", "blocked"]
    assert DayException.objects.filter(day=TUE, mode="off_site").count() == 1
    statuses = sorted(ArrangementRequest.objects.values_list("status", flat=True))
    assert statuses == ["approved", "pending"]
