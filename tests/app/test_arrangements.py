"""Work arrangements: set by HR or the supervisor, checked by the policy, used by attendance."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from govflex.arrangements.selectors import arrangement_on
from govflex.arrangements.services import exception_set, pattern_set
from govflex.attendance.services import PunchInput, day_result_refresh, punch_record
from govflex.common.errors import AccessDenied, ValidationFailed
from govflex.common.models import AuditEntry
from govflex.core.enums import WorkMode
from govflex.org.models import PositionType, Role
from tests.factories import PersonFactory, PositionFactory, UserFactory, grant

BKK = ZoneInfo("Asia/Bangkok")
MONDAY = dt.date(2026, 3, 2)
WEDNESDAY = dt.date(2026, 3, 4)
OFF = {"mode": "off_site", "place": "residence"}
EARLY = {"mode": "staggered", "slot": "07:30-15:30"}


@pytest.fixture
def worker(org: dict[str, Any]) -> Any:
    return PersonFactory(
        unit=org["unit_a1"],
        position=PositionFactory(agency=org["agency"], position_type=PositionType.SUPPORT),
        user=UserFactory(),
    )


def test_pattern_and_exception_decide_the_day(worker: Any, hr: Any) -> None:
    pattern_set(actor=hr, person=worker, effective_from=MONDAY, days={"0": EARLY, "2": OFF})
    assert arrangement_on(person=worker, day=MONDAY).slot.label() == "07:30-15:30"  # type: ignore[union-attr]
    assert arrangement_on(person=worker, day=WEDNESDAY).mode is WorkMode.OFF_SITE  # type: ignore[union-attr]
    assert arrangement_on(person=worker, day=MONDAY + dt.timedelta(days=1)) is None  # standard day
    assert (
        arrangement_on(person=worker, day=MONDAY - dt.timedelta(days=7)) is None
    )  # before it applies
    exception_set(actor=hr, person=worker, day=WEDNESDAY, value={"mode": "counted_hours"})
    assert arrangement_on(person=worker, day=WEDNESDAY).mode is WorkMode.COUNTED_HOURS  # type: ignore[union-attr]
    assert AuditEntry.objects.filter(action__startswith="arrangement.").count() == 2


def test_attendance_judges_by_the_arrangement(worker: Any, hr: Any) -> None:
    pattern_set(actor=hr, person=worker, effective_from=MONDAY, days={"0": EARLY})
    for n, (hour, minute) in enumerate(((7, 40), (15, 35))):
        at = dt.datetime.combine(MONDAY, dt.time(hour, minute), tzinfo=BKK)
        punch_record(
            actor=worker.user,
            person=worker,
            data=PunchInput(idempotency_key=f"arr-{n:06d}", device_time=at),
            now=at,
        )
    result = day_result_refresh(
        person=worker, day=MONDAY, now=dt.datetime.combine(MONDAY, dt.time(23), tzinfo=BKK)
    )
    assert (result.status, result.late_minutes) == ("late", 10)  # 07:40 against a 07:30 slot


@pytest.mark.parametrize(
    ("days", "field"),
    [
        ({"0": {"mode": "staggered", "slot": "10:00-18:00"}}, "days.0.slot"),
        ({"0": {"mode": "staggered"}}, "days.0.slot"),
        ({"0": {"mode": "off_site"}}, "days.0.place"),
        ({"0": OFF, "1": OFF, "2": OFF}, "days"),
        ({"0": {"mode": "teleport"}}, "days.0"),
    ],
)
def test_patterns_the_policy_refuses(
    worker: Any, hr: Any, days: dict[str, Any], field: str
) -> None:
    with pytest.raises(ValidationFailed) as caught:
        pattern_set(actor=hr, person=worker, effective_from=MONDAY, days=days)
    assert field in caught.value.details["fields"]


def test_a_mode_the_position_type_may_not_use_is_refused(org: dict[str, Any], hr: Any) -> None:
    field_worker = PersonFactory(
        unit=org["unit_a"],
        position=PositionFactory(agency=org["agency"], position_type=PositionType.AREA_FIELD_WORK),
    )
    with pytest.raises(ValidationFailed) as caught:
        exception_set(actor=hr, person=field_worker, day=WEDNESDAY, value=OFF)
    assert "mode" in caught.value.details["fields"]


def test_staff_and_outside_supervisors_cannot_set_arrangements(
    worker: Any, org: dict[str, Any]
) -> None:
    with pytest.raises(AccessDenied):
        pattern_set(actor=worker.user, person=worker, effective_from=MONDAY, days={"0": EARLY})
    other = UserFactory()
    grant(other, org["agency"], Role.SUPERVISOR, org["unit_b"])
    with pytest.raises(AccessDenied):
        pattern_set(actor=other, person=worker, effective_from=MONDAY, days={"0": EARLY})
    boss = UserFactory()
    grant(boss, org["agency"], Role.SUPERVISOR, org["unit_a"])
    pattern_set(actor=boss, person=worker, effective_from=MONDAY, days={"0": EARLY})


def test_page_shows_why_a_mode_is_not_offered_and_saves(org: dict[str, Any], hr: Any) -> None:
    field_worker = PersonFactory(
        unit=org["unit_a"],
        position=PositionFactory(agency=org["agency"], position_type=PositionType.AREA_FIELD_WORK),
    )
    client = Client()
    client.force_login(hr)
    page = client.get(f"/arrangements/people/{field_worker.pk}/").content.decode()
    assert "ไม่อยู่ในรูปแบบ" in page  # the reason mode 3 is not offered
    response = client.post(
        f"/arrangements/people/{field_worker.pk}/",
        {
            "form": "pattern",
            "effective_from": "02/03/2569",
            "d0-mode": "staggered",
            "d0-slot": "08:00-16:00",
        },
    )
    assert response.status_code == 302
    assert arrangement_on(person=field_worker, day=MONDAY).slot.label() == "08:00-16:00"  # type: ignore[union-attr]


def test_api_reads_and_writes_the_arrangement(worker: Any, hr: Any) -> None:
    client = Client()
    client.force_login(hr)
    put = client.put(
        f"/api/v1/people/{worker.pk}/arrangement/pattern",
        data=json.dumps({"effective_from": "2026-03-02", "days": {"2": OFF}}),
        content_type="application/json",
    )
    assert put.status_code == 200, put.content
    body = client.get(f"/api/v1/people/{worker.pk}/arrangement").json()
    assert body["patterns"][0]["days"]["2"]["mode"] == "off_site"
    refused = client.put(
        f"/api/v1/people/{worker.pk}/arrangement/exceptions/2026-03-04",
        data=json.dumps({"mode": "staggered", "slot": "11:00-19:00"}),
        content_type="application/json",
    )
    assert refused.status_code == 422
    assert "slot" in refused.json()["details"]["fields"]


def test_week_roster_shows_modes_leave_and_holidays(
    worker: Any, hr: Any, org: dict[str, Any]
) -> None:
    from govflex.attendance.models import Leave

    pattern_set(actor=hr, person=worker, effective_from=MONDAY, days={"0": EARLY, "2": OFF})
    Leave.objects.create(
        person=worker,
        leave_type="vacation",
        start=dt.date(2026, 3, 5),
        end=dt.date(2026, 3, 5),
        status="approved",
    )
    client = Client()
    client.force_login(hr)
    page = client.get("/arrangements/roster/", {"unit": org["unit_a"].pk, "week": "2026-03-04"})
    assert page.status_code == 200
    [row] = [r for r in page.context["rows"] if r.person.pk == worker.pk]
    kinds = [cell.kind for cell in row.cells]
    # Mon 2 Mar early slot, Tue 3 Mar Makha Bucha, Wed off site, Thu leave, Fri standard, weekend
    assert kinds == ["staggered", "holiday", "off_site", "leave", "standard", "holiday", "holiday"]
    assert row.cells[0].text == "07:30-15:30"


def test_a_supervisor_rosters_only_the_units_they_lead(worker: Any, org: dict[str, Any]) -> None:
    boss = UserFactory()
    grant(boss, org["agency"], Role.SUPERVISOR, org["unit_b"])
    client = Client()
    client.force_login(boss)
    assert client.get("/arrangements/roster/", {"unit": org["unit_a"].pk}).status_code == 404
    own = client.get("/arrangements/roster/")
    assert own.context["unit"] == org["unit_b"]
    staff = UserFactory()
    worker.user = staff
    worker.save()
    other = Client()
    other.force_login(staff)
    assert other.get("/arrangements/roster/").status_code == 404


def test_today_board_counts_who_is_on_site_now(worker: Any, hr: Any, org: dict[str, Any]) -> None:
    from django.utils import timezone

    now = timezone.now()
    for n, seconds_ago in enumerate((60, 40)):  # a double tap 20 s apart is one punch
        at = now - dt.timedelta(seconds=seconds_ago)
        punch_record(
            actor=worker.user,
            person=worker,
            data=PunchInput(idempotency_key=f"board-{n:05d}", device_time=at),
            now=now,
        )
    client = Client()
    client.force_login(hr)
    page = client.get("/arrangements/today/", {"unit": org["unit_a"].pk})
    assert page.status_code == 200
    [row] = [r for r in page.context["board"] if r.person.pk == worker.pk]
    assert row.punches == 1
    assert row.on_site_now
    assert page.context["on_site"] == 1


def test_a_person_subscribes_to_their_work_plan(worker: Any, hr: Any) -> None:
    from icalendar import Calendar

    pattern_set(actor=hr, person=worker, effective_from=MONDAY, days={"2": OFF})
    client = Client()
    client.force_login(worker.user)
    page = client.post("/arrangements/ical/renew/")
    assert page.status_code == 200
    path = page.context["url"].split("testserver", 1)[1]
    feed = Client().get(path)  # calendar apps do not sign in
    assert feed["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(feed.content).walk("VEVENT")
    assert len(events) == 7 * 11
    assert any("นอกที่ตั้ง" in str(e["SUMMARY"]) for e in events)
    client.post("/arrangements/ical/renew/")  # a new address stops the old one
    assert Client().get(path).status_code == 404


def test_only_the_person_makes_their_feed(worker: Any, hr: Any) -> None:
    from govflex.arrangements.ical import calendar_feed_renew

    with pytest.raises(AccessDenied):
        calendar_feed_renew(actor=hr, person=worker)


def test_api_makes_my_feed_url(worker: Any) -> None:
    client = Client()
    client.force_login(worker.user)
    url = client.post("/api/v1/me/calendar-feed").json()["url"]
    assert url.endswith(".ics")
    assert Client().get(url.split("testserver", 1)[1]).status_code == 200


def test_roster_filters_by_position_type(worker: Any, hr: Any, org: dict[str, Any]) -> None:
    client = Client()
    client.force_login(hr)
    support = client.get(
        "/arrangements/roster/", {"unit": org["unit_a"].pk, "position_type": "support"}
    )
    assert {row.person.pk for row in support.context["rows"]} >= {worker.pk}
    field = client.get(
        "/arrangements/roster/", {"unit": org["unit_a"].pk, "position_type": "area_field_work"}
    )
    assert worker.pk not in {row.person.pk for row in field.context["rows"]}
