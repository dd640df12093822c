"""Walking one route: every role × every variant of its objects, each request rolled back, each
answer judged against the entry (allowed: past the permission check; denied: 403/404, or the
sign-in redirect / 401 for anonymous; never 2xx, never 5xx)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import urlencode

from django.db import transaction
from django.http import HttpResponse

from tests.app.access_matrix.body import body_for, example
from tests.app.access_matrix.expect import Rule
from tests.app.access_matrix.routes import Route
from tests.app.access_matrix.world import MISSING_ID, ROLES, VARIANTS, World

WRITE_OK = {400, 409, 422}  # a write refused on its content got past the permission check
AGENCY_A_ROLES = {"staff", "supervisor", "hr", "executive", "auditor", "central"}


@dataclass(frozen=True)
class Outcome:
    role: str
    variant: str
    method: str
    url: str
    status: int
    problem: str  # "" when the answer is what the entry expects


@cache
def _schema() -> dict[str, Any]:
    from govflex.config.api import api

    return api.get_openapi_schema()


def _operation(route: Route) -> dict[str, Any]:
    return _schema()["paths"][route.template][route.method.lower()]  # type: ignore[no-any-return]


def _value(world: World, ref: str, variant: str) -> str | None:
    """The value a reference takes in one variant (None: the kind has no such variant)."""
    if variant == "missing":
        return "matrixforgedsecret" if ref.startswith("@") else str(MISSING_ID)
    if ref.startswith("@"):
        return world.secrets[ref[1:]].get(variant)
    kind, _dot, attr = ref.partition(".")
    found = world.objects[kind].get(variant)
    if found is None:
        return None
    for name in (attr or "pk").split("."):
        found = getattr(found, name)
    return str(found)


def _request(world: World, route: Route, rule: Rule, role: str, variant: str) -> Any:
    values = {}
    for name, ref in rule.refs.items():
        value = _value(world, ref, variant)
        if value is None:
            return None
        values[name] = value
    path = route.template.format(
        **{**rule.fixed, **{p: values[p] for p in route.params if p in values}}
    )
    query = {k: v for k, v in values.items() if k not in route.params}
    content_type, body = "", None
    if route.is_api:
        operation = _operation(route)
        in_query = {p["name"] for p in operation.get("parameters", []) if p["in"] == "query"}
        for param in operation.get("parameters", []):
            name = param["name"]
            wanted = param["in"] == "query" and param.get("required") and name not in values
            if wanted and f"{name}=" not in rule.query:
                query[name] = str(example(param["schema"], _schema()["components"]["schemas"]))
        content_type, body, in_body = body_for(operation, _schema()["components"]["schemas"])
        for name in list(query):
            if name in in_body and name not in in_query:
                by_key = "." not in rule.refs[name] and not rule.refs[name].startswith("@")
                value = query.pop(name)
                body[name] = int(value) if by_key and value.isdigit() else value
    url = path + (
        "?" + "&".join(filter(None, [urlencode(query), rule.query])) if query or rule.query else ""
    )
    if not route.is_api and rule.data:
        content_type, body = "multipart/form-data", dict(rule.data)
    return url, content_type, body


def _send(
    world: World, role: str, method: str, url: str, content_type: str, body: Any
) -> HttpResponse:
    client = world.client(role)
    cookies = SimpleCookie(client.cookies)  # a sign-out or a language switch must not stick
    with transaction.atomic():
        if method == "GET":
            response = client.get(url)
        elif content_type.startswith("multipart"):
            response = client.generic(method, url) if body is None else client.post(url, body)
        elif content_type:
            response = client.generic(method, url, json.dumps(body), content_type)
        else:  # a page's form, sent empty
            response = client.generic(method, url, "", "application/x-www-form-urlencoded")
        transaction.set_rollback(True)
    client.cookies = cookies
    return response  # type: ignore[no-any-return]


def _login_redirect(response: HttpResponse) -> bool:
    location = response.get("Location", "")
    return response.status_code == 302 and (
        "/accounts/login/" in location or "/admin/login/" in location
    )


def judge(rule: Rule, method: str, allowed: bool, response: HttpResponse, role: str) -> str:
    status = response.status_code
    if status >= 500:
        return f"server error {status}"
    writes = method != "GET"
    if allowed:
        if status in rule.ok:
            return ""
        if status in (401, 403, 404) or _login_redirect(response):
            return f"refused ({status}) but the entry allows it"
        if status == 405:
            return "405: the route does not take this method"
        if status in WRITE_OK and not writes:
            return f"GET answered {status}"
        return ""
    if status in (403, 404) or status in rule.refused:
        return ""
    if rule.checked_late and status in WRITE_OK:
        return ""
    if _login_redirect(response) or (role == "anonymous" and status == 401):
        return ""  # sent to sign in (the admin site does this to signed-in non-staff too)
    if 200 <= status < 300:
        return f"LEAK: {status} where the entry denies"
    if status in WRITE_OK:
        return f"{status} before the permission check (the content was judged first)"
    return f"unexpected {status} where the entry denies"


def forbidden_markers(world: World, role: str) -> list[str]:
    """Texts a role must never be shown: another agency's objects' markers."""
    if role in AGENCY_A_ROLES:
        return [world.markers["foreign"]]
    if role == "other":
        return [world.markers["in"], world.markers["out"]]
    return []


def walk(world: World, route: Route, rule: Rule) -> list[Outcome]:
    outcomes = []
    variants: tuple[str, ...] = ("*",)
    if rule.refs:
        variants = (*VARIANTS, "missing") if rule.probe else VARIANTS
    method = route.method or rule.method
    for role in ROLES:
        statuses: dict[str, int] = {}
        for variant in variants:
            built = _request(world, route, rule, role, variant)
            if built is None:
                continue
            url, content_type, body = built
            response = _send(world, role, method, url, content_type, body)
            statuses[variant] = response.status_code
            if variant == "missing":
                problem = _judge_missing(route, rule, response)
            else:
                problem = judge(rule, method, rule.allowed(role, variant), response, role)
            if not problem and not rule.public and 200 <= response.status_code < 300:
                problem = _scan(world, role, response)
            if problem and 300 <= response.status_code < 400:
                problem += f" (to {response.get('Location', '')})"
            outcomes.append(Outcome(role, variant, method, url, response.status_code, problem))
        # Another agency's object must answer exactly as one that does not exist.
        alien = statuses.get("in" if role == "other" else "foreign")
        missing = statuses.get("missing")
        if role != "admin" and alien in (403, 404) and missing is not None and alien != missing:
            outcomes.append(
                Outcome(
                    role,
                    "foreign",
                    method,
                    "",
                    alien,
                    f"existence shows: another agency's object answers {alien}, a missing one "
                    f"{missing}",
                )
            )
    return outcomes


def _judge_missing(route: Route, rule: Rule, response: HttpResponse) -> str:
    """Nothing may be found under an ID or secret that does not exist (a filter may be empty)."""
    if response.status_code >= 500:
        return f"server error {response.status_code}"
    in_path = any(name in route.params for name in rule.refs)
    if in_path and not rule.missing_ok and 200 <= response.status_code < 300:
        return f"{response.status_code} for an object that does not exist"
    return ""


def _scan(world: World, role: str, response: HttpResponse) -> str:
    if getattr(response, "streaming", False):
        return ""
    kind = response.get("Content-Type", "")
    if not (kind.startswith("text/") or "json" in kind):
        return ""
    text = response.content.decode("utf-8", "replace")
    shown = [m for m in forbidden_markers(world, role) if m in text]
    return f"LEAK: shows {shown}" if shown else ""
