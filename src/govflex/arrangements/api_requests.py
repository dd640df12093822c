"""REST endpoints: arrangement requests and decisions, swaps, recalls, delegations, approval
settings and roster queries. Every rule is the services'; these only translate."""

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema, Status

from govflex.arrangements.approvals.chain import approval_settings
from govflex.arrangements.approvals.decisions import (
    request_approve,
    request_impact,
    request_reject,
    requests_bulk_approve,
)
from govflex.arrangements.approvals.filing import (
    request_file,
    request_withdraw,
    swap_answer,
    swap_file,
)
from govflex.arrangements.approvals.recall import recall_issue
from govflex.arrangements.approvals.selectors import (
    delegations_of,
    recalls_visible,
    request_get,
    requests_mine,
    requests_to_decide,
)
from govflex.arrangements.approvals.upkeep import (
    approval_settings_set,
    delegation_add,
    delegation_revoke,
)
from govflex.arrangements.models import ArrangementRequest
from govflex.arrangements.roster import roster_rows
from govflex.common.api_types import ObjectId
from govflex.common.errors import NotFound, ValidationFailed, in_language
from govflex.core.approval import Impact
from govflex.org.access import access_for
from govflex.org.models import Person
from govflex.org.selectors import own_person, person_get, unit_get
from govflex.policies.selectors import policy_for

router = Router(tags=["arrangement requests"])
MAX_ROSTER_DAYS = 62


class RequestedDayValue(Schema):
    mode: str = ""
    slot: str = ""
    place: str = ""


class RequestIn(Schema):
    kind: str
    days: dict[str, RequestedDayValue]
    reason: str
    effective_from: dt.date | None = None


class DecisionOut(Schema):
    step: int
    role: str
    actor: str
    on_behalf_of: str | None
    outcome: str
    note: str
    at: dt.datetime


class RequestOut(Schema):
    id: int
    kind: str
    status: str
    person_id: int
    partner_id: int | None
    first_day: dt.date
    last_day: dt.date | None
    effective_from: dt.date | None
    days: dict[str, dict[str, str]]
    partner_days: dict[str, dict[str, str]]
    reason: str
    chain: list[str]
    step: int
    decision_note: str
    override_reason: str
    created_at: dt.datetime
    decided_at: dt.datetime | None


class ImpactDayOut(Schema):
    day: dt.date
    shortfalls: list[str]
    unit_off_site: list[dict[str, Any]]


class RequestDetailOut(RequestOut):
    decisions: list[DecisionOut]
    blocking: list[str]
    impact: list[ImpactDayOut]


def _texts(messages: Any) -> list[str]:
    return [in_language(m) for m in messages]


def _impact(impact: Impact) -> list[dict[str, Any]]:
    return [
        {
            "day": day.day,
            "shortfalls": [
                f"{s.service_point_name} {timezone.localtime(s.start):%H:%M}-"
                f"{timezone.localtime(s.end):%H:%M} {s.planned}/{s.required}"
                for s in day.shortfalls_after
            ],
            "unit_off_site": [
                {
                    "unit": unit.unit_name,
                    "before": unit.off_site_before,
                    "after": unit.off_site_after,
                    "limit": limit,
                }
                for unit, limit in day.units
            ],
        }
        for day in impact.days
    ]


def _detail(item: ArrangementRequest) -> dict[str, Any]:
    open_ = item.status in {"pending", "awaiting_partner"}
    impact = request_impact(item) if open_ else None
    return {
        **{field: getattr(item, field) for field in RequestOut.model_fields if field != "id"},
        "id": item.pk,
        "decisions": [
            {
                "step": d.step,
                "role": d.role,
                "actor": getattr(d.actor, "username", ""),
                "on_behalf_of": getattr(d.on_behalf_of, "username", None),
                "outcome": d.outcome,
                "note": d.note,
                "at": d.at,
            }
            for d in item.decisions.select_related("actor", "on_behalf_of")
        ],
        "blocking": _texts(impact.blocking) if impact else [],
        "impact": _impact(impact) if impact else [],
    }


@router.get("/arrangement-requests", response=list[RequestOut])
def list_requests(request: HttpRequest, waiting_for_me: bool = False) -> Any:
    """My own requests (and swaps offered to me), or those waiting for my decision."""
    if waiting_for_me:
        return requests_to_decide(actor=request.user, today=timezone.localdate())
    return list(requests_mine(actor=request.user)[:200])


