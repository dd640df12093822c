"""Roll call results as XLSX and PDF (one row per person; need help and silence first)."""

from __future__ import annotations

import io
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from govflex.common.pdf import table_pdf
from govflex.continuity.board import visible_entries
from govflex.continuity.models import ANSWERS, RollCall
from govflex.core.rollcall import urgency
from govflex.core.thaidate import format_datetime


def _when(value: Any) -> str:
    return format_datetime(timezone.localtime(value)) if value else ""


def results_rows(*, actor: Any, roll_call: RollCall) -> tuple[list[str], list[list[str]]]:
    labels = dict(ANSWERS)
    entries = sorted(
        visible_entries(actor=actor, roll_call=roll_call),
        key=lambda e: (urgency(e.answer), e.unit.path, e.person.last_name_th),
    )
    header = [
        _("Unit"),
        _("Staff ID"),
        _("Name"),
        _("Answer"),
        _("Note"),
        _("Answered"),
        _("Reported to the supervisor"),
        _("Location"),
    ]
    rows = [
        [
            e.unit.name_th,
            e.person.staff_id,
            e.person.full_name_th,
            str(labels.get(e.answer, _("No answer"))),
            e.note,
            _when(e.answered_at),
            _when(e.escalated_at),
            f"{e.latitude}, {e.longitude}" if e.latitude is not None else "",
        ]
        for e in entries
    ]
    return header, rows


def results_xlsx(*, actor: Any, roll_call: RollCall) -> bytes:
    header, rows = results_rows(actor=actor, roll_call=roll_call)
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # noqa: S101 - a new workbook has a sheet
    sheet.title = "roll call"
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def results_pdf(*, actor: Any, roll_call: RollCall) -> bytes:
    header, rows = results_rows(actor=actor, roll_call=roll_call)
    scope = roll_call.unit.name_th if roll_call.unit else _("Whole agency")
    return table_pdf(
        title=_("Roll call results: %(scope)s") % {"scope": scope},
        period=_("Started %(when)s") % {"when": _when(roll_call.started_at)},
        header=header,
        rows=rows,
    )
