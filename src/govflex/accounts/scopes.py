"""What a personal API token may do: read only or read and write, on which resource groups.

A token never reaches further than its owner's roles; the scope only narrows it. Each API
operation belongs to the resource group of the app that defines it (``govflex.<group>.api…``),
so a new endpoint is covered without a list to maintain. Reads are GET, HEAD and OPTIONS;
every other method writes.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.apps import apps
from django.http import HttpRequest
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from govflex.common.errors import AccessDenied

READ = "read"
WRITE = "write"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

# Resource groups in the order shown on the token form; a group appears once its app exists.
GROUP_LABELS: dict[str, Promise] = {
    "org": _("Organisation (units, people, positions, work sites, imports)"),
    "attendance": _("Attendance (punches, day results, corrections, leave)"),
    "arrangements": _("Work arrangements, requests and rosters"),
    "policies": _("Policies, orders, announcements and assessments"),
    "work": _("Work items, off-site plans and reports"),
    "notifications": _("Notifications and webhooks"),
    "continuity": _("Emergencies and roll call"),
    "eservice": _("Citizen e-services"),
    "surveys": _("Pulse surveys"),
    "insights": _("Dashboards"),
    "accounts": _("My account and tokens"),
    "privacy": _("My data (privacy)"),
}


class TokenScopeDenied(AccessDenied):
    code = "token_scope"


def resource_groups() -> list[tuple[str, Promise]]:
    return [(g, label) for g, label in GROUP_LABELS.items() if apps.is_installed(f"govflex.{g}")]


def group_of(func: Callable[..., Any]) -> str:
    parts = str(getattr(func, "__module__", "")).split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "govflex" else "other"


def require_token_scope(token: Any, *, group: str, method: str) -> None:
    writes = method.upper() not in SAFE_METHODS
    if writes and token.access != WRITE:
        raise TokenScopeDenied(
            gettext("This API token is read-only. Create a token with write access to change data.")
        )
    allowed = list(token.resources or [])
    if allowed and group not in allowed:
        label = str(GROUP_LABELS.get(group, group))
        raise TokenScopeDenied(
            gettext("This API token does not cover “%(group)s”.") % {"group": label},
            details={"resource_group": group, "token_resources": allowed},
        )


def token_scope_check(func: Callable[..., Any]) -> Callable[..., Any]:
    """django-ninja operation decorator (``api.add_decorator``): checks the bearer token's
    scope before the endpoint runs. Browser sessions are not limited by it."""
    group = group_of(func)

    @functools.wraps(func)
    def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        token = getattr(request, "api_token", None)
        if token is not None:
            require_token_scope(token, group=group, method=request.method or "GET")
        return func(request, *args, **kwargs)

    return checked
