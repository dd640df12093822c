"""The person's profile, API tokens and roles."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from govflex.accounts.models import ApiToken
from govflex.org.models import RoleGrant
from govflex.privacy.mydata import Sections, Subject, exporter


@exporter("profile")
def profile(subject: Subject) -> Sections:
    user, person = subject.user, subject.person
    row: dict[str, Any] = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "language": getattr(user, "language", ""),
        "thai_digits": getattr(user, "thai_digits", False),
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "location_consent_at": getattr(user, "location_consent_at", None),
    }
    if person is not None:
        row |= {
            "agency": person.agency.name_th,
            "staff_id": person.staff_id,
            "title_th": person.title_th,
            "first_name_th": person.first_name_th,
            "last_name_th": person.last_name_th,
            "first_name_en": person.first_name_en,
            "last_name_en": person.last_name_en,
            "staff_category": person.get_staff_category_display(),
            "unit": person.unit.name_th,
            "position": person.position.title_th,
            "person_email": person.email,
            "phone": person.phone,
            "start_date": person.start_date,
            "end_date": person.end_date,
        }
    yield "profile", _("Profile"), [row]
    tokens = ApiToken.objects.filter(user=user).order_by("created_at")
    yield (
        "api_tokens",
        _("API tokens"),
        (
            {
                "name": t.name,
                "prefix": t.prefix,
                "access": t.access,
                "resources": t.resources,
                "created_at": t.created_at,
                "expires_at": t.expires_at,
                "revoked_at": t.revoked_at,
                "last_used_at": t.last_used_at,
            }
            for t in tokens
        ),
    )


@exporter("roles")
def roles(subject: Subject) -> Sections:
    grants = RoleGrant.objects.filter(user=subject.user).select_related("agency", "unit")
    yield (
        "role_grants",
        _("Roles"),
        (
            {
                "agency": g.agency.name_th,
                "role": g.get_role_display(),
                "unit": g.unit.name_th if g.unit else "",
            }
            for g in grants.order_by("agency_id", "role")
        ),
    )
