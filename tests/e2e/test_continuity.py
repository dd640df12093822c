"""Issue 9 end to end: an executive declares an emergency; a staff member sees today switched
to off-site work; a roll call runs, one person answers, the escalation runs, and the live board
shows it all."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from govflex.continuity.emergencies import essentials_set
from govflex.continuity.models import Emergency, RollCall
from govflex.continuity.rollcalls import roll_calls_escalate
from govflex.core.thaidate import be_year
from govflex.org.seed import seed_agency
from govflex.policies.models import OfficialDocument
from tests.e2e.test_foundation import sign_in

pytestmark = pytest.mark.e2e


@pytest.fixture
def demo(transactional_db: Any) -> Any:
    seed_agency(staff=60)
    users = get_user_model().objects
    staff = users.get(username="staff").person
    # The demo's staff member serves at a counter; make only the supervisor essential there.
    essentials_set(
        actor=users.get(username="hr"),
        unit=staff.unit,
        positions=[],
        people=[],
        counter_default=False,
    )
    OfficialDocument.objects.create(
        agency=staff.agency,
        kind=OfficialDocument.Kind.ORDER,
        status=OfficialDocument.Status.PUBLISHED,
        subject="ให้ปฏิบัติงานนอกที่ตั้งกรณีอุทกภัย",
        body="...",
        effective_date=timezone.localdate(),
        year_be=be_year(timezone.localdate().year),
        number=7,
    )
    return staff


def test_emergency_day_switch_roll_call_escalation_and_board(
    demo: Any, live_server: Any, page: Any, browser: Any
) -> None:
    staff, base, today = demo, live_server.url, timezone.localdate()

    # The executive declares a flood emergency for the staff member's unit, from today.
    sign_in(page, base, "executive")
    page.wait_for_url(f"{base}/")
    page.goto(f"{base}/continuity/emergencies/new/")
    page.locator("#kind").select_option("flood")
    page.locator("#title").fill("น้ำท่วมพื้นที่สำนักงาน")
    page.locator("#start_date").fill(f"{today:%d/%m/}{be_year(today.year)}")
    page.locator("#start_time").fill("00:00")
    page.locator("#units").select_option(str(staff.unit_id))
    page.locator("#order").select_option(index=1)
    page.get_by_role("button", name="บันทึก").click()
    page.get_by_role("status").get_by_text("บันทึกภาวะฉุกเฉินแล้ว").wait_for()
    assert Emergency.objects.get().status == Emergency.Status.DECLARED

    # The executive starts a roll call for the unit and keeps its board open.
    page.goto(f"{base}/continuity/roll-calls/")
    page.locator("#unit").select_option(str(staff.unit_id))
    page.locator("#message").fill("กรุณารายงานสถานะความปลอดภัย")
    page.locator("#minutes").fill("10")
    page.get_by_role("button", name="เริ่มสำรวจ").click()
    page.get_by_role("status").get_by_text("เริ่มการสำรวจสถานะบุคลากรแล้ว").wait_for()
    roll_call = RollCall.objects.get()

    # The staff member sees today switched to off-site work because of the emergency.
    context = browser.new_context(locale="th-TH", viewport={"width": 390, "height": 844})
    phone = context.new_page()
    phone.set_default_timeout(15_000)
    sign_in(phone, base, "staff")
    phone.wait_for_url(f"{base}/")
    phone.goto(f"{base}/attendance/")
    phone.get_by_text("วันนี้ท่านปฏิบัติงานนอกที่ตั้งเนื่องจากภาวะฉุกเฉิน").wait_for()
    phone.goto(f"{base}/arrangements/me/")
    assert phone.locator("td.today").get_by_text("ภาวะฉุกเฉิน").count() == 1
    assert "อุทกภัย" in phone.locator("td.today").inner_text()

    # ... and answers the roll call with one tap.
    phone.goto(f"{base}/notifications/")
    phone.goto(f"{base}/continuity/roll-calls/{roll_call.pk}/answer/")
    phone.locator("#note").fill("น้ำเข้าบ้าน ต้องการเรือ")
    phone.get_by_role("button", name="ต้องการความช่วยเหลือ").click()
    phone.locator("#roll-call-answered").wait_for()
    context.close()

    # Ten minutes later the escalation runs (called directly to travel in time).
    assert roll_calls_escalate(now=timezone.now() + dt.timedelta(minutes=11)) >= 1

    # The board (polled every few seconds) shows the help request first, then the silent.
    page.goto(f"{base}/continuity/roll-calls/{roll_call.pk}/")
    attention = page.locator("#attention")
    first = attention.locator("tbody tr").first
    assert staff.full_name_th in first.inner_text()
    assert "ต้องการความช่วยเหลือ" in first.inner_text()
    attention.get_by_text("แจ้งผู้บังคับบัญชาแล้ว").first.wait_for()
    assert page.locator("#count-need-help").inner_text() == "1"
