"""API security (issue 10, point 2): token scopes and expiry, rate limits, CORS closed."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from govflex.accounts.models import ApiToken
from govflex.accounts.scopes import GROUP_LABELS, group_of
from govflex.accounts.services import api_token_create


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    cache.clear()


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


# ------------------------------------------------------------------ scopes
def test_a_read_only_token_reads_but_cannot_write(hr: Any, org: dict[str, Any]) -> None:
    _token, plain = api_token_create(user=hr, name="reader", days=30, access="read")
    client = Client()
    assert client.get("/api/v1/people", headers=bearer(plain)).status_code == 200
    response = client.post(
        "/api/v1/units",
        data=json.dumps({"agency_id": org["agency"].pk, "code": "N1", "name_th": "ใหม่"}),
        content_type="application/json",
        headers={**bearer(plain), "Accept-Language": "en"},
    )
    assert response.status_code == 403
    body = response.json()
    assert body["code"] == "token_scope"
    assert "read-only" in body["message"]
    assert set(body) == {"code", "message", "details"}


def test_a_write_token_writes(hr: Any, org: dict[str, Any]) -> None:
    _token, plain = api_token_create(user=hr, name="writer", days=30, access="write")
    response = Client().post(
        "/api/v1/units",
        data=json.dumps({"agency_id": org["agency"].pk, "code": "N2", "name_th": "ใหม่"}),
        content_type="application/json",
        headers=bearer(plain),
    )
    assert response.status_code in {200, 201}, response.content


def test_a_token_limited_to_attendance_cannot_read_people(hr: Any, org: dict[str, Any]) -> None:
    _token, plain = api_token_create(
        user=hr, name="att", days=30, access="read", resources=["attendance"]
    )
    client = Client()
    refused = client.get("/api/v1/people", headers={**bearer(plain), "Accept-Language": "en"})
    assert refused.status_code == 403
    assert refused.json()["details"]["resource_group"] == "org"
    assert client.get("/api/v1/day-results", headers=bearer(plain)).status_code == 200


def test_scope_never_widens_the_owners_roles(org: dict[str, Any]) -> None:
    from tests.factories import PersonFactory, UserFactory

    user = UserFactory()
    PersonFactory(unit=org["unit_a"], user=user)
    _token, plain = api_token_create(user=user, name="w", days=30, access="write")
    response = Client().post(
        "/api/v1/units",
        data=json.dumps({"agency_id": org["agency"].pk, "code": "N3", "name_th": "ใหม่"}),
        content_type="application/json",
        headers=bearer(plain),
    )
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"


def test_the_message_is_thai_by_default(hr: Any, org: dict[str, Any]) -> None:
    _token, plain = api_token_create(user=hr, name="reader", days=30, access="read")
    response = Client().delete("/api/v1/me/tokens/1", headers=bearer(plain))
    assert response.status_code == 403
    assert "อ่าน" in response.json()["message"]


def test_the_web_form_creates_a_scoped_read_only_token_by_default(hr: Any) -> None:
    client = Client()
    client.force_login(hr)
    page = client.get("/accounts/preferences/")
    assert 'value="read" checked' in page.content.decode().replace("\n", " ") or (
        page.context["token_form"]["access"].initial == "read"
    )
    client.post(
        "/accounts/tokens/",
        {"name": "sync", "days": 10, "access": "read", "resources": ["attendance", "org"]},
    )
    token = ApiToken.objects.get(user=hr, name="sync")
    assert token.access == "read"
    assert token.resources == ["attendance", "org"]
    assert token.expires_at - timezone.now() < dt.timedelta(days=10, minutes=1)


def test_unknown_resource_groups_are_refused(hr: Any) -> None:
    from govflex.common.errors import ValidationFailed

    with pytest.raises(ValidationFailed):
        api_token_create(user=hr, name="x", days=5, resources=["everything"])


def test_an_expired_token_is_refused(hr: Any) -> None:
    token, plain = api_token_create(user=hr, name="old", days=1)
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now())
    assert Client().get("/api/v1/me", headers=bearer(plain)).status_code == 401


def test_every_api_operation_belongs_to_a_known_resource_group() -> None:
    """A new endpoint falls in its app's group, so a scoped token cannot reach past it."""
    from govflex.config.api import api

    groups = set()
    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                func = operation.view_func
                groups.add(group_of(getattr(func, "__wrapped__", func)))
    assert groups, "no operations found"
    assert groups <= set(GROUP_LABELS), groups - set(GROUP_LABELS)


