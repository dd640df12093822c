"""Who may see and change what: roles resolved into an :class:`Access` for one user.

Scopes (issue 2, roles and scoping):
- staff: their own person record and their agency's structure (units, positions, sites);
- supervisor: people in the unit subtree they lead;
- HR officer: the whole agency, read and write;
- executive: the whole agency, read;
- auditor: the whole agency, read only, plus the audit log;
- system administrator (``is_superuser``): every agency.
Services and selectors call these checks; views and API endpoints never decide by themselves.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet

from govflex.common.errors import AccessDenied
from govflex.org.models import Person, Role, RoleGrant, Unit

_AGENCY_WIDE_READ = frozenset({Role.HR, Role.EXECUTIVE, Role.AUDITOR})


@dataclass(frozen=True)
class Access:
    user_id: int | None
    is_admin: bool = False
    person_id: int | None = None
    home_agency_id: int | None = None
    roles: dict[int, frozenset[str]] = field(default_factory=dict)
    # agency ID → unit paths of the subtrees this user leads as a supervisor
    supervised_paths: dict[int, tuple[str, ...]] = field(default_factory=dict)

    # -------------------------------------------------------------- role questions
    def agencies(self) -> set[int]:
        ids = set(self.roles)
        if self.home_agency_id is not None:
            ids.add(self.home_agency_id)
        return ids

    def has_role(self, agency_id: int, *roles: str) -> bool:
        return self.is_admin or bool(self.roles.get(agency_id, frozenset()) & set(roles))

    def role_labels(self) -> list[str]:
        labels = {role for roles in self.roles.values() for role in roles}
        return sorted(labels)

    def is_agency_reader(self, agency_id: int) -> bool:
        return self.has_role(agency_id, *_AGENCY_WIDE_READ)

    def can_manage_org(self, agency_id: int) -> bool:
        return self.has_role(agency_id, Role.HR)

    def can_view_audit(self, agency_id: int | None) -> bool:
        if self.is_admin:
            return True
        return agency_id is not None and self.has_role(agency_id, Role.AUDITOR)

    def can_view_structure(self, agency_id: int) -> bool:
        return self.is_admin or agency_id in self.agencies()

    def can_view_person(self, person: Person) -> bool:
        if self.is_admin or person.pk == self.person_id:
            return True
        if self.is_agency_reader(person.agency_id):
            return True
        unit_path = person.unit.path
        return any(unit_path.startswith(p) for p in self.supervised_paths.get(person.agency_id, ()))

    # -------------------------------------------------------------- scoping querysets
    def agency_filter(self, field_name: str = "agency_id") -> Q:
        if self.is_admin:
            return Q()
        return Q(**{f"{field_name}__in": sorted(self.agencies())})

    def people_filter(self, prefix: str = "") -> Q:
        """Q over Person (or a model reaching Person via ``prefix``) for the people in scope."""
        if self.is_admin:
            return Q()
        condition = Q(pk__in=[])
        readers = [a for a in self.roles if self.is_agency_reader(a)]
        if readers:
            condition |= Q(**{f"{prefix}agency_id__in": readers})
        for agency_id, paths in self.supervised_paths.items():
            for path in paths:
                condition |= Q(
                    **{f"{prefix}agency_id": agency_id, f"{prefix}unit__path__startswith": path}
                )
        if self.person_id is not None:
            condition |= Q(**{f"{prefix}pk": self.person_id})
        return condition

    def scope_people(self, queryset: QuerySet[Person]) -> QuerySet[Person]:
        return queryset.filter(self.people_filter())

    # -------------------------------------------------------------- assertions
    def require(self, allowed: bool) -> None:
        if not allowed:
            raise AccessDenied


ANONYMOUS = Access(user_id=None)


def access_for(user: Any) -> Access:
    """The user's access, computed once per user object (one request)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return ANONYMOUS
    cached = getattr(user, "_govflex_access", None)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    access = _build_access(user)
    user._govflex_access = access
    return access


def forget_access(user: Any) -> None:
    """Drop the cached access after the user's roles change."""
    if hasattr(user, "_govflex_access"):
        del user._govflex_access


def _build_access(user: Any) -> Access:
    person = Person.objects.filter(user_id=user.pk).only("id", "agency_id").first()
    roles: dict[int, set[str]] = {}
    supervised: dict[int, list[str]] = {}
    grants = RoleGrant.objects.filter(user_id=user.pk).select_related("unit")
    for grant in grants:
        roles.setdefault(grant.agency_id, set()).add(grant.role)
        if grant.role == Role.SUPERVISOR and grant.unit is not None:
            supervised.setdefault(grant.agency_id, []).append(grant.unit.path)
    if person is not None:
        roles.setdefault(person.agency_id, set()).add(Role.STAFF)
    return Access(
        user_id=user.pk,
        is_admin=bool(user.is_superuser),
        person_id=person.pk if person else None,
        home_agency_id=person.agency_id if person else None,
        roles={a: frozenset(r) for a, r in roles.items()},
        supervised_paths={a: _minimal_paths(p) for a, p in supervised.items()},
    )


def _minimal_paths(paths: Iterable[str]) -> tuple[str, ...]:
    """Drop paths already inside another supervised subtree."""
    result: list[str] = []
    for path in sorted(set(paths), key=len):
        if not any(path.startswith(kept) for kept in result):
            result.append(path)
    return tuple(result)


def units_in_subtree(unit: Unit) -> QuerySet[Unit]:
    return Unit.objects.filter(agency_id=unit.agency_id, path__startswith=unit.path)
