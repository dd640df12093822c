"""A policy version as people read it: labelled sections, the modes table, the coverage table;
and two versions side by side."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from govflex.core.policy.compare import compare_mappings
from govflex.org.models import PositionType

MODE_KEYS = ("staggered", "counted_hours", "off_site")
MODE_LABELS = {
    "staggered": _("On site, staggered hours"),
    "counted_hours": _("On site, counted hours"),
    "off_site": _("Off site"),
}
FIELD_LABELS: dict[str, Any] = {
    "name": _("Name"),
    "standard_day.hours": _("Standard working hours"),
    "standard_day.lunch": _("Lunch break"),
    "staggered.slots": _("Staggered slots (mode 1)"),
    "staggered.late_grace_minutes": _("Late grace (minutes)"),
    "staggered.early_grace_minutes": _("Early-leave grace (minutes)"),
    "counted_hours.weekly_minimum_minutes": _("Weekly minimum (minutes, mode 2)"),
    "counted_hours.counting": _("Counting method"),
    "counted_hours.bandwidth": _("Counting band"),
    "counted_hours.core_hours": _("Core hours"),
    "counted_hours.daily_minimum_minutes": _("Daily minimum (minutes)"),
    "counted_hours.period_weeks": _("Period (weeks)"),
    "counted_hours.carry_over.enabled": _("Carry the balance over"),
    "off_site.weekly_quota_days": _("Off-site days a week per person"),
    "off_site.unit_max_share": _("Most of a unit off site on one day"),
    "off_site.allowed_places": _("Allowed off-site places"),
    "off_site.plan_and_report_required": _("Daily plan and report required"),
    "off_site.check_in_required": _("Check-in required off site"),
    "punches.merge_seconds": _("Double taps within (seconds) count once"),
}


def _text(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return str(_("Yes")) if value else str(_("No"))
    if isinstance(value, list):
        return ", ".join(_text(item) for item in value) or "—"
    return str(value)


def field_rows(values: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The labelled single values, in the order of ``FIELD_LABELS``."""
    rows = []
    for path, label in FIELD_LABELS.items():
        node: Any = values
        for part in path.split("."):
            node = node.get(part) if isinstance(node, Mapping) else None
        rows.append((str(label), _text(node)))
    return rows


@dataclass(frozen=True)
class ModeRow:
    position_type: str
    label: str
    cells: tuple[str, ...]  # "recommended", "conditional" or "" per mode


def mode_rows(values: Mapping[str, Any]) -> list[ModeRow]:
    by_type = {row.get("position_type"): row for row in values.get("position_modes", [])}
    rows = []
    for value, label in PositionType.choices:
        entry = by_type.get(value, {})
        cells = tuple(
            "recommended"
            if mode in entry.get("recommended", [])
            else "conditional"
            if mode in entry.get("conditional", [])
            else ""
            for mode in MODE_KEYS
        )
        rows.append(ModeRow(value, str(label), cells))
    return rows


def coverage_rows(values: Mapping[str, Any]) -> list[dict[str, Any]]:
    return [
        {
            "point": rule.get("service_point_id", ""),
            "name": rule.get("name", ""),
            "hours": window.get("hours", ""),
            "minimum": window.get("minimum_on_site", 1),
            "weekdays": _text(window.get("weekdays", [])),
            "non_working_days": bool(window.get("on_non_working_days", False)),
        }
        for rule in values.get("coverage", [])
        for window in rule.get("windows", [])
    ]


def differences(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[dict[str, str]]:
    return [
        {"path": d.path, "before": _text(d.before), "after": _text(d.after)}
        for d in compare_mappings(before, after)
    ]
