"""Importing units, positions and people: validate first, write all or nothing, upsert."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from govflex.common.models import AuditEntry
from govflex.org.importing.jobs import import_job_create
from govflex.org.models import ImportJob, Person, Position, Unit
from tests.app.importing_helpers import PEOPLE_HEADER, csv_bytes, person_row, xlsx_bytes
from tests.factories import UserFactory


def run(
    hr: Any,
    org: dict[str, Any],
    kind: str,
    content: bytes,
    name: str = "f.csv",
    *,
    valid_only: bool = False,
) -> ImportJob:
    job = import_job_create(
        actor=hr,
        agency=org["agency"],
        kind=kind,
        filename=name,
        content=content,
        valid_only=valid_only,
    )
    job.refresh_from_db()
    return job


def error_cells(job: ImportJob) -> set[tuple[int | None, str]]:
    return {(e["row"], e["column"]) for e in job.report["errors"]}


def test_units_import_builds_the_tree_whatever_the_row_order(hr: Any, org: dict[str, Any]) -> None:
    content = csv_bytes(
        ("code", "name_th", "parent_code", "is_service_point"),
        [
            ("C2", "ฝ่ายย่อย", "C1", "ไม่ใช่"),
            ("C1", "กองใหม่", "", "no"),
            ("C3", "เคาน์เตอร์", "C1", "ใช่"),
        ],
    )
    job = run(hr, org, "units", content)
    assert job.status == ImportJob.Status.DONE, job.report
    c1, c2, c3 = (Unit.objects.get(agency=org["agency"], code=c) for c in ("C1", "C2", "C3"))
    assert c2.parent == c1
    assert c2.path == f"/{c1.pk}/{c2.pk}/"
    assert c3.is_service_point
    assert job.report["counts"] == {"created": 3, "updated": 0, "unchanged": 0}


def test_positions_accept_thai_labels_for_choices(hr: Any, org: dict[str, Any]) -> None:
    content = csv_bytes(
        ("รหัสตำแหน่ง", "ชื่อตำแหน่ง", "ประเภทภารกิจ", "ประเภทตำแหน่ง"),
        [("P9", "นักวิเคราะห์", "ภารกิจการจัดทำนโยบายหรือสนับสนุน", "งานศึกษา วิเคราะห์ วิจัย")],
    )
    job = run(hr, org, "positions", content)
    assert job.status == ImportJob.Status.DONE, job.report
    position = Position.objects.get(agency=org["agency"], code="P9")
    assert position.position_type == "study_analysis_research"


def test_people_xlsx_with_buddhist_era_dates_and_supervisors(hr: Any, org: dict[str, Any]) -> None:
    rows = [
        person_row(1),
        person_row(2, boss="700001", start="2569-03-05"),
        person_row(3, boss="700002", start="5 มี.ค. 2569"),
    ]
    job = run(hr, org, "people", xlsx_bytes(PEOPLE_HEADER, rows), "people.xlsx")
    assert job.status == ImportJob.Status.DONE, job.report
    first = Person.objects.get(agency=org["agency"], staff_id="700001")
    second = Person.objects.get(agency=org["agency"], staff_id="700002")
    third = Person.objects.get(agency=org["agency"], staff_id="700003")
    assert first.start_date == dt.date(2022, 10, 1)  # 01/10/2565 BE
    assert second.start_date == dt.date(2026, 3, 5)
    assert third.start_date == dt.date(2026, 3, 5)
    assert second.supervisor == first
    assert third.supervisor == second
    assert any("Buddhist Era" in note or "พุทธศักราช" in note for note in job.report["notes"])


def test_windows_874_csv_is_decoded_and_reported(hr: Any, org: dict[str, Any]) -> None:
    content = csv_bytes(PEOPLE_HEADER, [person_row(1)], encoding="cp874")
    job = run(hr, org, "people", content)
    assert job.status == ImportJob.Status.DONE, job.report
    assert Person.objects.get(staff_id="700001").first_name_th == "สมศรี1"
    assert any("874" in note for note in job.report["notes"])


def test_reimporting_the_same_file_changes_nothing(hr: Any, org: dict[str, Any]) -> None:
    content = csv_bytes(PEOPLE_HEADER, [person_row(1), person_row(2, boss="700001")])
    assert run(hr, org, "people", content).report["counts"]["created"] == 2
    before = AuditEntry.objects.exclude(action="import.upload").count()
    again = run(hr, org, "people", content)
    assert again.report["counts"] == {"created": 0, "updated": 0, "unchanged": 2}
    assert AuditEntry.objects.exclude(action="import.upload").count() == before


def test_an_updated_file_updates_people_by_staff_id(hr: Any, org: dict[str, Any]) -> None:
    run(hr, org, "people", csv_bytes(PEOPLE_HEADER, [person_row(1), person_row(2)]))
    changed = person_row(2)
    changed[2] = "มาลี"
    job = run(hr, org, "people", csv_bytes(PEOPLE_HEADER, [person_row(1), changed]))
    assert job.report["counts"] == {"created": 0, "updated": 1, "unchanged": 1}
    assert Person.objects.get(staff_id="700002").first_name_th == "มาลี"
    entry = AuditEntry.objects.filter(action="person.import.update").get()
    assert entry.before["first_name_th"] == "สมศรี2"
    assert entry.after["first_name_th"] == "มาลี"


def test_duplicate_staff_ids_name_both_rows_and_nothing_is_written(
    hr: Any, org: dict[str, Any]
) -> None:
    job = run(
        hr, org, "people", csv_bytes(PEOPLE_HEADER, [person_row(1), person_row(2), person_row(1)])
    )
    assert job.status == ImportJob.Status.REJECTED
    assert error_cells(job) == {(2, "staff_id"), (4, "staff_id")}
    assert "2, 4" in job.report["errors"][0]["message"]
    assert not Person.objects.filter(staff_id__startswith="7000").exists()


def test_unknown_unit_and_position_are_reported_per_row(hr: Any, org: dict[str, Any]) -> None:
    rows = [person_row(1), person_row(2, unit="NOPE"), person_row(3, position="P404")]
    job = run(hr, org, "people", csv_bytes(PEOPLE_HEADER, rows))
    assert job.status == ImportJob.Status.REJECTED
    assert error_cells(job) == {(3, "unit_code"), (4, "position_code")}
    assert not Person.objects.filter(staff_id__startswith="7000").exists()


def test_missing_required_column_rejects_the_file(hr: Any, org: dict[str, Any]) -> None:
    header = [h for h in PEOPLE_HEADER if h != "unit_code"]
    rows = [[v for h, v in zip(PEOPLE_HEADER, person_row(1), strict=True) if h != "unit_code"]]
    job = run(hr, org, "people", csv_bytes(header, rows))
    assert job.status == ImportJob.Status.REJECTED
    assert error_cells(job) == {(None, "unit_code")}


@pytest.mark.parametrize(
    ("content", "name", "fragment"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "photo.csv", "CSV or XLSX"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "old.xls", ".xls"),
        (b"PK\x03\x04 not really a zip", "broken.xlsx", "damaged"),
        (b"", "empty.csv", "empty"),
    ],
)
def test_a_file_that_is_not_csv_or_xlsx_gets_a_clear_message(
    hr: Any, org: dict[str, Any], content: bytes, name: str, fragment: str
) -> None:
    hr.language = "en"
    hr.save()
    job = run(hr, org, "people", content + b"\n" if content else b"   ", name)
    assert job.status == ImportJob.Status.REJECTED
    [error] = job.report["errors"]
    assert error["row"] is None
    assert fragment in error["message"]


def test_wrong_date_format_names_the_row_and_the_accepted_forms(
    hr: Any, org: dict[str, Any]
) -> None:
    job = run(
        hr,
        org,
        "people",
        csv_bytes(
            PEOPLE_HEADER, [person_row(1, start="31/02/2569"), person_row(2, start="yesterday")]
        ),
    )
    assert error_cells(job) == {(2, "start_date"), (3, "start_date")}
    assert "05/03/2569" in job.report["errors"][0]["message"]


def test_valid_rows_only_when_explicitly_chosen(hr: Any, org: dict[str, Any]) -> None:
    rows = [person_row(1), person_row(2, unit="NOPE"), person_row(3)]
    job = run(hr, org, "people", csv_bytes(PEOPLE_HEADER, rows), valid_only=True)
    assert job.status == ImportJob.Status.DONE
    assert job.report["counts"]["created"] == 2
    assert job.report["skipped_rows"] == 1
    assert set(
        Person.objects.filter(staff_id__startswith="7000").values_list("staff_id", flat=True)
    ) == {"700001", "700003"}


def test_large_xlsx_with_three_bad_rows_reports_exactly_those_and_writes_nothing(
    hr: Any, org: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    rows = [person_row(n) for n in range(1, 10_001)]
    rows[99][5] = "NO-SUCH-UNIT"  # row 101
    rows[4999][9] = "32/13/2569"  # row 5001
    rows[9998][0] = rows[9997][0]  # rows 9999 and 10000 share a staff ID... counts as one bad pair
    rows[9998][0] = ""  # make it a single bad row instead: a missing required value
    content = xlsx_bytes(PEOPLE_HEADER, rows)
    with django_capture_on_commit_callbacks(execute=True):
        job = import_job_create(
            actor=hr,
            agency=org["agency"],
            kind="people",
            filename="big.xlsx",
            content=content,
            valid_only=False,
        )
    job.refresh_from_db()
    assert job.status == ImportJob.Status.REJECTED
    assert {e["row"] for e in job.report["errors"]} == {101, 5001, 10000}
    assert job.report["error_rows"] == 3
    assert job.report["total_rows"] == 10_000
    assert not Person.objects.filter(staff_id__startswith="70").exists()


def test_large_file_runs_in_background_with_progress(
    hr: Any, org: dict[str, Any], settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.GOVFLEX_IMPORT_BACKGROUND_ROWS = 50
    content = csv_bytes(PEOPLE_HEADER, [person_row(n) for n in range(1, 61)])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = import_job_create(
            actor=hr,
            agency=org["agency"],
            kind="people",
            filename="p.csv",
            content=content,
            valid_only=False,
        )
    assert ImportJob.objects.get(pk=job.pk).status == ImportJob.Status.QUEUED  # not run inline
    client = Client()
    client.force_login(hr)
    queued = client.get(f"/org/import/{job.pk}/", headers={"HX-Request": "true"})
    assert b"<progress" in queued.content
    assert b"hx-trigger" in queued.content
    for callback in callbacks:
        callback()  # the worker picks the task up
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert job.percent == 100
    done = client.get(f"/org/import/{job.pk}/", headers={"HX-Request": "true"})
    assert b"hx-trigger" not in done.content


def test_upload_through_the_web_page_shows_the_row_report(hr: Any, org: dict[str, Any]) -> None:
    client = Client()
    client.force_login(hr)
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile(
        "people.csv", csv_bytes(PEOPLE_HEADER, [person_row(1, unit="NOPE")])
    )
    response = client.post("/org/import/", {"kind": "people", "file": upload}, follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "NOPE" in page
    assert "unit_code" in page


def test_upload_through_the_api(hr: Any, org: dict[str, Any]) -> None:
    client = Client()
    client.force_login(hr)
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("people.csv", csv_bytes(PEOPLE_HEADER, [person_row(1)]))
    response = client.post("/api/v1/imports", {"kind": "people", "file": upload})
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "done"
    assert client.get(f"/api/v1/imports/{body['id']}").json()["report"]["counts"]["created"] == 1


def test_staff_cannot_import(org: dict[str, Any]) -> None:
    client = Client()
    client.force_login(org["person_a"].user or _staff_user(org))
    assert client.get("/org/import/").status_code == 403


def _staff_user(org: dict[str, Any]) -> Any:
    user = UserFactory()
    org["person_a"].user = user
    org["person_a"].save()
    return user


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_templates_download_and_import_cleanly(hr: Any, org: dict[str, Any], fmt: str) -> None:
    client = Client()
    client.force_login(hr)
    response = client.get(f"/org/import/template/positions.{fmt}")
    assert response.status_code == 200
    job = run(hr, org, "positions", response.content, f"t.{fmt}")
    assert job.status == ImportJob.Status.DONE, job.report
    assert Position.objects.filter(agency=org["agency"], code="P001").exists()


def test_the_report_is_in_the_uploaders_language(hr: Any, org: dict[str, Any]) -> None:
    job = run(hr, org, "people", csv_bytes(PEOPLE_HEADER, [person_row(1, unit="NOPE")]))
    assert (
        "ไม่พบ" in job.report["errors"][0]["message"] or "NOPE" in job.report["errors"][0]["message"]
    )
    hr.language = "en"
    hr.save()
    english = run(hr, org, "people", csv_bytes(PEOPLE_HEADER, [person_row(1, unit="NOPE")]))
    assert english.report["errors"][0]["message"] == "Unknown unit code “NOPE”."
    assert english.report["errors"][0]["message"] != job.report["errors"][0]["message"]
