"""The access matrix (issue 10, point 3): every page of the URL configuration and every operation
of the OpenAPI schema, for every role, on objects inside and outside the role's scope. The routes
are found on every run; the expectations are the tables in tests/app/access_matrix/. A route
missing from the tables, an entry for a route that is gone, a 2xx out of scope, a refusal in
scope, or any 5xx fails. See docs/security.md, "Access matrix"."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import override_settings

from tests.app.access_matrix.check import walk
from tests.app.access_matrix.discover import guess
from tests.app.access_matrix.expect import Rule
from tests.app.access_matrix.objects import build_objects
from tests.app.access_matrix.routes import Route, api_operations, pages
from tests.app.access_matrix.tables import TABLE, rules_for
from tests.app.access_matrix.world import ROLES, World, build_people

ROUTES = pages() + api_operations()
FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(scope="module")
def world(django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: Any) -> Iterator[World]:
    """One world for the module, committed; every request in it is rolled back."""
    media = tmp_path_factory.mktemp("matrix-media")
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media, PASSWORD_HASHERS=FAST_HASHER, TASKS=IMMEDIATE),
    ):
        built = build_people()
        build_objects(built)
        for role in ROLES:
            built.client(role)  # sessions are made now, outside the tests' transactions
        yield built
        call_command("flush", interactive=False, verbosity=0)


def test_every_route_has_an_entry_and_every_entry_a_route() -> None:
    keys = {route.key for route in ROUTES}
    missing = sorted(k for k in keys if not rules_for(k))
    stale = sorted(k for k in TABLE if k not in keys)
    assert not missing, f"routes without an access-matrix entry: {missing}"
    assert not stale, f"access-matrix entries for routes that no longer exist: {stale}"


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.key)
def test_route(route: Route, world: World, db: Any) -> None:
    rules = rules_for(route.key)
    if not rules:
        pytest.fail(f"no access-matrix entry for {route.key}")
    problems = [
        f"{o.role:<10} {o.variant:<8} {o.method} {o.url} → {o.status}: {o.problem}"
        for rule in rules
        for o in walk(world, route, rule)
        if o.problem
    ]
    assert not problems, "\n" + "\n".join(problems)


@pytest.mark.skipif(not os.environ.get("ACCESS_MATRIX_DISCOVER"), reason="a tool, not a test")
def test_discover(world: World, db: Any) -> None:
    """Print what every role gets on routes (all, or those without an entry)."""
    lines = []
    only_new = os.environ["ACCESS_MATRIX_DISCOVER"] == "new"
    for route in ROUTES:
        if only_new and rules_for(route.key):
            continue
        if not route.key.startswith(os.environ.get("ACCESS_MATRIX_ONLY", "")):
            continue
        rule: Rule = guess(route)
        for method in ("GET",) if route.is_api else ("GET", "POST"):
            seen: dict[str, list[str]] = {}
            for o in walk(world, route, replace(rule, method=method)):
                seen.setdefault(o.role, []).append(f"{o.variant[0]}{o.status}")
            cells = " ".join(f"{r}:{','.join(v)}" for r, v in seen.items())
            lines.append(f"{route.key} | {method} | {rule.refs} | {cells}")
    out = Path(os.environ.get("ACCESS_MATRIX_OUT", "var/access-matrix.txt"))
    out.write_text("\n".join(lines))
