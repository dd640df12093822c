"""Who decides each step of a request's approval chain, in person or as a delegate.

- supervisor: the person's direct supervisor, or a supervisor of their unit or a unit above it;
- unit head: a supervisor of the person's unit or a unit above it, or an executive (the
  Off-site regulation 2565 places off-site decisions with the head of agency, who delegates);
- executive, HR: holders of that role in the agency.
Nobody decides their own request or a swap they are part of, and one person decides at most one
step of a request (a two-step chain needs two people). A request waiting past the agency's
escalation time may also be decided one level up.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Q

from govflex.arrangements.models import (
    ApprovalSettings,
    ArrangementRequest,
    Delegation,
    Step,
)
from govflex.org.access import Access, access_for
from govflex.org.models import Agency, Person, Role, RoleGrant

ESCALATES_TO = {
    Step.SUPERVISOR: Step.UNIT_HEAD,
    Step.UNIT_HEAD: Step.EXECUTIVE,
    Step.HR: Step.EXECUTIVE,
    Step.EXECUTIVE: Step.EXECUTIVE,
}


def approval_settings(agency: Agency | int) -> ApprovalSettings:
    agency_id = agency if isinstance(agency, int) else agency.pk
    found = ApprovalSettings.objects.filter(agency_id=agency_id).first()
    return found or ApprovalSettings(agency_id=agency_id)


def chain_for(agency_id: int, *, off_site: bool) -> list[str]:
    settings = approval_settings(agency_id)
    chain = settings.off_site_chain if off_site else settings.on_site_chain
    return [str(step) for step in chain] or [Step.SUPERVISOR.value]


def _covers_unit(access: Access, person: Person) -> bool:
    paths = access.supervised_paths.get(person.agency_id, ())
    return any(person.unit.path.startswith(path) for path in paths)


def holds_step(access: Access, person: Person, step: str) -> bool:
    """Whether ``access`` may decide ``step`` for ``person`` by their own roles."""
    if step == Step.SUPERVISOR:
        direct = person.supervisor_id is not None and person.supervisor_id == access.person_id
        return direct or _covers_unit(access, person)
    if step == Step.UNIT_HEAD:
        return _covers_unit(access, person) or access.has_role(person.agency_id, Role.EXECUTIVE)
    if step == Step.EXECUTIVE:
        return access.has_role(person.agency_id, Role.EXECUTIVE)
    if step == Step.HR:
        return access.has_role(person.agency_id, Role.HR)
    return False


def _steps_open(request: ArrangementRequest) -> list[str]:
    step = request.current_step
    if step is None:
        return []
    steps = [step]
    if request.escalated_at is not None:
        steps.append(ESCALATES_TO[Step(step)].value)
    return steps


def _involved(access: Access, request: ArrangementRequest) -> bool:
    return access.person_id is not None and access.person_id in {
        request.person_id,
        request.partner_id,
    }


def _decided_before(user_ids: set[int], request: ArrangementRequest) -> bool:
    return request.decisions.filter(
        Q(actor_id__in=user_ids) | Q(on_behalf_of_id__in=user_ids)
    ).exists()


@dataclass(frozen=True)
class Authority:
    """May the user decide the current step, and for whom (a delegator) if not in person."""

    allowed: bool
    on_behalf_of: Any = None


def active_delegators(user: Any, agency_id: int, today: dt.date) -> list[Any]:
    return [
        d.delegator
        for d in Delegation.objects.filter(
            delegate=user,
            agency_id=agency_id,
            start__lte=today,
            end__gte=today,
            revoked_at__isnull=True,
        ).select_related("delegator")
    ]


def authority(user: Any, request: ArrangementRequest, today: dt.date) -> Authority:
    access = access_for(user)
    steps = _steps_open(request)
    if not steps or access.user_id is None or _involved(access, request):
        return Authority(allowed=False)
    person = request.person
    if any(holds_step(access, person, step) for step in steps) and not _decided_before(
        {user.pk}, request
    ):
        return Authority(allowed=True)
    for delegator in active_delegators(user, request.agency_id, today):
        delegated = access_for(delegator)
        if _involved(delegated, request) or _decided_before({user.pk, delegator.pk}, request):
            continue
        if any(holds_step(delegated, person, step) for step in steps):
            return Authority(allowed=True, on_behalf_of=delegator)
    return Authority(allowed=False)


def approvers(request: ArrangementRequest) -> list[Any]:
    """The users who may decide the current step in person (for reminders and notices)."""
    steps = _steps_open(request)
    if not steps:
        return []
    person = request.person
    ancestors = [int(part) for part in person.unit.path.strip("/").split("/") if part]
    grants = RoleGrant.objects.filter(agency_id=person.agency_id)
    condition = Q(pk__in=[])
    for step in steps:
        if step in {Step.SUPERVISOR, Step.UNIT_HEAD}:
            condition |= Q(role=Role.SUPERVISOR, unit_id__in=ancestors)
        if step in {Step.UNIT_HEAD, Step.EXECUTIVE}:
            condition |= Q(role=Role.EXECUTIVE)
        if step == Step.HR:
            condition |= Q(role=Role.HR)
    user_ids = set(grants.filter(condition).values_list("user_id", flat=True))
    if Step.SUPERVISOR in steps and person.supervisor_id is not None:
        supervisor_user = (
            Person.objects.filter(pk=person.supervisor_id).values_list("user_id", flat=True).first()
        )
        if supervisor_user is not None:
            user_ids.add(supervisor_user)
    involved = Person.objects.filter(
        pk__in=[p for p in (request.person_id, request.partner_id) if p]
    ).values_list("user_id", flat=True)
    user_ids -= set(involved)
    decided = set(request.decisions.values_list("actor_id", flat=True))
    return list(get_user_model().objects.filter(pk__in=user_ids - decided, is_active=True))
