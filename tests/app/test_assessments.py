"""Suitability assessments: HR answers, the rules recommend with reasons, HR accepts or decides
differently with a reason; bulk by position type; summary and export; per-person readiness."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.test import Client
from openpyxl import load_workbook

from govflex.common.errors import AccessDenied, ValidationFailed
from govflex.common.models import AuditEntry
from govflex.org.models import PositionType
from govflex.policies.assessments import (
    assessment_bulk,
    assessment_decide,
    assessment_record,
    matrix_set,
    summary_rows,
)
from govflex.policies.models import Assessment
from govflex.policies.readiness import readiness_set
from tests.factories import PersonFactory, PositionFactory, UserFactory

NEUTRAL = {
    "face_to_face_service": False,
    "service_fully_online": False,
    "on_site_equipment": False,
    "confidential_information": False,
    "supervises_others": False,
    "output_measurable": True,
    "digital_tools": True,
    "field_work": False,
}


@pytest.fixture
def counter_position(org: dict[str, Any]) -> Any:
    return PositionFactory(
        agency=org["agency"], code="PC1", position_type=PositionType.PUBLIC_CONTACT
    )


def test_face_to_face_service_rules_out_off_site_and_hr_decides(
    org: dict[str, Any], hr: Any, counter_position: Any
) -> None:
    assessment = assessment_record(
        actor=hr, position=counter_position, answers={**NEUTRAL, "face_to_face_service": True}
    )
    verdicts = {mode: value["suitability"] for mode, value in assessment.verdicts.items()}
    assert verdicts["staggered"] == "recommended"
    assert verdicts["off_site"] == "not_suitable"
    assert assessment.verdicts["off_site"]["reasons"]  # with the reasons in Thai and English
    with pytest.raises(ValidationFailed):  # deciding differently needs a reason
        assessment_decide(
            actor=hr, assessment_id=assessment.pk, decision={"off_site": "conditional"}
        )
    decided = assessment_decide(
        actor=hr,
        assessment_id=assessment.pk,
        decision={"off_site": "conditional"},
        reason="ให้บริการผ่านระบบออนไลน์ในบางวัน",
    )
    assert decided.status == Assessment.Status.OVERRIDDEN
    assert decided.decision["off_site"] == "conditional"
    assert AuditEntry.objects.filter(action="suitability.decided").exists()
    staff = PersonFactory(unit=org["unit_a"], position=counter_position, user=UserFactory())
    with pytest.raises(AccessDenied):
        assessment_record(actor=staff.user, position=counter_position, answers=NEUTRAL)


def test_a_persons_readiness_gaps_are_in_the_reasons(org: dict[str, Any], hr: Any) -> None:
    position = PositionFactory(agency=org["agency"], position_type=PositionType.SUPPORT)
    person = PersonFactory(unit=org["unit_a"], position=position, user=UserFactory())
    readiness_set(
        actor=person.user,
        person=person,
        device="none",
        remote_access=False,
        e_signature=True,
        e_saraban=True,
        secure_storage=True,
        training=True,
    )
    assessment = assessment_record(actor=hr, position=position, answers=NEUTRAL, person=person)
    assert assessment.answers["readiness_gaps"] == ["laptop", "vpn"]
    assert assessment.verdicts["off_site"]["suitability"] != "recommended"
    texts = " ".join(r["th"] for r in assessment.verdicts["off_site"]["reasons"])
    assert "VPN" in texts


def test_bulk_summary_export_and_matrix(org: dict[str, Any], hr: Any) -> None:
    for code in ("S1", "S2"):
        PositionFactory(agency=org["agency"], code=code, position_type=PositionType.SUPPORT)
    assert (
        assessment_bulk(
            actor=hr, agency=org["agency"], position_type=PositionType.SUPPORT, answers=NEUTRAL
        )
        >= 2
    )
    rows = {row.position.code: row for row in summary_rows(agency_id=org["agency"].pk)}
    assert rows["S1"].cells == ("recommended", "recommended", "recommended")
    with pytest.raises(ValidationFailed):
        matrix_set(actor=hr, agency=org["agency"], values={"support": {"recommended": ["fly"]}})
    matrix_set(
        actor=hr,
        agency=org["agency"],
        values={"support": {"recommended": ["staggered"], "conditional": ["off_site"]}},
    )
    again = assessment_bulk(
        actor=hr, agency=org["agency"], position_type=PositionType.SUPPORT, answers=NEUTRAL
    )
    assert again >= 2
    rows = {row.position.code: row for row in summary_rows(agency_id=org["agency"].pk)}
    assert rows["S1"].cells[2] == "conditional"  # the edited matrix is used
    client = Client(HTTP_ACCEPT_LANGUAGE="th")
    client.force_login(hr)
    page = client.get("/policies/assessments/").content.decode()
    assert "เหมาะสม" in page
    sheet = client.get("/policies/assessments/?format=xlsx")
    values = list(load_workbook(io.BytesIO(sheet.content)).active.values)  # type: ignore[union-attr]
    assert any(row[0] == "S1" for row in values)


def test_pages_for_one_position(org: dict[str, Any], hr: Any, counter_position: Any) -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE="th")
    client.force_login(hr)
    url = f"/policies/assessments/positions/{counter_position.pk}/"
    response = client.post(url, {"face_to_face_service": "on", "digital_tools": "on"})
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert 'id="verdict-off_site"' in page
    assessment = Assessment.objects.get()
    client.post(
        url,
        {
            "action": "decide",
            "decision-staggered": "recommended",
            "decision-counted_hours": assessment.verdicts["counted_hours"]["suitability"],
            "decision-off_site": "not_suitable",
        },
    )
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.ACCEPTED
    reader = Client()
    reader.force_login(PersonFactory(unit=org["unit_a"], user=UserFactory()).user)
    assert reader.get(url).status_code == 200  # staff may read
    assert reader.post(url, {"digital_tools": "on"}).status_code == 403


def test_api(org: dict[str, Any], hr: Any, counter_position: Any) -> None:
    import json

    client = Client()
    client.force_login(hr)
    made = client.post(
        f"/api/v1/positions/{counter_position.pk}/assessments",
        json.dumps({**NEUTRAL, "face_to_face_service": True}),
        content_type="application/json",
    )
    assert made.status_code == 201, made.content
    assessment_id = made.json()["id"]
    assert made.json()["verdicts"]["off_site"]["suitability"] == "not_suitable"
    refused = client.post(
        f"/api/v1/assessments/{assessment_id}/decide",
        json.dumps({"decision": {"off_site": "recommended"}}),
        content_type="application/json",
    )
    assert refused.status_code == 422
    accepted = client.post(
        f"/api/v1/assessments/{assessment_id}/decide",
        json.dumps({}),
        content_type="application/json",
    )
    assert accepted.json()["status"] == "accepted"
    summary = client.get(f"/api/v1/agencies/{org['agency'].pk}/assessments/summary").json()
    row = next(r for r in summary if r["position_id"] == counter_position.pk)
    assert row["modes"]["off_site"] == "not_suitable"
    matrix = client.get(f"/api/v1/agencies/{org['agency'].pk}/suitability-matrix").json()
    assert "public_contact" in matrix
    bad = client.put(
        f"/api/v1/agencies/{org['agency'].pk}/suitability-matrix",
        json.dumps({"nobody": {"recommended": []}}),
        content_type="application/json",
    )
    assert bad.status_code == 422
    person = PersonFactory(unit=org["unit_a"], position=counter_position, user=UserFactory())
    own = Client()
    own.force_login(person.user)
    saved = own.put(
        f"/api/v1/people/{person.pk}/readiness",
        json.dumps({"device": "own", "remote_access": True}),
        content_type="application/json",
    ).json()
    assert "device" not in saved["gaps"]
    assert "training" in saved["gaps"]


def test_matrix_edited_on_the_page(org: dict[str, Any], hr: Any) -> None:
    from govflex.core.enums import PositionType as CorePositionType
    from govflex.core.enums import WorkMode
    from govflex.policies.assessments import matrix_for

    client = Client(HTTP_ACCEPT_LANGUAGE="th")
    client.force_login(hr)
    data = {"action": "matrix"}
    for position_type in PositionType.values:
        for mode in ("staggered", "counted_hours", "off_site"):
            data[f"matrix-{position_type}-{mode}"] = "recommended"
    data["matrix-support-off_site"] = ""
    assert client.post("/policies/assessments/", data).status_code == 302
    recommended, conditional = matrix_for(org["agency"].pk)[CorePositionType.SUPPORT]
    assert WorkMode.OFF_SITE not in recommended | conditional
