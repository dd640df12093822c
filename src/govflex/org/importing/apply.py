"""Writing validated rows: upsert by code / staff ID, all in one transaction, audited."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.db import models, transaction

from govflex.common.audit import AuditItem, audit_record_many, snapshot
from govflex.org.importing.columns import Kind
from govflex.org.models import Agency, Person, Position, Unit, WorkSite
from govflex.org.services import PERSON_FIELDS, POSITION_FIELDS, UNIT_FIELDS

Row = tuple[int, dict[str, Any]]


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def as_dict(self) -> dict[str, int]:
        return {"created": self.created, "updated": self.updated, "unchanged": self.unchanged}


class _Upsert:
    """Tracks which objects a batch creates or changes, and their audit entries."""

    def __init__(self, model: Any, fields: tuple[str, ...], action: str) -> None:
        self.fields, self.action = fields, action
        self.model = model
        self.counts = Counts()
        self.to_create: list[models.Model] = []
        self.to_update: list[tuple[models.Model, dict[str, Any]]] = []

    def put(
        self,
        existing: models.Model | None,
        new_values: dict[str, Any],
        make: Callable[[], models.Model],
    ) -> Any:
        if existing is None:
            obj = make()
            for name, value in new_values.items():
                setattr(obj, name, value)
            self.to_create.append(obj)
            return obj
        before = snapshot(existing, self.fields)
        changed = False
        for name, value in new_values.items():
            if getattr(existing, name) != value:
                setattr(existing, name, value)
                changed = True
        if changed:
            self.to_update.append((existing, before))
        else:
            self.counts.unchanged += 1
        return existing

    def flush(self) -> None:
        if self.to_create:
            self.model.objects.bulk_create(self.to_create, batch_size=1000)
        if self.to_update:
            names = [f for f in self.fields if f in {fl.name for fl in self.model._meta.fields}]
            self.model.objects.bulk_update([o for o, _b in self.to_update], names, batch_size=1000)

    def audit_items(self) -> list[AuditItem]:
        items = [
            AuditItem(f"{self.action}.create", o, None, snapshot(o, self.fields))
            for o in self.to_create
        ]
        items += [
            AuditItem(f"{self.action}.update", o, before, snapshot(o, self.fields))
            for o, before in self.to_update
            if before != snapshot(o, self.fields)
        ]
        self.counts.created += len(self.to_create)
        self.counts.updated += len(self.to_update)
        return items


def apply_rows(
    *, kind: Kind, rows: list[Row], agency: Agency, actor: Any, note: str = ""
) -> Counts:
    with transaction.atomic():
        upsert = WRITERS[kind](rows, agency)
        audit_record_many(actor=actor, agency_id=agency.pk, items=upsert.audit_items(), note=note)
    return upsert.counts


def _write_positions(rows: list[Row], agency: Agency) -> _Upsert:
    existing = {p.code: p for p in Position.objects.select_for_update().filter(agency=agency)}
    upsert = _Upsert(Position, POSITION_FIELDS, "position.import")
    for _number, values in rows:
        fields = {name: values[name] for name in POSITION_FIELDS}
        upsert.put(existing.get(values["code"]), fields, lambda: Position(agency=agency))
    upsert.flush()
    return upsert


def _write_units(rows: list[Row], agency: Agency) -> _Upsert:
    existing = {u.code: u for u in Unit.objects.select_for_update().filter(agency=agency)}
    sites = {s.code: s for s in WorkSite.objects.filter(agency=agency)}
    upsert = _Upsert(Unit, UNIT_FIELDS, "unit.import")
    pending = list(rows)
    # Parents first: each pass writes the rows whose parent already exists.
    while pending:
        ready = [r for r in pending if not r[1]["parent_code"] or r[1]["parent_code"] in existing]
        if not ready:  # validation rejects loops and unknown parents; guard anyway
            break
        layer = _Upsert(Unit, UNIT_FIELDS, "unit.import")
        for _number, values in ready:
            fields = {
                "name_th": values["name_th"],
                "name_en": values["name_en"],
                "is_service_point": values["is_service_point"],
                "work_site_id": _pk(sites.get(values["work_site_code"] or "")),
                "parent_id": _pk(existing.get(values["parent_code"] or "")),
                "active": True,
            }
            code: str = values["code"]
            existing[code] = layer.put(
                existing.get(code), fields, partial(Unit, agency=agency, code=code)
            )
        layer.flush()
        upsert.to_create += layer.to_create
        upsert.to_update += layer.to_update
        upsert.counts.unchanged += layer.counts.unchanged
        done = {id(r) for r in ready}
        pending = [r for r in pending if id(r) not in done]
    _repath(agency)
    return upsert


def _pk(obj: models.Model | None) -> int | None:
    return obj.pk if obj is not None else None


def _repath(agency: Agency) -> None:
    """Recompute every unit's path and depth from the parent links (cheap, always right)."""
    units = list(Unit.objects.filter(agency=agency).only("id", "parent_id", "path", "depth"))
    by_id = {u.pk: u for u in units}
    cache: dict[int, str] = {}

    def path_of(unit: Unit) -> str:
        if unit.pk in cache:
            return cache[unit.pk]
        parent = by_id.get(unit.parent_id) if unit.parent_id else None
        path = (path_of(parent) if parent else "/") + f"{unit.pk}/"
        cache[unit.pk] = path
        return path

    changed = []
    for unit in units:
        path = path_of(unit)
        depth = path.count("/") - 2
        if unit.path != path or unit.depth != depth:
            unit.path, unit.depth = path, depth
            changed.append(unit)
    Unit.objects.bulk_update(changed, ["path", "depth"], batch_size=1000)


def _write_people(rows: list[Row], agency: Agency) -> _Upsert:
    existing = {p.staff_id: p for p in Person.objects.select_for_update().filter(agency=agency)}
    units = {u.code: u for u in Unit.objects.filter(agency=agency)}
    positions = {p.code: p for p in Position.objects.filter(agency=agency)}
    upsert = _Upsert(Person, PERSON_FIELDS, "person.import")
    for _number, values in rows:
        fields = {
            name: values[name]
            for name in PERSON_FIELDS
            if name not in {"unit", "position", "supervisor"}
        }
        fields["unit_id"] = units[values["unit_code"]].pk
        fields["position_id"] = positions[values["position_code"]].pk
        current = existing.get(values["staff_id"])
        # The supervisor is set in a second pass, once everyone in the file exists.
        fields["supervisor_id"] = current.supervisor_id if current else None
        existing[values["staff_id"]] = upsert.put(current, fields, lambda: Person(agency=agency))
    upsert.flush()
    second = []
    for _number, values in rows:
        person = existing[values["staff_id"]]
        boss = existing.get(values["supervisor_staff_id"] or "")
        boss_id = boss.pk if boss else None
        if person.supervisor_id == boss_id:
            continue
        old_boss = person.supervisor_id
        person.supervisor_id = boss_id
        second.append(person)
        untouched = all(p is not person for p, _b in upsert.to_update)
        if untouched and all(p is not person for p in upsert.to_create):
            before = {**snapshot(person, PERSON_FIELDS), "supervisor": old_boss}
            upsert.to_update.append((person, before))
            upsert.counts.unchanged -= 1
    Person.objects.bulk_update(second, ["supervisor"], batch_size=1000)
    return upsert


WRITERS: dict[Kind, Callable[[list[Row], Agency], _Upsert]] = {
    Kind.UNITS: _write_units,
    Kind.POSITIONS: _write_positions,
    Kind.PEOPLE: _write_people,
}
