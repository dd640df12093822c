"""Write use cases for the organisation. Each is atomic, permission-checked and audited."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

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
M = TypeVar("M", bound=models.Model)

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


def _save_record(
    *,
    actor: Any,
    agency: Agency,
    record: M,
    creating: bool,
    data: dict[str, Any],
    fields: tuple[str, ...],
    action: str,
    check: Callable[[Agency, M], None] | None = None,
    after_save: Callable[[M], None] | None = None,
    exclude: tuple[str, ...] = (),
) -> M:
    """The one write path of the organisation: permission, validation, save, audit."""
    _require_org_manager(actor, agency)
    if getattr(record, "agency_id", None) != agency.pk:
        raise _field_error("agency", _("The item belongs to another agency."))
    before = None if creating else snapshot(record, fields)
    _apply(record, data, fields)
    _full_clean(record, exclude=exclude)
    if check is not None:
        check(agency, record)
    record.save()
    if after_save is not None:
        after_save(record)
    after = snapshot(record, fields)
    if before != after:
        audit_record(
            actor=actor,
            action=f"{action}.create" if creating else f"{action}.update",
            target=record,
            agency_id=agency.pk,
            before=before,
            after=after,
        )
    return record


# ---------------------------------------------------------------------------- work sites
@transaction.atomic
def work_site_save(
    *, actor: Any, agency: Agency, data: dict[str, Any], site: WorkSite | None = None
) -> WorkSite:
    return _save_record(
        actor=actor,
        agency=agency,
        record=site or WorkSite(agency=agency),
        creating=site is None,
        data=data,
        fields=WORK_SITE_FIELDS,
        action="work_site",
    )


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


def _place_in_tree(agency: Agency, unit: Unit, old_path: str) -> None:
    """Set the unit's path from its parent; a moved unit takes its subtree along."""
    if unit.parent is None:
        new_path, depth = f"/{unit.pk}/", 0
    else:
        new_path, depth = f"{unit.parent.path}{unit.pk}/", unit.parent.depth + 1
    if new_path == old_path:
        return
    unit.path, unit.depth = new_path, depth
    unit.save(update_fields=["path", "depth"])
    if old_path:
        _rebase_subtree(agency, old_path, new_path)


@transaction.atomic
def unit_save(
    *, actor: Any, agency: Agency, data: dict[str, Any], unit: Unit | None = None
) -> Unit:
    """Create or change a unit; moving it re-roots its whole subtree."""
    record = unit or Unit(agency=agency)
    old_path = record.path
    return _save_record(
        actor=actor,
        agency=agency,
        record=record,
        creating=unit is None,
        data=data,
        fields=UNIT_FIELDS,
        action="unit",
        check=_check_unit_refs,
        after_save=lambda saved: _place_in_tree(agency, saved, old_path),
        exclude=("path", "depth"),
    )


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
    return _save_record(
        actor=actor,
        agency=agency,
        record=position or Position(agency=agency),
        creating=position is None,
        data=data,
        fields=POSITION_FIELDS,
        action="position",
    )


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
    return _save_record(
        actor=actor,
        agency=agency,
        record=person or Person(agency=agency),
        creating=person is None,
        data=data,
        fields=PERSON_FIELDS,
        action="person",
        check=_check_person_refs,
        exclude=("user",),
    )
