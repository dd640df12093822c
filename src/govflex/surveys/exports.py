"""XLSX and PDF of a round's results as shown (suppressed groups stay blank with the reason)."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from govflex.common.pdf import table_pdf
from govflex.core.thaidate import format_date
from govflex.surveys.results import GroupRow, RoundResults


def hidden_reason(row: GroupRow) -> str:
    return {
        "too_few": _("Not shown: fewer than 5 respondents"),
        "complementary": _("Not shown: protects a smaller group"),
        "parent_hidden": _("Not shown: the larger group is hidden"),
        "empty": _("No responses"),
    }.get(row.visibility, "")


def results_table(found: RoundResults) -> tuple[list[str], list[list[str]]]:
    """The results as shown: suppressed groups blank, with the reason."""
    likert = [q for q in found.questions if q.kind == "likert"]
    header = [_("Unit"), _("Respondents"), _("Response rate (%)"), _("Note")]
    header += [q.text_th for q in likert]
    rows = []
    for row in found.rows:
        cells = [
            row.label,
            str(row.respondents) if row.shown and row.respondents is not None else "",
            f"{row.rate * 100:.1f}" if row.rate is not None else "",
            hidden_reason(row),
        ]
        for q in likert:
            mean = row.figures[q.key].mean if row.shown else None
            cells.append(f"{mean:.2f}" if mean is not None else "")
        rows.append(cells)
    return header, rows


def results_pdf(found: RoundResults) -> bytes:
    header, rows = results_table(found)
    round_ = found.round
    period = f"{format_date(round_.opens_on)} – {format_date(round_.closes_on)}"
    return table_pdf(title=round_.survey.title_th, period=period, header=header, rows=rows)


def results_xlsx(found: RoundResults) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # noqa: S101 - a new workbook has a sheet
    sheet.title = "results"
    round_ = found.round
    sheet.append(
        [round_.survey.title_th, format_date(round_.opens_on), format_date(round_.closes_on)]
    )
    sheet.append(
        [_("Unit"), _("Level"), _("Respondents"), _("Response rate (%)"), _("Note")]
        + [q.text_th for q in found.questions if q.kind == "likert"]
    )
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    likert = [q for q in found.questions if q.kind == "likert"]
    for row in found.rows:
        values: list[object] = [
            row.label,
            row.level,
            row.respondents if row.shown else None,
            round(row.rate * 100, 1) if row.rate is not None else None,
            hidden_reason(row),
        ]
        values += [row.figures[q.key].mean if row.shown else None for q in likert]
        sheet.append(values)
    spread = workbook.create_sheet("distribution")
    spread.append([_("Unit"), _("Question"), _("Answer"), _("Count")])
    for cell in spread[1]:
        cell.font = Font(bold=True)
    for row in found.rows:
        if not row.shown:
            continue
        for q in found.questions:
            labels = {str(o["value"]): o["th"] for o in q.options or ()}
            for value, count in row.figures[q.key].distribution:
                spread.append([row.label, q.text_th, labels.get(value, value), count])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
