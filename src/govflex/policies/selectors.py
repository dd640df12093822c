"""The policy in force and the working calendar for an agency or unit (read side)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet

from govflex.common.errors import NotFound
from govflex.core.calendar import WorkCalendar
from govflex.core.policy import Policy, PolicyHistory, default_policy, policy_from_mapping
from govflex.org.models import Role, Unit
from govflex.policies.models import PolicyVersion, SpecialHoliday, UnitOpenDay

# Before an agency issues its first policy, the Guideline's defaults apply from this date.
DEFAULTS_FROM = dt.date(2022, 9, 20)  # Cabinet approval of Guideline 2565


def _scope(agency_id: int, unit_id: int | None) -> QuerySet[PolicyVersion]:
    """Issued versions that apply: agency-wide ones, and those naming the unit or a unit above."""
    rows = PolicyVersion.objects.filter(agency_id=agency_id, status=PolicyVersion.Status.ISSUED)
    if unit_id is None:
        return rows.filter(units__isnull=True)
    path = Unit.objects.filter(pk=unit_id).values_list("path", flat=True).first() or ""
    above = [int(part) for part in path.strip("/").split("/") if part] or [unit_id]
    return rows.filter(Q(units__isnull=True) | Q(units__in=above)).distinct()


def policy_history(*, agency_id: int, unit_id: int | None = None) -> PolicyHistory:
    """The versions in force over time for the agency, or for one unit of it.

    A version may name units (it then applies to them and their sub-units); the newest version
    that applies is in force. On a day when an agency-wide and a unit version both take effect,
    the unit's wins (it is the more specific decision).
    """
    by_day: dict[dt.date, tuple[bool, PolicyVersion]] = {}
    for row in _scope(agency_id, unit_id).prefetch_related("units"):
        scoped = bool(row.units.all())
        kept = by_day.get(row.effective_from)
        if kept is None or (scoped and not kept[0]):
            by_day[row.effective_from] = (scoped, row)
    versions = [
        policy_from_mapping({**row.values, "effective_from": day.isoformat()})
        for day, (_scoped, row) in sorted(by_day.items())
    ]
    if not versions or versions[0].effective_from > DEFAULTS_FROM:
        versions.insert(0, default_policy(DEFAULTS_FROM, name="Guideline 2565 defaults"))
    return PolicyHistory(tuple(versions))


def policy_for(*, agency_id: int, day: dt.date, unit_id: int | None = None) -> Policy:
    """The version in force on ``day`` for the agency (or, with ``unit_id``, for that unit)."""
    found = policy_history(agency_id=agency_id, unit_id=unit_id).in_force(day)
    return found if found is not None else default_policy(DEFAULTS_FROM)


def agency_calendar(*, agency_id: int) -> WorkCalendar:
    holidays = dict(SpecialHoliday.objects.filter(agency_id=agency_id).values_list("day", "name"))
    return WorkCalendar(special_holidays=holidays)


def unit_calendar(*, agency_id: int, unit_id: int | None) -> WorkCalendar:
    calendar = agency_calendar(agency_id=agency_id)
    if unit_id is None:
        return calendar
    open_days = frozenset(UnitOpenDay.objects.filter(unit_id=unit_id).values_list("day", flat=True))
    return dataclasses.replace(calendar, stays_open=open_days) if open_days else calendar


def policy_versions(*, access: Any, agency_id: int) -> QuerySet[PolicyVersion]:
    """Issued versions for anyone in the agency; drafts too for HR officers and executives."""
    if not access.can_view_structure(agency_id):
        raise NotFound
    versions = PolicyVersion.objects.filter(agency_id=agency_id).select_related("issued_by")
    if not access.has_role(agency_id, Role.HR, Role.EXECUTIVE):
        versions = versions.filter(status=PolicyVersion.Status.ISSUED)
    return versions.order_by("-effective_from", "-pk")


def policy_version_get(*, access: Any, version_id: int) -> PolicyVersion:
    version = PolicyVersion.objects.filter(pk=version_id).select_related("agency").first()
    if version is None:
        raise NotFound
    visible = policy_versions(access=access, agency_id=version.agency_id).filter(pk=version.pk)
    found = visible.select_related("agency").first()
    if found is None:
        raise NotFound  # a draft is not shown to people who cannot draft
    return found


def policy_values_in_force(*, agency_id: int, day: dt.date) -> dict[str, Any]:
    """The plain values of the version in force (the Guideline defaults before any)."""
    from govflex.core.policy import policy_to_mapping  # noqa: PLC0415

    values = policy_to_mapping(policy_for(agency_id=agency_id, day=day))
    values.pop("effective_from", None)
    return values
