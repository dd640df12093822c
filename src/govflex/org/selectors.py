"""Read use cases for the organisation, always scoped to the caller's access."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from govflex.common.errors import NotFound
from govflex.org.access import Access
from govflex.org.models import Agency, Person, Position, Unit, WorkSite


def agency_list(*, access: Access) -> QuerySet[Agency]:
    if access.is_admin:
        return Agency.objects.all()
    return Agency.objects.filter(pk__in=sorted(access.agencies()))


def agency_get(*, access: Access, agency_id: int) -> Agency:
    agency = agency_list(access=access).filter(pk=agency_id).first()
    if agency is None:
        raise NotFound
    return agency


def default_agency(*, access: Access) -> Agency | None:
    """The agency a page shows when none is chosen: the user's own, else the first visible."""
    if access.home_agency_id is not None:
        return Agency.objects.filter(pk=access.home_agency_id).first()
    return agency_list(access=access).first()


def agency_or_default(*, access: Access, agency_id: int | None) -> Agency:
    """The agency asked for (if in scope), else the user's own; NotFound when neither."""
    agency = (
        agency_get(access=access, agency_id=agency_id)
        if agency_id
        else default_agency(access=access)
    )
    if agency is None:
        raise NotFound
    return agency


def unit_list(
    *,
    access: Access,
    agency_id: int | None = None,
    search: str = "",
    within: Unit | None = None,
    include_inactive: bool = False,
) -> QuerySet[Unit]:
    qs = Unit.objects.filter(access.agency_filter()).select_related("parent", "work_site")
    if agency_id is not None:
        qs = qs.filter(agency_id=agency_id)
    if within is not None:
        qs = qs.filter(agency_id=within.agency_id, path__startswith=within.path)
    if not include_inactive:
        qs = qs.filter(active=True)
    if search:
        qs = qs.filter(
            Q(code__icontains=search) | Q(name_th__icontains=search) | Q(name_en__icontains=search)
        )
    return qs.order_by("agency_id", "path")


def units_reportable(*, access: Access) -> QuerySet[Unit]:
    """Units whose people the user may see: the agency for readers, else the subtrees they lead."""
    condition = Q(pk__in=[])
    readers = [a for a in access.agencies() if access.is_agency_reader(a)]
    if access.is_admin:
        condition = Q()
    elif readers:
        condition |= Q(agency_id__in=readers)
    for agency_id, paths in access.supervised_paths.items():
        for path in paths:
            condition |= Q(agency_id=agency_id, path__startswith=path)
    return Unit.objects.filter(condition).order_by("agency_id", "path")


def unit_tree(*, access: Access, agency_id: int) -> list[Unit]:
    """Units in tree order (depth-first by path) with the number of people directly in each."""
    return list(
        unit_list(access=access, agency_id=agency_id, include_inactive=True).annotate(
            people_count=Count("people")
        )
    )


def unit_get(*, access: Access, unit_id: int) -> Unit:
    unit = unit_list(access=access, include_inactive=True).filter(pk=unit_id).first()
    if unit is None:
        raise NotFound
    return unit


def position_list(
    *,
    access: Access,
    agency_id: int | None = None,
    search: str = "",
    position_type: str = "",
    mission_type: str = "",
) -> QuerySet[Position]:
    qs = Position.objects.filter(access.agency_filter())
    if agency_id is not None:
        qs = qs.filter(agency_id=agency_id)
    if position_type:
        qs = qs.filter(position_type=position_type)
    if mission_type:
        qs = qs.filter(mission_type=mission_type)
    if search:
        qs = qs.filter(
            Q(code__icontains=search)
            | Q(title_th__icontains=search)
            | Q(title_en__icontains=search)
            | Q(line__icontains=search)
        )
    return qs.order_by("agency_id", "code")


def position_get(*, access: Access, position_id: int) -> Position:
    position = position_list(access=access).filter(pk=position_id).first()
    if position is None:
        raise NotFound
    return position


def person_list(
    *,
    access: Access,
    agency_id: int | None = None,
    search: str = "",
    within: Unit | None = None,
    position_type: str = "",
    staff_category: str = "",
) -> QuerySet[Person]:
    qs = Person.objects.filter(access.people_filter()).select_related(
        "unit", "position", "supervisor"
    )
    if agency_id is not None:
        qs = qs.filter(agency_id=agency_id)
    if within is not None:
        qs = qs.filter(agency_id=within.agency_id, unit__path__startswith=within.path)
    if position_type:
        qs = qs.filter(position__position_type=position_type)
    if staff_category:
        qs = qs.filter(staff_category=staff_category)
    for word in search.split():
        qs = qs.filter(
            Q(staff_id__icontains=word)
            | Q(first_name_th__icontains=word)
            | Q(last_name_th__icontains=word)
            | Q(first_name_en__icontains=word)
            | Q(last_name_en__icontains=word)
            | Q(email__icontains=word)
        )
    return qs.order_by("agency_id", "staff_id")


def own_person(*, access: Access) -> Person | None:
    """The signed-in user's own staff record (None for a login without one)."""
    if access.person_id is None:
        return None
    return (
        Person.objects.select_related("unit", "agency", "position")
        .filter(pk=access.person_id)
        .first()
    )


def person_get(*, access: Access, person_id: int) -> Person:
    """One person, or NotFound when they do not exist *or* are out of scope (no probing)."""
    person = person_list(access=access).filter(pk=person_id).first()
    if person is None:
        raise NotFound
    return person


def work_site_list(
    *, access: Access, agency_id: int | None = None, search: str = ""
) -> QuerySet[WorkSite]:
    qs = WorkSite.objects.filter(access.agency_filter())
    if agency_id is not None:
        qs = qs.filter(agency_id=agency_id)
    if search:
        qs = qs.filter(Q(code__icontains=search) | Q(name__icontains=search))
    return qs.order_by("agency_id", "code")


def work_site_get(*, access: Access, site_id: int) -> WorkSite:
    site = work_site_list(access=access).filter(pk=site_id).first()
    if site is None:
        raise NotFound
    return site
