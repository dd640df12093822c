"""Factories and helpers for the citizen e-service."""

from __future__ import annotations

import uuid
from typing import Any

import factory
from django.core.files.uploadedfile import SimpleUploadedFile

from govflex.eservice.intake import request_submit
from govflex.eservice.models import Service, ServiceRequest
from tests.factories import UnitFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
FORM = [
    {"name": "house_no", "label_th": "บ้านเลขที่", "label_en": "House number", "required": True},
    {"name": "moved_on", "label_th": "วันที่ย้ายเข้า", "label_en": "Moved in on", "type": "date"},
]


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service

    unit = factory.SubFactory(UnitFactory)
    agency = factory.LazyAttribute(lambda o: o.unit.agency)
    code = factory.Sequence(lambda n: f"service-{n}")
    name_th = factory.Sequence(lambda n: f"ขอหนังสือรับรอง {n}")
    name_en = factory.Sequence(lambda n: f"Certificate {n}")
    sla_amount = 3
    sla_unit = "working_days"
    form_fields = factory.LazyFunction(lambda: [dict(f) for f in FORM])
    max_files = 2
    max_file_mb = 1


def pdf(name: str = "id-card.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def submit(service: Service, **overrides: Any) -> ServiceRequest:
    """A valid request through the intake service (the way citizens file them)."""
    values: dict[str, Any] = {
        "service": service,
        "client_token": uuid.uuid4(),
        "applicant": {"applicant_name": "นางสาวมาลี ใจดี", "applicant_email": "malee@example.com"},
        "answers": {"house_no": "12/3"},
        "privacy_accepted": True,
        "privacy_version": 0,
        "files": [],
        **overrides,
    }
    return request_submit(**values).request
