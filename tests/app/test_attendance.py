"""Punches are stored exactly once and judged at once; the check-in page shows the live day."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.utils import timezone

from govflex.attendance.models import AttendanceSettings, DayResult, Punch
from govflex.attendance.services import PunchInput, day_result_refresh, punch_record
from govflex.common.errors import AccessDenied, Conflict, ValidationFailed
from govflex.core.enums import PunchSource
from govflex.org.models import Role
from tests.factories import PersonFactory, UserFactory, WorkSiteFactory, grant

BKK = ZoneInfo("Asia/Bangkok")
THURSDAY = dt.date(2026, 3, 5)


def local(hour: int, minute: int = 0, day: dt.date = THURSDAY) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=BKK)


@pytest.fixture
def me(org: dict[str, Any]) -> Any:
    """A staff member of unit A with a login."""
    user = UserFactory()
    return PersonFactory(unit=org["unit_a"], position=org["position"], user=user)


def punch(
    person: Any, at: dt.datetime, key: str, *, now: dt.datetime | None = None, **extra: Any
) -> tuple[Punch, bool]:
    return punch_record(
        actor=person.user,
        person=person,
        data=PunchInput(idempotency_key=key, device_time=at, **extra),
        now=now or at,
    )


def test_a_retried_key_is_stored_once(me: Any) -> None:
    first, created = punch(me, local(8, 20), "key-00000001")
    again, created_again = punch(me, local(8, 20), "key-00000001", now=local(8, 25))
    assert created
    assert not created_again
    assert first.pk == again.pk
    assert Punch.objects.filter(person=me).count() == 1


def test_the_same_key_for_another_time_is_a_conflict(me: Any) -> None:
    punch(me, local(8, 20), "key-00000002")
    with pytest.raises(Conflict):
        punch(me, local(16, 40), "key-00000002")


@pytest.mark.parametrize(
    ("times", "status", "late"),
    [
        (((8, 20), (16, 40)), "present", 0),
        (((8, 45), (16, 40)), "late", 15),
        (((8, 20), (15, 0)), "left_early", 0),
        (((8, 20),), "incomplete", 0),
    ],
)
def test_the_day_is_judged_from_the_punches(
    me: Any, times: tuple[tuple[int, int], ...], status: str, late: int
) -> None:
    for n, (hour, minute) in enumerate(times):
        punch(me, local(hour, minute), f"key-day-{n:04d}")
    result = day_result_refresh(person=me, day=THURSDAY, now=local(23, 59))
    assert (result.status, result.late_minutes) == (status, late)
    assert result.final


def test_a_stored_punch_re_evaluates_its_day_at_once(
    me: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        punch(me, local(8, 50), "key-live-0001")
    result = DayResult.objects.get(person=me, day=THURSDAY)
    assert result.status == "incomplete"
    with django_capture_on_commit_callbacks(execute=True):
        punch(me, local(16, 45), "key-live-0002")
    result.refresh_from_db()
    assert result.status == "late"
    assert result.late_minutes == 20


def test_a_provisional_day_is_not_an_absence(me: Any) -> None:
    from govflex.attendance.selectors import today_for

    today = today_for(person=me, now=local(7, 0))
    assert not today.result.final
    assert today.live_label in {"ยังไม่ลงเวลา", "Not checked in yet"}


def test_device_clock_far_off_is_corrected_and_flagged(me: Any) -> None:
    server_now = local(8, 31)
    wrong_clock = dt.timedelta(hours=1)
    stored, _ = punch(
        me,
        local(8, 30) + wrong_clock,
        "key-drift-01",
        now=server_now,
        device_now=server_now + wrong_clock,
    )
    assert stored.at == local(8, 30)
    assert stored.clock_drift_seconds == 3600
    assert stored.clock_flagged


def test_a_small_clock_difference_keeps_the_device_time(me: Any) -> None:
    server_now = local(9, 0)
    stored, _ = punch(
        me,
        local(8, 30),
        "key-offline-1",
        now=server_now,
        device_now=server_now + dt.timedelta(seconds=20),
    )
    assert stored.at == local(8, 30)  # queued offline, sent 30 minutes later
    assert stored.clock_drift_seconds == 20
    assert not stored.clock_flagged


@pytest.mark.parametrize(
    ("at", "fragment"),
    [(local(12, 0), "future"), (local(8, 0) - dt.timedelta(days=40), "older")],
)
def test_impossible_times_are_refused(me: Any, at: dt.datetime, fragment: str) -> None:
    with pytest.raises(ValidationFailed) as caught:
        punch_record(
            actor=me.user,
            person=me,
            data=PunchInput(idempotency_key="key-bad-time", source=PunchSource.WEB, device_time=at),
            now=local(8, 0),
        )
    assert "at" in caught.value.details["fields"]


def test_location_inside_a_site_is_on_site_and_coordinates_are_not_kept(
    me: Any, org: dict[str, Any]
) -> None:
    site = WorkSiteFactory(
        agency=org["agency"], latitude="13.764900", longitude="100.538300", radius_m=300
    )
    inside, _ = punch(
        me, local(8, 20), "key-geo-in01", latitude=13.7650, longitude=100.5384, accuracy_m=15
    )
    outside, _ = punch(
        me, local(8, 21), "key-geo-out1", latitude=13.80, longitude=100.60, accuracy_m=15
    )
    assert (inside.on_site, inside.site_id, inside.location_checked) == (True, site.pk, True)
    assert (outside.on_site, outside.site_id) == (False, None)
    assert inside.latitude is None
    assert outside.longitude is None


def test_an_agency_may_keep_coordinates(me: Any, org: dict[str, Any]) -> None:
    AttendanceSettings.objects.create(agency=org["agency"], keep_coordinates_days=7)
    stored, _ = punch(me, local(8, 20), "key-geo-keep", latitude=13.7650, longitude=100.5384)
    assert stored.latitude == pytest.approx(13.7650)


def test_an_off_site_punch_on_an_on_site_day_is_a_location_mismatch(
    me: Any, org: dict[str, Any]
) -> None:
    WorkSiteFactory(agency=org["agency"])
    punch(me, local(8, 20), "key-mis-0001", latitude=13.90, longitude=100.70)
    punch(me, local(16, 40), "key-mis-0002", latitude=13.90, longitude=100.70)
    result = day_result_refresh(person=me, day=THURSDAY, now=local(23, 0))
    assert any("location" in e["code"] or "mismatch" in e["code"] for e in result.exceptions)


def test_staff_cannot_punch_for_someone_else(me: Any, org: dict[str, Any]) -> None:
    with pytest.raises(AccessDenied):
        punch_record(
            actor=me.user, person=org["person_b"], data=PunchInput(idempotency_key="key-other-01")
        )


def test_hr_records_terminal_punches_for_staff(org: dict[str, Any], me: Any) -> None:
    hr = UserFactory()
    grant(hr, org["agency"], Role.HR)
    stored, created = punch_record(
        actor=hr,
        person=me,
        data=PunchInput(
            idempotency_key="terminal-1-0001", source=PunchSource.TERMINAL, at=local(8, 10)
        ),
        now=local(9, 0),
    )
    assert created
    assert stored.source == "terminal"
    assert stored.recorded_by == hr


# ---------------------------------------------------------------- API


def api(client: Client, path: str, body: Any) -> Any:
    return client.post(path, data=json.dumps(body, default=str), content_type="application/json")


def test_api_punch_is_idempotent(me: Any) -> None:
    client = Client()
    client.force_login(me.user)
    body = {"idempotency_key": "api-key-0001"}
    first = api(client, "/api/v1/punches", body)
    second = api(client, "/api/v1/punches", body)
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["id"] == second.json()["id"]
    assert first.json()["created"] is True
    assert second.json()["created"] is False


def test_api_rejects_a_far_future_time_with_a_clear_message(me: Any) -> None:
    client = Client()
    client.force_login(me.user)
    future = timezone.now().astimezone(BKK) + dt.timedelta(days=2)
    response = api(
        client,
        "/api/v1/punches",
        {"idempotency_key": "api-future-1", "device_time": future.isoformat()},
    )
    assert response.status_code == 422
    assert "at" in response.json()["details"]["fields"]


def test_api_unknown_person_is_refused(org: dict[str, Any]) -> None:
    hr = UserFactory()
    grant(hr, org["agency"], Role.HR)
    client = Client()
    client.force_login(hr)
    response = api(
        client,
        "/api/v1/punches",
        {"idempotency_key": "api-unknown-1", "staff_id": "nobody", "source": "terminal"},
    )
    assert response.status_code == 422
    assert "staff_id" in response.json()["details"]["fields"]


def test_bulk_is_all_or_none_unless_asked(org: dict[str, Any], me: Any) -> None:
    hr = UserFactory()
    grant(hr, org["agency"], Role.HR)
    client = Client()
    client.force_login(hr)
    now = timezone.now().astimezone(BKK)
    items = [
        {
            "idempotency_key": "bulk-0000001",
            "staff_id": me.staff_id,
            "source": "terminal",
            "at": (now - dt.timedelta(hours=2)).isoformat(),
        },
        {
            "idempotency_key": "bulk-0000002",
            "staff_id": "nobody",
            "source": "terminal",
            "at": now.isoformat(),
        },
        {
            "idempotency_key": "bulk-0000003",
            "staff_id": me.staff_id,
            "source": "terminal",
            "at": (now - dt.timedelta(hours=1)).isoformat(),
        },
    ]
    refused = api(client, "/api/v1/punches/bulk", {"items": items})
    assert refused.status_code == 422
    assert [i["ok"] for i in refused.json()["items"]] == [False, False, False]
    assert not Punch.objects.filter(person=me).exists()
    partial = api(client, "/api/v1/punches/bulk", {"items": items, "store_valid": True})
    assert partial.status_code == 200
    assert partial.json()["stored"] == 2
    assert partial.json()["refused"] == 1
    again = api(client, "/api/v1/punches/bulk", {"items": items, "store_valid": True})
    assert again.json()["stored"] == 0
    assert again.json()["duplicates"] == 2
    assert Punch.objects.filter(person=me).count() == 2


def test_day_results_api_is_scoped(org: dict[str, Any], me: Any) -> None:
    day_result_refresh(person=me, day=THURSDAY, now=local(23, 0))
    day_result_refresh(person=org["person_b"], day=THURSDAY, now=local(23, 0))
    client = Client()
    client.force_login(me.user)
    own = client.get("/api/v1/day-results", {"from": "2026-03-05", "to": "2026-03-05"}).json()
    assert [row["person_id"] for row in own["items"]] == [me.pk]
    assert client.get("/api/v1/day-results", {"person": org["person_b"].pk}).status_code == 404


# ---------------------------------------------------------------- pages


def test_check_in_page_shows_plan_status_and_button(me: Any) -> None:
    client = Client()
    client.force_login(me.user)
    page = client.get("/attendance/").content.decode()
    assert "08:30-16:30" in page
    assert 'id="punch-button"' in page
    assert "manifest.webmanifest" in page


def test_the_plain_form_post_punches_once_even_when_sent_twice(me: Any) -> None:
    client = Client()
    client.force_login(me.user)
    page = client.get("/attendance/")
    key = page.context["form_key"]
    client.post("/attendance/punch/", {"key": key})
    client.post("/attendance/punch/", {"key": key})
    assert Punch.objects.filter(person=me).count() == 1


def test_a_login_without_a_staff_record_gets_an_explanation(org: dict[str, Any]) -> None:
    user = UserFactory()
    grant(user, org["agency"], Role.AUDITOR)
    client = Client()
    client.force_login(user)
    assert client.get("/attendance/").status_code == 403


def test_location_consent_is_recorded_and_withdrawn(me: Any) -> None:
    client = Client()
    client.force_login(me.user)
    client.post("/attendance/consent/", {"consent": "yes"})
    me.user.refresh_from_db()
    assert me.user.location_consent_at is not None
    client.post("/attendance/consent/", {"consent": "no"})
    me.user.refresh_from_db()
    assert me.user.location_consent_at is None


def test_pwa_manifest_and_service_worker_are_served(me: Any) -> None:
    client = Client()
    manifest = client.get("/attendance/manifest.webmanifest").json()
    assert manifest["display"] == "standalone"
    worker = client.get("/attendance/sw.js")
    assert worker["Content-Type"].startswith("text/javascript")
    assert b"caches" in worker.content


def test_kept_coordinates_are_purged_after_the_retention(me: Any, org: dict[str, Any]) -> None:
    from io import StringIO

    from django.core.management import call_command

    AttendanceSettings.objects.create(agency=org["agency"], keep_coordinates_days=7)
    stored, _ = punch(me, local(8, 20), "key-purge-01", latitude=13.7650, longitude=100.5384)
    Punch.objects.filter(pk=stored.pk).update(received_at=timezone.now() - dt.timedelta(days=6))
    out = StringIO()
    call_command("attendance", "purge", stdout=out)
    stored.refresh_from_db()
    assert stored.latitude is not None  # still within the 7 days
    Punch.objects.filter(pk=stored.pk).update(received_at=timezone.now() - dt.timedelta(days=8))
    call_command("attendance", "purge", stdout=out)
    stored.refresh_from_db()
    assert (stored.latitude, stored.longitude) == (None, None)
    assert stored.location_checked  # the classification stays


def test_a_late_retry_without_a_time_returns_the_stored_punch(me: Any) -> None:
    first, _ = punch_record(
        actor=me.user, person=me, data=PunchInput(idempotency_key="api-no-time-1"), now=local(8, 20)
    )
    again, created = punch_record(
        actor=me.user, person=me, data=PunchInput(idempotency_key="api-no-time-1"), now=local(8, 25)
    )
    assert (again.pk, created) == (first.pk, False)


def test_a_punch_without_location_is_judged_as_planned(me: Any, hr: Any) -> None:
    from govflex.arrangements.services import exception_set

    exception_set(
        actor=hr, person=me, day=THURSDAY, value={"mode": "off_site", "place": "residence"}
    )
    punch(me, local(8, 20), "key-plan-0001")
    punch(me, local(16, 40), "key-plan-0002")
    result = day_result_refresh(person=me, day=THURSDAY, now=local(23, 0))
    assert not any("mismatch" in e["code"] for e in result.exceptions)


def test_a_punch_stored_queues_its_evaluation_in_the_same_transaction(
    me: Any, settings: Any
) -> None:
    settings.GOVFLEX_EVALUATE_INLINE = False
    from govflex.attendance.models import PendingEvaluation

    punch(me, local(8, 20), "key-queued-01")
    queued = PendingEvaluation.objects.filter(person=me, day=THURSDAY)
    assert queued.count() == 1
