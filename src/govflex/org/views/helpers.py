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

from govflex.common.errors import AccessDenied, NotFound
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
