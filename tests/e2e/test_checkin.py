"""A staff member checks in on a phone, loses the network, checks out, and the queued punch
is sent — exactly once — when the network returns."""

from __future__ import annotations

from typing import Any

import pytest

from govflex.attendance.models import Punch
from govflex.org.seed import seed_agency
from tests.e2e.test_foundation import sign_in

pytestmark = pytest.mark.e2e


@pytest.fixture
def demo(transactional_db: Any) -> None:
    seed_agency(staff=100)


def punches_of(username: str) -> int:
    return Punch.objects.filter(person__user__username=username).count()


def test_check_in_online_then_offline_queue_syncs_once(
    demo: None, live_server: Any, page: Any
) -> None:
    sign_in(page, live_server.url, "staff")
    page.wait_for_url(f"{live_server.url}/")
    page.get_by_role("link", name="ลงเวลาปฏิบัติราชการ").click()
    page.wait_for_url("**/attendance/")
    assert page.get_by_text("เวลาปกติ 08:30-16:30 ในที่ตั้ง").is_visible()

    page.get_by_role("button", name="ลงเวลาเข้า").click()
    page.get_by_text("บันทึกเวลาของท่านแล้ว").wait_for()
    assert punches_of("staff") == 1

    page.context.set_offline(True)
    page.locator("#punch-button").click()
    page.get_by_text("ไม่มีสัญญาณเครือข่าย", exact=False).wait_for()
    assert page.locator("#queue-status").inner_text().endswith("1")
    assert punches_of("staff") == 1

    page.context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    page.locator("#queue-status").wait_for(state="hidden")
    assert punches_of("staff") == 2
    page.evaluate("window.dispatchEvent(new Event('online'))")  # a second flush sends nothing
    page.wait_for_timeout(500)
    assert punches_of("staff") == 2

    page.reload()
    assert page.locator("#today li").count() == 2
