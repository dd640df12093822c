"""Evidence summaries as tables: on the page, in XLSX and in PDF (one layout for all three)."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.styles import Font

from govflex.common.pdf import table_pdf
from govflex.core import evidence as core
from govflex.core import thaidate
from govflex.org.models import Person
from govflex.work.evidence import Period

MODE_KEYS = (core.STANDARD, "staggered", "counted_hours", "off_site", core.NO_RESULT)


def mode_label(key: str) -> str:
    return {
        core.STANDARD: _("Standard day on site"),
        "staggered": _("Staggered hours"),
        "counted_hours": _("Counted hours"),
        "off_site": _("Off site"),
        core.NO_RESULT: _("Other days"),
    }[key]


def percent(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.1f}%"


def minutes(seconds: float | None) -> str:
    return "–" if seconds is None else f"{seconds / 60:.1f}"


@dataclass(frozen=True)
class Metric:
    label: str
    value: Callable[[core.Figures], str]


def metrics() -> list[Metric]:
    """The rows of a summary, in the order a supervisor reads them."""
    return [
        Metric(_("Working days with a result"), lambda f: str(f.working_days)),
        Metric(_("Days meeting the attendance rules"), lambda f: str(f.compliant_days)),
        Metric(_("Attendance compliance"), lambda f: percent(f.compliance_share)),
        Metric(_("Late days"), lambda f: str(f.late_days)),
        Metric(_("Absent days"), lambda f: str(f.absent_days)),
        Metric(_("Leave days"), lambda f: str(f.leave_days)),
        Metric(_("Work items due in the period"), lambda f: str(f.items_due)),
        Metric(_("Work items completed"), lambda f: str(f.items_completed)),
        Metric(_("Completed on time"), lambda f: percent(f.on_time_share)),
        Metric(_("Overdue and still open"), lambda f: str(f.items_overdue_open)),
        Metric(_("Outputs attached"), lambda f: str(f.outputs)),
        Metric(_("Off-site working days"), lambda f: str(f.off_site_days)),
        Metric(_("Day plans filed"), lambda f: str(f.plans_filed)),
        Metric(_("Day reports filed"), lambda f: str(f.reports_filed)),
        Metric(_("Report completeness"), lambda f: percent(f.report_completeness)),
        Metric(_("Reports accepted"), lambda f: str(f.reports_accepted)),
        Metric(_("Reports asked for more"), lambda f: str(f.reports_more_requested)),
        Metric(_("Contact checks"), lambda f: str(f.contact_checks)),
        Metric(_("Contact checks answered"), lambda f: percent(f.answered_share)),
        Metric(_("Median response time (minutes)"), lambda f: minutes(f.median_response_seconds)),
    ]


def used_modes(evidence: core.Evidence) -> list[str]:
    return [k for k in MODE_KEYS if k in evidence.by_mode and not evidence.by_mode[k].empty]


def summary_table(evidence: core.Evidence) -> tuple[list[str], list[list[str]]]:
    """One row per measure; columns: all days, then each work mode that occurred."""
    modes = used_modes(evidence)
    header = [_("Measure"), _("All"), *(mode_label(k) for k in modes)]
    rows = [
        [m.label, m.value(evidence.total), *(m.value(evidence.by_mode[k]) for k in modes)]
        for m in metrics()
    ]
    return header, rows


def people_table(
    people: list[Person], evidence: dict[int, core.Evidence]
) -> tuple[list[str], list[list[str]]]:
    header = [
        _("Staff ID"),
        _("Name"),
        _("Unit"),
        _("Working days"),
        _("Attendance compliance"),
        _("Items completed"),
        _("On time"),
        _("Overdue open"),
        _("Outputs"),
        _("Off-site days"),
        _("Report completeness"),
        _("Contact checks answered"),
        pgettext("column", "Median response (min)"),
    ]
    rows = []
    for person in people:
        f = evidence[person.pk].total
        rows.append(
            [
                person.staff_id,
                person.full_name_th,
                person.unit.name_th,
                str(f.working_days),
                percent(f.compliance_share),
                str(f.items_completed),
                percent(f.on_time_share),
                str(f.items_overdue_open),
                str(f.outputs),
                str(f.off_site_days),
                percent(f.report_completeness),
                f"{f.contact_answered}/{f.contact_checks}",
                minutes(f.median_response_seconds),
            ]
        )
    return header, rows


def period_text(period: Period, lang: str = "th") -> str:
    year = period.half.fiscal_year  # B.E., as fiscal years are named
    dates = (
        f"{thaidate.format_date(period.start, lang=lang)} – "
        f"{thaidate.format_date(period.end, lang=lang)}"
    )
    return _("Fiscal year %(year)d, half %(half)d (%(dates)s)") % {
        "year": year,
        "half": period.half.half,
        "dates": dates,
    }


def note() -> str:
    return _(
        "Evidence to support the supervisor's evaluation; it is not an evaluation and gives "
        "no grade."
    )


def to_xlsx(
    *,
    title: str,
    period: str,
    summary: tuple[list[str], list[list[str]]],
    people: tuple[list[str], list[list[str]]] | None = None,
) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # noqa: S101 - a new workbook has a sheet
    sheet.title = "summary"
    for row in ([title], [period], [note()], [], summary[0], *summary[1]):
        sheet.append(row)
    sheet["A1"].font = Font(bold=True, size=14)
    for cell in sheet[5]:
        cell.font = Font(bold=True)
    sheet.column_dimensions["A"].width = 40
    if people is not None:
        rows = workbook.create_sheet("people")
        rows.append(people[0])
        for cell in rows[1]:
            cell.font = Font(bold=True)
        for row in people[1]:
            rows.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def to_pdf(
    *,
    title: str,
    period: str,
    summary: tuple[list[str], list[list[str]]],
    people: tuple[list[str], list[list[str]]] | None = None,
) -> bytes:
    more = [(_("People"), people[0], people[1])] if people is not None else []
    return table_pdf(
        title=title,
        period=f"{period} · {note()}",
        header=summary[0],
        rows=summary[1],
        more=more,
    )
