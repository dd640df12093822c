"""Corrections: file, decide, re-evaluate; originals untouched; scoped and audited."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from govflex.attendance.corrections import (
    correction_decide,
    correction_file,
    correction_withdraw,
    corrections_to_decide,
)
from govflex.attendance.models import Correction, DayResult, Punch
from govflex.attendance.services import PunchInput, day_result_refresh, punch_record
from govflex.common.errors import AccessDenied, Conflict, ValidationFailed
from govflex.common.models import AuditEntry
from govflex.org.access import access_for
from govflex.org.models import Role
from tests.factories import PersonFactory, UserFactory, grant

BKK = ZoneInfo("Asia/Bangkok")
DAY = dt.date(2026, 3, 5)
NOW = dt.datetime(2026, 3, 9, 9, 0, tzinfo=BKK)
PDF = b"%PDF-1.4 evidence"


@pytest.fixture
def people(org: dict[str, Any]) -> dict[str, Any]:
    boss = PersonFactory(unit=org["unit_a"], position=org["position"], user=UserFactory())
    worker = PersonFactory(
        unit=org["unit_a1"], position=org["position"], user=UserFactory(), supervisor=boss
    )
    grant(boss.user, org["agency"], Role.SUPERVISOR, org["unit_a"])
    outsider = PersonFactory(unit=org["unit_b"], position=org["position"], user=UserFactory())
    grant(outsider.user, org["agency"], Role.SUPERVISOR, org["unit_b"])
    return {"boss": boss, "worker": worker, "outsider": outsider}


def file(people: dict[str, Any], **kwargs: Any) -> Correction:
    worker = people["worker"]
    values = {
        "day": DAY,
        "kind": "forgot_punch",
        "reason": "ลืมลงเวลาออก",
        "times": ["16:40"],
        "now": NOW,
    }
    values.update(kwargs)
    return correction_file(actor=worker.user, person=worker, **values)


def test_approving_a_forgotten_punch_adds_a_record_and_fixes_the_day(
    people: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    worker = people["worker"]
    punch_record(
        actor=worker.user,
        person=worker,
        data=PunchInput(
            idempotency_key="arrive-0001", device_time=dt.datetime(2026, 3, 5, 8, 20, tzinfo=BKK)
        ),
        now=dt.datetime(2026, 3, 5, 8, 20, tzinfo=BKK),
    )
    assert day_result_refresh(person=worker, day=DAY, now=NOW).status == "incomplete"
    original = list(Punch.objects.filter(person=worker).values("pk", "at", "source"))
    correction = file(people)
    with django_capture_on_commit_callbacks(execute=True):
        correction_decide(actor=people["boss"].user, correction=correction, approve=True)
    assert DayResult.objects.get(person=worker, day=DAY).status == "present"
    added = Punch.objects.get(person=worker, source="correction")
    assert added.at == dt.datetime(2026, 3, 5, 16, 40, tzinfo=BKK)
    assert (
        list(
            Punch.objects.filter(person=worker)
            .exclude(source="correction")
            .values("pk", "at", "source")
        )
        == original
    )
    assert (
        AuditEntry.objects.filter(action__in=["correction.file", "correction.approve"]).count() == 2
    )


def test_official_travel_makes_the_day_official_travel(
    people: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    correction = file(people, kind="official_travel", times=[], reason="ไปราชการจังหวัดเชียงใหม่")
    with django_capture_on_commit_callbacks(execute=True):
        correction_decide(actor=people["boss"].user, correction=correction, approve=True)
    assert DayResult.objects.get(person=people["worker"], day=DAY).status == "official_travel"


def test_rejection_needs_a_reason_and_leaves_the_day(people: dict[str, Any]) -> None:
    correction = file(people)
    with pytest.raises(ValidationFailed):
        correction_decide(actor=people["boss"].user, correction=correction, approve=False)
    correction_decide(
        actor=people["boss"].user, correction=correction, approve=False, note="ไม่มีหลักฐาน"
    )
    assert not Punch.objects.filter(source="correction").exists()
    correction.refresh_from_db()
    assert correction.status == "rejected"


def test_only_the_supervisor_chain_or_hr_decides(
    people: dict[str, Any], org: dict[str, Any]
) -> None:
    correction = file(people)
    with pytest.raises(AccessDenied):
        correction_decide(actor=people["outsider"].user, correction=correction, approve=True)
    with pytest.raises(AccessDenied):
        correction_decide(actor=people["worker"].user, correction=correction, approve=True)
    assert list(corrections_to_decide(access=access_for(people["outsider"].user))) == []
    assert list(corrections_to_decide(access=access_for(people["boss"].user))) == [correction]
    hr = UserFactory()
    grant(hr, org["agency"], Role.HR)
    correction_decide(actor=hr, correction=correction, approve=True)


def test_deciding_twice_is_a_conflict(people: dict[str, Any]) -> None:
    correction = file(people)
    correction_decide(actor=people["boss"].user, correction=correction, approve=True)
    with pytest.raises(Conflict):
        correction_decide(actor=people["boss"].user, correction=correction, approve=False, note="x")


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"day": dt.date(2026, 1, 1)}, "day"),  # outside the 31-day window
        ({"day": dt.date(2026, 3, 10)}, "day"),  # the future
        ({"times": ["25:00"]}, "times"),
        ({"times": []}, "times"),
        ({"reason": "  "}, "reason"),
        ({"evidence": SimpleUploadedFile("x.exe", b"MZ\x90\x00binary")}, "evidence"),
        ({"evidence": SimpleUploadedFile("big.pdf", PDF + b"0" * (5 * 1024 * 1024))}, "evidence"),
    ],
)
def test_bad_corrections_are_refused_with_the_field(
    people: dict[str, Any], kwargs: dict[str, Any], field: str
) -> None:
    with pytest.raises(ValidationFailed) as caught:
        file(people, **kwargs)
    assert field in caught.value.details["fields"]
    assert not Correction.objects.exists()


def test_a_duplicate_pending_correction_is_refused(people: dict[str, Any]) -> None:
    file(people)
    with pytest.raises(Conflict):
        file(people)


def test_withdraw_only_while_pending_and_only_by_the_requester(people: dict[str, Any]) -> None:
    correction = file(people)
    with pytest.raises(AccessDenied):
        correction_withdraw(actor=people["boss"].user, correction=correction)
    correction_withdraw(actor=people["worker"].user, correction=correction)
    with pytest.raises(Conflict):
        correction_withdraw(actor=people["worker"].user, correction=correction)


def test_web_flow_file_with_evidence_then_supervisor_approves(
    people: dict[str, Any], settings: Any, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path
    worker_client, boss_client = Client(), Client()
    worker_client.force_login(people["worker"].user)
    boss_client.force_login(people["boss"].user)
    from django.utils import timezone

    yesterday = timezone.localdate() - dt.timedelta(days=1)
    response = worker_client.post(
        "/attendance/corrections/",
        {
            "day": yesterday.strftime("%d/%m/") + str(yesterday.year + 543),
            "kind": "system_outage",
            "times": "08:25, 16:35",
            "reason": "ระบบล่ม",
            "evidence": SimpleUploadedFile("outage.pdf", PDF),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    correction = Correction.objects.get()
    assert correction.times == ["08:25", "16:35"]
    queue = boss_client.get("/attendance/approvals/")
    assert "ระบบล่ม" in queue.content.decode()
    assert boss_client.get(f"/attendance/corrections/{correction.pk}/evidence/").status_code == 200
    outsider = Client()
    outsider.force_login(people["outsider"].user)
    assert outsider.get(f"/attendance/corrections/{correction.pk}/evidence/").status_code == 404
    boss_client.post(f"/attendance/approvals/{correction.pk}/", {"decision": "approve"})
    correction.refresh_from_db()
    assert correction.status == "approved"
    assert Punch.objects.filter(person=people["worker"], source="correction").count() == 2


def test_api_file_and_decide(people: dict[str, Any], settings: Any, tmp_path: Any) -> None:
    from django.utils import timezone

    settings.MEDIA_ROOT = tmp_path

    worker_client, boss_client = Client(), Client()
    worker_client.force_login(people["worker"].user)
    boss_client.force_login(people["boss"].user)
    day = (timezone.localdate() - dt.timedelta(days=2)).isoformat()
    from django.core.files.uploadedfile import SimpleUploadedFile

    from govflex.attendance.models import Correction

    created = worker_client.post(
        "/api/v1/corrections",
        {
            "day": day,
            "kind": "forgot_punch",
            "reason": "ลืม",
            "times": "08:30",
            "evidence": SimpleUploadedFile("memo.pdf", b"%PDF-1.4 memo"),
        },
    )
    assert created.status_code == 201, created.content
    correction_id = created.json()["id"]
    assert Correction.objects.get(pk=correction_id).evidence  # the file arrived
    assert [c["id"] for c in boss_client.get("/api/v1/corrections/pending").json()["items"]] == [
        correction_id
    ]
    decided = boss_client.post(
        f"/api/v1/corrections/{correction_id}/decision",
        data={"approve": False},
        content_type="application/json",
    )
    assert decided.status_code == 422  # a rejection needs a note
    decided = boss_client.post(
        f"/api/v1/corrections/{correction_id}/decision",
        data={"approve": False, "note": "ไม่ตรงกับกล้องวงจรปิด"},
        content_type="application/json",
    )
    assert decided.json()["status"] == "rejected"
