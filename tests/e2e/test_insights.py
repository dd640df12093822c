"""Issue 8 in the browser on the demo data: an executive reads the dashboard (charts drawn, each
with its data table), drills down to a unit and its people, exports XLSX, evaluates the demo
order; the central agency reads the national view."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.utils import timezone

from govflex.insights.demo import demo_history
from govflex.org.seed import seed_agency
from tests.e2e.test_foundation import sign_in

pytestmark = pytest.mark.e2e


@pytest.fixture
def demo(transactional_db: Any) -> None:
    result = seed_agency(staff=120)
    demo_history(agency=result.agency, days=30)
    central = get_user_model().objects.get(username="auditor")
    central.user_permissions.add(Permission.objects.get(codename="view_reportedagencyday"))


def test_dashboard_drill_down_evaluation_and_national_view(
    demo: None, live_server: Any, page: Any
) -> None:
    base = live_server.url
    sign_in(page, base, "executive")
    page.wait_for_url(f"{base}/")
    page.get_by_role("link", name="แดชบอร์ด").first.click()
    page.get_by_role("heading", name="ตัวชี้วัดของช่วงเวลา").wait_for()
    # charts.js fetches Chart.js on pages that have a chart, then draws: wait for all three.
    page.wait_for_function(
        "() => window.Chart && [...document.querySelectorAll('figure.chart canvas')]"
        ".filter(c => Chart.getChart(c)).length === 3"
    )
    drawn = page.evaluate(
        "() => [...document.querySelectorAll('figure.chart canvas')]"
        ".map(c => !!window.Chart && !!Chart.getChart(c) && c.width > 0)"
    )
    assert drawn == [True, True, True]
    page.get_by_text("ตารางข้อมูล").first.click()
    assert page.locator("figure.chart table").first.is_visible()
    compliance = page.locator("#ind-compliance").inner_text()
    assert compliance.endswith("%")

    with page.expect_download() as download:
        page.get_by_role("link", name="ดาวน์โหลด XLSX").click()
    assert download.value.suggested_filename.endswith(".xlsx")

    # Drill down: agency → a unit → its sub-unit → people.
    units = page.locator("#units-h + .table-wrap tbody a")
    first_unit = units.first.inner_text()
    units.first.click()
    page.get_by_role("heading", name=first_unit).first.wait_for()
    while page.locator("#units-h").count():
        page.locator("#units-h + .table-wrap tbody a").first.click()
        page.wait_for_load_state()
    page.get_by_role("heading", name="บุคลากรของหน่วยงานนี้").wait_for()
    assert page.locator("#people-h + .table-wrap tbody tr").count() > 0

    # Policy evaluation of the demo order.
    page.goto(f"{base}/insights/evaluation/")
    page.get_by_label("คำสั่งหรือการเปลี่ยนแปลงนโยบาย").select_option(index=0)
    page.get_by_role("button", name="เปรียบเทียบ").click()
    page.get_by_role("columnheader", name="ความหมาย").wait_for()
    off_site = page.locator("tr", has=page.locator("th", has_text="สัดส่วนวันปฏิบัติงานนอกที่ตั้ง"))
    assert "หน่วยงานที่ได้รับผลเปลี่ยนแปลง" in off_site.inner_text()
    page.get_by_role("button", name="ออกจากระบบ").click()

    # The central agency's national view.
    sign_in(page, base, "auditor")
    page.wait_for_url(f"{base}/")
    page.get_by_role("link", name="รายงานระดับประเทศ").click()
    page.get_by_role("heading", name="ภาพรวมระดับประเทศ").wait_for()
    page.locator("#n-day").fill(_yesterday())
    page.get_by_role("button", name="แสดง").click()
    page.get_by_text("กรมตัวอย่างหนึ่ง (สมมติ)").wait_for()


def _yesterday() -> str:
    return (timezone.localdate() - dt.timedelta(days=1)).isoformat()
