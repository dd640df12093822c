"""Template context: the signed-in user's access, for showing only the menus they can use."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from govflex.org.access import access_for
from govflex.org.models import Role


def access(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    acc = access_for(user)
    agency_ids = acc.agencies()
    return {
        "access": acc,
        "nav": {
            "org_manager": acc.is_admin or any(acc.can_manage_org(a) for a in agency_ids),
            "people": acc.is_admin
            or bool(acc.supervised_paths)
            or any(acc.is_agency_reader(a) for a in agency_ids),
            "audit": acc.is_admin or any(acc.has_role(a, Role.AUDITOR) for a in agency_ids),
        },
    }
