"""Readiness for off-site work: recorded by the person or HR; the gaps per unit tell the agency
what to plan and budget for (Guideline 2565: prepare equipment, infrastructure and skills)."""

from __future__ import annotations

import io
from collections import defaultdict
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Font

from govflex.common.audit import audit_record
from govflex.common.errors import AccessDenied, ValidationFailed
from govflex.org.access import Access, access_for
from govflex.org.models import Person, Role, Unit
from govflex.org.selectors import person_list
from govflex.policies.models import Readiness

ITEMS = {
    "device": gettext_lazy("Device (agency laptop or own)"),
    "remote_access": gettext_lazy("Remote access / VPN"),
    "e_signature": gettext_lazy("Electronic signature"),
    "e_saraban": gettext_lazy("E-document (e-saraban) account"),
    "secure_storage": gettext_lazy("Secure storage"),
    "training": gettext_lazy("Training for the new ways of working"),
}


def may_record(actor: Any, person: Person) -> bool:
    access = access_for(actor)
    return access.person_id == person.pk or access.has_role(person.agency_id, Role.HR)


@transaction.atomic
def readiness_set(
    *,
    actor: Any,
    person: Person,
    device: str,
    remote_access: bool,
    e_signature: bool,
    e_saraban: bool,
    secure_storage: bool,
    training: bool,
) -> Readiness:
    if not may_record(actor, person):
        raise AccessDenied(_("Only the person or HR can record their readiness."))
    if device not in Readiness.Device.values:
        raise ValidationFailed(details={"fields": {"device": [_("Choose a device option.")]}})
    readiness, _created = Readiness.objects.update_or_create(
        person=person,
        defaults={
            "device": device,
            "remote_access": remote_access,
            "e_signature": e_signature,
            "e_saraban": e_saraban,
            "secure_storage": secure_storage,
            "training": training,
            "updated_by": actor,
        },
    )
    audit_record(
        actor=actor,
        action="readiness.recorded",
        target=readiness,
        agency_id=person.agency_id,
        after={"gaps": readiness.gaps()},
    )
    return readiness


def gaps_by_unit(*, access: Access, unit: Unit) -> list[dict[str, Any]]:
    """Per unit of the subtree: people, people with no record, and how many lack each item."""
    people = list(person_list(access=access, within=unit).select_related("unit"))
    records = {r.person_id: r for r in Readiness.objects.filter(person__in=people)}
    rows: dict[int, dict[str, Any]] = {}
    for person in people:
        row = rows.setdefault(
            person.unit_id,
            {"unit": person.unit, "people": 0, "unrecorded": 0, "missing": defaultdict(int)},
        )
        row["people"] += 1
        record = records.get(person.pk)
        if record is None:
            row["unrecorded"] += 1
            continue
        for item in record.gaps():
            row["missing"][item] += 1
    ordered = sorted(rows.values(), key=lambda r: r["unit"].path)
    for row in ordered:
        row["cells"] = [row["missing"].get(key, 0) for key in ITEMS]
    return ordered


def gaps_xlsx(rows: list[dict[str, Any]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # noqa: S101 - a new workbook always has one sheet
    sheet.title = "readiness"
    header = [_("Unit"), _("People"), _("No record"), *[str(label) for label in ITEMS.values()]]
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([row["unit"].name_th, row["people"], row["unrecorded"], *row["cells"]])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
