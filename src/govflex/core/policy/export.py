"""Policies back to plain mappings (JSON/YAML-ready) that :mod:`.mapping` reads back equal."""

from __future__ import annotations

from enum import StrEnum
from typing import Any, TypeVar

from govflex.core.policy.mapping import WEEKDAY_NAMES
from govflex.core.policy.values import Policy

_E = TypeVar("_E", bound=StrEnum)


def _sorted_values(items: frozenset[_E]) -> list[str]:
    return sorted(item.value for item in items)


def policy_to_mapping(policy: Policy) -> dict[str, Any]:
    """A plain mapping (JSON/YAML-ready) that :func:`policy_from_mapping` reads back equal."""
    hours = policy.counted_hours
    return {
        "effective_from": policy.effective_from.isoformat(),
        "name": policy.name,
        "standard_day": {
            "hours": policy.standard_day.hours.label(),
            "lunch": policy.standard_day.lunch.label(),
        },
        "staggered": {
            "slots": [slot.label() for slot in policy.staggered.slots],
            "late_grace_minutes": policy.staggered.late_grace_minutes,
            "early_grace_minutes": policy.staggered.early_grace_minutes,
        },
        "counted_hours": {
            "weekly_minimum_minutes": hours.weekly_minimum_minutes,
            "counting": hours.counting.value,
            "bandwidth": hours.bandwidth.label(),
            "core_hours": None if hours.core_hours is None else hours.core_hours.label(),
            "daily_minimum_minutes": hours.daily_minimum_minutes,
            "period_weeks": hours.period_weeks,
            "period_anchor": hours.period_anchor.isoformat(),
            "carry_over": {
                "enabled": hours.carry_over.enabled,
                "credit_cap_minutes": hours.carry_over.credit_cap_minutes,
                "debit_cap_minutes": hours.carry_over.debit_cap_minutes,
            },
        },
        "off_site": {
            "weekly_quota_days": policy.off_site.weekly_quota_days,
            "unit_max_share": policy.off_site.unit_max_share,
            "allowed_places": _sorted_values(policy.off_site.allowed_places),
            "plan_and_report_required": policy.off_site.plan_and_report_required,
            "check_in_required": policy.off_site.check_in_required,
        },
        "coverage": [
            {
                "service_point_id": rule.service_point_id,
                "name": rule.name,
                "windows": [
                    {
                        "hours": window.hours.label(),
                        "minimum_on_site": window.minimum_on_site,
                        "weekdays": [WEEKDAY_NAMES[day] for day in sorted(window.weekdays)],
                        "on_non_working_days": window.on_non_working_days,
                    }
                    for window in rule.windows
                ],
            }
            for rule in policy.coverage
        ],
        "position_modes": [
            {
                "position_type": entry.position_type.value,
                "recommended": _sorted_values(entry.recommended),
                "conditional": _sorted_values(entry.conditional),
            }
            for entry in policy.position_modes
        ],
        "punches": {
            "merge_seconds": policy.punches.merge_seconds,
            "overnight_margin_before_minutes": policy.punches.overnight_margin_before_minutes,
            "overnight_margin_after_minutes": policy.punches.overnight_margin_after_minutes,
        },
    }
