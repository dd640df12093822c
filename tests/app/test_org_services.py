"""Organisation services: the unit tree stays consistent, references stay in the agency."""

from __future__ import annotations

from typing import Any

import pytest

from govflex.common.errors import AccessDenied, ValidationFailed
from govflex.org import services
from govflex.org.models import Role, Unit
from tests.factories import PersonFactory, UnitFactory, UserFactory, grant


def test_moving_a_unit_moves_its_whole_subtree(hr: Any, org: dict[str, Any]) -> None:
    a, a1, b = org["unit_a"], org["unit_a1"], org["unit_b"]
    grandchild = UnitFactory(agency=org["agency"], parent=a1, code="A1x")
    services.unit_save(actor=hr, agency=org["agency"], data={"parent": b}, unit=a)
    a.refresh_from_db()
    a1.refresh_from_db()
    grandchild.refresh_from_db()
    assert a.path == f"{b.path}{a.pk}/"
    assert a1.path == f"{a.path}{a1.pk}/"
    assert grandchild.path == f"{a1.path}{grandchild.pk}/"
    assert grandchild.depth == 3


def test_a_unit_cannot_move_under_its_own_descendant(hr: Any, org: dict[str, Any]) -> None:
    with pytest.raises(ValidationFailed) as caught:
        services.unit_save(
            actor=hr, agency=org["agency"], data={"parent": org["unit_a1"]}, unit=org["unit_a"]
        )
    assert "parent" in caught.value.details["fields"]


def test_new_unit_gets_its_path(hr: Any, org: dict[str, Any]) -> None:
    unit = services.unit_save(
        actor=hr,
        agency=org["agency"],
        data={"code": "N1", "name_th": "ใหม่", "parent": org["unit_b"]},
    )
    assert unit.path == f"{org['unit_b'].path}{unit.pk}/"


def test_duplicate_unit_code_is_a_field_error(hr: Any, org: dict[str, Any]) -> None:
    with pytest.raises(ValidationFailed) as caught:
        services.unit_save(actor=hr, agency=org["agency"], data={"code": "A", "name_th": "ซ้ำ"})
    assert caught.value.details["fields"]


def test_parent_from_another_agency_is_refused(hr: Any, org: dict[str, Any]) -> None:
    foreign = Unit.objects.get(agency=org["other"], code="X")
    with pytest.raises(ValidationFailed):
        services.unit_save(
            actor=hr, agency=org["agency"], data={"code": "N2", "name_th": "ใหม่", "parent": foreign}
        )


def test_a_supervision_loop_is_refused(hr: Any, org: dict[str, Any]) -> None:
    boss = org["person_a"]
    worker = PersonFactory(unit=org["unit_a"], position=org["position"], supervisor=boss)
    with pytest.raises(ValidationFailed) as caught:
        services.person_save(
            actor=hr, agency=org["agency"], data={"supervisor": worker}, person=boss
        )
    assert "supervisor" in caught.value.details["fields"]


def test_end_date_before_start_is_refused(hr: Any, org: dict[str, Any]) -> None:
    import datetime as dt

    with pytest.raises(ValidationFailed):
        services.person_save(
            actor=hr,
            agency=org["agency"],
            data={"start_date": dt.date(2026, 3, 5), "end_date": dt.date(2026, 3, 4)},
            person=org["person_a"],
        )


@pytest.mark.parametrize("role", [Role.SUPERVISOR, Role.EXECUTIVE, Role.AUDITOR])
def test_only_hr_changes_the_organisation(org: dict[str, Any], role: str) -> None:
    user = UserFactory()
    grant(user, org["agency"], role, org["unit_a"] if role == Role.SUPERVISOR else None)
    with pytest.raises(AccessDenied):
        services.unit_save(
            actor=user, agency=org["agency"], data={"name_th": "x"}, unit=org["unit_a"]
        )


def test_hr_edit_form_saves_through_the_service(hr: Any, org: dict[str, Any]) -> None:
    from django.test import Client

    client = Client()
    client.force_login(hr)
    person = org["person_a"]
    response = client.post(
        f"/org/people/{person.pk}/edit/",
        {
            "staff_id": person.staff_id,
            "first_name_th": "สมหญิง",
            "last_name_th": person.last_name_th,
            "staff_category": "civil_servant",
            "unit": org["unit_b"].pk,
            "position": org["position"].pk,
            "start_date": "05/03/2569",
        },
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.first_name_th == "สมหญิง"
    assert person.unit == org["unit_b"]
    assert str(person.start_date) == "2026-03-05"


def test_edit_form_shows_field_errors_and_keeps_input(hr: Any, org: dict[str, Any]) -> None:
    from django.test import Client

    client = Client()
    client.force_login(hr)
    person = org["person_a"]
    response = client.post(
        f"/org/people/{person.pk}/edit/",
        {
            "staff_id": person.staff_id,
            "first_name_th": "",
            "last_name_th": "x",
            "staff_category": "civil_servant",
            "unit": org["unit_a"].pk,
            "position": org["position"].pk,
            "start_date": "31/02/2569",
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "first_name_th" in form.errors
    assert "start_date" in form.errors
