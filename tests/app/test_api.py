"""API foundation: tokens, one error format in Thai and English, pagination, OpenAPI."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from govflex.accounts.models import ApiToken
from govflex.accounts.services import api_token_create, api_token_revoke


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_token_is_stored_hashed_and_authenticates(hr: Any, org: dict[str, Any]) -> None:
    token, plain = api_token_create(user=hr, name="integration", days=30)
    assert plain.startswith("gf_")
    assert plain.split("_", 2)[2] not in token.secret_hash
    response = Client().get("/api/v1/people", headers=bearer(plain))
    assert response.status_code == 200
    assert response.json()["count"] == 3  # agency A's people


@pytest.mark.parametrize("state", ["revoked", "expired", "wrong-secret", "garbage"])
def test_unusable_tokens_get_401(hr: Any, state: str) -> None:
    token, plain = api_token_create(user=hr, name="t", days=30)
    if state == "revoked":
        api_token_revoke(user=hr, token_id=token.pk)
    elif state == "expired":
        ApiToken.objects.filter(pk=token.pk).update(
            expires_at=timezone.now() - dt.timedelta(seconds=1)
        )
    elif state == "wrong-secret":
        plain = plain[:-4] + "AAAA"
    else:
        plain = "not-a-token"
    response = Client().get("/api/v1/people", headers=bearer(plain))
    assert response.status_code == 401
    assert set(response.json()) == {"code", "message", "details"}


def test_invalid_fields_get_422_with_field_errors(hr: Any, org: dict[str, Any]) -> None:
    _token, plain = api_token_create(user=hr, name="t", days=30)
    response = Client().post(
        "/api/v1/people",
        data=json.dumps({"staff_id": "", "staff_category": "astronaut"}),
        content_type="application/json",
        headers=bearer(plain),
    )
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "validation_error"
    assert {"staff_id", "staff_category", "first_name_th"} <= set(body["details"]["fields"])


def test_unknown_reference_is_a_422_naming_the_field(hr: Any, org: dict[str, Any]) -> None:
    _token, plain = api_token_create(user=hr, name="t", days=30)
    payload = {
        "staff_id": "9",
        "first_name_th": "ก",
        "last_name_th": "ข",
        "staff_category": "civil_servant",
        "unit_code": "NOPE",
        "position_code": "P1",
    }
    response = Client().post(
        "/api/v1/people",
        data=json.dumps(payload),
        content_type="application/json",
        headers=bearer(plain),
    )
    assert response.status_code == 422
    assert "unit_code" in response.json()["details"]["fields"]


def test_malformed_json_is_not_a_500(hr: Any) -> None:
    _token, plain = api_token_create(user=hr, name="t", days=30)
    response = Client().post(
        "/api/v1/units", data="{not json", content_type="application/json", headers=bearer(plain)
    )
    assert response.status_code in {400, 422}
    assert "code" in response.json()


def test_error_messages_follow_accept_language(hr: Any) -> None:
    _token, plain = api_token_create(user=hr, name="t", days=30)
    thai = Client().get("/api/v1/people/999999", headers=bearer(plain))
    english = Client().get(
        "/api/v1/people/999999", headers={**bearer(plain), "Accept-Language": "en"}
    )
    assert thai.status_code == english.status_code == 404
    assert english.json()["message"] == "The item was not found or is outside your scope."
    assert thai.json()["message"] != english.json()["message"]


def test_pagination_limits_and_counts(hr: Any, org: dict[str, Any]) -> None:
    client = Client()
    client.force_login(hr)
    page = client.get("/api/v1/people?limit=2&offset=0").json()
    assert page["count"] == 3
    assert len(page["items"]) == 2
    rest = client.get("/api/v1/people?limit=2&offset=2").json()
    assert len(rest["items"]) == 1


def test_hr_creates_and_updates_a_person_by_codes(hr: Any, org: dict[str, Any]) -> None:
    client = Client()
    client.force_login(hr)
    payload = {
        "staff_id": "123",
        "first_name_th": "ทดลอง",
        "last_name_th": "ระบบ",
        "staff_category": "government_employee",
        "unit_code": "A1",
        "position_code": "P1",
        "supervisor_staff_id": org["person_a"].staff_id,
        "start_date": "2026-03-05",
    }
    created = client.post(
        "/api/v1/people", data=json.dumps(payload), content_type="application/json"
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["unit_code"] == "A1"
    assert body["supervisor_id"] == org["person_a"].pk
    payload["unit_code"] = "B"
    updated = client.put(
        f"/api/v1/people/{body['id']}", data=json.dumps(payload), content_type="application/json"
    )
    assert updated.json()["unit_code"] == "B"


def test_openapi_schema_and_docs_page(hr: Any) -> None:
    client = Client()
    schema = client.get("/api/v1/openapi.json")
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    for path in (
        "/api/v1/people",
        "/api/v1/units",
        "/api/v1/positions",
        "/api/v1/work-sites",
        "/api/v1/agencies",
        "/api/v1/imports",
    ):
        assert path in paths
    client.force_login(hr)
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200
    # Every asset is served by us (no CDN); a bare "cdn" search would also hit the random
    # CSRF token embedded in the page.
    assets = re.findall(rb'(?:src|href)="([^"]+)"', docs.content)
    assert assets
    assert all(url.startswith(b"/") for url in assets), assets


def test_session_writes_need_csrf(hr: Any, org: dict[str, Any]) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(hr)
    response = client.post(
        "/api/v1/units",
        data=json.dumps({"code": "N", "name_th": "ใหม่"}),
        content_type="application/json",
    )
    assert response.status_code in {401, 403}
