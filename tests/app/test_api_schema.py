"""Schemathesis over the whole OpenAPI schema (issue 10, point 7): every operation, as an HR
officer and as a staff member, with generated parameters and bodies (and once more with the
seeded objects' IDs in the path) — no 5xx, and every documented answer matches its schema.

The app runs in-process (WSGI); each request runs in a savepoint that is rolled back, so the
seeded world stays as it was and nothing is committed. Deterministic: Hypothesis derandomised,
a few examples per operation (``GOVFLEX_SCHEMA_EXAMPLES``, default 6). See docs/reliability.md.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
)

from govflex.config.api import api

EXAMPLES = int(os.environ.get("GOVFLEX_SCHEMA_EXAMPLES", "6"))
CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]
SCHEMA = schemathesis.openapi.from_dict(api.get_openapi_schema())
OPERATIONS = {op.label: op for op in (r.ok() for r in SCHEMA.get_all_operations())}
FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# The mark makes pytest-django create the test database; each test then runs in a savepoint.
pytestmark = pytest.mark.django_db


class World:
    """The seeded objects, the tokens and the path parameters that name real objects."""

    def __init__(self) -> None:
        from govflex.accounts.services import api_token_create
        from govflex.org.models import Role
        from tests.factories import (
            AgencyFactory,
            PersonFactory,
            PositionFactory,
            UnitFactory,
            UserFactory,
            WorkSiteFactory,
            grant,
        )

        agency = AgencyFactory(code="sch")
        unit = UnitFactory(agency=agency, code="S1")
        UnitFactory(agency=agency, parent=unit, code="S11")
        position = PositionFactory(agency=agency, code="SP1")
        site = WorkSiteFactory(agency=agency)
        hr_user = UserFactory(username="schema-hr")
        grant(hr_user, agency, Role.HR)
        PersonFactory(unit=unit, position=position, user=hr_user)
        staff_user = UserFactory(username="schema-staff")
        person = PersonFactory(unit=unit, position=position, user=staff_user)
        self.tokens = {
            "hr": api_token_create(user=hr_user, name="schema", days=1)[1],
            "staff": api_token_create(user=staff_user, name="schema", days=1)[1],
        }
        self.known = {
            "agency_id": agency.pk,
            "unit_id": unit.pk,
            "position_id": position.pk,
            "person_id": person.pk,
            "site_id": site.pk,
        }

    def path_parameters(self, operation: Any) -> dict[str, Any]:
        names = {p.name for p in operation.path_parameters}
        return {name: value for name, value in self.known.items() if name in names}


@pytest.fixture(scope="module")
def world(django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: Any) -> Iterator[World]:
    """Seeded once per module inside a transaction that is rolled back at the end."""
    media = tmp_path_factory.mktemp("schema-media")
    # In-process requests would close the connection (and our transaction) after each answer.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        with (
            django_db_blocker.unblock(),
            override_settings(MEDIA_ROOT=media, PASSWORD_HASHERS=FAST_HASHER, TASKS=IMMEDIATE),
            transaction.atomic(),
        ):
            yield World()
            transaction.set_rollback(True)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


SENT = [0]  # requests made (make chaos prints it: GOVFLEX_SCHEMA_COUNT_FILE)


@pytest.fixture(scope="module", autouse=True)
def _count_requests() -> Iterator[None]:
    yield
    if path := os.environ.get("GOVFLEX_SCHEMA_COUNT_FILE"):
        with open(path, "a", encoding="utf-8") as out:
            out.write(f"{SENT[0]}\n")


def _call(case: Any, app: Any, token: str) -> None:
    SENT[0] += 1
    headers = {"Authorization": f"Bearer {token}", "Accept-Language": "en"}
    with transaction.atomic():
        response = case.call(app=app, headers=headers)
        transaction.set_rollback(True)
    case.validate_response(response, checks=CHECKS, headers=headers)


def test_component_names_are_unique(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two schemas with one class name share one component, and the last one wins: requests
    and answers of the other operation are then described wrongly (django-ninja does not warn).
    """
    from ninja.openapi.schema import OpenAPISchema

    seen: dict[str, Any] = {}
    clashes: set[str] = set()
    original = OpenAPISchema.add_schema_definitions

    def recording(self: OpenAPISchema, definitions: dict[str, Any]) -> None:
        for name, definition in definitions.items():
            if seen.setdefault(name, definition) != definition:
                clashes.add(name)
        original(self, definitions)

    monkeypatch.setattr(OpenAPISchema, "add_schema_definitions", recording)
    api.get_openapi_schema()
    assert not clashes, f"one component name for different schemas: {sorted(clashes)}"


def test_text_with_nul_is_refused_with_the_field_named(world: World) -> None:
    """PostgreSQL cannot store U+0000: the API refuses it (422) before it reaches the database."""
    from werkzeug.test import Client

    client = Client(get_wsgi_application())
    headers = {"Authorization": f"Bearer {world.tokens['hr']}", "Accept-Language": "en"}
    body = {"idempotency_key": "nul\x00key", "staff_id": "x", "note": ["ok", "a\x00"]}
    answer = client.post("/api/v1/punches", json=body, headers=headers)
    assert answer.status_code == 422
    assert answer.json["details"]["fields"] == {
        "idempotency_key": ["Text must not contain NUL characters (0x00)."],
        "note.1": ["Text must not contain NUL characters (0x00)."],
    }
    assert client.get("/api/v1/people?q=a%00b", headers=headers).json["details"]["fields"] == {
        "q": ["Text must not contain NUL characters (0x00)."]
    }
    form = {"device": "t\x00", "file": (io.BytesIO(b"1"), "a.dat")}
    answer = client.post("/api/v1/terminal-logs", data=form, headers=headers)
    assert answer.status_code == 422
    assert client.get("/api/v1/people?q=ab", headers=headers).status_code == 200


@pytest.mark.parametrize("label", sorted(OPERATIONS))
def test_operation(label: str, world: World) -> None:
    operation = OPERATIONS[label]
    app = get_wsgi_application()
    strategies = [operation.as_strategy()]
    known = world.path_parameters(operation)
    if known:
        strategies.append(operation.as_strategy(path_parameters=known))

    for strategy in strategies:

        @settings(
            max_examples=EXAMPLES,
            derandomize=True,
            database=None,
            deadline=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=strategy)
        def run(case: Any) -> None:
            for token in world.tokens.values():
                _call(case, app, token)

        run()
