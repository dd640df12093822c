"""XLSX exports of the policies app: who has acknowledged a document."""

from __future__ import annotations

import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from govflex.core.thaidate import format_datetime
from govflex.policies.documents import audience
from govflex.policies.models import Acknowledgement, OfficialDocument


def acknowledgement_xlsx(document: OfficialDocument) -> bytes:
    """One row per person concerned: unit, staff ID, name, when they acknowledged (or blank)."""
    done = dict(Acknowledgement.objects.filter(document=document).values_list("person_id", "at"))
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # noqa: S101 - a new workbook has a sheet
    sheet.title = "acknowledgement"
    sheet.append([_("Unit"), _("Staff ID"), _("Name"), _("Acknowledged")])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for person in audience(document).select_related("unit").order_by("unit__path", "staff_id"):
        at = done.get(person.pk)
        sheet.append(
            [
                person.unit.name_th,
                person.staff_id,
                person.full_name_th,
                format_datetime(timezone.localtime(at)) if at else "",
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
