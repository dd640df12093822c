"""Evidence for evaluation: counted from the real records, shown only to who may see it,
exported as XLSX and PDF, and the same through the API. It never holds a grade."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from govflex.arrangements.models import DayException
from govflex.common.errors import NotFound
from govflex.core.calendar import evaluation_half_of
from govflex.org.models import Role
from govflex.work.contact import check_answer, check_send
from govflex.work.evidence import load, period_of, person_evidence, unit_people
from govflex.work.items import item_attach, item_create, item_update
from govflex.work.reports import plan_file, report_file, report_review
from tests.factories import PersonFactory, UserFactory, grant

PDF = b"%PDF-1.4 output"


@pytest.fixture
def team(org: dict[str, Any]) -> dict[str, Any]:
    boss = PersonFactory(unit=org["unit_a"], position=org["position"], user=UserFactory())
    grant(boss.user, org["agency"], Role.SUPERVISOR, org["unit_a"])
    worker = PersonFactory(
        unit=org["unit_a1"], position=org["position"], supervisor=boss, user=UserFactory()
    )
    stranger = PersonFactory(unit=org["unit_b"], position=org["position"], user=UserFactory())
    hr = UserFactory()
    grant(hr, org["agency"], Role.HR)
    return {**org, "boss": boss, "worker": worker, "stranger": stranger, "hr": hr}


@pytest.fixture
def history(
    team: dict[str, Any], settings: Any, tmp_path: Any, django_capture_on_commit_callbacks: Any
) -> dict[str, Any]:
    """Today the worker works off site: plans, reports (accepted), completes a work item on
    time with an output, and answers a contact check."""
    settings.MEDIA_ROOT = tmp_path
    worker, boss = team["worker"], team["boss"]
    today = timezone.localdate()
    DayException.objects.create(person=worker, day=today, mode="off_site", place="residence")
    item = item_create(
        actor=boss.user,
        unit=team["unit_a"],
        title="สรุปผลการสำรวจความพึงพอใจ",
        due_date=today + dt.timedelta(days=2),
        assignees=[worker],
    )
    item_attach(actor=worker.user, item_id=item.pk, upload=SimpleUploadedFile("out.pdf", PDF))
    item_update(actor=worker.user, item_id=item.pk, status="done", progress=100)
    with django_capture_on_commit_callbacks(execute=True):
        plan_file(actor=worker.user, person=worker, day=today, plan="สรุปผลการสำรวจ")
        report = report_file(
            actor=worker.user,
            person=worker,
            day=today,
            result="สรุปเสร็จแล้ว",
            hours=Decimal(7),
            attachment=SimpleUploadedFile("r.pdf", PDF),
        )
        report_review(actor=boss.user, report_id=report.pk, accept=True)
    check = check_send(actor=boss.user, person=worker, message="ติดต่อได้ไหม")
    check_answer(actor=worker.user, answer_id=check.answers.get().pk)
    return {"item": item, "today": today}


def test_a_persons_evidence_counts_what_happened(
    team: dict[str, Any], history: dict[str, Any]
) -> None:
    worker = team["worker"]
    period = period_of(None)
    evidence = person_evidence(actor=team["boss"].user, person=worker, period=period)
    total = evidence.total
    assert (total.items_completed, total.items_on_time, total.outputs) == (1, 1, 1)
    assert (total.off_site_days, total.reports_filed, total.reports_accepted) == (1, 1, 1)
    assert total.report_completeness == 1.0
    assert (total.contact_checks, total.contact_answered) == (1, 1)
    assert total.working_days == 1
    assert total.compliance_share == 1.0
    off_site = evidence.by_mode["off_site"]
    assert (off_site.items_completed, off_site.outputs, off_site.contact_checks) == (1, 1, 1)
    # The previous half knows nothing of today.
    half = evaluation_half_of(history["today"])
    earlier = period_of(f"{half.fiscal_year - 1}-{half.half}")
    assert person_evidence(actor=worker.user, person=worker, period=earlier).total.empty


def test_who_may_see_evidence(team: dict[str, Any], history: dict[str, Any]) -> None:
    worker, period = team["worker"], period_of(None)
    for user in (worker.user, team["boss"].user, team["hr"]):
        person_evidence(actor=user, person=worker, period=period)
    with pytest.raises(NotFound):
        person_evidence(actor=team["stranger"].user, person=worker, period=period)
    with pytest.raises(NotFound):  # a person does not see their unit's evidence
        unit_people(actor=worker.user, unit=team["unit_a"], period=period)
    people = unit_people(actor=team["boss"].user, unit=team["unit_a"], period=period)
    assert worker in people
    assert team["stranger"] not in people
    assert load(people, period)[worker.pk].total.items_completed == 1


def test_period_keys() -> None:
    assert period_of("2570-1").start == dt.date(2026, 10, 1)  # Buddhist-Era fiscal year
    assert period_of("2027-2").end <= dt.date(2027, 9, 30)
    assert period_of("2027-1") == period_of("2570-1")  # a Gregorian year is understood
    for bad in ("2570-3", "x", "1999-1"):
        with pytest.raises(ValueError):  # noqa: PT011 - every malformed key is refused
            period_of(bad)


def test_pages_and_exports(team: dict[str, Any], history: dict[str, Any]) -> None:
    client = Client()
    client.force_login(team["boss"].user)
    page = client.get("/work/evidence/", follow=True)
    assert page.status_code == 200
    html = page.content.decode()
    assert team["worker"].full_name_th in html
    assert "ไม่ใช่ผลการประเมิน" in html  # evidence, never a grade
    unit_url = f"/work/evidence/units/{team['unit_a'].pk}/"
    workbook = load_workbook(io.BytesIO(client.get(unit_url + "?format=xlsx").content))
    cells = [c for row in workbook["people"].iter_rows(values_only=True) for c in row]
    assert team["worker"].full_name_th in cells
    summary = list(workbook["summary"].iter_rows(values_only=True))
    assert any(row[0] == "ปฏิบัติงานนอกที่ตั้ง (วัน)" for row in summary)
    pdf = client.get(unit_url + "?format=pdf")
    assert pdf.content.startswith(b"%PDF")
    assert pdf["Content-Type"] == "application/pdf"
    person_url = f"/work/evidence/people/{team['worker'].pk}/"
    assert client.get(person_url).status_code == 200
    bad = client.get(person_url + "?period=bad").content.decode()
    assert "กรุณาเลือกรอบการประเมิน" in bad  # said, and the current half shown
    stranger = Client()
    stranger.force_login(team["stranger"].user)
    assert stranger.get(person_url).status_code == 404
    assert stranger.get(unit_url).status_code == 404
    mine = Client()
    mine.force_login(team["worker"].user)
    assert mine.get("/work/evidence/", follow=True).redirect_chain[-1][0] == person_url


def test_api(team: dict[str, Any], history: dict[str, Any]) -> None:
    client = Client()
    client.force_login(team["boss"].user)
    body = client.get(f"/api/v1/people/{team['worker'].pk}/evidence").json()
    assert body["total"]["items_completed"] == 1
    assert body["by_mode"]["off_site"]["reports_filed"] == 1
    assert "grade" not in str(body).lower()
    unit = client.get(f"/api/v1/units/{team['unit_a'].pk}/evidence?period=2570-1").json()
    assert unit["half"] == 1
    assert unit["start"] == "2026-10-01"
    assert {p["staff_id"] for p in unit["people"]} >= {team["worker"].staff_id}
    assert client.get(f"/api/v1/units/{team['unit_a'].pk}/evidence?period=9-9").status_code == 422
    stranger = Client()
    stranger.force_login(team["stranger"].user)
    assert stranger.get(f"/api/v1/people/{team['worker'].pk}/evidence").status_code == 404
