"""Write use cases for the organisation. Each is atomic, permission-checked and audited."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from govflex.common.audit import audit_record, snapshot
from govflex.common.errors import ValidationFailed
from govflex.org.access import access_for
from govflex.org.models import Agency, Person, Position, Unit, WorkSite

UNIT_FIELDS = ("code", "name_th", "name_en", "parent", "is_service_point", "work_site", "active")
POSITION_FIELDS = (
    "code",
    "title_th",
    "title_en",
    "line",
    "level",
    "mission_type",
    "position_type",
)
PERSON_FIELDS = (
    "staff_id",
    "title_th",
    "first_name_th",
    "last_name_th",
    "first_name_en",
    "last_name_en",
    "staff_category",
    "unit",
    "position",
    "supervisor",
    "email",
    "phone",
    "start_date",
    "end_date",
)
WORK_SITE_FIELDS = ("code", "name", "address", "latitude", "longitude", "radius_m")


def _full_clean(instance: models.Model, *, exclude: tuple[str, ...] = ()) -> None:
    try:
        instance.full_clean(exclude=list(exclude))
    except ValidationError as exc:
        raise ValidationFailed(details={"fields": exc.message_dict}) from exc


def _apply(instance: models.Model, data: dict[str, Any], allowed: tuple[str, ...]) -> None:
    unknown = set(data) - set(allowed)
    if unknown:
        raise ValidationFailed(details={"fields": {k: [_("Unknown field.")] for k in unknown}})
    for name, value in data.items():
        setattr(instance, name, value)


def _require_org_manager(actor: Any, agency: Agency) -> None:
    access = access_for(actor)
    access.require(access.can_manage_org(agency.pk))


def _field_error(name: str, message: str) -> ValidationFailed:
    return ValidationFailed(details={"fields": {name: [message]}})


# ---------------------------------------------------------------------------- work sites
@transaction.atomic
def work_site_save(
    *, actor: Any, agency: Agency, data: dict[str, Any], site: WorkSite | None = None
) -> WorkSite:
    _require_org_manager(actor, agency)
    creating = site is None
    site = site or WorkSite(agency=agency)
    if site.agency_id != agency.pk:
        raise _field_error("agency", _("The work site belongs to another agency."))
    before = None if creating else snapshot(site, WORK_SITE_FIELDS)
    _apply(site, data, WORK_SITE_FIELDS)
    _full_clean(site)
    site.save()
    after = snapshot(site, WORK_SITE_FIELDS)
    if before != after:
        audit_record(
            actor=actor,
            action="work_site.create" if creating else "work_site.update",
            target=site,
            agency_id=agency.pk,
            before=before,
            after=after,
        )
    return site


# ---------------------------------------------------------------------------- units
def _check_unit_refs(agency: Agency, unit: Unit) -> None:
    if unit.parent is not None:
        if unit.parent.agency_id != agency.pk:
            raise _field_error("parent", _("The parent unit belongs to another agency."))
        if unit.pk is not None and (
            unit.parent.pk == unit.pk or unit.parent.path.startswith(unit.path)
        ):
            raise _field_error("parent", _("A unit cannot be placed under itself."))
    if unit.work_site is not None and unit.work_site.agency_id != agency.pk:
        raise _field_error("work_site", _("The work site belongs to another agency."))


def _unit_path(unit: Unit) -> tuple[str, int]:
    if unit.parent is None:
        return f"/{unit.pk}/", 0
    return f"{unit.parent.path}{unit.pk}/", unit.parent.depth + 1


@transaction.atomic
def unit_save(
    *, actor: Any, agency: Agency, data: dict[str, Any], unit: Unit | None = None
) -> Unit:
    """Create or change a unit; moving it re-roots its whole subtree."""
    _require_org_manager(actor, agency)
    creating = unit is None
    unit = unit or Unit(agency=agency)
    if unit.agency_id != agency.pk:
        raise _field_error("agency", _("The unit belongs to another agency."))
    before = None if creating else snapshot(unit, UNIT_FIELDS)
    old_path = unit.path
    _apply(unit, data, UNIT_FIELDS)
    _check_unit_refs(agency, unit)
    _full_clean(unit, exclude=("path", "depth"))
    unit.save()
    new_path, depth = _unit_path(unit)
    if new_path != old_path:
        unit.path, unit.depth = new_path, depth
        unit.save(update_fields=["path", "depth"])
        if old_path:
            _rebase_subtree(agency, old_path, new_path)
    after = snapshot(unit, UNIT_FIELDS)
    if before != after:
        audit_record(
            actor=actor,
            action="unit.create" if creating else "unit.update",
            target=unit,
            agency_id=agency.pk,
            before=before,
            after=after,
        )
    return unit


def _rebase_subtree(agency: Agency, old_path: str, new_path: str) -> None:
    descendants = list(
        Unit.objects.select_for_update()
        .filter(agency=agency, path__startswith=old_path)
        .exclude(path=old_path)
        .exclude(path=new_path)
    )
    depth_shift = new_path.count("/") - old_path.count("/")
    for node in descendants:
        node.path = new_path + node.path[len(old_path) :]
        node.depth += depth_shift
    Unit.objects.bulk_update(descendants, ["path", "depth"], batch_size=1000)


# ---------------------------------------------------------------------------- positions
@transaction.atomic
def position_save(
    *, actor: Any, agency: Agency, data: dict[str, Any], position: Position | None = None
) -> Position:
    _require_org_manager(actor, agency)
    creating = position is None
    position = position or Position(agency=agency)
    if position.agency_id != agency.pk:
        raise _field_error("agency", _("The position belongs to another agency."))
    before = None if creating else snapshot(position, POSITION_FIELDS)
    _apply(position, data, POSITION_FIELDS)
    _full_clean(position)
    position.save()
    after = snapshot(position, POSITION_FIELDS)
    if before != after:
        audit_record(
            actor=actor,
            action="position.create" if creating else "position.update",
            target=position,
            agency_id=agency.pk,
            before=before,
            after=after,
        )
    return position


# ---------------------------------------------------------------------------- people
def _check_person_refs(agency: Agency, person: Person) -> None:
    if person.unit_id is not None and person.unit.agency_id != agency.pk:
        raise _field_error("unit", _("The unit belongs to another agency."))
    if person.position_id is not None and person.position.agency_id != agency.pk:
        raise _field_error("position", _("The position belongs to another agency."))
    supervisor = person.supervisor
    if supervisor is None:
        return
    if supervisor.agency_id != agency.pk:
        raise _field_error("supervisor", _("The supervisor belongs to another agency."))
    # Walk up the chain: a person may not end up supervising themselves.
    seen: set[int] = set()
    current: Person | None = supervisor
    while current is not None:
        if person.pk is not None and current.pk == person.pk:
            raise _field_error("supervisor", _("This would make a supervision loop."))
        if current.pk in seen:
            break
        seen.add(current.pk)
        current = current.supervisor


@transaction.atomic
def person_save(
    *, actor: Any, agency: Agency, data: dict[str, Any], person: Person | None = None
) -> Person:
    _require_org_manager(actor, agency)
    creating = person is None
    person = person or Person(agency=agency)
    if person.agency_id != agency.pk:
        raise _field_error("agency", _("The person belongs to another agency."))
    before = None if creating else snapshot(person, PERSON_FIELDS)
    _apply(person, data, PERSON_FIELDS)
    _full_clean(person, exclude=("user",))
    _check_person_refs(agency, person)
    person.save()
    after = snapshot(person, PERSON_FIELDS)
    if before != after:
        audit_record(
            actor=actor,
            action="person.create" if creating else "person.update",
            target=person,
            agency_id=agency.pk,
            before=before,
            after=after,
        )
    return person