# ------------------------------------------------------------------ rate limits
def test_rate_limit_per_token(hr: Any, settings: Any) -> None:
    settings.GOVFLEX_API_RATE_PER_TOKEN = 3
    _t1, first = api_token_create(user=hr, name="a", days=1)
    _t2, second = api_token_create(user=hr, name="b", days=1)
    client = Client()
    for _ in range(3):
        assert client.get("/api/v1/me", headers=bearer(first)).status_code == 200
    limited = client.get("/api/v1/me", headers={**bearer(first), "Accept-Language": "en"})
    assert limited.status_code == 429
    assert 1 <= int(limited["Retry-After"]) <= 61
    body = limited.json()
    assert body["code"] == "rate_limited"
    assert set(body) == {"code", "message", "details"}
    assert "Too many requests" in body["message"]
    assert client.get("/api/v1/me", headers=bearer(second)).status_code == 200


def test_rate_limit_per_address(hr: Any, settings: Any) -> None:
    settings.GOVFLEX_API_RATE_PER_ADDRESS = 2
    _t, plain = api_token_create(user=hr, name="a", days=1)
    busy = Client(REMOTE_ADDR="198.51.100.7")
    assert busy.get("/api/v1/me", headers=bearer(plain)).status_code == 200
    assert busy.get("/api/v1/me").status_code == 401  # counted even without a valid token
    assert busy.get("/api/v1/me", headers=bearer(plain)).status_code == 429
    calm = Client(REMOTE_ADDR="198.51.100.8")
    assert calm.get("/api/v1/me", headers=bearer(plain)).status_code == 200


def test_behind_a_proxy_the_forwarded_address_counts(hr: Any, settings: Any) -> None:
    settings.GOVFLEX_API_RATE_PER_ADDRESS = 1
    settings.GOVFLEX_PROXY_COUNT = 1
    proxy = Client(REMOTE_ADDR="10.1.1.1")
    first = proxy.get("/api/v1/me", HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert first.status_code == 401
    other = proxy.get("/api/v1/me", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.6")
    assert other.status_code == 401  # another client behind the same proxy
    again = proxy.get("/api/v1/me", HTTP_X_FORWARDED_FOR="9.9.9.9, 203.0.113.5")
    assert again.status_code == 429  # a forged left-hand entry does not help


def test_web_pages_are_not_rate_limited_by_the_api_limits(hr: Any, settings: Any) -> None:
    settings.GOVFLEX_API_RATE_PER_ADDRESS = 1
    client = Client()
    client.force_login(hr)
    for _ in range(3):
        assert client.get("/").status_code == 200


# ------------------------------------------------------------------ CORS
def test_cors_is_closed_by_default(hr: Any) -> None:
    _t, plain = api_token_create(user=hr, name="a", days=1)
    client = Client()
    preflight = client.options(
        "/api/v1/me",
        HTTP_ORIGIN="https://evil.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization",
    )
    assert "Access-Control-Allow-Origin" not in preflight
    simple = client.get("/api/v1/me", headers=bearer(plain), HTTP_ORIGIN="https://evil.example")
    assert simple.status_code == 200
    assert not [h for h in simple.headers if h.lower().startswith("access-control-")]


def test_cors_allows_only_the_listed_origins(hr: Any, settings: Any) -> None:
    settings.CORS_ALLOWED_ORIGINS = ["https://app.example.go.th"]
    _t, plain = api_token_create(user=hr, name="a", days=1)
    client = Client()
    allowed = client.get(
        "/api/v1/me", headers=bearer(plain), HTTP_ORIGIN="https://app.example.go.th"
    )
    assert allowed["Access-Control-Allow-Origin"] == "https://app.example.go.th"
    other = client.get("/api/v1/me", headers=bearer(plain), HTTP_ORIGIN="https://evil.example")
    assert "Access-Control-Allow-Origin" not in other
    page = client.get("/accounts/login/", HTTP_ORIGIN="https://app.example.go.th")
    assert "Access-Control-Allow-Origin" not in page  # API paths only
