"""Refuse API input carrying NUL characters with a 422 that names the field.

PostgreSQL cannot store U+0000 in text, so such a value reached the database and answered 500
(found by schemathesis, docs/reliability.md); Django's forms refuse it the same way. Checked
before django-ninja parses the request: an error raised while parsing would be a bare 400.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _

NUL = "\x00"


def _nul_paths(value: Any, path: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
    if isinstance(value, str):
        if NUL in value:
            yield path
    elif isinstance(value, dict):
        for key, item in value.items():
            if NUL in str(key):
                yield (*path, str(key))
            yield from _nul_paths(item, (*path, str(key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _nul_paths(item, (*path, str(index)))


def _body(request: HttpRequest) -> Any:
    content_type = request.content_type or ""
    if content_type in {"multipart/form-data", "application/x-www-form-urlencoded"}:
        return {key: request.POST.getlist(key) for key in request.POST}
    # In JSON a NUL can only be written as the escape \u0000: most bodies are not parsed twice.
    if b"\\u0000" not in request.body:
        return None
    try:
        return json.loads(request.body)
    except ValueError:
        return None  # django-ninja answers a body it cannot parse


def nul_errors(request: HttpRequest) -> dict[str, list[str]]:
    query = {key: request.GET.getlist(key) for key in request.GET}
    paths = [(path[:1]) for path in _nul_paths(query, ())]
    paths += list(_nul_paths(_body(request), ()))
    message = _("Text must not contain NUL characters (0x00).")
    return {".".join(path) or "__all__": [message] for path in paths}


def refuse_nul(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """An API view decorator ("view" mode: before parsing, validation and authentication)."""

    @wraps(view)
    def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        fields = nul_errors(request)
        if fields:
            body = {
                "code": "validation_error",
                "message": _("Some values are not valid."),
                "details": {"fields": fields},
            }
            return JsonResponse(body, status=422)
        return view(request, *args, **kwargs)

    return checked
