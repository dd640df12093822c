"""REST endpoints for agencies, units, positions, people and work sites.

Reads are open to every role within its scope; writes need the HR officer role. Codes
(unit, position, staff ID) are used as references in writes, so integrators need no IDs.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status
from ninja.pagination import paginate

from govflex.common.errors import ValidationFailed
from govflex.common.pagination import Pagination
from govflex.org import selectors, services
from govflex.org.access import Access, access_for
from govflex.org.models import Agency, Person, Position, Unit, WorkSite
from govflex.org.schemas import (
    AgencyOut,
    PersonIn,
    PersonOut,
    PositionIn,
    PositionOut,
    UnitIn,
    UnitOut,
    WorkSiteIn,
    WorkSiteOut,
)

router = Router(tags=["organisation"])


def _access(request: HttpRequest) -> Access:
    return access_for(request.user)


def _target_agency(access: Access, agency_id: int | None) -> Agency:
    """The agency a write goes to; the HR role there is checked before any lookup."""
    if agency_id is not None:
        agency = selectors.agency_get(access=access, agency_id=agency_id)
    else:
        found = selectors.default_agency(access=access)
        if found is None:
            raise ValidationFailed(details={"fields": {"agency_id": [_("Choose an agency.")]}})
        agency = found
    access.require(access.can_manage_org(agency.pk))
    return agency


def _ref_error(field: str, value: str) -> ValidationFailed:
    return ValidationFailed(
        details={
            "fields": {field: [_("“%(value)s” was not found in this agency.") % {"value": value}]}
        }
    )


# ---------------------------------------------------------------------------- agencies
@router.get("/agencies", response=list[AgencyOut], summary="Agencies in scope")
@paginate(Pagination)
def list_agencies(request: HttpRequest) -> Any:
    return selectors.agency_list(access=_access(request))


@router.get("/agencies/{agency_id}", response=AgencyOut)
def get_agency(request: HttpRequest, agency_id: int) -> Any:
    return selectors.agency_get(access=_access(request), agency_id=agency_id)


# ---------------------------------------------------------------------------- work sites
@router.get("/work-sites", response=list[WorkSiteOut])
@paginate(Pagination)
def list_work_sites(request: HttpRequest, agency_id: int | None = None, q: str = "") -> Any:
    return selectors.work_site_list(access=_access(request), agency_id=agency_id, search=q)


@router.get("/work-sites/{site_id}", response=WorkSiteOut)
def get_work_site(request: HttpRequest, site_id: int) -> Any:
    return selectors.work_site_get(access=_access(request), site_id=site_id)


def _site_data(payload: WorkSiteIn) -> dict[str, Any]:
    return payload.dict(exclude={"agency_id"})


@router.post("/work-sites", response={201: WorkSiteOut})
def create_work_site(request: HttpRequest, payload: WorkSiteIn) -> Any:
    access = _access(request)
    agency = _target_agency(access, payload.agency_id)
    site = services.work_site_save(actor=request.user, agency=agency, data=_site_data(payload))
    return Status(201, site)


@router.put("/work-sites/{site_id}", response=WorkSiteOut)
def update_work_site(request: HttpRequest, site_id: int, payload: WorkSiteIn) -> Any:
    site = selectors.work_site_get(access=_access(request), site_id=site_id)
    return services.work_site_save(
        actor=request.user, agency=site.agency, data=_site_data(payload), site=site
    )


# ---------------------------------------------------------------------------- units
@router.get("/units", response=list[UnitOut])
@paginate(Pagination)
def list_units(
    request: HttpRequest, agency_id: int | None = None, q: str = "", within: int | None = None
) -> Any:
    access = _access(request)
    within_unit = selectors.unit_get(access=access, unit_id=within) if within else None
    return selectors.unit_list(
        access=access, agency_id=agency_id, search=q, within=within_unit, include_inactive=True
    )


@router.get("/units/{unit_id}", response=UnitOut)
def get_unit(request: HttpRequest, unit_id: int) -> Any:
    return selectors.unit_get(access=_access(request), unit_id=unit_id)


def _unit_data(agency: Agency, payload: UnitIn) -> dict[str, Any]:
    data = payload.dict(exclude={"agency_id", "parent_code", "work_site_code"})
    data["parent"] = None
    data["work_site"] = None
    if payload.parent_code:
        data["parent"] = Unit.objects.filter(agency=agency, code=payload.parent_code).first()
        if data["parent"] is None:
            raise _ref_error("parent_code", payload.parent_code)
    if payload.work_site_code:
        data["work_site"] = WorkSite.objects.filter(
            agency=agency, code=payload.work_site_code
        ).first()
        if data["work_site"] is None:
            raise _ref_error("work_site_code", payload.work_site_code)
    return data


@router.post("/units", response={201: UnitOut})
def create_unit(request: HttpRequest, payload: UnitIn) -> Any:
    agency = _target_agency(_access(request), payload.agency_id)
    unit = services.unit_save(actor=request.user, agency=agency, data=_unit_data(agency, payload))
    return Status(201, unit)


@router.put("/units/{unit_id}", response=UnitOut)
def update_unit(request: HttpRequest, unit_id: int, payload: UnitIn) -> Any:
    access = _access(request)
    unit = selectors.unit_get(access=access, unit_id=unit_id)
    data = _unit_data(_target_agency(access, unit.agency_id), payload)
    return services.unit_save(actor=request.user, agency=unit.agency, data=data, unit=unit)


# ---------------------------------------------------------------------------- positions
@router.get("/positions", response=list[PositionOut])
@paginate(Pagination)
def list_positions(
    request: HttpRequest, agency_id: int | None = None, q: str = "", position_type: str = ""
) -> Any:
    return selectors.position_list(
        access=_access(request), agency_id=agency_id, search=q, position_type=position_type
    )


@router.get("/positions/{position_id}", response=PositionOut)
def get_position(request: HttpRequest, position_id: int) -> Any:
    return selectors.position_get(access=_access(request), position_id=position_id)


@router.post("/positions", response={201: PositionOut})
def create_position(request: HttpRequest, payload: PositionIn) -> Any:
    agency = _target_agency(_access(request), payload.agency_id)
    data = payload.dict(exclude={"agency_id"})
    return Status(201, services.position_save(actor=request.user, agency=agency, data=data))


@router.put("/positions/{position_id}", response=PositionOut)
def update_position(request: HttpRequest, position_id: int, payload: PositionIn) -> Any:
    position = selectors.position_get(access=_access(request), position_id=position_id)
    data = payload.dict(exclude={"agency_id"})
    return services.position_save(
        actor=request.user, agency=position.agency, data=data, position=position
    )


# ---------------------------------------------------------------------------- people
@router.get("/people", response=list[PersonOut])
@paginate(Pagination)
def list_people(
    request: HttpRequest,
    agency_id: int | None = None,
    q: str = "",
    unit: int | None = None,
    position_type: str = "",
    staff_category: str = "",
) -> Any:
    access = _access(request)
    within = selectors.unit_get(access=access, unit_id=unit) if unit else None
    return selectors.person_list(
        access=access,
        agency_id=agency_id,
        search=q,
        within=within,
        position_type=position_type,
        staff_category=staff_category,
    )


@router.get("/people/{person_id}", response=PersonOut)
def get_person(request: HttpRequest, person_id: int) -> Any:
    return selectors.person_get(access=_access(request), person_id=person_id)


def _person_data(agency: Agency, payload: PersonIn) -> dict[str, Any]:
    data = payload.dict(exclude={"agency_id", "unit_code", "position_code", "supervisor_staff_id"})
    data["unit"] = Unit.objects.filter(agency=agency, code=payload.unit_code).first()
    if data["unit"] is None:
        raise _ref_error("unit_code", payload.unit_code)
    data["position"] = Position.objects.filter(agency=agency, code=payload.position_code).first()
    if data["position"] is None:
        raise _ref_error("position_code", payload.position_code)
    data["supervisor"] = None
    if payload.supervisor_staff_id:
        data["supervisor"] = Person.objects.filter(
            agency=agency, staff_id=payload.supervisor_staff_id
        ).first()
        if data["supervisor"] is None:
            raise _ref_error("supervisor_staff_id", payload.supervisor_staff_id)
    return data


@router.post("/people", response={201: PersonOut})
def create_person(request: HttpRequest, payload: PersonIn) -> Any:
    agency = _target_agency(_access(request), payload.agency_id)
    person = services.person_save(
        actor=request.user, agency=agency, data=_person_data(agency, payload)
    )
    return Status(201, person)


@router.put("/people/{person_id}", response=PersonOut)
def update_person(request: HttpRequest, person_id: int, payload: PersonIn) -> Any:
    access = _access(request)
    person = selectors.person_get(access=access, person_id=person_id)
    data = _person_data(_target_agency(access, person.agency_id), payload)
    return services.person_save(actor=request.user, agency=person.agency, data=data, person=person)
