"""One dashboard's content, assembled once for the page, its exports, the API and the monthly
executive report: indicators for the period, the trend, child units, the unit's people."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from govflex.common.errors import DomainError
from govflex.core import thaidate
from govflex.core.insights import MODES, Counts, Indicators
from govflex.insights.selectors import Filters, children, own_counts, people, trend
from govflex.org.models import Person, Unit


def mode_labels() -> dict[str, str]:
    return {
        "standard": _("Standard day on site"),
        "staggered": _("Staggered hours"),
        "counted_hours": _("Counted hours"),
        "off_site": _("Off site"),
    }


def indicator_labels() -> dict[str, str]:
    return {
        "compliance": _("Attendance compliance"),
        "late_rate": _("Late rate"),
        "absence_rate": _("Absence rate"),
        "off_site_share": _("Share of working days off site"),
        "report_completeness": _("Off-site report completeness"),
        "on_time_share": _("Work items done on time"),
        "answered_share": _("Contact checks answered"),
        "mean_response_minutes": _("Mean response time (minutes)"),
    }


def show(value: float | None, indicator: str) -> str:
    if value is None:
        return "–"
    if indicator == "mean_response_minutes":
        return f"{value:.1f}"
    return f"{value * 100:.1f}%"


@dataclass
class Dashboard:
    filters: Filters
    granularity: str
    counts: Counts
    indicators: Indicators
    trend: list[tuple[dt.date, Counts]]
    children: list[tuple[Unit, Counts]]
    own: Counts
    people: list[tuple[Person, dict[str, int]]]
    extra: dict[str, Any] = field(default_factory=dict)

    def indicator_rows(self) -> list[tuple[str, str, str]]:
        """(key, label, value) of every indicator."""
        labels = indicator_labels()
        return [(k, labels[k], show(getattr(self.indicators, k), k)) for k in labels]

    def trend_chart(self, which: str) -> dict[str, Any]:
        """Chart data for the chart include: labels and series."""
        labels = [d.isoformat() for d, _c in self.trend]
        if which == "modes":
            names = mode_labels()
            series = [
                {"label": names[m], "data": [c.mode_days(m) for _d, c in self.trend], "unit": ""}
                for m in MODES
            ]
            return {"labels": labels, "series": series}
        keys = {
            "compliance": ("compliance", "late_rate"),
            "reporting": ("report_completeness", "answered_share", "on_time_share"),
        }[which]
        names = indicator_labels()
        series = []
        for key in keys:
            values = [getattr(Indicators.of(c), key) for _d, c in self.trend]
            data = [round(v * 100, 1) if v is not None else None for v in values]
            series.append({"label": names[key], "data": data, "unit": "%"})
        return {"labels": labels, "series": series, "y_max": 100}

    def trend_table(self) -> tuple[list[str], list[list[str]]]:
        names = mode_labels()
        header = [
            _("Period"),
            _("Person-days"),
            *(names[m] for m in MODES),
            _("Attendance compliance"),
            _("Late rate"),
            _("Off-site report completeness"),
            _("Work items completed"),
        ]
        rows = []
        lang = "th" if (translation.get_language() or "th").startswith("th") else "en"
        for day, counts in self.trend:
            ind = Indicators.of(counts)
            rows.append(
                [
                    thaidate.format_date(day, lang=lang),
                    str(counts.people),
                    *(str(counts.mode_days(m)) for m in MODES),
                    show(ind.compliance, "compliance"),
                    show(ind.late_rate, "late_rate"),
                    show(ind.report_completeness, "report_completeness"),
                    str(counts.items_completed),
                ]
            )
        return header, rows

    def children_rows(self) -> list[tuple[Unit, list[str]]]:
        return list(zip((u for u, _c in self.children), self.children_table()[1], strict=True))

    def children_table(self) -> tuple[list[str], list[list[str]]]:
        header = [
            _("Unit"),
            _("Person-days"),
            _("Attendance compliance"),
            _("Late rate"),
            _("Share of working days off site"),
            _("Off-site report completeness"),
            _("Work items done on time"),
        ]
        rows = []
        for unit, counts in self.children:
            ind = Indicators.of(counts)
            rows.append(
                [
                    unit.name_th,
                    str(counts.people),
                    show(ind.compliance, "compliance"),
                    show(ind.late_rate, "late_rate"),
                    show(ind.off_site_share, "off_site_share"),
                    show(ind.report_completeness, "report_completeness"),
                    show(ind.on_time_share, "on_time_share"),
                ]
            )
        return header, rows


def service_and_pulse(actor: Any, filters: Filters) -> dict[str, Any]:
    """Citizen e-service volume and SLA, and pulse-survey scores, for the same scope."""
    from govflex.eservice.figures import eservice_figures  # noqa: PLC0415 - optional modules
    from govflex.surveys.results import pulse_scores  # noqa: PLC0415

    paths = [filters.unit.path] if filters.unit is not None else None
    try:
        pulse = pulse_scores(
            actor=actor,
            agency_id=filters.agency_id,
            unit_path=filters.unit.path if filters.unit is not None else "/",
            start=filters.start - dt.timedelta(days=90),
            end=filters.end,
        )
    except DomainError:
        # The survey's own scoping (e.g. a unit below its reporting level): no scores shown.
        pulse = []
    return {
        "eservice": eservice_figures(filters.agency_id, paths, filters.start, filters.end),
        "pulse": pulse,
    }


def build(
    filters: Filters,
    granularity: str = "day",
    *,
    with_people: bool = True,
    actor: Any = None,
) -> Dashboard:
    over_time = trend(filters, granularity)
    # The period's counts are the trend's added up: one pass over the summaries, not two.
    counts = Counts()
    for _day, period in over_time:
        counts.add(period)
    return Dashboard(
        filters=filters,
        granularity=granularity,
        counts=counts,
        indicators=Indicators.of(counts),
        trend=over_time,
        children=children(filters),
        own=own_counts(filters),
        people=people(filters) if with_people else [],
        extra=service_and_pulse(actor, filters) if actor is not None else {},
    )
