"""The scoping matrix: for web pages and API endpoints, each role sees and changes exactly
its scope — a supervisor of unit A never reaches unit B, nobody reaches another agency."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from govflex.org.models import Role
from tests.factories import PersonFactory, UserFactory, grant

PEOPLE = ("person_a", "person_a1", "person_b", "foreign")

# role → which of PEOPLE it may see, and which it may change
MATRIX: dict[str, tuple[set[str], set[str]]] = {
    "staff": ({"self"}, set()),
    "supervisor_a": ({"person_a", "person_a1", "self"}, set()),
    "hr": (
        {"person_a", "person_a1", "person_b", "self"},
        {"person_a", "person_a1", "person_b", "self"},
    ),
    "executive": ({"person_a", "person_a1", "person_b", "self"}, set()),
    "auditor": ({"person_a", "person_a1", "person_b", "self"}, set()),
    "hr_other_agency": ({"foreign"}, {"foreign"}),
    "admin": (set(PEOPLE) | {"self"}, set(PEOPLE)),
}


def make_user(role: str, org: dict[str, Any]) -> tuple[Any, Any]:
    """The user, and their own person record (None when they have none)."""
    agency, user = org["agency"], UserFactory()
    if role == "admin":
        user.is_superuser = True
        user.save()
        return user, None
    if role == "hr_other_agency":
        grant(user, org["other"], Role.HR)
        return user, None
    home = {"staff": org["unit_a1"], "supervisor_a": org["unit_a"]}.get(role, org["unit_b"])
    me = PersonFactory(unit=home, position=org["position"], user=user)
    if role == "supervisor_a":
        grant(user, agency, Role.SUPERVISOR, org["unit_a"])
    elif role in {"hr", "executive", "auditor"}:
        grant(user, agency, role)
    return user, me


def targets(org: dict[str, Any], me: Any) -> dict[str, Any]:
    found = {name: org[name] for name in PEOPLE}
    if me is not None:
        found["self"] = me
    return found


def person_payload(person: Any) -> dict[str, Any]:
    return {
        "staff_id": person.staff_id,
        "first_name_th": "แก้ไข",
        "last_name_th": person.last_name_th,
        "staff_category": person.staff_category,
        "unit_code": person.unit.code,
        "position_code": person.position.code,
    }


@pytest.mark.parametrize("role", sorted(MATRIX))
def test_person_pages_and_api_respect_scope(role: str, org: dict[str, Any]) -> None:
    user, me = make_user(role, org)
    client = Client()
    client.force_login(user)
    visible, writable = MATRIX[role]
    for name, person in targets(org, me).items():
        expect_visible = name in visible
        page = client.get(f"/org/people/{person.pk}/")
        api = client.get(f"/api/v1/people/{person.pk}")
        assert page.status_code == (200 if expect_visible else 404), (role, name, "page")
        assert api.status_code == (200 if expect_visible else 404), (role, name, "api")
        edit_page = client.get(f"/org/people/{person.pk}/edit/")
        put = client.put(
            f"/api/v1/people/{person.pk}",
            data=json.dumps(person_payload(person)),
            content_type="application/json",
        )
        if name in writable:
            assert edit_page.status_code == 200, (role, name, "edit page")
            assert put.status_code == 200, (role, name, put.content)
        else:
            denied = 403 if expect_visible else 404
            assert edit_page.status_code == denied, (role, name, "edit page")
            assert put.status_code == denied, (role, name, "put")
            assert put.json()["code"] in {"forbidden", "not_found"}


@pytest.mark.parametrize("role", sorted(MATRIX))
def test_people_lists_contain_only_scope(role: str, org: dict[str, Any]) -> None:
    user, me = make_user(role, org)
    client = Client()
    client.force_login(user)
    visible = MATRIX[role][0]
    expected = {p.staff_id for n, p in targets(org, me).items() if n in visible}
    api_ids: set[str] = set()
    for agency in (org["agency"], org["other"]):
        body = client.get(f"/api/v1/people?agency_id={agency.pk}&limit=1000").json()
        api_ids |= {row["staff_id"] for row in body.get("items", [])}
    assert api_ids == expected
    page = client.get("/org/people/")
    if page.status_code == 200:
        shown = {p.staff_id for p in page.context["page_obj"]}
        assert shown <= expected


def test_supervisor_cannot_browse_other_units_people(org: dict[str, Any]) -> None:
    user, _me = make_user("supervisor_a", org)
    client = Client()
    client.force_login(user)
    page = client.get(f"/org/units/{org['unit_b'].pk}/")
    assert page.status_code == 200  # the structure is visible to the whole agency
    assert list(page.context["page_obj"]) == []  # but not the people in it
    filtered = client.get(f"/api/v1/people?unit={org['unit_b'].pk}").json()
    assert filtered["items"] == []


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/units/{foreign_unit}",
        "/api/v1/positions/{foreign_position}",
        "/api/v1/agencies/{other}",
        "/org/units/{foreign_unit}/",
    ],
)
def test_nobody_reaches_another_agency(org: dict[str, Any], path: str) -> None:
    user, _me = make_user("hr", org)
    client = Client()
    client.force_login(user)
    url = path.format(
        foreign_unit=org["foreign"].unit_id,
        foreign_position=org["foreign"].position_id,
        other=org["other"].pk,
    )
    assert client.get(url).status_code == 404


def test_hr_cannot_create_in_another_agency(org: dict[str, Any]) -> None:
    user, _me = make_user("hr", org)
    client = Client()
    client.force_login(user)
    response = client.post(
        "/api/v1/units",
        data=json.dumps({"agency_id": org["other"].pk, "code": "Z", "name_th": "หน่วยแปลกปลอม"}),
        content_type="application/json",
    )
    assert response.status_code == 404
    assert not org["other"].units.filter(code="Z").exists()


def test_anonymous_is_sent_to_sign_in_and_api_says_401(org: dict[str, Any]) -> None:
    client = Client()
    assert client.get("/org/people/").status_code == 302
    response = client.get("/api/v1/people")
    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"
