"""Who holds a privileged role: two-factor sign-in, a longer password and a shorter idle time.

Privileged: HR officers, executives and auditors (in any agency), Django staff and system
administrators. They see or change other people's personal data, so a stolen password alone
must not be enough (issue 10; NIST SP 800-63B AAL2 for such access).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

from govflex.org.access import access_for
from govflex.org.models import Role

PRIVILEGED_ROLES = frozenset({Role.HR, Role.EXECUTIVE, Role.AUDITOR})


def is_privileged(user: Any) -> bool:
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser or user.is_staff:
        return True
    access = access_for(user)
    return any(roles & PRIVILEGED_ROLES for roles in access.roles.values())


def two_factor_required(user: Any) -> bool:
    """Must this user sign in with a second factor? Off when GOVFLEX_REQUIRE_2FA is off (demo)."""
    return bool(getattr(settings, "GOVFLEX_REQUIRE_2FA", True)) and is_privileged(user)
