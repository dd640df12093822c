"""Staff request a correction for a forgotten punch; their supervisor approves it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from govflex.attendance.models import Correction, Punch
from govflex.core.thaidate import be_year
from govflex.org.seed import seed_agency
from tests.e2e.test_foundation import sign_in

pytestmark = pytest.mark.e2e


@pytest.fixture
def demo(transactional_db: Any) -> None:
    seed_agency(staff=100)


def test_staff_files_a_correction_and_the_supervisor_approves(
    demo: None, live_server: Any, page: Any
) -> None:
    day = timezone.localdate() - dt.timedelta(days=1)
    sign_in(page, live_server.url, "staff")
    page.wait_for_url(f"{live_server.url}/")
    page.get_by_role("link", name="ขอแก้ไขเวลา").first.click()
    page.locator("#id_day").fill(f"{day:%d/%m/}{be_year(day.year)}")
    page.locator("#id_kind").select_option("forgot_punch")
    page.locator("#id_times").fill("08:25, 16:40")
    page.locator("#id_reason").fill("ลืมลงเวลาเพราะประชุมนอกสถานที่")
    page.get_by_role("button", name="ส่งขออนุมัติ").click()
    page.get_by_text("ส่งคำขอแก้ไขเวลาเพื่อขออนุมัติแล้ว").wait_for()
    assert Correction.objects.get().status == "pending"
    page.get_by_role("button", name="ออกจากระบบ").click()

    sign_in(page, live_server.url, "supervisor")
    page.wait_for_url(f"{live_server.url}/")
    page.get_by_role("link", name="รายการรออนุมัติ").click()
    page.get_by_text("ลืมลงเวลาเพราะประชุมนอกสถานที่").wait_for()
    page.get_by_role("button", name="อนุมัติ", exact=True).click()
    page.get_by_text("บันทึกผลการพิจารณาแล้ว").wait_for()
    assert Correction.objects.get().status == "approved"
    assert Punch.objects.filter(source="correction").count() == 2
