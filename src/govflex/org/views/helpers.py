"""Small helpers shared by the organisation's views."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import render

from govflex.common.errors import AccessDenied, DomainError, NotFound, error_text
from govflex.org.access import Access, access_for
from govflex.org.models import Agency
from govflex.org.selectors import agency_get, default_agency

F = TypeVar("F", bound=Callable[..., HttpResponseBase])


def domain_errors(view: F) -> F:
    """Turn AccessDenied into a 403 page and NotFound into a 404 page."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        try:
            return view(request, *args, **kwargs)
        except AccessDenied:
            return render(request, "403.html", status=403)
        except NotFound:
            return render(request, "404.html", status=404)

    return wrapper  # type: ignore[return-value]


def access_of(request: HttpRequest) -> Access:
    return access_for(request.user)


def chosen_agency(request: HttpRequest) -> Agency:
    """The agency in ``?agency=`` (if visible to the user) or the user's own."""
    access = access_of(request)
    raw = request.GET.get("agency", "")
    if raw.isdigit():
        return agency_get(access=access, agency_id=int(raw))
    agency = default_agency(access=access)
    if agency is None:
        raise NotFound
    return agency


def paginate(request: HttpRequest, queryset: QuerySet[Any], per_page: int = 50) -> dict[str, Any]:
    page: Page[Any] = Paginator(queryset, per_page).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return {"page_obj": page, "querystring": (query.urlencode() + "&") if query else ""}


def form_errors(form: Any, exc: DomainError) -> None:
    """Put a service's refusal on the form: field messages beside their fields, the rest (and
    rule reasons such as coverage shortfalls) at the top."""
    fields = exc.details.get("fields", {})
    for field, errors in fields.items():
        for error in errors:
            form.add_error(field if field in form.fields else None, str(error))
    if not fields:
        form.add_error(None, error_text(exc))
