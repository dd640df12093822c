"""Citizen e-service, staff side: who works which queue, the actions and their audit trail,
e-mails to the citizen, the SLA clock, the catalogue and the dashboard figures."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from govflex.common.errors import AccessDenied, NotFound, ValidationFailed
from govflex.common.models import AuditEntry
from govflex.core.eservice.flow import Action
from govflex.eservice.catalogue import notice_current, notice_publish, service_save
from govflex.eservice.clock import forget_intake_contexts
from govflex.eservice.figures import eservice_figures
from govflex.eservice.models import RequestEvent, Service, ServiceRequest
from govflex.eservice.queue import queue, request_act, request_for_staff, request_note
from govflex.org.models import Role
from tests.factories import PersonFactory, UserFactory, user_with_role
from tests.factories.eservice import ServiceFactory, pdf, submit


@pytest.fixture(autouse=True)
def _clean(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path
    cache.clear()
    forget_intake_contexts()


@pytest.fixture
def desk(org: dict[str, Any]) -> dict[str, Any]:
    """A service handled by unit A, one request in its queue, and people in every role."""
    agency = org["agency"]
    service = ServiceFactory(unit=org["unit_a"], code="house")
    people = {
        "member": PersonFactory(unit=org["unit_a"], position=org["position"], user=UserFactory()),
        "sub_member": PersonFactory(
            unit=org["unit_a1"], position=org["position"], user=UserFactory()
        ),
        "other_unit": PersonFactory(
            unit=org["unit_b"], position=org["position"], user=UserFactory()
        ),
    }
    users = {name: person.user for name, person in people.items()}
    users["supervisor"] = user_with_role(agency, Role.SUPERVISOR, org["unit_a"])
    users["supervisor_b"] = user_with_role(agency, Role.SUPERVISOR, org["unit_b"])
    users["hr"] = user_with_role(agency, Role.HR)
    users["executive"] = user_with_role(agency, Role.EXECUTIVE)
    users["auditor"] = user_with_role(agency, Role.AUDITOR)
    users["foreign_hr"] = user_with_role(org["other"], Role.HR)
    users["admin"] = UserFactory(is_superuser=True)
    request = submit(service, files=[pdf()])
    return {"service": service, "request": request, "users": users, **org}


SEES = ["member", "sub_member", "supervisor", "hr", "executive", "admin"]
DOES_NOT_SEE = ["other_unit", "supervisor_b", "auditor", "foreign_hr"]


@pytest.mark.parametrize("who", SEES)
def test_the_unit_its_supervisors_hr_and_executives_work_the_queue(
    desk: dict[str, Any], who: str
) -> None:
    user = desk["users"][who]
    assert list(queue(actor=user)) == [desk["request"]]
    assert request_for_staff(actor=user, request_id=desk["request"].pk) == desk["request"]
    client = Client()
    client.force_login(user)
    assert desk["request"].applicant_name in client.get("/eservice/").content.decode()
    page = client.get(f"/eservice/requests/{desk['request'].pk}/")
    assert page.status_code == 200
    assert "12/3" in page.content.decode()
    document = desk["request"].files.get()
    assert client.get(f"/eservice/files/{document.pk}/").status_code == 200


@pytest.mark.parametrize("who", DOES_NOT_SEE)
def test_everyone_else_finds_nothing(desk: dict[str, Any], who: str) -> None:
    user = desk["users"][who]
    assert list(queue(actor=user)) == []
    with pytest.raises(NotFound):
        request_for_staff(actor=user, request_id=desk["request"].pk)
    with pytest.raises(NotFound):
        request_act(actor=user, request_id=desk["request"].pk, action=Action.ACCEPT)
    client = Client()
    client.force_login(user)
    assert client.get(f"/eservice/requests/{desk['request'].pk}/").status_code == 404
    document = desk["request"].files.get()
    assert client.get(f"/eservice/files/{document.pk}/").status_code == 404


def test_accept_and_complete_are_audited_and_e_mailed(
    desk: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    member = desk["users"]["member"]
    request = desk["request"]
    with django_capture_on_commit_callbacks(execute=True):
        request_act(actor=member, request_id=request.pk, action=Action.ACCEPT)
        request_act(
            actor=member, request_id=request.pk, action=Action.COMPLETE, message="รับเอกสารได้"
        )
    request.refresh_from_db()
    assert request.status == "completed"
    assert request.accepted_at is not None
    assert request.closed_at is not None
    assert request.sla_met is True
    actions = list(
        AuditEntry.objects.filter(target_id=str(request.pk))
        .order_by("seq")
        .values_list("action", flat=True)
    )
    assert actions == ["eservice.request_accept", "eservice.request_complete"]
    subjects = [m.subject for m in mail.outbox]
    assert len(subjects) == 2
    assert "รับเอกสารได้" in mail.outbox[-1].body
    assert all(m.to == ["malee@example.com"] for m in mail.outbox)


def test_rejecting_and_asking_need_a_message_and_moves_must_fit(desk: dict[str, Any]) -> None:
    hr = desk["users"]["hr"]
    request = desk["request"]
    with pytest.raises(ValidationFailed) as refused:
        request_act(actor=hr, request_id=request.pk, action=Action.REJECT)
    assert "message" in refused.value.details["fields"]
    with pytest.raises(ValidationFailed):
        request_act(actor=hr, request_id=request.pk, action=Action.ASK_INFO, message=" ")
    with pytest.raises(ValidationFailed):  # accept first
        request_act(actor=hr, request_id=request.pk, action=Action.COMPLETE)
    request_act(actor=hr, request_id=request.pk, action=Action.REJECT, message="ไม่ใช่ผู้มีสิทธิ")
    with pytest.raises(ValidationFailed):
        request_act(actor=hr, request_id=request.pk, action=Action.ACCEPT)
    request.refresh_from_db()
    assert request.status == "rejected"
    assert request.events.last().public_message == "ไม่ใช่ผู้มีสิทธิ"
    assert AuditEntry.objects.filter(action="eservice.request_reject").count() == 1


def test_asking_the_citizen_stops_the_clock_and_starting_again_moves_the_due_time(
    desk: dict[str, Any],
) -> None:
    member = desk["users"]["member"]
    request = desk["request"]
    asked = request.submitted_at
    request_act(
        actor=member, request_id=request.pk, action=Action.ASK_INFO, message="ขอเอกสาร", now=asked
    )
    request.refresh_from_db()
    due_before = request.due_at
    assert request.paused_at == asked
    request_act(
        actor=member,
        request_id=request.pk,
        action=Action.ACCEPT,
        now=asked + dt.timedelta(days=14),
    )
    request.refresh_from_db()
    assert request.paused_at is None
    assert request.due_at > due_before + dt.timedelta(days=10)


def test_a_late_completion_misses_the_sla_and_shows_as_overdue_before(
    desk: dict[str, Any],
) -> None:
    member = desk["users"]["member"]
    request = desk["request"]
    late = request.due_at + dt.timedelta(hours=1)
    assert list(queue(actor=member, overdue=True, now=late)) == [request]
    assert list(queue(actor=member, overdue=True, now=request.submitted_at)) == []
    request_act(actor=member, request_id=request.pk, action=Action.ACCEPT, now=late)
    request_act(actor=member, request_id=request.pk, action=Action.COMPLETE, now=late)
    request.refresh_from_db()
    assert request.sla_met is False


def test_internal_notes_are_audited_and_stay_inside(desk: dict[str, Any]) -> None:
    member = desk["users"]["member"]
    request = desk["request"]
    note = request_note(actor=member, request_id=request.pk, text="โทรยืนยันแล้ว")
    assert note.kind == RequestEvent.Kind.NOTE
    assert note.public_message == ""
    assert AuditEntry.objects.filter(action="eservice.request_note").exists()
    with pytest.raises(ValidationFailed):
        request_note(actor=member, request_id=request.pk, text="  ")


def test_the_request_page_actions(desk: dict[str, Any]) -> None:
    client = Client()
    client.force_login(desk["users"]["supervisor"])
    url = f"/eservice/requests/{desk['request'].pk}/act/"
    client.post(url, {"action": "accept"})
    assert ServiceRequest.objects.get().status == "in_progress"
    refused = client.post(url, {"action": "reject", "message": ""}, follow=True)
    assert "เหตุผล" in refused.content.decode() or "reason" in refused.content.decode()
    client.post(url, {"action": "note", "message": "บันทึกภายใน"})
    client.post(url, {"action": "complete", "message": "เสร็จแล้ว"})
    page = client.get(f"/eservice/requests/{desk['request'].pk}/")
    assert "บันทึกภายใน" in page.content.decode()
    assert ServiceRequest.objects.get().status == "completed"
    assert client.get("/eservice/?status=completed").status_code == 200


def test_hr_and_executives_keep_the_catalogue(desk: dict[str, Any]) -> None:
    hr = desk["users"]["hr"]
    service = service_save(
        actor=hr,
        agency=desk["agency"],
        unit=desk["unit_b"],
        code="Tax Refund",
        name_th="ขอคืนภาษี",
        sla_amount=8,
        sla_unit="working_hours",
        form_fields=[{"name": "amount", "label_th": "จำนวนเงิน", "type": "number"}],
    )
    assert service.code == "tax-refund"
    assert AuditEntry.objects.filter(action="eservice.service_saved").count() == 1
    with pytest.raises(ValidationFailed) as refused:
        service_save(
            actor=desk["users"]["executive"],
            agency=desk["agency"],
            service_id=service.pk,
            unit=desk["foreign"].unit,
            code="tax-refund",
            name_th="",
            sla_amount=0,
            sla_unit="weeks",
            form_fields=[{"name": "Bad"}],
            max_files=0,
            files_required=True,
        )
    assert set(refused.value.details["fields"]) == {
        "unit",
        "name_th",
        "sla_amount",
        "sla_unit",
        "form_fields",
        "files_required",
    }
    minimal = {
        "agency": desk["agency"],
        "unit": desk["unit_a"],
        "code": "x",
        "name_th": "x",
        "sla_amount": 1,
        "sla_unit": "working_days",
        "form_fields": [],
    }
    with pytest.raises(AccessDenied):
        service_save(actor=desk["users"]["member"], **minimal)
    with pytest.raises(NotFound):
        service_save(actor=desk["users"]["foreign_hr"], **minimal)


def test_catalogue_pages(desk: dict[str, Any]) -> None:
    client = Client()
    client.force_login(desk["users"]["hr"])
    assert desk["service"].name_th in client.get("/eservice/catalogue/").content.decode()
    edit = client.get(f"/eservice/catalogue/{desk['service'].pk}/")
    assert edit.status_code == 200
    assert "house_no" in edit.content.decode()
    bad = client.post(
        "/eservice/catalogue/new/",
        {
            "unit": desk["unit_a"].pk,
            "code": "permit",
            "name_th": "ขออนุญาต",
            "sla_amount": 5,
            "sla_unit": "working_days",
            "form_fields": "[{oops",
            "max_files": 1,
            "max_file_mb": 2,
            "active": "on",
        },
    )
    assert bad.status_code == 200
    assert "JSON" in bad.content.decode()
    good = client.post(
        "/eservice/catalogue/new/",
        {
            "unit": desk["unit_a"].pk,
            "code": "permit",
            "name_th": "ขออนุญาต",
            "sla_amount": 5,
            "sla_unit": "working_days",
            "form_fields": json.dumps([{"name": "place", "label_th": "สถานที่"}]),
            "max_files": 1,
            "max_file_mb": 2,
            "active": "on",
        },
    )
    assert good.status_code == 302
    assert Service.objects.filter(code="permit").exists()
    staff = Client()
    staff.force_login(desk["users"]["member"])
    assert staff.get("/eservice/catalogue/").status_code == 200
    assert staff.get("/eservice/catalogue/new/").status_code == 403
    assert staff.get(f"/eservice/catalogue/{desk['service'].pk}/").status_code == 403
    assert staff.post("/eservice/privacy/", {"text_th": "x"}).status_code == 403


def test_privacy_notice_versions(desk: dict[str, Any]) -> None:
    assert notice_current(agency_id=desk["agency"].pk).version == 0
    executive = desk["users"]["executive"]
    first = notice_publish(actor=executive, agency=desk["agency"], text_th="ฉบับแรก")
    second = notice_publish(actor=executive, agency=desk["agency"], text_th="ฉบับที่สอง")
    assert (first.version, second.version) == (1, 2)
    assert notice_current(agency_id=desk["agency"].pk).text_th == "ฉบับที่สอง"
    with pytest.raises(ValidationFailed):
        notice_publish(actor=executive, agency=desk["agency"], text_th=" ")
    assert AuditEntry.objects.filter(action="eservice.notice_published").count() == 2


def test_figures_for_the_dashboard(desk: dict[str, Any]) -> None:
    member = desk["users"]["member"]
    service = desk["service"]
    today = timezone.localdate()
    done = desk["request"]
    request_act(actor=member, request_id=done.pk, action=Action.ACCEPT)
    request_act(actor=member, request_id=done.pk, action=Action.COMPLETE)
    rejected = submit(service)
    request_act(actor=member, request_id=rejected.pk, action=Action.REJECT, message="ไม่ครบ")
    late = submit(service)
    submit(service)
    other_unit = submit(ServiceFactory(unit=desk["unit_b"]))
    after_due = late.due_at + dt.timedelta(minutes=1)
    figures = eservice_figures(
        desk["agency"].pk, None, today, today + dt.timedelta(days=30), as_of=after_due
    )
    assert figures.received == 5
    assert (figures.completed, figures.rejected, figures.closed) == (1, 1, 2)
    assert figures.sla_met_share == 1.0
    assert figures.open == 3
    assert figures.overdue == 3
    unit_a = eservice_figures(desk["agency"].pk, [desk["unit_a"].path], today, today)
    assert unit_a.received == 4
    assert unit_a.overdue == 0
    assert other_unit.unit == desk["unit_b"]
    empty = eservice_figures(
        desk["agency"].pk, None, today - dt.timedelta(days=9), today - dt.timedelta(days=8)
    )
    assert (empty.received, empty.sla_met_share) == (0, None)


def test_a_supervisor_of_a_unit_above_works_its_queue(desk: dict[str, Any]) -> None:
    service_a1 = ServiceFactory(unit=desk["unit_a1"])
    request = submit(service_a1)
    supervisor = desk["users"]["supervisor"]
    member_a = desk["users"]["member"]
    assert request in queue(actor=supervisor)
    assert request not in queue(actor=member_a)  # a parent unit's staff do not work it
    assert request in queue(actor=desk["users"]["sub_member"])
