"""In the browser: staff request, the supervisor approves with the impact shown; a swap with a
colleague's consent; a recall to the office; the optimiser proposes and publishes."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from govflex.arrangements.models import (
    ArrangementRequest,
    DayException,
    Recall,
    RosterProposal,
    Source,
)
from govflex.core.thaidate import be_year
from govflex.org.models import Person
from govflex.org.seed import seed_agency
from govflex.org.seed_logins import DEMO_PASSWORD
from govflex.policies.selectors import unit_calendar
from tests.e2e.test_foundation import sign_in

pytestmark = pytest.mark.e2e


@pytest.fixture
def demo(transactional_db: Any) -> None:
    seed_agency(staff=100)


def _working_days(person: Person, count: int) -> list[dt.date]:
    calendar = unit_calendar(agency_id=person.agency_id, unit_id=person.unit_id)
    day, found = timezone.localdate() + dt.timedelta(days=7), []
    while len(found) < count:
        if calendar.is_working_day(day):
            found.append(day)
        day += dt.timedelta(days=1)
    return found


def _be(day: dt.date) -> str:
    return f"{day:%d/%m/}{be_year(day.year)}"


def _sign_out(page: Any) -> None:
    page.get_by_role("button", name="ออกจากระบบ").click()


def test_staff_requests_and_supervisor_approves(demo: None, live_server: Any, page: Any) -> None:
    staff = Person.objects.get(user__username="staff")
    (day,) = _working_days(staff, 1)
    sign_in(page, live_server.url, "staff")
    page.wait_for_url(f"{live_server.url}/")
    page.get_by_role("link", name="การจัดรูปแบบการทำงานของฉัน").click()
    page.get_by_role("link", name="ขอเป็นรายวัน").first.click()
    page.locator("#id_start").fill(_be(day))
    page.locator("#id_plan").select_option("staggered|07:30-15:30|")
    page.locator("#id_reason").fill("รับส่งบุตรที่โรงเรียน")
    page.get_by_role("button", name="ส่งขออนุมัติ").click()
    page.get_by_text("ส่งคำขอเพื่อพิจารณาแล้ว").wait_for()
    _sign_out(page)

    sign_in(page, live_server.url, "supervisor")
    page.wait_for_url(f"{live_server.url}/")
    page.get_by_role("link", name="อนุมัติการจัดรูปแบบการทำงาน").click()
    page.get_by_role("link", name=staff.full_name_th).click()
    page.locator("#impact-ok").wait_for()  # the impact is shown before deciding
    page.get_by_role("button", name="อนุมัติ", exact=True).click()
    page.get_by_text("อนุมัติแล้ว").first.wait_for()
    assert ArrangementRequest.objects.get().status == "approved"
    assert DayException.objects.get(person=staff, day=day).slot == "07:30-15:30"


def test_swap_with_consent_then_approval(demo: None, live_server: Any, page: Any) -> None:
    staff = Person.objects.get(user__username="staff")
    colleague = (
        Person.objects.filter(unit=staff.unit)
        .exclude(pk=staff.pk)
        .exclude(pk=staff.supervisor_id)
        .first()
    )
    assert colleague is not None
    user = get_user_model().objects.create_user(username="colleague", password=DEMO_PASSWORD)
    Person.objects.filter(pk=colleague.pk).update(user=user)
    first, second = _working_days(staff, 2)
    DayException.objects.create(person=staff, day=first, mode="off_site", place="residence")
    DayException.objects.create(person=colleague, day=second, mode="off_site", place="residence")

    sign_in(page, live_server.url, "staff")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/arrangements/swaps/new/")
    page.locator("#id_partner").select_option(str(colleague.pk))
    page.locator("#id_start").fill(_be(first))
    page.locator("#id_end").fill(_be(second))
    page.locator("#id_reason").fill("นัดตรวจสุขภาพ")
    page.get_by_role("button", name="ส่งคำขอถึงเพื่อนร่วมงาน").click()
    page.get_by_text("รอเพื่อนร่วมงานยินยอม").first.wait_for()
    _sign_out(page)

    sign_in(page, live_server.url, "colleague")
    page.wait_for_url(f"{live_server.url}/")
    page.get_by_role("link", name="การแจ้งเตือน").click()
    page.get_by_role("button", name="ขอสลับวันปฏิบัติงานกับคุณ").first.click()
    page.get_by_role("button", name="ยินยอม", exact=True).click()
    page.get_by_text("บันทึกคำตอบของท่านแล้ว").wait_for()
    _sign_out(page)

    sign_in(page, live_server.url, "supervisor")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/arrangements/approvals/")
    page.get_by_role("checkbox").first.check()
    page.get_by_role("button", name="อนุมัติคำขอที่เลือก").click()
    page.get_by_text("อนุมัติแล้ว 1 จาก 1 รายการ").wait_for()
    assert DayException.objects.get(person=colleague, day=first).mode == "off_site"
    assert DayException.objects.get(person=staff, day=second).mode == "off_site"
    assert DayException.objects.get(person=staff, day=first).source == Source.SWAP


def test_recall_brings_the_unit_back(demo: None, live_server: Any, page: Any) -> None:
    staff = Person.objects.get(user__username="staff")
    (day,) = _working_days(staff, 1)
    DayException.objects.create(person=staff, day=day, mode="off_site", place="residence")
    sign_in(page, live_server.url, "supervisor")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/arrangements/recalls/")
    page.locator("#id_unit").select_option(str(staff.unit.parent_id))
    page.locator("#id_start").fill(_be(day))
    page.locator("#id_end").fill(_be(day))
    page.locator("#id_reason").fill("ตรวจราชการของผู้ตรวจราชการกระทรวง")
    page.get_by_role("button", name="เรียกกลับมาปฏิบัติงานในที่ตั้ง").click()
    page.get_by_text("ออกคำสั่งเรียกกลับแล้ว").wait_for()
    assert Recall.objects.get().days_changed >= 1
    assert DayException.objects.get(person=staff, day=day).source == Source.RECALL
    _sign_out(page)

    sign_in(page, live_server.url, "staff")
    page.wait_for_url(f"{live_server.url}/")
    page.get_by_role("link", name="การแจ้งเตือน").click()
    page.get_by_text("คำสั่งเรียกกลับมาปฏิบัติงานในที่ตั้ง").first.wait_for()
    page.goto(f"{live_server.url}/arrangements/me/?month={day:%Y-%m-%d}")
    page.get_by_text("เรียกกลับ", exact=True).first.wait_for()


def test_optimiser_proposes_and_publishes(demo: None, live_server: Any, page: Any) -> None:
    staff = Person.objects.get(user__username="staff")
    sign_in(page, live_server.url, "supervisor")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/arrangements/optimiser/?unit={staff.unit_id}")
    page.locator("#id_unit").select_option(str(staff.unit_id))
    page.locator("#id_weeks").fill("1")
    page.locator("#id_time_limit_s").fill("3")
    page.get_by_role("button", name="จัดทำข้อเสนอ", exact=True).click()
    # Tasks run at once in the tests (the worker does it in production).
    page.get_by_text("เสนอแล้ว").first.wait_for()
    proposal = RosterProposal.objects.get()
    assert proposal.status == "proposed", proposal.problems
    page.get_by_role("button", name="ประกาศตารางการปฏิบัติงาน").click()
    page.get_by_text("ประกาศแล้ว").first.wait_for()
    proposal.refresh_from_db()
    assert proposal.status == "published"
