"""REST endpoints for the roster optimiser and roster preferences."""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from govflex.arrangements.models import RosterPreference, RosterProposal
from govflex.arrangements.optimiser import (
    may_propose,
    proposal_discard,
    proposal_edit,
    proposal_publish,
    proposal_start,
)
from govflex.arrangements.preferences import preference_set
from govflex.common.errors import NotFound
from govflex.org.access import access_for
from govflex.org.selectors import own_person, unit_get

router = Router(tags=["roster optimiser"])


class ProposalIn(Schema):
    unit_id: int
    start: dt.date
    weeks: int = 4
    time_limit_s: int = 10


class ProposalOut(Schema):
    id: int
    unit_id: int
    start: dt.date
    end: dt.date
    status: str
    progress: dict[str, Any]
    plans: dict[str, dict[str, dict[str, str]]]
    fixed: list[str]
    edited: list[str]
    objective: float | None
    gap: float | None
    fairness: dict[str, Any]
    problems: list[dict[str, str]]
    first_feasible_s: float | None
    solve_s: float | None


def _proposal(request: HttpRequest, proposal_id: int) -> RosterProposal:
    proposal = RosterProposal.objects.select_related("unit").filter(pk=proposal_id).first()
    if proposal is None or not may_propose(request.user, proposal.unit):
        raise NotFound
    return proposal


@router.post("/roster-proposals", response={202: ProposalOut})
def start(request: HttpRequest, payload: ProposalIn) -> Any:
    """Queue an optimiser run; poll the proposal until its status is no longer queued/solving."""
    unit = unit_get(access=access_for(request.user), unit_id=payload.unit_id)
    proposal = proposal_start(
        actor=request.user,
        unit=unit,
        start=payload.start,
        weeks=payload.weeks,
        time_limit_s=payload.time_limit_s,
    )
    return Status(202, proposal)


@router.get("/roster-proposals/{proposal_id}", response=ProposalOut)
def get_proposal(request: HttpRequest, proposal_id: int) -> Any:
    return _proposal(request, proposal_id)


class DayIn(Schema):
    mode: str = ""
    slot: str = ""
    place: str = ""


@router.put("/roster-proposals/{proposal_id}/days/{person_id}/{day}", response=ProposalOut)
def edit_day(
    request: HttpRequest, proposal_id: int, person_id: int, day: dt.date, payload: DayIn
) -> Any:
    """Change one person-day (an empty mode is the standard day)."""
    _proposal(request, proposal_id)
    value = payload.dict() if payload.mode else {}
    return proposal_edit(
        actor=request.user, proposal_id=proposal_id, person_id=person_id, day=day, value=value
    )


class PublishOut(Schema):
    days_changed: int


@router.post("/roster-proposals/{proposal_id}/publish", response=PublishOut)
def publish(request: HttpRequest, proposal_id: int) -> Any:
    _proposal(request, proposal_id)
    return {"days_changed": proposal_publish(actor=request.user, proposal_id=proposal_id)}


@router.post("/roster-proposals/{proposal_id}/discard", response=ProposalOut)
def discard(request: HttpRequest, proposal_id: int) -> Any:
    _proposal(request, proposal_id)
    return proposal_discard(actor=request.user, proposal_id=proposal_id)


class PreferenceIO(Schema):
    slot_ranks: list[str] = Field(default_factory=list)
    off_site_weekdays: list[int] = Field(default_factory=list)
    wants_counted_hours: bool = False


@router.get("/me/roster-preferences", response=PreferenceIO)
def get_preferences(request: HttpRequest) -> Any:
    me = own_person(access=access_for(request.user))
    if me is None:
        raise NotFound
    return RosterPreference.objects.filter(person=me).first() or PreferenceIO()


@router.put("/me/roster-preferences", response=PreferenceIO)
def put_preferences(request: HttpRequest, payload: PreferenceIO) -> Any:
    me = own_person(access=access_for(request.user))
    if me is None:
        raise NotFound
    return preference_set(actor=request.user, person=me, **payload.dict())
