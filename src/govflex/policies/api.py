"""REST endpoints for work-mode policy versions."""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from govflex.common.api_types import ObjectId
from govflex.common.errors import NotFound
from govflex.org.access import access_for
from govflex.org.models import Unit
from govflex.org.selectors import agency_get
from govflex.policies.presentation import differences
from govflex.policies.selectors import policy_version_get, policy_versions
from govflex.policies.services import policy_draft_delete, policy_draft_save, policy_issue

router = Router(tags=["policies"])


class PolicyOut(Schema):
    id: int
    agency_id: int
    unit_ids: list[ObjectId]
    effective_from: dt.date
    name: str
    note: str
    status: str
    values: dict[str, Any]
    backdate_reason: str
    issued_at: dt.datetime | None


class PolicyIn(Schema):
    effective_from: dt.date
    unit_ids: list[ObjectId] = Field(default_factory=list)
    name: str = ""
    note: str = ""
    values: dict[str, Any] = Field(default_factory=dict)


class IssueIn(Schema):
    backdate_reason: str = ""


class DifferenceOut(Schema):
    path: str
    before: str
    after: str


def _units(agency_id: int, ids: list[int]) -> list[Unit]:
    units = list(Unit.objects.filter(agency_id=agency_id, pk__in=ids))
    if len(units) != len(set(ids)):
        raise NotFound
    return units


def _out(version: Any) -> dict[str, Any]:
    return {
        **{f: getattr(version, f) for f in PolicyOut.model_fields if f != "unit_ids"},
        "unit_ids": [unit.pk for unit in version.units.all()],
    }


@router.get("/agencies/{agency_id}/policies", response=list[PolicyOut])
def list_policies(request: HttpRequest, agency_id: int) -> Any:
    """Issued versions (and drafts for HR and executives), newest first."""
    versions = policy_versions(access=access_for(request.user), agency_id=agency_id)
    return [_out(v) for v in versions.prefetch_related("units")]


@router.post("/agencies/{agency_id}/policies", response={201: PolicyOut})
def create_draft(request: HttpRequest, agency_id: int, payload: PolicyIn) -> Any:
    agency = agency_get(access=access_for(request.user), agency_id=agency_id)
    data = payload.dict(exclude={"unit_ids"})
    version = policy_draft_save(
        actor=request.user, agency=agency, units=_units(agency.pk, payload.unit_ids), **data
    )
    return Status(201, _out(version))


@router.get("/policies/compare", response=list[DifferenceOut])
def compare(request: HttpRequest, a: int, b: int) -> Any:
    """Every value that differs between two versions of the same agency."""
    access = access_for(request.user)
    before = policy_version_get(access=access, version_id=a)
    after = policy_version_get(access=access, version_id=b)
    if before.agency_id != after.agency_id:
        raise NotFound
    return differences(
        {**before.values, "effective_from": str(before.effective_from)},
        {**after.values, "effective_from": str(after.effective_from)},
    )


@router.get("/policies/{version_id}", response=PolicyOut)
def get_policy(request: HttpRequest, version_id: int) -> Any:
    return _out(policy_version_get(access=access_for(request.user), version_id=version_id))


@router.put("/policies/{version_id}", response=PolicyOut)
def update_draft(request: HttpRequest, version_id: int, payload: PolicyIn) -> Any:
    version = policy_version_get(access=access_for(request.user), version_id=version_id)
    data = payload.dict(exclude={"unit_ids"})
    saved = policy_draft_save(
        actor=request.user,
        agency=version.agency,
        version_id=version.pk,
        units=_units(version.agency_id, payload.unit_ids),
        **data,
    )
    return _out(saved)


@router.post("/policies/{version_id}/issue", response=PolicyOut)
def issue(request: HttpRequest, version_id: int, payload: IssueIn) -> Any:
    """Put a draft in force (executives); a past effective date needs ``backdate_reason``."""
    version = policy_version_get(access=access_for(request.user), version_id=version_id)
    issued = policy_issue(
        actor=request.user,
        agency=version.agency,
        version_id=version.pk,
        backdate_reason=payload.backdate_reason,
    )
    return _out(issued)


@router.delete("/policies/{version_id}", response={204: None})
def delete_draft(request: HttpRequest, version_id: int) -> Any:
    version = policy_version_get(access=access_for(request.user), version_id=version_id)
    policy_draft_delete(actor=request.user, agency=version.agency, version_id=version.pk)
    return Status(204, None)
