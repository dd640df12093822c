"""The HR officer signs in, sees the Thai home page, switches to English and back, and
opens a person's page — on a phone-sized screen."""

from __future__ import annotations

from typing import Any

import pytest

from govflex.org.seed import seed_agency
from govflex.org.seed_logins import DEMO_PASSWORD

pytestmark = pytest.mark.e2e


@pytest.fixture
def demo(transactional_db: Any) -> None:
    seed_agency(staff=100)


def sign_in(page: Any, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("ชื่อผู้ใช้").fill(username)
    page.get_by_label("รหัสผ่าน").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="เข้าสู่ระบบ").click()


def test_hr_officer_thai_home_language_switch_and_person_page(
    demo: None, live_server: Any, page: Any
) -> None:
    sign_in(page, live_server.url, "hr")
    page.wait_for_url(f"{live_server.url}/")
    assert page.locator("html").get_attribute("lang") == "th"
    assert page.get_by_role("link", name="หน้าหลัก").is_visible()

    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("link", name="Home").is_visible()

    page.get_by_role("button", name="ไทย").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "th"

    page.get_by_role("link", name="บุคลากร", exact=True).first.click()
    page.wait_for_url("**/org/people/**")
    first_person = page.locator("table tbody tr td a").first
    name = first_person.inner_text()
    first_person.click()
    page.wait_for_url("**/org/people/*/")
    assert page.get_by_role("heading", level=1).inner_text() == name
    assert page.get_by_text("รหัสบุคลากร").is_visible()


def test_keyboard_users_can_skip_to_content(demo: None, live_server: Any, page: Any) -> None:
    sign_in(page, live_server.url, "staff")
    page.wait_for_url(f"{live_server.url}/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert "skip-link" in focused
