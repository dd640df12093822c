"""Off-site day plans and reports: filed by the person, reviewed by the supervisor, and shown in
the day result (a missing or returned report is an exception)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from govflex.arrangements.models import DayException
from govflex.attendance.models import DayResult
from govflex.common.errors import AccessDenied, ValidationFailed
from govflex.work.models import DayReport
from govflex.work.reports import plan_file, report_file, report_review, reports_to_review
from tests.factories import PersonFactory, UserFactory

PDF = b"%PDF-1.4 a report"


@pytest.fixture
def people(org: dict[str, Any]) -> dict[str, Any]:
    boss = PersonFactory(unit=org["unit_a"], position=org["position"], user=UserFactory())
    worker = PersonFactory(
        unit=org["unit_a"], position=org["position"], supervisor=boss, user=UserFactory()
    )
    return {"boss": boss, "worker": worker}


def _status(person: Any, day: dt.date) -> str:
    return DayResult.objects.get(person=person, day=day).status


def test_plan_report_review_and_the_day_result(
    people: dict[str, Any], settings: Any, tmp_path: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path
    worker, boss = people["worker"], people["boss"]
    today = timezone.localdate()
    DayException.objects.create(person=worker, day=today, mode="off_site", place="residence")
    with pytest.raises(ValidationFailed):  # no plan yet
        report_file(actor=worker.user, person=worker, day=today, result="x")
    plan_file(actor=worker.user, person=worker, day=today, plan="ร่างหนังสือตอบข้อหารือ ๓ ฉบับ")
    with django_capture_on_commit_callbacks(execute=True):
        report_file(
            actor=worker.user,
            person=worker,
            day=today,
            result="ร่างเสร็จ ๓ ฉบับ ส่งหัวหน้าแล้ว",
            outputs="หนังสือ ๓ ฉบับ",
            hours=Decimal("7.5"),
            attachment=SimpleUploadedFile("report.pdf", PDF),
        )
    assert _status(worker, today) == "off_site_reported"
    assert list(reports_to_review(actor=boss.user)) == [DayReport.objects.get()]
    with pytest.raises(AccessDenied):  # nobody reviews their own report
        report_review(actor=worker.user, report_id=DayReport.objects.get().pk, accept=True)
    with pytest.raises(ValidationFailed):  # asking for more needs a comment
        report_review(actor=boss.user, report_id=DayReport.objects.get().pk, accept=False)
    with django_capture_on_commit_callbacks(execute=True):
        report_review(
            actor=boss.user,
            report_id=DayReport.objects.get().pk,
            accept=False,
            note="ขอสำเนาหนังสือที่ร่าง",
        )
    result = DayResult.objects.get(person=worker, day=today)
    assert result.status == "off_site_report_missing"
    assert any(e["code"] == "off_site_report_rejected" for e in result.exceptions)
    with django_capture_on_commit_callbacks(execute=True):
        report_file(
            actor=worker.user,
            person=worker,
            day=today,
            result="แนบสำเนาแล้ว",
            attachment=SimpleUploadedFile("copy.pdf", PDF),
        )
        report_review(actor=boss.user, report_id=DayReport.objects.get().pk, accept=True)
    assert _status(worker, today) == "off_site_reported"


def test_bad_input_is_refused(people: dict[str, Any]) -> None:
    worker = people["worker"]
    today = timezone.localdate()
    with pytest.raises(ValidationFailed):  # not an off-site day
        plan_file(actor=worker.user, person=worker, day=today, plan="x")
    DayException.objects.create(person=worker, day=today, mode="off_site", place="residence")
    with pytest.raises(AccessDenied):  # someone else's plan
        plan_file(actor=people["boss"].user, person=worker, day=today, plan="x")
    with pytest.raises(ValidationFailed):  # too far ahead
        plan_file(actor=worker.user, person=worker, day=today + dt.timedelta(days=30), plan="x")
    plan_file(actor=worker.user, person=worker, day=today, plan="แผน")
    with pytest.raises(ValidationFailed):  # not a permitted file
        report_file(
            actor=worker.user,
            person=worker,
            day=today,
            result="ผล",
            attachment=SimpleUploadedFile("a.exe", b"MZ\x90\x00 not allowed"),
        )
    assert DayReport.objects.get().status == "planned"


def test_pages(people: dict[str, Any], settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path
    worker = people["worker"]
    today = timezone.localdate()
    DayException.objects.create(person=worker, day=today, mode="off_site", place="residence")
    day = f"{today:%d/%m/}{today.year + 543}"
    client = Client(HTTP_ACCEPT_LANGUAGE="th")
    client.force_login(worker.user)
    assert (
        client.post("/work/reports/", {"form": "plan", "day": day, "plan": "แผนงาน"}).status_code
        == 302
    )
    response = client.post(
        "/work/reports/",
        {
            "form": "result",
            "day": day,
            "result": "ผลงาน",
            "attachment": SimpleUploadedFile("r.pdf", PDF),
        },
    )
    assert response.status_code == 302
    report = DayReport.objects.get()
    assert client.get(f"/work/reports/{report.pk}/attachment/").status_code == 200
    boss = Client(HTTP_ACCEPT_LANGUAGE="th")
    boss.force_login(people["boss"].user)
    assert "ผลงาน" in boss.get("/work/reviews/").content.decode()
    boss.post(f"/work/reviews/{report.pk}/", {"action": "accept"})
    report.refresh_from_db()
    assert report.status == "accepted"
    stranger = Client()
    stranger.force_login(UserFactory())
    assert stranger.get(f"/work/reports/{report.pk}/attachment/").status_code == 404


def test_api(people: dict[str, Any], settings: Any, tmp_path: Any) -> None:
    import json

    settings.MEDIA_ROOT = tmp_path
    worker = people["worker"]
    today = timezone.localdate()
    DayException.objects.create(person=worker, day=today, mode="off_site", place="residence")
    api = Client()
    api.force_login(worker.user)
    planned = api.put(
        f"/api/v1/me/day-reports/{today}/plan",
        json.dumps({"plan": "ประชุมออนไลน์"}),
        content_type="application/json",
    )
    assert planned.status_code == 200, planned.content
    reported = api.post(
        f"/api/v1/me/day-reports/{today}/result",
        {"result": "ประชุมเสร็จ", "hours": "6.5", "attachment": SimpleUploadedFile("r.pdf", PDF)},
    )
    assert reported.json()["status"] == "reported"
    assert reported.json()["has_attachment"]
    boss = Client()
    boss.force_login(people["boss"].user)
    waiting = boss.get("/api/v1/day-reports/to-review").json()
    assert [r["day"] for r in waiting] == [today.isoformat()]
    done = boss.post(
        f"/api/v1/day-reports/{waiting[0]['id']}/review",
        json.dumps({"accept": True}),
        content_type="application/json",
    )
    assert done.json()["status"] == "accepted"
    other_day = today + dt.timedelta(days=1)
    refused = api.put(
        f"/api/v1/me/day-reports/{other_day}/plan",
        json.dumps({"plan": "x"}),
        content_type="application/json",
    )
    assert refused.status_code == 422  # not an off-site day
