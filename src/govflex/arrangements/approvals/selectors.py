"""Reading requests: my own, the ones waiting for me, one request (scoped)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from govflex.arrangements.approvals.chain import active_delegators, authority
from govflex.arrangements.models import ArrangementRequest, Delegation, Recall
from govflex.common.errors import NotFound
from govflex.org.access import access_for
from govflex.org.models import Person

RELATED = ("person__unit", "person__position", "partner__unit", "agency")


def requests_mine(*, actor: Any) -> QuerySet[ArrangementRequest]:
    person_id = access_for(actor).person_id
    if person_id is None:
        return ArrangementRequest.objects.none()
    return ArrangementRequest.objects.filter(
        Q(person_id=person_id) | Q(partner_id=person_id)
    ).select_related(*RELATED)


def requests_to_decide(*, actor: Any, today: dt.date) -> list[ArrangementRequest]:
    """Waiting requests whose current step the user may decide, in person or as a delegate."""
    access = access_for(actor)
    scope = access.people_filter("person__")
    for delegator in active_delegators(actor, access.home_agency_id or 0, today):
        scope |= access_for(delegator).people_filter("person__")
    candidates = (
        ArrangementRequest.objects.filter(scope, status=ArrangementRequest.Status.PENDING)
        .select_related(*RELATED)
        .order_by("created_at", "pk")
    )
    return [r for r in candidates[:500] if authority(actor, r, today).allowed]


def request_get(*, actor: Any, request_id: int) -> ArrangementRequest:
    access = access_for(actor)
    request = ArrangementRequest.objects.select_related(*RELATED).filter(pk=request_id).first()
    if request is None:
        raise NotFound
    involved = access.person_id is not None and access.person_id in {
        request.person_id,
        request.partner_id,
    }
    if involved or access.can_view_person(request.person):
        return request
    today = timezone.localdate()
    if any(
        access_for(d).can_view_person(request.person)
        for d in active_delegators(actor, request.agency_id, today)
    ):
        return request
    raise NotFound


def delegations_of(*, actor: Any) -> QuerySet[Delegation]:
    return Delegation.objects.filter(Q(delegator=actor) | Q(delegate=actor)).select_related(
        "delegator", "delegate"
    )


def recalls_visible(*, actor: Any) -> QuerySet[Recall]:
    access = access_for(actor)
    condition = Q(person__isnull=False) & access.people_filter("person__")
    own = (
        Person.objects.filter(pk=access.person_id).select_related("unit").first()
        if access.person_id is not None
        else None
    )
    if own is not None:
        # Recalls of my unit or a unit above it, and recalls naming me.
        above = [int(part) for part in own.unit.path.strip("/").split("/") if part]
        condition |= Q(person=own) | Q(unit_id__in=above)
    readers = [a for a in access.agencies() if access.is_agency_reader(a)]
    condition |= Q(agency_id__in=readers)
    for agency_id, paths in access.supervised_paths.items():
        for path in paths:
            condition |= Q(agency_id=agency_id, unit__path__startswith=path)
    if access.is_admin:
        condition = Q()
    return Recall.objects.filter(condition).select_related("unit", "person", "issued_by").distinct()
