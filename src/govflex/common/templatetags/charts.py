"""Helpers for ``includes/chart.html``: the data table behind every chart, and the number
locale the browser draws the chart with.

A chart's data is a plain dict (also what the page hands to charts.js through ``json_script``)::

    {"labels": ["จ.", "อ."],
     "series": [{"label": "On site", "data": [12, 9], "unit": "people"}],
     "y_max": 100,            # optional: top of the value axis
     "category": "Day"}       # optional: heading of the labels' column in the table

The table is what screen-reader and keyboard users read, so it must hold every number the
chart draws; a dict whose series do not match its labels is a programming error and fails
loudly here rather than drawing a chart that disagrees with its table.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django import template
from django.utils import translation
from django.utils.translation import gettext as _

from govflex.common.context import display_var
from govflex.core.thaidate import to_thai_digits

register = template.Library()

MISSING = "–"  # a gap in a series (None): drawn as a gap, shown as a dash


@dataclass(frozen=True)
class ChartTable:
    category: str  # heading of the first column (the labels)
    columns: list[str]  # one per series: "label (unit)"
    rows: list[tuple[str, list[str]]]  # (label, formatted value per series)


def format_number(value: object, *, thai_digits: bool = False) -> str:
    """``1,234`` / ``42.5`` / ``0.33``: grouped thousands, at most two decimals, no trailing
    zeros; Thai digits when the reader chose them."""
    if value is None:
        return MISSING
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise TypeError(f"chart value is not a number: {value!r}")
    number = Decimal(str(value)).quantize(Decimal("0.01"))
    text = f"{number:,.0f}" if number == number.to_integral_value() else f"{number:,.2f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return to_thai_digits(text) if thai_digits else text


def _column(series: Mapping[str, Any]) -> str:
    unit = str(series.get("unit") or "")
    label = str(series["label"])
    return f"{label} ({unit})" if unit else label


@register.filter
def chart_table(chart: Mapping[str, Any]) -> ChartTable:
    """The chart's numbers as rows (one per label) and columns (one per series)."""
    labels: Sequence[Any] = chart["labels"]
    series: Sequence[Mapping[str, Any]] = chart["series"]
    if not series:
        raise ValueError("a chart needs at least one series")
    for one in series:
        if len(one["data"]) != len(labels):
            raise ValueError(
                f"series {one['label']!r} has {len(one['data'])} values for {len(labels)} labels"
            )
    thai_digits = display_var.get().thai_digits
    rows = [
        (
            str(label),
            [format_number(one["data"][i], thai_digits=thai_digits) for one in series],
        )
        for i, label in enumerate(labels)
    ]
    category = str(chart.get("category") or _("Item"))
    return ChartTable(category=category, columns=[_column(one) for one in series], rows=rows)


@register.simple_tag
def chart_locale() -> str:
    """BCP 47 locale for the browser's number formatting (axis ticks, tooltips), with Thai
    digits (``-u-nu-thai``) when the reader chose them, as the ``thnum`` filter does."""
    language = translation.get_language() or "th"
    locale = "th-TH" if language.startswith("th") else "en-GB"
    return f"{locale}-u-nu-thai" if display_var.get().thai_digits else locale
