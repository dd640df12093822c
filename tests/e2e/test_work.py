"""Issue 7 end to end: a supervisor assigns work; an off-site person files a plan and a report
with an attachment and finishes the work; the supervisor reviews the report, sends a contact
check that is answered, finds the report by a Thai word in the middle of a sentence, and sees
it all in the half-year evidence summary."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from govflex.arrangements.models import DayException
from govflex.core.thaidate import be_year
from govflex.org.seed import seed_agency
from govflex.work.models import ContactAnswer, DayReport, WorkItem
from tests.e2e.test_foundation import sign_in

pytestmark = pytest.mark.e2e


@pytest.fixture
def demo(transactional_db: Any) -> Any:
    seed_agency(staff=100)
    staff = get_user_model().objects.get(username="staff").person
    DayException.objects.create(
        person=staff, day=timezone.localdate(), mode="off_site", place="residence"
    )
    return staff


def _be(day: dt.date) -> str:
    return f"{day:%d/%m/}{be_year(day.year)}"


def test_assign_report_review_reach_search_and_evidence(
    demo: Any, live_server: Any, page: Any, tmp_path: Any, settings: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path
    staff, base, today = demo, live_server.url, timezone.localdate()

    # The supervisor assigns work.
    sign_in(page, base, "supervisor")
    page.wait_for_url(f"{base}/")
    page.goto(f"{base}/work/items/new/")
    page.get_by_label("ชื่องาน").fill("สรุปข้อร้องเรียนประจำสัปดาห์")
    page.locator("#id_due_date").fill(_be(today + dt.timedelta(days=3)))
    page.locator("#id_assignees").select_option(str(staff.pk))
    page.get_by_role("button", name="มอบหมาย").click()
    page.get_by_role("status").get_by_text("มอบหมายงานแล้ว").wait_for()
    item = WorkItem.objects.get(title="สรุปข้อร้องเรียนประจำสัปดาห์")
    page.get_by_role("button", name="ออกจากระบบ").click()

    # The person works off site: plan in the morning, result with an attachment, work done.
    sign_in(page, base, "staff")
    page.wait_for_url(f"{base}/")
    page.get_by_role("link", name="รายงานการปฏิบัติงานนอกที่ตั้ง").first.click()
    plan = page.locator("form:has(input[name=form][value=plan])")
    plan.locator("#id_day").fill(_be(today))
    plan.locator("#id_plan").fill("จัดกลุ่มข้อร้องเรียนและร่างหนังสือชี้แจงผู้ร้องเรียน")
    plan.get_by_role("button", name="ส่งแผน").click()
    page.get_by_role("status").get_by_text("ส่งแผนแล้ว").wait_for()
    result = page.locator("form:has(input[name=form][value=result])")
    result.locator("#id_day").fill(_be(today))
    result.locator("#id_result").fill("ร่างหนังสือชี้แจงผู้ร้องเรียนครบทั้งสิบสองเรื่องแล้ว")
    result.locator("#id_hours").fill("7")
    attachment = tmp_path / "สรุป.pdf"
    attachment.write_bytes(b"%PDF-1.4 summary of complaints")
    result.locator("#id_attachment").set_input_files(str(attachment))
    result.get_by_role("button", name="รายงานผล").click()
    page.get_by_role("status").get_by_text("ส่งรายงานแล้ว").wait_for()
    page.goto(f"{base}/work/items/{item.pk}/")
    page.locator("select[name=status]").select_option("done")
    page.get_by_role("button", name="บันทึก", exact=True).click()
    page.get_by_role("status").get_by_text("บันทึกแล้ว").wait_for()
    assert WorkItem.objects.get(pk=item.pk).status == "done"
    page.get_by_role("button", name="ออกจากระบบ").click()

    # The supervisor reviews the report and sends a contact check.
    sign_in(page, base, "supervisor")
    page.wait_for_url(f"{base}/")
    page.goto(f"{base}/work/reviews/")
    page.get_by_text("ครบทั้งสิบสองเรื่อง").wait_for()
    page.get_by_role("button", name="รับรอง").click()
    page.get_by_role("status").get_by_text("ตรวจแล้ว").wait_for()
    assert DayReport.objects.get(person=staff).status == "accepted"
    page.goto(f"{base}/work/contact/")
    page.get_by_label("หรือรายบุคคล (รหัสบุคลากร)").fill(staff.staff_id)
    page.get_by_label("ข้อความ").fill("ขอสายด่วนเรื่องข้อร้องเรียน")
    page.get_by_role("button", name="ส่งการตรวจสอบ").click()
    answer = ContactAnswer.objects.get(person=staff)

    # Thai search finds the report by a word in the middle of a sentence.
    page.goto(f"{base}/work/search/")
    page.get_by_label("คำค้นภาษาไทยหรือภาษาอังกฤษ").fill("หนังสือชี้แจง")
    page.get_by_role("button", name="ค้นหา", exact=True).click()
    page.locator("mark", has_text="หนังสือชี้แจง").first.wait_for()
    page.get_by_role("link", name=staff.full_name_th).first.click()
    page.get_by_text("ครบทั้งสิบสองเรื่อง").wait_for()
    page.get_by_role("button", name="ออกจากระบบ").click()

    # The person answers with one tap.
    sign_in(page, base, "staff")
    page.wait_for_url(f"{base}/")
    page.goto(f"{base}/work/contact/answer/{answer.pk}/")
    page.get_by_role("button", name="ติดต่อได้").click()
    page.locator("#contact-answered").wait_for()
    page.get_by_role("button", name="ออกจากระบบ").click()

    # The half-year evidence shows it all.
    sign_in(page, base, "supervisor")
    page.wait_for_url(f"{base}/")
    page.get_by_role("link", name="ข้อมูลประกอบการประเมินผล").first.click()
    page.goto(f"{base}/work/evidence/people/{staff.pk}/")
    summary = page.locator("table").first

    def row(label: str) -> str:
        return summary.locator("tr", has=page.locator("th", has_text=label)).inner_text()

    assert "\t1" in row("งานที่แล้วเสร็จ")
    assert "100.0%" in row("ความครบถ้วนของรายงาน")
    assert "100.0%" in row("การตอบรับการติดต่อ")
    assert "ไม่ใช่ผลการประเมิน" in page.content()
