"""Report exports: XLSX (openpyxl) and PDF (WeasyPrint with the vendored Sarabun font).

Dates are written in the Buddhist Era; PDFs embed Sarabun so Thai renders the same everywhere.
"""

from __future__ import annotations

import io

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from govflex.attendance.reports import Report
from govflex.common.pdf import table_pdf
from govflex.core import thaidate


def _lang() -> str:
    return "th" if (translation.get_language() or "th").startswith("th") else "en"


def _date(value: object) -> str:
    import datetime as dt  # noqa: PLC0415

    if isinstance(value, dt.datetime):
        return timezone.localtime(value).strftime("%H:%M")
    if isinstance(value, dt.date):
        return thaidate.format_date(value, lang=_lang())
    return "" if value is None else str(value)


def _minutes(value: int | None) -> str:
    if value is None:
        return ""
    sign = "-" if value < 0 else ""
    value = abs(value)
    return f"{sign}{value // 60}:{value % 60:02d}"


def report_table(report: Report) -> tuple[list[str], list[list[str]]]:
    """Header and rows as text, shared by XLSX, PDF and the HTML page."""
    if report.totals:
        header = [
            _("Staff ID"),
            _("Name"),
            _("Days"),
            _("Worked (h:mm)"),
            _("Late (times)"),
            _("Late (minutes)"),
            _("Left early (times)"),
            _("Absent"),
            _("Incomplete"),
            _("Leave days"),
            _("Off-site days"),
            _("Counted-hours balance (h:mm)"),
        ]
        rows = [
            [
                t.person.staff_id,
                t.person.full_name_th,
                str(t.days),
                t.worked_hours,
                str(t.late_count),
                str(t.late_minutes),
                str(t.early_count),
                str(t.absences),
                str(t.incomplete),
                str(t.leave_days),
                str(t.off_site_days),
                _minutes(t.mode2_balance_minutes),
            ]
            for t in report.totals
        ]
        return header, rows
    header = [
        _("Date"),
        _("Staff ID"),
        _("Name"),
        _("Status"),
        _("In"),
        _("Out"),
        _("Worked (h:mm)"),
        _("Late (minutes)"),
        _("Early (minutes)"),
        _("Exceptions"),
    ]
    rows = [
        [
            _date(r.day),
            r.person.staff_id,
            r.person.full_name_th,
            r.status_label,
            _date(r.first_punch),
            _date(r.last_punch),
            _minutes(r.worked_minutes),
            str(r.late_minutes or ""),
            str(r.early_minutes or ""),
            "; ".join(e["th" if _lang() == "th" else "en"] for e in r.exceptions),
        ]
        for r in report.rows
    ]
    return header, rows


def period_label(report: Report) -> str:
    if report.start == report.end:
        return thaidate.format_date(report.start, long=True, lang=_lang())
    return f"{_date(report.start)} – {_date(report.end)}"


def to_xlsx(report: Report) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # noqa: S101 - a new workbook has a sheet
    sheet.title = report.kind
    sheet.append([report.title])
    sheet.append([period_label(report)])
    sheet.append([])
    header, rows = report_table(report)
    sheet.append(header)
    for cell in sheet[4]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    sheet["A1"].font = Font(bold=True, size=14)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def to_pdf(report: Report) -> bytes:
    header, rows = report_table(report)
    return table_pdf(title=report.title, period=period_label(report), header=header, rows=rows)
