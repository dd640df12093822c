"""Login throttling and lockout (django-axes): after ``AXES_FAILURE_LIMIT`` wrong passwords for
one username from one address, that pair is locked for ``AXES_COOLOFF_TIME``. Administrators
see the locked pairs and unlock them (audited) on the sign-in security page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from axes.backends import AxesStandaloneBackend
from axes.models import AccessAttempt
from axes.utils import reset as axes_reset
from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from govflex.common.audit import audit_record
from govflex.common.errors import AccessDenied, field_error


class LockoutBackend(AxesStandaloneBackend):  # type: ignore[misc]
    """Refuses a locked-out username and address before the password is even checked.

    Sign-in through the web (login page, admin login, OIDC) always passes the request. Calls
    without one come from code (the test client, a shell) and reach no network client, so they
    are not counted (axes would refuse them outright).
    """

    def authenticate(self, request: Any, username: str | None = None, **kwargs: Any) -> Any:
        if request is None:
            return None
        return super().authenticate(request, username=username, **kwargs)


def cool_off() -> dt.timedelta:
    value = settings.AXES_COOLOFF_TIME
    return value if isinstance(value, dt.timedelta) else dt.timedelta(minutes=15)


def locked_out_response(
    request: HttpRequest, original_response: Any = None, credentials: Any = None
) -> HttpResponse:
    """The page shown instead of the login form while the pair is locked (HTTP 429)."""
    minutes = int(cool_off().total_seconds() // 60)
    response = render(
        request,
        "accounts/locked_out.html",
        {"minutes": minutes, "failure_limit": settings.AXES_FAILURE_LIMIT},
        status=429,
    )
    response["Retry-After"] = str(int(cool_off().total_seconds()))
    return response


@dataclass(frozen=True)
class Lockout:
    username: str
    ip_address: str | None
    failures: int
    last_attempt: dt.datetime
    until: dt.datetime


def lockouts_current(*, actor: Any) -> list[Lockout]:
    """Username and address pairs locked out now (administrators only)."""
    _require_admin(actor)
    since = timezone.now() - cool_off()
    rows = AccessAttempt.objects.filter(
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT, attempt_time__gte=since
    ).order_by("-attempt_time")
    return [
        Lockout(
            username=row.username or "",
            ip_address=row.ip_address,
            failures=row.failures_since_start,
            last_attempt=row.attempt_time,
            until=row.attempt_time + cool_off(),
        )
        for row in rows
    ]


@transaction.atomic
def lockout_clear(*, actor: Any, username: str) -> int:
    """Unlock a username from every address; returns how many records were removed."""
    _require_admin(actor)
    username = username.strip()
    if not username:
        raise field_error("username", _("Enter a username."))
    removed = int(axes_reset(username=username))
    audit_record(
        actor=actor,
        action="user.lockout_clear",
        target_label=username,
        after={"username": username, "records_removed": removed},
    )
    return removed


def _require_admin(actor: Any) -> None:
    if not getattr(actor, "is_superuser", False):
        raise AccessDenied