@router.post("/arrangement-requests", response={201: RequestDetailOut})
def create_request(request: HttpRequest, payload: RequestIn) -> Any:
    me = own_person(access=access_for(request.user))
    if me is None:
        raise NotFound
    item = request_file(
        actor=request.user,
        person=me,
        kind=payload.kind,
        days={key: value.dict() for key, value in payload.days.items()},
        reason=payload.reason,
        effective_from=payload.effective_from,
    )
    return Status(201, _detail(item))


# ``int:`` so that /arrangement-requests/bulk-approve is not taken for a request ID.
@router.get("/arrangement-requests/{int:request_id}", response=RequestDetailOut)
def get_request(request: HttpRequest, request_id: int) -> Any:
    """One request with its decisions and its coverage and quota impact."""
    return _detail(request_get(actor=request.user, request_id=request_id))


class DecideIn(Schema):
    note: str = ""
    override_reason: str = ""


@router.post("/arrangement-requests/{request_id}/approve", response=RequestDetailOut)
def approve(request: HttpRequest, request_id: int, payload: DecideIn) -> Any:
    request_get(actor=request.user, request_id=request_id)
    item = request_approve(
        actor=request.user,
        request_id=request_id,
        note=payload.note,
        override_reason=payload.override_reason,
    )
    return _detail(item)


@router.post("/arrangement-requests/{request_id}/reject", response=RequestDetailOut)
def reject(request: HttpRequest, request_id: int, payload: DecideIn) -> Any:
    request_get(actor=request.user, request_id=request_id)
    return _detail(request_reject(actor=request.user, request_id=request_id, note=payload.note))


@router.post("/arrangement-requests/{request_id}/withdraw", response=RequestDetailOut)
def withdraw(request: HttpRequest, request_id: int) -> Any:
    request_get(actor=request.user, request_id=request_id)
    return _detail(request_withdraw(actor=request.user, request_id=request_id))


class BulkIn(Schema):
    ids: list[ObjectId]
    note: str = ""


class BulkOut(Schema):
    request_id: int
    approved: bool
    error: str


@router.post("/arrangement-requests/bulk-approve", response=list[BulkOut])
def bulk_approve(request: HttpRequest, payload: BulkIn) -> Any:
    """Each request is decided on its own; the answer says which were approved and why not."""
    if len(payload.ids) > 200:
        raise ValidationFailed(details={"fields": {"ids": ["at most 200 at a time"]}})
    return requests_bulk_approve(actor=request.user, request_ids=payload.ids, note=payload.note)


class SwapIn(Schema):
    partner_id: int
    dates: list[dt.date]
    reason: str


@router.post("/swaps", response={201: RequestDetailOut})
def create_swap(request: HttpRequest, payload: SwapIn) -> Any:
    access = access_for(request.user)
    me = own_person(access=access)
    if me is None:
        raise NotFound
    # Colleagues of the same unit, whom staff cannot otherwise look up (the service checks).
    partner = Person.objects.filter(pk=payload.partner_id, agency_id=me.agency_id).first()
    if partner is None:
        raise NotFound
    item = swap_file(
        actor=request.user, person=me, partner=partner, dates=payload.dates, reason=payload.reason
    )
    return Status(201, _detail(item))


class AnswerIn(Schema):
    consent: bool
    note: str = ""


@router.post("/swaps/{request_id}/answer", response=RequestDetailOut)
def answer_swap(request: HttpRequest, request_id: int, payload: AnswerIn) -> Any:
    request_get(actor=request.user, request_id=request_id)
    item = swap_answer(
        actor=request.user, request_id=request_id, consent=payload.consent, note=payload.note
    )
    return _detail(item)


class RecallIn(Schema):
    unit_id: int | None = None
    person_id: int | None = None
    include_subunits: bool = True
    start: dt.date
    end: dt.date
    reason: str


class RecallOut(Schema):
    id: int
    unit_id: int | None
    person_id: int | None
    include_subunits: bool
    start: dt.date
    end: dt.date
    reason: str
    issued_at: dt.datetime
    people_affected: int
    days_changed: int


