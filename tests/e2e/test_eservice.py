"""A citizen files a request with a document and gets a tracking code; staff of the unit
accept and complete it; the citizen follows the status on the tracking page."""

from __future__ import annotations

import re
from typing import Any

import pytest

from govflex.eservice.demo import load_demo
from govflex.eservice.models import ServiceRequest
from govflex.org.seed import seed_agency
from tests.e2e.test_foundation import sign_in
from tests.factories.eservice import PDF

pytestmark = pytest.mark.e2e


@pytest.fixture
def demo(transactional_db: Any, settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path
    seed_agency(staff=100)
    load_demo(with_requests=False)


def _watch_csp(page: Any) -> list[str]:
    """Console reports of blocked inline scripts or styles (the pages must need none)."""
    seen: list[str] = []
    page.on(
        "console",
        lambda message: (
            seen.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return seen


def test_citizen_files_staff_complete_and_the_citizen_sees_it(
    demo: None, live_server: Any, browser: Any, page: Any
) -> None:
    citizen = browser.new_context(locale="th-TH", viewport={"width": 390, "height": 844})
    tab = citizen.new_page()
    tab.set_default_timeout(15_000)
    blocked = _watch_csp(tab)
    tab.goto(f"{live_server.url}/e/")
    tab.get_by_role("link", name=re.compile("ขอสำเนาเอกสารราชการพร้อมคำรับรอง")).click()
    tab.get_by_label("ชื่อ-นามสกุล").fill("นางสาวสุดา ทดลองยื่น")
    tab.get_by_label("อีเมล").fill("suda@example.com")
    tab.get_by_label("คำสั่ง", exact=True).check()
    tab.get_by_label("นำไปใช้เพื่อ").fill("ใช้ประกอบการสมัครงาน")
    tab.get_by_label("แนบเอกสาร (จำเป็น)").set_input_files(
        {"name": "order.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    tab.get_by_label(re.compile("ข้าพเจ้าได้อ่านประกาศความเป็นส่วนตัวแล้ว")).check()
    tab.get_by_role("button", name="ส่งคำขอ").click()
    tab.get_by_role("heading", name="ได้รับคำขอของท่านแล้ว").wait_for()
    code = tab.locator("#tracking-code").inner_text().strip()
    request = ServiceRequest.objects.get()
    assert code.replace("-", "") == request.tracking_code
    assert request.files.count() == 1
    assert tab.locator("#request-status").inner_text() == "รับคำขอแล้ว"

    sign_in(page, live_server.url, "staff")
    page.wait_for_url(f"{live_server.url}/")
    page.get_by_role("link", name="คำขอบริการออนไลน์").first.click()
    page.get_by_role("link", name=code).click()
    page.get_by_text("ใช้ประกอบการสมัครงาน").wait_for()
    assert page.get_by_role("link", name="order.pdf").is_visible()
    page.get_by_role("button", name="รับเรื่องและเริ่มดำเนินการ").click()
    page.get_by_text("รับเรื่องแล้ว", exact=True).wait_for()

    tab.goto(f"{live_server.url}/e/track/")
    tab.get_by_label("รหัสติดตามคำขอ").fill(code.lower())
    tab.get_by_role("button", name="ตรวจสอบสถานะ").click()
    assert tab.locator("#request-status").inner_text() == "กำลังดำเนินการ"

    page.get_by_label(re.compile("ข้อความถึงผู้ยื่นคำขอ")).fill("มารับสำเนาได้ที่ศูนย์บริการ")
    page.get_by_role("button", name="ดำเนินการแล้วเสร็จ").click()
    page.get_by_text("บันทึกว่าดำเนินการแล้วเสร็จ").wait_for()
    assert page.locator("#request-status").inner_text() == "ดำเนินการแล้วเสร็จ"

    tab.reload()
    assert tab.locator("#request-status").inner_text() == "ดำเนินการแล้วเสร็จ"
    assert tab.get_by_text("มารับสำเนาได้ที่ศูนย์บริการ").is_visible()
    assert "สุดา" not in tab.content()
    assert blocked == []
    citizen.close()
