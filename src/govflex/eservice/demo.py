"""Demo e-services for the seeded agency (``govflex eservice demo``): three services at the
citizen-service centre and a few fictional requests in their queues."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from govflex.eservice.catalogue import notice_current, service_save
from govflex.eservice.intake import request_submit
from govflex.eservice.models import Service
from govflex.org.models import Agency, Unit

SERVICES: tuple[dict[str, Any], ...] = (
    {
        "unit": "SVC-C1",
        "code": "certified-copy",
        "name_th": "ขอสำเนาเอกสารราชการพร้อมคำรับรอง",
        "name_en": "Certified copy of an official document",
        "description_th": "ขอสำเนาหนังสือหรือคำสั่งที่ส่วนราชการออก พร้อมคำรับรองสำเนาถูกต้อง",
        "description_en": "A copy of a letter or order the agency issued, certified as true.",
        "sla_amount": 3,
        "sla_unit": "working_days",
        "max_files": 2,
        "max_file_mb": 5,
        "files_required": True,
        "form_fields": [
            {
                "name": "document_type",
                "label_th": "ประเภทเอกสาร",
                "label_en": "Kind of document",
                "type": "choice",
                "required": True,
                "choices": [
                    {"value": "order", "label_th": "คำสั่ง", "label_en": "Order"},
                    {"value": "letter", "label_th": "หนังสือราชการ", "label_en": "Letter"},
                    {"value": "certificate", "label_th": "หนังสือรับรอง", "label_en": "Certificate"},
                ],
            },
            {
                "name": "document_no",
                "label_th": "เลขที่เอกสาร (ถ้าทราบ)",
                "label_en": "Document number (if known)",
            },
            {
                "name": "purpose",
                "label_th": "นำไปใช้เพื่อ",
                "label_en": "Purpose",
                "type": "textarea",
                "required": True,
            },
        ],
    },
    {
        "unit": "SVC",
        "code": "complaint",
        "name_th": "ร้องเรียนหรือแจ้งเบาะแส",
        "name_en": "Complaint or tip-off",
        "description_th": "แจ้งเรื่องร้องเรียนเกี่ยวกับการให้บริการหรือการปฏิบัติงานของเจ้าหน้าที่",
        "description_en": "Complain about a service or about the conduct of an officer.",
        "sla_amount": 15,
        "sla_unit": "working_days",
        "max_files": 5,
        "max_file_mb": 10,
        "files_required": False,
        "form_fields": [
            {"name": "subject", "label_th": "เรื่อง", "label_en": "Subject", "required": True},
            {
                "name": "details",
                "label_th": "รายละเอียด",
                "label_en": "Details",
                "type": "textarea",
                "required": True,
            },
            {"name": "happened_on", "label_th": "วันที่เกิดเหตุ", "label_en": "Date", "type": "date"},
            {"name": "place", "label_th": "สถานที่", "label_en": "Place"},
        ],
    },
    {
        "unit": "SVC-C1",
        "code": "appointment",
        "name_th": "นัดหมายรับบริการ ณ ศูนย์บริการประชาชน",
        "name_en": "Appointment at the citizen service centre",
        "description_th": "จองวันเข้ารับบริการ เจ้าหน้าที่จะโทรยืนยันเวลานัด",
        "description_en": "Book a day to visit; an officer calls to confirm the time.",
        "sla_amount": 4,
        "sla_unit": "working_hours",
        "max_files": 0,
        "max_file_mb": 1,
        "files_required": False,
        "form_fields": [
            {
                "name": "visit_on",
                "label_th": "วันที่ต้องการเข้ารับบริการ",
                "label_en": "Preferred day",
                "type": "date",
                "required": True,
            },
            {
                "name": "phone",
                "label_th": "หมายเลขโทรศัพท์สำหรับยืนยันนัด",
                "label_en": "Phone for the confirmation call",
                "type": "phone",
                "required": True,
            },
            {"name": "topic", "label_th": "เรื่องที่ติดต่อ", "label_en": "Topic", "required": True},
        ],
    },
)
REQUESTS = (
    ("complaint", "นายสมปอง ตัวอย่าง", {"subject": "รอคิวนาน", "details": "รอรับบริการนานเกินสองชั่วโมง"}),
    (
        "appointment",
        "นางสาวดวงใจ สมมุติ",
        {"visit_on": "01/12/2569", "phone": "0812345678", "topic": "ขอคำปรึกษา"},
    ),
)


@dataclass(frozen=True)
class DemoResult:
    services: int
    requests: int


@transaction.atomic
def load_demo(*, agency_code: str = "demo", with_requests: bool = True) -> DemoResult:
    """Add the demo services that are missing (run it again: nothing doubles)."""
    agency = Agency.objects.get(code=agency_code)
    units = {u.code: u for u in Unit.objects.filter(agency=agency)}
    actor = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
    made: dict[str, Service] = {}
    for spec in SERVICES:
        if Service.objects.filter(agency=agency, code=spec["code"]).exists():
            continue
        unit = units.get(spec["unit"]) or next(iter(units.values()))
        made[spec["code"]] = service_save(actor=actor, agency=agency, **{**spec, "unit": unit})
    count = 0
    if with_requests:
        for code, name, answers in REQUESTS:
            if code in made:
                request_submit(
                    service=made[code],
                    client_token=uuid.uuid4(),
                    applicant={"applicant_name": name},
                    answers=answers,
                    privacy_accepted=True,
                    privacy_version=notice_current(agency_id=agency.pk).version,
                    files=[],
                )
                count += 1
    return DemoResult(len(made), count)
