"""Citizen e-service API: the staff side scoped like the pages, and the public status endpoint
that answers without sign-in and without leaks."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from govflex.core.eservice.tracking import display, make_code
from govflex.eservice.clock import forget_intake_contexts
from govflex.org.models import Role
from tests.factories import PersonFactory, UserFactory, user_with_role
from tests.factories.eservice import ServiceFactory, pdf, submit


@pytest.fixture(autouse=True)
def _clean(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path
    cache.clear()
    forget_intake_contexts()


@pytest.fixture
def api(org: dict[str, Any]) -> dict[str, Any]:
    service = ServiceFactory(unit=org["unit_a"])
    member = PersonFactory(unit=org["unit_a"], position=org["position"], user=UserFactory()).user
    stranger = PersonFactory(unit=org["unit_b"], position=org["position"], user=UserFactory()).user
    return {
        "service": service,
        "request": submit(service, files=[pdf()]),
        "member": member,
        "stranger": stranger,
        "hr": user_with_role(org["agency"], Role.HR),
        **org,
    }


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_staff_list_get_and_act_through_the_api(api: dict[str, Any]) -> None:
    client = _client(api["member"])
    listed = client.get("/api/v1/eservice/requests?status=open").json()
    assert listed["count"] == 1
    row = listed["items"][0]
    assert row["tracking_code"] == display(api["request"].tracking_code)
    assert row["clock"]["state"] in {"on_track", "due_soon"}
    detail = client.get(f"/api/v1/eservice/requests/{row['id']}").json()
    assert detail["answers"] == {"house_no": "12/3"}
    assert detail["files"][0]["content_type"] == "application/pdf"
    assert [e["kind"] for e in detail["history"]] == ["submitted"]
    base = f"/api/v1/eservice/requests/{row['id']}"
    accepted = client.post(f"{base}/accept", {}, content_type="application/json")
    assert accepted.status_code == 200
    assert accepted.json()["status"] == "in_progress"
    note = client.post(f"{base}/notes", {"text": "ตรวจแล้ว"}, content_type="application/json")
    assert note.status_code == 201
    refused = client.post(f"{base}/reject", {"message": ""}, content_type="application/json")
    assert refused.status_code == 422
    assert refused.json()["code"] == "validation_error"
    assert "message" in refused.json()["details"]["fields"]
    done = client.post(f"{base}/complete", {"message": "เสร็จ"}, content_type="application/json")
    assert done.json()["status"] == "completed"
    assert done.json()["sla_met"] is True
    wrong = client.post(f"{base}/accept", {}, content_type="application/json")
    assert wrong.status_code == 422
    assert set(wrong.json()) == {"code", "message", "details"}


def test_out_of_scope_requests_are_not_found(api: dict[str, Any]) -> None:
    client = _client(api["stranger"])
    assert client.get("/api/v1/eservice/requests").json()["count"] == 0
    url = f"/api/v1/eservice/requests/{api['request'].pk}"
    assert client.get(url).status_code == 404
    answer = client.post(f"{url}/accept", {}, content_type="application/json")
    assert answer.status_code == 404
    assert answer.json()["code"] == "not_found"
    assert Client().get("/api/v1/eservice/requests").status_code == 401


def test_catalogue_read(api: dict[str, Any]) -> None:
    client = _client(api["member"])
    services = client.get("/api/v1/eservice/services").json()
    assert [s["code"] for s in services] == [api["service"].code]
    assert services[0]["form_fields"][0]["name"] == "house_no"
    one = client.get(f"/api/v1/eservice/services/{api['service'].pk}")
    assert one.json()["sla_unit"] == "working_days"
    foreign = _client(user_with_role(api["other"], Role.HR))
    assert foreign.get(f"/api/v1/eservice/services/{api['service'].pk}").status_code == 404


def test_public_status_needs_no_sign_in_and_leaks_nothing(api: dict[str, Any]) -> None:
    request = api["request"]
    client = Client()
    found = client.get(f"/api/v1/public/eservice/status/{display(request.tracking_code)}")
    assert found.status_code == 200
    body = found.json()
    assert body["status"] == "received"
    assert body["service_name_th"] == api["service"].name_th
    text = found.content.decode()
    for secret in ("มาลี", "malee@example.com", "12/3", "applicant"):
        assert secret not in text
    guesses = [make_code("23456789ABC"), make_code("BCDEFGHJKMN")]
    answers = [client.get(f"/api/v1/public/eservice/status/{g}") for g in guesses]
    assert [a.status_code for a in answers] == [404, 404]
    assert answers[0].json() == answers[1].json()
    malformed = client.get("/api/v1/public/eservice/status/ABCD-EFGH")
    assert malformed.status_code == 422
    assert malformed.json()["code"] == "tracking_code_invalid"
    assert malformed.json()["details"]["fields"]["code"]


def test_public_status_is_rate_limited(api: dict[str, Any], settings: Any) -> None:
    settings.GOVFLEX_ESERVICE_RATE_LIMITS = {"track": (2, 600)}
    client = Client(REMOTE_ADDR="192.0.2.44")
    url = f"/api/v1/public/eservice/status/{api['request'].tracking_code}"
    assert [client.get(url).status_code for _ in range(3)] == [200, 200, 429]
    limited = client.get(url).json()
    assert limited["code"] == "rate_limited"
    assert limited["details"]["retry_after"] > 0
