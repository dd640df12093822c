"""Search in Thai and English over work items, off-site reports and comments; only what the
user may see; pages and API. Checklist templates applied to new work."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from govflex.arrangements.models import DayException
from govflex.common.errors import AccessDenied, NotFound, ValidationFailed
from govflex.org.models import Role
from govflex.work.checklists import template_save, templates_for
from govflex.work.items import item_comment, item_create
from govflex.work.reports import plan_file
from govflex.work.search import search
from tests.factories import PersonFactory, UserFactory, grant


@pytest.fixture
def team(org: dict[str, Any]) -> dict[str, Any]:
    boss = PersonFactory(unit=org["unit_a"], position=org["position"], user=UserFactory())
    grant(boss.user, org["agency"], Role.SUPERVISOR, org["unit_a"])
    worker = PersonFactory(
        unit=org["unit_a"], position=org["position"], supervisor=boss, user=UserFactory()
    )
    other_boss = PersonFactory(unit=org["unit_b"], position=org["position"], user=UserFactory())
    grant(other_boss.user, org["agency"], Role.SUPERVISOR, org["unit_b"])
    hr = UserFactory()
    grant(hr, org["agency"], Role.HR)
    return {**org, "boss": boss, "worker": worker, "other_boss": other_boss, "hr": hr}


@pytest.fixture
def records(team: dict[str, Any]) -> dict[str, Any]:
    worker, boss = team["worker"], team["boss"]
    today = timezone.localdate()
    item = item_create(
        actor=boss.user,
        unit=team["unit_a"],
        title="Quarterly KPI report",
        description="รวบรวมตัวชี้วัดจากทุกกลุ่มงานแล้วสรุปเสนอผู้อำนวยการ",
        due_date=today + dt.timedelta(days=5),
        assignees=[worker],
    )
    item_comment(actor=boss.user, item_id=item.pk, text="ขอเพิ่มข้อมูลงบประมาณไตรมาสที่แล้วด้วย")
    DayException.objects.create(person=worker, day=today, mode="off_site", place="residence")
    report = plan_file(
        actor=worker.user,
        person=worker,
        day=today,
        plan="ตรวจสอบเอกสารประกอบการประชุมคณะกรรมการบริหารและร่างบันทึกเสนอ",
    )
    return {"item": item, "report": report}


def _kinds(user: Any, query: str) -> set[tuple[str, int]]:
    return {(h.kind, h.pk) for h in search(actor=user, query=query)}


def test_thai_words_are_found_inside_sentences(
    team: dict[str, Any], records: dict[str, Any]
) -> None:
    boss = team["boss"].user
    assert ("report", records["report"].pk) in _kinds(boss, "คณะกรรมการ")
    assert ("item", records["item"].pk) in _kinds(boss, "ตัวชี้วัด")
    comments = [h for h in search(actor=boss, query="งบประมาณ") if h.kind == "comment"]
    assert len(comments) == 1
    assert comments[0].match == "งบประมาณ"
    # Two words typed together without a space: both must be there, in any order.
    assert ("report", records["report"].pk) in _kinds(boss, "บันทึกเอกสาร")
    assert _kinds(boss, "เอกสารลับสุดยอด") == set()
    assert ("item", records["item"].pk) in _kinds(boss, "kpi")  # English, any case


def test_search_only_shows_what_the_user_may_see(
    team: dict[str, Any], records: dict[str, Any]
) -> None:
    assert _kinds(team["other_boss"].user, "คณะกรรมการ") == set()
    assert _kinds(team["other_boss"].user, "งบประมาณ") == set()
    assert ("report", records["report"].pk) in _kinds(team["worker"].user, "คณะกรรมการ")
    assert ("report", records["report"].pk) in _kinds(team["hr"], "คณะกรรมการ")
    assert search(actor=team["boss"].user, query="  ") == []


def test_search_page_and_api(team: dict[str, Any], records: dict[str, Any]) -> None:
    client = Client()
    client.force_login(team["boss"].user)
    page = client.get("/work/search/", {"q": "คณะกรรมการ"}).content.decode()
    assert "<mark>คณะกรรมการ</mark>" in page
    assert f"/work/reports/{records['report'].pk}/" in page
    assert client.get(f"/work/reports/{records['report'].pk}/").status_code == 200
    hits = client.get("/api/v1/work-search", {"q": "ตัวชี้วัด", "kind": "item"}).json()
    assert [h["id"] for h in hits] == [records["item"].pk]
    outsider = Client()
    outsider.force_login(team["other_boss"].user)
    assert outsider.get("/api/v1/work-search", {"q": "คณะกรรมการ"}).json() == []
    assert outsider.get(f"/work/reports/{records['report'].pk}/").status_code == 404


def test_checklist_templates(team: dict[str, Any]) -> None:
    hr, boss = team["hr"], team["boss"]
    agency_id = team["agency"].pk
    everyone = template_save(
        actor=hr, agency_id=agency_id, name="หนังสือออก", steps=["ร่าง", "", "ตรวจทาน", "เสนอลงนาม"]
    )
    assert everyone.steps == ["ร่าง", "ตรวจทาน", "เสนอลงนาม"]
    mine = template_save(
        actor=boss.user,
        agency_id=agency_id,
        name="ตอบข้อหารือ",
        steps=["ค้นระเบียบ"],
        unit=team["unit_a"],
    )
    with pytest.raises(AccessDenied):  # agency-wide templates are HR's
        template_save(actor=boss.user, agency_id=agency_id, name="x", steps=["y"])
    with pytest.raises(AccessDenied):  # another supervisor's unit
        template_save(
            actor=team["other_boss"].user,
            agency_id=agency_id,
            name="x",
            steps=["y"],
            unit=team["unit_a"],
        )
    with pytest.raises(ValidationFailed):  # same name in the same place; no steps
        template_save(actor=hr, agency_id=agency_id, name="หนังสือออก", steps=[])
    with pytest.raises(NotFound):  # not theirs to change
        template_save(
            actor=team["other_boss"].user,
            agency_id=agency_id,
            name="x",
            steps=["y"],
            template_id=mine.pk,
        )
    assert set(templates_for(units=[team["unit_a1"]])) == {everyone, mine}
    assert templates_for(units=[team["unit_b"]]) == [everyone]
    item = item_create(
        actor=boss.user,
        unit=team["unit_a"],
        title="ตอบข้อหารือสำนักงบประมาณ",
        due_date=timezone.localdate(),
        assignees=[team["worker"]],
        checklist=["ส่งอีเมลแจ้ง"],
        template=everyone,
    )
    assert [s["text"] for s in item.checklist] == ["ร่าง", "ตรวจทาน", "เสนอลงนาม", "ส่งอีเมลแจ้ง"]
    assert item.template == everyone
    with pytest.raises(ValidationFailed):  # a unit template outside its unit
        item_create(
            actor=team["other_boss"].user,
            unit=team["unit_b"],
            title="x",
            due_date=timezone.localdate(),
            assignees=[PersonFactory(unit=team["unit_b"], position=team["position"])],
            template=mine,
        )
    template_save(
        actor=hr,
        agency_id=agency_id,
        name="หนังสือออก",
        steps=["ร่าง"],
        template_id=everyone.pk,
        active=False,
    )
    assert templates_for(units=[team["unit_b"]]) == []
    item.refresh_from_db()
    assert len(item.checklist) == 4  # assigned work keeps its steps


def test_template_pages_and_api(team: dict[str, Any]) -> None:
    client = Client()
    client.force_login(team["boss"].user)
    response = client.post(
        "/work/templates/",
        {
            "name": "รายงานประจำเดือน",
            "unit": team["unit_a"].pk,
            "steps": "รวบรวม\nสรุป",
            "active": "on",
        },
    )
    assert response.status_code == 302
    refused = client.post("/work/templates/", {"name": "ทั้งกรม", "unit": "", "steps": "x"})
    assert refused.status_code == 200
    assert "ทั้งกรม" in refused.content.decode()
    form = client.get("/work/items/new/").content.decode()
    assert "รายงานประจำเดือน" in form
    api = client.get(f"/api/v1/checklist-templates?unit_id={team['unit_a'].pk}").json()
    assert [t["name"] for t in api] == ["รายงานประจำเดือน"]
    created = client.post(
        "/api/v1/checklist-templates",
        {"name": "ประชุม", "steps": ["นัด", "จดบันทึก"], "unit_id": team["unit_a"].pk},
        content_type="application/json",
    )
    assert created.status_code == 201
    item = client.post(
        "/api/v1/work-items",
        {
            "unit_id": team["unit_a"].pk,
            "title": "ประชุมทีม",
            "due_date": timezone.localdate().isoformat(),
            "assignee_ids": [team["worker"].pk],
            "template_id": created.json()["id"],
        },
        content_type="application/json",
    )
    assert item.status_code == 201
    assert [s["text"] for s in item.json()["checklist"]] == ["นัด", "จดบันทึก"]
