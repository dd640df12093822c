"""Who decides a person's requests (corrections, leave): their supervisor — the direct one or
whoever leads their unit — or the agency's HR officers; never the person themselves."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db.models import Q

from govflex.org.access import Access
from govflex.org.models import Person, Role, RoleGrant, Unit


def may_decide_for(access: Access, person: Person) -> bool:
    if access.person_id == person.pk:
        return False
    if access.has_role(person.agency_id, Role.HR):
        return True
    if person.supervisor_id is not None and person.supervisor_id == access.person_id:
        return True
    paths = access.supervised_paths.get(person.agency_id, ())
    return any(person.unit.path.startswith(path) for path in paths)


def decidable(access: Access, prefix: str = "person__") -> Q:
    """Q over a model with a ``person`` for the people whose requests the user decides."""
    if access.is_admin:
        return Q()
    condition = Q(pk__in=[])
    hr = [a for a in access.roles if access.has_role(a, Role.HR)]
    if hr:
        condition |= Q(**{f"{prefix}agency_id__in": hr})
    if access.person_id is not None:
        condition |= Q(**{f"{prefix}supervisor_id": access.person_id})
    for agency_id, paths in access.supervised_paths.items():
        for path in paths:
            condition |= Q(
                **{f"{prefix}agency_id": agency_id, f"{prefix}unit__path__startswith": path}
            )
    if access.person_id is not None:
        condition &= ~Q(**{f"{prefix}pk": access.person_id})
    return condition


def supervisor_users(people: Iterable[Person]) -> dict[int, list[Any]]:
    """Whom to tell about each person (escalations): their direct supervisor, else whoever
    leads their unit or the nearest unit above it — never the person themselves.

    Three queries for any number of people (contact checks, roll calls).
    """
    people = [p for p in people if p is not None]
    paths = dict(Unit.objects.filter(pk__in={p.unit_id for p in people}).values_list("pk", "path"))
    direct = {
        p.pk: p.user
        for p in Person.objects.filter(
            pk__in={p.supervisor_id for p in people if p.supervisor_id}, user__isnull=False
        ).select_related("user")
    }
    ancestors = {
        int(part) for path in paths.values() for part in path.strip("/").split("/") if part
    }
    leaders: dict[int, list[Any]] = defaultdict(list)
    for grant in RoleGrant.objects.filter(
        role=Role.SUPERVISOR, unit_id__in=ancestors
    ).select_related("user"):
        if grant.unit_id is not None:
            leaders[grant.unit_id].append(grant.user)
    found: dict[int, list[Any]] = {}
    for person in people:
        boss = direct.get(person.supervisor_id) if person.supervisor_id else None
        if boss is not None and boss.pk != person.user_id:
            found[person.pk] = [boss]
            continue
        found[person.pk] = []
        chain = [int(part) for part in paths.get(person.unit_id, "").strip("/").split("/") if part]
        for unit_id in reversed(chain):
            users = [u for u in leaders.get(unit_id, []) if u.pk != person.user_id]
            if users:
                found[person.pk] = users
                break
    return found
