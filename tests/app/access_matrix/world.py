"""The world the matrix walks: two agencies, one user per role, and objects of every kind in
three places — "in" (owned by the staff member, inside the supervisor's subtree A of agency A),
"out" (unit B of agency A, outside the supervisor's subtree) and "foreign" (agency B).

Agency A: units H (head office), A (led by the supervisor) with A1 (the staff member's unit), B.
Agency B: unit X (its HR officer is the "other" role). The "central" role is a staff member of
agency A holding the national-view permission (the central agency's reporters)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import Permission
from django.test import Client

from govflex.org.models import Role, RoleGrant
from tests.factories import (
    AgencyFactory,
    PersonFactory,
    PositionFactory,
    UnitFactory,
    UserFactory,
    WorkSiteFactory,
    grant,
)

ROLES = ("anonymous", "staff", "supervisor", "hr", "executive", "auditor", "admin", "other")
ROLES += ("central",)
VARIANTS = ("in", "out", "foreign")
MISSING_ID = 987654321  # an ID no object has: the answer for it must equal a foreign object's


@dataclass
class Place:
    """Where one variant's objects live, and who manages them there."""

    agency: Any
    unit: Any
    person: Any  # the owner of personal objects (corrections, leave, tokens...)
    manager: Any  # a user allowed to create things in the agency (its HR officer)
    boss: Any  # the owner's supervisor (a user)
    site: Any
    position: Any


@dataclass
class World:
    places: dict[str, Place]
    users: dict[str, Any]
    objects: dict[str, dict[str, Any]] = field(default_factory=dict)  # kind → variant → object
    secrets: dict[str, dict[str, str]] = field(default_factory=dict)  # kind → variant → secret
    markers: dict[str, str] = field(default_factory=dict)  # variant → text only its objects bear
    clients: dict[str, Client] = field(default_factory=dict)

    def add(self, kind: str, **by_variant: Any) -> None:
        self.objects[kind] = by_variant

    def client(self, role: str) -> Client:
        if role not in self.clients:
            client = Client(raise_request_exception=False)
            if self.users.get(role) is not None:
                client.force_login(self.users[role])
            self.clients[role] = client
        return self.clients[role]


def build_people() -> World:
    agency, other = AgencyFactory(code="mx-a"), AgencyFactory(code="mx-b")
    site_a = WorkSiteFactory(agency=agency, code="SA")
    site_x = WorkSiteFactory(agency=other, code="SX")
    head = UnitFactory(agency=agency, code="H", work_site=site_a)
    unit_a = UnitFactory(agency=agency, code="A", work_site=site_a)
    unit_a1 = UnitFactory(agency=agency, parent=unit_a, code="A1", work_site=site_a)
    unit_b = UnitFactory(agency=agency, code="B", work_site=site_a)
    unit_x = UnitFactory(agency=other, code="X", work_site=site_x)
    position = PositionFactory(agency=agency, code="P1")
    position_x = PositionFactory(agency=other, code="PX")

    def person(unit: Any, pos: Any = position, **extra: Any) -> Any:
        return PersonFactory(unit=unit, position=pos, user=UserFactory(), **extra)

    sup_person = person(unit_a)
    staff_person = person(unit_a1, supervisor=sup_person)
    b_boss = person(unit_b)
    person_b = person(unit_b, supervisor=b_boss)
    x_boss = person(unit_x, position_x)
    foreign_person = person(unit_x, position_x, supervisor=x_boss)
    hr_person, exec_person, aud_person, central_person = (person(head) for _ in range(4))
    other_person = person(unit_x, position_x)
    grant(sup_person.user, agency, Role.SUPERVISOR, unit_a)
    grant(b_boss.user, agency, Role.SUPERVISOR, unit_b)
    grant(x_boss.user, other, Role.SUPERVISOR, unit_x)
    grant(hr_person.user, agency, Role.HR)
    grant(exec_person.user, agency, Role.EXECUTIVE)
    grant(aud_person.user, agency, Role.AUDITOR)
    grant(other_person.user, other, Role.HR)
    central_person.user.user_permissions.add(
        Permission.objects.get(codename="view_reportedagencyday")
    )
    admin = UserFactory(is_superuser=True, is_staff=True)
    users = {
        "anonymous": None,
        "staff": staff_person.user,
        "supervisor": sup_person.user,
        "hr": hr_person.user,
        "executive": exec_person.user,
        "auditor": aud_person.user,
        "admin": admin,
        "other": other_person.user,
        "central": central_person.user,
    }
    places = {
        "in": Place(
            agency, unit_a1, staff_person, hr_person.user, sup_person.user, site_a, position
        ),
        "out": Place(agency, unit_b, person_b, hr_person.user, b_boss.user, site_a, position),
        "foreign": Place(
            other, unit_x, foreign_person, other_person.user, x_boss.user, site_x, position_x
        ),
    }
    world = World(places, users)
    world.add("agency", **{"in": agency, "foreign": other})
    world.add("unit", **{v: p.unit for v, p in places.items()})
    world.add("person", **{v: p.person for v, p in places.items()})
    world.add("position", **{"in": position, "foreign": position_x})
    world.add("site", **{"in": site_a, "foreign": site_x})
    grants = {
        v: RoleGrant.objects.get(user=p.boss, role=Role.SUPERVISOR) for v, p in places.items()
    }
    world.add("grant", **grants)
    world.add("grant_holder", **{v: g.user.person for v, g in grants.items()})
    world.markers = {"in": "", "out": "", "foreign": ""}
    return world


def monday_after(day: dt.date, weeks: int = 1) -> dt.date:
    return day + dt.timedelta(days=7 * weeks - day.weekday())
