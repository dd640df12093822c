"""In the browser: HR assesses a position and records the decision."""

from __future__ import annotations

from typing import Any

import pytest

from govflex.org.models import Position
from govflex.org.seed import seed_agency
from govflex.policies.models import Assessment
from tests.e2e.test_foundation import sign_in

pytestmark = pytest.mark.e2e


@pytest.fixture
def demo(transactional_db: Any) -> None:
    seed_agency(staff=40)


def test_hr_assesses_a_position(demo: None, live_server: Any, page: Any) -> None:
    position = Position.objects.filter(position_type="public_contact").first()
    assert position is not None
    sign_in(page, live_server.url, "hr")
    page.wait_for_url(f"{live_server.url}/")
    page.get_by_role("link", name="นโยบายรูปแบบการปฏิบัติงาน").click()
    page.get_by_role("link", name="การประเมินความเหมาะสมของรูปแบบการปฏิบัติงาน").click()
    page.get_by_role("link", name=position.title_th).first.click()
    page.get_by_label("ให้บริการประชาชนแบบพบหน้า").check()
    page.get_by_label("มีเครื่องมือดิจิทัลสำหรับทำงานจากภายนอก").check()
    page.get_by_role("button", name="ประเมิน", exact=True).click()
    page.locator("#verdict-off_site").get_by_text("ไม่เหมาะสม").first.wait_for()
    page.get_by_role("button", name="บันทึกผลการพิจารณา").click()
    page.get_by_text("รับรองแล้ว").first.wait_for()
    assert Assessment.objects.get(position=position).status == "accepted"
