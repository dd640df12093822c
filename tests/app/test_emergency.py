"""Emergency operation (issue 9): declared by an executive, laid over the day plans of everyone
in scope but the essential staff, ended or extended in one action, audited, notified in bulk."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from govflex.arrangements.book import plan_book
from govflex.arrangements.models import DayException, WeeklyPattern
from govflex.arrangements.selectors import arrangement_on
from govflex.arrangements.services import exception_set
from govflex.attendance.models import Leave
from govflex.common.errors import AccessDenied, NotFound, ValidationFailed
from govflex.common.models import AuditEntry
from govflex.continuity.emergencies import (
    emergency_cancel,
    emergency_create,
    emergency_declare,
    emergency_set_end,
    essentials_set,
)
from govflex.continuity.models import Emergency
from govflex.continuity.selectors import emergencies_active, emergency_people
from govflex.core.emergency import Standing
from govflex.core.enums import WorkMode
from govflex.notifications.models import Notification
from govflex.org.models import PositionType, Role
from govflex.policies.models import OfficialDocument
from tests.factories import PersonFactory, PositionFactory, UnitFactory, UserFactory, grant

TODAY = timezone.localdate


@pytest.fixture
def place(team: dict[str, Any]) -> dict[str, Any]:
    """The team's counter plus a public-contact clerk (essential by default) and an office."""
    agency = team["agency"]
    clerk_position = PositionFactory(agency=agency, position_type=PositionType.PUBLIC_CONTACT)
    clerk = PersonFactory(unit=team["counter"], position=clerk_position, user=UserFactory())
    office = UnitFactory(agency=agency, code="OFF")
    analyst = PersonFactory(unit=office, user=UserFactory())
    order = OfficialDocument.objects.create(
        agency=agency,
        kind=OfficialDocument.Kind.ORDER,
        status=OfficialDocument.Status.PUBLISHED,
        subject="ให้ปฏิบัติงานนอกที่ตั้งกรณีอุทกภัย",
        body="...",
        effective_date=TODAY(),
        year_be=2569,
        number=12,
    )
    return {**team, "clerk": clerk, "office": office, "analyst": analyst, "order": order}


def _declare(place: dict[str, Any], **kwargs: Any) -> Emergency:
    values: dict[str, Any] = {
        "actor": place["executive"],
        "agency": place["agency"],
        "kind": "flood",
        "title": "น้ำท่วมกรุงเทพฯ",
        "starts_at": timezone.now(),
        "order": place["order"],
        "declare": True,
    }
    values.update(kwargs)
    return emergency_create(**values)


def _mode(person: Any, day: dt.date) -> WorkMode | None:
    plan = arrangement_on(person=person, day=day)
    return plan.mode if plan is not None else None


def test_declared_emergency_switches_non_essential_people_off_site(place: dict[str, Any]) -> None:
    worker = place["staff"][0]
    exception_set(actor=place["hr"], person=worker, day=TODAY(), value={"mode": "counted_hours"})
    stored = (WeeklyPattern.objects.count(), DayException.objects.count())
    assert _mode(worker, TODAY()) is WorkMode.COUNTED_HOURS
    _declare(place)
    assert _mode(worker, TODAY()) is WorkMode.OFF_SITE
    assert _mode(place["analyst"], TODAY()) is WorkMode.OFF_SITE
    # The counter's public-contact clerk is essential by default and keeps the normal day.
    assert _mode(place["clerk"], TODAY()) is None
    # The bulk plan book (rosters, approvals, live attendance) says the same.
    book = plan_book([worker, place["clerk"]], TODAY(), TODAY())
    assert (book.entry(worker, TODAY()) or {}).get("mode") == "off_site"
    assert book.entry(place["clerk"], TODAY()) is None
    found = book.emergency(worker, TODAY())
    assert found is not None
    assert found.period.order_number == "12/2569"
    # Nobody's stored arrangements were rewritten.
    assert (WeeklyPattern.objects.count(), DayException.objects.count()) == stored


def test_days_before_the_start_keep_their_plan(place: dict[str, Any]) -> None:
    _declare(place, starts_at=timezone.now() + dt.timedelta(days=2))
    assert _mode(place["analyst"], TODAY()) is None
    assert _mode(place["analyst"], TODAY() + dt.timedelta(days=2)) is WorkMode.OFF_SITE


def test_essential_positions_and_people_configured_per_unit(place: dict[str, Any]) -> None:
    essentials_set(
        actor=place["hr"],
        unit=place["counter"],
        positions=[],
        people=[place["staff"][1]],
        counter_default=False,
    )
    _declare(place)
    assert _mode(place["staff"][1], TODAY()) is None  # listed: stays
    assert _mode(place["clerk"], TODAY()) is WorkMode.OFF_SITE  # the default turned off
    assert AuditEntry.objects.filter(action="continuity.essentials_set").exists()


