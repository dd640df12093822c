"""Work items: assigned within scope, moved on by the assignees with outputs and comments,
boards, reminders, repeats."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from govflex.common.errors import AccessDenied, NotFound, ValidationFailed
from govflex.notifications.models import Notification
from govflex.org.models import Role
from govflex.work.items import (
    board_person,
    board_unit,
    item_attach,
    item_comment,
    item_create,
    item_update,
    items_remind,
)
from govflex.work.models import WorkItem
from tests.factories import PersonFactory, UserFactory, grant


@pytest.fixture
def team(org: dict[str, Any]) -> dict[str, Any]:
    boss = PersonFactory(unit=org["unit_a"], position=org["position"], user=UserFactory())
    grant(boss.user, org["agency"], Role.SUPERVISOR, org["unit_a"])
    worker = PersonFactory(
        unit=org["unit_a"], position=org["position"], supervisor=boss, user=UserFactory()
    )
    stranger = PersonFactory(unit=org["unit_b"], position=org["position"], user=UserFactory())
    return {"boss": boss, "worker": worker, "stranger": stranger, "unit": org["unit_a"]}


def _assign(team: dict[str, Any], **extra: Any) -> WorkItem:
    values = {
        "actor": team["boss"].user,
        "unit": team["unit"],
        "title": "สรุปผลการประชุม",
        "due_date": timezone.localdate() + dt.timedelta(days=3),
        "assignees": [team["worker"]],
        **extra,
    }
    return item_create(**values)


def test_assign_update_and_boards(team: dict[str, Any], settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path
    item = _assign(team, checklist=["ร่าง", "ตรวจทาน"])
    assert Notification.objects.filter(user=team["worker"].user, kind="work.assigned").exists()
    with pytest.raises(ValidationFailed):  # outside the supervisor's scope
        _assign(team, assignees=[team["stranger"]])
    with pytest.raises(ValidationFailed):  # due before start
        _assign(
            team,
            start_date=timezone.localdate(),
            due_date=timezone.localdate() - dt.timedelta(days=1),
        )
    with pytest.raises(NotFound):  # out of scope: not even visible
        item_update(actor=team["stranger"].user, item_id=item.pk, status="doing", progress=10)
    colleague = PersonFactory(unit=team["unit"], user=UserFactory())
    with pytest.raises((AccessDenied, NotFound)):
        item_update(actor=colleague.user, item_id=item.pk, status="doing", progress=10)
    item_update(
        actor=team["worker"].user, item_id=item.pk, status="doing", progress=40, checklist_done=[0]
    )
    item.refresh_from_db()
    assert (item.status, item.progress, item.checklist[0]["done"]) == ("doing", 40, True)
    item_comment(actor=team["boss"].user, item_id=item.pk, text="ขอภายในวันศุกร์")
    with pytest.raises(ValidationFailed):
        item_attach(
            actor=team["worker"].user, item_id=item.pk, upload=SimpleUploadedFile("x.exe", b"MZ...")
        )
    item_attach(
        actor=team["worker"].user,
        item_id=item.pk,
        upload=SimpleUploadedFile("sum.pdf", b"%PDF-1.4 x"),
    )
    today = timezone.localdate()
    assert board_person(person=team["worker"], today=today).doing == [item]
    assert board_unit(actor=team["boss"].user, unit=team["unit"], today=today).doing == [item]


def test_done_repeats_and_reminders(team: dict[str, Any]) -> None:
    today = timezone.localdate()
    weekly = _assign(team, recurrence="weekly", due_date=today + dt.timedelta(days=1))
    late = _assign(team, title="งานค้าง", due_date=today - dt.timedelta(days=2))
    assert items_remind(today=today) == 2
    assert items_remind(today=today) == 0  # once a day
    assert Notification.objects.filter(kind="work.overdue").count() == 1
    item_update(actor=team["worker"].user, item_id=weekly.pk, status="done", progress=0)
    following = WorkItem.objects.exclude(pk__in=[weekly.pk, late.pk]).get()
    assert following.due_date == weekly.due_date + dt.timedelta(days=7)
    assert following.status == "todo"
    out = StringIO()
    call_command("work", "remind", stdout=out)
    assert "reminded" in out.getvalue()


def test_pages(team: dict[str, Any]) -> None:
    boss = Client(HTTP_ACCEPT_LANGUAGE="th")
    boss.force_login(team["boss"].user)
    due = timezone.localdate() + dt.timedelta(days=5)
    response = boss.post(
        "/work/items/new/",
        {
            "unit": team["unit"].pk,
            "title": "จัดทำรายงานประจำเดือน",
            "due_date": f"{due:%d/%m/}{due.year + 543}",
            "priority": "high",
            "assignees": [team["worker"].pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:300]
    item = WorkItem.objects.get()
    worker = Client(HTTP_ACCEPT_LANGUAGE="th")
    worker.force_login(team["worker"].user)
    assert "จัดทำรายงานประจำเดือน" in worker.get("/work/").content.decode()
    worker.post(
        f"/work/items/{item.pk}/", {"action": "update", "status": "done", "progress": "100"}
    )
    item.refresh_from_db()
    assert item.status == "done"
    stranger = Client()
    stranger.force_login(team["stranger"].user)
    assert stranger.get(f"/work/items/{item.pk}/").status_code == 404


def test_api(team: dict[str, Any], settings: Any, tmp_path: Any) -> None:
    import json

    settings.MEDIA_ROOT = tmp_path
    boss, worker = Client(), Client()
    boss.force_login(team["boss"].user)
    worker.force_login(team["worker"].user)
    due = (timezone.localdate() + dt.timedelta(days=2)).isoformat()
    refused = boss.post(
        "/api/v1/work-items",
        json.dumps(
            {
                "unit_id": team["unit"].pk,
                "title": "x",
                "due_date": due,
                "assignee_ids": [team["stranger"].pk],
            }
        ),
        content_type="application/json",
    )
    assert refused.status_code == 422
    made = boss.post(
        "/api/v1/work-items",
        json.dumps(
            {
                "unit_id": team["unit"].pk,
                "title": "ตอบหนังสือ",
                "due_date": due,
                "assignee_ids": [team["worker"].pk],
                "checklist": ["ร่าง", "ส่ง"],
            }
        ),
        content_type="application/json",
    )
    assert made.status_code == 201, made.content
    item_id = made.json()["id"]
    assert [i["id"] for i in worker.get("/api/v1/me/work-items").json()] == [item_id]
    moved = worker.post(
        f"/api/v1/work-items/{item_id}/progress",
        json.dumps({"status": "doing", "progress": 50, "checklist_done": [0]}),
        content_type="application/json",
    ).json()
    assert (moved["status"], moved["progress"]) == ("doing", 50)
    attached = worker.post(
        f"/api/v1/work-items/{item_id}/outputs",
        {"file": SimpleUploadedFile("draft.pdf", b"%PDF-1.4 d"), "note": "ร่างแรก"},
    )
    assert attached.status_code == 201, attached.content
    commented = boss.post(
        f"/api/v1/work-items/{item_id}/comments",
        json.dumps({"text": "ดีมาก"}),
        content_type="application/json",
    )
    assert commented.status_code == 201
    stranger = Client()
    stranger.force_login(team["stranger"].user)
    assert stranger.get(f"/api/v1/work-items/{item_id}").status_code == 404


def test_auditors_read_work_items_but_do_not_comment(
    team: dict[str, Any], org: dict[str, Any]
) -> None:
    item = _assign(team)
    auditor = UserFactory()
    grant(auditor, org["agency"], Role.AUDITOR)
    with pytest.raises(AccessDenied):
        item_comment(actor=auditor, item_id=item.pk, text="ขอดูรายละเอียด")
    executive = UserFactory()
    grant(executive, org["agency"], Role.EXECUTIVE)
    item_comment(actor=executive, item_id=item.pk, text="เร่งด่วน")
    assert item.comments.count() == 1
