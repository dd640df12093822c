"""Arrangement requests, approvals, swaps, recalls and rosters through the web pages (Thai) and
the REST API."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.test import Client
from django.utils import timezone

from govflex.arrangements.models import ArrangementRequest, DayException, Recall, Source
from govflex.notifications.models import Notification
from govflex.org.models import Role
from tests.factories import UserFactory, grant


def _client(user: Any) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="th")
    client.force_login(user)
    return client


def _future_working_days(team: dict[str, Any], count: int) -> list[dt.date]:
    from govflex.policies.selectors import unit_calendar

    calendar = unit_calendar(agency_id=team["agency"].pk, unit_id=team["counter"].pk)
    day, found = timezone.localdate() + dt.timedelta(days=7), []
    while len(found) < count:
        if calendar.is_working_day(day):
            found.append(day)
        day += dt.timedelta(days=1)
    return found


def _be(day: dt.date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year + 543}"


def test_staff_files_and_supervisor_approves_in_thai(team: dict[str, Any]) -> None:
    person = team["staff"][0]
    (day,) = _future_working_days(team, 1)
    staff = _client(person.user)
    page = staff.get("/arrangements/requests/new/")
    assert "ยื่นคำขอ" in page.content.decode() or page.status_code == 200
    response = staff.post(
        "/arrangements/requests/new/",
        {
            "kind": "dates",
            "start": _be(day),
            "end": "",
            "plan": "staggered|07:30-15:30|",
            "reason": "รับส่งบุตร",
        },
    )
    request = ArrangementRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/arrangements/requests/{request.pk}/"
    boss = _client(team["boss"])
    queue = boss.get("/arrangements/approvals/").content.decode()
    assert person.full_name_th in queue
    detail = boss.get(f"/arrangements/requests/{request.pk}/").content.decode()
    assert "ผลกระทบ" in detail or "impact-ok" in detail
    boss.post(f"/arrangements/requests/{request.pk}/", {"action": "approve"})
    request.refresh_from_db()
    assert request.status == ArrangementRequest.Status.APPROVED
    mine = staff.get("/arrangements/requests/").content.decode()
    assert "อนุมัติ" in mine
    inbox = staff.get("/notifications/").content.decode()
    assert "ได้รับอนุมัติ" in inbox


def test_bad_dates_show_a_thai_error_and_write_nothing(team: dict[str, Any]) -> None:
    staff = _client(team["staff"][0].user)
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    response = staff.post(
        "/arrangements/requests/new/",
        {"kind": "dates", "start": _be(yesterday), "plan": "off_site||residence", "reason": "x"},
    )
    assert response.status_code == 200
    assert "ปิด" in response.content.decode()  # "a closed period"
    assert not ArrangementRequest.objects.exists()


def test_reject_needs_a_reason_on_the_page(team: dict[str, Any]) -> None:
    (day,) = _future_working_days(team, 1)
    staff = _client(team["staff"][0].user)
    staff.post(
        "/arrangements/requests/new/",
        {"kind": "dates", "start": _be(day), "plan": "counted_hours||", "reason": "เรียน"},
    )
    request = ArrangementRequest.objects.get()
    boss = _client(team["boss"])
    page = boss.post(
        f"/arrangements/requests/{request.pk}/", {"action": "reject", "note": ""}, follow=True
    )
    assert "เหตุผล" in page.content.decode()
    request.refresh_from_db()
    assert request.status == ArrangementRequest.Status.PENDING
    boss.post(f"/arrangements/requests/{request.pk}/", {"action": "reject", "note": "คนไม่พอ"})
    request.refresh_from_db()
    assert request.status == ArrangementRequest.Status.REJECTED


def test_outsiders_cannot_see_a_request(team: dict[str, Any]) -> None:
    (day,) = _future_working_days(team, 1)
    staff = _client(team["staff"][0].user)
    staff.post(
        "/arrangements/requests/new/",
        {"kind": "dates", "start": _be(day), "plan": "counted_hours||", "reason": "เรียน"},
    )
    request = ArrangementRequest.objects.get()
    colleague = _client(team["staff"][1].user)
    assert colleague.get(f"/arrangements/requests/{request.pk}/").status_code == 404
    stranger = UserFactory()
    assert _client(stranger).get(f"/arrangements/requests/{request.pk}/").status_code == 404


def test_recall_page_and_month_roster(team: dict[str, Any]) -> None:
    first, *_rest = _future_working_days(team, 2)
    person = team["staff"][0]
    DayException.objects.create(person=person, day=first, mode="off_site", place="residence")
    boss = _client(team["boss"])
    response = boss.post(
        "/arrangements/recalls/",
        {
            "unit": team["counter"].pk,
            "include_subunits": "on",
            "start": _be(first),
            "end": _be(first),
            "reason": "ตรวจราชการ",
        },
    )
    assert response.status_code == 302
    assert Recall.objects.get().days_changed == 1
    assert DayException.objects.get(person=person, day=first).source == Source.RECALL
    staff_page = _client(person.user).get("/arrangements/recalls/").content.decode()
    assert "ตรวจราชการ" in staff_page
    month = boss.get(
        f"/arrangements/roster/?unit={team['counter'].pk}&view=month&week={first:%Y-%m-%d}"
    ).content.decode()
    assert "เรียกกลับ" in month  # the recalled badge
    calendar = _client(person.user).get(f"/arrangements/me/?month={first:%Y-%m-%d}")
    assert calendar.status_code == 200
    assert "เรียกกลับ" in calendar.content.decode()
    # Staff cannot issue recalls.
    refused = _client(team["staff"][1].user).post(
        "/arrangements/recalls/",
        {"unit": team["counter"].pk, "start": _be(first), "end": _be(first), "reason": "x"},
    )
    assert refused.status_code == 403


def test_roster_pdf(team: dict[str, Any]) -> None:
    response = _client(team["boss"]).get(f"/arrangements/roster.pdf?unit={team['counter'].pk}")
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


def test_approval_settings_page_for_hr_only(team: dict[str, Any]) -> None:
    hr = _client(team["hr"])
    url = f"/arrangements/settings/?agency={team['agency'].pk}"
    assert hr.get(url).status_code == 200
    response = hr.post(
        url,
        {
            "on_site_chain": "supervisor",
            "off_site_chain": "supervisor, executive",
            "remind_after_days": 1,
            "escalate_after_days": 2,
        },
    )
    assert response.status_code == 302
    assert _client(team["staff"][0].user).get(url).status_code == 403


def test_api_request_swap_and_roster(team: dict[str, Any]) -> None:
    alice, bob = team["staff"][:2]
    first, second = _future_working_days(team, 2)
    DayException.objects.create(person=alice, day=first, mode="off_site", place="residence")
    DayException.objects.create(person=bob, day=second, mode="off_site", place="residence")
    api = _client(alice.user)
    bad = api.post(
        "/api/v1/swaps",
        json.dumps({"partner_id": alice.pk, "dates": [first.isoformat()], "reason": "x"}),
        content_type="application/json",
    )
    assert bad.status_code == 422
    assert bad.json()["code"] == "validation_error"
    made = api.post(
        "/api/v1/swaps",
        json.dumps(
            {"partner_id": bob.pk, "dates": [first.isoformat(), second.isoformat()], "reason": "y"}
        ),
        content_type="application/json",
    )
    assert made.status_code == 201, made.content
    swap_id = made.json()["id"]
    answered = _client(bob.user).post(
        f"/api/v1/swaps/{swap_id}/answer",
        json.dumps({"consent": True}),
        content_type="application/json",
    )
    assert answered.json()["status"] == "pending"
    waiting = _client(team["boss"]).get("/api/v1/arrangement-requests?waiting_for_me=true")
    assert [r["id"] for r in waiting.json()] == [swap_id]
    approved = _client(team["boss"]).post(
        f"/api/v1/arrangement-requests/{swap_id}/approve",
        json.dumps({}),
        content_type="application/json",
    )
    assert approved.json()["status"] == "approved"
    roster = _client(team["boss"]).get(
        f"/api/v1/units/{team['counter'].pk}/roster?start={first}&end={second}"
    )
    by_person = {row["person_id"]: row["days"] for row in roster.json()}
    assert by_person[bob.pk][0]["kind"] == "off_site"
    assert Notification.objects.filter(user=bob.user, kind="arrangement.swap_offered").exists()


def test_api_blocked_approval_explains_in_thai(team: dict[str, Any]) -> None:
    (day,) = _future_working_days(team, 1)
    for person in [*team["staff"][:2], team["boss_person"]]:
        DayException.objects.create(person=person, day=day, mode="off_site", place="residence")
    last = team["staff"][2]
    filed = _client(last.user).post(
        "/api/v1/arrangement-requests",
        json.dumps(
            {
                "kind": "dates",
                "days": {day.isoformat(): {"mode": "off_site", "place": "residence"}},
                "reason": "ดูแลพ่อแม่",
            }
        ),
        content_type="application/json",
    )
    assert filed.status_code == 201
    body = filed.json()
    assert any("ขาด" in text for text in body["blocking"])
    executive = UserFactory()
    grant(executive, team["agency"], Role.EXECUTIVE)
    boss = _client(team["boss"])
    boss.post(
        f"/api/v1/arrangement-requests/{body['id']}/approve",
        json.dumps({}),
        content_type="application/json",
    )
    blocked = _client(team["head"]).post(
        f"/api/v1/arrangement-requests/{body['id']}/approve",
        json.dumps({}),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="th",
    )
    assert blocked.status_code == 409
    assert blocked.json()["code"] == "blocked_by_rules"
    assert any("08:30–16:30" in r for r in blocked.json()["details"]["reasons"])
