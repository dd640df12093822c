"""Who decides a person's requests (corrections, leave): their supervisor — the direct one or
whoever leads their unit — or the agency's HR officers; never the person themselves."""

from __future__ import annotations

from django.db.models import Q

from govflex.org.access import Access
from govflex.org.models import Person, Role


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
