"""Sign-in guards on every request: session expiry and the second factor.

- Session expiry: a session ends after ``GOVFLEX_SESSION_IDLE_MINUTES`` without a request
  (``GOVFLEX_SESSION_IDLE_MINUTES_PRIVILEGED`` for privileged roles) and in any case
  ``GOVFLEX_SESSION_MAX_HOURS`` after sign-in.
- Second factor: a user who has a second factor must enter a code before anything else; a user
  whose role requires one (:func:`~govflex.accounts.privilege.two_factor_required`) and has none
  yet is sent to enrolment and can do nothing else until done.
API requests get the API's error format instead of a redirect.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from govflex.accounts.privilege import is_privileged, two_factor_required
from govflex.accounts.twofactor import has_second_factor, session_verified

AUTH_AT = "govflex_auth_at"
SEEN_AT = "govflex_seen_at"
NO_DEVICE = "govflex_2fa_none"  # an optional user without a device: skip the lookup next time
SEEN_RESOLUTION_S = 60  # write the last-seen time at most once a minute


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def _api_error(status: int, code: str, message: str) -> JsonResponse:
    return JsonResponse({"code": code, "message": message, "details": {}}, status=status)


class SessionExpiryMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user: Any = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            expired = self._check(request, user)
            if expired:
                logout(request)
                message = _("Your session expired. Please sign in again.")
                if _is_api(request):
                    return _api_error(401, "session_expired", message)
                messages.info(request, message)
                return redirect_to_login(request.get_full_path())
        return self.get_response(request)

    @staticmethod
    def _check(request: HttpRequest, user: Any) -> bool:
        session = request.session
        now = time.time()
        started = session.get(AUTH_AT)
        seen = session.get(SEEN_AT)
        if started is None or seen is None:
            session[AUTH_AT] = now
            session[SEEN_AT] = now
            return False
        idle_minutes = (
            settings.GOVFLEX_SESSION_IDLE_MINUTES_PRIVILEGED
            if is_privileged(user)
            else settings.GOVFLEX_SESSION_IDLE_MINUTES
        )
        if now - float(seen) > idle_minutes * 60:
            return True
        if now - float(started) > settings.GOVFLEX_SESSION_MAX_HOURS * 3600:
            return True
        if now - float(seen) >= SEEN_RESOLUTION_S:
            session[SEEN_AT] = now
        return False


class TwoFactorMiddleware:
    """Holds a signed-in user at the code or enrolment page until the second factor is done."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user: Any = getattr(request, "user", None)
        if user is None or not user.is_authenticated or self._exempt(request.path):
            return self.get_response(request)
        step = self._step_needed(request, user)
        if step is None:
            return self.get_response(request)
        if _is_api(request):
            return _api_error(
                403,
                "two_factor_required",
                _("Finish two-factor sign-in in the browser first, or use an API token."),
            )
        target = reverse(f"accounts:{step}")
        return HttpResponseRedirect(f"{target}?{urlencode({'next': request.get_full_path()})}")

    @staticmethod
    def _exempt(path: str) -> bool:
        prefixes = (
            "/accounts/two-factor/setup/",
            "/accounts/two-factor/verify/",
            "/accounts/login/",
            "/accounts/logout/",
            "/accounts/language/",
            "/healthz",
            settings.STATIC_URL,
        )
        return path.startswith(prefixes)

    @staticmethod
    def _step_needed(request: HttpRequest, user: Any) -> str | None:
        if session_verified(request):
            return None
        required = two_factor_required(user)
        if not required and request.session.get(NO_DEVICE):
            return None
        if has_second_factor(user):
            return "two_factor_verify"
        if required:
            return "two_factor_setup"
        # Only enrolment (which verifies the session) gives this user a device.
        request.session[NO_DEVICE] = True
        return None
