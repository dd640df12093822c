"""Setting a person's weekly pattern and dated exceptions (checked by the rules core).

Requests by staff, approval chains, swaps and recalls come next (issue 5); here HR officers and
the person's supervisors set arrangements directly, audited.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from govflex.arrangements.convert import BadValue, day_plan, stored
from govflex.arrangements.models import DayException, WeeklyPattern
from govflex.common.audit import audit_record
from govflex.common.errors import AccessDenied, ValidationFailed, refusal
from govflex.core.arrangements import DayPlan, check_day_plan, check_week
from govflex.core.enums import PositionType
from govflex.org.access import access_for
from govflex.org.models import Person
from govflex.org.supervision import may_decide_for
from govflex.policies.selectors import policy_for


def may_arrange(actor: Any, person: Person) -> bool:
    """HR, or the person's supervisors (never oneself: staff will request, not set)."""
    return may_decide_for(access_for(actor), person)


def _plans(days: dict[str, dict[str, Any]]) -> dict[int, DayPlan]:
    plans: dict[int, DayPlan] = {}
    for key, value in days.items():
        if not value or not value.get("mode"):
            continue
        if key not in {str(n) for n in range(7)}:
            raise ValidationFailed(
                details={"fields": {"days": [_("Weekdays are 0 (Monday) to 6.")]}}
            )
        try:
            plans[int(key)] = day_plan(value)
        except BadValue as exc:
            raise ValidationFailed(
                details={"fields": {f"days.{key}": [_("Not a mode, slot or place we know.")]}}
            ) from exc
    return plans


@transaction.atomic
def pattern_set(
    *,
    actor: Any,
    person: Person,
    effective_from: dt.date,
    days: dict[str, dict[str, Any]],
    note: str = "",
) -> WeeklyPattern:
    if not may_arrange(actor, person):
        raise AccessDenied(_("Only HR or the person's supervisor can set their arrangement."))
    plans = _plans(days)
    policy = policy_for(agency_id=person.agency_id, day=effective_from, unit_id=person.unit_id)
    problems = check_week(
        plans, policy=policy, position_type=PositionType(person.position.position_type)
    )
    if problems:
        raise refusal(problems)
    pattern, _created = WeeklyPattern.objects.update_or_create(
        person=person,
        effective_from=effective_from,
        defaults={
            "days": {str(k): stored(v) for k, v in sorted(plans.items())},
            "note": note,
            "created_by": actor,
        },
    )
    audit_record(
        actor=actor,
        action="arrangement.pattern_set",
        target=pattern,
        agency_id=person.agency_id,
        after={"effective_from": effective_from, "days": pattern.days},
    )
    reevaluate_later(person, effective_from)
    return pattern


@transaction.atomic
def exception_set(
    *, actor: Any, person: Person, day: dt.date, value: dict[str, Any], note: str = ""
) -> DayException:
    if not may_arrange(actor, person):
        raise AccessDenied(_("Only HR or the person's supervisor can set their arrangement."))
    try:
        plan = day_plan(value)
    except BadValue as exc:
        raise ValidationFailed(
            details={"fields": {"mode": [_("Not a mode, slot or place we know.")]}}
        ) from exc
    policy = policy_for(agency_id=person.agency_id, day=day, unit_id=person.unit_id)
    problems = check_day_plan(
        plan, policy=policy, position_type=PositionType(person.position.position_type)
    )
    if problems:
        raise refusal(problems)
    exception, _created = DayException.objects.update_or_create(
        person=person, day=day, defaults={**stored(plan), "note": note, "created_by": actor}
    )
    audit_record(
        actor=actor,
        action="arrangement.exception_set",
        target=exception,
        agency_id=person.agency_id,
        after={"day": day, **stored(plan)},
    )
    reevaluate_later(person, day, day)
    return exception


def reevaluate_later(person: Person, start: dt.date, end: dt.date | None = None) -> None:
    """Days already past that the change covers are judged again after the commit."""
    from django.utils import timezone  # noqa: PLC0415

    from govflex.attendance.services import day_result_refresh  # noqa: PLC0415

    last = min(end or timezone.localdate(), timezone.localdate())

    def run() -> None:
        day = start
        while day <= last:
            day_result_refresh(person=person, day=day)
            day += dt.timedelta(days=1)

    transaction.on_commit(run)