def test_approved_leave_wins_over_the_emergency(place: dict[str, Any]) -> None:
    worker = place["staff"][0]
    Leave.objects.create(
        person=worker,
        leave_type="vacation",
        start=TODAY(),
        end=TODAY(),
        status=Leave.Status.APPROVED,
    )
    emergency = _declare(place)
    book = plan_book([worker], TODAY(), TODAY())
    assert not book.off_site(worker, TODAY())  # on leave, not off site
    rows = {
        r.person.pk: r
        for r in emergency_people(actor=place["executive"], emergency=emergency, day=TODAY())
    }
    assert rows[worker.pk].on_leave
    [active] = emergencies_active(actor=place["executive"])
    assert active.on_leave == 1
    assert active.essential == 1  # the clerk
    assert active.off_site == active.total - 2


def test_ending_returns_to_normal_and_keeps_history(place: dict[str, Any]) -> None:
    started = timezone.now() - dt.timedelta(days=3)
    emergency = _declare(place, starts_at=started)
    yesterday = TODAY() - dt.timedelta(days=1)
    emergency_set_end(actor=place["executive"], emergency_id=emergency.pk, end_date=yesterday)
    assert _mode(place["analyst"], TODAY()) is None  # back to the normal arrangement
    assert _mode(place["analyst"], yesterday) is WorkMode.OFF_SITE  # past days as they were
    assert _mode(place["analyst"], TODAY() - dt.timedelta(days=3)) is WorkMode.OFF_SITE
    # Extending is the same action.
    emergency_set_end(actor=place["executive"], emergency_id=emergency.pk, end_date=None)
    assert _mode(place["analyst"], TODAY()) is WorkMode.OFF_SITE
    actions = list(
        AuditEntry.objects.filter(action__startswith="continuity.emergency")
        .order_by("seq")
        .values_list("action", flat=True)
    )
    assert actions == [
        "continuity.emergency_drafted",
        "continuity.emergency_declared",
        "continuity.emergency_ended",
        "continuity.emergency_extended",
    ]


def test_the_end_cannot_rewrite_past_days_or_precede_the_start(place: dict[str, Any]) -> None:
    emergency = _declare(place, starts_at=timezone.now() - dt.timedelta(days=5))
    with pytest.raises(ValidationFailed) as refused:
        emergency_set_end(
            actor=place["executive"],
            emergency_id=emergency.pk,
            end_date=TODAY() - dt.timedelta(days=3),
        )
    assert "end_date" in refused.value.details["fields"]
    with pytest.raises(ValidationFailed):
        emergency_set_end(
            actor=place["executive"],
            emergency_id=emergency.pk,
            end_date=TODAY() - dt.timedelta(days=6),
        )
    with pytest.raises(ValidationFailed) as refused:
        _declare(place, starts_at=timezone.now(), end_date=TODAY() - dt.timedelta(days=1))
    assert "end_date" in refused.value.details["fields"]
    emergency.refresh_from_db()
    assert emergency.end_date is None
    assert Emergency.objects.count() == 1


def test_overlapping_emergency_is_refused_naming_the_existing_one(place: dict[str, Any]) -> None:
    _declare(place)
    with pytest.raises(ValidationFailed) as refused:
        _declare(place, kind="fire", title="ไฟไหม้อาคาร", units=[place["counter"]])
    assert "น้ำท่วมกรุงเทพฯ" in str(refused.value.message)
    assert "12/2569" in str(refused.value.message)
    assert Emergency.objects.count() == 1  # nothing half-saved
    # A unit outside the first one's scope after its end is fine.
    first = Emergency.objects.get()
    emergency_set_end(actor=place["executive"], emergency_id=first.pk, end_date=TODAY())
    later = _declare(place, starts_at=timezone.now() + dt.timedelta(days=1), title="รอบสอง")
    assert later.status == Emergency.Status.DECLARED


def test_hr_drafts_and_only_an_executive_declares(place: dict[str, Any]) -> None:
    draft = _declare(place, actor=place["hr"], declare=False)
    assert _mode(place["analyst"], TODAY()) is None  # a draft changes nothing
    with pytest.raises(AccessDenied):
        emergency_declare(actor=place["hr"], emergency_id=draft.pk)
    with pytest.raises(AccessDenied):
        _declare(place, actor=place["hr"])
    with pytest.raises(AccessDenied):
        _declare(place, actor=place["boss"], declare=False)  # a supervisor
    with pytest.raises(AccessDenied):
        emergency_set_end(actor=place["hr"], emergency_id=draft.pk, end_date=None)
    staff = place["staff"][0].user
    with pytest.raises(NotFound):  # drafts are not shown to staff
        emergency_declare(actor=staff, emergency_id=draft.pk)
    outsider = UserFactory()
    grant(outsider, UnitFactory().agency, Role.EXECUTIVE)
    with pytest.raises(NotFound):
        emergency_declare(actor=outsider, emergency_id=draft.pk)
    emergency_declare(actor=place["executive"], emergency_id=draft.pk)
    assert _mode(place["analyst"], TODAY()) is WorkMode.OFF_SITE
    with pytest.raises(ValidationFailed):
        emergency_cancel(actor=place["hr"], emergency_id=draft.pk)


