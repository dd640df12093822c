"""Terminal logs: attlog and CSV, mapped to people, stored once, days re-evaluated."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from govflex.attendance.models import DayResult, Punch, TerminalUserMap
from govflex.attendance.terminal import terminal_import_create, terminal_map_save
from govflex.common.errors import AccessDenied, ValidationFailed
from tests.factories import PersonFactory


@pytest.fixture
def staff(org: dict[str, Any]) -> Any:
    return PersonFactory(unit=org["unit_a"], position=org["position"], staff_id="1234")


def attlog(day: dt.date, lines: list[tuple[str, str, int]]) -> bytes:
    """(user id, HH:MM:SS, state) → ZKTeco attlog text."""
    return "".join(
        f"{user}\t{day:%Y-%m-%d} {clock}\t1\t{state}\t0\t0\n" for user, clock, state in lines
    ).encode()


def recent_workday() -> dt.date:
    day = timezone.localdate() - dt.timedelta(days=1)
    while day.weekday() >= 5:
        day -= dt.timedelta(days=1)
    return day


def test_attlog_import_stores_once_and_judges_the_day(
    org: dict[str, Any], hr: Any, staff: Any, django_capture_on_commit_callbacks: Any
) -> None:
    day = recent_workday()
    content = attlog(day, [("1234", "08:21:05", 0), ("1234", "16:35:40", 1)])
    with django_capture_on_commit_callbacks(execute=True):
        job = terminal_import_create(
            actor=hr, agency=org["agency"], filename="1_attlog.dat", content=content, device="T1"
        )
    assert job.status == "done"
    assert (job.report["stored"], job.report["duplicates"], job.report["format"]) == (
        2,
        0,
        "attlog",
    )
    assert Punch.objects.filter(person=staff, source="terminal").count() == 2
    result = DayResult.objects.get(person=staff, day=day)
    assert result.punch_count == 2
    again = terminal_import_create(
        actor=hr, agency=org["agency"], filename="1_attlog.dat", content=content, device="T1"
    )
    assert (again.report["stored"], again.report["duplicates"]) == (0, 2)
    assert Punch.objects.filter(person=staff).count() == 2


def test_leading_zeros_and_explicit_maps_are_matched(
    org: dict[str, Any], hr: Any, staff: Any
) -> None:
    other = PersonFactory(unit=org["unit_b"], position=org["position"], staff_id="A-77")
    terminal_map_save(actor=hr, agency=org["agency"], rows=[("77", "A-77")])
    day = recent_workday()
    job = terminal_import_create(
        actor=hr,
        agency=org["agency"],
        filename="log.dat",
        content=attlog(day, [("0001234", "08:00:00", 0), ("077", "08:05:00", 0)]),
    )
    assert job.report["stored"] == 2
    assert Punch.objects.filter(person=staff).exists()
    assert Punch.objects.filter(person=other).exists()


def test_bad_lines_and_unknown_users_are_reported_per_row(
    org: dict[str, Any], hr: Any, staff: Any
) -> None:
    day = recent_workday()
    good = attlog(day, [("1234", "08:00:00", 0)])
    content = good + b"1234\tnot-a-time\t1\t0\n" + attlog(day, [("9999", "08:01:00", 0)])
    future = (timezone.localtime() + dt.timedelta(days=3)).strftime("%Y-%m-%d %H:%M:%S")
    content += f"1234\t{future}\t1\t0\t0\t0\n".encode()
    job = terminal_import_create(
        actor=hr, agency=org["agency"], filename="log.dat", content=content
    )
    assert job.report["stored"] == 1
    rows = {e["row"] for e in job.report["errors"]}
    assert rows == {2, 3, 4}
    assert job.report["unmapped"] == 1


def test_csv_logs_with_buddhist_era_dates(org: dict[str, Any], hr: Any, staff: Any) -> None:
    day = recent_workday()
    be_date = f"{day:%d/%m/}{day.year + 543}"
    content = (
        f"terminal_user_id,date,time,state\n1234,{be_date},08:10,in\n1234,{be_date},16:45,out\n"
    ).encode()
    job = terminal_import_create(
        actor=hr, agency=org["agency"], filename="log.csv", content=content
    )
    assert job.report["format"] == "csv"
    assert job.report["stored"] == 2


def test_a_file_that_is_not_a_log_is_rejected_whole(org: dict[str, Any], hr: Any) -> None:
    job = terminal_import_create(
        actor=hr, agency=org["agency"], filename="x.dat", content=bytes(range(256)) * 8
    )
    assert job.status == "rejected"
    assert job.report["errors"][0]["row"] is None


def test_only_hr_imports(org: dict[str, Any], staff: Any) -> None:
    from tests.factories import UserFactory

    user = UserFactory()
    staff.user = user
    staff.save()
    with pytest.raises(AccessDenied):
        terminal_import_create(
            actor=user,
            agency=org["agency"],
            filename="x",
            content=b"1\t2026-01-01 08:00:00\t1\t0\n",
        )


def test_mapping_with_an_unknown_staff_id_writes_nothing(
    org: dict[str, Any], hr: Any, staff: Any
) -> None:
    with pytest.raises(ValidationFailed):
        terminal_map_save(actor=hr, agency=org["agency"], rows=[("1", "1234"), ("2", "nobody")])
    assert not TerminalUserMap.objects.exists()


def test_api_upload_and_page(org: dict[str, Any], hr: Any, staff: Any) -> None:
    client = Client()
    client.force_login(hr)
    content = attlog(recent_workday(), [("1234", "08:00:00", 0)])
    response = client.post(
        "/api/v1/terminal-logs", {"file": SimpleUploadedFile("a.dat", content), "device": "T9"}
    )
    assert response.status_code == 201, response.content
    job_id = response.json()["id"]
    assert client.get(f"/api/v1/terminal-logs/{job_id}").json()["report"]["stored"] == 1
    page = client.get(f"/attendance/terminal/{job_id}/")
    assert page.status_code == 200
    web = client.post(
        "/attendance/terminal/",
        {"log-file": SimpleUploadedFile("b.dat", content), "log-device": "T9"},
    )
    assert web.status_code == 302


def test_large_logs_run_in_the_background(
    org: dict[str, Any],
    hr: Any,
    staff: Any,
    monkeypatch: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    monkeypatch.setattr("govflex.attendance.terminal.BACKGROUND_LINES", 1)
    content = attlog(recent_workday(), [("1234", "08:00:00", 0), ("1234", "16:40:00", 1)])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = terminal_import_create(
            actor=hr, agency=org["agency"], filename="big.dat", content=content
        )
    assert job.status == "queued"
    for callback in callbacks:
        callback()
    job.refresh_from_db()
    assert job.status == "done"
    assert job.report["stored"] == 2
