"""In the browser: HR prepares an order enacting a policy draft, the executive signs, HR
publishes it; a member of staff is notified and acknowledges."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from govflex.org.seed import seed_agency
from govflex.policies.models import OfficialDocument, PolicyVersion
from govflex.policies.services import policy_draft_save
from tests.e2e.test_foundation import sign_in

pytestmark = pytest.mark.e2e


@pytest.fixture
def demo(transactional_db: Any) -> None:
    seed_agency(staff=60)


def test_order_signed_published_and_acknowledged(demo: None, live_server: Any, page: Any) -> None:
    hr = get_user_model().objects.get(username="hr")
    agency = hr.person.agency
    start = timezone.localdate() + dt.timedelta(days=14)
    version = policy_draft_save(
        actor=hr,
        agency=agency,
        effective_from=start,
        values={"off_site": {"weekly_quota_days": 1}},
        name="นโยบายทดสอบ",
    )
    sign_in(page, live_server.url, "hr")
    page.wait_for_url(f"{live_server.url}/")
    page.get_by_role("link", name="คำสั่งและประกาศ").click()
    page.get_by_role("link", name="จัดทำคำสั่ง").click()
    page.locator("#id_effective_date").fill(f"{start:%d/%m/}{start.year + 543}")
    page.locator("#id_policy_version").select_option(str(version.pk))
    page.get_by_role("button", name="บันทึกร่าง").click()
    page.get_by_role("button", name="ส่งตรวจและเสนอลงนาม").click()
    page.get_by_text("ระหว่างตรวจ").first.wait_for()
    page.get_by_role("button", name="ออกจากระบบ").click()

    sign_in(page, live_server.url, "executive")
    page.wait_for_url(f"{live_server.url}/")
    document = OfficialDocument.objects.get()
    page.goto(f"{live_server.url}/policies/documents/{document.pk}/")
    page.get_by_role("button", name="ลงนาม", exact=True).click()
    page.get_by_role("button", name="ประกาศและแจ้งผู้เกี่ยวข้อง").click()
    page.locator("#document-number").get_by_text("ที่ ๑/").wait_for()
    page.get_by_role("button", name="ออกจากระบบ").click()
    version.refresh_from_db()
    assert version.status == PolicyVersion.Status.ISSUED

    sign_in(page, live_server.url, "staff")
    page.wait_for_url(f"{live_server.url}/")
    page.get_by_role("link", name="การแจ้งเตือน").click()
    page.get_by_role("button", name="กรุณารับทราบ").first.click()
    page.get_by_role("button", name="รับทราบ", exact=True).click()
    page.locator("#acknowledged").wait_for()
    assert document.acknowledgements.count() == 1