def test_a_draft_order_cannot_be_linked(place: dict[str, Any]) -> None:
    place["order"].status = OfficialDocument.Status.DRAFT
    place["order"].save()
    with pytest.raises(ValidationFailed) as refused:
        _declare(place)
    assert "order" in refused.value.details["fields"]


def test_everyone_is_notified_in_bulk(place: dict[str, Any]) -> None:
    def declare_and_count() -> int:
        Emergency.objects.all().delete()
        Notification.objects.all().delete()
        with CaptureQueriesContext(connection) as queries:
            _declare(place)
        return len(queries)

    declare_and_count()  # warm the caches (content types, the audit head)
    small = declare_and_count()
    for _ in range(15):
        PersonFactory(unit=place["office"], position=place["analyst"].position, user=UserFactory())
    assert declare_and_count() == small  # the same queries for 15 more people
    users = {n.user_id for n in Notification.objects.filter(kind="continuity.emergency_off_site")}
    assert place["analyst"].user_id in users
    assert Notification.objects.filter(
        user=place["clerk"].user, kind="continuity.emergency_essential"
    ).exists()


def test_recall_after_the_declaration_brings_a_person_back(place: dict[str, Any]) -> None:
    from govflex.arrangements.approvals.recall import recall_issue

    _declare(place)
    worker = place["staff"][0]
    recall_issue(
        actor=place["boss"], start=TODAY(), end=TODAY(), reason="เปิดจุดบริการ", person=worker
    )
    assert _mode(worker, TODAY()) is not WorkMode.OFF_SITE
    book = plan_book([worker], TODAY(), TODAY())
    found = book.emergency(worker, TODAY())
    assert found is not None
    assert found.standing is Standing.RECALLED


def test_emergency_minimum_replaces_the_counters_minimum(place: dict[str, Any]) -> None:
    from govflex.arrangements.approvals.impact import change_impact

    # The counter keeps only its essential clerk on site; moving the clerk off site would
    # leave it short — unless the emergency minimum there is 0.
    _declare(place)
    day = TODAY() + dt.timedelta(days=7 - TODAY().weekday())  # next Monday
    change = {(place["clerk"].pk, day): {"mode": "off_site", "slot": "", "place": "residence"}}
    people = [place["clerk"]]
    blocked = change_impact(agency_id=place["agency"].pk, changes=change, people=people)
    assert not blocked.allowed
    essentials_set(
        actor=place["hr"], unit=place["counter"], positions=[], people=[], emergency_minimum=0
    )
    allowed = change_impact(agency_id=place["agency"].pk, changes=change, people=people)
    assert all("ต้องมีผู้ปฏิบัติงานในที่ตั้ง" not in m.th for m in allowed.blocking)


# ---------------------------------------------------------------------------- pages and API


def test_staff_see_why_the_day_is_off_site(place: dict[str, Any]) -> None:
    _declare(place)
    client = Client(HTTP_ACCEPT_LANGUAGE="th")
    client.force_login(place["analyst"].user)
    calendar = client.get("/arrangements/me/").content.decode()
    assert "ภาวะฉุกเฉิน" in calendar
    assert "12/2569" in calendar
    checkin = client.get("/attendance/").content.decode()
    assert "ภาวะฉุกเฉิน" in checkin
    assert "อุทกภัย" in checkin


def test_api_declare_extend_end_and_affected(place: dict[str, Any]) -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(place["executive"])
    body = {
        "kind": "energy",
        "title": "Save energy",
        "starts_at": timezone.now().isoformat(),
        "order_id": place["order"].pk,
        "unit_ids": [place["office"].pk],
        "declare": True,
    }
    created = client.post("/api/v1/emergencies", body, content_type="application/json")
    assert created.status_code == 201, created.content
    emergency_id = created.json()["id"]
    assert created.json()["order_number"] == "12/2569"
    again = client.post("/api/v1/emergencies", body, content_type="application/json")
    assert again.status_code == 422
    assert "Save energy" in again.json()["message"]
    listed = client.get("/api/v1/emergencies").json()
    assert [e["id"] for e in listed] == [emergency_id]
    assert listed[0]["active"] is True
    affected = client.get(f"/api/v1/emergencies/{emergency_id}/people").json()
    assert {row["person_id"] for row in affected} == {place["analyst"].pk}
    assert affected[0]["standing"] == "off_site"
    ended = client.post(
        f"/api/v1/emergencies/{emergency_id}/end",
        {"end_date": TODAY().isoformat()},
        content_type="application/json",
    )
    assert ended.status_code == 200
    assert ended.json()["end_date"] == TODAY().isoformat()
    bad = client.post(
        f"/api/v1/emergencies/{emergency_id}/end",
        {"end_date": "2000-01-01"},
        content_type="application/json",
    )
    assert bad.status_code == 422
    staff = Client()
    staff.force_login(place["analyst"].user)
    refused = staff.post("/api/v1/emergencies", body, content_type="application/json")
    assert refused.status_code == 403
    active = client.get("/api/v1/emergencies/active").json()
    assert active[0]["off_site"] == 1
