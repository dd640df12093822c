"""Readiness for off-site work: recorded by the person or HR; gaps per unit, exportable."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.test import Client
from openpyxl import load_workbook

from govflex.common.errors import AccessDenied, ValidationFailed
from govflex.org.access import access_for
from govflex.policies.readiness import gaps_by_unit, readiness_set
from tests.factories import PersonFactory, UserFactory

READY = {
    "device": "agency",
    "remote_access": True,
    "e_signature": True,
    "e_saraban": True,
    "secure_storage": True,
    "training": True,
}


def test_the_person_or_hr_records_and_gaps_are_counted(org: dict[str, Any], hr: Any) -> None:
    first = PersonFactory(unit=org["unit_a"], position=org["position"], user=UserFactory())
    second = PersonFactory(unit=org["unit_a1"], position=org["position"], user=UserFactory())
    PersonFactory(unit=org["unit_a1"], position=org["position"])  # no record yet
    readiness_set(actor=first.user, person=first, **READY)
    readiness_set(actor=hr, person=second, **{**READY, "device": "none", "training": False})
    with pytest.raises(AccessDenied):
        readiness_set(actor=first.user, person=second, **READY)
    with pytest.raises(ValidationFailed):
        readiness_set(actor=hr, person=second, **{**READY, "device": "tablet"})
    rows = {row["unit"].pk: row for row in gaps_by_unit(access=access_for(hr), unit=org["unit_a"])}
    sub = rows[org["unit_a1"].pk]
    assert (sub["people"], sub["unrecorded"]) == (3, 2)  # with the fixture's person_a1
    assert sub["missing"]["device"] == 1
    assert sub["missing"]["training"] == 1
    assert sum(rows[org["unit_a"].pk]["cells"]) == 0


def test_pages_and_export(org: dict[str, Any], hr: Any) -> None:
    person = PersonFactory(unit=org["unit_a"], position=org["position"], user=UserFactory())
    own = Client(HTTP_ACCEPT_LANGUAGE="th")
    own.force_login(person.user)
    response = own.post(
        "/policies/readiness/me/", {"device": "own", "remote_access": "on", "training": "on"}
    )
    assert response.status_code == 302
    assert "ยังขาด" in own.get("/policies/readiness/me/").content.decode()
    manager = Client()
    manager.force_login(hr)
    sheet = manager.get(f"/policies/readiness/?unit={org['unit_a'].pk}&format=xlsx")
    workbook = load_workbook(io.BytesIO(sheet.content))
    values = list(workbook.active.values)  # type: ignore[union-attr]
    assert values[1][1] >= 1
    other = PersonFactory(unit=org["unit_b"], position=org["position"], user=UserFactory())
    assert own.get(f"/policies/readiness/people/{other.pk}/").status_code == 404
