"""Dashboards and the national view as XLSX and PDF (Thai by default, Buddhist-Era dates)."""

from __future__ import annotations

import io

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from govflex.common.pdf import table_pdf
from govflex.core import thaidate
from govflex.core.insights import MODES
from govflex.insights.dashboard import Dashboard, mode_labels, show
from govflex.insights.national import National

Table = tuple[list[str], list[list[str]]]
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _lang() -> str:
    return "th" if (translation.get_language() or "th").startswith("th") else "en"


def period_text(dashboard: Dashboard) -> str:
    f = dashboard.filters
    lang = _lang()
    return f"{thaidate.format_date(f.start, lang=lang)} – {thaidate.format_date(f.end, lang=lang)}"


def indicators_table(dashboard: Dashboard) -> Table:
    return [_("Indicator"), _("Value")], [
        [label, value] for _k, label, value in dashboard.indicator_rows()
    ]


def _sheet(workbook: Workbook, name: str, title: str, period: str, table: Table) -> None:
    sheet = workbook.create_sheet(name)
    sheet.append([title])
    sheet.append([period])
    sheet.append([])
    sheet.append(table[0])
    for cell in sheet[4]:
        cell.font = Font(bold=True)
    for row in table[1]:
        sheet.append(row)
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.column_dimensions["A"].width = 36


def _save(workbook: Workbook) -> bytes:
    del workbook[workbook.sheetnames[0]]  # the empty default sheet
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def dashboard_tables(dashboard: Dashboard) -> list[tuple[str, str, Table]]:
    return [
        ("indicators", _("Indicators"), indicators_table(dashboard)),
        ("trend", _("Trend"), dashboard.trend_table()),
        ("units", _("Units"), dashboard.children_table()),
    ]


def dashboard_xlsx(dashboard: Dashboard, title: str) -> bytes:
    workbook = Workbook()
    for name, caption, table in dashboard_tables(dashboard):
        _sheet(workbook, name, f"{title} — {caption}", period_text(dashboard), table)
    return _save(workbook)


def dashboard_pdf(dashboard: Dashboard, title: str) -> bytes:
    tables = dashboard_tables(dashboard)
    first = tables[0][2]
    return table_pdf(
        title=title,
        period=period_text(dashboard),
        header=first[0],
        rows=first[1],
        more=[(caption, t[0], t[1]) for _n, caption, t in tables[1:]],
    )


def national_tables(view: National) -> list[tuple[str, str, Table]]:
    f = view.figures
    names = mode_labels()
    summary = [
        [_("Agencies reporting"), f"{f.agencies_reporting}/{f.agencies_total}"],
        [_("Share of agencies reporting"), show(f.reporting_share, "share")],
        [_("Staff covered"), str(f.staff)],
        *(
            [_("Agencies using: %(mode)s") % {"mode": names[m]}, str(f.agencies_using[m])]
            for m in MODES
        ),
        *(
            [_("Share of staff: %(mode)s") % {"mode": names[m]}, show(f.staff_share[m], "share")]
            for m in MODES
        ),
        [_("Agencies with at least half of their staff off site"), str(f.agencies_half_off_site)],
        [_("Attendance compliance"), show(f.compliance, "compliance")],
    ]
    agencies = [
        [
            code,
            name,
            str(a.staff),
            *(str(a.modes.get(m, 0)) for m in MODES),
            show(a.compliant / a.working if a.working else None, "compliance"),
        ]
        for code, name, a in view.agencies
    ]
    header = [
        _("Code"),
        _("Agency"),
        _("Staff"),
        *(names[m] for m in MODES),
        _("Attendance compliance"),
    ]
    return [
        ("national", _("National figures"), ([_("Indicator"), _("Value")], summary)),
        ("agencies", _("Agencies"), (header, agencies)),
    ]


def national_xlsx(view: National, title: str) -> bytes:
    workbook = Workbook()
    day = thaidate.format_date(view.day, lang=_lang())
    for name, caption, table in national_tables(view):
        _sheet(workbook, name, f"{title} — {caption}", day, table)
    return _save(workbook)


def national_pdf(view: National, title: str) -> bytes:
    tables = national_tables(view)
    first = tables[0][2]
    return table_pdf(
        title=title,
        period=thaidate.format_date(view.day, lang=_lang()),
        header=first[0],
        rows=first[1],
        more=[(caption, t[0], t[1]) for _n, caption, t in tables[1:]],
    )
