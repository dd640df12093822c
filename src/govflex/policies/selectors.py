"""The policy in force and the working calendar for an agency or unit (read side)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from govflex.core.calendar import WorkCalendar
from govflex.core.policy import Policy, PolicyHistory, default_policy, policy_from_mapping
from govflex.policies.models import PolicyVersion, SpecialHoliday, UnitOpenDay

# Before an agency issues its first policy, the Guideline's defaults apply from this date.
DEFAULTS_FROM = dt.date(2022, 9, 20)  # Cabinet approval of Guideline 2565


def policy_history(*, agency_id: int) -> PolicyHistory:
    versions = [
        policy_from_mapping({**row.values, "effective_from": row.effective_from.isoformat()})
        for row in PolicyVersion.objects.filter(agency_id=agency_id).order_by("effective_from")
    ]
    if not versions or versions[0].effective_from > DEFAULTS_FROM:
        versions.insert(0, default_policy(DEFAULTS_FROM, name="Guideline 2565 defaults"))
    return PolicyHistory(tuple(versions))


def policy_for(*, agency_id: int, day: dt.date) -> Policy:
    found = policy_history(agency_id=agency_id).in_force(day)
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
