"""Applies the signed-in user's language and digit preference to each request."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import translation

from govflex.common.context import DisplayPreferences, display_var


class UserPreferencesMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        prefs = DisplayPreferences()
        if user is not None and user.is_authenticated:
            # API clients choose with Accept-Language; the browser follows the user's choice.
            if not (request.path.startswith("/api/") and "Accept-Language" in request.headers):
                language = getattr(user, "language", "th")
                translation.activate(language)
                request.LANGUAGE_CODE = language
            prefs = DisplayPreferences(thai_digits=bool(getattr(user, "thai_digits", False)))
        token = display_var.set(prefs)
        try:
            response = self.get_response(request)
        finally:
            display_var.reset(token)
        if user is not None and user.is_authenticated:
            response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        return response
