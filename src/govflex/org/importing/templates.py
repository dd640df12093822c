"""Downloadable import templates (CSV UTF-8 with BOM, and XLSX with a column guide)."""

from __future__ import annotations

import csv
import io

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from govflex.org.importing.columns import COLUMNS, Kind


def template_csv(kind: Kind) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([c.key for c in COLUMNS[kind]])
    writer.writerow([c.example for c in COLUMNS[kind]])
    # The BOM makes Excel open the file as UTF-8, so Thai shows correctly.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def template_xlsx(kind: Kind) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # noqa: S101 - a new workbook always has one sheet
    sheet.title = kind.value
    sheet.append([c.key for c in COLUMNS[kind]])
    sheet.append([c.example for c in COLUMNS[kind]])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    guide = workbook.create_sheet(_("guide"))
    guide.append([_("Column"), _("Description"), _("Required"), _("Allowed values")])
    for column in COLUMNS[kind]:
        allowed = ""
        if column.choices is not None:
            with translation.override("th"):
                allowed = "; ".join(f"{v} = {label}" for v, label in column.choices.choices)
        guide.append([column.key, str(column.label), _("yes") if column.required else "", allowed])
    for cell in guide[1]:
        cell.font = Font(bold=True)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