@router.get("/recalls", response=list[RecallOut])
def list_recalls(request: HttpRequest) -> Any:
    return list(recalls_visible(actor=request.user)[:200])


@router.post("/recalls", response={201: RecallOut})
def create_recall(request: HttpRequest, payload: RecallIn) -> Any:
    access = access_for(request.user)
    unit = unit_get(access=access, unit_id=payload.unit_id) if payload.unit_id else None
    person = person_get(access=access, person_id=payload.person_id) if payload.person_id else None
    recall = recall_issue(
        actor=request.user,
        unit=unit,
        person=person,
        include_subunits=payload.include_subunits,
        start=payload.start,
        end=payload.end,
        reason=payload.reason,
    )
    return Status(201, recall)


class DelegationIn(Schema):
    delegate: str
    start: dt.date
    end: dt.date
    note: str = ""


class DelegationOut(Schema):
    id: int
    delegator: str
    delegate: str
    start: dt.date
    end: dt.date
    note: str
    revoked_at: dt.datetime | None


def _delegation(item: Any) -> dict[str, Any]:
    return {
        "id": item.pk,
        "delegator": item.delegator.username,
        "delegate": item.delegate.username,
        "start": item.start,
        "end": item.end,
        "note": item.note,
        "revoked_at": item.revoked_at,
    }


@router.get("/delegations", response=list[DelegationOut])
def list_delegations(request: HttpRequest) -> Any:
    return [_delegation(d) for d in delegations_of(actor=request.user)[:100]]


@router.post("/delegations", response={201: DelegationOut})
def create_delegation(request: HttpRequest, payload: DelegationIn) -> Any:
    delegate = get_user_model().objects.filter(username=payload.delegate).first()
    item = delegation_add(
        actor=request.user,
        delegate=delegate,
        start=payload.start,
        end=payload.end,
        note=payload.note,
    )
    return Status(201, _delegation(item))


@router.post("/delegations/{delegation_id}/end", response=DelegationOut)
def end_delegation(request: HttpRequest, delegation_id: int) -> Any:
    return _delegation(delegation_revoke(actor=request.user, delegation_id=delegation_id))


class SettingsIO(Schema):
    on_site_chain: list[str]
    off_site_chain: list[str]
    remind_after_days: int
    escalate_after_days: int


@router.get("/agencies/{agency_id}/approval-settings", response=SettingsIO)
def get_settings(request: HttpRequest, agency_id: int) -> Any:
    if not access_for(request.user).can_view_structure(agency_id):
        raise NotFound
    return approval_settings(agency_id)


@router.put("/agencies/{agency_id}/approval-settings", response=SettingsIO)
def put_settings(request: HttpRequest, agency_id: int, payload: SettingsIO) -> Any:
    if not access_for(request.user).can_view_structure(agency_id):
        raise NotFound
    return approval_settings_set(actor=request.user, agency_id=agency_id, **payload.dict())


class RosterRowOut(Schema):
    person_id: int
    name: str
    days: list[dict[str, Any]]


@router.get("/units/{unit_id}/roster", response=list[RosterRowOut])
def roster(
    request: HttpRequest,
    unit_id: int,
    start: dt.date,
    end: dt.date,
    position_type: str = "",
) -> Any:
    """Person × day for the unit subtree: kind (mode, leave, holiday), text, pending, recalled."""
    if end < start or (end - start).days >= MAX_ROSTER_DAYS:
        raise ValidationFailed(
            details={"fields": {"end": ["end on or after start, at most 62 days"]}}
        )
    access = access_for(request.user)
    unit = unit_get(access=access, unit_id=unit_id)
    policy = policy_for(agency_id=unit.agency_id, day=start, unit_id=unit.pk)
    days = [start + dt.timedelta(days=n) for n in range((end - start).days + 1)]
    rows = roster_rows(
        access=access,
        unit=unit,
        days=days,
        standard=policy.standard_day.hours.label(),
        position_type=position_type,
    )
    return [
        {
            "person_id": row.person.pk,
            "name": row.person.full_name_th,
            "days": [
                {
                    "day": c.day,
                    "kind": c.kind,
                    "text": c.text,
                    "pending": c.pending,
                    "recalled": c.recalled,
                }
                for c in row.cells
            ],
        }
        for row in rows
    ]
