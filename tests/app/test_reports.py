"""Attendance reports: correct figures, Thai Buddhist-Era exports, scope, background exports."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from openpyxl import load_workbook

from govflex.attendance import reports
from govflex.attendance.exports import to_pdf, to_xlsx
from govflex.attendance.models import ExportJob
from govflex.attendance.services import PunchInput, day_result_refresh, punch_record
from govflex.org.access import access_for
from govflex.org.models import Role
from tests.factories import PersonFactory, UserFactory, grant

BKK = ZoneInfo("Asia/Bangkok")


def work(person: Any, day: dt.date, start: tuple[int, int], end: tuple[int, int]) -> None:
    for n, (hour, minute) in enumerate((start, end)):
        at = dt.datetime.combine(day, dt.time(hour, minute), tzinfo=BKK)
        punch_record(
            actor=person.user,
            person=person,
            data=PunchInput(idempotency_key=f"rep-{person.pk}-{day}-{n}", device_time=at),
            now=at,
        )
    day_result_refresh(
        person=person, day=day, now=dt.datetime.combine(day, dt.time(23), tzinfo=BKK)
    )


@pytest.fixture
def staff(org: dict[str, Any]) -> Any:
    person = PersonFactory(unit=org["unit_a"], position=org["position"], user=UserFactory())
    work(person, dt.date(2026, 3, 2), (8, 20), (16, 40))  # Monday, present
    work(person, dt.date(2026, 3, 4), (8, 50), (16, 40))  # late 20
    return person


def test_person_month_totals(staff: Any, hr: Any) -> None:
    report = reports.person_month(access=access_for(hr), person=staff, year=2026, month=3)
    [totals] = report.totals
    assert totals.days == 31
    assert (totals.late_count, totals.late_minutes) == (1, 20)
    assert totals.worked_minutes == 500 + 470
    assert totals.absences >= 15  # the other working days of March, computed on the fly


def test_unit_day_sheet_lists_the_subtree(org: dict[str, Any], staff: Any, hr: Any) -> None:
    report = reports.unit_day_sheet(
        access=access_for(hr), unit=org["unit_a"], day=dt.date(2026, 3, 4)
    )
    names = {row.person.pk for row in report.rows}
    assert names == {staff.pk, org["person_a"].pk, org["person_a1"].pk}
    late = next(row for row in report.rows if row.person.pk == staff.pk)
    assert (late.status, late.late_minutes) == ("late", 20)


def test_xlsx_export_has_buddhist_era_dates(org: dict[str, Any], staff: Any, hr: Any) -> None:
    report = reports.unit_day_sheet(
        access=access_for(hr), unit=org["unit_a"], day=dt.date(2026, 3, 4)
    )
    sheet = load_workbook(io.BytesIO(to_xlsx(report))).active
    assert sheet is not None
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row if cell]
    assert "4 มีนาคม 2569" in values
    assert "มาสาย" in values


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_pdf_export_is_thai_with_sarabun_embedded(
    org: dict[str, Any], staff: Any, hr: Any, tmp_path: Any
) -> None:
    report = reports.person_month(access=access_for(hr), person=staff, year=2026, month=3)
    path = tmp_path / "month.pdf"
    path.write_bytes(to_pdf(report))
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "2569" in text
    assert staff.staff_id in text
    fonts = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout
    assert "Sarabun" in fonts


def test_report_page_and_exports(org: dict[str, Any], staff: Any, hr: Any) -> None:
    client = Client()
    client.force_login(hr)
    params = {"kind": "day_sheet", "unit": org["unit_a"].pk, "day": "04/03/2569"}
    page = client.get("/attendance/reports/", params)
    assert page.status_code == 200
    assert staff.staff_id in page.content.decode()
    xlsx = client.get("/attendance/reports/", {**params, "format": "xlsx"})
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    pdf = client.get("/attendance/reports/", {**params, "format": "pdf"})
    assert pdf.content.startswith(b"%PDF")


def test_supervisor_cannot_report_on_another_unit(org: dict[str, Any], staff: Any) -> None:
    boss = UserFactory()
    grant(boss, org["agency"], Role.SUPERVISOR, org["unit_b"])
    client = Client()
    client.force_login(boss)
    page = client.get(
        "/attendance/reports/", {"kind": "unit_month", "unit": org["unit_a"].pk, "month": "03/2569"}
    )
    assert page.context.get("report") is None
    assert "unit" in page.context["form"].errors  # unit A is not a choice for this supervisor


def test_large_exports_run_in_the_background(
    org: dict[str, Any],
    staff: Any,
    hr: Any,
    monkeypatch: Any,
    settings: Any,
    tmp_path: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr("govflex.attendance.views_reports.BACKGROUND_PERSON_DAYS", 1)
    client = Client()
    client.force_login(hr)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(
            "/attendance/reports/",
            {"kind": "unit_month", "unit": org["unit_a"].pk, "month": "03/2569", "format": "xlsx"},
        )
    assert response.status_code == 302
    job = ExportJob.objects.get()
    assert job.status == "done"
    download = client.get(f"/attendance/exports/{job.pk}/download/")
    assert download.status_code == 200
    other = Client()
    other.force_login(staff.user)
    assert other.get(f"/attendance/exports/{job.pk}/download/").status_code == 404


def test_days_still_to_come_are_not_reported(staff: Any, hr: Any) -> None:
    from django.utils import timezone

    today = timezone.localdate()
    report = reports.person_month(
        access=access_for(hr), person=staff, year=today.year, month=today.month
    )
    assert all(row.day <= today for row in report.rows)
    assert len(report.rows) == today.day
