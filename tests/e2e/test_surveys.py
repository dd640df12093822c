"""In the browser: a member of staff answers the pulse survey on a phone; HR closes the round
and sees the results suppressed while fewer than 5 answered, then shown with 5."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from govflex.org.models import Person
from govflex.org.seed import seed_agency
from govflex.surveys.answers import answer_submit
from govflex.surveys.rounds import round_open_now
from govflex.surveys.setup import survey_save
from tests.e2e.test_foundation import sign_in
from tests.factories import UserFactory

pytestmark = pytest.mark.e2e

ANSWERS = {
    "quality_of_life": "4",
    "work_life_balance": "4",
    "productivity": "4",
    "tools": "3",
    "work_mode": "mixed",
}


@pytest.fixture
def demo(transactional_db: Any) -> None:
    seed_agency(staff=60)


def _colleagues(agency_id: int, count: int) -> list[Any]:
    people = Person.objects.filter(agency_id=agency_id, user__isnull=True).order_by("pk")[:count]
    users = []
    for person in people:
        person.user = UserFactory()
        person.save(update_fields=["user"])
        users.append(person.user)
    return users


def _answer_in_browser(page: Any, base: str) -> None:
    sign_in(page, base, "staff")
    page.wait_for_url(f"{base}/")
    page.locator('.site-nav a[href="/surveys/"]').click()
    page.get_by_role("link", name="แบบสำรวจรายเดือน").click()
    for question, value in (
        ("คุณภาพชีวิตของท่านในช่วงนี้", "5"),
        ("ความสมดุลระหว่างชีวิตกับการทำงาน", "4"),
        ("ประสิทธิภาพการทำงานของท่าน (ประเมินตนเอง)", "4"),
        ("ความเพียงพอของเครื่องมือ อุปกรณ์ และการเชื่อมต่ออินเทอร์เน็ต", "2"),
    ):
        page.get_by_role("group", name=question).locator(f'input[value="{value}"]').check()
    page.get_by_role("radio", name="นอกที่ตั้ง", exact=True).check()
    page.get_by_role("button", name="ส่งคำตอบ").click()
    page.locator("#survey-answered").wait_for()
    page.get_by_role("button", name="ออกจากระบบ").click()


def _close_and_open_results(page: Any, base: str, survey_id: int) -> str:
    sign_in(page, base, "hr")
    page.wait_for_url(f"{base}/")
    page.goto(f"{base}/surveys/setup/{survey_id}/")
    page.get_by_role("button", name="ปิดรอบทันที").click()
    page.get_by_role("link", name="ผลการสำรวจ").first.click()
    table = page.locator("#results-table")
    table.wait_for()
    text = str(table.locator("tbody tr").first.inner_text())  # the agency as a whole
    page.get_by_role("button", name="ออกจากระบบ").click()
    return text


def test_staff_answers_and_hr_sees_results_only_from_five(
    demo: None, live_server: Any, page: Any
) -> None:
    hr = get_user_model().objects.get(username="hr")
    agency = hr.person.agency
    today = timezone.localdate()
    survey = survey_save(
        actor=hr,
        agency=agency,
        title_th="แบบสำรวจรายเดือน",
        cadence="monthly",
        first_opens_on=today + dt.timedelta(days=60),
        open_days=7,
    )
    others = _colleagues(agency.pk, 4)

    first = round_open_now(actor=hr, survey_id=survey.pk, today=today - dt.timedelta(days=1))
    _answer_in_browser(page, live_server.url)
    for user in others[:3]:
        answer_submit(actor=user, round_id=first.pk, answers=ANSWERS)
    shown = _close_and_open_results(page, live_server.url, survey.pk)
    assert "ไม่แสดงผล: มีผู้ตอบน้อยกว่า 5 คน" in shown  # 4 answered

    second = round_open_now(actor=hr, survey_id=survey.pk, today=today)
    _answer_in_browser(page, live_server.url)
    for user in others:
        answer_submit(actor=user, round_id=second.pk, answers=ANSWERS)
    shown = _close_and_open_results(page, live_server.url, survey.pk)
    assert agency.name_th in shown
    assert "\t5\t" in shown  # 5 respondents: the agency's figures are shown
    assert "4.20" in shown  # quality of life: (5 + 4 × 4) / 5
