"""The routes to check, found on every run: pages from the URL resolver, operations from the
OpenAPI schema. Nothing here is declared by hand, so a new endpoint cannot escape the matrix."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

API_PREFIX = "/api/v1"
_CONVERTER = re.compile(r"<(?:(?P<conv>[a-z]+):)?(?P<name>\w+)>")
_GROUP = re.compile(r"\(\?P<(?P<name>\w+)>[^)]*\)")


@dataclass(frozen=True)
class Route:
    key: str  # the table key: a URL name ("org:person"), or "METHOD /api/v1/path"
    template: str  # "/org/people/{person_id}/"
    params: tuple[str, ...]  # path parameters, in order
    method: str = ""  # API operations only: the one method of the operation

    @property
    def is_api(self) -> bool:
        return bool(self.method)


def _walk(resolver: URLResolver, prefix: str, namespace: str) -> Iterator[tuple[str, str, object]]:
    for item in resolver.url_patterns:
        if isinstance(item, URLResolver):
            inner = namespace
            if item.namespace:
                inner = f"{namespace}:{item.namespace}" if namespace else item.namespace
            yield from _walk(item, prefix + str(item.pattern), inner)
        elif isinstance(item, URLPattern):
            name = f"{namespace}:{item.name}" if namespace and item.name else item.name or ""
            yield prefix + str(item.pattern), name, item.callback


def _template(pattern: str) -> tuple[str, tuple[str, ...]]:
    if "(?P<" in pattern:  # a regular expression (the admin site, media in development)
        pattern = _GROUP.sub(lambda m: "<" + m.group("name") + ">", pattern)
        pattern = pattern.replace("^", "").replace("$", "")
    names = tuple(m.group("name") for m in _CONVERTER.finditer(pattern))
    return "/" + _CONVERTER.sub(lambda m: "{" + m.group("name") + "}", pattern), names


def _is_ninja_operation(callback: object) -> bool:
    return getattr(callback, "__module__", "") == "ninja.operation"


def api_operations() -> list[Route]:
    """Every operation of the OpenAPI schema: one route per path and method."""
    from govflex.config.api import api

    routes = []
    for path, operations in api.get_openapi_schema()["paths"].items():
        for method, operation in operations.items():
            params = tuple(
                p["name"] for p in operation.get("parameters", []) if p.get("in") == "path"
            )
            routes.append(Route(f"{method.upper()} {path}", path, params, method.upper()))
    return sorted(routes, key=lambda r: r.key)


def api_query_parameters() -> dict[str, tuple[str, ...]]:
    """Query parameters of each operation (to find object references passed in the query)."""
    from govflex.config.api import api

    found = {}
    for path, operations in api.get_openapi_schema()["paths"].items():
        for method, operation in operations.items():
            names = tuple(
                p["name"] for p in operation.get("parameters", []) if p.get("in") == "query"
            )
            found[f"{method.upper()} {path}"] = names
    return found


def pages() -> list[Route]:
    """Every URL pattern that is not an operation of the schema. API patterns missing from the
    schema (include_in_schema=False) stay here, so they are checked as pages."""
    schema_paths = {r.template for r in api_operations()}
    seen: dict[str, int] = {}
    routes = []
    for pattern, name, callback in _walk(get_resolver(), "", ""):
        template, params = _template(pattern)
        if _is_ninja_operation(callback) and template in schema_paths:
            continue
        key = name or pattern
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:  # one name on two patterns: tell them apart by the pattern
            key = f"{key} {pattern}"
        routes.append(Route(key, template, params))
    return sorted(routes, key=lambda r: r.key)
